package io.avnas.api.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A frozen feature extractor for one modality. */
public interface Backbone extends AutoCloseable {

  Modality modality();

  /** The input shape per clip, without the batch axis. */
  Shape inputShape();

  /** The taps {@link #forward} returns, in order. */
  List<TapSpec> taps();

  /**
   * Runs the backbone in inference mode.
   *
   * @param input a batch, (B, ...) with {@link #inputShape()} after the batch axis
   * @return one array per tap, in the order of {@link #taps()}, each with a leading batch axis
   */
  NDList forward(NDArray input);

  /** A string that changes whenever the weights change (for cache keys and provenance). */
  String weightsFingerprint();

  /** Saves the weights in a versioned format. */
  void save(Path file) throws IOException;

  /** Loads weights saved by {@link #save}; fails naming the file and the mismatch if shapes differ. */
  void load(Path file) throws IOException;

  @Override
  void close();
}
