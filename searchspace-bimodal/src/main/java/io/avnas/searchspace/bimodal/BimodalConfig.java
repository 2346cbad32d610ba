package io.avnas.searchspace.bimodal;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;

/**
 * The sizes of the bimodal search space ({@code avnas.searchspace}).
 *
 * @param channels C, the channels every feature is reshaped to
 * @param length L, the temporal length
 * @param steps level-1 step nodes
 * @param multiplier how many of the last step nodes the cell output concatenates
 * @param nodeSteps inner nodes per step node
 * @param nodeMultiplier how many of the last inner nodes a step node's output concatenates
 * @param dropout the dropout rate
 * @param crossModal {@code cross-modal}: every derived level-1 pair is one visual and one audio
 *     feature (when such a pair is left)
 */
public record BimodalConfig(int channels, int length, int steps, int multiplier, int nodeSteps, int nodeMultiplier,
    double dropout, boolean crossModal) {

  /** With the paper's derivation (any two features may pair). */
  public BimodalConfig(int channels, int length, int steps, int multiplier, int nodeSteps, int nodeMultiplier, double dropout) {
    this(channels, length, steps, multiplier, nodeSteps, nodeMultiplier, dropout, false);
  }

  public BimodalConfig {
    if (multiplier > steps) {
      throw new IllegalArgumentException("multiplier " + multiplier + " > steps " + steps);
    }
    if (nodeMultiplier > nodeSteps) {
      throw new IllegalArgumentException("node-multiplier " + nodeMultiplier + " > node-steps " + nodeSteps);
    }
  }

  /** Reads and validates the block. */
  public static BimodalConfig from(ConfigBlock block) {
    int steps = block.getInt("steps", 1, 16);
    int multiplier = block.getInt("multiplier", 1, 16);
    if (multiplier > steps) {
      throw InvalidConfigException.of(block.key("multiplier"), multiplier, "an integer in [1, steps = " + steps + "]");
    }
    int nodeSteps = block.getInt("node-steps", 1, 16);
    int nodeMultiplier = block.getInt("node-multiplier", 1, 16);
    if (nodeMultiplier > nodeSteps) {
      throw InvalidConfigException.of(block.key("node-multiplier"), nodeMultiplier,
          "an integer in [1, node-steps = " + nodeSteps + "]");
    }
    return new BimodalConfig(block.getInt("C", 1, 65536), block.getInt("L", 1, 65536), steps, multiplier, nodeSteps,
        nodeMultiplier, block.getDouble("dropout", 0, 0.99),
        // Optional so blocks built without reference.conf (plugins' tests) keep the paper's rule.
        block.has("cross-modal") && block.getBoolean("cross-modal"));
  }

  /** Rows of alpha: the sum over step nodes i of (N + i). */
  public int alphaRows(int features) {
    int rows = 0;
    for (int i = 0; i < steps; i++) {
      rows += features + i;
    }
    return rows;
  }

  /** Rows of beta per step node: the sum over inner nodes k of (2 + k). */
  public int betaRows() {
    int rows = 0;
    for (int k = 0; k < nodeSteps; k++) {
      rows += 2 + k;
    }
    return rows;
  }
}
