package io.avnas.runner.pipeline;

import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import io.avnas.runner.features.FeatureExtraction;
import io.avnas.runner.features.FeatureSet;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** The production feature source: the cache-aware extraction of {@link FeatureExtraction}. */
public final class ExtractedFeatures implements FeatureSource {

  @Override
  public Map<Split, FeatureSet> load(Workspace workspace, PrintWriter progress) throws IOException {
    return FeatureExtraction.extract(workspace, progress);
  }

  @Override
  public FeatureSet crossTest(Workspace workspace, ConfigBlock dataset, PrintWriter progress) throws IOException {
    // The same configuration with avnas.dataset replaced by the cross-dataset block (keys it leaves
    // out keep the run's values, e.g. the split ratios), on the plugins this run already loaded.
    Workspace other = workspace.withBlock("avnas.dataset", PluginKind.DATASET, dataset.config());
    FeatureSet test = load(other, progress).get(Split.TEST);
    if (test == null || test.size() == 0) {
      throw new UserError(dataset.key("id") + " = " + dataset.getString("id") + " has no test clips for cross-dataset evaluation");
    }
    return test;
  }
}
