package io.avnas.api.data;

import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;

/** Opens datasets from the {@code avnas.dataset} block. */
public interface DatasetProviderFactory extends PluginFactory {

  /**
   * Opens the dataset. Missing roots or files fail here, naming the path that was looked for.
   *
   * @param block the {@code avnas.dataset} block
   * @param seed the experiment seed, for providers that generate or shuffle
   */
  DatasetProvider open(ConfigBlock block, long seed);
}
