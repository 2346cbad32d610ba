package io.avnas.api.searchspace;

import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;
import io.avnas.api.estimator.Estimator;
import java.util.List;

/** Creates search spaces from the {@code avnas.searchspace} block. */
public interface SearchSpaceFactory extends PluginFactory {

  /**
   * @param block the {@code avnas.searchspace} block
   * @param features the features the supernet reads, in the order batches supply them
   * @param estimator relaxes the architecture tables during search
   * @param classes the number of output classes
   */
  SearchSpace create(ConfigBlock block, List<FeatureSpec> features, Estimator estimator, int classes);
}
