/**
 * An example third-party estimator, {@code softmax-tau}, that depends only on the platform
 * (platform-api and platform-support). It is the worked example of docs/plugin-guide.md: copy this
 * module to start a plugin of your own.
 */
module io.avnas.example.estimator {
  requires io.avnas.api;
  requires io.avnas.support;

  provides io.avnas.api.estimator.EstimatorFactory with io.avnas.example.estimator.SoftmaxTauFactory;
}
