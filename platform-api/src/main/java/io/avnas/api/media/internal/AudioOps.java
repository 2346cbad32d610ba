package io.avnas.api.media.internal;

import java.util.Arrays;

/** Waveform operations of the audio preprocessing: resampling, cropping, loudness normalisation. */
public final class AudioOps {
  /** RMS below this (about -160 dBFS) counts as silence and is left alone instead of amplified. */
  static final double SILENCE_RMS = 1e-8;
  /** Zero crossings of the windowed-sinc kernel on each side of a sample. */
  private static final int SINC_ZEROS = 8;

  private AudioOps() {}

  /**
   * Band-limited resampling with a Hann-windowed sinc. When downsampling, the cut-off moves to the
   * new Nyquist frequency so that nothing aliases (44.1 kHz tracks become 16 kHz).
   */
  public static float[] resample(float[] in, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return in;
    }
    int outLength = (int) Math.round((double) in.length * toRate / fromRate);
    float[] out = new float[outLength];
    double step = (double) fromRate / toRate;
    double cutoff = Math.min(1.0, (double) toRate / fromRate);
    double halfWidth = SINC_ZEROS / cutoff;
    for (int j = 0; j < outLength; j++) {
      double centre = j * step;
      int lo = Math.max(0, (int) Math.ceil(centre - halfWidth));
      int hi = Math.min(in.length - 1, (int) Math.floor(centre + halfWidth));
      double sum = 0;
      for (int i = lo; i <= hi; i++) {
        double x = i - centre;
        double window = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
        sum += in[i] * cutoff * sinc(cutoff * x) * window;
      }
      out[j] = (float) sum;
    }
    return out;
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
