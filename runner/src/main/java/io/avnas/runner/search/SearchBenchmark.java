package io.avnas.runner.search;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.estimator.Estimator;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.SearchSpaceFactory;
import io.avnas.api.searchspace.StepKind;
import io.avnas.runner.config.SearchSettings;
import io.avnas.runner.engine.StageThreads;
import io.avnas.runner.features.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Search-iteration throughput at paper scale on random features: ResNet-34 taps (128, 256, 512, 512)
 * × 2 modalities (maps of length L, pooled vectors of length 1), C = 128, L = 8, steps 2, node-steps 2.
 */
public final class SearchBenchmark {
  /**
   * One estimator's figures.
   *
   * @param estimator the estimator id
   * @param samplesPerSecond batch / (weight step + architecture step)
   * @param msPerIteration one weight step plus one architecture step (iterations 11..110)
   * @param msPerIterationLast100 the same over the last 100 iterations (drift over a long run)
   * @param liveAfter100 live NDArrays after 100 iterations
   * @param liveAfterN live NDArrays after {@code iterations} iterations
   * @param iterations the total iterations run
   * @param opsWeightStep NDArrays created by one weight step
   * @param opsArchStep NDArrays created by one architecture step
   */
  public record Result(String estimator, double samplesPerSecond, double msPerIteration, double msPerIterationLast100,
      int liveAfter100,
      int liveAfterN, int iterations, int opsWeightStep, int opsArchStep, int threads) {}

  private SearchBenchmark() {}

  /** The paper-scale features: 8 taps of a ResNet-34 at L = 8. */
  public static List<FeatureSpec> paperFeatures(int length) {
    int[] channels = {128, 256, 512, 512};
    String[] taps = {"layer2", "layer3", "layer4", "pooled"};
    List<FeatureSpec> specs = new ArrayList<>();
    for (Modality m : List.of(Modality.VISUAL, Modality.AUDIO)) {
      for (int i = 0; i < 4; i++) {
        specs.add(new FeatureSpec(m.name().toLowerCase(java.util.Locale.ROOT) + "." + taps[i], m, channels[i],
            i == 3 ? 1 : length));
      }
    }
    return specs;
  }

  /** Random features and labels for {@code rows} clips. */
  public static FeatureSet randomFeatures(List<FeatureSpec> specs, int rows, long seed) {
    Random random = new Random(seed);
    List<float[]> taps = new ArrayList<>();
    for (FeatureSpec s : specs) {
      float[] v = new float[rows * s.channels() * s.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
      taps.add(v);
    }
    List<ClipInfo> clips = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      boolean fake = random.nextBoolean();
      clips.add(new ClipInfo("bench-" + r, fake, fake ? "B" : "A", fake, false, "id" + r, "random", Split.TRAIN));
    }
    return new FeatureSet(specs, taps, clips);
  }

  /**
   * Runs {@code iterations} (at least 100) iterations after 10 warm-up ones; timing covers iterations
   * 1..100 after warm-up.
   *
   * @param search the {@code avnas.search} block (optimizer settings; its batch size is replaced)
   */
  public static Result measure(Estimator estimator, SearchSpaceFactory factory, ConfigBlock spaceBlock, Config search,
      int batch, int iterations, Device device) {
    return measure(estimator, factory, spaceBlock, search, paperFeatures(spaceBlock.getInt("L", 1, 65536)), batch,
        iterations, device);
  }

  /** As above, on the given features (tests use small ones). */
  public static Result measure(Estimator estimator, SearchSpaceFactory factory, ConfigBlock spaceBlock, Config search,
      List<FeatureSpec> specs, int batch, int iterations, Device device) {
    try (NDManager manager = NDManager.newBaseManager(device)) {
      SearchSpace space = factory.create(spaceBlock, specs, estimator, 2);
      space.supernet().initialize(manager, DataType.FLOAT32,
          specs.stream().map(s -> new Shape(batch, s.channels(), s.length())).toArray(Shape[]::new));
      SearchSettings settings = SearchSettings.from(new ConfigBlock("avnas.search",
          search.withValue("batch-size", com.typesafe.config.ConfigValueFactory.fromAnyRef(batch))));
      BilevelSearch loop = new BilevelSearch(space, settings, manager, 1);
      try (FeatureBatches train = new FeatureBatches(randomFeatures(specs, 4 * batch, 1), manager);
          FeatureBatches dev = new FeatureBatches(randomFeatures(specs, 4 * batch, 2), manager)) {
        loop.runIterations(train, dev, 10);
        int[] ops = new int[2];
        loop.setCreationProbe(manager, (kind, created) -> ops[kind == StepKind.WEIGHTS ? 0 : 1] = created);
        loop.runIterations(train, dev, 1);
        loop.setCreationProbe(null, null);
        long start = System.nanoTime();
        loop.runIterations(train, dev, 100);
        double seconds = (System.nanoTime() - start) / 1e9;
        int after100 = manager.getManagedArrays().size();
        loop.runIterations(train, dev, Math.max(0, iterations - 200));
        long lastStart = System.nanoTime();
        loop.runIterations(train, dev, iterations > 100 ? 100 : 0);
        double lastSeconds = (System.nanoTime() - lastStart) / 1e9;
        int afterN = manager.getManagedArrays().size();
        return new Result(estimator.settings().id(), 100.0 * batch / seconds, seconds * 10,
            iterations > 100 ? lastSeconds * 10 : seconds * 10, after100, afterN,
            Math.max(iterations, 100), ops[0], ops[1], StageThreads.current());
      }
    }
  }
}
