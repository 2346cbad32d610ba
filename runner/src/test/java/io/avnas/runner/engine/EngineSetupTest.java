package io.avnas.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.cli.AvnasCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

  @Test
  void theCommandLineTurnsDjlOfflineBeforeAnyCommandRuns() {
    Assumptions.assumeTrue(System.getenv("AVNAS_ONLINE") == null, "the user opted out of offline mode");
    String before = System.getProperty("ai.djl.offline");
    try {
      System.clearProperty("ai.djl.offline");
      AvnasCommand.commandLine();
      assertEquals("true", System.getProperty("ai.djl.offline"));
      assertEquals("true", System.getProperty("ai.djl.disable_telemetry"));
    } finally {
      System.setProperty("ai.djl.offline", before == null ? "true" : before);
    }
  }

  @Test
  void devicesOnACpuOnlyEngine() {
    Engine engine = EngineSetup.start(42);
    Assumptions.assumeTrue(engine.getGpuCount() == 0, "this check is for the CPU libtorch the build ships");
    assertEquals(Device.cpu(), EngineSetup.device("auto", engine), "auto falls back to the CPU");
    assertEquals(Device.cpu(), EngineSetup.device("CPU", engine));
    InvalidConfigException gpu = assertThrows(InvalidConfigException.class, () -> EngineSetup.device("gpu:1", engine));
    assertTrue(gpu.getMessage().contains("is gpu:1") && gpu.getMessage().contains("DJL sees no GPU"), gpu.getMessage());
    InvalidConfigException bad = assertThrows(InvalidConfigException.class, () -> EngineSetup.device("tpu", engine));
    assertEquals("avnas.device", bad.key());
  }
}
