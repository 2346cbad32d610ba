package io.avnas.runner.experiments;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.workspace.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tau x K grid with seeds (paper Table 4). Each (tau, K, seed) is one run in its own folder;
 * {@link Shard} picks a deterministic slice of the runs; {@link #gather()} reads the finished runs'
 * results and reports the missing ones, so shards on different machines only share the folder.
 */
public final class Sweep {
  public static final String MARKDOWN = "sweep.md";
  public static final String JSON = "sweep.json";

  private final SweepSettings settings;

  public Sweep(SweepSettings settings) {
    this.settings = settings;
  }

  /** One planned run of the grid, with its cell coordinates. */
  public record GridRun(double tau, int k, int seed, PlannedRun run) {}

  /** Every run of the grid in a fixed order: tau, then K, then seed, each in configured order. */
  public List<GridRun> plan() {
    List<GridRun> runs = new ArrayList<>();
    for (double tau : settings.tau()) {
      for (int k : settings.k()) {
        for (int seed : settings.seeds()) {
          String name = "tau-" + Markdown.compact(tau) + "_K-" + k + "_seed-" + seed;
          Map<String, String> overrides = new HashMap<>(ExperimentFolders.runFolder(settings.root(), name));
          overrides.put("avnas.estimator.id", Markdown.quoted(settings.estimator()));
          overrides.put("avnas.estimator.tau", Markdown.compact(tau));
          overrides.put("avnas.estimator.K", Integer.toString(k));
          overrides.put("avnas.seed", Integer.toString(seed));
          String label = "tau=" + Markdown.compact(tau) + " K=" + k + " seed=" + seed;
          runs.add(new GridRun(tau, k, seed, new PlannedRun(label, settings.root().resolve(name), overrides)));
        }
      }
    }
    return runs;
  }

  /** Runs this shard's unfinished runs. */
  public RunQueue.Outcome runShard(Shard shard, RunLauncher launcher, PrintWriter progress) throws IOException {
    List<PlannedRun> mine = shard.slice(plan()).stream().map(GridRun::run).toList();
    return RunQueue.run("sweep shard " + shard, mine, launcher, progress);
  }

  /** Reads every run's results; the table lists what is missing. */
  public Table gather() throws IOException {
    List<Cell> cells = new ArrayList<>();
    List<GridRun> plan = plan();
    for (double tau : settings.tau()) {
      for (int k : settings.k()) {
        List<SeedResult> found = new ArrayList<>();
        List<PlannedRun> missing = new ArrayList<>();
        for (GridRun run : plan) {
          if (run.tau() == tau && run.k() == k) {
            Optional<RunResults> result = RunResults.read(run.run().results());
            if (result.isPresent()) {
              found.add(new SeedResult(run.seed(), result.get()));
            } else {
              missing.add(run.run());
            }
          }
        }
        cells.add(new Cell(tau, k, found, missing));
      }
    }
    return new Table(settings, cells);
  }

  /** One seed's finished run. */
  public record SeedResult(int seed, RunResults result) {}

  /** One (tau, K) cell: the seeds that finished and the runs still missing. */
  public record Cell(double tau, int k, List<SeedResult> found, List<PlannedRun> missing) {
    public Cell {
      found = List.copyOf(found);
      missing = List.copyOf(missing);
    }

    public Stats auc() {
      return Stats.of(found.stream().mapToDouble(s -> s.result().auc()).toArray());
    }

    public Stats params() {
      return Stats.of(found.stream().mapToDouble(s -> s.result().params()).toArray());
    }
  }

  /** Mean and sample standard deviation (n - 1 in the denominator; NaN for fewer than two values). */
  public record Stats(int n, double mean, double std) {
    static Stats of(double[] values) {
      int n = values.length;
      if (n == 0) {
        return new Stats(0, Double.NaN, Double.NaN);
      }
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= n;
      if (n < 2) {
        return new Stats(n, mean, Double.NaN);
      }
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      return new Stats(n, mean, Math.sqrt(squares / (n - 1)));
    }
  }

  /** The gathered grid. */
  public record Table(SweepSettings settings, List<Cell> cells) {
    public Table {
      cells = List.copyOf(cells);
    }

    public boolean complete() {
      return cells.stream().allMatch(c -> c.missing().isEmpty());
    }

    public List<PlannedRun> missing() {
      return cells.stream().flatMap(c -> c.missing().stream()).toList();
    }

    private Cell cell(double tau, int k) {
      return cells.stream().filter(c -> c.tau() == tau && c.k() == k).findFirst().orElseThrow();
    }

    /** Paper Table 4 layout: a pair of rows (AUC, parameters) per tau, one column per K. */
    public String markdown() {
      List<String> header = new ArrayList<>(List.of("Temperature (tau)", "Metric"));
      settings.k().forEach(k -> header.add("K = " + k));
      List<List<String>> rows = new ArrayList<>();
      for (double tau : settings.tau()) {
        List<String> auc = new ArrayList<>(List.of("tau = " + Markdown.compact(tau), "AUC (%)"));
        List<String> params = new ArrayList<>(List.of("", "Model parameters"));
        for (int k : settings.k()) {
          Cell cell = cell(tau, k);
          Stats a = cell.auc();
          Stats p = cell.params();
          auc.add(statCell(a, cell, a.n() == 0 ? "" : Markdown.percent(a.mean()),
              Double.isNaN(a.std()) ? "" : Markdown.percent(a.std())));
          params.add(statCell(p, cell, p.n() == 0 ? "" : Markdown.count(p.mean()),
              Double.isNaN(p.std()) ? "" : Markdown.count(p.std())));
        }
        rows.add(auc);
        rows.add(params);
      }
      StringBuilder out = new StringBuilder("## tau x K sweep (paper Table 4 layout)\n\n");
      out.append(String.format(Locale.ROOT, "Estimator `%s`, seeds %s; mean ± sample std over seeds when several.%n%n",
          settings.estimator(), settings.seeds()));
      out.append(Markdown.table(header, rows, 2));
      if (!complete()) {
        out.append("\n**Incomplete:** ").append(missing().size()).append(" of ")
            .append(cells.size() * settings.seeds().size()).append(" runs have no results yet.\n");
      }
      Compare.appendMissing(out, missing());
      return out.toString();
    }

    private String statCell(Stats stats, Cell cell, String mean, String std) {
      if (stats.n() == 0) {
        return "missing";
      }
      String text = std.isEmpty() ? mean : mean + " ± " + std;
      int expected = stats.n() + cell.missing().size();
      return cell.missing().isEmpty() ? text : text + " (" + stats.n() + "/" + expected + " seeds)";
    }

    /** The numbers as in the runs' results.json (AUC a fraction), per cell and per seed. */
    public JsonObject json() {
      JsonObject root = new JsonObject();
      root.addProperty("format", 1);
      root.addProperty("table", "sweep");
      root.addProperty("estimator", settings.estimator());
      root.addProperty("complete", complete());
      JsonArray tau = new JsonArray();
      settings.tau().forEach(tau::add);
      root.add("tau", tau);
      JsonArray k = new JsonArray();
      settings.k().forEach(k::add);
      root.add("K", k);
      JsonArray seeds = new JsonArray();
      settings.seeds().forEach(seeds::add);
      root.add("seeds", seeds);
      JsonArray array = new JsonArray();
      for (Cell cell : cells) {
        JsonObject o = new JsonObject();
        o.addProperty("tau", cell.tau());
        o.addProperty("K", cell.k());
        o.addProperty("runs", cell.found().size());
        o.add("auc_mean", Json.num(cell.auc().mean()));
        o.add("auc_std", Json.num(cell.auc().std()));
        o.add("params_mean", Json.num(cell.params().mean()));
        o.add("params_std", Json.num(cell.params().std()));
        JsonArray perSeed = new JsonArray();
        for (SeedResult s : cell.found()) {
          JsonObject one = new JsonObject();
          one.addProperty("seed", s.seed());
          one.add("auc", Json.num(s.result().auc()));
          one.add("acc", Json.num(s.result().acc()));
          one.add("eer", Json.num(s.result().eer()));
          one.add("params", Json.num(s.result().params()));
          one.add("search_seconds", Json.num(s.result().searchSeconds()));
          perSeed.add(one);
        }
        o.add("per_seed", perSeed);
        array.add(o);
      }
      root.add("cells", array);
      JsonArray missing = new JsonArray();
      for (PlannedRun m : missing()) {
        JsonObject o = new JsonObject();
        o.addProperty("run", m.label());
        o.addProperty("run_dir", m.runDir().toString());
        missing.add(o);
      }
      root.add("missing", missing);
      return root;
    }

    /** Writes {@code sweep.md} and {@code sweep.json} into {@code folder}, atomically. */
    public void write(Path folder) throws IOException {
      AtomicWrite.text(folder.resolve(MARKDOWN), markdown());
      AtomicWrite.text(folder.resolve(JSON), Json.render(json()));
    }
  }
}
