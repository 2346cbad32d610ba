package io.avnas.estimator.grmc;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import java.util.Map;

/**
 * {@code grmc} with {@code noise-gradient = through} through the contract. It claims no stgs law:
 * differentiating through the conditional sample formula is not a conditional expectation of stgs.
 */
class GrmcThroughContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new GrmcEstimatorFactory();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("noise-gradient", "through");
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.sampling(ForwardMode.HARD).withMonteCarlo("K");
  }
}
