package io.avnas.api.data;

import java.util.List;

/** An opened dataset. Thread-safe for concurrent {@link #load} calls. */
public interface DatasetProvider extends AutoCloseable {

  /** Every clip, in a stable order. */
  List<ClipInfo> clips();

  /**
   * Decodes one clip.
   *
   * @throws ClipLoadException if the clip is corrupt, truncated, empty or lacks a stream
   */
  Clip load(ClipInfo clip) throws ClipLoadException;

  /** A string that changes whenever the listed clips or their content may have changed. */
  String fingerprint();

  @Override
  default void close() {}
}
