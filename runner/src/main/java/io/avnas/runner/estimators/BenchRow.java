package io.avnas.runner.estimators;

/**
 * One measured estimator setting.
 *
 * @param estimator {@code stgs} or {@code grmc}
 * @param tau the temperature
 * @param k grmc's sample count, or {@code null} for stgs
 * @param variance the total variance: the sum over coordinates of the gradient's variance
 * @param mse the mean over draws of the squared norm of (estimate - exact gradient)
 * @param bias2 the squared norm of (mean estimate - exact gradient)
 */
public record BenchRow(String estimator, double tau, Integer k, double variance, double mse, double bias2) {}
