/**
 * The plugin contract, and only that: {@link io.avnas.testkit.EstimatorContract} is the JUnit 5 base
 * class an estimator test extends, {@link io.avnas.testkit.EstimatorCapabilities} is what the
 * estimator under test claims, and {@link io.avnas.testkit.ReferenceGradient} is the author's own
 * statement of the gradient it computes. The checks themselves live in the kit's internals, which
 * this module does not export to plugins.
 */
package io.avnas.testkit;
