package io.avnas.runner.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.avnas.runner.files.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a {@code genotype.json} as inline SVG: the backbone features on the left, the fusion cells
 * in the middle (each listing its inner nodes as {@code n0 = op(x, y)}), the classifier on the right.
 * Every text is escaped; names that are neither a feature nor an earlier cell get their own box.
 */
final class GenotypeSvg {
  private static final Pattern CELL_REF = Pattern.compile("(?i)(?:cell|step)[ _.-]?(\\d+)");
  private static final int MARGIN = 16;
  private static final int FEATURE_X = MARGIN;
  private static final int FEATURE_W = 170;
  private static final int BOX_H = 28;
  private static final int FEATURE_GAP = 12;
  private static final int CELL_X = 300;
  private static final int CELL_W = 270;
  private static final int LINE_H = 18;
  private static final int CELL_GAP = 24;
  private static final int OUT_X = 640;
  private static final int OUT_W = 110;

  private GenotypeSvg() {}

  /** Left or right anchor of a box, for edges. */
  private record Box(int x, int y, int w, int h) {
    int right() {
      return x + w;
    }

    int middle() {
      return y + h / 2;
    }
  }

  static String draw(JsonObject genotype) {
    List<String> features = new ArrayList<>();
    JsonArray featureArray = genotype.has("features") && genotype.get("features").isJsonArray()
        ? genotype.getAsJsonArray("features") : new JsonArray();
    featureArray.forEach(f -> features.add(Html.text(f)));
    List<JsonObject> cells = new ArrayList<>();
    if (genotype.has("cells") && genotype.get("cells").isJsonArray()) {
      for (JsonElement cell : genotype.getAsJsonArray("cells")) {
        if (cell.isJsonObject()) {
          cells.add(cell.getAsJsonObject());
        }
      }
    }
    // Extra boxes for inputs that are neither features nor cells, so nothing is silently dropped.
    for (JsonObject cell : cells) {
      for (String input : inputs(cell)) {
        if (!features.contains(input) && cellIndex(input, cells.size()) < 0) {
          features.add(input);
        }
      }
    }

    Map<String, Box> featureBoxes = new LinkedHashMap<>();
    int y = MARGIN + 20;
    for (String feature : features) {
      featureBoxes.put(feature, new Box(FEATURE_X, y, FEATURE_W, BOX_H));
      y += BOX_H + FEATURE_GAP;
    }
    int featuresBottom = y;

    List<Box> cellBoxes = new ArrayList<>();
    y = MARGIN + 20;
    for (JsonObject cell : cells) {
      int h = 30 + LINE_H * Math.max(1, nodes(cell).size());
      cellBoxes.add(new Box(CELL_X, y, CELL_W, h));
      y += h + CELL_GAP;
    }
    int height = Math.max(Math.max(featuresBottom, y), MARGIN + 20 + 60) + MARGIN;
    int outY = (MARGIN + 20 + height - MARGIN) / 2 - BOX_H / 2;
    Box output = new Box(OUT_X, outY, OUT_W, BOX_H);

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"genotype\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"12\">\n",
        OUT_X + OUT_W + MARGIN, height, OUT_X + OUT_W + MARGIN, height));
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
    heading(svg, FEATURE_X, "features");
    heading(svg, CELL_X, "fusion cells");
    heading(svg, OUT_X, "output");

    for (int c = 0; c < cells.size(); c++) {
      Box cellBox = cellBoxes.get(c);
      List<String> inputs = inputs(cells.get(c));
      for (int i = 0; i < inputs.size(); i++) {
        String input = inputs.get(i);
        int targetY = cellBox.y() + (i + 1) * cellBox.h() / (inputs.size() + 1);
        int from = cellIndex(input, cells.size());
        Box source = from >= 0 ? cellBoxes.get(from) : featureBoxes.get(input);
        String label = i == 0 ? "x" : i == 1 ? "y" : "in" + i;
        edge(svg, source.right(), source.middle(), cellBox.x(), targetY, label);
      }
      edge(svg, cellBox.right(), cellBox.middle(), output.x(), output.middle(), null);
    }
    List<String> used = cells.stream().flatMap(c -> inputs(c).stream()).toList();
    // Features no cell reads are drawn muted: the search discarded them.
    features.forEach(f -> box(svg, featureBoxes.get(f), used.contains(f) ? "#e8f0fe" : "#f4f4f4",
        used.contains(f) ? "#1f4e9c" : "#aaaaaa", f));
    for (int c = 0; c < cells.size(); c++) {
      drawCell(svg, cellBoxes.get(c), c, cells.get(c));
    }
    box(svg, output, "#fdecea", "#9c1f1f", "classifier");
    return svg.append("</svg>\n").toString();
  }

  private static void drawCell(StringBuilder svg, Box box, int index, JsonObject cell) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#eef7ee\" stroke=\"#2b7a2b\"/>\n",
        box.x(), box.y(), box.w(), box.h()));
    text(svg, box.x() + 8, box.y() + 18, "cell " + index, "bold");
    List<JsonObject> nodes = nodes(cell);
    for (int n = 0; n < nodes.size(); n++) {
      JsonObject node = nodes.get(n);
      String op = Json.string(node, "op").orElse("?");
      List<String> args = new ArrayList<>();
      if (node.has("inputs") && node.get("inputs").isJsonArray()) {
        node.getAsJsonArray("inputs").forEach(a -> args.add(argName(a)));
      }
      String line = "n" + n + " = " + op + "(" + String.join(", ", args) + ")";
      text(svg, box.x() + 16, box.y() + 36 + n * LINE_H, line, "normal");
    }
    if (nodes.isEmpty()) {
      text(svg, box.x() + 16, box.y() + 36, "(no inner nodes)", "normal");
    }
  }

  /** Inner-node input index: 0 = the cell's x, 1 = its y, 2.. = earlier inner nodes. */
  private static String argName(JsonElement index) {
    if (!index.isJsonPrimitive() || !index.getAsJsonPrimitive().isNumber()) {
      return Html.text(index);
    }
    int i = index.getAsInt();
    return i == 0 ? "x" : i == 1 ? "y" : "n" + (i - 2);
  }

  private static List<String> inputs(JsonObject cell) {
    List<String> inputs = new ArrayList<>();
    if (cell.has("inputs") && cell.get("inputs").isJsonArray()) {
      cell.getAsJsonArray("inputs").forEach(i -> inputs.add(Html.text(i)));
    }
    return inputs;
  }

  private static List<JsonObject> nodes(JsonObject cell) {
    List<JsonObject> nodes = new ArrayList<>();
    if (cell.has("nodes") && cell.get("nodes").isJsonArray()) {
      cell.getAsJsonArray("nodes").forEach(n -> {
        if (n.isJsonObject()) {
          nodes.add(n.getAsJsonObject());
        }
      });
    }
    return nodes;
  }

  /** The index of an earlier cell named like {@code cell0} or {@code step1}, or -1. */
  private static int cellIndex(String name, int cells) {
    Matcher m = CELL_REF.matcher(name.trim());
    if (m.matches()) {
      int i = Integer.parseInt(m.group(1));
      return i < cells ? i : -1;
    }
    return -1;
  }

  private static void heading(StringBuilder svg, int x, String title) {
    text(svg, x, MARGIN + 4, title, "bold");
  }

  private static void box(StringBuilder svg, Box box, String fill, String stroke, String label) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\"/>\n",
        box.x(), box.y(), box.w(), box.h(), fill, stroke));
    text(svg, box.x() + 8, box.y() + 18, label, "normal");
  }

  private static void edge(StringBuilder svg, int x1, int y1, int x2, int y2, String label) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/>\n",
        x1, y1, x2, y2));
    if (label != null) {
      text(svg, x2 - 14, y2 - 4, label, "normal");
    }
  }

  private static void text(StringBuilder svg, int x, int y, String content, String weight) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>\n",
        x, y, weight, Html.escape(content)));
  }
}
