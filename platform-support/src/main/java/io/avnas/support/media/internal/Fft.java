package io.avnas.support.media.internal;

/**
 * An in-place iterative radix-2 complex FFT of one fixed size. The bit-reversal permutation and the
 * twiddle factors are computed once; {@link #transform} allocates nothing, so one plan serves many
 * frames (and many threads, since it holds no mutable state).
 */
public final class Fft {
  private final int size;
  private final int[] bitReversed;
  private final double[] cos;
  private final double[] sin;

  public Fft(int size) {
    if (size < 2 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 2, but was " + size);
    }
    this.size = size;
    int bits = Integer.numberOfTrailingZeros(size);
    bitReversed = new int[size];
    for (int i = 0; i < size; i++) {
      bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
    }
    cos = new double[size / 2];
    sin = new double[size / 2];
    for (int k = 0; k < size / 2; k++) {
      double angle = -2 * Math.PI * k / size;
      cos[k] = Math.cos(angle);
      sin[k] = Math.sin(angle);
    }
  }

  public int size() {
    return size;
  }

  /** Forward transform (e^{-i...}) of {@code re + i im}, in place. */
  public void transform(double[] re, double[] im) {
    for (int i = 0; i < size; i++) {
      int j = bitReversed[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int half = 1; half < size; half <<= 1) {
      int stride = size / (2 * half);
      for (int start = 0; start < size; start += 2 * half) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * stride];
          double wi = sin[k * stride];
          int a = start + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
