package io.avnas.example.estimator;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;

/** The example runs through the same estimator contract as the built-in estimators. */
class SoftmaxTauContractTest extends EstimatorContract {

  @Override
  protected EstimatorFactory factory() {
    return new SoftmaxTauFactory();
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.deterministic();
  }

  /** softmax(theta / tau) equals softmax(theta) only at tau = 1, and the kit relaxes at other tau. */
  @Override
  protected boolean relaxIsSoftmax() {
    return false;
  }
}
