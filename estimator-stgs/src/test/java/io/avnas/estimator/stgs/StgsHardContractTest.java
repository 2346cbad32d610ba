package io.avnas.estimator.stgs;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;

/** {@code stgs} with its default hard forward through the estimator contract. */
class StgsHardContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new StgsEstimatorFactory();
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.sampling(ForwardMode.HARD).withStgsLaw();
  }
}
