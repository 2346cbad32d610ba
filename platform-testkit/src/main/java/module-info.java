/**
 * Contract test base classes that any plugin, built-in or third-party, runs through. An estimator
 * test extends {@link io.avnas.testkit.EstimatorContract} and inherits the statistical checks of
 * the estimator contract (docs/estimators.md). Only the contract ({@code io.avnas.testkit}) is
 * exported; the checks behind it are open to avnas's own modules' tests alone.
 */
module io.avnas.testkit {
  requires transitive io.avnas.api;
  requires io.avnas.support;
  requires transitive org.junit.jupiter.api;

  exports io.avnas.testkit;
  // Single checks and the GC poison, for tests of avnas's own modules (compiled patched into them).
  exports io.avnas.testkit.internal to io.avnas.estimator.reinmax, io.avnas.searchspace.bimodal, io.avnas.runner;
}
