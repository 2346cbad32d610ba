package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic dataset's promise (DATA.md), on features from the real pipeline: at the default
 * difficulty a fused model beats each unimodal one. The quickstart profile's features (synthetic
 * provider, random-init resnet18 backbones built by the plugins, {@code FeatureExtraction.extract})
 * are scored by identity-disjoint 5-fold cross-fitting over all 300 clips.
 *
 * <p>Two small stages. Per modality, a logistic regression on that modality's features (per tap and
 * channel, the mean and the spread over L) learns that modality's own fake label: fakeVideo from
 * visual features, fakeAudio from audio features, as {@code avnas pretrain} does. Then the real/fake
 * decision is "fake when a detector's out-of-fold score exceeds its threshold", thresholds chosen on
 * the training folds for accuracy: with the visual detector alone, the audio one alone, or both
 * (fused). A single logistic regression on all features against real/fake does not work here:
 * with about 240 training clips of 24 people and hundreds of features it fits the training people
 * (train accuracy 0.9-1.0) and stays at chance on new ones (held-out AUC 0.53 from audio features),
 * because from either modality 40-50% of the fakes are invisible and the fit explains them by
 * identity.
 */
class FusedBeatsUnimodalTest {
  /**
   * Measured on this machine (seed 42): visual 0.563, audio 0.600, fused 0.680, a lead of 0.080.
   * The features and folds are seeded, so the run is deterministic; the margin guards against
   * changes to the generator, preprocessing, backbones or extraction. An accuracy on 300 clips has
   * sd at most sqrt(0.25 / 300) = 0.029 and the models score the same clips, so 0.05 is about one
   * sd below the measured lead, and still demands 15 more clips right than either modality alone:
   * the fused rule must catch fakes a unimodal detector cannot see.
   */
  private static final double MARGIN = 0.05;
  /** Ridge of the per-modality detectors (standardised inputs); stronger than 0.1 keeps them off the training people. */
  private static final double L2 = 0.3;
  private static final int FOLDS = 5;
  private static final long FOLD_SEED = 42;

  @TempDir Path dir;

  @Test
  void fusedBeatsEachModalityAlone() throws IOException {
    // The quickstart profile at the 300 clips of 30 people, and the 4 frames, the margin below was
    // measured on. With the quickstart's 8 frames and these random-init backbones the lead is
    // smaller (measured: visual 0.557, audio 0.600, fused 0.633); the quickstart pretrains its
    // backbones now, which this test of the raw features does not.
    Map<String, String> overrides = new HashMap<>(Map.of("avnas.features.cache-dir", dir.resolve("cache").toString(),
        "avnas.dataset.synthetic.clips", "300", "avnas.dataset.synthetic.identities", "30", "avnas.preprocess.frames", "4"));
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Workspace workspace = Workspace.open(plugins, null, overrides, new PrintWriter(new StringWriter()));
    Map<Split, FeatureSet> features = FeatureExtraction.extract(workspace, new PrintWriter(new StringWriter()));

    Rows visual = Rows.of(features, Modality.VISUAL);
    Rows audio = Rows.of(features, Modality.AUDIO);
    int[] fold = folds(visual.clips);
    double[] visualScore = outOfFold(visual.x, labels(visual.clips, ClipInfo::fakeVideo), fold, L2);
    double[] audioScore = outOfFold(audio.x, labels(audio.clips, ClipInfo::fakeAudio), fold, L2);

    int[] fake = labels(visual.clips, ClipInfo::fake);
    double[] none = new double[fake.length];
    Arrays.fill(none, Double.NEGATIVE_INFINITY);
    double[] visualOnly = orRule(visualScore, none, fake, fold);
    double[] audioOnly = orRule(none, audioScore, fake, fold);
    double[] fused = orRule(visualScore, audioScore, fake, fold);
    String report = String.format(Locale.ROOT, "visual %.3f, audio %.3f, fused %.3f; flagged as fake per category: visual %s, audio %s, fused %s",
        accuracy(visualOnly, fake), accuracy(audioOnly, fake), accuracy(fused, fake),
        flagged(visualOnly, visual.clips), flagged(audioOnly, visual.clips), flagged(fused, visual.clips))
        + String.format(Locale.ROOT, "; stage 1: fakeVideo from visual %.3f (%s), fakeAudio from audio %.3f (%s)",
            accuracy(visualScore, labels(visual.clips, ClipInfo::fakeVideo)), flagged(visualScore, visual.clips),
            accuracy(audioScore, labels(audio.clips, ClipInfo::fakeAudio)), flagged(audioScore, audio.clips));
    System.err.println("fusion-margin: " + report);
    assertTrue(accuracy(fused, fake) >= Math.max(accuracy(visualOnly, fake), accuracy(audioOnly, fake)) + MARGIN, report);
  }

  /** Identity-disjoint folds: the sorted identities, shuffled with a fixed seed, dealt round robin. */
  private static int[] folds(List<ClipInfo> clips) {
    List<String> identities = new ArrayList<>(new TreeSet<>(clips.stream().map(ClipInfo::identity).toList()));
    Collections.shuffle(identities, new Random(FOLD_SEED));
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < identities.size(); i++) {
      foldOf.put(identities.get(i), i % FOLDS);
    }
    return clips.stream().mapToInt(c -> foldOf.get(c.identity())).toArray();
  }

  /**
   * Each clip's logit from a logistic regression trained on the other folds (columns standardised
   * with the other folds' statistics).
   */
  private static double[] outOfFold(double[][] x, int[] y, int[] fold, double l2) {
    double[] out = new double[x.length];
    for (int k = 0; k < FOLDS; k++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (fold[i] != k) {
          train.add(i);
        }
      }
      Logistic model = Logistic.fit(x, y, train, l2);
      for (int i = 0; i < x.length; i++) {
        if (fold[i] == k) {
          out[i] = model.logit(x[i]);
        }
      }
    }
    return out;
  }

  /**
   * Out-of-fold decisions (+1 fake, -1 real) of the rule "fake when a's score exceeds ta or b's
   * exceeds tb", the thresholds chosen on the other folds to maximise accuracy. A modality left
   * out gets scores of minus infinity, so the unimodal rules are the fused rule with one detector
   * switched off: the fused model can do anything a unimodal one can.
   */
  private static double[] orRule(double[] a, double[] b, int[] y, int[] fold) {
    double[] out = new double[y.length];
    for (int k = 0; k < FOLDS; k++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (fold[i] != k) {
          train.add(i);
        }
      }
      double[] ta = thresholds(a, train);
      double[] tb = thresholds(b, train);
      double best = -1;
      double bestA = Double.POSITIVE_INFINITY;
      double bestB = Double.POSITIVE_INFINITY;
      for (double x : ta) {
        for (double z : tb) {
          int correct = 0;
          for (int i : train) {
            correct += (a[i] > x || b[i] > z) == (y[i] == 1) ? 1 : 0;
          }
          if (correct > best) {
            best = correct;
            bestA = x;
            bestB = z;
          }
        }
      }
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == k) {
          out[i] = a[i] > bestA || b[i] > bestB ? 1 : -1;
        }
      }
    }
    return out;
  }

  /** Candidate thresholds: 40 quantiles of the training scores, and "never" (+infinity) and "always" (-infinity). */
  private static double[] thresholds(double[] scores, List<Integer> rows) {
    double[] sorted = rows.stream().mapToDouble(i -> scores[i]).sorted().toArray();
    double[] t = new double[42];
    t[0] = Double.POSITIVE_INFINITY;
    t[1] = Double.NEGATIVE_INFINITY;
    for (int q = 0; q < 40; q++) {
      t[q + 2] = sorted[(int) ((q + 0.5) * sorted.length / 40)];
    }
    return t;
  }

  private static double accuracy(double[] logits, int[] y) {
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      correct += (logits[i] > 0) == (y[i] == 1) ? 1 : 0;
    }
    return (double) correct / y.length;
  }

  private static String flagged(double[] logits, List<ClipInfo> clips) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < clips.size(); i++) {
      int[] c = counts.computeIfAbsent(clips.get(i).category(), k -> new int[2]);
      c[0] += logits[i] > 0 ? 1 : 0;
      c[1]++;
    }
    StringBuilder s = new StringBuilder();
    counts.forEach((category, c) -> s.append(String.format(Locale.ROOT, "%s %.2f ", category, (double) c[0] / c[1])));
    return s.toString().trim();
  }

  private static int[] labels(List<ClipInfo> clips, Predicate<ClipInfo> positive) {
    return clips.stream().mapToInt(c -> positive.test(c) ? 1 : 0).toArray();
  }

  private static double[][] columns(double[]... columns) {
    double[][] x = new double[columns[0].length][columns.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns.length; j++) {
        x[i][j] = columns[j][i];
      }
    }
    return x;
  }

  /** All clips of every split, each as one modality's features: per tap and channel, the mean over L. */
  private record Rows(List<ClipInfo> clips, double[][] x) {
    static Rows of(Map<Split, FeatureSet> features, Modality modality) {
      List<ClipInfo> clips = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (FeatureSet set : features.values()) {
        for (int i = 0; i < set.size(); i++) {
          List<Double> row = new ArrayList<>();
          for (int f = 0; f < set.specs().size(); f++) {
            FeatureSpec spec = set.specs().get(f);
            if (spec.modality() != modality) {
              continue;
            }
            // The mean over time keeps a clip's level of each channel and, with few clips, keeps the
            // regression small (352 inputs instead of 2,144 at width 0.25).
            float[] tap = set.taps().get(f);
            int base = i * spec.channels() * spec.length();
            for (int c = 0; c < spec.channels(); c++) {
              double sum = 0;
              double sq = 0;
              for (int l = 0; l < spec.length(); l++) {
                double v = tap[base + c * spec.length() + l];
                sum += v;
                sq += v * v;
              }
              double mean = sum / spec.length();
              row.add(mean);
              if (spec.length() > 1) {
                row.add(Math.sqrt(Math.max(0, sq / spec.length() - mean * mean)));
              }
            }
          }
          rows.add(row.stream().mapToDouble(Double::doubleValue).toArray());
          clips.add(set.clips().get(i));
        }
      }
      return new Rows(clips, rows.toArray(double[][]::new));
    }
  }

  /** An L2-regularised logistic regression on standardised columns, fitted by full-batch gradient descent with momentum. */
  private record Logistic(double[] mean, double[] sd, double[] w) {
    private static final int STEPS = 400;

    static Logistic fit(double[][] x, int[] y, List<Integer> rows, double l2) {
      int d = x[0].length;
      double[] mean = new double[d];
      double[] sd = new double[d];
      for (int i : rows) {
        for (int j = 0; j < d; j++) {
          mean[j] += x[i][j] / rows.size();
        }
      }
      for (int i : rows) {
        for (int j = 0; j < d; j++) {
          sd[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / rows.size();
        }
      }
      for (int j = 0; j < d; j++) {
        sd[j] = Math.sqrt(sd[j]) + 1e-6;
      }
      Logistic model = new Logistic(mean, sd, new double[d + 1]);
      // Standardised inputs: the loss's curvature along a direction is at most 1/4 of the data's
      // variance there, at most d / 4; 0.5 / sqrt(d) with momentum 0.9 is stable at these sizes and
      // reaches the optimum's neighbourhood in a few hundred steps.
      double lr = 0.5 / Math.sqrt(d);
      double[] velocity = new double[d + 1];
      double[][] z = new double[rows.size()][];
      for (int r = 0; r < z.length; r++) {
        z[r] = model.standardise(x[rows.get(r)]);
      }
      double[] w = model.w;
      for (int step = 0; step < STEPS; step++) {
        double[] grad = new double[d + 1];
        for (int r = 0; r < z.length; r++) {
          double e = 1 / (1 + Math.exp(-score(w, z[r]))) - y[rows.get(r)];
          for (int j = 0; j < d; j++) {
            grad[j] += e * z[r][j];
          }
          grad[d] += e;
        }
        for (int j = 0; j <= d; j++) {
          double g = grad[j] / z.length + (j < d ? l2 * w[j] : 0);
          velocity[j] = 0.9 * velocity[j] + g;
          w[j] -= lr * velocity[j];
        }
      }
      return model;
    }

    double logit(double[] x) {
      return score(w, standardise(x));
    }

    private double[] standardise(double[] x) {
      double[] z = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        z[j] = (x[j] - mean[j]) / sd[j];
      }
      return z;
    }

    private static double score(double[] w, double[] z) {
      double s = w[z.length];
      for (int j = 0; j < z.length; j++) {
        s += w[j] * z[j];
      }
      return s;
    }
  }
}
