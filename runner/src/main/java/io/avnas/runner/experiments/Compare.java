package io.avnas.runner.experiments;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.report.EntropyComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Compares estimators on the same data, seeds and budget: one run per estimator and seed in
 * {@code <root>/<estimator>/seed-<seed>/}, differing only in {@code avnas.estimator.id} and
 * {@code avnas.seed}; then one table in the style of paper Table 2 (mean ± sample sd over the seeds),
 * written as {@code compare.md} and {@code compare.json} in {@code <root>}, and the paper Fig. 2
 * entropy plots.
 */
public final class Compare {
  public static final String MARKDOWN = "compare.md";
  public static final String JSON = "compare.json";
  /** The architecture tables whose entropy paper Fig. 2 compares across estimators. */
  static final List<String> ENTROPY_TABLES = List.of("alpha", "gamma");
  /** The tables whose last-epoch entropy the table shows. */
  static final List<String> TABLES = List.of("alpha", "beta", "gamma");
  /** What compare.md prints for the sd of a single value. */
  static final String NO_SD = "\u2014";

  private final CompareSettings settings;

  public Compare(CompareSettings settings) {
    this.settings = settings;
  }

  /** The folder of one estimator's runs. */
  public Path estimatorRoot(String estimator) {
    return settings.root().resolve(estimator);
  }

  /** One run per estimator and seed: estimators in the configured order, seeds in theirs within each. */
  public List<PlannedRun> plan() {
    List<PlannedRun> runs = new ArrayList<>();
    for (String estimator : settings.estimators()) {
      for (int seed : settings.seeds()) {
        String name = "seed-" + seed;
        Map<String, String> overrides = new HashMap<>(ExperimentFolders.runFolder(estimatorRoot(estimator), name));
        overrides.put("avnas.estimator.id", Markdown.quoted(estimator));
        overrides.put("avnas.seed", Integer.toString(seed));
        runs.add(new PlannedRun(label(estimator, seed), estimatorRoot(estimator).resolve(name), overrides));
      }
    }
    return runs;
  }

  private static String label(String estimator, int seed) {
    return estimator + " seed=" + seed;
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
    List<PlannedRun> plan = plan();
    int i = 0;
    for (String estimator : settings.estimators()) {
      List<SeedRun> seeds = new ArrayList<>();
      for (int seed : settings.seeds()) {
        PlannedRun run = plan.get(i++);
        Map<String, Double> entropy = new LinkedHashMap<>();
        for (String table : TABLES) {
          List<double[]> points = EntropyComparison.series(run.runDir(), table);
          entropy.put(table, points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[1]);
        }
        seeds.add(new SeedRun(seed, run, RunResults.read(run.results()), entropy, selectedEpoch(run.runDir())));
      }
      rows.add(new Row(estimator, seeds));
    }
    return new Table(settings, rows);
  }

  /** {@code selected.epoch} of the run's genotype.json (avnas.search.select), or 0 when it names none. */
  private static int selectedEpoch(Path runDir) throws IOException {
    Path file = runDir.resolve("genotype.json");
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      return root.isJsonObject() ? (int) Json.number(root.getAsJsonObject(), "selected.epoch").orElse(0) : 0;
    } catch (JsonParseException e) {
      return 0;
    }
  }

  /**
   * One seed's run of an estimator: its results (empty when unfinished), the entropy of each table
   * in its last search epoch (NaN when it logged none) and the search epoch its genotype comes from
   * (0 when not recorded).
   */
  public record SeedRun(int seed, PlannedRun run, Optional<RunResults> result, Map<String, Double> lastEntropy,
      int selectedEpoch) {
    public SeedRun {
      lastEntropy = Collections.unmodifiableMap(new LinkedHashMap<>(lastEntropy));
    }

    boolean finished() {
      return result.isPresent();
    }
  }

  /** One estimator's row: its runs, one per configured seed. */
  public record Row(String estimator, List<SeedRun> seeds) {
    public Row {
      seeds = List.copyOf(seeds);
    }

    List<SeedRun> finished() {
      return seeds.stream().filter(SeedRun::finished).toList();
    }

    /** Mean and sample sd over the finished seeds of one number of their results. */
    public Sweep.Stats stats(ToDoubleFunction<RunResults> value) {
      return Sweep.Stats.of(finished().stream().mapToDouble(s -> value.applyAsDouble(s.result().get())).toArray());
    }

    /** Mean and sample sd over the finished seeds of a table's last-epoch entropy. */
    public Sweep.Stats entropy(String table) {
      return Sweep.Stats.of(finished().stream().mapToDouble(s -> s.lastEntropy().get(table)).toArray());
    }
  }

  /** The gathered comparison. */
  public record Table(CompareSettings settings, List<Row> rows) {
    public Table {
      rows = List.copyOf(rows);
    }

    public List<PlannedRun> missing() {
      return rows.stream().flatMap(r -> r.seeds().stream()).filter(s -> !s.finished()).map(SeedRun::run).toList();
    }

    /**
     * Paper Table 2 style: per estimator, mean ± sample sd over the seeds of AUC, ACC and EER in
     * percent, parameters, search time in seconds and the last search epoch's entropy of each table;
     * then, for each cross-dataset provider any run evaluated on (paper Table 3), its AUC and ACC. A
     * second table lists every seed's run.
     */
    public String markdown() {
      List<String> crossIds = crossIds();
      List<String> header = new ArrayList<>(List.of("Estimator", "Seeds", "AUC (%)", "ACC (%)", "EER (%)", "Params",
          "Params (M)", "Search time (s)"));
      TABLES.forEach(t -> header.add("H(" + t + ") last (nats)"));
      crossIds.forEach(id -> header.addAll(List.of("AUC on " + id + " (%)", "ACC on " + id + " (%)")));
      List<List<String>> cells = new ArrayList<>();
      for (Row row : rows) {
        List<String> line = new ArrayList<>(List.of(row.estimator()));
        int n = row.finished().size();
        if (n == 0) {
          line.add("missing");
          while (line.size() < header.size()) {
            line.add("");
          }
          cells.add(line);
          continue;
        }
        line.add(n == row.seeds().size() ? Integer.toString(n) : n + "/" + row.seeds().size());
        line.add(cell(row.stats(RunResults::auc), Markdown::percent));
        line.add(cell(row.stats(RunResults::acc), Markdown::percent));
        line.add(cell(row.stats(RunResults::eer), Markdown::percent));
        line.add(cell(row.stats(RunResults::params), Markdown::count));
        line.add(cell(row.stats(RunResults::params), Markdown::millions));
        line.add(cell(row.stats(RunResults::searchSeconds), Markdown::seconds));
        TABLES.forEach(t -> line.add(cell(row.entropy(t), Compare::nats)));
        for (String id : crossIds) {
          line.add(cell(row.stats(r -> cross(r, id).auc()), Markdown::percent));
          line.add(cell(row.stats(r -> cross(r, id).acc()), Markdown::percent));
        }
        cells.add(line);
      }
      StringBuilder out = new StringBuilder("## Estimator comparison (paper Table 2 style)\n\n");
      out.append(String.format(Locale.ROOT, "Seeds %s; each cell is the mean ± sample sd (n − 1) over the seeds"
          + " (%s for a single seed). H: mean row entropy of the architecture table in the last search epoch.%n%n",
          settings.seeds(), NO_SD));
      out.append(Markdown.table(header, cells, 1));
      out.append("\n### Per seed\n\n");
      List<String> perSeedHeader = new ArrayList<>(List.of("Estimator", "Seed", "AUC (%)", "ACC (%)", "EER (%)",
          "Params", "Search time (s)"));
      TABLES.forEach(t -> perSeedHeader.add("H(" + t + ") last"));
      perSeedHeader.add("Selected epoch");
      List<List<String>> perSeed = new ArrayList<>();
      for (Row row : rows) {
        for (SeedRun s : row.seeds()) {
          List<String> line = new ArrayList<>(List.of(row.estimator(), Integer.toString(s.seed())));
          if (s.result().isEmpty()) {
            line.add("missing");
            while (line.size() < perSeedHeader.size()) {
              line.add("");
            }
          } else {
            RunResults r = s.result().get();
            line.addAll(List.of(Markdown.percent(r.auc()), Markdown.percent(r.acc()), Markdown.percent(r.eer()),
                Markdown.count(r.params()), Markdown.seconds(r.searchSeconds())));
            TABLES.forEach(t -> line.add(nats(s.lastEntropy().get(t))));
            line.add(s.selectedEpoch() > 0 ? Integer.toString(s.selectedEpoch()) : "n/a");
          }
          perSeed.add(line);
        }
      }
      out.append(Markdown.table(perSeedHeader, perSeed, 1));
      appendMissing(out, missing());
      return out.toString();
    }

    private static RunResults.Metrics cross(RunResults r, String id) {
      return r.cross().getOrDefault(id, RunResults.Metrics.NONE);
    }

    /** Cross-dataset provider ids in order of first appearance over the runs. */
    private List<String> crossIds() {
      Set<String> ids = new LinkedHashSet<>();
      rows.forEach(r -> r.finished().forEach(s -> ids.addAll(s.result().get().cross().keySet())));
      return List.copyOf(ids);
    }

    /** The numbers as in the runs' results.json (fractions, seconds): per estimator mean and sd, and per seed. */
    public JsonObject json() {
      JsonObject root = new JsonObject();
      root.addProperty("format", 2);
      root.addProperty("table", "compare");
      JsonArray seedList = new JsonArray();
      settings.seeds().forEach(seedList::add);
      root.add("seeds", seedList);
      JsonArray array = new JsonArray();
      for (Row row : rows) {
        JsonObject o = new JsonObject();
        o.addProperty("estimator", row.estimator());
        o.addProperty("runs", row.finished().size());
        stats(o, "auc", row.stats(RunResults::auc));
        stats(o, "acc", row.stats(RunResults::acc));
        stats(o, "eer", row.stats(RunResults::eer));
        stats(o, "params", row.stats(RunResults::params));
        stats(o, "search_seconds", row.stats(RunResults::searchSeconds));
        stats(o, "total_seconds", row.stats(RunResults::totalSeconds));
        for (String t : TABLES) {
          stats(o, "entropy_" + t, row.entropy(t));
        }
        JsonArray perSeed = new JsonArray();
        for (SeedRun s : row.seeds()) {
          JsonObject one = new JsonObject();
          one.addProperty("seed", s.seed());
          one.addProperty("run_dir", s.run().runDir().toString());
          one.addProperty("finished", s.finished());
          s.result().ifPresent(r -> {
            one.add("auc", Json.num(r.auc()));
            one.add("acc", Json.num(r.acc()));
            one.add("eer", Json.num(r.eer()));
            one.add("params", Json.num(r.params()));
            one.add("search_seconds", Json.num(r.searchSeconds()));
            one.add("total_seconds", Json.num(r.totalSeconds()));
            JsonObject entropy = new JsonObject();
            s.lastEntropy().forEach((t, v) -> entropy.add(t, Json.num(v)));
            one.add("last_entropy", entropy);
            if (s.selectedEpoch() > 0) {
              one.addProperty("selected_epoch", s.selectedEpoch());
            }
            JsonObject cross = new JsonObject();
            r.cross().forEach((id, c) -> {
              JsonObject x = new JsonObject();
              x.add("auc", Json.num(c.auc()));
              x.add("acc", Json.num(c.acc()));
              x.add("eer", Json.num(c.eer()));
              cross.add(id, x);
            });
            one.add("cross", cross);
          });
          perSeed.add(one);
        }
        o.add("per_seed", perSeed);
        array.add(o);
      }
      root.add("rows", array);
      JsonArray missing = new JsonArray();
      missing().forEach(m -> missing.add(m.label()));
      root.add("missing", missing);
      return root;
    }

    private static void stats(JsonObject into, String key, Sweep.Stats stats) {
      into.add(key + "_mean", Json.num(stats.mean()));
      into.add(key + "_sd", Json.num(stats.std()));
    }

    /**
     * Writes {@code compare.md} and {@code compare.json} into {@code folder}, atomically, and the
     * paper Fig. 2 plots {@code entropy-alpha.png} and {@code entropy-gamma.png} (one line per
     * estimator, a band over its seeds) when the runs logged entropies.
     */
    public void write(Path folder) throws IOException {
      Map<String, List<Path>> runs = new LinkedHashMap<>();
      rows.forEach(r -> runs.put(r.estimator(), r.seeds().stream().map(s -> s.run().runDir()).toList()));
      StringBuilder plots = new StringBuilder();
      for (String table : ENTROPY_TABLES) {
        String file = "entropy-" + table + ".png";
        if (EntropyComparison.write(table, runs, folder.resolve(file))) {
          plots.append("- Entropy of ").append(table).append(" per search epoch (paper Fig. 2; the mean over the")
              .append(" seeds, the band their range): `").append(file).append("`\n");
        }
      }
      String markdown = markdown() + (plots.length() == 0 ? "" : "\nPlots:\n\n" + plots);
      AtomicWrite.text(folder.resolve(MARKDOWN), markdown);
      AtomicWrite.text(folder.resolve(JSON), Json.render(json()));
    }
  }

  /** "mean ± sd" with the given format; sd is {@link #NO_SD} for one value; "n/a" when there is none. */
  static String cell(Sweep.Stats stats, DoubleFunction<String> format) {
    if (stats.n() == 0 || Double.isNaN(stats.mean())) {
      return "n/a";
    }
    return format.apply(stats.mean()) + " ± " + (Double.isNaN(stats.std()) ? NO_SD : format.apply(stats.std()));
  }

  /** Entropy in nats with three decimals, or n/a. */
  static String nats(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }

  static void appendMissing(StringBuilder out, List<PlannedRun> missing) {
    if (missing.isEmpty()) {
      return;
    }
    out.append("\nMissing runs (no readable results.json yet):\n\n");
    missing.forEach(m -> out.append("- ").append(m.label()).append(": `").append(m.runDir()).append("`\n"));
  }
}
