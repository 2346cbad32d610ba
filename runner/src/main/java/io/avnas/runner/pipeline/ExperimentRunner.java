package io.avnas.runner.pipeline;

import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Runs one experiment from a validated workspace to a complete run folder. */
public interface ExperimentRunner {

  /**
   * Runs the whole pipeline (extract, search, derive, retrain, evaluate, report) for the
   * workspace's configuration into {@code runDir}.
   *
   * @param resume continue the unfinished run in {@code runDir} from its last checkpoint
   * @param progress where progress bars and stage summaries go
   * @return the path of the run's {@code results.json}
   */
  Path run(Workspace workspace, Path runDir, boolean resume, PrintWriter progress) throws IOException;
}
