package io.avnas.runner.experiments;

import io.avnas.runner.files.RunResults;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of a compare or sweep: its label, its own run folder and the config overrides that make
 * it differ from the base configuration (estimator, tau, K, seed, run folder).
 */
public record PlannedRun(String label, Path runDir, Map<String, String> overrides) {
  public PlannedRun {
    overrides = Map.copyOf(overrides);
  }

  /** The run's {@code results.json}, present once the run finished. */
  public Path results() {
    return runDir.resolve(RunResults.FILE);
  }
}
