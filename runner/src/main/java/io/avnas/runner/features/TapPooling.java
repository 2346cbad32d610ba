package io.avnas.runner.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;

/**
 * Brings a backbone tap to what the search reads, (B, C, L) per map and (B, C, 1) per pooled
 * vector: adaptive max over space, then time brought to L by adaptive max pooling (which repeats
 * steps when a map has fewer than L). The layouts are those {@code Backbone} documents.
 */
public final class TapPooling {
  private TapPooling() {}

  /** Whether a tap is a map (pooled to L) rather than a pooled vector (length 1). */
  static boolean isMap(Modality modality, TapSpec tap) {
    return tap.shape().dimension() == (modality == Modality.VISUAL ? 4 : 3);
  }

  /** @param tap the batched tap as the backbone returned it */
  public static NDArray pool(NDArray tap, Modality modality, TapSpec spec, int length) {
    Shape s = tap.getShape();
    boolean map = isMap(modality, spec);
    if (modality == Modality.VISUAL) {
      if (!map) {
        // (B, T, C): average the per-frame vectors over time.
        return tap.mean(new int[] {1}).expandDims(2);
      }
      // (B, T, C, h, w) -> max over space -> (B, T, C) -> (B, C, T).
      NDArray perFrame = tap.reshape(s.get(0), s.get(1), s.get(2), s.get(3) * s.get(4)).max(new int[] {3});
      return adaptiveMaxOverTime(perFrame.transpose(0, 2, 1), length);
    }
    if (!map) {
      return tap.expandDims(2);
    }
    // (B, C, f, t): max over frequency (axis 2) is the "space" of a spectrogram map.
    return adaptiveMaxOverTime(tap.max(new int[] {2}), length);
  }

  /** (B, C, t) to (B, C, L) with adaptive max pooling windows [floor(i t / L), ceil((i+1) t / L)). */
  static NDArray adaptiveMaxOverTime(NDArray x, int length) {
    long t = x.getShape().get(2);
    if (t == length) {
      return x;
    }
    NDList windows = new NDList(length);
    for (int i = 0; i < length; i++) {
      long start = (long) Math.floor((double) i * t / length);
      long end = (long) Math.ceil((double) (i + 1) * t / length);
      windows.add(x.get(":, :, " + start + ":" + end).max(new int[] {2}));
    }
    return NDArrays.stack(windows, 2);
  }
}
