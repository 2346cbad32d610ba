package io.avnas.runner.estimators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates estimators by id through the plugin registry, each from the merged {@code
 * avnas.estimator} reference block with the given overrides, validated by its factory first.
 */
final class EstimatorSource {
  private static final String PATH = "avnas.estimator";

  private final PluginRegistry registry;
  private final Config reference;

  EstimatorSource(PluginRegistry registry) {
    this.registry = registry;
    Config all = new ConfigLoader(List.of(EstimatorSource.class.getClassLoader())).reference();
    this.reference = all.hasPath(PATH) ? all.getConfig(PATH) : ConfigFactory.empty();
  }

  /**
   * @param id the estimator id, e.g. {@code grmc}
   * @param overrides keys under {@code avnas.estimator}, e.g. {@code tau} and {@code K}
   */
  Estimator create(String id, Map<String, Object> overrides) {
    EstimatorFactory factory = registry.get(EstimatorFactory.class, PluginKind.ESTIMATOR, id, PATH + ".id");
    Map<String, Object> values = new LinkedHashMap<>(overrides);
    values.put("id", id);
    ConfigBlock block = new ConfigBlock(PATH, ConfigFactory.parseMap(values).withFallback(reference));
    factory.validate(block);
    return factory.create(block);
  }
}
