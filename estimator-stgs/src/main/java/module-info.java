/** The softmax (BM-NAS/DARTS) and straight-through Gumbel-softmax estimators. */
module io.avnas.estimator.stgs {
  requires io.avnas.api;
}
