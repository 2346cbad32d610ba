package io.avnas.estimator.reinmax;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import io.avnas.testkit.ReferenceGradient;
import java.util.Optional;

/**
 * {@code reinmax} through the estimator contract, with its plain-Java gradient as the reference. It
 * claims no stgs law: its gradient is not the straight-through Gumbel-softmax one.
 */
class ReinmaxContractTest extends EstimatorContract {
  @Override
  protected EstimatorFactory factory() {
    return new ReinmaxEstimatorFactory();
  }

  @Override
  protected EstimatorCapabilities capabilities() {
    return EstimatorCapabilities.sampling(ForwardMode.HARD);
  }

  @Override
  protected Optional<ReferenceGradient> referenceGradient() {
    return Optional.of(new ReinmaxReference());
  }
}
