package io.avnas.runner.experiments;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * {@code avnas.sweep}: the temperature and Monte Carlo sample grid, the seeds and the estimator;
 * runs go to {@code <avnas.run.dir>/<avnas.run.name>/sweep/tau-<tau>_K-<K>_seed-<seed>/}.
 */
public record SweepSettings(List<Double> tau, List<Integer> k, List<Integer> seeds, String estimator, Path root) {
  public static final String PATH = "avnas.sweep";

  public SweepSettings {
    tau = List.copyOf(tau);
    k = List.copyOf(k);
    seeds = List.copyOf(seeds);
  }

  public static SweepSettings from(Config config) {
    ConfigBlock block = new ConfigBlock(PATH, config.getConfig(PATH));
    List<Double> tau = block.getDoubleList("tau");
    List<Integer> k = block.getIntList("K");
    List<Integer> seeds = block.getIntList("seeds");
    nonEmptyDistinct(block, "tau", tau);
    nonEmptyDistinct(block, "K", k);
    nonEmptyDistinct(block, "seeds", seeds);
    for (double t : tau) {
      if (!(t > 0) || Double.isInfinite(t)) {
        throw InvalidConfigException.of(block.key("tau"), t, "temperatures greater than 0, e.g. [0.1, 0.5, 1.0]");
      }
    }
    for (int samples : k) {
      if (samples < 1) {
        throw InvalidConfigException.of(block.key("K"), samples, "sample counts of at least 1, e.g. [10, 100, 1000]");
      }
    }
    String estimator = block.getString("estimator");
    if (!estimator.matches("[a-z0-9][a-z0-9-]*")) {
      throw InvalidConfigException.of(block.key("estimator"), estimator, "an estimator id such as grmc (see `avnas plugins`)");
    }
    return new SweepSettings(tau, k, seeds, estimator, ExperimentFolders.root(config, "sweep"));
  }

  private static void nonEmptyDistinct(ConfigBlock block, String key, List<?> values) {
    if (values.isEmpty()) {
      throw new InvalidConfigException(block.key(key), "is empty; give at least one value");
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw InvalidConfigException.of(block.key(key), values, "a list without repeated values");
    }
  }
}
