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
    return ConfigFactory.parseString("avnas { run { dir = \"" + temp.resolve("runs").toString().replace("\\", "/")
        + "\", name = table2 }, compare { estimators = " + estimators + " } }");
  }

  @Test
  void defaultEstimatorsAreThePapersThree() {
    Config reference = ConfigFactory.parseResources("reference.conf").resolve();
    CompareSettings settings = CompareSettings.from(reference);
    assertEquals(List.of("softmax", "stgs", "grmc"), settings.estimators());
    assertEquals(Path.of("runs", "quickstart", "compare"), settings.root());
  }

  @Test
  void runsEachEstimatorInItsOwnFolderAndTabulatesTheFilesNumbers() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[softmax, stgs, grmc]")));
    FakeRunFolders.Launcher launcher = new FakeRunFolders.Launcher(0.1, 42);
    StringWriter progress = new StringWriter();
    compare.run(launcher, new PrintWriter(progress));

    Path root = temp.resolve("runs/table2/compare");
    assertEquals(List.of(root.resolve("grmc"), root.resolve("softmax"), root.resolve("stgs")), FakeRunFolders.finished(root));
    assertTrue(progress.toString().contains("compare [2/3] stgs: starting"), progress.toString());

    String markdown = Files.readString(root.resolve(Compare.MARKDOWN));
    List<String> rows = markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Estimator")).toList();
    assertEquals(3, rows.size(), markdown);
    String[] order = {"softmax", "stgs", "grmc"};
    JsonArray json = JsonParser.parseString(Files.readString(root.resolve(Compare.JSON))).getAsJsonObject().getAsJsonArray("rows");
    for (int i = 0; i < 3; i++) {
      JsonObject results = JsonParser.parseString(Files.readString(root.resolve(order[i]).resolve("results.json"))).getAsJsonObject();
      JsonObject test = results.getAsJsonObject("test");
      String expected = String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d | %.2f | %.1f |", order[i],
          test.get("auc").getAsDouble() * 100, test.get("acc").getAsDouble() * 100, test.get("eer").getAsDouble() * 100,
          results.get("params").getAsLong(), results.get("params").getAsLong() / 1e6,
          results.getAsJsonObject("seconds").get("search").getAsDouble());
      assertEquals(expected, rows.get(i));
      JsonObject row = json.get(i).getAsJsonObject();
      assertEquals(order[i], row.get("estimator").getAsString());
      assertEquals(test.get("auc").getAsDouble(), row.get("auc").getAsDouble(), 0.0);
      assertEquals(results.get("params").getAsLong(), row.get("params").getAsLong());
    }
    for (String table : List.of("alpha", "gamma")) {
      var image = javax.imageio.ImageIO.read(root.resolve("entropy-" + table + ".png").toFile());
      assertTrue(image.getWidth() > 0, table);
      assertTrue(markdown.contains("`entropy-" + table + ".png`"), markdown);
    }
  }

  @Test
  void aFailedRunStopsTheCompareAndARerunSkipsWhatFinished() throws IOException {
    Compare compare = new Compare(CompareSettings.from(config("[softmax, stgs, grmc]")));
    FakeRunFolders.Launcher good = new FakeRunFolders.Launcher(0.1, 42);
    RunLauncher failsOnStgs = (run, resume, progress) -> {
      if (run.label().equals("stgs")) {
        throw new IOException("disk full");
      }
      return good.launch(run, resume, progress);
    };
    assertThrows(IOException.class, () -> compare.run(failsOnStgs, new PrintWriter(new StringWriter())));
    Compare.Table partial = compare.gather();
    assertEquals(List.of("stgs", "grmc"), partial.missing().stream().map(PlannedRun::label).toList());
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
      if (run.label().equals("grmc")) {
        Files.writeString(results, Files.readString(results).replace("\"cross\": {}",
            "\"cross\": {\"swan-df\": {\"auc\": 0.9162, \"acc\": 0.9121, \"eer\": 0.1, \"n\": 40}}"));
      }
      return results;
    };
    Compare.Table table = compare.run(withCross, new PrintWriter(new StringWriter()));
    String markdown = table.markdown();
    assertTrue(markdown.contains("| Search time (s) | AUC on swan-df (%) | ACC on swan-df (%) |"), markdown);
    assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| grmc |") && l.endsWith("| 91.62 | 91.21 |")), markdown);
    assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| stgs |") && l.endsWith("| n/a | n/a |")), markdown);
    assertEquals(0.9162, table.json().getAsJsonArray("rows").get(1).getAsJsonObject()
        .getAsJsonObject("cross").getAsJsonObject("swan-df").get("auc").getAsDouble(), 0.0);
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
    assertTrue(RunResult.read(results).isEmpty());
    Files.writeString(results, "{\"format\":1,\"params\":5}");
    assertTrue(RunResult.read(results).isEmpty());
    assertTrue(RunResult.read(temp.resolve("none/results.json")).isEmpty());
  }
}
