package io.avnas.runner.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.PluginFactory;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.data.DatasetProviderFactory;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the configuration and the selected plugin factories. */
public final class AvnasModule extends AbstractModule {
  public static final String ESTIMATOR = "avnas.estimator";
  public static final String SEARCH_SPACE = "avnas.searchspace";
  public static final String DATASET = "avnas.dataset";
  public static final String VISUAL = "avnas.backbone.visual";
  public static final String AUDIO = "avnas.backbone.audio";

  private final Config config;
  private final PluginRegistry registry;

  public AvnasModule(Config config, PluginRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(Config.class).toInstance(config);
    bind(PluginRegistry.class).toInstance(registry);
  }

  /** One configured plugin choice: the block that selects it, its kind and the chosen id. */
  public record Selection(String path, PluginKind kind, String id) {}

  /** The five plugin choices of a configuration, in pipeline order. */
  public List<Selection> selections() {
    return List.of(
        selection(DATASET, PluginKind.DATASET),
        selection(VISUAL, PluginKind.BACKBONE),
        selection(AUDIO, PluginKind.BACKBONE),
        selection(SEARCH_SPACE, PluginKind.SEARCH_SPACE),
        selection(ESTIMATOR, PluginKind.ESTIMATOR));
  }

  private Selection selection(String path, PluginKind kind) {
    return new Selection(path, kind, config.getString(path + ".id"));
  }

  /**
   * Looks up the selected factories and lets each validate its block; fails before any work.
   *
   * @return each selection's block as its plugin's {@code validate} read it ({@link
   *     ConfigBlock#recording}), for unread-key warnings
   */
  public Map<Selection, ConfigBlock> validateSelection() {
    Map<String, PluginFactory> factories = new LinkedHashMap<>();
    // Validation order: the estimator first, as its errors are the most common.
    factories.put(ESTIMATOR, estimatorFactory());
    factories.put(SEARCH_SPACE, searchSpaceFactory());
    factories.put(DATASET, datasetFactory());
    factories.put(VISUAL, visualBackboneFactory());
    factories.put(AUDIO, audioBackboneFactory());
    Map<String, ConfigBlock> read = new LinkedHashMap<>();
    factories.forEach((path, factory) -> {
      ConfigBlock recording = ConfigBlock.recording(path, config.getConfig(path));
      factory.validate(recording);
      read.put(path, recording);
    });
    Map<Selection, ConfigBlock> bySelection = new LinkedHashMap<>();
    for (Selection selection : selections()) {
      bySelection.put(selection, read.get(selection.path()));
    }
    return bySelection;
  }

  public ConfigBlock block(String path) {
    return new ConfigBlock(path, config.getConfig(path));
  }

  @Provides
  @Singleton
  EstimatorFactory estimatorFactory() {
    return select(EstimatorFactory.class, PluginKind.ESTIMATOR, ESTIMATOR);
  }

  @Provides
  Estimator estimator(EstimatorFactory factory) {
    return factory.create(block(ESTIMATOR));
  }

  @Provides
  @Singleton
  SearchSpaceFactory searchSpaceFactory() {
    return select(SearchSpaceFactory.class, PluginKind.SEARCH_SPACE, SEARCH_SPACE);
  }

  @Provides
  @Singleton
  DatasetProviderFactory datasetFactory() {
    return select(DatasetProviderFactory.class, PluginKind.DATASET, DATASET);
  }

  @Provides
  @Singleton
  @Named("visual")
  BackboneFactory visualBackboneFactory() {
    return select(BackboneFactory.class, PluginKind.BACKBONE, VISUAL);
  }

  @Provides
  @Singleton
  @Named("audio")
  BackboneFactory audioBackboneFactory() {
    return select(BackboneFactory.class, PluginKind.BACKBONE, AUDIO);
  }

  private <F extends PluginFactory> F select(Class<F> spi, PluginKind kind, String path) {
    String key = path + ".id";
    return registry.get(spi, kind, config.getString(key), key);
  }
}
