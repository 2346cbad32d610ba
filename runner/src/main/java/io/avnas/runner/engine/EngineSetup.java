package io.avnas.runner.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

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
   * @see DeviceResolver
   */
  public static Device device(String spec, Engine engine) {
    return DeviceResolver.resolve(spec, engine);
  }
}
