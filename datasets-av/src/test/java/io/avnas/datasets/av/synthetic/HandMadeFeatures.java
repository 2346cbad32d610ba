package io.avnas.datasets.av.synthetic;

import io.avnas.api.data.Clip;
import io.avnas.support.media.PreprocessSpec;
import io.avnas.support.media.Preprocessing;
import java.util.Arrays;

/** Simple per-modality statistics of preprocessed clips, for {@link FusionDesignTest}. Assumes 32x32 frames. */
final class HandMadeFeatures {
  private HandMadeFeatures() {}

  static double[] audio(Clip clip, PreprocessSpec spec) {
    float[] z = Preprocessing.audioInput(clip, spec);
    int steps = spec.timeSteps();
    double[] envelope = new double[steps];
    for (int f = 3; f < 128; f++) {
      for (int t = 0; t < steps; t++) {
        envelope[t] += z[f * steps + t];
      }
    }
    double[] bands = new double[16];
    for (int g = 0; g < 16; g++) {
      bands[g] = bandCorrelation(z, steps, envelope, 1 + 16 * g, 17 + 16 * g);
    }
    double[] fine = new double[10];
    for (int g = 0; g < 10; g++) {
      fine[g] = bandCorrelation(z, steps, envelope, 8 + 8 * g, 16 + 8 * g);
    }
    Arrays.sort(fine);
    return concat(bands, fine);
  }

  private static double bandCorrelation(float[] z, int steps, double[] envelope, int from, int to) {
    double sum = 0;
    double[] row = new double[steps];
    for (int f = from; f < to; f++) {
      for (int t = 0; t < steps; t++) {
        row[t] = z[f * steps + t];
      }
      sum += correlation(row, envelope);
    }
    return sum / (to - from);
  }

  static double[] video(Clip clip, PreprocessSpec spec) {
    float[] v = Preprocessing.visualInput(clip, spec);
    int size = spec.imageSize();
    int plane = size * size;
    int frames = spec.frames();
    double faceDetail = 0;
    double backdropDetail = 0;
    int faceCount = 0;
    int backdropCount = 0;
    double[][] offsets = new double[3][frames];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < 3; c++) {
        int base = (t * 3 + c) * plane;
        for (int y = 1; y < size - 1; y++) {
          for (int x = 1; x < size - 1; x++) {
            int i = base + y * size + x;
            double laplacian = Math.abs(4 * v[i] - v[i - 1] - v[i + 1] - v[i - size] - v[i + size]);
            if (y >= 10 && y < 26 && x >= 10 && x < 22) {
              faceDetail += laplacian;
              faceCount++;
            } else if ((y < 5 || y >= 27) && (x < 5 || x >= 27)) {
              backdropDetail += laplacian;
              backdropCount++;
            }
          }
        }
        offsets[c][t] = mean(v, base, 18, 20, 9, 11) / 2 + mean(v, base, 18, 20, 20, 22) / 2 - mean(v, base, 8, 10, 13, 19);
      }
    }
    double[] features = new double[11];
    features[0] = faceDetail / faceCount;
    features[1] = backdropDetail / backdropCount;
    features[2] = features[0] - features[1];
    double offsetNorm = 0;
    double flickerNorm = 0;
    for (int c = 0; c < 3; c++) {
      double m = 0;
      double q = 0;
      for (double d : offsets[c]) {
        m += d / frames;
        q += d * d / frames;
      }
      features[3 + c] = m;
      features[6 + c] = Math.sqrt(Math.max(0, q - m * m));
      offsetNorm += m * m;
      flickerNorm += q - m * m;
    }
    features[9] = Math.sqrt(offsetNorm);
    features[10] = Math.sqrt(Math.max(0, flickerNorm));
    return features;
  }

  /** Mean of rows [y0, y1] x columns [x0, x1] of one plane. */
  private static double mean(float[] v, int base, int y0, int y1, int x0, int x1) {
    double sum = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        sum += v[base + y * 32 + x];
      }
    }
    return sum / ((y1 - y0 + 1) * (x1 - x0 + 1));
  }

  /** Correlation over the sampled frames of mouth darkness with the audio RMS (80 ms) at the same instants. */
  static double sync(Clip clip, PreprocessSpec spec) {
    float[] v = Preprocessing.visualInput(clip, spec);
    int frames = spec.frames();
    int plane = 32 * 32;
    double[] mouth = new double[frames];
    double[] loudness = new double[frames];
    float[] wave = clip.waveform();
    double seconds = (double) wave.length / clip.sampleRate();
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < 3; c++) {
        mouth[t] -= mean(v, (t * 3 + c) * plane, 21, 25, 13, 19);
      }
      int index = (int) Math.floor((t + 0.5) * clip.frameCount() / frames);
      int centre = (int) ((index + 0.5) / clip.frameCount() * seconds * clip.sampleRate());
      int half = (int) (0.04 * clip.sampleRate());
      double energy = 0;
      int n = 0;
      for (int i = Math.max(0, centre - half); i < Math.min(wave.length, centre + half); i++) {
        energy += wave[i] * wave[i];
        n++;
      }
      loudness[t] = Math.sqrt(energy / Math.max(1, n));
    }
    return correlation(mouth, loudness);
  }

  static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy + 1e-12);
  }

  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
