package io.avnas.support.media.internal;

import io.avnas.support.media.PreprocessSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything about a spectrogram that depends only on the {@link PreprocessSpec}: the Hann window,
 * the FFT plan and, for log-mel, the filter bank. Plans are immutable and cached per spec, so
 * thousands of clips share one.
 */
public final class SpectrogramPlan {
  /** Added to per-bin standard deviations, so constant bins (silence, padding) become 0, not NaN. */
  static final double NORMALISATION_EPSILON = 1e-5;
  /** Floor of mel energies before the log, so silence gives a finite constant. */
  static final double MEL_FLOOR = 1e-10;

  private static final Map<PreprocessSpec, SpectrogramPlan> CACHE = new ConcurrentHashMap<>();

  private final int window;
  private final int hop;
  private final int steps;
  private final int linearBins;
  private final double[] hann;
  private final Fft fft;
  /** Mel filters, one row of {@code linearBins} weights per mel band; null for linear output. */
  private final double[][] mel;

  private SpectrogramPlan(PreprocessSpec spec) {
    window = spec.windowSamples();
    hop = spec.hopSamples();
    steps = spec.timeSteps();
    linearBins = spec.nFft() / 2 + 1;
    hann = periodicHann(window);
    fft = new Fft(spec.nFft());
    mel = spec.logMel() ? melFilterBank(spec.melBins(), spec.nFft(), spec.sampleRate()) : null;
  }

  /** The cached plan for a spec. */
  public static SpectrogramPlan of(PreprocessSpec spec) {
    return CACHE.computeIfAbsent(spec, SpectrogramPlan::new);
  }

  /** The periodic Hann window (as torch.hann_window), which tiles exactly at 50% overlap. */
  static double[] periodicHann(int length) {
    double[] w = new double[length];
    for (int n = 0; n < length; n++) {
      w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
    }
    return w;
  }

  /**
   * STFT magnitudes of {@code audio} (which must hold the spec's sample count), row-major
   * (linearBins, steps). Windows are zero-padded to n_fft.
   */
  public float[] magnitude(float[] audio) {
    int n = fft.size();
    double[] re = new double[n];
    double[] im = new double[n];
    float[] out = new float[linearBins * steps];
    for (int t = 0; t < steps; t++) {
      int offset = t * hop;
      for (int i = 0; i < window; i++) {
        re[i] = audio[offset + i] * hann[i];
      }
      java.util.Arrays.fill(re, window, n, 0);
      java.util.Arrays.fill(im, 0);
      fft.transform(re, im);
      for (int f = 0; f < linearBins; f++) {
        out[f * steps + t] = (float) Math.hypot(re[f], im[f]);
      }
    }
    return out;
  }

  /** Log mel energies (melBins, steps) from magnitudes (linearBins, steps). */
  float[] logMel(float[] magnitude) {
    float[] out = new float[mel.length * steps];
    for (int m = 0; m < mel.length; m++) {
      double[] filter = mel[m];
      for (int t = 0; t < steps; t++) {
        double energy = 0;
        for (int f = 0; f < linearBins; f++) {
          if (filter[f] != 0) {
            double a = magnitude[f * steps + t];
            energy += filter[f] * a * a;
          }
        }
        out[m * steps + t] = (float) Math.log(Math.max(energy, MEL_FLOOR));
      }
    }
    return out;
  }

  /** The backbone input: magnitudes or log-mel, then per-bin mean/std normalisation over time. */
  public float[] features(float[] audio) {
    float[] magnitude = magnitude(audio);
    float[] values = mel == null ? magnitude : logMel(magnitude);
    normalisePerBin(values, steps);
    return values;
  }

  /** In place: each row of a (rows, steps) array gets zero mean and unit standard deviation. */
  static void normalisePerBin(float[] values, int steps) {
    int rows = values.length / steps;
    for (int r = 0; r < rows; r++) {
      int base = r * steps;
      double sum = 0;
      for (int t = 0; t < steps; t++) {
        sum += values[base + t];
      }
      double mean = sum / steps;
      double squares = 0;
      for (int t = 0; t < steps; t++) {
        double d = values[base + t] - mean;
        squares += d * d;
      }
      double scale = 1.0 / (Math.sqrt(squares / steps) + NORMALISATION_EPSILON);
      for (int t = 0; t < steps; t++) {
        values[base + t] = (float) ((values[base + t] - mean) * scale);
      }
    }
  }

  /** HTK-style triangular mel filters between 0 Hz and Nyquist, over the linear FFT bins. */
  static double[][] melFilterBank(int bands, int nFft, int sampleRate) {
    int bins = nFft / 2 + 1;
    double maxMel = hzToMel(sampleRate / 2.0);
    double[] edgesHz = new double[bands + 2];
    for (int i = 0; i < edgesHz.length; i++) {
      edgesHz[i] = melToHz(maxMel * i / (bands + 1));
    }
    double[][] filters = new double[bands][bins];
    for (int m = 0; m < bands; m++) {
      double lo = edgesHz[m];
      double centre = edgesHz[m + 1];
      double hi = edgesHz[m + 2];
      for (int f = 0; f < bins; f++) {
        double hz = (double) f * sampleRate / nFft;
        double rising = (hz - lo) / (centre - lo);
        double falling = (hi - hz) / (hi - centre);
        filters[m][f] = Math.max(0, Math.min(rising, falling));
      }
    }
    return filters;
  }

  static double hzToMel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  static double melToHz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }
}
