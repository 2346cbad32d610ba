/** The ReinMax estimator (Liu et al., NeurIPS 2023): second-order accurate straight-through. */
module io.avnas.estimator.reinmax {
  requires io.avnas.api;
  requires io.avnas.support;

  provides io.avnas.api.estimator.EstimatorFactory with io.avnas.estimator.reinmax.ReinmaxEstimatorFactory;
}
