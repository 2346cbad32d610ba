/**
 * {@code avnas estimators bench}: measures the gradient variance and MSE of every discovered
 * estimator (or those named by {@code --estimators}, plugins folder included) against the exact
 * gradient of a linear objective (the paper's Propositions 1 and 2), and the time per estimator
 * call. Estimators come from the plugin registry only; no plugin class or id is named here, and a
 * sample count is swept only for an estimator that declares one ({@code
 * EstimatorFactory.sampleCountKey()}).
 */
package io.avnas.runner.estimators;
