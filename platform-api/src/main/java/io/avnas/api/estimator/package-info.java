/**
 * The estimator SPI: how architecture logits become the mixing weights of the supernet's forward
 * pass, and which gradient flows back to the logits.
 *
 * <p>An {@link io.avnas.api.estimator.Estimator} works on a whole table of logits at once (rows =
 * edges or nodes, columns = candidate ops), on whatever device the logits live on. Its {@code
 * relax} result is used during search; {@code probabilities} (softmax, no noise) is used for
 * evaluation and genotype derivation.
 *
 * <p>To add an estimator: implement {@link io.avnas.api.estimator.EstimatorFactory}, register it
 * with {@code provides} and in {@code META-INF/services}, put its defaults under {@code
 * avnas.estimator} in the jar's {@code reference.conf}, and run it through the estimator contract of
 * the {@code platform-testkit} module ({@code io.avnas.testkit.EstimatorContract}).
 */
package io.avnas.api.estimator;
