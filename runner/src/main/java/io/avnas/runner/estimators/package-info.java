/**
 * {@code avnas estimators bench}: measures the gradient variance and MSE of the {@code stgs} and
 * {@code grmc} estimators against the exact gradient of a linear objective (the paper's
 * Propositions 1 and 2), and the time per estimator call. Estimators come from the plugin registry
 * only; no plugin class is named here.
 */
package io.avnas.runner.estimators;
