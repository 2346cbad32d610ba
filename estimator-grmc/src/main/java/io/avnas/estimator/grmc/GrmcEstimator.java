package io.avnas.estimator.grmc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.estimator.ConditionalSampler;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorOptions;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.api.estimator.Relaxations;
import java.util.Optional;

/**
 * Gumbel-Rao Monte Carlo on a whole table of logits theta (rows x ops):
 *
 * <ol>
 *   <li>{@code D = onehot(argmax(theta + G))}, one Gumbel draw per entry (a draw from
 *       Cat(softmax(theta)) per row).
 *   <li>K conditional samples {@code Y_k ~ theta + G | argmax = D}, all at once as a (K, rows, ops)
 *       tensor, in log space: with {@code E_kj ~ Exp(1)} and {@code logZ = logsumexp(theta)}, the
 *       winner i gets {@code Y_ki = logZ - log E_ki} and every other j gets {@code Y_kj =
 *       -logaddexp(log E_kj - theta_j, log E_ki - logZ)}. Each row of Y_k has its argmax at D.
 *   <li>{@code s = mean_k softmax(Y_k / tau)}.
 *   <li>{@code forward = hard}: {@code w = s + stopGradient(D - s)} (forward value exactly D, the
 *       Rao-Blackwellised straight-through gradient); {@code forward = soft}: {@code w = s}.
 * </ol>
 *
 * <p>{@link NoiseGradient#CONSTANT} builds {@code Y_k} from detached logits and adds {@code theta -
 * stopGradient(theta)} (exactly 0 in value), so {@code dY_k/dtheta = I}. {@link
 * NoiseGradient#THROUGH} builds {@code Y_k} from the live logits, so the gradient also flows through
 * {@code logZ} and {@code theta_j} in the formulas above.
 *
 * <p>The noise is drawn once per call and used once: no fresh noise is ever added to {@code Y_k}
 * (that would break the argmax invariant).
 */
final class GrmcEstimator implements Estimator, ConditionalSampler {
  private final EstimatorSettings settings;
  private final NoiseGradient noiseGradient;
  private final int k;

  GrmcEstimator(EstimatorSettings settings, NoiseGradient noiseGradient) {
    this.settings = settings;
    this.noiseGradient = noiseGradient;
    this.k = settings.k();
  }

  @Override
  public EstimatorSettings settings() {
    return settings;
  }

  @Override
  public NDArray relax(NDArray logits, double tau) {
    EstimatorOptions.checkTau(tau);
    NDArray detached = logits.stopGradient();
    NDArray hard = Relaxations.oneHotArgMax(
        detached.add(Relaxations.gumbel(logits.getManager(), logits.getShape(), logits.getDataType())));
    NDArray soft = sample(logits, hard, k).div(tau).softmax(-1).mean(new int[] {0});
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
    NDArray hard = oneHot.stopGradient().toType(logits.getDataType(), false);
    if (noiseGradient == NoiseGradient.THROUGH) {
      return conditional(logits, hard, samples);
    }
    NDArray detached = logits.stopGradient();
    // Value: exactly the sample (x - x is exactly 0); gradient: the identity onto theta.
    return conditional(detached, hard, samples).add(logits.sub(detached));
  }

  /** The conditional sample formula, differentiable in {@code theta} wherever theta carries a gradient. */
  private static NDArray conditional(NDArray theta, NDArray hard, int samples) {
    NDManager manager = theta.getManager();
    Shape shape = new Shape(samples).addAll(theta.getShape());
    NDArray logE = Relaxations.exponential(manager, shape, theta.getDataType()).log();
    // logsumexp over ops, shifted by the (detached) row max: the shift cancels in value and gradient.
    NDArray max = theta.stopGradient().max(new int[] {-1}, true);
    NDArray logZ = theta.sub(max).exp().sum(new int[] {-1}, true).log().add(max);
    NDArray logEWinner = logE.mul(hard).sum(new int[] {-1}, true);
    NDArray winner = logZ.sub(logEWinner);
    NDArray others = logAddExp(logE.sub(theta), logEWinner.sub(logZ)).neg();
    // The winner's column takes `winner` exactly (no arithmetic blend that could round a near-tie).
    // DJL's where does not broadcast, so both operands are expanded to (K, rows, ops) first.
    return NDArrays.where(hard.gt(0.5f).broadcast(shape), winner.broadcast(shape), others);
  }

  /** log(exp(a) + exp(b)) without overflow: max(a, b) + log(1 + exp(-|a - b|)). */
  private static NDArray logAddExp(NDArray a, NDArray b) {
    NDArray diff = a.sub(b);
    return a.maximum(b).add(diff.abs().neg().exp().add(1).log());
  }
}
