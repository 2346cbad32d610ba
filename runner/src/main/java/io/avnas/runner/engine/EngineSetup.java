package io.avnas.runner.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.avnas.api.InvalidConfigException;
import io.avnas.runner.config.RunSettings;
import java.util.Locale;

/**
 * The one place the DJL engine is started. Offline mode is set before the first {@code Engine}
 * call, so DJL never calls home; a user opts out only explicitly with {@code AVNAS_ONLINE=true}.
 */
public final class EngineSetup {
  private EngineSetup() {}

  /** Makes DJL offline unless the user opted out. Call before anything touches {@code Engine}. */
  public static void enforceOffline() {
    boolean optOut = "true".equalsIgnoreCase(System.getenv("AVNAS_ONLINE"));
    if (!optOut) {
      System.setProperty("ai.djl.offline", "true");
    }
    System.setProperty("ai.djl.disable_telemetry", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  /** Starts the engine and seeds DJL's Java RNG and torch. */
  public static Engine start(long seed) {
    enforceOffline();
    Engine engine = Engine.getInstance();
    Engine.getInstance().setRandomSeed((int) seed);
    return engine;
  }

  /**
   * The device for {@code avnas.device}.
   *
   * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
   */
  public static Device device(String spec, Engine engine) {
    String value = spec.trim().toLowerCase(Locale.ROOT);
    int gpus = engine.getGpuCount();
    if (value.equals("auto")) {
      return gpus > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    if (!RunSettings.DEVICE.matcher(value).matches()) {
      throw InvalidConfigException.of("avnas.device", spec, "auto, cpu, gpu or gpu:N");
    }
    int index = value.startsWith("gpu:") ? Integer.parseInt(value.substring(4)) : 0;
    if (index >= gpus) {
      throw InvalidConfigException.of("avnas.device", spec, gpus == 0
          ? "auto or cpu: DJL sees no GPU (the CPU libtorch is loaded; see docs/configuration.md for GPU set-up)"
          : "gpu:0 .. gpu:" + (gpus - 1));
    }
    return Device.gpu(index);
  }
}
