package io.avnas.estimator.reinmax;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.EstimatorOptions;

/**
 * Creates {@code reinmax} estimators from {@code avnas.estimator}: {@code tau} (default 1.0 from
 * this module's reference.conf) and {@code forward}, which must be {@code hard}: ReinMax's forward
 * value is always the one-hot sample. It has no Monte Carlo sample count.
 */
public final class ReinmaxEstimatorFactory implements EstimatorFactory {
  /** The id a config selects this estimator by. */
  public static final String ID = "reinmax";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ReinMax (Liu et al., NeurIPS 2023): one-hot sample forward, second-order straight-through gradient";
  }

  @Override
  public void validate(ConfigBlock block) {
    EstimatorOptions.tau(block);
    if (EstimatorOptions.forward(block) != ForwardMode.HARD) {
      throw InvalidConfigException.of(block.key(EstimatorOptions.FORWARD), block.getString(EstimatorOptions.FORWARD),
          "hard (reinmax's forward value is always the exact one-hot sample; use stgs or grmc for a soft forward)");
    }
  }

  @Override
  public Estimator create(ConfigBlock block) {
    validate(block);
    return new ReinmaxEstimator(new EstimatorSettings(ID, EstimatorOptions.tau(block), ForwardMode.HARD));
  }
}
