package io.avnas.example.estimator;

import ai.djl.ndarray.NDArray;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.tensor.Scalars;

/**
 * {@code softmax(theta / tau)} over each row: the DARTS relaxation with a temperature. It draws no
 * noise, so its forward value is soft and its gradient is the exact softmax Jacobian scaled by
 * {@code 1 / tau}.
 */
final class SoftmaxTauEstimator implements Estimator {
  private final EstimatorSettings settings;

  SoftmaxTauEstimator(double tau) {
    this.settings = new EstimatorSettings(SoftmaxTauFactory.ID, tau, ForwardMode.SOFT);
  }

  @Override
  public EstimatorSettings settings() {
    return settings;
  }

  /** One vectorised op over the whole table, on the logits' own manager and device. */
  @Override
  public NDArray relax(NDArray logits, double tau) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be a finite number > 0, but was " + tau);
    }
    // An engine-owned divisor: autograd keeps it for the backward pass (see io.avnas.support.tensor.Scalars).
    return logits.div(Scalars.like(logits, tau)).softmax(-1);
  }
}
