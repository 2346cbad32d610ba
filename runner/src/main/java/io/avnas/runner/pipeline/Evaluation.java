package io.avnas.runner.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.metrics.BinaryMetrics;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.Training;
import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluate stage's value: the retrained network on the test split in full, and on each {@code
 * avnas.evaluate.cross} provider in summary (paper Table 3).
 *
 * @param params the network's parameter count
 */
record Evaluation(RunResults.Metrics test, Map<String, RunResults.Metrics> cross, double params, double seconds) {

  /** @param bs the batch size to score with (the retrain stage's) */
  static Evaluation of(Setup setup, Block network, FeatureSets features, int bs, NDManager manager,
      PrintWriter progress) throws IOException {
    long start = System.nanoTime();
    FeatureSet testSet = features.get(Split.TEST);
    RunResults.Metrics test = metrics(scoresOf(network, testSet, bs, manager), testSet, true);
    Map<String, RunResults.Metrics> cross = new LinkedHashMap<>();
    for (ConfigBlock dataset : setup.plan().evaluate().cross()) {
      FeatureSet set = setup.cross().load(dataset, progress);
      cross.put(dataset.getString("id"), metrics(scoresOf(network, set, bs, manager), set, false));
    }
    return new Evaluation(test, cross, Training.count(Training.networkParameters(network, List.of())),
        TrainingStage.seconds(start));
  }

  private static double[] scoresOf(Block network, FeatureSet set, int bs, NDManager manager) {
    try (FeatureBatches batches = new FeatureBatches(set, manager)) {
      return Arrays.copyOf(Training.scores(network, batches, bs, manager), set.size());
    }
  }

  /** The metrics of {@code scores} on {@code set}; with {@code full}, the ROC curve and per-category accuracy too. */
  private static RunResults.Metrics metrics(double[] scores, FeatureSet set, boolean full) {
    BinaryMetrics m;
    try {
      m = BinaryMetrics.of(scores, set.labels());
    } catch (IllegalArgumentException e) {
      throw new UserError("the retrained network cannot be evaluated: " + e.getMessage()
          + "; lower avnas.retrain.lr and run again with --overwrite", e);
    }
    List<RunResults.RocPoint> roc = new ArrayList<>();
    Map<String, RunResults.Category> categories = new LinkedHashMap<>();
    if (full) {
      m.roc().forEach(point -> roc.add(new RunResults.RocPoint(point[0], point[1])));
      List<String> names = set.clips().stream().map(ClipInfo::category).toList();
      BinaryMetrics.perCategory(scores, set.labels(), names)
          .forEach((name, v) -> categories.put(name, new RunResults.Category((int) v[0], v[1])));
    }
    return new RunResults.Metrics(m.auc(), m.acc(), m.eer(), m.n(), roc, categories);
  }
}
