/** The Gumbel-Rao Monte Carlo estimator (GRMC-BMNAS). */
module io.avnas.estimator.grmc {
  requires io.avnas.api;
  requires io.avnas.support;

  provides io.avnas.api.estimator.EstimatorFactory with io.avnas.estimator.grmc.GrmcEstimatorFactory;
}
