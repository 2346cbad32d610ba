package io.avnas.runner.pipeline;

import com.typesafe.config.ConfigRenderOptions;
import io.avnas.api.ConfigBlock;
import io.avnas.api.data.Split;
import io.avnas.runner.cli.PluginOptions;
import io.avnas.runner.cli.UserError;
import io.avnas.runner.cli.Workspace;
import io.avnas.runner.features.FeatureExtraction;
import io.avnas.runner.features.FeatureSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // out keep the run's values, e.g. the split ratios).
    com.typesafe.config.Config merged = dataset.config().withFallback(workspace.config().getConfig("avnas.dataset"));
    String rendered = workspace.config().withValue("avnas.dataset", merged.root())
        .withOnlyPath("avnas").root().render(ConfigRenderOptions.concise().setFormatted(true));
    Path file = Files.createTempFile("avnas-cross-", ".conf");
    try {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
      Workspace other = Workspace.open(PluginOptions.DEFAULT_DIR, file, Map.of(), progress);
      FeatureSet test = load(other, progress).get(Split.TEST);
      if (test == null || test.size() == 0) {
        throw new UserError(dataset.key("id") + " = " + dataset.getString("id") + " has no test clips for cross-dataset evaluation");
      }
      return test;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
