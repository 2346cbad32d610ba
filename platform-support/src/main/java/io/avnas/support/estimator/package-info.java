/**
 * Helpers estimator plugins share: Gumbel and exponential noise, one-hot arg-max and the
 * straight-through combination ({@link io.avnas.support.estimator.Relaxations}), and the reading of
 * the options every estimator has, {@code tau} and {@code forward} ({@link
 * io.avnas.support.estimator.EstimatorOptions}; their defaults are platform-api's).
 */
package io.avnas.support.estimator;
