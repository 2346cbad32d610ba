package io.avnas.api.searchspace;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A configured search space: the supernet, genotype derivation and the fixed-network builder.
 *
 * <p>Lifecycle: the runner initialises {@link #supernet()} with one input shape per feature, then
 * alternates weight and architecture steps, telling the search space which one runs with {@link
 * #setStepKind(StepKind)} (it decides how BatchNorm and Dropout behave) and the current temperature
 * with {@link #setTemperature(double)}. The architecture tables are ordinary DJL parameters of the
 * supernet (so they are saved and loaded with it) that {@link #architectureParameters()} names; every
 * other parameter of the supernet is a network weight.
 */
public interface SearchSpace {

  /** The supernet. Input: one (B, C_i, L_i) array per feature; output: (B, classes) logits. */
  Block supernet();

  /**
   * The architecture tables (for the bimodal space: {@code alpha}, {@code beta}, {@code gamma}), in a
   * fixed order. They live on the supernet's device; the runner updates them with its own optimizer.
   */
  List<Parameter> architectureParameters();

  /** Which step the next training-mode forward passes belong to. Default {@link StepKind#WEIGHTS}. */
  void setStepKind(StepKind kind);

  /** The temperature the estimator relaxes with from now on (for annealing). */
  void setTemperature(double tau);

  /** The temperature currently in use. */
  double temperature();

  /**
   * The entropy (nats) of each architecture table's deterministic probabilities, averaged over its
   * rows, keyed by table name ({@code alpha}, {@code beta}, {@code gamma}). Copies to the host: call
   * at log intervals only.
   */
  Map<String, Double> entropies();

  /** Derives the discrete architecture from the current architecture weights (no seed recorded). */
  Genotype derive();

  /** As {@link #derive()}, recording the run's seed in the genotype. */
  Genotype derive(long seed);

  /** Reads a genotype written by {@link Genotype#toJson()}. */
  Genotype parseGenotype(String json);

  /** A network that builds only what the genotype uses. Same input and output as the supernet. */
  Block fixedNetwork(Genotype genotype);
}
