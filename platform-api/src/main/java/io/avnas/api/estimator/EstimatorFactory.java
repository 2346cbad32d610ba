package io.avnas.api.estimator;

import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;
import java.util.Optional;

/** Creates estimators from the {@code avnas.estimator} block. Discovered with ServiceLoader. */
public interface EstimatorFactory extends PluginFactory {

  /**
   * Creates an estimator from its validated block.
   *
   * @param block the {@code avnas.estimator} block
   */
  Estimator create(ConfigBlock block);

  /**
   * The key (relative to {@code avnas.estimator}) of this estimator's Monte Carlo sample count, if it
   * has one, e.g. {@code K} for grmc. Tools that sweep sample counts ({@code avnas estimators bench},
   * {@code avnas bench search}) set this key and leave estimators without one
   * alone. The estimator's {@link EstimatorSettings#options()} report the value it was created with, under
   * this key.
   */
  default Optional<String> sampleCountKey() {
    return Optional.empty();
  }
}
