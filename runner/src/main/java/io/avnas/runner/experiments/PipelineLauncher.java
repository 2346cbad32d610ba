package io.avnas.runner.experiments;

import io.avnas.runner.pipeline.ExperimentRunner;
import io.avnas.runner.pipeline.StandardExperiment;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Launches a planned run through the experiment pipeline: the user's file and overrides, then the
 * run's own overrides, validated by {@link Workspace#open} before the run starts.
 */
public final class PipelineLauncher implements RunLauncher {
  /** The pipeline's class, provided by the search branch (public no-arg constructor). */

  private final Path pluginsDir;
  private final Path file;
  private final Map<String, String> baseOverrides;
  private final Supplier<ExperimentRunner> runner;
  private final PrintWriter err;

  public PipelineLauncher(Path pluginsDir, Path file, Map<String, String> baseOverrides,
      Supplier<ExperimentRunner> runner, PrintWriter err) {
    this.pluginsDir = pluginsDir;
    this.file = file;
    this.baseOverrides = Map.copyOf(baseOverrides);
    this.runner = runner;
    this.err = err;
  }

  @Override
  public Path launch(PlannedRun run, boolean resume, PrintWriter progress) throws IOException {
    Map<String, String> overrides = new LinkedHashMap<>(baseOverrides);
    overrides.putAll(run.overrides());
    Workspace workspace = Workspace.open(pluginsDir, file, overrides, err);
    return runner.get().run(workspace, run.runDir(), resume, progress);
  }

  /** The standard pipeline. */
  public static ExperimentRunner standardExperiment() {
    return new StandardExperiment();
  }
}
