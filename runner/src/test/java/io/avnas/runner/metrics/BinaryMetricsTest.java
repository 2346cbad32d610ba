package io.avnas.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  @Test
  void knownScoresGiveTheirAucWithTiesCountedOneHalf() {
    // Positives at 0.9 and 0.5, negatives at 0.5 and 0.1: 3 of 4 pairs ranked right, 1 tied -> 3.5 / 4.
    BinaryMetrics m = BinaryMetrics.of(new double[] {0.9, 0.5, 0.5, 0.1}, new int[] {1, 1, 0, 0});
    assertEquals(0.875, m.auc(), 1e-12);
    assertEquals(0.75, m.acc(), 1e-12);
  }

  @Test
  void nanAndInfiniteScoresAreRefusedNotLoopedOn() {
    // Before: NaN != NaN kept the tie loop from advancing until the heap ran out.
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.of(new double[] {0.2, Double.NaN, 0.7, Double.NaN}, new int[] {0, 1, 1, 0}));
    assertEquals("2 of 4 scores are NaN or infinite (the first is row 1: NaN)", nan.getMessage());
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.of(new double[] {Double.POSITIVE_INFINITY, 0.1}, new int[] {1, 0}));
    assertEquals("1 of 2 scores are NaN or infinite (the first is row 0: Infinity)", inf.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.of(new double[] {0.1}, new int[] {1, 0}));
  }
}
