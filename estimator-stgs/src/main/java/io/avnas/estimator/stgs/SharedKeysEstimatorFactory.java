package io.avnas.estimator.stgs;

import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.EstimatorOptions;
import java.util.function.Function;

/**
 * The skeleton this module's two estimators share: an id and a description, only the shared keys
 * {@code tau} and {@code forward} (checked by both, so a typo fails the same way whichever is
 * selected), and settings with no sample count and no further options. A subclass gives the
 * forward mode its estimator runs with and how to make the estimator from its settings.
 */
abstract class SharedKeysEstimatorFactory implements EstimatorFactory {
  private final String id;
  private final String description;
  private final Function<ConfigBlock, ForwardMode> forward;
  private final Function<EstimatorSettings, Estimator> estimator;

  /**
   * @param forward the forward mode the estimator runs with and records, from the validated block
   * @param estimator the estimator for its settings
   */
  SharedKeysEstimatorFactory(String id, String description, Function<ConfigBlock, ForwardMode> forward,
      Function<EstimatorSettings, Estimator> estimator) {
    this.id = id;
    this.description = description;
    this.forward = forward;
    this.estimator = estimator;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final void validate(ConfigBlock block) {
    EstimatorOptions.tau(block);
    EstimatorOptions.forward(block);
  }

  @Override
  public final Estimator create(ConfigBlock block) {
    validate(block);
    return estimator.apply(new EstimatorSettings(id, EstimatorOptions.tau(block), forward.apply(block)));
  }
}
