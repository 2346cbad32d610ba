package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code avnas doctor} in-process, on the CPU build the tests run with. */
class DoctorCommandTest {
  @TempDir Path dir;

  @Test
  void jsonReportsTheLoadedLibtorchTheDeviceAPassingGradientAndFreeSpace() {
    CliRun r = CliRun.of("doctor", "--json", "-Davnas.features.cache-dir=" + dir.resolve("cache"), "-Davnas.run.dir=" + dir.resolve("runs"));
    assertEquals(0, r.exit(), r.err() + r.out());
    JsonObject d = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonObject lib = d.getAsJsonObject("libtorch");
    assertTrue(lib.get("version").getAsString().startsWith("2.7."), lib.toString());
    Path path = Path.of(lib.get("path").getAsString());
    assertTrue(Files.isRegularFile(path.resolve("libtorch_cpu.so")) || Files.isRegularFile(path.resolve("libtorch.so")),
        "the reported folder holds the libtorch that was loaded: " + path);
    assertEquals(Engine.getDjlVersion(), d.get("djl").getAsString());
    Engine engine = EngineSetup.start(0);
    assertEquals(engine.getGpuCount() > 0, d.get("cuda_available").getAsBoolean());
    JsonObject device = d.getAsJsonObject("device");
    assertEquals("auto", device.get("configured").getAsString());
    if (engine.getGpuCount() == 0) {
      assertEquals("cpu()", device.get("chosen").getAsString());
      assertEquals("cpu", lib.get("flavor").getAsString());
    }
    JsonObject pass = d.getAsJsonObject("forward_backward");
    assertTrue(pass.get("ok").getAsBoolean(), pass.toString());
    assertTrue(pass.get("max_gradient_error").getAsDouble() < 1e-4, pass.toString());
    JsonObject runs = d.getAsJsonObject("folders").getAsJsonObject("runs");
    assertEquals(dir.resolve("runs").toAbsolutePath().toString(), runs.get("path").getAsString());
    assertTrue(runs.get("free_bytes").getAsLong() > 0, "free space of the temp folder's file system");
    assertTrue(d.getAsJsonObject("folders").getAsJsonObject("feature_cache").get("path").getAsString().endsWith("cache"));
  }

  @Test
  void aGpuDeviceWithoutAGpuIsReportedWithTheKeyAndExitsOne() {
    Assumptions.assumeTrue(EngineSetup.start(0).getGpuCount() == 0, "for a machine whose engine sees no GPU");
    CliRun r = CliRun.of("doctor", "-Davnas.device=gpu:0");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("device    does not resolve"), r.out());
    assertTrue(r.out().contains("advice    avnas.device: is gpu:0, but DJL sees no GPU"), r.out());
    assertTrue(r.out().contains("check     FAILED: not run"), r.out());
  }

  @Test
  void textNamesEveryPart() {
    CliRun r = CliRun.of("doctor", "-Davnas.run.dir=" + dir.resolve("runs"));
    assertEquals(0, r.exit(), r.err());
    for (String label : new String[] {"avnas ", "Java ", "DJL ", "libtorch  2.7.", "CUDA ", "driver ", "device ", "check     forward and backward pass ok",
        "features ", "runs      " + dir.resolve("runs").toAbsolutePath()}) {
      assertTrue(r.out().contains(label), label + " in:\n" + r.out());
    }
  }
}
