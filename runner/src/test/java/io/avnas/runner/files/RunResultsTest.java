package io.avnas.runner.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultsTest {
  @TempDir
  Path temp;

  private static RunResults sample() {
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", "grmc");
    estimator.addProperty("k", 100);
    RunResults.Metrics test = new RunResults.Metrics(0.875, 0.8, Double.NaN, 40,
        List.of(new RunResults.RocPoint(0, 0), new RunResults.RocPoint(0.25, 0.75), new RunResults.RocPoint(1, 1)),
        Map.of("A", new RunResults.Category(10, 0.9)));
    return new RunResults("r1", test, Map.of("other", new RunResults.Metrics(0.6, 0.55, 0.4, 20, List.of(), Map.of())),
        123456, RunResults.Seconds.of(1, 2, 3, 4, 0.5), estimator, 42,
        List.of(new RunResults.Weights("visual", "pretrained", "/w/v.params", "abc", 6, 0.93),
            new RunResults.Weights("audio", "random", null, null, null, null)));
  }

  @Test
  void aWrittenFileReadsBackAsTheSameRecord() throws Exception {
    Path file = temp.resolve(RunResults.FILE);
    RunResults written = sample();
    written.write(file);
    assertEquals(written, RunResults.read(file).orElseThrow());
    assertEquals(10.5, written.totalSeconds(), 1e-12);
  }

  @Test
  void theFileKeepsItsFieldOrderAndWritesCountsAsIntegersAndNaNAsNull() throws Exception {
    Path file = temp.resolve(RunResults.FILE);
    sample().write(file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    JsonObject root = Json.parse(text);
    assertEquals(List.of("format", "name", "test", "cross", "params", "seconds", "estimator", "seed", "weights"),
        List.copyOf(root.keySet()));
    assertTrue(text.contains("\"params\": 123456\n") || text.contains("\"params\": 123456,"), text);
    // JSON has no NaN: an EER that could not be computed is written as null (and reads back as NaN).
    assertTrue(root.getAsJsonObject("test").get("eer").isJsonNull());
    assertEquals(List.of("auc", "acc", "eer", "n"), List.copyOf(root.getAsJsonObject("cross").getAsJsonObject("other").keySet()));
  }

  @Test
  void weightsFoundInTheCacheAreRecordedAsPretrainedSoARepeatedRunsResultsEqualTheFirst() {
    RunResults.Weights cached = new RunResults.Weights("visual", "cache", "w.params", "k", 7, 0.9);
    assertEquals(new RunResults.Weights("visual", "pretrained", "w.params", "k", 7, 0.9), cached.asResult());
    RunResults.Weights configured = new RunResults.Weights("audio", "configured", "a.params", null, null, null);
    assertEquals(configured, configured.asResult(), "only cache changes");
  }

  @Test
  void aFileWithoutATestAucIsNotAFinishedRun() throws Exception {
    Path file = temp.resolve(RunResults.FILE);
    Files.writeString(file, "{\"format\": 1, \"name\": \"x\", \"test\": {}}");
    assertTrue(RunResults.read(file).isEmpty());
    Files.writeString(file, "{\"format\": 1, \"test\": {\"auc\"");
    assertTrue(RunResults.read(file).isEmpty());
    assertTrue(RunResults.read(temp.resolve("absent.json")).isEmpty());
  }
}
