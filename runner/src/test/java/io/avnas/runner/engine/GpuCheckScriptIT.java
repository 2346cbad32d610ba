package io.avnas.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/gpu-check.sh --dry-run}: every step of the GPU check, on the CPU at toy sizes, so the
 * script a GPU user runs is known to work and to write one valid JSON file. Runs after {@code package}.
 */
class GpuCheckScriptIT {
  @TempDir Path work;

  @Test
  void theDryRunWritesEveryFigure() throws Exception {
    String root = System.getProperty("test.avnas.root");
    Assumptions.assumeTrue(root != null, "avnas.root is not set: run through Maven (mvn -B verify)");
    Path script = Path.of(root).resolve("scripts/gpu-check.sh").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(Path.of(root).resolve("runner/target/lib")), "runner/target/lib is missing");
    Path out = work.resolve("figures.json");
    ProcessBuilder builder = new ProcessBuilder(script.toString(), "--dry-run", "--out", out.toString())
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("log.txt").toFile());
    builder.environment().put("AVNAS_NO_BUILD", "1");
    builder.environment().put("AVNAS_THREADS", "1");
    builder.environment().remove("AVNAS_LIBTORCH");
    Process p = builder.start();
    assertTrue(p.waitFor(400, TimeUnit.SECONDS), "the dry run did not finish in 400 s");
    String log = Files.readString(work.resolve("log.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);

    JsonObject d = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    assertTrue(d.get("dry_run").getAsBoolean());
    assertEquals("cpu", d.get("device").getAsString());
    assertEquals(0, d.getAsJsonArray("failed").size(), log);
    JsonObject doctor = d.getAsJsonObject("doctor").getAsJsonObject("report");
    assertTrue(doctor.getAsJsonObject("libtorch").get("version").getAsString().startsWith("2.7."), doctor.toString());
    assertTrue(doctor.getAsJsonObject("forward_backward").get("ok").getAsBoolean());
    for (String batch : new String[] {"batch_2", "batch_4"}) {
      JsonArray results = d.getAsJsonObject("bench_search").getAsJsonObject(batch).getAsJsonArray("results");
      assertEquals("softmax", results.get(0).getAsJsonObject().get("estimator").getAsString());
      assertTrue(results.get(0).getAsJsonObject().get("samplesPerSecond").getAsDouble() > 0, results.toString());
    }
    JsonObject extract = d.getAsJsonObject("bench_extract");
    assertTrue(extract.get("paper_backbone_clips_per_s").getAsDouble() > 0, extract.toString());
    assertTrue(extract.get("table").getAsString().contains("(8, 3, 224, 224)"), "the paper profile's input size");
    JsonObject test = d.getAsJsonObject("quickstart").getAsJsonObject("results").getAsJsonObject("test");
    double auc = test.get("auc").getAsDouble();
    assertTrue(auc >= 0 && auc <= 1, test.toString());
    assertTrue(Files.list(work).noneMatch(f -> f.getFileName().toString().contains(".tmp.")), "the file is written atomically");
  }
}
