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
 * @param weights a weights file to load (avnas's own format or a torchvision-named {@code
 *     .safetensors} state dict), or empty for random initialisation
 * @param imagenetNormalization visual only: whether the network sees the frames ImageNet-normalised,
 *     as the preprocessing delivers them (true), or mapped back to [0, 1] (false)
 */
record ResNetSettings(double width, Optional<Path> weights, boolean imagenetNormalization) {
  static final String WIDTH = "width";
  static final String WEIGHTS = "weights";
  /** Only in the visual block: the audio spectrogram has no ImageNet statistics. */
  static final String IMAGENET_NORMALIZATION = "imagenet-normalization";

  /** Reads and validates the block; a named weights file must exist. */
  static ResNetSettings from(ConfigBlock block) {
    double width = block.getDouble(WIDTH, 1.0 / 64, 8.0);
    String file = block.getString(WEIGHTS).trim();
    Optional<Path> weights = file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    weights.ifPresent(path -> {
      if (!Files.isRegularFile(path)) {
        throw new InvalidConfigException(block.key(WEIGHTS), "weights file " + path.toAbsolutePath()
            + " does not exist; write one with `avnas pretrain`, name a torchvision-style .safetensors state dict"
            + " (docs/features.md), or set \"\" for random initialisation");
      }
    });
    boolean normalization = !block.has(IMAGENET_NORMALIZATION) || block.getBoolean(IMAGENET_NORMALIZATION);
    return new ResNetSettings(width, weights, normalization);
  }

  /** Channels of a stage whose paper width is {@code base}; never below 1. */
  int channels(int base) {
    return Math.max(1, (int) Math.round(base * width));
  }
}
