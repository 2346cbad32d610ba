package io.avnas.runner.features;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import java.nio.file.Path;

/**
 * {@code avnas.pretrain}: training each backbone on its own modality's real/fake label.
 *
 * @param epochs epochs over TRAIN
 * @param learningRate Adam's learning rate
 * @param batchSize clips per step
 * @param outDir where the weights files are written
 */
public record PretrainSettings(int epochs, double learningRate, int batchSize, Path outDir) {
  public static PretrainSettings from(Config config) {
    ConfigBlock block = new ConfigBlock("avnas.pretrain", config.getConfig("avnas.pretrain"));
    return new PretrainSettings(block.getInt("epochs", 1, 100_000), block.getDouble("lr", 1e-8, 10),
        block.getInt("batch-size", 2, 4096), Path.of(block.getString("out-dir")));
  }
}
