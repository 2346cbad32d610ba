package io.avnas.runner.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.testing.FakeRunFolders;
import io.avnas.runner.workspace.Shard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  @TempDir Path temp;

  private Config config(String sweep) {
    return ConfigFactory.parseString("avnas { run { dir = \"" + temp.resolve("runs").toString().replace("\\", "/")
        + "\", name = paper }, sweep { " + sweep + " } }");
  }

  private static PrintWriter quiet() {
    return new PrintWriter(new StringWriter());
  }

  @Test
  void defaultsAreThePaperTable4Grid() {
    Config reference = ConfigFactory.parseResources("reference.conf").resolve();
    SweepSettings settings = SweepSettings.from(config("").withFallback(reference));
    assertEquals(List.of(0.1, 0.5, 1.0), settings.tau());
    assertEquals(List.of(10, 100, 1000), settings.k());
    assertEquals("grmc", settings.estimator());
    assertEquals(9 * settings.seeds().size(), new Sweep(settings).plan().size());
  }

  @Test
  void planGivesEachRunItsOwnFolderAndOverrides() {
    Sweep sweep = new Sweep(SweepSettings.from(config("tau = [0.1, 1.0], K = [10], seeds = [1, 2], estimator = grmc")));
    List<Sweep.GridRun> plan = sweep.plan();
    assertEquals(4, plan.size());
    Sweep.GridRun last = plan.get(3);
    assertEquals(temp.resolve("runs/paper/sweep/tau-1_K-10_seed-2"), last.run().runDir());
    assertEquals("1", last.run().overrides().get("avnas.estimator.tau"));
    assertEquals("10", last.run().overrides().get("avnas.estimator.K"));
    assertEquals("2", last.run().overrides().get("avnas.seed"));
    assertEquals("\"grmc\"", last.run().overrides().get("avnas.estimator.id"));
    assertEquals(plan.stream().map(r -> r.run().runDir()).distinct().count(), plan.size());
  }

  @Test
  void gatherListsMissingCellsThenCompletesWithTheLastShard() throws Exception {
    Sweep sweep = new Sweep(SweepSettings.from(config("tau = [0.1, 0.5, 1.0], K = [10, 100, 1000], seeds = [7], estimator = grmc")));
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(1.0, 42);
    sweep.runShard(new Shard(0, 3), launcher, quiet());
    sweep.runShard(new Shard(1, 3), launcher, quiet());

    Sweep.Table partial = sweep.gather();
    assertFalse(partial.complete());
    // Round-robin over 9 runs: shard 2 owns runs 2, 5, 8, i.e. the K = 1000 column.
    List<String> missing = partial.missing().stream().map(PlannedRun::label).toList();
    assertEquals(List.of("tau=0.1 K=1000 seed=7", "tau=0.5 K=1000 seed=7", "tau=1 K=1000 seed=7"), missing);
    String markdown = partial.markdown();
    assertTrue(markdown.contains("**Incomplete:** 3 of 9 runs"), markdown);
    assertTrue(markdown.contains(temp.resolve("runs/paper/sweep/tau-0.5_K-1000_seed-7").toString()), markdown);
    for (String line : markdown.lines().filter(l -> l.startsWith("| tau =")).toList()) {
      assertTrue(line.endsWith("| missing |"), line);
    }
    JsonObject json = partial.json();
    assertFalse(json.get("complete").getAsBoolean());
    assertEquals(3, json.getAsJsonArray("missing").size());

    sweep.runShard(new Shard(2, 3), launcher, quiet());
    Sweep.Table full = sweep.gather();
    assertTrue(full.complete());
    assertEquals(9, launcher.total());
    assertFalse(full.markdown().contains("missing"));
  }

  @Test
  void tableShowsMeanAndSampleStdOfTheFilesNumbers() throws Exception {
    Sweep sweep = new Sweep(SweepSettings.from(config("tau = [0.5], K = [100], seeds = [1, 2, 3], estimator = grmc")));
    sweep.runShard(Shard.ALL, new FakeRunFolders.Launcher(1.0, 42), quiet());
    Sweep.Table table = sweep.gather();
    table.write(temp.resolve("runs/paper/sweep"));

    // The expected numbers come from the results.json files, computed here independently.
    double[] auc = new double[3];
    double[] params = new double[3];
    for (int seed = 1; seed <= 3; seed++) {
      JsonObject results = JsonParser.parseString(Files.readString(
          temp.resolve("runs/paper/sweep/tau-0.5_K-100_seed-" + seed + "/results.json"))).getAsJsonObject();
      auc[seed - 1] = results.getAsJsonObject("test").get("auc").getAsDouble();
      params[seed - 1] = results.get("params").getAsDouble();
    }
    double aucMean = (auc[0] + auc[1] + auc[2]) / 3;
    double aucStd = Math.sqrt((Math.pow(auc[0] - aucMean, 2) + Math.pow(auc[1] - aucMean, 2) + Math.pow(auc[2] - aucMean, 2)) / 2);
    double paramsMean = (params[0] + params[1] + params[2]) / 3;
    double paramsStd = Math.sqrt((Math.pow(params[0] - paramsMean, 2) + Math.pow(params[1] - paramsMean, 2)
        + Math.pow(params[2] - paramsMean, 2)) / 2);

    String markdown = Files.readString(temp.resolve("runs/paper/sweep/sweep.md"));
    String aucCell = String.format(Locale.ROOT, "| tau = 0.5 | AUC (%%) | %.2f ± %.2f |", aucMean * 100, aucStd * 100);
    String paramsCell = String.format(Locale.ROOT, "|  | Model parameters | %.0f ± %.0f |", paramsMean, paramsStd);
    assertTrue(markdown.contains(aucCell), "expected " + aucCell + " in\n" + markdown);
    assertTrue(markdown.contains(paramsCell), "expected " + paramsCell + " in\n" + markdown);
    assertTrue(markdown.contains("| Temperature (tau) | Metric | K = 100 |"), markdown);

    JsonObject json = JsonParser.parseString(Files.readString(temp.resolve("runs/paper/sweep/sweep.json"))).getAsJsonObject();
    JsonObject cell = json.getAsJsonArray("cells").get(0).getAsJsonObject();
    // Tolerance: only floating-point summation order differs between the two computations.
    assertEquals(aucMean, cell.get("auc_mean").getAsDouble(), 1e-12);
    assertEquals(aucStd, cell.get("auc_std").getAsDouble(), 1e-12);
    assertEquals(auc[1], cell.getAsJsonArray("per_seed").get(1).getAsJsonObject().get("auc").getAsDouble(), 0.0);
  }

  @Test
  void concurrentShardsOnOneFolderRunEveryRunOnce() throws Exception {
    Sweep sweep = new Sweep(SweepSettings.from(config("tau = [0.1, 0.5, 1.0], K = [10, 100], seeds = [1, 2], estimator = grmc")));
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(1.0, 42);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<RunQueue.Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Shard shard = new Shard(i, 4);
      outcomes.add(pool.submit(() -> sweep.runShard(shard, launcher, quiet())));
    }
    int ran = 0;
    for (Future<RunQueue.Outcome> outcome : outcomes) {
      ran += outcome.get().ran();
    }
    pool.shutdown();
    assertEquals(12, ran);
    assertEquals(12, launcher.launches.size());
    assertTrue(launcher.launches.values().stream().allMatch(c -> c.get() == 1));
    assertTrue(sweep.gather().complete());
  }

  @Test
  void finishedRunsAreSkippedAndStartedRunsResumed() throws Exception {
    Sweep sweep = new Sweep(SweepSettings.from(config("tau = [0.1], K = [10, 100], seeds = [1], estimator = grmc")));
    List<Sweep.GridRun> plan = sweep.plan();
    Path started = plan.get(1).run().runDir();
    Files.createDirectories(started);
    Files.writeString(started.resolve("config.conf"), "avnas {}");
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(1.0, 42);
    sweep.runShard(Shard.ALL, launcher, quiet());
    assertEquals(Boolean.FALSE, launcher.resumed.get(plan.get(0).run().runDir()));
    assertEquals(Boolean.TRUE, launcher.resumed.get(started));

    RunQueue.Outcome again = sweep.runShard(Shard.ALL, launcher, quiet());
    assertEquals(new RunQueue.Outcome(0, 2), again);
    assertEquals(2, launcher.total());
  }

  @Test
  void overrideValuesSurviveHoconParsing() {
    // A path with '//' would start a HOCON comment if it were not quoted.
    String path = "//srv/shared runs/a=b";
    assertEquals(path, ConfigFactory.parseString("avnas.run.dir = " + Markdown.quoted(path)).getString("avnas.run.dir"));
    assertEquals(0.1, ConfigFactory.parseString("t = " + Markdown.compact(0.1)).getDouble("t"), 0.0);
  }

  @Test
  void rejectsBadGridsNamingTheKey() {
    InvalidConfigException tau = assertThrows(InvalidConfigException.class,
        () -> SweepSettings.from(config("tau = [0.1, 0], K = [10], seeds = [1], estimator = grmc")));
    assertEquals("avnas.sweep.tau", tau.key());
    InvalidConfigException k = assertThrows(InvalidConfigException.class,
        () -> SweepSettings.from(config("tau = [0.1], K = [0], seeds = [1], estimator = grmc")));
    assertEquals("avnas.sweep.K", k.key());
    InvalidConfigException seeds = assertThrows(InvalidConfigException.class,
        () -> SweepSettings.from(config("tau = [0.1], K = [10], seeds = [], estimator = grmc")));
    assertEquals("avnas.sweep.seeds", seeds.key());
    InvalidConfigException repeated = assertThrows(InvalidConfigException.class,
        () -> SweepSettings.from(config("tau = [0.1, 0.1], K = [10], seeds = [1], estimator = grmc")));
    assertEquals("avnas.sweep.tau", repeated.key());
  }
}
