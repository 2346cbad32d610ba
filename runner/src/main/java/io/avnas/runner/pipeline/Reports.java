package io.avnas.runner.pipeline;

import io.avnas.runner.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code plots/} from the run folder's files; the pipeline's last step. */
public interface Reports {

  void write(Path runDir) throws IOException;

  /** Whether {@code runDir} already holds every file {@link #write} writes (a resume writes what is missing). */
  default boolean complete(Path runDir) {
    return true;
  }

  /** The self-contained HTML report of {@link ReportWriter}. */
  static Reports standard() {
    return new Reports() {
      @Override
      public void write(Path runDir) throws IOException {
        ReportWriter.write(runDir);
      }

      @Override
      public boolean complete(Path runDir) {
        return ReportWriter.complete(runDir);
      }
    };
  }
}
