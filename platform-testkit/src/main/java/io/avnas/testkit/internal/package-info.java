/**
 * The checks behind {@link io.avnas.testkit.EstimatorContract} (one method per contract test, so the
 * kit's own tests can prove each fails on a known bug), the gradient draws and moments they compare,
 * and the garbage-collector poison that exposes Java-owned tensor memory. Not exported to plugins:
 * only avnas's own modules' tests, which need single checks and the poison outside an estimator
 * contract, may read it.
 */
package io.avnas.testkit.internal;
