package io.avnas.api.estimator;

import java.util.Map;
import java.util.Objects;

/**
 * What an estimator runs with, as recorded in provenance, the genotype and {@code results.json}.
 *
 * <p>Only what every estimator has is a field; whatever belongs to one estimator, such as grmc's
 * Monte Carlo sample count {@code K}, is one of its {@link #options}, under the config key it is read
 * from, so the platform never learns a particular estimator's knobs.
 *
 * @param id the estimator id
 * @param tau the (initial) temperature
 * @param forward the forward mode; {@link ForwardMode#SOFT} for deterministic relaxations
 * @param options the estimator's own options by their config key, e.g. {@code K = 100} and {@code
 *     noise-gradient = constant} for grmc; each value a {@link String}, a {@link Number} or a
 *     {@link Boolean}, so that it is written to JSON as the type it was configured with
 */
public record EstimatorSettings(String id, double tau, ForwardMode forward, Map<String, Object> options) {
  public EstimatorSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(forward, "forward");
    options = Map.copyOf(options);
    options.forEach((key, value) -> {
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException("estimator option " + key + " must be a String, Number or Boolean, not "
            + value.getClass().getName());
      }
    });
  }

  /** Settings with no options of the estimator's own. */
  public EstimatorSettings(String id, double tau, ForwardMode forward) {
    this(id, tau, forward, Map.of());
  }
}
