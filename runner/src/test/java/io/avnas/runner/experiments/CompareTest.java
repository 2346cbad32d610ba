package io.avnas.runner.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.testing.FakeRunFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
  @TempDir Path temp;

  private Config config(String estimators) {
    return config(estimators, "[42]");
  }

  private Config config(String estimators, String seeds) {
    return ConfigFactory.parseString("avnas { run { dir = \"" + temp.resolve("runs").toString().replace("\\", "/")
        + "\", name = table2 }, compare { estimators = " + estimators + ", seeds = " + seeds + " } }");
  }

  @Test
  void defaultEstimatorsAreThePapersThree() {
    Config reference = ConfigFactory.parseResources("reference.conf").resolve();
    CompareSettings settings = CompareSettings.from(reference);
    assertEquals(List.of("softmax", "stgs", "grmc"), settings.estimators());
    assertEquals(List.of(42), settings.seeds());
    assertEquals(Path.of("runs", "quickstart", "compare"), settings.root());
  }

  @Test
  void runsEachEstimatorInItsOwnFolderAndTabulatesTheFilesNumbers() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[softmax, stgs, grmc]")));
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(0.1, 7);
    StringWriter progress = new StringWriter();
    compare.run(launcher, new PrintWriter(progress));

    Path root = temp.resolve("runs/table2/compare");
    for (String estimator : List.of("grmc", "softmax", "stgs")) {
      assertEquals(List.of(root.resolve(estimator).resolve("seed-42")), FakeRunFolders.finished(root.resolve(estimator)));
    }
    assertTrue(progress.toString().contains("compare [2/3] stgs seed=42: starting"), progress.toString());

    String markdown = Files.readString(root.resolve(Compare.MARKDOWN));
    List<String> rows = markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Estimator")).toList();
    assertEquals(6, rows.size(), "three summary rows, three per-seed rows: " + markdown);
    String[] order = {"softmax", "stgs", "grmc"};
    JsonArray json = JsonParser.parseString(Files.readString(root.resolve(Compare.JSON))).getAsJsonObject().getAsJsonArray("rows");
    for (int i = 0; i < 3; i++) {
      Path run = root.resolve(order[i]).resolve("seed-42");
      JsonObject results = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
      JsonObject test = results.getAsJsonObject("test");
      // One seed: each cell is the value itself, and its sd is a dash (a sample sd needs two values).
      // The fake runs' last (4th) search epoch logs entropies 0.4, 0.2 and 0.5 (FakeRunFolders).
      String expected = String.format(Locale.ROOT,
          "| %s | 1 | %.2f ± — | %.2f ± — | %.2f ± — | %d ± — | %.2f ± — | %.1f ± — | 0.400 ± — | 0.200 ± — | 0.500 ± — |",
          order[i], test.get("auc").getAsDouble() * 100, test.get("acc").getAsDouble() * 100,
          test.get("eer").getAsDouble() * 100, results.get("params").getAsLong(), results.get("params").getAsLong() / 1e6,
          results.getAsJsonObject("seconds").get("search").getAsDouble());
      assertEquals(expected, rows.get(i));
      assertTrue(rows.get(3 + i).startsWith("| " + order[i] + " | 42 | "), rows.get(3 + i));
      JsonObject row = json.get(i).getAsJsonObject();
      assertEquals(order[i], row.get("estimator").getAsString());
      assertEquals(test.get("auc").getAsDouble(), row.get("auc_mean").getAsDouble(), 0.0);
      assertTrue(!row.has("auc_sd") || row.get("auc_sd").isJsonNull(), "no sd of one seed: " + row);
      assertEquals(results.get("params").getAsLong(), row.get("params_mean").getAsLong());
      assertEquals(run.toString(), row.getAsJsonArray("per_seed").get(0).getAsJsonObject().get("run_dir").getAsString());
    }
    for (String table : List.of("alpha", "gamma")) {
      var image = javax.imageio.ImageIO.read(root.resolve("entropy-" + table + ".png").toFile());
      assertTrue(image.getWidth() > 0, table);
      assertTrue(markdown.contains("`entropy-" + table + ".png`"), markdown);
    }
  }

  @Test
  void compareWithTwoSeedsWritesMeanAndSd() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[stgs, grmc]", "[42, 1]")));
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(0.1, 7);
    compare.run(launcher, new PrintWriter(new StringWriter()));
    assertEquals(4, launcher.total());
    Path root = temp.resolve("runs/table2/compare");
    // Each run got its own seed: avnas.seed is overridden, so the fake's numbers differ per seed.
    for (String estimator : List.of("stgs", "grmc")) {
      assertEquals(List.of(root.resolve(estimator).resolve("seed-1"), root.resolve(estimator).resolve("seed-42")),
          FakeRunFolders.finished(root.resolve(estimator)));
    }
    String markdown = Files.readString(root.resolve(Compare.MARKDOWN));
    JsonObject json = JsonParser.parseString(Files.readString(root.resolve(Compare.JSON))).getAsJsonObject();
    for (int i = 0; i < 2; i++) {
      String estimator = List.of("stgs", "grmc").get(i);
      double[] auc = new double[2];
      double[] params = new double[2];
      int j = 0;
      for (int seed : new int[] {42, 1}) {
        JsonObject results = JsonParser.parseString(Files.readString(
            root.resolve(estimator).resolve("seed-" + seed).resolve("results.json"))).getAsJsonObject();
        assertEquals(seed, results.get("seed").getAsInt());
        auc[j] = results.getAsJsonObject("test").get("auc").getAsDouble();
        params[j++] = results.get("params").getAsDouble();
      }
      assertTrue(auc[0] != auc[1], "the two seeds must give different numbers for the sd to be checked");
      double mean = (auc[0] + auc[1]) / 2;
      // Sample sd (n - 1) of two values: |a - b| / sqrt(2); the population sd would be |a - b| / 2.
      double sd = Math.abs(auc[0] - auc[1]) / Math.sqrt(2);
      double paramsSd = Math.abs(params[0] - params[1]) / Math.sqrt(2);
      String row = markdown.lines().filter(l -> l.startsWith("| " + estimator + " | 2 | ")).findFirst().orElseThrow();
      assertTrue(row.startsWith(String.format(Locale.ROOT, "| %s | 2 | %.2f ± %.2f |", estimator, mean * 100, sd * 100)),
          row);
      assertTrue(row.contains(String.format(Locale.ROOT, " %.0f ± %.0f |", (params[0] + params[1]) / 2, paramsSd)), row);
      JsonObject o = json.getAsJsonArray("rows").get(i).getAsJsonObject();
      assertEquals(2, o.get("runs").getAsInt());
      // Tolerance: the mean and sd are recomputed here in the same double arithmetic; 1e-12 covers
      // only the summation order.
      assertEquals(mean, o.get("auc_mean").getAsDouble(), 1e-12);
      assertEquals(sd, o.get("auc_sd").getAsDouble(), 1e-12);
      assertEquals(2, o.getAsJsonArray("per_seed").size());
    }
    assertTrue(markdown.contains("| stgs | 1 | "), "the per-seed table lists seed 1: " + markdown);

    // One seed's run lost: the row says how many of the seeds it averages, and the run is listed as missing.
    Files.delete(root.resolve("grmc/seed-1/results.json"));
    Compare.Table partial = compare.gather();
    assertTrue(partial.markdown().contains("| grmc | 1/2 | "), partial.markdown());
    assertEquals(List.of("grmc seed=1"), partial.missing().stream().map(PlannedRun::label).toList());
  }

  @Test
  void rejectsEmptyOrRepeatedSeeds() {
    assertEquals("avnas.compare.seeds",
        assertThrows(InvalidConfigException.class, () -> CompareSettings.from(config("[grmc]", "[]"))).key());
    assertEquals("avnas.compare.seeds",
        assertThrows(InvalidConfigException.class, () -> CompareSettings.from(config("[grmc]", "[1, 1]"))).key());
  }

  @Test
  void aFailedRunStopsTheCompareAndARerunSkipsWhatFinished() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[softmax, stgs, grmc]")));
    FakeRunFolders.Launcher good = new FakeRunFolders.Launcher(0.1, 42);
    RunLauncher failsOnStgs = (run, resume, progress) -> {
      if (run.label().equals("stgs seed=42")) {
        throw new IOException("disk full");
      }
      return good.launch(run, resume, progress);
    };
    assertThrows(IOException.class, () -> compare.run(failsOnStgs, new PrintWriter(new StringWriter())));
    Compare.Table partial = compare.gather();
    assertEquals(List.of("stgs seed=42", "grmc seed=42"), partial.missing().stream().map(PlannedRun::label).toList());
    assertTrue(partial.markdown().contains("| stgs | missing |"), partial.markdown());

    FakeRunFolders.Launcher rerun = new FakeRunFolders.Launcher(0.1, 42);
    Compare.Table full = compare.run(rerun, new PrintWriter(new StringWriter()));
    assertEquals(List.of(), full.missing());
    assertEquals(2, rerun.total(), "softmax had finished and must not run again");
  }

  @Test
  void crossDatasetResultsBecomeColumnsForTable3() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[stgs, grmc]")));
    FakeRunFolders.Launcher fake = new FakeRunFolders.Launcher(0.1, 42);
    RunLauncher withCross = (run, resume, progress) -> {
      Path results = fake.launch(run, resume, progress);
      // Only grmc was evaluated on swan-df: stgs must show n/a there, not a number from grmc.
      if (run.label().equals("grmc seed=42")) {
        Files.writeString(results, Files.readString(results).replace("\"cross\": {}",
            "\"cross\": {\"swan-df\": {\"auc\": 0.9162, \"acc\": 0.9121, \"eer\": 0.1, \"n\": 40}}"));
      }
      return results;
    };
    Compare.Table table = compare.run(withCross, new PrintWriter(new StringWriter()));
    String markdown = table.markdown();
    assertTrue(markdown.contains("| H(gamma) last (nats) | AUC on swan-df (%) | ACC on swan-df (%) |"), markdown);
    assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| grmc | 1 |") && l.endsWith("| 91.62 ± — | 91.21 ± — |")),
        markdown);
    assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| stgs | 1 |") && l.endsWith("| n/a | n/a |")), markdown);
    assertEquals(0.9162, table.json().getAsJsonArray("rows").get(1).getAsJsonObject().getAsJsonArray("per_seed").get(0)
        .getAsJsonObject().getAsJsonObject("cross").getAsJsonObject("swan-df").get("auc").getAsDouble(), 0.0);
  }

  @Test
  void rejectsEmptyOrRepeatedEstimatorLists() {
    assertEquals("avnas.compare.estimators",
        assertThrows(InvalidConfigException.class, () -> CompareSettings.from(config("[]"))).key());
    assertEquals("avnas.compare.estimators",
        assertThrows(InvalidConfigException.class, () -> CompareSettings.from(config("[grmc, grmc]"))).key());
    assertEquals("avnas.compare.estimators",
        assertThrows(InvalidConfigException.class, () -> CompareSettings.from(config("[\"Bad Id\"]"))).key());
  }

  @Test
  void unfinishedOrTornResultsCountAsMissing() throws IOException {
    Path results = temp.resolve("r/results.json");
    Files.createDirectories(results.getParent());
    Files.writeString(results, "{\"format\":1,\"test\":{\"auc\":0.9");
    assertTrue(RunResults.read(results).isEmpty());
    Files.writeString(results, "{\"format\":1,\"params\":5}");
    assertTrue(RunResults.read(results).isEmpty());
    assertTrue(RunResults.read(temp.resolve("none/results.json")).isEmpty());
  }
}
