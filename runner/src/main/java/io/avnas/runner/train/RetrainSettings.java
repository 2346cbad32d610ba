package io.avnas.runner.train;

import io.avnas.api.ConfigBlock;
import io.avnas.runner.search.AdamSettings;
import io.avnas.runner.search.CosineWarmRestarts;
import io.avnas.runner.search.SearchSettings;

/**
 * The {@code avnas.retrain} block.
 *
 * @param epochs retrain epochs
 * @param batchSize batch size
 * @param adam the optimizer
 * @param schedule its cosine warm-restart schedule
 * @param balance weight the loss by inverse class frequency ({@code avnas.dataset.balance})
 */
public record RetrainSettings(int epochs, int batchSize, AdamSettings adam, CosineWarmRestarts schedule, boolean balance) {

  /** @param dataset the {@code avnas.dataset} block, read for an optional {@code balance} flag */
  public static RetrainSettings from(ConfigBlock block, ConfigBlock dataset) {
    boolean balance = dataset.has("balance") && dataset.getBoolean("balance");
    return new RetrainSettings(block.getInt("epochs", 1, 100_000), block.getInt("batch-size", 1, 1 << 20),
        AdamSettings.from(block), SearchSettings.schedule(block), balance);
  }
}
