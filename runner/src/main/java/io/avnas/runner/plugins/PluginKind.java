package io.avnas.runner.plugins;

import io.avnas.api.PluginFactory;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.searchspace.SearchSpaceFactory;
import java.util.Locale;

/** The four kinds of plugin, each with its SPI. */
public enum PluginKind {
  ESTIMATOR(EstimatorFactory.class),
  SEARCH_SPACE(SearchSpaceFactory.class),
  BACKBONE(BackboneFactory.class),
  DATASET(DatasetProviderFactory.class);

  private final Class<? extends PluginFactory> spi;

  PluginKind(Class<? extends PluginFactory> spi) {
    this.spi = spi;
  }

  public Class<? extends PluginFactory> spi() {
    return spi;
  }

  /** The name shown to users, e.g. {@code search-space}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
