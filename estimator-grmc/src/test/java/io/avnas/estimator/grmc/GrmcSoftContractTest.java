package io.avnas.estimator.grmc;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import java.util.Map;

/** {@code grmc} with {@code forward = soft} (the paper's weighted fusion) through the contract. */
class GrmcSoftContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new GrmcEstimatorFactory();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("forward", "soft", "K", 10);
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.sampling(ForwardMode.SOFT).withMonteCarlo("K").withStgsLaw();
  }
}
