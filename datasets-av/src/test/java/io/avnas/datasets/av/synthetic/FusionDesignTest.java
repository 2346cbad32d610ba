package io.avnas.datasets.av.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.support.media.PreprocessSpec;
import io.avnas.support.media.Preprocessing;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the dataset's design, engine-free: at the default difficulty, with simple hand-made
 * features of the preprocessed inputs, an audio-only and a video-only classifier each miss what
 * only the other modality (or only their agreement) reveals, and a fused classifier beats both.
 *
 * <p>Features (all computed from what the backbones see, {@link Preprocessing}):
 * <ul>
 *   <li>audio: for 16 bands of 16 bins, the mean correlation of each bin's (normalised) time course
 *       with the broadband envelope, plus the sorted correlations of ten 8-bin bands from 250 Hz to
 *       2.75 kHz (a band gap or a vocoder band changes which bins follow the syllables);
 *   <li>video: high-frequency energy on the face and the backdrop, and the cheek-minus-forehead
 *       colour offset and its flicker over frames (texture noise and blending seams);
 *   <li>cross-modal: the correlation over the sampled frames of mouth darkness with the audio
 *       loudness at the same instants (a lip-sync fake breaks it).
 * </ul>
 */
class FusionDesignTest {
  private static final int CLIPS = 600;
  private static final int FOLDS = 5;

  @Test
  void fusedBeatsEachModalityAlone() throws ClipLoadException {
    Map<Category, Double> mix = new EnumMap<>(Category.class);
    mix.put(Category.A, 0.4);
    mix.put(Category.B, 0.15);
    mix.put(Category.C, 0.15);
    mix.put(Category.D, 0.15);
    mix.put(Category.LIPSYNC, 0.15);
    // The quickstart's shape: 8 native frames at 48x48 and 1 s, preprocessed to 8 frames at 32x32.
    SyntheticDataset dataset = new SyntheticDataset(new SyntheticSettings(CLIPS, 30, 8, 48, 48, 1.0, 0.5, mix), 7);
    PreprocessSpec spec = new PreprocessSpec(8, 32, 16_000, 1.0, 25, 10, 512, -30, false, 64);

    List<ClipInfo> clips = dataset.clips();
    double[][] audio = new double[CLIPS][];
    double[][] video = new double[CLIPS][];
    double[][] fused = new double[CLIPS][];
    for (int i = 0; i < CLIPS; i++) {
      Clip clip = dataset.load(clips.get(i));
      audio[i] = HandMadeFeatures.audio(clip, spec);
      video[i] = HandMadeFeatures.video(clip, spec);
      fused[i] = HandMadeFeatures.concat(audio[i], video[i], new double[] {HandMadeFeatures.sync(clip, spec)});
    }
    // Five identity-disjoint folds: every clip is predicted by a model that never saw its person.
    int[] fold = new int[CLIPS];
    for (int i = 0; i < CLIPS; i++) {
      fold[i] = Integer.parseInt(clips.get(i).identity().substring(2)) % FOLDS;
    }

    Result audioOnly = Result.of(audio, clips, fold);
    Result videoOnly = Result.of(video, clips, fold);
    Result both = Result.of(fused, clips, fold);
    String report = "audio " + audioOnly + "\nvideo " + videoOnly + "\nfused " + both;
    System.out.println(report);

    // Each modality is blind to some fakes by construction: the audio of C and lip-sync clips is
    // clean, as is the video of B and lip-sync clips. So the audio classifier flags them no more
    // often than it flags real clips, and likewise for video. Over all 600 out-of-fold predictions
    // (240 real, 180 blind) the sd of a difference of two such rates is at most 0.05; 0.15 is 3 sd.
    assertTrue(audioOnly.fakeRate("C", "lipsync") <= audioOnly.fakeRate("A") + 0.15, report);
    assertTrue(videoOnly.fakeRate("B", "lipsync") <= videoOnly.fakeRate("A") + 0.15, report);
    // ...while the fused one catches lip-sync fakes through the mouth/loudness agreement.
    assertTrue(both.fakeRate("lipsync") >= 0.6, report);
    // So a unimodal classifier is right on at most 70% of clips (40% real + 30% it can see), while
    // the fused one can approach 100%. Over 600 clips an accuracy has sd <= 0.02, so requiring a
    // margin of 0.1 (the design gives about 0.2) leaves several sd of room.
    double best = Math.max(audioOnly.accuracy, videoOnly.accuracy);
    assertTrue(both.accuracy >= best + 0.1, report);
  }

  /** Out-of-fold predictions of a logistic regression: accuracy and the rate of "fake" per category. */
  private static final class Result {
    final double accuracy;
    final Map<String, int[]> flagged;

    private Result(double accuracy, Map<String, int[]> flagged) {
      this.accuracy = accuracy;
      this.flagged = flagged;
    }

    static Result of(double[][] features, List<ClipInfo> clips, int[] fold) {
      int right = 0;
      Map<String, int[]> flagged = new HashMap<>();
      for (int k = 0; k < FOLDS; k++) {
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
          if (fold[i] != k) {
            trainX.add(features[i]);
            trainY.add(clips.get(i).label());
          }
        }
        Logistic model = Logistic.fit(trainX, trainY);
        for (int i = 0; i < clips.size(); i++) {
          if (fold[i] == k) {
            int predicted = model.predict(features[i]);
            int[] counts = flagged.computeIfAbsent(clips.get(i).category(), c -> new int[2]);
            counts[0] += predicted;
            counts[1]++;
            right += predicted == clips.get(i).label() ? 1 : 0;
          }
        }
      }
      return new Result((double) right / clips.size(), flagged);
    }

    double fakeRate(String... categories) {
      int fake = 0;
      int n = 0;
      for (String category : categories) {
        fake += flagged.get(category)[0];
        n += flagged.get(category)[1];
      }
      return (double) fake / n;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "accuracy %.3f, flagged fake:", accuracy));
      for (String c : new String[] {"A", "B", "C", "D", "lipsync"}) {
        sb.append(String.format(Locale.ROOT, " %s=%.2f", c, fakeRate(c)));
      }
      return sb.toString();
    }
  }

  /** Standardised features, L2-regularised logistic regression by full-batch gradient descent. */
  private static final class Logistic {
    private double[] weights;
    private double[] mean;
    private double[] scale;
    private double bias;

    static Logistic fit(List<double[]> x, List<Integer> y) {
      int n = x.size();
      int d = x.get(0).length;
      Logistic m = new Logistic();
      m.mean = new double[d];
      m.scale = new double[d];
      m.weights = new double[d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          m.mean[j] += row[j] / n;
        }
      }
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          m.scale[j] += (row[j] - m.mean[j]) * (row[j] - m.mean[j]) / n;
        }
      }
      for (int j = 0; j < d; j++) {
        m.scale[j] = 1 / (Math.sqrt(m.scale[j]) + 1e-9);
      }
      for (int iteration = 0; iteration < 2000; iteration++) {
        double[] gradient = new double[d];
        double biasGradient = 0;
        for (int i = 0; i < n; i++) {
          double error = m.probability(x.get(i)) - y.get(i);
          for (int j = 0; j < d; j++) {
            gradient[j] += error * (x.get(i)[j] - m.mean[j]) * m.scale[j] / n;
          }
          biasGradient += error / n;
        }
        for (int j = 0; j < d; j++) {
          m.weights[j] -= 0.5 * (gradient[j] + 1e-3 * m.weights[j]);
        }
        m.bias -= 0.5 * biasGradient;
      }
      return m;
    }

    double probability(double[] row) {
      double s = bias;
      for (int j = 0; j < weights.length; j++) {
        s += weights[j] * (row[j] - mean[j]) * scale[j];
      }
      return 1 / (1 + Math.exp(-s));
    }

    int predict(double[] row) {
      return probability(row) >= 0.5 ? 1 : 0;
    }
  }
}
