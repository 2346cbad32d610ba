package io.avnas.searchspace.bimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
