package io.avnas.searchspace.bimodal;

import io.avnas.api.backbone.Modality;
import io.avnas.searchspace.bimodal.BimodalGenotype.Cell;
import io.avnas.searchspace.bimodal.BimodalGenotype.InnerNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Genotype derivation, exactly as docs/search.md ("Genotype") describes, on host copies of the probability tables. */
final class GenotypeDeriver {
  private static final int IDENTITY = 1;

  private GenotypeDeriver() {}

  /**
   * @param alpha alpha probabilities, rows × [zero, identity]
   * @param beta per step node, rows × [zero, identity]
   * @param gamma per step node, inner nodes × ops
   */
  static List<Cell> derive(List<String> features, BimodalConfig config, List<List<Double>> alpha,
      List<List<List<Double>>> beta, List<List<List<Double>>> gamma) {
    return derive(features, null, config, alpha, beta, gamma);
  }

  /**
   * @param modalities each feature's modality; with {@code config.crossModal()} a level-1 pair must
   *     hold one of each, as long as such a pair is left (null: no constraint)
   */
  static List<Cell> derive(List<String> features, List<Modality> modalities, BimodalConfig config, List<List<Double>> alpha,
      List<List<List<Double>>> beta, List<List<List<Double>>> gamma) {
    int n = features.size();
    boolean crossModal = config.crossModal() && modalities != null;
    boolean[] picked = new boolean[n];
    List<Cell> cells = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < config.steps(); i++) {
      // Level 1: only the N original features are candidates; a pair must bring at least one new feature.
      int bestJ = -1;
      int bestK = -1;
      double best = Double.NEGATIVE_INFINITY;
      boolean crossLeft = false;
      for (int j = 0; j < n && crossModal; j++) {
        for (int k = j + 1; k < n; k++) {
          crossLeft |= !(picked[j] && picked[k]) && modalities.get(j) != modalities.get(k);
        }
      }
      for (int j = 0; j < n; j++) {
        for (int k = j + 1; k < n; k++) {
          if (picked[j] && picked[k]) {
            continue;
          }
          if (crossLeft && modalities.get(j) == modalities.get(k)) {
            // Near-saturated alphas (many features at identity 0.99+) leave the pair to a hair's
            // difference; a same-modality pair cannot fuse audio with video at all.
            continue;
          }
          double score = alpha.get(offset + j).get(IDENTITY) * alpha.get(offset + k).get(IDENTITY);
          if (score > best) {
            best = score;
            bestJ = j;
            bestK = k;
          }
        }
      }
      if (bestJ < 0) {
        throw new IllegalStateException("step node " + i + ": no feature pair is left; use fewer steps or more features");
      }
      picked[bestJ] = true;
      picked[bestK] = true;
      cells.add(new Cell(List.of(features.get(bestJ), features.get(bestK)), innerNodes(config, beta.get(i), gamma.get(i))));
      offset += n + i;
    }
    return cells;
  }

  /** Level 2: top-2 predecessors by identity probability (ties: lower index), op = argmax gamma. */
  private static List<InnerNode> innerNodes(BimodalConfig config, List<List<Double>> beta, List<List<Double>> gamma) {
    List<InnerNode> nodes = new ArrayList<>();
    int offset = 0;
    for (int k = 0; k < config.nodeSteps(); k++) {
      int preds = 2 + k;
      final int base = offset;
      List<Integer> order = new ArrayList<>();
      for (int j = 0; j < preds; j++) {
        order.add(j);
      }
      order.sort(Comparator.comparingDouble((Integer j) -> -beta.get(base + j).get(IDENTITY)).thenComparingInt(j -> j));
      List<Double> g = gamma.get(k);
      int op = 0;
      for (int o = 1; o < g.size(); o++) {
        if (g.get(o) > g.get(op)) {
          op = o;
        }
      }
      nodes.add(new InnerNode(order.subList(0, 2), FusionOp.values()[op]));
      offset += preds;
    }
    return nodes;
  }

  /** Mean over rows of -sum p log p (nats). */
  static double meanEntropy(List<List<Double>> rows) {
    double sum = 0;
    for (List<Double> row : rows) {
      for (double p : row) {
        if (p > 0) {
          sum -= p * Math.log(p);
        }
      }
    }
    return rows.isEmpty() ? 0 : sum / rows.size();
  }
}
