package io.avnas.runner.config;

/**
 * Cosine annealing with warm restarts (SGDR, as PyTorch's {@code CosineAnnealingWarmRestarts}):
 * period i lasts T_0 · T_mult^i epochs, and within it the rate falls from its base to
 * {@code minLr} along a half cosine. Evaluated per batch with a fractional epoch.
 *
 * @param t0 the first period in epochs
 * @param tMult the period growth factor
 * @param minLr the floor
 */
public record CosineWarmRestarts(int t0, int tMult, double minLr) {
  public CosineWarmRestarts {
    if (t0 < 1 || tMult < 1) {
      throw new IllegalArgumentException("t0 and t-mult must be >= 1, but were " + t0 + ", " + tMult);
    }
  }

  /** The rate at {@code epoch} (0-based, fractional) for base rate {@code base}. */
  public double rate(double base, double epoch) {
    double start = 0;
    double period = t0;
    while (epoch >= start + period) {
      start += period;
      period *= tMult;
    }
    double progress = (epoch - start) / period;
    return minLr + 0.5 * (base - minLr) * (1 + Math.cos(Math.PI * progress));
  }
}
