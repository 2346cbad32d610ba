package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.runner.engine.EngineSetup;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.search.BilevelSearch;
import io.avnas.runner.search.FeatureBatches;
import io.avnas.runner.search.SearchSettings;
import io.avnas.runner.search.Training;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The label depends only on the interaction of visual.layer3 and audio.layer2; every estimator's
 * search must move alpha, beta and gamma and put exactly that pair into a step node within a fixed
 * budget. Runs the test stand-ins and every estimator plugin on the class path.
 */
class PlantedPairSearchTest {
  static final int VISUAL = TestRuns.visual(1);
  static final int AUDIO = TestRuns.audio(0);

  @Test
  void everyEstimatorFindsThePlantedPair() throws Exception {
    // Budget: 384 train / 384 dev clips, 30 epochs of 6 batches, the first 12 weights only (the
    // supernet must first learn the interaction before alpha gets a useful gradient), one step node
    // with one inner node. Rates are raised from the paper's (weights 1e-3, architecture 3e-4) and
    // the weight rate held constant so this fits a unit test. Measured margins at this budget: the
    // planted pair's identity probabilities reach about 0.9 (softmax) and 0.86-0.93 (stgs), the
    // best other feature at most 0.67. (With the paper's cosine restarts instead, stgs missed.)
    Config config = TestRuns.config(Map.of("avnas.search.epochs", "30", "avnas.search.warmup-epochs", "12",
        "avnas.search.architecture.lr", "3e-2", "avnas.search.weights.lr", "3e-3",
        "avnas.search.weights.restart-period", "1000", "avnas.searchspace.steps", "1", "avnas.searchspace.multiplier", "1",
        "avnas.searchspace.node-steps", "1", "avnas.searchspace.node-multiplier", "1"));
    Map<Split, FeatureSet> features = TestRuns.planted(5, 384, VISUAL, AUDIO);
    EngineSetup.start(1);
    List<String> failures = new ArrayList<>();
    for (Estimator estimator : Estimators.all(TestRuns.estimatorBlock(config))) {
      Set<String> pair = search(config, estimator, features);
      if (!pair.equals(Set.of(TestRuns.name(VISUAL), TestRuns.name(AUDIO)))) {
        failures.add(estimator.settings().id() + " picked " + pair);
      }
    }
    assertTrue(failures.isEmpty(), String.join("; ", failures));
  }

  static Set<String> search(Config config, Estimator estimator, Map<Split, FeatureSet> features) throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<FeatureSpec> specs = features.get(Split.TRAIN).specs();
      SearchSpace space = TestRuns.bimodal().create(new ConfigBlock("avnas.searchspace",
          config.getConfig("avnas.searchspace")), specs, estimator, 2);
      Training.reseed(3, "search-init", 0);
      space.supernet().initialize(manager, DataType.FLOAT32,
          specs.stream().map(s -> new Shape(1, s.channels(), s.length())).toArray(Shape[]::new));
      BilevelSearch search = new BilevelSearch(space, SearchSettings.from(new ConfigBlock("avnas.search",
          config.getConfig("avnas.search"))), manager, 3);
      try (FeatureBatches train = new FeatureBatches(features.get(Split.TRAIN), manager);
          FeatureBatches dev = new FeatureBatches(features.get(Split.DEV), manager)) {
        search.run(train, dev, 0, e -> {}, new PrintWriter(new StringWriter()));
      }
      JsonObject genotype = Json.parse(space.derive(3).toJson());
      // Every table moved: at initialisation (1e-3 * randn logits) each row's entropy is within 1e-6
      // of its maximum, ln 2 (alpha, beta) or ln 5 (gamma); a table that learned sits visibly below.
      JsonObject entropy = genotype.getAsJsonObject("entropy");
      assertTrue(entropy.get("alpha").getAsDouble() < Math.log(2) - 1e-3, estimator.settings().id() + " alpha " + entropy);
      assertTrue(entropy.get("beta").getAsDouble() < Math.log(2) - 1e-5, estimator.settings().id() + " beta " + entropy);
      assertTrue(entropy.get("gamma").getAsDouble() < Math.log(5) - 1e-3, estimator.settings().id() + " gamma " + entropy);
      JsonArray inputs = genotype.getAsJsonArray("cells").get(0).getAsJsonObject().getAsJsonArray("inputs");
      Set<String> pair = new HashSet<>();
      inputs.forEach(i -> pair.add(i.getAsString()));
      assertEquals(2, pair.size());
      return pair;
    }
  }
}
