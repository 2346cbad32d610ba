package io.avnas.support.estimator;

import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.ForwardMode;

/**
 * The options every estimator shares, read and checked in one place. Their defaults sit in
 * platform-api's {@code reference.conf} under {@code avnas.estimator}.
 */
public final class EstimatorOptions {
  /** The temperature key, relative to {@code avnas.estimator}. */
  public static final String TAU = "tau";
  /** The forward-mode key ({@code hard | soft}), relative to {@code avnas.estimator}. */
  public static final String FORWARD = "forward";

  private EstimatorOptions() {}

  /** The temperature, which must be greater than 0. */
  public static double tau(ConfigBlock block) {
    return block.getPositiveDouble(TAU, 0.0);
  }

  /** The forward mode, {@code hard} or {@code soft}. */
  public static ForwardMode forward(ConfigBlock block) {
    return block.getEnum(FORWARD, ForwardMode.class);
  }

  /**
   * Checks a temperature passed at call time (the search may anneal it), so a bad schedule fails
   * with a clear message instead of producing NaN weights.
   */
  public static void checkTau(double tau) {
    if (!(tau > 0.0) || !Double.isFinite(tau)) {
      throw new IllegalArgumentException("tau must be a finite number greater than 0, but was " + tau);
    }
  }
}
