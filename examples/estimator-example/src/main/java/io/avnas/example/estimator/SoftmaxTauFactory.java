package io.avnas.example.estimator;

import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;

/**
 * Creates {@link SoftmaxTauEstimator}s. Discovery instantiates this class even when another
 * estimator is selected, so the constructor does nothing.
 */
public final class SoftmaxTauFactory implements EstimatorFactory {
  /** The id a config selects this plugin by: {@code avnas.estimator.id = softmax-tau}. */
  public static final String ID = "softmax-tau";

  /** Temperatures below this underflow float32 softmax into NaN-prone one-hots. */
  static final double MIN_TAU = 1e-3;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "example plugin: tempered softmax(theta / tau), deterministic and soft";
  }

  /** The one validation hook: {@link #create} reads its settings through the same checks. */
  @Override
  public void validate(ConfigBlock block) {
    readTau(block);
  }

  @Override
  public Estimator create(ConfigBlock block) {
    return new SoftmaxTauEstimator(readTau(block));
  }

  private static double readTau(ConfigBlock block) {
    return block.getDouble("tau", MIN_TAU, 1e6);
  }
}
