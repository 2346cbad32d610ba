package io.avnas.estimator.stgs;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;

/** {@code softmax} through the estimator contract: deterministic softmax with the exact gradient. */
class SoftmaxContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new SoftmaxEstimatorFactory();
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.deterministic();
  }
}
