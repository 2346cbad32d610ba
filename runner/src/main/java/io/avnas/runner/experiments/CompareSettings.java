package io.avnas.runner.experiments;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * {@code avnas.compare}: which estimators to compare, with which seeds, and where their runs go:
 * {@code <avnas.run.dir>/<avnas.run.name>/compare/<estimator>/seed-<seed>/} (also for a single seed,
 * so adding seeds later reuses the runs that exist).
 */
public record CompareSettings(List<String> estimators, List<Integer> seeds, Path root) {
  public static final String PATH = "avnas.compare";

  public CompareSettings {
    estimators = List.copyOf(estimators);
    seeds = List.copyOf(seeds);
  }

  public static CompareSettings from(Config config) {
    ConfigBlock block = new ConfigBlock(PATH, config.getConfig(PATH));
    List<String> estimators = block.getStringList("estimators");
    if (estimators.isEmpty()) {
      throw new InvalidConfigException(block.key("estimators"), "is empty; list at least one estimator id, e.g. [softmax, stgs, grmc]");
    }
    if (new HashSet<>(estimators).size() != estimators.size()) {
      throw InvalidConfigException.of(block.key("estimators"), estimators, "a list without repeated ids");
    }
    for (String id : estimators) {
      if (!id.matches("[a-z0-9][a-z0-9-]*")) {
        throw InvalidConfigException.of(block.key("estimators"), id, "estimator ids (lower case, digits and '-'), see `avnas plugins`");
      }
    }
    List<Integer> seeds = block.getIntList("seeds");
    if (seeds.isEmpty()) {
      throw new InvalidConfigException(block.key("seeds"), "is empty; list at least one seed, e.g. [42] or [42, 1, 2]");
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw InvalidConfigException.of(block.key("seeds"), seeds, "a list without repeated seeds");
    }
    return new CompareSettings(estimators, seeds, ExperimentFolders.root(config, "compare"));
  }
}
