package io.avnas.api.data;

/** A clip could not be decoded. The message names the file and the reason; callers skip the clip. */
public class ClipLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public ClipLoadException(String message) {
    super(message);
  }

  public ClipLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
