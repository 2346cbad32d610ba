package io.avnas.backbone.resnet;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One modality's ResNet options.
 *
 * @param width channel multiplier (1.0 = the paper's 64/128/256/512)
 * @param weights a weights file to load, or empty for random initialisation
 */
record ResNetSettings(double width, Optional<Path> weights) {
  static final String WIDTH = "width";
  static final String WEIGHTS = "weights";

  /** Reads and validates the block; a named weights file must exist. */
  static ResNetSettings from(ConfigBlock block) {
    double width = block.getDouble(WIDTH, 1.0 / 64, 8.0);
    String file = block.getString(WEIGHTS).trim();
    Optional<Path> weights = file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    weights.ifPresent(path -> {
      if (!Files.isRegularFile(path)) {
        throw new InvalidConfigException(block.key(WEIGHTS), "weights file " + path.toAbsolutePath()
            + " does not exist; write one with `avnas pretrain`, or set \"\" for random initialisation");
      }
    });
    return new ResNetSettings(width, weights);
  }

  /** Channels of a stage whose paper width is {@code base}; never below 1. */
  int channels(int base) {
    return Math.max(1, (int) Math.round(base * width));
  }
}
