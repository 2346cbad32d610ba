package io.avnas.runner.estimators;

/**
 * One measured estimator setting.
 *
 * @param estimator the estimator id, e.g. {@code stgs}
 * @param tau the temperature
 * @param k the sample count, or {@code null} for an estimator that declares none
 * @param variance the total variance: the sum over coordinates of the gradient's variance
 * @param mse the mean over draws of the squared norm of (estimate - exact gradient)
 * @param bias2 the squared norm of (mean estimate - exact gradient)
 */
public record BenchRow(String estimator, double tau, Integer k, double variance, double mse, double bias2) {}
