package io.avnas.estimator.stgs;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import java.util.Map;

/** {@code stgs} with {@code forward = soft} (plain Gumbel-softmax) through the estimator contract. */
class StgsSoftContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new StgsEstimatorFactory();
  }

  @Override
  protected Map<String, Object> options() {
    return Map.of("forward", "soft");
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    // The gradient of soft Gumbel-softmax is the straight-through gradient: w = s either way.
    return EstimatorCapabilities.sampling(ForwardMode.SOFT).withStgsLaw();
  }
}
