/**
 * Reusable contract tests. {@link io.avnas.testkit.EstimatorContract} is the JUnit 5 base class an
 * estimator test extends; {@link io.avnas.testkit.EstimatorChecks} holds the checks themselves, so
 * they can also be called one by one (the kit's own tests prove each check fails on a known bug).
 */
package io.avnas.testkit;
