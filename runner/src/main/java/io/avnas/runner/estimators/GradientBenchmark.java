package io.avnas.runner.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avnas.api.estimator.Estimator;

/**
 * Variance and MSE of an estimator's gradient of {@code f(w) = sum_i w_i c_i} at theta, against the
 * exact gradient of {@code E[f(D)]}, which is {@code J_softmax(theta)^T c = p * (c - <p, c>)}.
 *
 * <p>Draws are batched: the estimator sees a table whose rows all hold theta, so one call gives one
 * independent draw per row, and the gradient with respect to that table holds each row's estimate.
 * Sums are accumulated in float64 on the device; only a few numbers per chunk reach the host.
 */
public final class GradientBenchmark {
  /**
   * Elements of the largest (K, rows, ops) tensor one call builds: 1 MB of float32, so the dozen
   * passes over it stay in cache (with 8 MB tensors the benchmark was memory-bound and 3x slower).
   */
  private static final long MAX_ELEMENTS = 1L << 18;

  private final long maxElements;
  private final double[] theta;
  private final double[] costs;
  private final double[] exact;

  public GradientBenchmark(double[] theta, double[] costs) {
    this(theta, costs, MAX_ELEMENTS);
  }

  /** @param maxElements the largest (K, rows, ops) tensor one call may build */
  public GradientBenchmark(double[] theta, double[] costs, long maxElements) {
    this.maxElements = maxElements;
    this.theta = theta.clone();
    this.costs = costs.clone();
    this.exact = exactGradient(theta, costs);
  }

  /** The exact gradient {@code p * (c - <p, c>)} with {@code p = softmax(theta)}. */
  static double[] exactGradient(double[] theta, double[] costs) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : theta) {
      max = Math.max(max, t);
    }
    double[] p = new double[theta.length];
    double sum = 0;
    for (int j = 0; j < theta.length; j++) {
      p[j] = Math.exp(theta[j] - max);
      sum += p[j];
    }
    double pc = 0;
    for (int j = 0; j < theta.length; j++) {
      p[j] /= sum;
      pc += p[j] * costs[j];
    }
    double[] g = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      g[j] = p[j] * (costs[j] - pc);
    }
    return g;
  }

  public double[] exact() {
    return exact.clone();
  }

  /**
   * Measures one estimator.
   *
   * @param k the estimator's Monte Carlo sample count (for chunking), or {@code null}
   */
  public BenchRow measure(String id, Estimator estimator, double tau, Integer k, int draws, NDManager manager) {
    int n = theta.length;
    int chunk = (int) Math.max(1, Math.min(draws, maxElements / ((long) (k == null ? 1 : k) * n)));
    double[] sum = new double[n];
    double[] sumSquares = new double[n];
    double squaredError = 0;
    float[] row = new float[n];
    for (int j = 0; j < n; j++) {
      row[j] = (float) theta[j];
    }
    for (int start = 0; start < draws; start += chunk) {
      int rows = Math.min(chunk, draws - start);
      try (NDManager sub = manager.newSubManager()) {
        NDArray table = sub.create(row, new Shape(1, n)).repeat(0, rows);
        table.setRequiresGradient(true);
        NDArray c = sub.create(toFloat(costs));
        try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
          collector.backward(estimator.relax(table, tau).mul(c).sum());
        }
        NDArray g = table.getGradient().toType(DataType.FLOAT64, false);
        double[] s = g.sum(new int[] {0}).toDoubleArray();
        double[] q = g.square().sum(new int[] {0}).toDoubleArray();
        squaredError += g.sub(sub.create(exact)).square().sum().getDouble();
        for (int j = 0; j < n; j++) {
          sum[j] += s[j];
          sumSquares[j] += q[j];
        }
      }
    }
    double variance = 0;
    double bias2 = 0;
    for (int j = 0; j < n; j++) {
      double mean = sum[j] / draws;
      variance += (sumSquares[j] - draws * mean * mean) / (draws - 1);
      bias2 += (mean - exact[j]) * (mean - exact[j]);
    }
    return new BenchRow(id, tau, k, variance, squaredError / draws, bias2);
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
