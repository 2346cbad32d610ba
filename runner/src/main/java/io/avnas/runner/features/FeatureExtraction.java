package io.avnas.runner.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.runner.config.FeatureSettings;
import io.avnas.runner.workspace.Shard;
import io.avnas.runner.workspace.Workspace;
import io.avnas.support.media.PreprocessSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The features of a workspace's experiment: the configured provider's clips, split by identity, run
 * through the configured frozen backbones once and cached on disk. The entry point of the search
 * pipeline and of {@code avnas extract}.
 */
public final class FeatureExtraction {
  private FeatureExtraction() {}

  /**
   * Features of every split, from the cache when it holds them. Prints "cache hit" or "cache miss"
   * per split, a progress bar and skipped-clip warnings to {@code progress}.
   */
  public static Map<Split, FeatureSet> extract(Workspace workspace, PrintWriter progress) {
    return run(workspace, progress).features();
  }

  /** As {@link #extract}, with the skipped clips, whether it was a cache hit, and the time it took. */
  public static FeatureExtractor.Result run(Workspace workspace, PrintWriter progress) {
    return run(workspace, progress, Shard.ALL);
  }

  /** As {@link #run(Workspace, PrintWriter)}, for one shard of every split (see {@link FeatureExtractor#extract(Map, PrintWriter, Shard)}). */
  public static FeatureExtractor.Result run(Workspace workspace, PrintWriter progress, Shard shard) {
    long start = System.nanoTime();
    Plugins plugins = new Plugins(workspace);
    FeatureSettings settings = workspace.plan().features();
    PreprocessSpec spec = plugins.preprocessing();
    try (DatasetProvider provider = plugins.openDataset();
        NDManager manager = NDManager.newBaseManager(plugins.device(progress))) {
      Map<Split, List<ClipInfo>> splits = plugins.splits(provider);
      // Random initialisation (no weights file) must be the same on every call, or the cache never hits.
      Engine.getInstance().setRandomSeed((int) plugins.seed());
      FeatureExtractor.Frozen visual = plugins.frozen(Modality.VISUAL, spec.visualShape(), manager);
      FeatureExtractor.Frozen audio = plugins.frozen(Modality.AUDIO, spec.audioShape(), manager);
      try {
        FeatureExtractor.Result r = new FeatureExtractor(provider, plugins.datasetId(), visual, audio, ClipInputs.of(spec),
            spec.toString(), settings, manager).extract(splits, progress, shard);
        // The whole call: opening the dataset and building the backbones count too.
        return new FeatureExtractor.Result(r.features(), r.skipped(), r.cacheHit(), (System.nanoTime() - start) / 1e9);
      } finally {
        visual.backbone().close();
        audio.backbone().close();
      }
    }
  }
}
