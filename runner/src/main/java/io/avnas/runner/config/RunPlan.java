package io.avnas.runner.config;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;

/**
 * The settings of every stage of a run, read and range-checked together when the workspace opens,
 * so a bad retrain key fails in a second, before a run folder exists, not after the search.
 *
 * @param run the core keys ({@code avnas.seed}, {@code avnas.device}, {@code avnas.run.*})
 * @param features {@code avnas.features} (cache, extraction batch, sequence length) and the split ratios
 * @param pretrain {@code avnas.pretrain}
 * @param searchspace {@code avnas.searchspace}, as the search space plugin reads it (the plugin
 *     validates its own keys when the workspace composes it)
 * @param search {@code avnas.search}
 * @param retrain {@code avnas.retrain}, with {@code avnas.dataset.balance}; evaluation scores with its
 *     batch size
 * @param evaluate {@code avnas.evaluate} (the cross-dataset blocks; the workspace also has each one's
 *     dataset plugin validate it)
 */
public record RunPlan(RunSettings run, FeatureSettings features, PretrainSettings pretrain, ConfigBlock searchspace,
    SearchSettings search, RetrainSettings retrain, EvaluateSettings evaluate) {

  /** Reads and checks every stage's block of a resolved, validated configuration. */
  public static RunPlan of(Config config) {
    return new RunPlan(RunSettings.from(config), FeatureSettings.from(config), PretrainSettings.from(config),
        block(config, "avnas.searchspace"), SearchSettings.from(block(config, "avnas.search")),
        RetrainSettings.from(block(config, "avnas.retrain"), block(config, "avnas.dataset")),
        EvaluateSettings.from(config));
  }

  private static ConfigBlock block(Config config, String path) {
    return new ConfigBlock(path, config.getConfig(path));
  }
}
