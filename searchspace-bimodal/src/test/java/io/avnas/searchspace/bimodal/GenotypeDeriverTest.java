package io.avnas.searchspace.bimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.avnas.api.backbone.Modality;
import io.avnas.searchspace.bimodal.BimodalGenotype.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenotypeDeriverTest {
  private static List<Double> p(double identity) {
    return List.of(1 - identity, identity);
  }

  @Test
  void secondStepNodeMustBringANewFeatureAndInnerNodesTakeTheTopTwo() {
    BimodalConfig config = new BimodalConfig(4, 2, 2, 2, 2, 2, 0.0);
    List<String> f = List.of("a", "b", "c", "d");
    // node 0 rows: a, b, c, d; node 1 rows: a, b, c, d, node0.
    List<List<Double>> alpha = List.of(p(0.9), p(0.8), p(0.3), p(0.2), p(0.95), p(0.9), p(0.1), p(0.6), p(0.99));
    // beta per node: inner 0 over (x, y), inner 1 over (x, y, inner0).
    List<List<List<Double>>> beta = List.of(
        List.of(p(0.5), p(0.5), p(0.2), p(0.7), p(0.9)),
        List.of(p(0.5), p(0.5), p(0.8), p(0.1), p(0.6)));
    List<List<List<Double>>> gamma = List.of(
        List.of(List.of(.1, .1, .5, .2, .1), List.of(.1, .1, .1, .6, .1)),
        List.of(List.of(.5, .1, .1, .2, .1), List.of(.1, .1, .1, .1, .6)));
    List<Cell> cells = GenotypeDeriver.derive(f, config, alpha, beta, gamma);
    assertEquals(List.of("a", "b"), cells.get(0).inputs());
    // (a, b) scores 0.855 but brings nothing new; the best pair with a new feature is (a, d) = 0.57.
    assertEquals(List.of("a", "d"), cells.get(1).inputs());
    assertEquals(List.of(0, 1), cells.get(0).nodes().get(0).inputs());
    assertEquals(List.of(2, 1), cells.get(0).nodes().get(1).inputs());
    assertEquals(FusionOp.ATTENTION, cells.get(0).nodes().get(0).op());
    assertEquals(FusionOp.LINEAR_GLU, cells.get(0).nodes().get(1).op());
    assertEquals(List.of(0, 2), cells.get(1).nodes().get(1).inputs());
    assertEquals(FusionOp.ZERO, cells.get(1).nodes().get(0).op());
    assertEquals(FusionOp.CONCAT_FC, cells.get(1).nodes().get(1).op());
  }

  @Test
  void entropyIsTheRowMean() {
    assertEquals(Math.log(2), GenotypeDeriver.meanEntropy(List.of(p(0.5), p(0.5))), 1e-12);
    assertEquals(Math.log(2) / 2, GenotypeDeriver.meanEntropy(List.of(p(0.5), p(1.0))), 1e-12);
  }

  @Test
  void crossModalPairsOneVisualWithOneAudioFeatureWhileOneIsLeft() {
    List<String> f = List.of("v1", "v2", "a1", "a2");
    List<Modality> m = List.of(Modality.VISUAL, Modality.VISUAL, Modality.AUDIO, Modality.AUDIO);
    // node 0 rows: v1, v2, a1, a2; node 1 rows: v1, v2, a1, a2, node0. The unconstrained best pairs
    // are (a1, a2) = 0.9801 and then (v1, v2) = 0.72, both same-modality.
    List<List<Double>> alpha = List.of(p(0.9), p(0.1), p(0.99), p(0.99), p(0.9), p(0.8), p(0.05), p(0.05), p(0.5));
    List<List<List<Double>>> beta = List.of(
        List.of(p(0.5), p(0.5), p(0.5), p(0.5), p(0.5)),
        List.of(p(0.5), p(0.5), p(0.5), p(0.5), p(0.5)));
    List<List<Double>> ops = List.of(List.of(.1, .1, .1, .1, .6), List.of(.1, .1, .1, .6, .1));
    List<List<List<Double>>> gamma = List.of(ops, ops);
    BimodalConfig paper = new BimodalConfig(4, 2, 2, 2, 2, 2, 0.0);
    List<Cell> any = GenotypeDeriver.derive(f, m, paper, alpha, beta, gamma);
    assertEquals(List.of("a1", "a2"), any.get(0).inputs());
    assertEquals(List.of("v1", "v2"), any.get(1).inputs());

    BimodalConfig cross = new BimodalConfig(4, 2, 2, 2, 2, 2, 0.0, true);
    List<Cell> cells = GenotypeDeriver.derive(f, m, cross, alpha, beta, gamma);
    // (v1, a1) = 0.891 ties (v1, a2) and wins on the lower index; then, among cross pairs with a new
    // feature, (v1, a2) = 0.9 x 0.05 = 0.045 beats (v2, a1) and (v2, a2) = 0.8 x 0.05 = 0.04.
    assertEquals(List.of("v1", "a1"), cells.get(0).inputs());
    assertEquals(List.of("v1", "a2"), cells.get(1).inputs());

    // One modality only: no cross pair exists, so the paper's rule applies.
    List<Modality> visualOnly = List.of(Modality.VISUAL, Modality.VISUAL, Modality.VISUAL, Modality.VISUAL);
    assertEquals(List.of("a1", "a2"), GenotypeDeriver.derive(f, visualOnly, cross, alpha, beta, gamma).get(0).inputs());
  }
}
