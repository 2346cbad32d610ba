package io.avnas.api.searchspace;

/** The two halves of first-order bilevel search. */
public enum StepKind {
  /** Network weights learn on the train split: BatchNorm uses batch statistics, Dropout is on. */
  WEIGHTS,
  /**
   * Architecture tables learn on the dev split: BatchNorm uses (and does not update) its running
   * statistics, Dropout is off, so dev batches never leak into the network's normalisation.
   */
  ARCHITECTURE
}
