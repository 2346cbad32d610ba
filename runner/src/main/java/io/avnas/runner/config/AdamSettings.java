package io.avnas.runner.config;

import io.avnas.api.ConfigBlock;

/**
 * One Adam's settings.
 *
 * @param lr the (initial) learning rate
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param weightDecay L2 weight decay
 */
public record AdamSettings(double lr, double beta1, double beta2, double weightDecay) {
  /** Reads {@code lr}, {@code beta1}, {@code beta2}, {@code weight-decay} from a block. */
  public static AdamSettings from(ConfigBlock block) {
    return new AdamSettings(block.getPositiveDouble("lr", 0), block.getDouble("beta1", 0, 0.999999),
        block.getDouble("beta2", 0, 0.999999999), block.getDouble("weight-decay", 0, 1));
  }
}
