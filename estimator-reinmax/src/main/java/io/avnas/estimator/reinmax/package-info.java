/**
 * The {@code reinmax} estimator: ReinMax, Algorithm 2 of Liu, Zhao, Chen, Gao and Han, "Bridging
 * Discrete and Backpropagation: Straight-Through and Beyond", NeurIPS 2023. Its forward value is
 * the exact one-hot sample D ~ Cat(softmax(theta)); its gradient is the second-order (Heun's
 * method) combination {@code 2 J(pi_1)^T g - J(pi_0)^T g / 2} of two softmax Jacobians. See
 * docs/estimators.md for its measured bias and variance next to stgs and grmc.
 */
package io.avnas.estimator.reinmax;
