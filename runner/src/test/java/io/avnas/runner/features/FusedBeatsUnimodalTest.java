package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.backbone.Modality;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.cli.Workspace;
import io.avnas.runner.plugins.PluginKind;
import io.avnas.runner.plugins.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic dataset's promise (DATA.md): at the default difficulty a fused model beats each
 * unimodal one. Logistic regressions on the cached features of one modality, and of both, are
 * trained on TRAIN + DEV and scored on VAL + TEST.
 *
 * <p>Needs the {@code synthetic} provider (datasets branch) and every plugin the quickstart profile
 * selects; it skips, with the reason, until they are on the class path. It is opt-in
 * ({@code -Davnas.test.fusion-margin=true}): on the quickstart's backbone features it does not hold
 * yet. Measured after merging the datasets branch (300 clips, resnet18 at width 0.25): random
 * backbones gave visual 0.46, audio 0.40, fused 0.50; backbones from {@code avnas pretrain} (3
 * epochs) gave 0.51, 0.50, 0.56. The dataset's design itself is proven on hand-made features by
 * the datasets module's {@code FusionDesignTest}.
 */
@Tag("needs-synthetic")
@EnabledIfSystemProperty(named = "avnas.test.fusion-margin", matches = "true")
class FusedBeatsUnimodalTest {
  /**
   * A visual-only model cannot see fake audio (category B) and an audio-only one cannot see fake
   * video (category C); each such category is about a fifth of the clips, so the fused model's
   * expected lead is near 0.2. 0.05 is four standard deviations of an accuracy on ~400 clips below
   * that (sd = sqrt(0.8 * 0.2 / 400) = 0.02), so random features or seeds do not flip it.
   */
  private static final double MARGIN = 0.05;

  @TempDir Path dir;

  @Test
  void fusedBeatsEachModalityAlone() {
    PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
    Assumptions.assumeTrue(registry.lookup(PluginKind.DATASET, "synthetic").isPresent(),
        "the synthetic provider is not registered (merge the datasets branch)");
    Workspace workspace = Workspace.open(dir.resolve("no-plugins"), null,
        Map.of("avnas.features.cache-dir", dir.resolve("cache").toString()), new PrintWriter(new StringWriter()));
    Map<Split, FeatureSet> features = FeatureExtraction.extract(workspace, new PrintWriter(new StringWriter()));

    double visual = accuracy(features, Set.of(Modality.VISUAL));
    double audio = accuracy(features, Set.of(Modality.AUDIO));
    double fused = accuracy(features, Set.of(Modality.VISUAL, Modality.AUDIO));
    String report = String.format(Locale.ROOT, "visual %.3f, audio %.3f, fused %.3f", visual, audio, fused);
    assertTrue(fused >= Math.max(visual, audio) + MARGIN, report);
  }

  /** Accuracy on VAL + TEST of a logistic regression trained on TRAIN + DEV with the given modalities' features. */
  static double accuracy(Map<Split, FeatureSet> features, Set<Modality> modalities) {
    Matrix train = Matrix.of(List.of(features.get(Split.TRAIN), features.get(Split.DEV)), modalities);
    Matrix test = Matrix.of(List.of(features.get(Split.VAL), features.get(Split.TEST)), modalities);
    double[][] mean = train.standardise();
    test.standardise(mean);
    // Standardised columns: the logistic loss's curvature is at most d / 4, so a step of 2 / d is stable.
    double[] w = logistic(train, 500, 2.0 / train.rows.get(0).length, 1e-3);
    int correct = 0;
    for (int i = 0; i < test.rows.size(); i++) {
      correct += (score(w, test.rows.get(i)) > 0) == (test.labels.get(i) == 1) ? 1 : 0;
    }
    return (double) correct / test.rows.size();
  }

  private static double score(double[] w, double[] x) {
    double s = w[x.length];
    for (int j = 0; j < x.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }

  /** Full-batch gradient descent on the L2-regularised logistic loss; deterministic. */
  private static double[] logistic(Matrix m, int steps, double lr, double l2) {
    int d = m.rows.get(0).length;
    double[] w = new double[d + 1];
    for (int step = 0; step < steps; step++) {
      double[] grad = new double[d + 1];
      for (int i = 0; i < m.rows.size(); i++) {
        double[] x = m.rows.get(i);
        double p = 1 / (1 + Math.exp(-score(w, x)));
        double e = p - m.labels.get(i);
        for (int j = 0; j < d; j++) {
          grad[j] += e * x[j];
        }
        grad[d] += e;
      }
      for (int j = 0; j <= d; j++) {
        w[j] -= lr * (grad[j] / m.rows.size() + (j < d ? l2 * w[j] : 0));
      }
    }
    return w;
  }

  /** Rows of flattened features of the chosen modalities, with labels. */
  private static final class Matrix {
    final List<double[]> rows = new ArrayList<>();
    final List<Integer> labels = new ArrayList<>();

    static Matrix of(List<FeatureSet> sets, Set<Modality> modalities) {
      Matrix m = new Matrix();
      for (FeatureSet set : sets) {
        int[] y = set.labels();
        for (int i = 0; i < set.size(); i++) {
          List<Double> row = new ArrayList<>();
          for (int f = 0; f < set.specs().size(); f++) {
            FeatureSpec spec = set.specs().get(f);
            if (modalities.contains(spec.modality())) {
              int width = spec.channels() * spec.length();
              float[] tap = set.taps().get(f);
              for (int k = 0; k < width; k++) {
                row.add((double) tap[i * width + k]);
              }
            }
          }
          m.rows.add(row.stream().mapToDouble(Double::doubleValue).toArray());
          m.labels.add(y[i]);
        }
      }
      return m;
    }

    /** Standardises columns in place; returns {mean, sd}. */
    double[][] standardise() {
      int d = rows.get(0).length;
      double[] mean = new double[d];
      double[] sd = new double[d];
      for (double[] r : rows) {
        for (int j = 0; j < d; j++) {
          mean[j] += r[j] / rows.size();
        }
      }
      for (double[] r : rows) {
        for (int j = 0; j < d; j++) {
          sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.size();
        }
      }
      for (int j = 0; j < d; j++) {
        sd[j] = Math.sqrt(sd[j]) + 1e-6;
      }
      double[][] stats = {mean, sd};
      standardise(stats);
      return stats;
    }

    void standardise(double[][] stats) {
      for (double[] r : rows) {
        for (int j = 0; j < r.length; j++) {
          r[j] = (r[j] - stats[0][j]) / stats[1][j];
        }
      }
    }
  }
}
