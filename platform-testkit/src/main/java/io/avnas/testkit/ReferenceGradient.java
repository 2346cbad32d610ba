package io.avnas.testkit;

import java.util.SplittableRandom;

/**
 * An estimator author's reference for the gradient their estimator computes, written independently
 * of its tensor code (plain Java doubles): the exact gradient of a deterministic relaxation, or Monte
 * Carlo draws of a sampling estimator's gradient rule. The contract kit compares the estimator's
 * gradient draws with these, mean and total variance, so an estimator cannot pass under another
 * estimator's name (a plain straight-through labelled "reinmax" fails it).
 *
 * <pre>{@code
 * protected Optional<ReferenceGradient> referenceGradient() {
 *   // softmax(theta / tau) has the exact gradient J^T c / tau: one draw is enough.
 *   return Optional.of((theta, costs, tau, draws, random) -> new double[][] {myExactGradient(theta, costs, tau)});
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ReferenceGradient {

  /**
   * Draws of the gradient with respect to theta of {@code f(w) = sum_i w_i c_i}, where w is the
   * estimator's {@code relax} output for the single row of logits theta at temperature tau.
   *
   * @param theta the logits of one row
   * @param costs c, one per logit
   * @param tau the temperature passed to {@code relax}
   * @param draws how many independent draws to return; an exact (deterministic) gradient may return
   *     a single row
   * @param random the only source of noise a Monte Carlo reference may use
   * @return {@code draws} (or one) rows of length {@code theta.length}
   */
  double[][] draws(double[] theta, double[] costs, double tau, int draws, SplittableRandom random);

  /** softmax(x), computed stably in doubles: the building block of most references. */
  static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      p[j] = Math.exp(x[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < x.length; j++) {
      p[j] /= sum;
    }
    return p;
  }
}
