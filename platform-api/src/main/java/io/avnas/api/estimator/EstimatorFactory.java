package io.avnas.api.estimator;

import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;

/** Creates estimators from the {@code avnas.estimator} block. Discovered with ServiceLoader. */
public interface EstimatorFactory extends PluginFactory {

  /**
   * Creates an estimator from its validated block.
   *
   * @param block the {@code avnas.estimator} block
   */
  Estimator create(ConfigBlock block);
}
