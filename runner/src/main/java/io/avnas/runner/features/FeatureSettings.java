package io.avnas.runner.features;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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
public record FeatureSettings(Path cacheDir, boolean keepMaps, int threads, int batchSize, int length, Map<Split, Double> ratios) {
  /**
   * L when {@code avnas.searchspace.L} is not declared (the search space module owns that key); 8
   * matches the paper's search space defaults for 8 sampled frames.
   */
  public static final int DEFAULT_LENGTH = 8;

  /** Ratios when {@code avnas.dataset.split} is not declared (the datasets module owns that key). */
  public static final Map<Split, Double> DEFAULT_RATIOS = Map.of(Split.TRAIN, 0.6, Split.DEV, 0.15, Split.VAL, 0.1, Split.TEST, 0.15);

  public FeatureSettings {
    ratios = Map.copyOf(ratios);
  }

  /** Reads and validates the keys; {@code InvalidConfigException} names the bad one. */
  public static FeatureSettings from(Config config) {
    ConfigBlock block = new ConfigBlock("avnas.features", config.getConfig("avnas.features"));
    int threads = block.getInt("threads", 0, 1024);
    if (threads == 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    ConfigBlock avnas = new ConfigBlock("avnas", config.getConfig("avnas"));
    int length = avnas.has("searchspace.L") ? avnas.getInt("searchspace.L", 1, 4096) : DEFAULT_LENGTH;
    Map<Split, Double> ratios = DEFAULT_RATIOS;
    if (avnas.has("dataset.split")) {
      Map<Split, Double> read = new EnumMap<>(Split.class);
      for (Split s : Split.values()) {
        read.put(s, avnas.getDouble("dataset.split." + s.name().toLowerCase(Locale.ROOT), 0, 1e9));
      }
      ratios = read;
    }
    return new FeatureSettings(Path.of(block.getString("cache-dir")), block.getBoolean("keep-maps"), threads,
        block.getInt("batch-size", 1, 4096), length, ratios);
  }
}
