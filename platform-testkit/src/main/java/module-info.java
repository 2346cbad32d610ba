/**
 * Contract test base classes that any plugin, built-in or third-party, runs through. An estimator
 * test extends {@link io.avnas.testkit.EstimatorContract} and inherits the statistical checks of
 * the estimator contract (docs/estimators.md).
 */
module io.avnas.testkit {
  requires transitive io.avnas.api;
  requires transitive org.junit.jupiter.api;

  exports io.avnas.testkit;
}
