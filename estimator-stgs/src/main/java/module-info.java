/** The softmax (BM-NAS/DARTS) and straight-through Gumbel-softmax estimators. */
module io.avnas.estimator.stgs {
  requires io.avnas.api;
  requires io.avnas.support;

  provides io.avnas.api.estimator.EstimatorFactory with
      io.avnas.estimator.stgs.SoftmaxEstimatorFactory,
      io.avnas.estimator.stgs.StgsEstimatorFactory;
}
