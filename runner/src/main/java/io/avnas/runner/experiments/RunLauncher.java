package io.avnas.runner.experiments;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Runs one planned run into its run folder. The production launcher opens a workspace with the
 * run's overrides and calls the experiment pipeline; tests substitute a fake that writes run folders.
 */
@FunctionalInterface
public interface RunLauncher {

  /**
   * @param resume the run folder holds a started run: continue it from its last checkpoint
   * @return the path of the run's {@code results.json}
   */
  java.nio.file.Path launch(PlannedRun run, boolean resume, PrintWriter progress) throws IOException;
}
