package io.avnas.runner.pipeline;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.runner.config.RunSettings;
import io.avnas.runner.search.SearchSettings;
import io.avnas.runner.train.RetrainSettings;

/**
 * The settings of every stage, read and range-checked once before the first stage runs, so a bad
 * retrain key fails in a second, not after the search.
 *
 * @param run the core keys ({@code avnas.seed}, {@code avnas.device}, {@code avnas.run.*})
 * @param searchspace {@code avnas.searchspace}, as the search space plugin reads it
 */
record RunPlan(RunSettings run, ConfigBlock searchspace, SearchSettings search, RetrainSettings retrain) {
  static RunPlan of(Config config) {
    return new RunPlan(RunSettings.from(config), block(config, "avnas.searchspace"),
        SearchSettings.from(block(config, "avnas.search")),
        RetrainSettings.from(block(config, "avnas.retrain"), block(config, "avnas.dataset")));
  }

  private static ConfigBlock block(Config config, String path) {
    return new ConfigBlock(path, config.getConfig(path));
  }
}
