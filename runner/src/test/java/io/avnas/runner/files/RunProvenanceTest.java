package io.avnas.runner.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProvenanceTest {
  @TempDir Path temp;

  private static RunProvenance sample() {
    JsonObject estimator = new JsonObject();
    estimator.addProperty("id", "grmc");
    estimator.addProperty("K", 100);
    return new RunProvenance("0.1.0", null, "2026-12-04T00:00:00Z", 42, "0.36.0", "PyTorch", "2.7.1", "cpu()",
        Map.of("search", 1), estimator, "bimodal", "synthetic", "fp-1",
        List.of(new RunProvenance.Plugin("avnas.estimator", "estimator", "grmc", "0.1.0", "io.avnas.estimator.grmc",
            "/p/grmc.jar", "ab12")), "OpenJDK 17", "Linux", "host", List.of(), List.of());
  }

  @Test
  void writesAndReadsBackTheSameRecordThroughResumeAndWeights() throws Exception {
    Path file = temp.resolve(RunProvenance.FILE);
    RunProvenance first = sample();
    first.write(file);
    JsonObject json = Json.parse(Files.readString(file));
    assertEquals(RunProvenance.FORMAT, json.get("format").getAsInt());
    assertEquals("fp-1", json.get("dataset_fingerprint").getAsString());
    assertEquals(42, json.getAsJsonObject("seeds").get("seed").getAsInt());
    // A first run has no resume times and no weights yet: the keys are left out, as before.
    assertFalse(json.has("resumed"));
    assertFalse(json.has("weights"));
    assertEquals(first, RunProvenance.read(file));

    RunProvenance later = RunProvenance.read(file).resumedAt("2026-12-04T01:00:00Z").withWeights(List.of(
        new RunProvenance.BackboneWeights(new RunResults.Weights("visual", "cache", "/c/v.params", "k1", 9, 0.975),
            "cd34")));
    later.write(file);
    JsonObject again = Json.parse(Files.readString(file));
    assertEquals("2026-12-04T01:00:00Z", again.getAsJsonArray("resumed").get(0).getAsString());
    JsonObject weights = again.getAsJsonArray("weights").get(0).getAsJsonObject();
    assertEquals("cd34", weights.get("sha256").getAsString());
    assertEquals("cache", weights.get("source").getAsString());
    assertEquals(later, RunProvenance.read(file));
    assertTrue(later.plugins().get(0).jar().endsWith("grmc.jar"));
  }
}
