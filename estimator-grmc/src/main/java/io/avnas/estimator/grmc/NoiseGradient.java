package io.avnas.estimator.grmc;

/** How the gradient treats the conditional samples {@code Y_k}: the {@code noise-gradient} option. */
public enum NoiseGradient {
  /**
   * {@code Y_k - theta} is a constant, so {@code dY_k/dtheta = I}. The estimator is then the
   * conditional expectation of the straight-through Gumbel-softmax gradient given D (Rao-Blackwell),
   * K = 1 has the gradient distribution of stgs, and the variance falls with K. The default.
   */
  CONSTANT,
  /**
   * Differentiate through the conditional sample formula as well ({@code Y_ki = logZ - log E_ki},
   * {@code Y_kj = -logaddexp(log E_kj - theta_j, log E_ki - logZ)}), the paper's literal remark
   * after eq. 8 ("through both theta and G^k"). Not a conditional expectation of stgs.
   */
  THROUGH
}
