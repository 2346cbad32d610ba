package io.avnas.api.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A frozen feature extractor for one modality.
 *
 * <p>Tap layouts per clip (what {@link TapSpec#shape()} declares and {@link #forward} returns after
 * the batch axis): a visual map is (T, C, h, w) and the visual pooled vector (T, C), one row per
 * frame; an audio map is (C, f, t), frequency before time, and the audio pooled vector (C).
 */
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

  /**
   * The underlying DJL block, for callers that fine-tune the backbone (such as {@code avnas
   * pretrain}): {@code block().forward(store, new NDList(input), training)} returns the same taps
   * as {@link #forward}, and its parameters are the backbone's weights.
   */
  Block block();

  /** A string that changes whenever the weights change (for cache keys and provenance). */
  String weightsFingerprint();

  /** Saves the weights in a versioned format. */
  void save(Path file) throws IOException;

  /**
   * Loads weights saved by {@link #save}, or any other format the backbone documents (the ResNets
   * also read torchvision's safetensors state dicts); fails naming the file and the mismatch if
   * names or shapes differ.
   */
  void load(Path file) throws IOException;

  /**
   * Compares a weights file with this backbone, name by name, without loading it (for {@code avnas
   * weights check}). A backbone that reads only its own format may leave this unsupported.
   *
   * @throws IOException when the file cannot be read, or is not a weights file at all
   * @throws UnsupportedOperationException when the backbone cannot check files
   */
  default WeightsCheck check(Path file) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot check weights files");
  }

  @Override
  void close();
}
