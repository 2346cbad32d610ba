package io.avnas.estimator.reinmax;

import io.avnas.testkit.ReferenceGradient;
import java.util.SplittableRandom;

/**
 * ReinMax's gradient in plain Java, independent of the tensor code: for a linear {@code f(w) = <w,
 * c>}, with {@code D ~ Cat(pi_0)}, {@code pi_0 = softmax(theta)} and {@code pi_1 = (D + softmax(theta /
 * tau)) / 2}, it is {@code 2 pi_1 (c - <pi_1, c>) - pi_0 (c - <pi_0, c>) / 2} (the two softmax
 * Jacobians applied to c, Liu et al. 2023, Algorithm 2).
 */
final class ReinmaxReference implements ReferenceGradient {

  @Override
  public double[][] draws(double[] theta, double[] costs, double tau, int draws, SplittableRandom random) {
    int n = theta.length;
    double[] pi0 = ReferenceGradient.softmax(theta);
    double[] scaled = new double[n];
    for (int j = 0; j < n; j++) {
      scaled[j] = theta[j] / tau;
    }
    double[] tempered = ReferenceGradient.softmax(scaled);
    double[][] out = new double[draws][];
    for (int d = 0; d < draws; d++) {
      out[d] = gradient(pi0, tempered, sample(pi0, random), costs);
    }
    return out;
  }

  /** The ReinMax gradient for one sampled category. */
  static double[] gradient(double[] pi0, double[] tempered, int sampled, double[] costs) {
    int n = pi0.length;
    double[] pi1 = new double[n];
    for (int j = 0; j < n; j++) {
      pi1[j] = ((j == sampled ? 1 : 0) + tempered[j]) / 2;
    }
    double c1 = dot(pi1, costs);
    double c0 = dot(pi0, costs);
    double[] g = new double[n];
    for (int j = 0; j < n; j++) {
      g[j] = 2 * pi1[j] * (costs[j] - c1) - 0.5 * pi0[j] * (costs[j] - c0);
    }
    return g;
  }

  /** A category drawn by inverting the cumulative distribution of p. */
  private static int sample(double[] p, SplittableRandom random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int j = 0; j < p.length - 1; j++) {
      cumulative += p[j];
      if (u < cumulative) {
        return j;
      }
    }
    return p.length - 1;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
