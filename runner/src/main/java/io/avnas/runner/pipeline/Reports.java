package io.avnas.runner.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code plots/} from the run folder's files; the pipeline's last step. */
public interface Reports {

  void write(Path runDir) throws IOException;

  /** The experiments branch's report writer. */
  static Reports standard() {
    return runDir -> {
      // TODO(lead, at merge): call the experiments branch's writer here:
      // io.avnas.runner.report.ReportWriter.write(runDir);
    };
  }
}
