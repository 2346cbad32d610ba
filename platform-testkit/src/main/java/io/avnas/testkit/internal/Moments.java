package io.avnas.testkit.internal;

/**
 * Per-coordinate sample moments of draws (rows = draws, columns = coordinates), with the standard
 * errors the contract's tolerances are built from.
 */
public final class Moments {
  private final int n;
  private final double[] mean;
  private final double[] variance;
  private final double[] fourth;

  /** @param draws at least two rows of equal length */
  public Moments(double[][] draws) {
    n = draws.length;
    int d = draws[0].length;
    mean = new double[d];
    variance = new double[d];
    fourth = new double[d];
    for (double[] row : draws) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : draws) {
      for (int j = 0; j < d; j++) {
        double c = row[j] - mean[j];
        variance[j] += c * c / (n - 1);
        fourth[j] += c * c * c * c / n;
      }
    }
  }

  public int count() {
    return n;
  }

  public double mean(int j) {
    return mean[j];
  }

  public double[] means() {
    return mean.clone();
  }

  public double variance(int j) {
    return variance[j];
  }

  public double std(int j) {
    return Math.sqrt(variance[j]);
  }

  /** The total variance: the sum of the per-coordinate variances. */
  public double totalVariance() {
    double total = 0;
    for (double v : variance) {
      total += v;
    }
    return total;
  }

  /** Standard error of the mean of coordinate j: std / sqrt(n). */
  public double meanError(int j) {
    return Math.sqrt(variance[j] / n);
  }

  /** Standard error of the sample variance of coordinate j: sqrt((m4 - var^2) / n). */
  public double varianceError(int j) {
    return Math.sqrt(Math.max(fourth[j] - variance[j] * variance[j], 0) / n);
  }

  /** Standard error of the sample std of coordinate j (delta method): SE(var) / (2 std). */
  public double stdError(int j) {
    return varianceError(j) / (2 * Math.max(std(j), 1e-12));
  }

  /**
   * A conservative standard error of {@link #totalVariance()}: the sum of the per-coordinate errors
   * (the std of a sum is at most the sum of the stds, whatever the correlations).
   */
  public double totalVarianceError() {
    double total = 0;
    for (int j = 0; j < variance.length; j++) {
      total += varianceError(j);
    }
    return total;
  }
}
