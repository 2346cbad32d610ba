package io.avnas.runner.experiments;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Map;

/** Where an experiment's runs go, and the overrides that send one run into its own folder. */
final class ExperimentFolders {
  private ExperimentFolders() {}

  /** {@code <avnas.run.dir>/<avnas.run.name>/<kind>}. */
  static Path root(Config config, String kind) {
    return Path.of(config.getString("avnas.run.dir")).resolve(config.getString("avnas.run.name")).resolve(kind);
  }

  /**
   * Overrides that make {@code avnas.run.dir}/{@code avnas.run.name} name the run's folder, so the
   * pipeline's own view of its folder (e.g. the name in results.json) agrees with the folder used.
   */
  static Map<String, String> runFolder(Path root, String name) {
    return Map.of(
        "avnas.run.dir", Markdown.quoted(root.toString()),
        "avnas.run.name", Markdown.quoted(name));
  }
}
