package io.avnas.runner.search;

/**
 * A search epoch ended with a non-finite train or dev loss. It is thrown before that epoch's
 * checkpoint is written, so the run folder still holds the checkpoint of the epoch before.
 */
public final class SearchDiverged extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  /** @param epoch the 1-based epoch whose losses were not finite */
  public SearchDiverged(int epoch, double trainLoss, double devLoss) {
    super("search diverged at epoch " + epoch + ": train loss " + trainLoss + ", dev loss " + devLoss);
    this.epoch = epoch;
  }

  /** The 1-based epoch whose losses were not finite. */
  public int epoch() {
    return epoch;
  }
}
