package io.avnas.runner.config;

import io.avnas.api.ConfigBlock;
import java.util.List;

/**
 * The {@code avnas.search} block.
 *
 * @param epochs search epochs
 * @param batchSize batch size of weight and architecture steps
 * @param alternation {@code batch}: an architecture step on the next dev batch before every weight
 *     step (NNI/DARTS); {@code epoch}: a full epoch of weight steps, then one of architecture steps
 *     (BM-NAS)
 * @param warmupEpochs leading epochs with the architecture frozen
 * @param tauFinal the temperature at the last epoch under linear annealing, or NaN for constant
 * @param weights the network-weight Adam
 * @param schedule the weights' cosine warm-restart schedule
 * @param architecture the architecture Adam (no schedule)
 * @param select which epoch's genotype the run keeps: {@link #BEST_DEV} (the epoch with the best dev
 *     accuracy, as BM-NAS) or {@link #LAST}
 */
public record SearchSettings(int epochs, int batchSize, String alternation, int warmupEpochs, double tauFinal,
    AdamSettings weights, CosineWarmRestarts schedule, AdamSettings architecture, String select) {
  public static final String BEST_DEV = "best-dev";
  public static final String LAST = "last";

  public static SearchSettings from(ConfigBlock block) {
    String schedule = block.getChoice("tau-schedule", List.of("constant", "linear"));
    return new SearchSettings(block.getInt("epochs", 1, 100_000), block.getInt("batch-size", 1, 1 << 20),
        block.getChoice("alternation", List.of("batch", "epoch")), block.getInt("warmup-epochs", 0, 100_000),
        schedule.equals("linear") ? block.getPositiveDouble("tau-final", 0) : Double.NaN,
        AdamSettings.from(block.block("weights")), schedule(block.block("weights")),
        AdamSettings.from(block.block("architecture")), block.getChoice("select", List.of(BEST_DEV, LAST)));
  }

  /** Reads {@code restart-period}, {@code restart-mult} and {@code lr-min}. */
  public static CosineWarmRestarts schedule(ConfigBlock block) {
    return new CosineWarmRestarts(block.getInt("restart-period", 1, 100_000), block.getInt("restart-mult", 1, 100),
        block.getDouble("lr-min", 0, 1));
  }

  /** The temperature of epoch {@code epoch} (0-based). */
  public double tau(double initial, int epoch) {
    if (Double.isNaN(tauFinal) || epochs == 1) {
      return initial;
    }
    return initial + (tauFinal - initial) * epoch / (epochs - 1);
  }
}
