package io.avnas.support.media.internal;

/** Frame operations of the visual preprocessing: uniform sampling, bilinear resizing, normalisation. */
public final class ImageOps {
  /** ImageNet channel means and standard deviations (RGB), as the backbones expect. */
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] STD = {0.229f, 0.224f, 0.225f};

  private ImageOps() {}

  /**
   * {@code count} frame indices spread uniformly over {@code available} frames: the centre of each
   * of {@code count} equal segments, {@code floor((i + 0.5) * available / count)}. Fewer frames than
   * asked for are repeated.
   */
  public static int[] uniformIndices(int available, int count) {
    if (available < 1) {
      throw new IllegalArgumentException("a clip needs at least one frame");
    }
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = (int) Math.min(available - 1, Math.floor((i + 0.5) * available / count));
    }
    return indices;
  }

  /**
   * Bilinear resize of one (3, h, w) frame starting at {@code offset} into {@code out} at {@code
   * outOffset} as (3, size, size), with half-pixel centres (PyTorch's {@code align_corners=false}),
   * then ImageNet normalisation.
   */
  public static void resizeNormalised(float[] src, int offset, int h, int w, int size, float[] out, int outOffset) {
    int[] y0 = new int[size];
    int[] y1 = new int[size];
    float[] fy = new float[size];
    axis(h, size, y0, y1, fy);
    int[] x0 = new int[size];
    int[] x1 = new int[size];
    float[] fx = new float[size];
    axis(w, size, x0, x1, fx);
    for (int c = 0; c < 3; c++) {
      int plane = offset + c * h * w;
      int outPlane = outOffset + c * size * size;
      float mean = MEAN[c];
      float invStd = 1f / STD[c];
      for (int y = 0; y < size; y++) {
        int row0 = plane + y0[y] * w;
        int row1 = plane + y1[y] * w;
        float wy = fy[y];
        for (int x = 0; x < size; x++) {
          float top = src[row0 + x0[x]] + (src[row0 + x1[x]] - src[row0 + x0[x]]) * fx[x];
          float bottom = src[row1 + x0[x]] + (src[row1 + x1[x]] - src[row1 + x0[x]]) * fx[x];
          float value = top + (bottom - top) * wy;
          out[outPlane + y * size + x] = (value - mean) * invStd;
        }
      }
    }
  }

  /** Source neighbours and weights along one axis, clamped at the borders. */
  private static void axis(int in, int out, int[] lo, int[] hi, float[] frac) {
    double scale = (double) in / out;
    for (int i = 0; i < out; i++) {
      double src = Math.max(0, (i + 0.5) * scale - 0.5);
      int a = Math.min((int) Math.floor(src), in - 1);
      lo[i] = a;
      hi[i] = Math.min(a + 1, in - 1);
      frac[i] = (float) (src - a);
    }
  }
}
