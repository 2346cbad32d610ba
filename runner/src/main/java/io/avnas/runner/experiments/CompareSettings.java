package io.avnas.runner.experiments;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * {@code avnas.compare}: which estimators to compare, and where their runs go:
 * {@code <avnas.run.dir>/<avnas.run.name>/compare/<estimator>/}.
 */
public record CompareSettings(List<String> estimators, Path root) {
  static final String PATH = "avnas.compare";

  public CompareSettings {
    estimators = List.copyOf(estimators);
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
    return new CompareSettings(estimators, ExperimentFolders.root(config, "compare"));
  }
}
