package io.avnas.runner.pipeline;

import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** Where the pipeline gets its features: the seam between the pipeline and feature extraction. */
public interface FeatureSource {

  /** Every split's features for the workspace's dataset and backbones (cache-aware). */
  Map<Split, FeatureSet> load(Workspace workspace, PrintWriter progress) throws IOException;

  /**
   * The TEST split's features of another dataset provider, for cross-dataset evaluation.
   *
   * @param dataset one entry of {@code avnas.evaluate.cross}, shaped like {@code avnas.dataset}
   */
  FeatureSet crossTest(Workspace workspace, ConfigBlock dataset, PrintWriter progress) throws IOException;
}
