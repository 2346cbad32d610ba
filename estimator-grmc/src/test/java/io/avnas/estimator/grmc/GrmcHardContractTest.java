package io.avnas.estimator.grmc;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;

/** {@code grmc} with its defaults (K = 100, hard forward, constant noise gradient) through the contract. */
class GrmcHardContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new GrmcEstimatorFactory();
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.sampling(ForwardMode.HARD).withMonteCarlo("K").withStgsLaw();
  }
}
