package io.avnas.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avnas.api.estimator.ConditionalSampler;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import io.avnas.testkit.ReferenceGradient;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The checks of the estimator contract (docs/estimators.md, "The contract"), each a static method that throws
 * an {@link AssertionError} naming the number that was off. {@link EstimatorContract} runs the ones
 * that apply; the kit's own tests show each fails on the bug it is meant to catch.
 *
 * <p>Tolerances: a statistical comparison allows 4 standard errors (a false alarm has probability
 * below 1e-4 per compared number, and the seeds are fixed so a passing run stays passing). Exact
 * comparisons allow only float32 rounding.
 */
public final class EstimatorChecks {
  /** The paper's tables: alpha 17 x 2, beta 5 x 2, gamma 2 x 5. */
  static final Shape[] PAPER_TABLES = {new Shape(17, 2), new Shape(5, 2), new Shape(2, 5)};
  /** The logits and conditioning category of the GRMC-BMNAS paper's figure of conditional Gumbel noise. */
  static final double[] FIGURE_THETA = {1, 2, 3};
  static final int FIGURE_WINNER = 1;
  static final double[] FIGURE_STD = {1.0, 1.27, 0.81};
  static final double[] FIGURE_MEAN = {0.34, 2.0, -0.23};
  /** Standard errors allowed in a statistical comparison. */
  static final double Z = 4.0;

  private EstimatorChecks() {}

  /** Forward weights are exactly one-hot (entries exactly 0 or 1, one 1 per row), and D ~ Cat(softmax(theta)). */
  public static void hardForwardIsExactlyOneHot(Estimator estimator, NDManager manager, double tau) {
    SplittableRandom random = new SplittableRandom(11);
    for (Shape shape : PAPER_TABLES) {
      for (int call = 0; call < 20; call++) {
        try (NDManager sub = manager.newSubManager()) {
          NDArray logits = sub.create(gaussian(random, shape.size(), 1.0), shape);
          assertOneHot(estimator.relax(logits, tau).toFloatArray(), (int) shape.get(1), "table " + shape);
        }
      }
    }
    // Frequencies of the one-hot choice against softmax(theta): 4 binomial standard errors each.
    double[] theta = {1, 2, 3};
    int draws = 6000;
    double[][] w = GradientDraws.run(estimator, manager, theta, new double[] {0, 0, 0}, tau, draws).weights();
    double[] p = ReferenceGradient.softmax(theta);
    for (int j = 0; j < theta.length; j++) {
      double freq = 0;
      for (double[] row : w) {
        freq += row[j] / draws;
      }
      double se = Math.sqrt(p[j] * (1 - p[j]) / draws);
      assertTrue(Math.abs(freq - p[j]) <= Z * se, "op " + j + " was chosen with frequency " + freq
          + " but softmax(theta) gives " + p[j] + " (allowed: 4 standard errors = " + Z * se + ")");
    }
  }

  /** Forward weights of a soft estimator are distributions: non-negative, rows summing to 1. */
  public static void softForwardIsDistribution(Estimator estimator, NDManager manager, double tau) {
    SplittableRandom random = new SplittableRandom(12);
    for (Shape shape : PAPER_TABLES) {
      try (NDManager sub = manager.newSubManager()) {
        NDArray logits = sub.create(gaussian(random, shape.size(), 1.0), shape);
        float[] w = estimator.relax(logits, tau).toFloatArray();
        int ops = (int) shape.get(1);
        for (int r = 0; r < w.length / ops; r++) {
          double sum = 0;
          for (int j = 0; j < ops; j++) {
            assertTrue(w[r * ops + j] >= 0, "negative weight " + w[r * ops + j] + " in table " + shape);
            sum += w[r * ops + j];
          }
          // float32 rounding of a sum of at most 5 terms in [0, 1] is far below 1e-5.
          assertEquals(1.0, sum, 1e-5, "row " + r + " of table " + shape + " sums to " + sum);
        }
      }
    }
  }

  /** {@code probabilities} is softmax over each row and has no noise. */
  public static void probabilitiesAreSoftmax(Estimator estimator, NDManager manager) {
    SplittableRandom random = new SplittableRandom(13);
    for (Shape shape : PAPER_TABLES) {
      try (NDManager sub = manager.newSubManager()) {
        float[] theta = gaussian(random, shape.size(), 2.0);
        NDArray logits = sub.create(theta, shape);
        float[] first = estimator.probabilities(logits).toFloatArray();
        float[] second = estimator.probabilities(logits).toFloatArray();
        assertArrayEquals(first, second, "probabilities must be deterministic (no noise)");
        int ops = (int) shape.get(1);
        for (int r = 0; r < theta.length / ops; r++) {
          double[] row = new double[ops];
          for (int j = 0; j < ops; j++) {
            row[j] = theta[r * ops + j];
          }
          double[] p = ReferenceGradient.softmax(row);
          for (int j = 0; j < ops; j++) {
            // float32 softmax of O(1) logits is accurate to a few 1e-8.
            assertEquals(p[j], first[r * ops + j], 1e-6, "probability of op " + j + " in row " + r + " of " + shape);
          }
        }
      }
    }
  }

  /** A deterministic relaxation returns softmax(theta) and its exact gradient J^T c. */
  public static void deterministicIsSoftmaxWithExactGradient(Estimator estimator, NDManager manager, double tau) {
    double[] theta = {0.3, -1.2, 2.0, 0.0, 0.7};
    double[] costs = {1.0, -2.0, 0.5, 3.0, 0.0};
    GradientDraws.Result r = GradientDraws.run(estimator, manager, theta, costs, tau, 4);
    double[] p = ReferenceGradient.softmax(theta);
    double[] exact = GradientDraws.exactGradient(theta, costs);
    for (int d = 0; d < 4; d++) {
      for (int j = 0; j < theta.length; j++) {
        // float32 rounding only.
        assertEquals(p[j], r.weights()[d][j], 1e-6, "weight of op " + j);
        assertEquals(exact[j], r.gradients()[d][j], 1e-5, "gradient of op " + j);
      }
    }
  }

  /**
   * The gradient of {@code sum(relax(logits) * costs)} is the same whether or not the garbage
   * collector ran (and freed memory was refilled with NaN) between forward and backward: nothing
   * the backward pass reads may live in Java-owned memory (see {@link GcPoison}).
   */
  public static void gradientSurvivesGarbageCollection(Estimator estimator, NDManager manager, double tau) {
    SplittableRandom random = new SplittableRandom(15);
    Shape shape = PAPER_TABLES[0];
    float[] logitValues = gaussian(random, shape.size(), 1.0);
    float[] costValues = gaussian(random, shape.size(), 1.0);
    float[] reference = null;
    for (int trial = 0; trial < 3; trial++) {
      try (NDManager sub = manager.newSubManager()) {
        NDArray created = sub.create(logitValues, shape);
        NDArray logits = created.duplicate();
        created.close();
        logits.setRequiresGradient(true);
        NDArray costs = sub.create(costValues, shape);
        // The same noise every trial: the gradients must agree bit for bit.
        sub.getEngine().setRandomSeed(15);
        List<ByteBuffer> held = List.of();
        try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
          NDArray loss = estimator.relax(logits, tau).mul(costs).sum();
          if (trial > 0) {
            held = GcPoison.collectAndPoison();
          }
          collector.backward(loss);
        }
        float[] g = logits.getGradient().toFloatArray();
        Reference.reachabilityFence(held);
        if (reference == null) {
          reference = g;
        } else {
          assertArrayEquals(reference, g,
              "the gradient changed after a garbage collection between forward and backward (trial " + trial
                  + "): the backward read freed memory; use io.avnas.support.tensor.Scalars instead of div/mul(Number)");
        }
      }
    }
  }

  /**
   * One step gives the logits a non-zero gradient in every paper table (a reversed straight-through
   * {@code D + stopGradient(s - D)} gives exactly zero).
   */
  public static void logitsReceiveGradient(Estimator estimator, NDManager manager, double tau) {
    SplittableRandom random = new SplittableRandom(14);
    for (Shape shape : PAPER_TABLES) {
      try (NDManager sub = manager.newSubManager()) {
        // The search initialises logits as 1e-3 * randn.
        NDArray logits = sub.create(gaussian(random, shape.size(), 1e-3), shape);
        logits.setRequiresGradient(true);
        NDArray costs = sub.create(gaussian(random, shape.size(), 1.0), shape);
        try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
          // "+ 0 * sum(logits)" keeps the loss differentiable even when the estimator cut the graph
          // (as the network's weights do in a real search), so such a bug shows as a zero gradient.
          collector.backward(estimator.relax(logits, tau).mul(costs).sum().add(logits.sum().mul(0)));
        }
        float[] g = logits.getGradient().toFloatArray();
        double norm = 0;
        int nonZeroRows = 0;
        int ops = (int) shape.get(1);
        for (int r = 0; r < g.length / ops; r++) {
          double rowNorm = 0;
          for (int j = 0; j < ops; j++) {
            rowNorm += Math.abs(g[r * ops + j]);
            assertTrue(Float.isFinite(g[r * ops + j]), "non-finite gradient in table " + shape);
          }
          norm += rowNorm;
          nonZeroRows += rowNorm > 0 ? 1 : 0;
        }
        assertTrue(norm > 0, "the logits of table " + shape + " received no gradient at all"
            + " (is the straight-through reversed, D + stopGradient(s - D)?)");
        // A near one-hot relaxed sample can underflow a row's gradient to 0, but not most rows.
        assertTrue(nonZeroRows * 2 >= g.length / ops, "only " + nonZeroRows + " rows of table " + shape
            + " received a gradient");
      }
    }
  }

  /**
   * Every conditional sample has its maximum at D, for the paper tables and for logits of magnitude
   * 50, and is finite. Two entries can tie in float32 (about 1e-7 per entry, when two exponentials
   * differ by that factor), so the check is "D attains the maximum", which fresh noise breaks at once.
   */
  public static void conditionalSamplesKeepArgmax(ConditionalSampler sampler, NDManager manager) {
    SplittableRandom random = new SplittableRandom(15);
    int k = 200;
    for (Shape shape : new Shape[] {PAPER_TABLES[0], PAPER_TABLES[1], PAPER_TABLES[2], new Shape(6, 3)}) {
      try (NDManager sub = manager.newSubManager()) {
        boolean large = shape.get(1) == 3;
        float[] theta = large ? magnitude50(shape.size()) : gaussian(random, shape.size(), 2.0);
        int ops = (int) shape.get(1);
        int rows = (int) shape.get(0);
        int[] winner = new int[rows];
        float[] hard = new float[rows * ops];
        for (int r = 0; r < rows; r++) {
          // Any category, likely or not: the sampler must condition on whatever D it is given.
          winner[r] = random.nextInt(ops);
          hard[r * ops + winner[r]] = 1f;
        }
        NDArray y = sampler.sample(sub.create(theta, shape), sub.create(hard, shape), k);
        assertEquals(new Shape(k, rows, ops), y.getShape(), "shape of the conditional samples");
        float[] v = y.toFloatArray();
        for (int s = 0; s < k; s++) {
          for (int r = 0; r < rows; r++) {
            int base = (s * rows + r) * ops;
            for (int j = 0; j < ops; j++) {
              assertTrue(Float.isFinite(v[base + j]), "non-finite conditional sample for logits " + shape);
              assertTrue(v[base + j] <= v[base + winner[r]], "sample " + s + ", row " + r + ": op " + j + " ("
                  + v[base + j] + ") beats the conditioned winner " + winner[r] + " (" + v[base + winner[r]] + ")");
            }
          }
        }
      }
    }
  }

  /**
   * The conditional marginals match a brute-force rejection sampler (plain Java: draw the Gumbels,
   * keep the draws whose argmax is D), and the figure theta = (1, 2, 3), D = e_1 (0-based) has, for G
   * = Y - theta, std about (1.0, 1.27, 0.81) and mean about (0.34, 2.0, -0.23).
   */
  public static void conditionalMarginalsMatchRejection(ConditionalSampler sampler, NDManager manager) {
    compareWithRejection(sampler, manager, FIGURE_THETA, FIGURE_WINNER, true);
    compareWithRejection(sampler, manager, new double[] {0.5, -1.0, 2.0, 0.0}, 0, false);
  }

  private static void compareWithRejection(ConditionalSampler sampler, NDManager manager, double[] theta, int winner,
      boolean figure) {
    int n = theta.length;
    int samples = 10_000;
    double[][] conditional;
    try (NDManager sub = manager.newSubManager()) {
      float[] hard = new float[n];
      hard[winner] = 1f;
      float[] y = sampler.sample(sub.create(GradientDraws.toFloat(theta), new Shape(1, n)),
          sub.create(hard, new Shape(1, n)), samples).toFloatArray();
      conditional = new double[samples][n];
      for (int s = 0; s < samples; s++) {
        for (int j = 0; j < n; j++) {
          conditional[s][j] = y[s * n + j] - theta[j];
        }
      }
    }
    double[][] rejected = rejectionSample(theta, winner, samples, 21);
    Moments a = new Moments(conditional);
    Moments b = new Moments(rejected);
    for (int j = 0; j < n; j++) {
      double meanTol = Z * Math.hypot(a.meanError(j), b.meanError(j));
      double stdTol = Z * Math.hypot(a.stdError(j), b.stdError(j));
      assertEquals(b.mean(j), a.mean(j), meanTol, "mean of G_" + j + " | argmax = " + winner + " vs rejection sampler");
      assertEquals(b.std(j), a.std(j), stdTol, "std of G_" + j + " | argmax = " + winner + " vs rejection sampler");
      if (figure) {
        // The figure is quoted to 2 decimals: 4 standard errors plus half a unit of the last digit.
        assertEquals(FIGURE_MEAN[j], a.mean(j), Z * a.meanError(j) + 0.005, "figure mean of G_" + j);
        assertEquals(FIGURE_STD[j], a.std(j), Z * a.stdError(j) + 0.005, "figure std of G_" + j);
      }
    }
  }

  /** Unconditional Gumbel draws G, kept while argmax(theta + G) = winner, until {@code count} are kept. */
  static double[][] rejectionSample(double[] theta, int winner, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] kept = new double[count][];
    int found = 0;
    while (found < count) {
      double[] g = new double[theta.length];
      int best = 0;
      for (int j = 0; j < theta.length; j++) {
        g[j] = GradientDraws.gumbel(random);
        if (theta[j] + g[j] > theta[best] + g[best]) {
          best = j;
        }
      }
      if (best == winner) {
        kept[found++] = g;
      }
    }
    return kept;
  }

  /**
   * The gradient (per draw, f(w) = sum w_i c_i) has the mean and total variance of the reference
   * straight-through Gumbel-softmax gradient.
   */
  public static void gradientMatchesStgs(Estimator estimator, NDManager manager, double tau) {
    double[] theta = {1, 2, 3};
    double[] costs = {3, 1, 2};
    int draws = 20_000;
    Moments got = new Moments(GradientDraws.run(estimator, manager, theta, costs, tau, draws).gradients());
    Moments ref = new Moments(GradientDraws.referenceStgs(theta, costs, tau, draws, 31));
    for (int j = 0; j < theta.length; j++) {
      double tol = Z * Math.hypot(got.meanError(j), ref.meanError(j));
      assertEquals(ref.mean(j), got.mean(j), tol, "mean gradient of op " + j + " vs straight-through Gumbel-softmax");
    }
    double tol = Z * Math.hypot(got.totalVarianceError(), ref.totalVarianceError());
    assertEquals(ref.totalVariance(), got.totalVariance(), tol, "total gradient variance vs straight-through Gumbel-softmax");
  }

  /**
   * The gradient (per draw, f(w) = sum w_i c_i) has the mean and total variance of the author's
   * reference, at theta = (1, 2, 3), c = (3, 1, 2), tau = 0.5 and at theta = (0.5, -1, 2, 0), c = (1,
   * -2, 0.5, 3), tau = 2: 20 000 draws of each, 4 standard errors of the difference plus float32
   * rounding (1e-5 relative), so an exact reference holds a deterministic estimator to rounding.
   */
  public static void gradientMatchesReference(Estimator estimator, NDManager manager, ReferenceGradient reference) {
    compareWithReference(estimator, manager, reference, new double[] {1, 2, 3}, new double[] {3, 1, 2}, 0.5, 61);
    compareWithReference(estimator, manager, reference, new double[] {0.5, -1, 2, 0}, new double[] {1, -2, 0.5, 3}, 2.0, 62);
  }

  private static void compareWithReference(Estimator estimator, NDManager manager, ReferenceGradient reference,
      double[] theta, double[] costs, double tau, long seed) {
    int draws = 20_000;
    Moments got = new Moments(GradientDraws.run(estimator, manager, theta, costs, tau, draws).gradients());
    double[][] expected = reference.draws(theta.clone(), costs.clone(), tau, draws, new SplittableRandom(seed));
    if (expected.length == 1) {
      // An exact gradient: two equal rows give its value with zero variance.
      expected = new double[][] {expected[0], expected[0]};
    }
    for (double[] row : expected) {
      assertEquals(theta.length, row.length, "every reference draw must have one entry per logit");
    }
    Moments ref = new Moments(expected);
    String at = " at theta = " + java.util.Arrays.toString(theta) + ", c = " + java.util.Arrays.toString(costs) + ", tau = " + tau;
    for (int j = 0; j < theta.length; j++) {
      double tol = Z * Math.hypot(got.meanError(j), ref.meanError(j)) + 1e-5 * (1 + Math.abs(ref.mean(j)));
      assertEquals(ref.mean(j), got.mean(j), tol, "mean gradient of op " + j + " vs the reference gradient" + at);
    }
    double tol = Z * Math.hypot(got.totalVarianceError(), ref.totalVarianceError()) + 1e-5 * (1 + ref.totalVariance());
    assertEquals(ref.totalVariance(), got.totalVariance(), tol, "total gradient variance vs the reference gradient" + at);
  }

  /**
   * The gradient of {@code f(w) = <w, c>^2} has the mean and total variance of the reference
   * straight-through gradient, in which the forward value and the relaxed sample come from the same
   * noise. A linear objective cannot tell; this one fails if D and s are drawn independently (or, for
   * Gumbel-Rao, if the samples are conditioned on another category than the forward one).
   *
   * @param hard whether the forward value is the one-hot sample (else the relaxed sample)
   */
  public static void gradientIsCoupledWithTheForwardSample(Estimator estimator, NDManager manager, double tau, boolean hard) {
    double[] theta = {1, 2, 3};
    double[] costs = {3, 1, 2};
    int draws = 20_000;
    Moments got = new Moments(GradientDraws.run(estimator, manager, theta, costs, tau, draws,
        GradientDraws.Objective.SQUARED).gradients());
    Moments ref = new Moments(GradientDraws.referenceStgs(theta, costs, tau, draws, 51, GradientDraws.Objective.SQUARED,
        hard));
    for (int j = 0; j < theta.length; j++) {
      double tol = Z * Math.hypot(got.meanError(j), ref.meanError(j));
      assertEquals(ref.mean(j), got.mean(j), tol, "mean gradient of <w, c>^2 for op " + j
          + " vs straight-through Gumbel-softmax (are D and s drawn from the same noise?)");
    }
    double tol = Z * Math.hypot(got.totalVarianceError(), ref.totalVarianceError());
    assertEquals(ref.totalVariance(), got.totalVariance(), tol, "total gradient variance of <w, c>^2 vs stgs");
  }

  /**
   * With more Monte Carlo samples the total gradient variance falls, and for every count it is at
   * most the reference straight-through Gumbel-softmax variance (Propositions 1 and 2).
   *
   * @param withSamples creates the estimator with the given sample count
   */
  public static void varianceFallsWithSamples(IntFunction<Estimator> withSamples, NDManager manager, double tau) {
    double[] theta = {1, 2, 3};
    double[] costs = {3, 1, 2};
    int draws = 8_000;
    Moments stgs = new Moments(GradientDraws.referenceStgs(theta, costs, tau, draws, 41));
    double previous = Double.POSITIVE_INFINITY;
    double previousError = 0;
    int previousK = 0;
    for (int k : new int[] {1, 10, 100}) {
      Moments m = new Moments(GradientDraws.run(withSamples.apply(k), manager, theta, costs, tau, draws).gradients());
      for (int j = 0; j < theta.length; j++) {
        // Conditioning keeps the mean: E[E[g | D]] = E[g].
        double meanTol = Z * Math.hypot(m.meanError(j), stgs.meanError(j));
        assertEquals(stgs.mean(j), m.mean(j), meanTol, "mean gradient of op " + j + " with " + k + " samples vs stgs");
      }
      double v = m.totalVariance();
      double e = m.totalVarianceError();
      double stgsTol = Z * Math.hypot(e, stgs.totalVarianceError());
      assertTrue(v <= stgs.totalVariance() + stgsTol, "variance " + v + " with " + k + " samples exceeds the stgs variance "
          + stgs.totalVariance() + " by more than 4 standard errors (" + stgsTol + ")");
      // Strictly lower than with fewer samples, and not by luck: the drop must exceed 4 standard errors.
      assertTrue(v + Z * Math.hypot(e, previousError) < previous, "variance " + v + " with " + k
          + " samples is not clearly below " + previous + " with " + previousK);
      previous = v;
      previousError = e;
      previousK = k;
    }
  }

  /**
   * On a toy task with costs (1, 1, 0, 1), op 2 is clearly best; from zero logits, Adam (lr 0.1) on
   * the estimator's gradient brings its probability above 0.9 within {@code maxSteps} steps.
   *
   * @return the step at which the probability first exceeded 0.9
   */
  public static int learnsToyTask(Estimator estimator, NDManager manager, double tau, int maxSteps) {
    double[] theta = new double[4];
    double[] costs = {1, 1, 0, 1};
    double[] m = new double[4];
    double[] v = new double[4];
    double lr = 0.1;
    double beta1 = 0.9;
    double beta2 = 0.999;
    for (int step = 1; step <= maxSteps; step++) {
      double[] g = GradientDraws.run(estimator, manager, theta, costs, tau, 1).gradients()[0];
      for (int j = 0; j < 4; j++) {
        assertTrue(Double.isFinite(g[j]), "non-finite gradient at step " + step);
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
        double mHat = m[j] / (1 - Math.pow(beta1, step));
        double vHat = v[j] / (1 - Math.pow(beta2, step));
        theta[j] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
      }
      if (ReferenceGradient.softmax(theta)[2] > 0.9) {
        return step;
      }
    }
    throw new AssertionError("the best op's probability stayed at " + ReferenceGradient.softmax(theta)[2]
        + " (<= 0.9) after " + maxSteps + " Adam steps");
  }

  /** Logits of magnitude 50 give finite weights, gradients and probabilities. */
  public static void largeLogitsStayFinite(Estimator estimator, NDManager manager, double tau) {
    for (Shape shape : new Shape[] {new Shape(6, 2), new Shape(4, 5)}) {
      try (NDManager sub = manager.newSubManager()) {
        NDArray logits = sub.create(magnitude50(shape.size()), shape);
        logits.setRequiresGradient(true);
        NDArray costs = sub.create(gaussian(new SplittableRandom(16), shape.size(), 1.0), shape);
        float[] w;
        try (GradientCollector collector = sub.getEngine().newGradientCollector()) {
          NDArray relaxed = estimator.relax(logits, tau);
          w = relaxed.toFloatArray();
          collector.backward(relaxed.mul(costs).sum());
        }
        assertAllFinite(w, "weights for logits of magnitude 50");
        assertAllFinite(logits.getGradient().toFloatArray(), "gradient for logits of magnitude 50");
        assertAllFinite(estimator.probabilities(logits).toFloatArray(), "probabilities for logits of magnitude 50");
      }
    }
  }

  /** Same seed, same weights; a sampling estimator gives different weights on the next call. */
  public static void reproducibleWithSeed(Estimator estimator, NDManager manager, double tau, boolean sampling) {
    try (NDManager sub = manager.newSubManager()) {
      NDArray logits = sub.create(GradientDraws.tile(new double[] {0.1, 0.0, -0.1}, 500), new Shape(500, 3));
      sub.getEngine().setRandomSeed(7);
      float[] first = estimator.relax(logits, tau).toFloatArray();
      float[] next = estimator.relax(logits, tau).toFloatArray();
      sub.getEngine().setRandomSeed(7);
      float[] again = estimator.relax(logits, tau).toFloatArray();
      assertArrayEquals(first, again, "the same seed must give the same weights");
      if (sampling) {
        assertTrue(!java.util.Arrays.equals(first, next), "a sampling estimator gave identical weights on two calls");
      }
      NDArray out = estimator.relax(logits, tau);
      assertEquals(logits.getShape(), out.getShape(), "relax must keep the shape of the logits");
      assertEquals(logits.getDevice(), out.getDevice(), "relax must stay on the logits' device");
    }
  }

  /**
   * Inside an {@code NDScope} per step, as the search runs, repeated calls with backward passes leave
   * the count of live arrays in the logits' manager flat (the estimator keeps no arrays between calls
   * and creates none outside the logits' manager).
   */
  public static void stepsInAScopeKeepLiveArraysFlat(Estimator estimator, NDManager manager, double tau) {
    try (NDManager owner = manager.newSubManager()) {
      NDArray logits = owner.create(gaussian(new SplittableRandom(17), 34, 1e-3), new Shape(17, 2));
      logits.setRequiresGradient(true);
      NDArray costs = owner.create(gaussian(new SplittableRandom(18), 34, 1.0), new Shape(17, 2));
      int before = -1;
      for (int step = 0; step < 30; step++) {
        try (NDScope scope = new NDScope()) {
          try (GradientCollector collector = owner.getEngine().newGradientCollector()) {
            collector.backward(estimator.relax(logits, tau).mul(costs).sum().add(logits.sum().mul(0)));
          }
          scope.suppressNotUsedWarning();
        }
        // Step 0 may add the gradient buffer; from then on the count must not move.
        if (step == 0) {
          before = owner.getManagedArrays().size();
        }
      }
      assertEquals(before, owner.getManagedArrays().size(), "live arrays in the logits' manager after 29 more steps");
    }
  }

  /** The forward mode the estimator reports is the declared one. */
  public static void settingsMatch(Estimator estimator, String id, EstimatorCapabilities capabilities) {
    settingsMatch(estimator, id, capabilities, java.util.Optional.ofNullable(capabilities.monteCarloKey()));
  }

  /**
   * As {@link #settingsMatch(Estimator, String, EstimatorCapabilities)}, and the factory's declared
   * sample-count key ({@code EstimatorFactory.sampleCountKey()}) is the claimed Monte Carlo key.
   */
  public static void settingsMatch(Estimator estimator, String id, EstimatorCapabilities capabilities,
      java.util.Optional<String> sampleCountKey) {
    assertEquals(java.util.Optional.ofNullable(capabilities.monteCarloKey()), sampleCountKey,
        "EstimatorFactory.sampleCountKey() must name the Monte Carlo key the capabilities claim");
    assertEquals(id, estimator.settings().id(), "settings().id() must be the factory's id");
    assertEquals(capabilities.forward(), estimator.settings().forward(), "declared vs reported forward mode");
    assertEquals(capabilities.forward() == ForwardMode.HARD, estimator.oneHotForward(), "oneHotForward()");
    if (capabilities.monteCarloKey() != null) {
      Object samples = estimator.settings().options().get(capabilities.monteCarloKey());
      assertTrue(samples instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.rint(n.doubleValue()),
          "settings().options() must report the Monte Carlo sample count under " + capabilities.monteCarloKey()
              + " as a whole number of at least 1, not " + samples);
    }
  }

  static void assertOneHot(float[] w, int ops, String what) {
    for (int r = 0; r < w.length / ops; r++) {
      int ones = 0;
      for (int j = 0; j < ops; j++) {
        float x = w[r * ops + j];
        assertTrue(x == 0f || x == 1f, "row " + r + " of " + what + " has the forward weight " + x + ", not exactly 0 or 1");
        ones += x == 1f ? 1 : 0;
      }
      assertEquals(1, ones, "row " + r + " of " + what + " must have exactly one 1");
    }
  }

  static void assertAllFinite(float[] values, String what) {
    for (float v : values) {
      assertTrue(Float.isFinite(v), what + " contain " + v);
    }
  }

  static float[] gaussian(SplittableRandom random, long size, double scale) {
    float[] out = new float[(int) size];
    for (int i = 0; i < out.length; i += 2) {
      // Box-Muller: two standard normals from two uniforms.
      double u = 1.0 - random.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u));
      double a = 2 * Math.PI * random.nextDouble();
      out[i] = (float) (scale * r * Math.cos(a));
      if (i + 1 < out.length) {
        out[i + 1] = (float) (scale * r * Math.sin(a));
      }
    }
    return out;
  }

  /** A table cycling through 50, -50, 0, 49, -49, 50: large gaps and near-ties among large values. */
  static float[] magnitude50(long size) {
    float[] pattern = {50f, -50f, 0f, 49f, -49f, 50f, -50f};
    float[] out = new float[(int) size];
    for (int i = 0; i < out.length; i++) {
      out[i] = pattern[i % pattern.length];
    }
    return out;
  }
}
