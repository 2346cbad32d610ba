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
 * @param outDir where {@code avnas pretrain} writes the weights files
 * @param auto {@code avnas.pretrain.auto}: {@code run} pretrains every backbone whose {@code weights} is empty
 */
public record PretrainSettings(int epochs, double learningRate, int batchSize, Path outDir, boolean auto) {
  public static PretrainSettings from(Config config) {
    ConfigBlock block = new ConfigBlock("avnas.pretrain", config.getConfig("avnas.pretrain"));
    return new PretrainSettings(block.getInt("epochs", 1, 100_000), block.getDouble("lr", 1e-8, 10),
        block.getInt("batch-size", 2, 4096), Path.of(block.getString("out-dir")), block.getBoolean("auto"));
  }

  /** These settings, writing into another folder. */
  PretrainSettings withOutDir(Path dir) {
    return new PretrainSettings(epochs, learningRate, batchSize, dir, auto);
  }

  /** What the pretrained weights depend on besides the backbones and the data (out-dir and auto do not count). */
  String keyPart() {
    return "epochs=" + epochs + " lr=" + learningRate + " batch-size=" + batchSize;
  }
}
