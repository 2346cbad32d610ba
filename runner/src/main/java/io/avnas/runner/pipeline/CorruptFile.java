package io.avnas.runner.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/** A file of a run folder that cannot be trusted: truncated, modified, of another format, or holding NaN/inf. */
public final class CorruptFile extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  public CorruptFile(Path file, String reason) {
    this(file, reason, null);
  }

  public CorruptFile(Path file, String reason, Throwable cause) {
    super(file + " " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  /** What is wrong, as a phrase that follows the file name ("is truncated ..."). */
  public String reason() {
    return reason;
  }
}
