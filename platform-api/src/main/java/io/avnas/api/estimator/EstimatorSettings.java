package io.avnas.api.estimator;

import java.util.Map;
import java.util.Objects;

/**
 * What an estimator runs with, as recorded in provenance, the genotype and {@code results.json}.
 *
 * @param id the estimator id
 * @param tau the (initial) temperature
 * @param k the number of Monte Carlo samples, or {@code null} if the estimator has none
 * @param forward the forward mode; {@link ForwardMode#SOFT} for deterministic relaxations
 * @param options any further options by their config key, e.g. {@code noise-gradient}
 */
public record EstimatorSettings(String id, double tau, Integer k, ForwardMode forward, Map<String, String> options) {
  public EstimatorSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(forward, "forward");
    options = Map.copyOf(options);
  }
}
