package io.avnas.api.estimator;

import ai.djl.ndarray.NDArray;

/**
 * Maps a table of architecture logits (rows x candidate ops) to mixing weights.
 *
 * <p>Implementations must be vectorised over the whole table (no per-row Java loops), create every
 * new array on the logits' device and manager, and draw their noise from the engine's random
 * generator (seeded by {@code Engine.setRandomSeed}) so runs are reproducible.
 */
public interface Estimator {

  /** The settings this estimator was created with. */
  EstimatorSettings settings();

  /**
   * The search-time mixing weights, shape equal to {@code logits}, with this estimator's gradient
   * rule. Must be called inside the caller's gradient collector for the logits to learn.
   *
   * @param logits architecture logits, rows x ops
   * @param tau the temperature to use now (the search may anneal it)
   */
  NDArray relax(NDArray logits, double tau);

  /** Deterministic weights for evaluation and genotype derivation: softmax over each row. */
  default NDArray probabilities(NDArray logits) {
    return logits.softmax(-1);
  }

  /** True when every row {@link #relax} returns is exactly one-hot in the forward value. */
  default boolean oneHotForward() {
    return settings().forward() == ForwardMode.HARD;
  }
}
