/**
 * The {@code grmc} estimator: Gumbel-Rao Monte Carlo (Paulus et al. 2020), the estimator of
 * GRMC-BMNAS. It averages the straight-through Gumbel-softmax gradient over K draws of the Gumbel
 * noise conditioned on the sampled category.
 */
package io.avnas.estimator.grmc;
