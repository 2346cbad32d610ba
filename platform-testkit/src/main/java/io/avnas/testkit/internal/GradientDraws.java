package io.avnas.testkit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avnas.api.estimator.Estimator;
import io.avnas.testkit.ReferenceGradient;
import java.util.SplittableRandom;

/**
 * Many independent gradient draws of an estimator in a few batched calls, and the reference values
 * they are compared with.
 *
 * <p>An estimator treats the rows of its table independently, so one call on a table whose rows all
 * hold the same theta gives one independent draw per row, and the gradient of {@code sum_rows
 * f(w_row)} with respect to that table holds each row's own gradient estimate.
 */
public final class GradientDraws {
  /** Elements of the largest (K, rows, ops) tensor one call may build; bounds memory for large K. */
  private static final long MAX_ELEMENTS = 4_000_000L;

  /**
   * The forward weights and the gradients of {@code f(w) = sum_i w_i c_i} of each draw.
   *
   * @param weights draws x ops
   * @param gradients draws x ops
   */
  public record Result(double[][] weights, double[][] gradients) {}

  private GradientDraws() {}

  /** The objective whose gradient is drawn, per row: linear {@code <w, c>} or squared {@code <w, c>^2}. */
  public enum Objective {
    /** {@code f(w) = <w, c>}: its gradient through s does not depend on the forward value. */
    LINEAR,
    /**
     * {@code f(w) = <w, c>^2}: its gradient {@code 2 <w, c> J_s^T c / tau} multiplies the forward
     * value with the relaxed sample's Jacobian, so it depends on their joint law (D and s must come
     * from the same noise).
     */
    SQUARED
  }

  /** Runs {@code draws} independent draws of {@code estimator} at theta, with costs c and tau (linear f). */
  public static Result run(Estimator estimator, NDManager manager, double[] theta, double[] costs, double tau, int draws) {
    return run(estimator, manager, theta, costs, tau, draws, Objective.LINEAR);
  }

  /** Runs {@code draws} independent draws of {@code estimator} at theta for the given objective. */
  public static Result run(Estimator estimator, NDManager manager, double[] theta, double[] costs, double tau, int draws,
      Objective objective) {
    int ops = theta.length;
    // A Monte Carlo estimator's sample count is one of its options (grmc's K). The largest whole-number
    // option bounds it from above, which can only make the chunks smaller than they need to be.
    long k = estimator.settings().options().values().stream().filter(v -> v instanceof Integer || v instanceof Long)
        .mapToLong(v -> ((Number) v).longValue()).filter(v -> v >= 1).max().orElse(1);
    int chunk = (int) Math.max(1, Math.min(draws, MAX_ELEMENTS / (k * ops)));
    double[][] weights = new double[draws][];
    double[][] gradients = new double[draws][];
    for (int start = 0; start < draws; start += chunk) {
      int rows = Math.min(chunk, draws - start);
      try (NDManager sub = manager.newSubManager()) {
        NDArray table = sub.create(tile(theta, rows), new Shape(rows, ops));
        table.setRequiresGradient(true);
        NDArray c = sub.create(toFloat(costs));
        float[] w;
        try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
          NDArray relaxed = estimator.relax(table, tau);
          w = relaxed.toFloatArray();
          NDArray perRow = relaxed.mul(c).sum(new int[] {-1});
          collector.backward(objective == Objective.SQUARED ? perRow.square().sum() : perRow.sum());
        }
        float[] g = table.getGradient().toFloatArray();
        for (int r = 0; r < rows; r++) {
          weights[start + r] = row(w, r, ops);
          gradients[start + r] = row(g, r, ops);
        }
      }
    }
    return new Result(weights, gradients);
  }

  /**
   * Reference straight-through Gumbel-softmax gradients of {@code f(w) = sum_i w_i c_i}, in plain
   * Java doubles (independent of any estimator code): {@code s = ReferenceGradient.softmax((theta + G) / tau)} and the
   * gradient {@code J_s^T c / tau = s * (c - <s, c>) / tau}.
   */
  public static double[][] referenceStgs(double[] theta, double[] costs, double tau, int draws, long seed) {
    return referenceStgs(theta, costs, tau, draws, seed, Objective.LINEAR, true);
  }

  /**
   * Reference straight-through Gumbel-softmax gradients for an objective: {@code f'(w) J_s^T c / tau}
   * with {@code f'(w) = 1} (linear) or {@code 2 <w, c>} (squared), where the forward value w is the
   * one-hot {@code D = onehot(argmax(theta + G))} ({@code hard}) or s itself, from the same G.
   */
  public static double[][] referenceStgs(double[] theta, double[] costs, double tau, int draws, long seed,
      Objective objective, boolean hard) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = theta.length;
    double[][] out = new double[draws][n];
    double[] z = new double[n];
    for (int d = 0; d < draws; d++) {
      for (int j = 0; j < n; j++) {
        z[j] = (theta[j] + gumbel(random)) / tau;
      }
      double[] s = ReferenceGradient.softmax(z);
      double sc = dot(s, costs);
      int winner = 0;
      for (int j = 1; j < n; j++) {
        winner = z[j] > z[winner] ? j : winner;
      }
      double outer = objective == Objective.LINEAR ? 1.0 : 2.0 * (hard ? costs[winner] : sc);
      for (int j = 0; j < n; j++) {
        out[d][j] = outer * s[j] * (costs[j] - sc) / tau;
      }
    }
    return out;
  }

  /** The exact gradient of E[f(D)] = sum_i ReferenceGradient.softmax(theta)_i c_i: {@code p * (c - <p, c>)}. */
  public static double[] exactGradient(double[] theta, double[] costs) {
    double[] p = ReferenceGradient.softmax(theta);
    double pc = dot(p, costs);
    double[] g = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      g[j] = p[j] * (costs[j] - pc);
    }
    return g;
  }

  /** A standard Gumbel draw, -log(-log U) with U in (0, 1). */
  public static double gumbel(SplittableRandom random) {
    double u = random.nextDouble();
    while (u == 0.0) {
      u = random.nextDouble();
    }
    return -Math.log(-Math.log(u));
  }



  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  static float[] tile(double[] theta, int rows) {
    float[] out = new float[rows * theta.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < theta.length; j++) {
        out[r * theta.length + j] = (float) theta[j];
      }
    }
    return out;
  }

  static double[] row(float[] flat, int r, int width) {
    double[] out = new double[width];
    for (int j = 0; j < width; j++) {
      out[j] = flat[r * width + j];
    }
    return out;
  }
}
