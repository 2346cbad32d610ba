package io.avnas.runner.config;

import io.avnas.api.ConfigBlock;
import io.avnas.support.data.Balancing;

/**
 * The {@code avnas.retrain} block.
 *
 * @param epochs retrain epochs
 * @param batchSize batch size
 * @param adam the optimizer
 * @param schedule its cosine warm-restart schedule
 * @param balance how the real/fake imbalance is countered ({@code avnas.dataset.balance}): inverse
 *     class-frequency loss weights, or a class-balanced sampler drawing each epoch's batches
 */
public record RetrainSettings(int epochs, int batchSize, AdamSettings adam, CosineWarmRestarts schedule, Balancing.Mode balance) {

  /** @param dataset the {@code avnas.dataset} block, read for {@code balance} */
  public static RetrainSettings from(ConfigBlock block, ConfigBlock dataset) {
    Balancing.Mode balance = dataset.has("balance") ? Balancing.mode(dataset) : Balancing.Mode.NONE;
    return new RetrainSettings(block.getInt("epochs", 1, 100_000), block.getInt("batch-size", 1, 1 << 20),
        AdamSettings.from(block), SearchSettings.schedule(block), balance);
  }
}
