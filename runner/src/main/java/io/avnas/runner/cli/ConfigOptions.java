package io.avnas.runner.cli;

import io.avnas.runner.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A config file and {@code -Dkey=value} overrides, shared by every command that reads config. */
public final class ConfigOptions {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "HOCON config file. Without it, the bundled synthetic quickstart profile is used.")
  Path file;

  @Option(names = "-D", paramLabel = "key=value", mapFallbackValue = "",
      description = "Override a config key, e.g. -Davnas.estimator.id=stgs. Applied after FILE.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--strict",
      description = "Make a key set in a plugin block (avnas.estimator, avnas.dataset, ...) that the chosen plugin does not read an error (exit 2) instead of a warning.")
  boolean strict;

  public Path file() {
    return file;
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /** Opens the workspace of this config and the plugins of {@code plugins}; see {@link Workspace#open(Path, Path, Map, boolean, PrintWriter)}. */
  public Workspace open(PluginOptions plugins, PrintWriter err) {
    return Workspace.open(plugins.dir(), file, overrides, strict, err);
  }

  /** True if unread plugin keys are errors. */
  public boolean strict() {
    return strict;
  }
}
