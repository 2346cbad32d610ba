package io.avnas.api.estimator;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * Maps a table of architecture logits (rows x candidate ops) to mixing weights.
 *
 * <p>Implementations must be vectorised over the whole table (no per-row Java loops), create every
 * new array on the logits' device and manager, and draw their noise from the engine's random
 * generator (seeded by {@code Engine.setRandomSeed}) so runs are reproducible.
 *
 * <p>Memory: the intermediate arrays of {@link #relax} attach to the logits' manager, like any DJL
 * op. Call it inside an {@code NDScope} (or a sub-manager) that closes after the backward pass, so a
 * loop over batches does not grow the count of live arrays.
 *
 * <p>Every estimator must pass the contract of the {@code platform-testkit} module: extend {@code
 * io.avnas.testkit.EstimatorContract} in a test.
 */
public interface Estimator {

  /** The settings this estimator was created with. */
  EstimatorSettings settings();

  /**
   * The search-time mixing weights, shape equal to {@code logits}, with this estimator's gradient
   * rule. Must be called inside the caller's gradient collector for the logits to learn. For a
   * straight-through estimator the forward value is exactly one-hot and the gradient reaches the
   * logits through the relaxed sample: {@code w = s + stopGradient(D - s)}, never the reverse.
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

  /**
   * The conditional Gumbel sampler this estimator uses, if it has one (Gumbel-Rao Monte Carlo does).
   * A capability asked for by method, so callers never cast to concrete classes.
   */
  default Optional<ConditionalSampler> conditionalSampler() {
    return Optional.empty();
  }
}
