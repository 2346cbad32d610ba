package io.avnas.runner.estimators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates estimators by id through the plugin registry (plugins folder included), each from its
 * defaults (its own reference.conf over the merged ones) with the given overrides, validated by its
 * factory first.
 */
public final class EstimatorSource {
  private static final String PATH = "avnas.estimator";

  private final Workspace.Discovered plugins;

  public EstimatorSource(Workspace.Discovered plugins) {
    this.plugins = plugins;
  }

  /** The ids to measure: the given ones (each must exist), or every discovered estimator. */
  public List<String> ids(List<String> requested, String option) {
    List<String> known = plugins.registry().ids(PluginKind.ESTIMATOR);
    if (requested == null) {
      if (known.isEmpty()) {
        throw new UserError("no estimator plugins found; the built-in ones come with the runner, others go in ./plugins or --plugins DIR");
      }
      return known;
    }
    for (String id : requested) {
      if (!known.contains(id)) {
        throw new UserError(option + " names '" + id + "', which is not a discovered estimator; known: " + String.join(", ", known)
            + " (see `avnas plugins`; third-party jars go in ./plugins or --plugins DIR)");
      }
    }
    return List.copyOf(requested);
  }

  /** The key of the estimator's sample count, if it declares one ({@code EstimatorFactory.sampleCountKey()}). */
  public Optional<String> sampleCountKey(String id) {
    return factory(id).sampleCountKey();
  }

  /**
   * Checks every sample count against each estimator in {@code ids} that declares one, with that
   * estimator's own {@code validate} (the runner knows no estimator's range), so a count out of range
   * fails before anything is measured, in one line naming {@code option}.
   */
  public void checkSampleCounts(List<String> ids, List<Integer> counts, String option) {
    for (String id : ids) {
      Optional<String> key = sampleCountKey(id);
      if (key.isEmpty()) {
        continue;
      }
      for (Integer count : counts) {
        try {
          factory(id).validate(block(id, Map.of(key.get(), count)));
        } catch (InvalidConfigException e) {
          throw new UserError(option + " " + count + " is not allowed for " + id + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * @param id the estimator id, e.g. {@code grmc}
   * @param overrides keys under {@code avnas.estimator}, e.g. {@code tau} and the sample-count key
   */
  public Estimator create(String id, Map<String, Object> overrides) {
    EstimatorFactory factory = factory(id);
    ConfigBlock block = block(id, overrides);
    factory.validate(block);
    return factory.create(block);
  }

  /** The estimator's block: {@code id} and the overrides over its defaults. */
  private ConfigBlock block(String id, Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>(overrides);
    values.put("id", id);
    Config defaults = plugins.defaults(PATH, PluginKind.ESTIMATOR, id);
    return new ConfigBlock(PATH, ConfigFactory.parseMap(values).withFallback(defaults));
  }

  private EstimatorFactory factory(String id) {
    return plugins.registry().get(EstimatorFactory.class, PluginKind.ESTIMATOR, id, PATH + ".id");
  }
}
