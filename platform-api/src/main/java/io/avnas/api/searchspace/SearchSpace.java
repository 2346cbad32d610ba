package io.avnas.api.searchspace;

import ai.djl.nn.Block;

/** A configured search space: the supernet, genotype derivation and the fixed-network builder. */
public interface SearchSpace {

  /** The supernet. Input: one (B, C_i, L_i) array per feature; output: (B, classes) logits. */
  Block supernet();

  /** Derives the discrete architecture from the current architecture weights. */
  Genotype derive();

  /** Reads a genotype written by {@link Genotype#toJson()}. */
  Genotype parseGenotype(String json);

  /** A network that builds only what the genotype uses. Same input and output as the supernet. */
  Block fixedNetwork(Genotype genotype);
}
