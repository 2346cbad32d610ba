package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.files.Json;
import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a tiny config: run folder contents, determinism, resume after a kill. */
class StandardExperimentTest {
  static final Map<Split, FeatureSet> FEATURES = TestRuns.planted(9, 96, TestRuns.visual(2), TestRuns.audio(1));
  static final Config CONFIG = TestRuns.config(Map.of("avnas.search.epochs", "3", "avnas.retrain.epochs", "2",
      "avnas.search.batch-size", "32", "avnas.retrain.batch-size", "32"));

  @TempDir Path temp;

  /** Thrown by the test hook to simulate a kill right after an epoch's checkpoint. */
  static final class Killed extends RuntimeException {
    Killed(String stage, int epoch) {
      super("killed after " + stage + " epoch " + epoch);
    }
  }

  static Estimator estimator() {
    return Estimators.create("stgs", 0.5);
  }

  static Path run(Path dir, Setup.EpochHook hook, boolean resume) throws IOException {
    return new StandardExperiment().run(TestRuns.setup(CONFIG, estimator(), FEATURES, hook), dir, resume,
        new PrintWriter(new StringWriter()));
  }

  /** metrics.jsonl without the wall-clock fields. */
  static List<String> metricsWithoutTime(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(RunFolder.METRICS))) {
      JsonObject o = Json.parse(line);
      o.remove("seconds");
      out.add(o.toString());
    }
    return out;
  }

  static JsonObject resultsWithoutTime(Path dir) throws IOException {
    JsonObject o = Json.parse(Files.readString(dir.resolve(RunFolder.RESULTS)));
    o.remove("seconds");
    return o;
  }

  @Test
  void aTinyRunWritesEveryFileAndIsDeterministicAndResumesExactly() throws IOException {
    List<Path> reported = new ArrayList<>();
    Setup setup = new Setup(CONFIG, estimator(), TestRuns.bimodal(), p -> FEATURES, (d, p) -> FEATURES.get(Split.TEST),
        dir -> {
          assertTrue(Files.exists(dir.resolve(RunFolder.RESULTS)), "the report is written last, from results.json");
          reported.add(dir);
        }, Setup.EpochHook.NONE);
    Path a = temp.resolve("a");
    new StandardExperiment().run(setup, a, false, new PrintWriter(new StringWriter()));
    assertEquals(List.of(a), reported);
    for (String file : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.GENOTYPE, RunFolder.METRICS,
        RunFolder.RESULTS, "checkpoints/search.json", "checkpoints/search-e3.ckpt", "checkpoints/retrain.json",
        "checkpoints/retrain-e2.ckpt", "checkpoints/model.params")) {
      assertTrue(Files.isRegularFile(a.resolve(file)), file + " is missing");
    }
    assertFalse(Files.exists(a.resolve("checkpoints/search-e1.ckpt")), "old checkpoints are dropped");
    assertTrue(Files.exists(a.resolve("checkpoints/search-e2.ckpt")), "the previous one stays as the fallback");
    List<String> metrics = metricsWithoutTime(a);
    assertEquals(5, metrics.size());
    JsonObject first = Json.parse(metrics.get(0));
    assertEquals("search", first.get("stage").getAsString());
    assertTrue(first.getAsJsonObject("entropy").has("gamma"));
    // avnas.search.select = best-dev: genotype.json is the best-dev epoch's genotype as its metric line recorded it.
    JsonObject genotype = Json.parse(Files.readString(a.resolve(RunFolder.GENOTYPE)));
    JsonObject selected = genotype.getAsJsonObject("selected");
    assertEquals("best-dev", selected.get("rule").getAsString());
    List<JsonObject> search = metrics.stream().map(Json::parse).filter(o -> o.get("stage").getAsString().equals("search"))
        .toList();
    JsonObject chosen = search.get(selected.get("epoch").getAsInt() - 1);
    for (JsonObject line : search) {
      assertTrue(line.get("dev_acc").getAsDouble() <= chosen.get("dev_acc").getAsDouble(), line.toString());
    }
    assertEquals(chosen.get("dev_acc").getAsDouble(), selected.get("dev_acc").getAsDouble(), 0.0);
    JsonObject withoutChoice = genotype.deepCopy();
    withoutChoice.remove("selected");
    assertEquals(chosen.getAsJsonObject("genotype"), withoutChoice);
    JsonObject results = Json.parse(Files.readString(a.resolve(RunFolder.RESULTS)));
    JsonObject test = results.getAsJsonObject("test");
    assertEquals(96, test.get("n").getAsInt());
    for (String key : List.of("auc", "acc", "eer")) {
      double v = test.get(key).getAsDouble();
      assertTrue(v >= 0 && v <= 1, key + " = " + v);
    }
    assertTrue(results.get("params").getAsLong() > 0);
    assertEquals(List.of("A", "B", "C", "D"), new ArrayList<>(test.getAsJsonObject("per_category").keySet()));
    for (String stage : List.of("extract", "search", "retrain", "evaluate", "total")) {
      assertTrue(results.getAsJsonObject("seconds").has(stage), stage);
    }
    assertEquals("stgs", results.getAsJsonObject("estimator").get("id").getAsString());
    JsonObject provenance = Json.parse(Files.readString(a.resolve(RunFolder.PROVENANCE)));
    assertEquals("hard", provenance.getAsJsonObject("estimator").get("forward").getAsString());
    assertTrue(Files.readString(a.resolve(RunFolder.CONFIG)).contains("batch-size"));

    // Same seed on the CPU: the same genotype and metrics.
    Path b = temp.resolve("b");
    run(b, Setup.EpochHook.NONE, false);
    assertEquals(Files.readString(a.resolve(RunFolder.GENOTYPE)), Files.readString(b.resolve(RunFolder.GENOTYPE)));
    assertEquals(metrics, metricsWithoutTime(b));
    assertEquals(resultsWithoutTime(a), resultsWithoutTime(b));

    // Killed after search epoch 2, resumed; killed again after retrain epoch 1, resumed.
    Path c = temp.resolve("c");
    assertThrows(Killed.class, () -> run(c, (stage, epoch) -> {
      if (stage.equals("search") && epoch == 2) {
        throw new Killed(stage, epoch);
      }
    }, false));
    assertFalse(Files.exists(c.resolve(RunFolder.GENOTYPE)));
    assertThrows(Killed.class, () -> run(c, (stage, epoch) -> {
      if (stage.equals("retrain") && epoch == 1) {
        throw new Killed(stage, epoch);
      }
    }, true));
    run(c, Setup.EpochHook.NONE, true);
    assertEquals(Files.readString(a.resolve(RunFolder.GENOTYPE)), Files.readString(c.resolve(RunFolder.GENOTYPE)));
    assertEquals(metrics, metricsWithoutTime(c));
    assertEquals(resultsWithoutTime(a), resultsWithoutTime(c));
    assertEquals(2, Json.parse(Files.readString(c.resolve(RunFolder.PROVENANCE))).getAsJsonArray("resumed").size());

    // An existing run folder is never overwritten by a new run.
    UserError refused = assertThrows(UserError.class, () -> run(a, Setup.EpochHook.NONE, false));
    assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
  }
}
