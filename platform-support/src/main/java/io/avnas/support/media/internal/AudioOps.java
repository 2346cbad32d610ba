package io.avnas.support.media.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Waveform operations of the audio preprocessing: resampling, cropping, loudness normalisation. */
public final class AudioOps {
  /** RMS below this (about -160 dBFS) counts as silence and is left alone instead of amplified. */
  static final double SILENCE_RMS = 1e-8;
  /** Zero crossings of the windowed-sinc kernel on each side of a sample. */
  private static final int SINC_ZEROS = 8;
  /** Resampling kernels by (from, to) rate. */
  private static final Map<List<Integer>, Kernel> KERNELS = new ConcurrentHashMap<>();

  private AudioOps() {}

  /**
   * Band-limited resampling with a Hann-windowed sinc. When downsampling, the cut-off moves to the
   * new Nyquist frequency so that nothing aliases (44.1 kHz tracks become 16 kHz). The kernel is
   * tabulated once per rate pair and interpolated linearly, so a long clip costs a few ms.
   */
  public static float[] resample(float[] in, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return in;
    }
    Kernel kernel = KERNELS.computeIfAbsent(List.of(fromRate, toRate), k -> new Kernel(fromRate, toRate));
    int outLength = (int) Math.round((double) in.length * toRate / fromRate);
    float[] out = new float[outLength];
    double step = (double) fromRate / toRate;
    for (int j = 0; j < outLength; j++) {
      double centre = j * step;
      int lo = Math.max(0, (int) Math.ceil(centre - kernel.halfWidth));
      int hi = Math.min(in.length - 1, (int) Math.floor(centre + kernel.halfWidth));
      double sum = 0;
      for (int i = lo; i <= hi; i++) {
        sum += in[i] * kernel.at(i - centre);
      }
      out[j] = (float) sum;
    }
    return out;
  }

  /** The windowed sinc of one rate pair, sampled {@link #STEPS} times per input sample. */
  private static final class Kernel {
    private static final int STEPS = 512;
    final double halfWidth;
    private final double[] table;

    Kernel(int fromRate, int toRate) {
      double cutoff = Math.min(1.0, (double) toRate / fromRate);
      halfWidth = SINC_ZEROS / cutoff;
      table = new double[(int) Math.ceil(halfWidth * STEPS) + 2];
      for (int k = 0; k < table.length; k++) {
        double x = (double) k / STEPS;
        table[k] = x >= halfWidth ? 0 : cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth));
      }
    }

    /** The kernel at offset {@code x} (input samples); symmetric, zero beyond the half width. */
    double at(double x) {
      double position = Math.abs(x) * STEPS;
      int k = (int) position;
      if (k + 1 >= table.length) {
        return 0;
      }
      double frac = position - k;
      return table[k] + (table[k + 1] - table[k]) * frac;
    }
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  /** RMS level in dB relative to full scale (a full-scale square wave is 0 dBFS); -inf for silence. */
  public static double rmsDbfs(float[] x, int from, int to) {
    double rms = rms(x, from, to);
    return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms);
  }

  static double rms(float[] x, int from, int to) {
    if (to <= from) {
      return 0;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) x[i] * x[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** Scales {@code x} in place so that its RMS is {@code targetDbfs}; near-silence is left as it is. */
  public static void normaliseLoudness(float[] x, double targetDbfs) {
    double rms = rms(x, 0, x.length);
    if (rms < SILENCE_RMS) {
      return;
    }
    double gain = Math.pow(10, targetDbfs / 20) / rms;
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (x[i] * gain);
    }
  }

  /**
   * The waveform as the spectrogram sees it: the first {@code samples} samples, loudness-normalised
   * on the audio that is really there, then zero-padded (padding does not count towards loudness).
   */
  public static float[] prepare(float[] waveform, int fromRate, int toRate, int samples, double targetDbfs) {
    float[] resampled = resample(waveform, fromRate, toRate);
    int kept = Math.min(samples, resampled.length);
    float[] content = Arrays.copyOf(resampled, kept);
    normaliseLoudness(content, targetDbfs);
    return kept == samples ? content : Arrays.copyOf(content, samples);
  }
}
