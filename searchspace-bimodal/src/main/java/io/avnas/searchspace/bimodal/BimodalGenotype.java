package io.avnas.searchspace.bimodal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.avnas.api.searchspace.Genotype;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A derived bimodal architecture, serialised as the {@code genotype.json} contract (format 1).
 *
 * @param features every feature name of the search space, in order
 * @param sizes the search space's sizes
 * @param cells one entry per step node: its two input features and its inner nodes
 * @param probabilities the deterministic probability tables it was derived from
 * @param entropy mean row entropy (nats) of each table: alpha, beta, gamma
 * @param estimator the estimator's settings (id, tau, K, forward, ...) as recorded
 * @param seed the run's seed, or null
 */
public record BimodalGenotype(List<String> features, Sizes sizes, List<Cell> cells, Probabilities probabilities,
    Map<String, Double> entropy, JsonObject estimator, Long seed) implements Genotype {
  public static final int FORMAT = 1;
  public static final String SEARCH_SPACE = "bimodal";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  /** The sizes recorded in the genotype (C, L, steps, multiplier, node_steps, node_multiplier). */
  public record Sizes(int channels, int length, int steps, int multiplier, int nodeSteps, int nodeMultiplier) {}

  /** A step node: x = inputs[0], y = inputs[1]. */
  public record Cell(List<String> inputs, List<InnerNode> nodes) {
    public Cell {
      inputs = List.copyOf(inputs);
      nodes = List.copyOf(nodes);
    }
  }

  /** An inner node: its two predecessors (0 = x, 1 = y, 2.. = earlier inner nodes) and its op. */
  public record InnerNode(List<Integer> inputs, FusionOp op) {
    public InnerNode {
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(op, "op");
    }
  }

  /**
   * @param alpha rows × [zero, identity], rows in alpha order (per step node: features, then earlier step nodes)
   * @param beta per step node, rows × [zero, identity]
   * @param gamma per step node, inner nodes × ops (zero, sum, attention, linear_glu, concat_fc)
   */
  public record Probabilities(List<List<Double>> alpha, List<List<List<Double>>> beta, List<List<List<Double>>> gamma) {}

  public BimodalGenotype {
    features = List.copyOf(features);
    cells = List.copyOf(cells);
    entropy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entropy));
    estimator = estimator == null ? new JsonObject() : estimator.deepCopy();
  }

  @Override
  public String searchSpace() {
    return SEARCH_SPACE;
  }

  /** The features the genotype uses, in feature order. */
  public List<String> usedFeatures() {
    List<String> used = new ArrayList<>();
    for (String f : features) {
      if (cells.stream().anyMatch(c -> c.inputs().contains(f))) {
        used.add(f);
      }
    }
    return used;
  }

  @Override
  public String toJson() {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("searchspace", SEARCH_SPACE);
    root.add("features", GSON.toJsonTree(features));
    JsonObject config = new JsonObject();
    config.addProperty("C", sizes.channels());
    config.addProperty("L", sizes.length());
    config.addProperty("steps", sizes.steps());
    config.addProperty("multiplier", sizes.multiplier());
    config.addProperty("node_steps", sizes.nodeSteps());
    config.addProperty("node_multiplier", sizes.nodeMultiplier());
    root.add("config", config);
    JsonArray cellArray = new JsonArray();
    for (Cell cell : cells) {
      JsonObject c = new JsonObject();
      c.add("inputs", GSON.toJsonTree(cell.inputs()));
      JsonArray nodes = new JsonArray();
      for (InnerNode node : cell.nodes()) {
        JsonObject o = new JsonObject();
        o.add("inputs", GSON.toJsonTree(node.inputs()));
        o.addProperty("op", node.op().jsonName());
        nodes.add(o);
      }
      c.add("nodes", nodes);
      cellArray.add(c);
    }
    root.add("cells", cellArray);
    JsonObject probs = new JsonObject();
    probs.add("alpha", GSON.toJsonTree(probabilities.alpha()));
    probs.add("beta", GSON.toJsonTree(probabilities.beta()));
    probs.add("gamma", GSON.toJsonTree(probabilities.gamma()));
    root.add("probabilities", probs);
    root.add("entropy", GSON.toJsonTree(entropy));
    root.add("estimator", estimator);
    if (seed == null) {
      root.add("seed", com.google.gson.JsonNull.INSTANCE);
    } else {
      root.addProperty("seed", seed);
    }
    return GSON.toJson(root) + "\n";
  }

  /** Reads genotype.json; the message of a failure names what is wrong. */
  public static BimodalGenotype parse(String json) {
    try {
      JsonObject root = GSON.fromJson(json, JsonObject.class);
      int format = root.get("format").getAsInt();
      if (format != FORMAT) {
        throw new IllegalArgumentException("genotype.json format " + format + " is not supported (expected " + FORMAT + ")");
      }
      String space = root.get("searchspace").getAsString();
      if (!SEARCH_SPACE.equals(space)) {
        throw new IllegalArgumentException("genotype.json is for search space \"" + space + "\", not \"bimodal\"");
      }
      List<String> features = strings(root.getAsJsonArray("features"));
      JsonObject c = root.getAsJsonObject("config");
      Sizes sizes = new Sizes(c.get("C").getAsInt(), c.get("L").getAsInt(), c.get("steps").getAsInt(),
          c.get("multiplier").getAsInt(), c.get("node_steps").getAsInt(), c.get("node_multiplier").getAsInt());
      List<Cell> cells = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray("cells")) {
        JsonObject cell = e.getAsJsonObject();
        List<InnerNode> nodes = new ArrayList<>();
        for (JsonElement n : cell.getAsJsonArray("nodes")) {
          JsonObject node = n.getAsJsonObject();
          List<Integer> inputs = new ArrayList<>();
          node.getAsJsonArray("inputs").forEach(i -> inputs.add(i.getAsInt()));
          nodes.add(new InnerNode(inputs, FusionOp.fromJson(node.get("op").getAsString())));
        }
        cells.add(new Cell(strings(cell.getAsJsonArray("inputs")), nodes));
      }
      JsonObject p = root.getAsJsonObject("probabilities");
      Probabilities probabilities = new Probabilities(matrix(p.getAsJsonArray("alpha")), tensor(p.getAsJsonArray("beta")),
          tensor(p.getAsJsonArray("gamma")));
      Map<String, Double> entropy = new LinkedHashMap<>();
      root.getAsJsonObject("entropy").entrySet().forEach(en -> entropy.put(en.getKey(), en.getValue().getAsDouble()));
      JsonElement seed = root.get("seed");
      return new BimodalGenotype(features, sizes, cells, probabilities, entropy, root.getAsJsonObject("estimator"),
          seed == null || seed.isJsonNull() ? null : seed.getAsLong());
    } catch (JsonParseException | NullPointerException | IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException("genotype.json is malformed: " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static List<List<Double>> matrix(JsonArray array) {
    List<List<Double>> out = new ArrayList<>();
    for (JsonElement row : array) {
      List<Double> r = new ArrayList<>();
      row.getAsJsonArray().forEach(v -> r.add(v.getAsDouble()));
      out.add(r);
    }
    return out;
  }

  private static List<List<List<Double>>> tensor(JsonArray array) {
    List<List<List<Double>>> out = new ArrayList<>();
    array.forEach(m -> out.add(matrix(m.getAsJsonArray())));
    return out;
  }
}
