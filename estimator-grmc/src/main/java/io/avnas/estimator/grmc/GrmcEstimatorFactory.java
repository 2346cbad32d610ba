package io.avnas.estimator.grmc;

import io.avnas.api.ConfigBlock;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.estimator.EstimatorFactory;
import io.avnas.api.estimator.EstimatorSettings;
import io.avnas.api.estimator.ForwardMode;
import io.avnas.support.estimator.EstimatorOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Creates {@code grmc} estimators from {@code avnas.estimator}: {@code tau}, {@code forward}
 * (shared, platform-api's reference.conf), {@code K} and {@code noise-gradient} (this module's
 * reference.conf).
 */
public final class GrmcEstimatorFactory implements EstimatorFactory {
  /** The id a config selects this estimator by. */
  public static final String ID = "grmc";
  /** The Monte Carlo sample count key, relative to {@code avnas.estimator}. */
  public static final String K = "K";
  /** The noise-gradient key, relative to {@code avnas.estimator}. */
  public static final String NOISE_GRADIENT = "noise-gradient";
  /** The largest K accepted: beyond it one call would need gigabytes for a paper-size table. */
  public static final int MAX_K = 100_000;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Gumbel-Rao Monte Carlo (GRMC-BMNAS): straight-through with K conditional Gumbel samples";
  }

  /** grmc's Monte Carlo sample count is {@code K}. */
  @Override
  public Optional<String> sampleCountKey() {
    return Optional.of(K);
  }

  @Override
  public void validate(ConfigBlock block) {
    EstimatorOptions.tau(block);
    EstimatorOptions.forward(block);
    block.getInt(K, 1, MAX_K);
    block.getEnum(NOISE_GRADIENT, NoiseGradient.class);
  }

  @Override
  public Estimator create(ConfigBlock block) {
    validate(block);
    NoiseGradient noise = block.getEnum(NOISE_GRADIENT, NoiseGradient.class);
    ForwardMode forward = EstimatorOptions.forward(block);
    int k = block.getInt(K, 1, MAX_K);
    EstimatorSettings settings = new EstimatorSettings(ID, EstimatorOptions.tau(block), forward,
        Map.of(K, k, NOISE_GRADIENT, noise.name().toLowerCase(Locale.ROOT)));
    return new GrmcEstimator(settings, k, noise);
  }
}
