package io.avnas.api.estimator;

import ai.djl.ndarray.NDArray;

/**
 * An optional capability of an estimator: draws of the perturbed logits {@code theta + G}
 * conditioned on their argmax, as Gumbel-Rao Monte Carlo uses them. Ask an estimator for it with
 * {@link Estimator#conditionalSampler()}; the contract test kit then checks that every sample keeps
 * its argmax and that the marginals match a rejection sampler.
 */
public interface ConditionalSampler {

  /**
   * Draws {@code k} samples of {@code theta + G}, G iid standard Gumbel, conditioned on {@code
   * argmax(theta + G) = argmax(oneHot)} in every row.
   *
   * @param logits theta, rows x ops
   * @param oneHot the conditioning category D, rows x ops, exactly one 1 per row
   * @param k the number of samples per row, at least 1
   * @return shape (k, rows, ops); the argmax of every (k, row) slice is D's index for that row
   */
  NDArray sample(NDArray logits, NDArray oneHot, int k);
}
