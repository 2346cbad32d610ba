package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.features.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the quickstart's architecture optimiser (Adam lr 0.1, beta2 0.99, no weight decay), the
 * architecture converges: on features whose label depends on one visual/audio pair, every estimator's
 * mean alpha entropy falls below half its maximum, and gamma's well below its maximum, within a fixed
 * number of epochs. With the
 * paper's optimiser (lr 3e-4, wd 1e-3) at this step count the tables stay within 1e-3 of the maximum
 * (docs/search.md, "Why the architecture did not move"), which this test also checks, so it fails
 * if either the quickstart's defaults or the search loop stop moving the architecture.
 */
class SearchConvergenceTest {
  static final long SEED = 3;
  static final String EPOCHS = "20";

  @Test
  void everyEstimatorsEntropyFallsWithinTwentyEpochs() throws Exception {
    Map<Split, FeatureSet> features = TestRuns.planted(5, 256, PlantedPairSearchTest.VISUAL, PlantedPairSearchTest.AUDIO);
    EngineSetup.start(1);
    // 20 epochs x 8 dev batches (256 clips, batch 32) = 160 architecture steps: at lr 0.1 a logit can
    // move up to about 16; a gap of 2.2 gives an alpha row entropy of 0.5 ln 2. alpha must reach the
    // quickstart's done criterion (0.5 ln 2). gamma's bound is looser, 0.7 ln 5 (1.13 nats; at least
    // 0.48 below the maximum): here several ops express the planted product equally well, so gamma has
    // less reason to pick one (measured at seed 3: softmax 0.98, grmc 0.87, stgs below 0.80; with 80
    // steps grmc and stgs were still at 1.21).
    // The architecture optimiser is the quickstart profile's own (TestRuns loads it), not restated here.
    Config quick = TestRuns.config(Map.of("avnas.search.epochs", EPOCHS, "avnas.search.batch-size", "32", "avnas.search.weights.lr", "3e-3",
        "avnas.estimator.tau", "0.5"));
    Config paper = TestRuns.config(Map.of("avnas.search.epochs", EPOCHS, "avnas.search.batch-size", "32", "avnas.search.weights.lr", "3e-3",
        "avnas.estimator.tau", "0.5", "avnas.search.architecture.lr", "3e-4", "avnas.search.architecture.beta2", "0.999",
        "avnas.search.architecture.weight-decay", "1e-3"));
    List<String> failures = new ArrayList<>();
    for (Estimator estimator : Estimators.all(TestRuns.estimatorBlock(quick))) {
      String id = estimator.settings().id();
      if (id.equals("reinmax")) {
        continue; // defined for tau >= 1 only; PlantedPairSearchTest covers it at its own temperature
      }
      JsonObject h = PlantedPairSearchTest.derive(quick, estimator, features, SEED).getAsJsonObject("entropy");
      double alpha = h.get("alpha").getAsDouble();
      double gamma = h.get("gamma").getAsDouble();
      if (!(alpha <= 0.5 * Math.log(2) && gamma <= 0.7 * Math.log(5))) {
        failures.add(id + " quickstart optimiser: " + h);
      }
    }
    for (Estimator estimator : Estimators.all(TestRuns.estimatorBlock(paper))) {
      if (!estimator.settings().id().equals("grmc")) {
        continue;
      }
      JsonObject h = PlantedPairSearchTest.derive(paper, estimator, features, SEED).getAsJsonObject("entropy");
      if (!(h.get("alpha").getAsDouble() > Math.log(2) - 1e-3)) {
        failures.add("grmc paper optimiser moved alpha in " + EPOCHS + " epochs (expected flat): " + h);
      }
    }
    assertTrue(failures.isEmpty(), String.join("; ", failures));
  }
}
