package io.avnas.runner.pipeline;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.runner.config.ConfigLoader;
import io.avnas.runner.features.FeatureSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

/** Builds small experiments for tests: a config, planted features and a {@link Setup}. */
final class TestRuns {
  static final int L = 4;
  static final String[] TAPS = {"layer2", "layer3", "layer4", "pooled"};
  static final int[] CHANNELS = {8, 8, 16, 16};

  private TestRuns() {}

  /** The quickstart profile with a small search space and the given overrides. */
  static Config config(Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("avnas.device", "cpu");
    all.put("avnas.searchspace.C", "16");
    all.put("avnas.searchspace.L", String.valueOf(L));
    all.put("avnas.search.epochs", "3");
    // The quickstart freezes the architecture for its first epochs; these few-epoch tests search from epoch 1.
    all.put("avnas.search.warmup-epochs", "0");
    all.put("avnas.search.batch-size", "64");
    all.put("avnas.retrain.epochs", "2");
    all.put("avnas.retrain.batch-size", "64");
    all.putAll(overrides);
    return new ConfigLoader(List.of(TestRuns.class.getClassLoader())).load(null, all);
  }

  static SearchSpaceFactory bimodal() {
    for (SearchSpaceFactory f : ServiceLoader.load(SearchSpaceFactory.class)) {
      if (f.id().equals("bimodal")) {
        return f;
      }
    }
    throw new IllegalStateException("searchspace-bimodal is not on the test class path");
  }

  static Setup setup(Config config, Estimator estimator, Map<Split, FeatureSet> features, Setup.EpochHook hook) {
    return new Setup(config, estimator, bimodal(), p -> features, (dataset, p) -> features.get(Split.TEST),
        runDir -> {}, hook);
  }

  static ConfigBlock estimatorBlock(Config config) {
    return new ConfigBlock("avnas.estimator", config.getConfig("avnas.estimator"));
  }

  /** Feature index of visual tap {@code v} and audio tap {@code a} in the standard order. */
  static int visual(int tap) {
    return tap;
  }

  static int audio(int tap) {
    return 4 + tap;
  }

  static String name(int feature) {
    return (feature < 4 ? "visual." : "audio.") + TAPS[feature % 4];
  }

  /**
   * Eight features in the contract's order. Every row of every feature is N(m, 1) noise around its
   * own random row mean m ~ N(0, 1), so no feature is informative alone; the label is 1 exactly when
   * the row means of features {@code p} and {@code q} have the same sign (their product is positive).
   */
  static Map<Split, FeatureSet> planted(long seed, int perSplit, int p, int q) {
    Random random = new Random(seed);
    List<FeatureSpec> specs = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      specs.add(new FeatureSpec(name(f), f < 4 ? Modality.VISUAL : Modality.AUDIO, CHANNELS[f % 4], f % 4 == 3 ? 1 : L));
    }
    Map<Split, FeatureSet> out = new EnumMap<>(Split.class);
    for (Split split : Split.values()) {
      List<float[]> taps = new ArrayList<>();
      double[][] means = new double[8][perSplit];
      for (int f = 0; f < 8; f++) {
        FeatureSpec s = specs.get(f);
        int size = s.channels() * s.length();
        float[] values = new float[perSplit * size];
        for (int r = 0; r < perSplit; r++) {
          means[f][r] = random.nextGaussian();
          for (int k = 0; k < size; k++) {
            values[r * size + k] = (float) (means[f][r] + random.nextGaussian());
          }
        }
        taps.add(values);
      }
      List<ClipInfo> clips = new ArrayList<>();
      for (int r = 0; r < perSplit; r++) {
        boolean fake = means[p][r] * means[q][r] > 0;
        String category = fake ? String.valueOf("BCD".charAt(r % 3)) : "A";
        clips.add(new ClipInfo(split + "-" + r, fake, category, fake, fake, "id" + (r % 50), "planted", split));
      }
      out.put(split, new FeatureSet(specs, taps, clips));
    }
    return out;
  }
}
