package io.avnas.api.estimator;

/** What the forward pass of a sampling estimator mixes with. */
public enum ForwardMode {
  /** The exact one-hot sample D, so only the chosen op needs computing. */
  HARD,
  /** The (averaged) relaxed sample s, the paper's "weighted fusion". */
  SOFT
}
