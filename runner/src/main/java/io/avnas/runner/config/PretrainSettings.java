package io.avnas.runner.config;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import java.nio.file.Path;

/**
 * {@code avnas.pretrain}: training each backbone on its own modality's real/fake label, and, with
 * {@code sync-weight > 0}, both backbones jointly on whether a real clip's frames and audio are in
 * step ({@link Pretrainer}).
 *
 * @param epochs epochs over TRAIN
 * @param learningRate Adam's learning rate
 * @param batchSize clips per step
 * @param outDir where {@code avnas pretrain} writes the weights files
 * @param auto {@code avnas.pretrain.auto}: {@code run} pretrains every backbone whose {@code weights} is empty
 * @param syncWeight {@code avnas.pretrain.sync-weight}: weight of the audio-visual sync loss; 0 = off
 * @param syncLength time steps the sync loss compares: L ({@code avnas.searchspace.L}), the steps
 *     the fusion cells see
 */
public record PretrainSettings(int epochs, double learningRate, int batchSize, Path outDir, boolean auto, double syncWeight,
    int syncLength) {

  /** Without the sync objective. */
  public PretrainSettings(int epochs, double learningRate, int batchSize, Path outDir, boolean auto) {
    this(epochs, learningRate, batchSize, outDir, auto, 0, FeatureSettings.DEFAULT_LENGTH);
  }

  public static PretrainSettings from(Config config) {
    ConfigBlock block = new ConfigBlock("avnas.pretrain", config.getConfig("avnas.pretrain"));
    return new PretrainSettings(block.getInt("epochs", 1, 100_000), block.getDouble("lr", 1e-8, 10),
        block.getInt("batch-size", 2, 4096), Path.of(block.getString("out-dir")), block.getBoolean("auto"),
        block.getDouble("sync-weight", 0, 1000), FeatureSettings.from(config).length());
  }

  /** These settings, writing into another folder. */
  public PretrainSettings withOutDir(Path dir) {
    return new PretrainSettings(epochs, learningRate, batchSize, dir, auto, syncWeight, syncLength);
  }

  /** These settings without the sync objective (it needs both backbones in training). */
  public PretrainSettings withoutSync() {
    return new PretrainSettings(epochs, learningRate, batchSize, outDir, auto, 0, syncLength);
  }

  public boolean sync() {
    return syncWeight > 0;
  }

  /**
   * What the pretrained weights depend on besides the backbones and the data (out-dir and auto do
   * not count). Without the sync objective the text is what it was before the objective existed, so
   * weights cached then are still found.
   */
  public String keyPart() {
    String part = "epochs=" + epochs + " lr=" + learningRate + " batch-size=" + batchSize;
    // select=joint: with the sync objective both backbones keep one epoch, the best on mean VAL accuracy.
    return sync() ? part + " sync-weight=" + syncWeight + " sync-length=" + syncLength + " select=joint" : part;
  }
}
