package io.avnas.support.data;

import io.avnas.api.ConfigBlock;
import io.avnas.api.data.ClipInfo;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Counters the real/fake imbalance ({@code avnas.dataset.balance}): either the loss weighs each
 * class inversely to its frequency, or a sampler draws clips with weights that give each class half
 * of the draws. Engine-free; the trainer turns the numbers into tensors.
 */
public final class Balancing {

  /** What {@code avnas.dataset.balance} selects. */
  public enum Mode {
    /** Plain loss, uniform sampling. */
    NONE,
    /** Per-class loss weights from {@link #classWeights(List)}. */
    WEIGHTED_LOSS,
    /** Per-clip sampling weights from {@link #sampleWeights(List)}. */
    WEIGHTED_SAMPLER
  }

  private Balancing() {}

  /** Reads {@code balance} (none | weighted-loss | weighted-sampler) from the {@code avnas.dataset} block. */
  public static Mode mode(ConfigBlock datasetBlock) {
    return datasetBlock.getEnum("balance", Mode.class);
  }

  /**
   * Loss weights indexed by label (0 real, 1 fake): {@code n / (2 n_c)}, so a balanced set gets
   * {1, 1} and the weighted mean over all clips stays 1. A class with no clips gets 0.
   */
  public static double[] classWeights(List<ClipInfo> clips) {
    int[] counts = counts(clips);
    double[] weights = new double[2];
    int present = (counts[0] > 0 ? 1 : 0) + (counts[1] > 0 ? 1 : 0);
    for (int c = 0; c < 2; c++) {
      weights[c] = counts[c] == 0 ? 0 : (double) clips.size() / (present * counts[c]);
    }
    return weights;
  }

  /**
   * Sampling weights, one per clip, summing to 1: each present class gets an equal share, split
   * evenly among its clips.
   */
  public static double[] sampleWeights(List<ClipInfo> clips) {
    double[] classWeights = classWeights(clips);
    double[] weights = new double[clips.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = classWeights[clips.get(i).label()] / clips.size();
    }
    return weights;
  }

  /**
   * Draws {@code count} indices with replacement, with probabilities proportional to {@code
   * weights}: one epoch of a weighted sampler. Deterministic for a seed.
   */
  public static int[] draw(double[] weights, int count, long seed) {
    double[] cumulative = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; weights must be finite and >= 0");
      }
      total += weights[i];
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("weights sum to " + total + "; at least one must be positive");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] indices = new int[count];
    for (int k = 0; k < count; k++) {
      double u = random.nextDouble() * total;
      int lo = 0;
      int hi = weights.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      indices[k] = lo;
    }
    return indices;
  }

  private static int[] counts(List<ClipInfo> clips) {
    int[] counts = new int[2];
    clips.forEach(c -> counts[c.label()]++);
    return counts;
  }
}
