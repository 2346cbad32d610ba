package io.avnas.datasets.av.synthetic;

import java.util.SplittableRandom;

/**
 * Fake-audio artefacts. Both survive per-bin normalisation of the spectrogram (which cancels any
 * fixed filter): they change how bins move over time, not only their level.
 *
 * <ul>
 *   <li><b>band gap</b>: a band of 0.45 to 1 kHz centred between 0.7 and 2.3 kHz (where speech is loud) is cut out and filled with stationary noise, as a
 *       vocoder that lost a band would do; its bins stop following the syllables.
 *   <li><b>vocoder comb</b>: a high band (3.5 to 7 kHz) made of a fixed-pitch harmonic comb gated by
 *       the speech envelope, as a vocoder re-synthesises it; upper bins start to follow the syllables.
 * </ul>
 */
final class AudioArtefacts {
  private AudioArtefacts() {}

  static float[] apply(float[] clean, double strength, SplittableRandom r) {
    return r.nextBoolean() ? bandGap(clean, strength, r) : vocoderComb(clean, strength, r);
  }

  static float[] bandGap(float[] x, double strength, SplittableRandom r) {
    int rate = SyntheticSettings.SAMPLE_RATE;
    double centre = Streams.uniform(r, 700, 2300);
    double width = 300 + 700 * strength;
    double[] taps = bandpassTaps(centre - width / 2, centre + width / 2, rate);
    double[] band = filter(toDouble(x), taps);
    double[] noise = new double[x.length];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = r.nextGaussian();
    }
    double[] fill = filter(noise, taps);
    double removed = Math.min(1, 0.5 + strength);
    // Stationary noise as loud as the speech that was removed: the band keeps its level but loses its rhythm.
    double fillScale = removed * rms(band) / Math.max(1e-12, rms(fill));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Voice.clamp(x[i] - removed * band[i] + fillScale * fill[i]);
    }
    return out;
  }

  /**
   * A vocoder's high band: a harmonic comb at a fixed pitch (no intonation), band-passed to 3.5-7 kHz
   * and gated by the speech envelope, added to the signal. Real speech has little energy there, so
   * in the spectrogram the upper bins start to follow the syllables with evenly spaced lines.
   */
  static float[] vocoderComb(float[] x, double strength, SplittableRandom r) {
    int rate = SyntheticSettings.SAMPLE_RATE;
    int period = (int) Math.round(rate / Streams.uniform(r, 100, 250));
    // Filtering a sparse pulse train: add one copy of the (symmetric) taps per pulse.
    double[] taps = bandpassTaps(3500, 7000, rate);
    int half = taps.length / 2;
    double[] comb = new double[x.length];
    for (int pulse = r.nextInt(period); pulse < x.length; pulse += period) {
      for (int j = Math.max(0, pulse - half); j <= Math.min(x.length - 1, pulse + half); j++) {
        comb[j] += taps[j - pulse + half];
      }
    }
    double[] envelope = new double[x.length];
    double smooth = Math.exp(-1.0 / (0.01 * rate));
    double level = 0;
    double peak = 1e-12;
    for (int i = 0; i < x.length; i++) {
      level = smooth * level + (1 - smooth) * Math.abs(x[i]);
      envelope[i] = level;
      peak = Math.max(peak, level);
    }
    double gated = 0;
    for (int i = 0; i < x.length; i++) {
      comb[i] *= envelope[i] / peak;
      gated += comb[i] * comb[i];
    }
    double scale = 0.3 * strength * rms(x) / Math.max(1e-12, Math.sqrt(gated / Math.max(1, x.length)));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Voice.clamp(x[i] + scale * comb[i]);
    }
    return out;
  }

  /** A linear-phase FIR band-pass (Hann-windowed sinc, 401 taps: edges about 130 Hz wide at 16 kHz). */
  static double[] bandpassTaps(double low, double high, int rate) {
    int half = 200;
    double[] taps = new double[2 * half + 1];
    double fl = low / rate;
    double fh = high / rate;
    for (int n = -half; n <= half; n++) {
      double ideal = n == 0 ? 2 * (fh - fl) : (Math.sin(2 * Math.PI * fh * n) - Math.sin(2 * Math.PI * fl * n)) / (Math.PI * n);
      double window = 0.5 + 0.5 * Math.cos(Math.PI * n / (half + 1));
      taps[n + half] = ideal * window;
    }
    return taps;
  }

  /** Zero-phase FIR filtering (the taps are symmetric and centred), zero outside the signal. */
  static double[] filter(double[] x, double[] taps) {
    int half = taps.length / 2;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int from = Math.max(0, i - half);
      int to = Math.min(x.length - 1, i + half);
      double sum = 0;
      for (int j = from; j <= to; j++) {
        sum += taps[j - i + half] * x[j];
      }
      y[i] = sum;
    }
    return y;
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  static double rms(float[] x) {
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return Math.sqrt(s / Math.max(1, x.length));
  }

  static double rms(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s / Math.max(1, x.length));
  }
}
