package io.avnas.runner.config;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.SplitRatios;
import java.nio.file.Path;

/**
 * The runner-side options of feature extraction.
 *
 * @param cacheDir {@code avnas.features.cache-dir}
 * @param keepMaps {@code avnas.features.keep-maps}
 * @param threads decoding threads ({@code avnas.features.threads}, 0 resolved to the core count)
 * @param batchSize clips per backbone batch
 * @param length L, the temporal length the maps are brought to ({@code avnas.searchspace.L})
 * @param ratios split ratios ({@code avnas.dataset.split})
 */
public record FeatureSettings(Path cacheDir, boolean keepMaps, int threads, int batchSize, int length, SplitRatios ratios) {
  /**
   * L when {@code avnas.searchspace.L} is not declared (the search space module owns that key); 8
   * matches the paper's search space defaults for 8 sampled frames.
   */
  public static final int DEFAULT_LENGTH = 8;

  /** Reads and validates the keys; {@code InvalidConfigException} names the bad one. */
  public static FeatureSettings from(Config config) {
    ConfigBlock block = new ConfigBlock("avnas.features", config.getConfig("avnas.features"));
    int threads = block.getInt("threads", 0, 1024);
    if (threads == 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    ConfigBlock avnas = new ConfigBlock("avnas", config.getConfig("avnas"));
    int length = avnas.has("searchspace.L") ? avnas.getInt("searchspace.L", 1, 4096) : DEFAULT_LENGTH;
    SplitRatios ratios = SplitRatios.from(avnas.block("dataset"));
    return new FeatureSettings(Path.of(block.getString("cache-dir")), block.getBoolean("keep-maps"), threads,
        block.getInt("batch-size", 1, 4096), length, ratios);
  }
}
