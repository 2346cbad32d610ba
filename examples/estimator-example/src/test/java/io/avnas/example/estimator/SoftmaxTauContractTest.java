package io.avnas.example.estimator;

import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.testkit.EstimatorCapabilities;
import io.avnas.testkit.EstimatorContract;
import io.avnas.testkit.ReferenceGradient;
import java.util.Optional;

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

  /**
   * The reference-gradient hook: the kit compares the gradient of {@code sum_i w_i c_i} with this one,
   * computed in plain Java. softmax(theta / tau) is deterministic, so one exact draw is enough: {@code
   * y * (c - <y, c>) / tau} with {@code y = softmax(theta / tau)}. A sampling estimator returns
   * {@code draws} Monte Carlo draws from {@code random} instead.
   */
  @Override
  protected Optional<ReferenceGradient> referenceGradient() {
    return Optional.of((theta, costs, tau, draws, random) -> {
      double[] scaled = new double[theta.length];
      for (int j = 0; j < theta.length; j++) {
        scaled[j] = theta[j] / tau;
      }
      double[] y = ReferenceGradient.softmax(scaled);
      double yc = 0;
      for (int j = 0; j < y.length; j++) {
        yc += y[j] * costs[j];
      }
      double[] gradient = new double[y.length];
      for (int j = 0; j < y.length; j++) {
        gradient[j] = y[j] * (costs[j] - yc) / tau;
      }
      return new double[][] {gradient};
    });
  }
}
