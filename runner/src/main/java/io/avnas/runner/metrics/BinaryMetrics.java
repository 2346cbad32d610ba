package io.avnas.runner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics of P(fake) scores against labels (1 = fake). Fractions in [0, 1].
 *
 * @param n the number of clips
 * @param auc area under the ROC curve (ties count one half: the Mann–Whitney statistic)
 * @param acc accuracy at threshold 0.5
 * @param eer equal error rate: where the false-positive and false-negative rates cross
 *     (interpolated linearly between ROC points)
 * @param roc the ROC curve as (fpr, tpr) points from (0, 0) to (1, 1), one per distinct threshold
 */
public record BinaryMetrics(int n, double auc, double acc, double eer, List<double[]> roc) {

  /**
   * Computes every metric; {@code scores} and {@code labels} are in the same row order.
   *
   * @throws IllegalArgumentException when the lengths differ or a score is NaN or infinite (a
   *     diverged network: no threshold or ranking of such scores means anything)
   */
  public static BinaryMetrics of(double[] scores, int[] labels) {
    int n = labels.length;
    if (scores.length != n) {
      throw new IllegalArgumentException(scores.length + " scores for " + n + " labels");
    }
    int bad = 0;
    int first = -1;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        bad++;
        first = first < 0 ? i : first;
      }
    }
    if (bad > 0) {
      throw new IllegalArgumentException(bad + " of " + n + " scores are NaN or infinite (the first is row " + first
          + ": " + scores[first] + ")");
    }
    int positives = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      positives += labels[i];
      if ((scores[i] >= 0.5 ? 1 : 0) == labels[i]) {
        correct++;
      }
    }
    int negatives = n - positives;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<double[]> roc = new ArrayList<>();
    roc.add(new double[] {0, 0});
    double auc = 0;
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      int tpTie = 0;
      int fpTie = 0;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        if (labels[order[j]] == 1) {
          tpTie++;
        } else {
          fpTie++;
        }
        j++;
      }
      // Trapezoid over a block of tied scores = the Mann-Whitney statistic with ties counted 1/2.
      auc += fpTie * (tp + tpTie / 2.0);
      tp += tpTie;
      fp += fpTie;
      roc.add(new double[] {rate(fp, negatives), rate(tp, positives)});
      i = j;
    }
    auc = positives == 0 || negatives == 0 ? Double.NaN : auc / ((double) positives * negatives);
    return new BinaryMetrics(n, auc, n == 0 ? Double.NaN : (double) correct / n, eer(roc), List.copyOf(roc));
  }

  private static double rate(int count, int total) {
    return total == 0 ? 0 : (double) count / total;
  }

  /** Where fpr = 1 - tpr along the piecewise-linear ROC curve. */
  private static double eer(List<double[]> roc) {
    for (int k = 1; k < roc.size(); k++) {
      double[] a = roc.get(k - 1);
      double[] b = roc.get(k);
      double da = a[0] - (1 - a[1]);
      double db = b[0] - (1 - b[1]);
      if (da <= 0 && db >= 0) {
        double t = db == da ? 0 : -da / (db - da);
        return a[0] + t * (b[0] - a[0]);
      }
    }
    return Double.NaN;
  }

  /** Per category (e.g. A/B/C/D/lipsync): the count and accuracy at 0.5, categories sorted. */
  public static Map<String, double[]> perCategory(double[] scores, int[] labels, List<String> categories) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      int[] c = counts.computeIfAbsent(categories.get(i), k -> new int[2]);
      c[0]++;
      if ((scores[i] >= 0.5 ? 1 : 0) == labels[i]) {
        c[1]++;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> out.put(k, new double[] {c[0], (double) c[1] / c[0]}));
    return out;
  }
}
