package io.avnas.runner.pipeline;

import io.avnas.runner.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code plots/} from the run folder's files; the pipeline's last step. */
public interface Reports {

  void write(Path runDir) throws IOException;

  /** The self-contained HTML report of {@link ReportWriter}. */
  static Reports standard() {
    return runDir -> ReportWriter.write(runDir);
  }
}
