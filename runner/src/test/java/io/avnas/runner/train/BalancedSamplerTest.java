package io.avnas.runner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BalancedSamplerTest {

  @Test
  void aWeightedSamplerEpochDrawsBothClassesEquallyOften() {
    // 1 real clip in 10, as in FakeAVCeleb's imbalance (about 1:14 there).
    int[] labels = new int[2000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10 == 0 ? 0 : 1;
    }
    int[] rows = Retrainer.balancedRows(labels, new Random(3));
    assertEquals(labels.length, rows.length, "an epoch keeps the split's size");
    int reals = 0;
    for (int row : rows) {
      reals += 1 - labels[row];
    }
    // Reals are drawn with probability 1/2: the count is Binomial(2000, 0.5), sd = sqrt(500) = 22.4,
    // so 4 sd = 90 around 1000. Unbalanced shuffling would give 200.
    assertTrue(Math.abs(reals - 1000) < 90, "reals drawn: " + reals);
    assertArrayEquals(rows, Retrainer.balancedRows(labels, new Random(3)), "the same seed draws the same epoch");
  }
}
