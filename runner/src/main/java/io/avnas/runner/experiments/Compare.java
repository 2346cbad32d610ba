package io.avnas.runner.experiments;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avnas.runner.report.AtomicWrite;
import io.avnas.runner.report.EntropyComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares estimators on the same data, seeds and budget: one run per estimator in
 * {@code <root>/<estimator>/}, differing only in {@code avnas.estimator.id}; then one table in the
 * style of paper Table 2, written as {@code compare.md} and {@code compare.json} in {@code <root>}.
 */
public final class Compare {
  public static final String MARKDOWN = "compare.md";
  public static final String JSON = "compare.json";
  /** The architecture tables whose entropy paper Fig. 2 compares across estimators. */
  static final List<String> ENTROPY_TABLES = List.of("alpha", "gamma");

  private final CompareSettings settings;

  public Compare(CompareSettings settings) {
    this.settings = settings;
  }

  /** One run per estimator, in the configured order. */
  public List<PlannedRun> plan() {
    List<PlannedRun> runs = new ArrayList<>();
    for (String estimator : settings.estimators()) {
      Map<String, String> overrides = new HashMap<>(ExperimentFolders.runFolder(settings.root(), estimator));
      overrides.put("avnas.estimator.id", Markdown.quoted(estimator));
      runs.add(new PlannedRun(estimator, settings.root().resolve(estimator), overrides));
    }
    return runs;
  }

  /** Runs what is not finished, then gathers and writes the table. */
  public Table run(RunLauncher launcher, PrintWriter progress) throws IOException {
    RunQueue.run("compare", plan(), launcher, progress);
    Table table = gather();
    table.write(settings.root());
    return table;
  }

  /** Reads every planned run's results; unfinished runs are listed as missing. */
  public Table gather() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (PlannedRun run : plan()) {
      rows.add(new Row(run, RunResult.read(run.results())));
    }
    return new Table(settings.root(), rows);
  }

  /** One estimator's row; {@code result} is empty when its run has not finished. */
  public record Row(PlannedRun run, Optional<RunResult> result) {}

  /** The gathered comparison. */
  public record Table(Path root, List<Row> rows) {
    public Table {
      rows = List.copyOf(rows);
    }

    public List<PlannedRun> missing() {
      return rows.stream().filter(r -> r.result().isEmpty()).map(Row::run).toList();
    }

    /**
     * Paper Table 2 style: AUC, ACC and EER in percent, parameters, search time in seconds; then,
     * for each cross-dataset provider any run evaluated on (paper Table 3), its AUC and ACC.
     */
    public String markdown() {
      List<String> crossIds = crossIds();
      List<String> header = new ArrayList<>(
          List.of("Estimator", "AUC (%)", "ACC (%)", "EER (%)", "Params", "Params (M)", "Search time (s)"));
      crossIds.forEach(id -> header.addAll(List.of("AUC on " + id + " (%)", "ACC on " + id + " (%)")));
      List<List<String>> cells = new ArrayList<>();
      for (Row row : rows) {
        List<String> line = new ArrayList<>(List.of(row.run().label()));
        if (row.result().isEmpty()) {
          line.add("missing");
          while (line.size() < header.size()) {
            line.add("");
          }
          cells.add(line);
          continue;
        }
        RunResult r = row.result().get();
        line.addAll(List.of(Markdown.percent(r.auc()), Markdown.percent(r.acc()), Markdown.percent(r.eer()),
            Markdown.count(r.params()), Markdown.millions(r.params()), Markdown.seconds(r.searchSeconds())));
        for (String id : crossIds) {
          RunResult.Cross c = r.cross().get(id);
          line.add(c == null ? "n/a" : Markdown.percent(c.auc()));
          line.add(c == null ? "n/a" : Markdown.percent(c.acc()));
        }
        cells.add(line);
      }
      StringBuilder out = new StringBuilder("## Estimator comparison (paper Table 2 style)\n\n");
      out.append(Markdown.table(header, cells, 1));
      appendMissing(out, missing());
      return out.toString();
    }

    /** Cross-dataset provider ids in order of first appearance over the rows. */
    private List<String> crossIds() {
      Set<String> ids = new LinkedHashSet<>();
      rows.forEach(r -> r.result().ifPresent(result -> ids.addAll(result.cross().keySet())));
      return List.copyOf(ids);
    }

    /** The same numbers as in the runs' results.json (fractions, seconds), plus where each run is. */
    public JsonObject json() {
      JsonObject root = new JsonObject();
      root.addProperty("format", 1);
      root.addProperty("table", "compare");
      JsonArray array = new JsonArray();
      for (Row row : rows) {
        JsonObject o = new JsonObject();
        o.addProperty("estimator", row.run().label());
        o.addProperty("run_dir", row.run().runDir().toString());
        o.addProperty("finished", row.result().isPresent());
        row.result().ifPresent(r -> {
          JsonFiles.number(o, "auc", r.auc());
          JsonFiles.number(o, "acc", r.acc());
          JsonFiles.number(o, "eer", r.eer());
          JsonFiles.number(o, "params", r.params());
          JsonFiles.number(o, "search_seconds", r.searchSeconds());
          JsonFiles.number(o, "total_seconds", r.totalSeconds());
          JsonObject cross = new JsonObject();
          r.cross().forEach((id, c) -> {
            JsonObject one = new JsonObject();
            JsonFiles.number(one, "auc", c.auc());
            JsonFiles.number(one, "acc", c.acc());
            JsonFiles.number(one, "eer", c.eer());
            cross.add(id, one);
          });
          o.add("cross", cross);
        });
        array.add(o);
      }
      root.add("rows", array);
      JsonArray missing = new JsonArray();
      missing().forEach(m -> missing.add(m.label()));
      root.add("missing", missing);
      return root;
    }

    /**
     * Writes {@code compare.md} and {@code compare.json} into {@code folder}, atomically, and the
     * paper Fig. 2 plots {@code entropy-alpha.png} and {@code entropy-gamma.png} (one line per
     * estimator) when the runs logged entropies.
     */
    public void write(Path folder) throws IOException {
      Map<String, Path> runs = new LinkedHashMap<>();
      rows.forEach(r -> runs.put(r.run().label(), r.run().runDir()));
      StringBuilder plots = new StringBuilder();
      for (String table : ENTROPY_TABLES) {
        String file = "entropy-" + table + ".png";
        if (EntropyComparison.write(table, runs, folder.resolve(file))) {
          plots.append("- Entropy of ").append(table).append(" per search epoch (paper Fig. 2): `").append(file).append("`\n");
        }
      }
      String markdown = markdown() + (plots.length() == 0 ? "" : "\nPlots:\n\n" + plots);
      AtomicWrite.text(folder.resolve(MARKDOWN), markdown);
      AtomicWrite.text(folder.resolve(JSON), JsonFiles.render(json()));
    }
  }

  static void appendMissing(StringBuilder out, List<PlannedRun> missing) {
    if (missing.isEmpty()) {
      return;
    }
    out.append("\nMissing runs (no readable results.json yet):\n\n");
    missing.forEach(m -> out.append("- ").append(m.label()).append(": `").append(m.runDir()).append("`\n"));
  }
}
