package io.avnas.estimator.reinmax;

import ai.djl.ndarray.NDArray;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.support.estimator.EstimatorOptions;
import io.avnas.support.estimator.Relaxations;
import io.avnas.support.tensor.Scalars;

/**
 * ReinMax, Algorithm 2 of Liu et al. (NeurIPS 2023), on a whole table of logits theta (rows x ops):
 *
 * <ol>
 *   <li>{@code pi_0 = softmax(theta)} and the sample {@code D ~ Cat(pi_0)}, drawn as {@code
 *       onehot(argmax(theta + G))} with Gumbel noise G from the engine's generator.
 *   <li>{@code pi_1 = (D + softmax(theta / tau)) / 2}, a constant of the backward pass except through
 *       the softmax Jacobian at its own value, {@code J(pi_1) = diag(pi_1) - pi_1 pi_1^T}.
 *   <li>{@code pi_2 = 2 pi_1 - pi_0 / 2} and {@code w = D + pi_2 - stopGradient(pi_2)}: the forward
 *       value is exactly D, and the gradient of a loss L is {@code 2 J(pi_1)^T dL/dD - J(pi_0)^T
 *       dL/dD / 2}, Heun's method in place of straight-through's forward Euler step.
 * </ol>
 *
 * <p>The paper writes step 2 as {@code softmax(stopGradient(ln pi_1 - theta) + theta)}. This class
 * writes the same Jacobian without the logarithm, as {@code pi_1 * (d - <pi_1, d>)} with the
 * zero-valued {@code d = theta - stopGradient(theta)}: where {@code softmax(theta / tau)} underflows
 * to 0 (large logits, small tau) {@code ln pi_1} is minus infinity, and the linear form stays finite.
 * Every term added to D is exactly 0 in the forward pass, so {@code D + 0} is D bit for bit.
 */
record ReinmaxEstimator(EstimatorSettings settings) implements Estimator {
  @Override
  public NDArray relax(NDArray logits, double tau) {
    EstimatorOptions.checkTau(tau);
    NDArray fixed = logits.stopGradient();
    NDArray hard = Relaxations.gumbelMax(fixed);
    NDArray pi0 = logits.softmax(-1);
    // Scalars, not Java numbers: autograd keeps the scalar operands for the backward pass.
    NDArray pi1 = hard.add(fixed.div(Scalars.like(logits, tau)).softmax(-1)).mul(Scalars.like(logits, 0.5));
    NDArray zero = logits.sub(fixed);
    NDArray weighted = pi1.mul(zero);
    NDArray viaPi1 = weighted.sub(pi1.mul(weighted.sum(new int[] {-1}, true)));
    NDArray viaPi0 = pi0.sub(pi0.stopGradient());
    NDArray change = viaPi1.mul(Scalars.like(logits, 2.0)).sub(viaPi0.mul(Scalars.like(logits, 0.5)));
    return hard.add(change);
  }
}
