package io.avnas.support.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.ClipInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancingTest {

  static List<ClipInfo> clips(int real, int fake) {
    List<ClipInfo> clips = new ArrayList<>();
    for (int i = 0; i < real + fake; i++) {
      boolean isFake = i >= real;
      clips.add(new ClipInfo("c" + i, isFake, isFake ? "D" : "A", isFake, isFake, "p" + i, "t", null));
    }
    return clips;
  }

  @Test
  void classWeightsAreInverseFrequencyWithMeanOne() {
    // 30 real, 90 fake: real weight 120 / (2 * 30) = 2, fake 120 / (2 * 90) = 2/3.
    assertArrayEquals(new double[] {2, 2.0 / 3}, Balancing.classWeights(clips(30, 90)), 1e-12);
    assertArrayEquals(new double[] {0, 1}, Balancing.classWeights(clips(0, 5)), 1e-12);
  }

  @Test
  void sampleWeightsGiveEachClassHalfTheMass() {
    double[] weights = Balancing.sampleWeights(clips(30, 90));
    double real = 0;
    double fake = 0;
    for (int i = 0; i < weights.length; i++) {
      if (i < 30) {
        real += weights[i];
      } else {
        fake += weights[i];
      }
    }
    assertEquals(0.5, real, 1e-12);
    assertEquals(0.5, fake, 1e-12);
  }

  @Test
  void weightedDrawsAreBalancedAndReproducible() {
    double[] weights = Balancing.sampleWeights(clips(10, 190));
    int[] draws = Balancing.draw(weights, 20_000, 17);
    long real = java.util.Arrays.stream(draws).filter(i -> i < 10).count();
    // Binomial(20000, 0.5) has sd 71 (0.35%); 0.02 is more than 5 sd, while an unweighted sampler gives 0.05.
    assertEquals(0.5, real / 20_000.0, 0.02);
    assertArrayEquals(draws, Balancing.draw(weights, 20_000, 17));
    assertThrows(IllegalArgumentException.class, () -> Balancing.draw(new double[] {0, 0}, 3, 1));
  }

  @Test
  void modeIsReadFromConfig() {
    assertEquals(Balancing.Mode.WEIGHTED_SAMPLER, Balancing.mode(SplitsTest.block("balance = weighted-sampler")));
    assertEquals(Balancing.Mode.NONE, Balancing.mode(SplitsTest.block("balance = none")));
    assertEquals("avnas.dataset.balance",
        assertThrows(InvalidConfigException.class, () -> Balancing.mode(SplitsTest.block("balance = oversample"))).key());
  }
}
