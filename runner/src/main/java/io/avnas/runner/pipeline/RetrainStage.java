package io.avnas.runner.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.Genotype;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.runner.config.RetrainSettings;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.MetricLine;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.Training;
import io.avnas.runner.train.RetrainDiverged;
import io.avnas.runner.train.Retrainer;
import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The retrain stage: the genotype's fixed network from scratch on TRAIN, model selection on VAL,
 * and the chosen epoch's parameters saved as {@code checkpoints/model.params}.
 */
final class RetrainStage {
  private static final String FIX = "lower avnas.retrain.lr";

  /** The stage's value: the network with the chosen epoch's parameters, and the stage's seconds. */
  record TrainedNetwork(Block network, double seconds) {}

  private RetrainStage() {}

  static TrainedNetwork run(Setup setup, RetrainSettings settings, RunFolder folder, SearchSpace space,
      Genotype genotype, FeatureSets features, NDManager manager, long seed, PrintWriter progress) throws IOException {
    Block network = space.fixedNetwork(genotype);
    Training.reseed(seed, "retrain-init", 0);
    network.initialize(manager, DataType.FLOAT32, features.shapes());
    Retrainer retrainer = new Retrainer(network, settings, manager, seed);
    double seconds;
    try (FeatureBatches train = new FeatureBatches(features.get(Split.TRAIN), manager);
        FeatureBatches val = new FeatureBatches(features.get(Split.VAL), manager)) {
      seconds = TrainingStage.<Retrainer.Epoch>run(folder, Retrainer.STAGE, setup.hook(), retrainer,
          (first, listener) -> retrainer.run(train, val, first, listener::onEpoch, progress), RetrainStage::line,
          progress);
    } catch (RetrainDiverged diverged) {
      throw new UserError(TrainingStage.divergedMessage(diverged.getMessage(), diverged.epoch(), FIX, folder.dir()),
          diverged);
    }
    retrainer.restoreBest();
    VerifiedFile.write(folder.checkpoint(RunFolder.MODEL), "model", out -> Training.saveParameters(network, out));
    return new TrainedNetwork(network, seconds);
  }

  private static MetricLine line(Retrainer.Epoch epoch) {
    return MetricLine.of(Retrainer.STAGE, epoch.epoch(), line -> {
      line.add("train_loss", Json.num(epoch.trainLoss()));
      line.add("train_acc", Json.num(epoch.trainAcc()));
      line.add("val_loss", Json.num(epoch.valLoss()));
      line.add("val_acc", Json.num(epoch.valAcc()));
      line.add("val_auc", Json.num(epoch.valAuc()));
      line.add("seconds", Json.num(epoch.seconds()));
    });
  }
}
