package io.avnas.runner.train;

/**
 * A retrain epoch ended with a non-finite train or val loss, or a non-finite val score. It is
 * thrown before that epoch's checkpoint is written, so the run folder still holds the epoch before.
 */
public final class RetrainDiverged extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  /** @param epoch the 1-based epoch that diverged */
  public RetrainDiverged(int epoch, double trainLoss, double valLoss) {
    super("retraining diverged at epoch " + epoch + ": train loss " + trainLoss + ", val loss " + valLoss);
    this.epoch = epoch;
  }

  /** The 1-based epoch that diverged. */
  public int epoch() {
    return epoch;
  }
}
