package io.avnas.estimator.grmc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.avnas.api.estimator.ConditionalSampler;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.EstimatorOptions;
import io.avnas.support.estimator.Relaxations;
import io.avnas.support.tensor.Scalars;
import java.util.Optional;

/**
 * Gumbel-Rao Monte Carlo on a whole table of logits theta (rows x ops):
 *
 * <ol>
 *   <li>{@code D = onehot(argmax(theta + G))}, one Gumbel draw per entry (a draw from
 *       Cat(softmax(theta)) per row).
 *   <li>K conditional samples {@code Y_k ~ theta + G | argmax = D}, all at once as one tensor (held
 *       ops-first, (ops, K, rows), for speed), in log space: with {@code E_kj ~ Exp(1)} and {@code
 *       logZ = logsumexp(theta)}, the
 *       winner i gets {@code Y_ki = logZ - log E_ki} and every other j gets {@code Y_kj =
 *       -logaddexp(log E_kj - theta_j, log E_ki - logZ)}. Each row of Y_k has its argmax at D.
 *   <li>{@code s = mean_k softmax(Y_k / tau)}.
 *   <li>{@code forward = hard}: {@code w = s + stopGradient(D - s)} (forward value exactly D, the
 *       Rao-Blackwellised straight-through gradient); {@code forward = soft}: {@code w = s}.
 * </ol>
 *
 * <p>{@link NoiseGradient#CONSTANT} builds {@code Y_k} from detached logits and adds {@code theta -
 * stopGradient(theta)} (exactly 0 in value), so {@code dY_k/dtheta = I}: the gradient is the
 * Rao-Blackwellised stgs gradient {@code E[J_softmax(Y/tau)/tau | D]}. {@link NoiseGradient#THROUGH}
 * builds {@code Y_k} from the live logits, so the gradient also flows through {@code logZ} and
 * {@code theta_j} in the formulas above (the paper's literal eq. 8 remark); it is then no longer a
 * conditional expectation of the stgs gradient. The forward value is the same in both modes.
 *
 * <p>The noise is drawn once per call and used once: no fresh noise is ever added to {@code Y_k}
 * (that would break the argmax invariant).
 */
final class GrmcEstimator implements Estimator, ConditionalSampler {
  /** Subtracted from the winner's softplus argument: far beyond any logit gap, far below float32's max. */
  private static final float WINNER_SHIFT = 1e30f;

  private final EstimatorSettings settings;
  private final NoiseGradient noiseGradient;
  private final int k;

  GrmcEstimator(EstimatorSettings settings, int k, NoiseGradient noiseGradient) {
    this.settings = settings;
    this.noiseGradient = noiseGradient;
    this.k = k;
  }

  @Override
  public EstimatorSettings settings() {
    return settings;
  }

  @Override
  public NDArray relax(NDArray logits, double tau) {
    EstimatorOptions.checkTau(tau);
    NDArray detached = logits.stopGradient();
    NDArray hard = Relaxations.gumbelMax(detached);
    Gaps gaps = gaps(logits, hard, k);
    // softmax(Y_k / tau) = softmax(-gap_k / tau): the winner's Y is each row's maximum and its gap is
    // exactly 0, so every exponent is <= 0 and each denominator is >= 1 (no max pass, no overflow).
    // With the constant noise gradient, Y_k = Y_k(detached) + (theta - stopGradient(theta)).
    NDArray exponent = noiseGradient == NoiseGradient.THROUGH
        ? gaps.gap().div(Scalars.like(logits, -tau))
        : gaps.identity().sub(gaps.gap()).div(Scalars.like(logits, tau));
    NDArray e = exponent.exp();
    NDArray soft = e.div(e.sum(new int[] {0}, true)).mean(new int[] {1}).transpose().reshape(logits.getShape());
    return settings.forward() == ForwardMode.SOFT ? soft : Relaxations.straightThrough(hard, soft);
  }

  @Override
  public Optional<ConditionalSampler> conditionalSampler() {
    return Optional.of(this);
  }

  @Override
  public NDArray sample(NDArray logits, NDArray oneHot, int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("the number of conditional samples must be at least 1, but was " + samples);
    }
    Gaps gaps = gaps(logits, oneHot.stopGradient().toType(logits.getDataType(), false), samples);
    // Y = winner - gap in the (ops, K, rows) layout, then to (K, rows, ops).
    NDArray y = gaps.winner().sub(gaps.gap());
    if (noiseGradient == NoiseGradient.CONSTANT) {
      y = y.add(gaps.identity());
    }
    return y.transpose(1, 2, 0).reshape(new Shape(samples).addAll(logits.getShape()));
  }

  /**
   * The conditional samples in an ops-first layout, (ops, K, rows): reductions and softmax over the
   * outermost axis are vectorised across K x rows, while over a last axis of 2 to 5 ops libtorch's CPU
   * kernels are about 20 times slower.
   *
   * @param gap {@code Y_k,winner - Y_kj} >= 0, exactly 0 at the winner, shape (ops, K, rows)
   * @param winner {@code Y_k,winner = logZ - log E_k,winner}, shape (1, K, rows)
   * @param identity {@code theta - stopGradient(theta)} (value 0, gradient I), shape (ops, 1, rows)
   */
  private record Gaps(NDArray gap, NDArray winner, NDArray identity) {}

  /**
   * The conditional sample formula, differentiable in theta when the noise gradient is {@code through}.
   *
   * <p>With {@code b = log E_ki - logZ}, the winner is {@code Y_ki = -b} and every other entry is
   * {@code Y_kj = -logaddexp(log E_kj - theta_j, b) = Y_ki - softplus(log E_kj - log E_ki -
   * logSoftmax(theta)_j)}. Softplus is stable both ways (it returns its argument above 20).
   *
   * <p>The winner's exponentials are drawn as their own small tensor (all E are iid, so this is the
   * same law as reading them out of the big one), and the winner's column is pushed to -1e30 before
   * softplus, which makes its gap exactly 0 (gradient 0) without a separate masking pass.
   */
  private Gaps gaps(NDArray logits, NDArray hard, int samples) {
    long ops = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray theta2 = logits.reshape(-1, ops);
    NDArray detached = theta2.stopGradient();
    NDArray theta = noiseGradient == NoiseGradient.THROUGH ? theta2 : detached;
    long rows = theta.getShape().get(0);
    // (ops, 1, rows) views of the per-row quantities.
    NDArray hardT = hard.reshape(-1, ops).transpose().expandDims(1);
    NDArray logSoftmaxT = theta.logSoftmax(-1).transpose().expandDims(1);
    // logZ = theta_i - logSoftmax_i, read at the winner (every op gives the same value): (1, 1, rows).
    NDArray logZ = theta.transpose().expandDims(1).sub(logSoftmaxT).mul(hardT).sum(new int[] {0}, true);
    NDArray logE = Relaxations.exponential(theta.getManager(), new Shape(ops, samples, rows), theta.getDataType()).log();
    NDArray logEWinner = Relaxations.exponential(theta.getManager(), new Shape(1, samples, rows), theta.getDataType()).log();
    NDArray shift = logSoftmaxT.add(hardT.mul(WINNER_SHIFT));
    NDArray gap = Activation.softPlus(logE.sub(logEWinner).sub(shift));
    NDArray identity = theta2.sub(detached).transpose().expandDims(1);
    return new Gaps(gap, logZ.sub(logEWinner), identity);
  }
}
