package io.avnas.runner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochLoopTest {
  @Test
  void runsTheEpochsAfterFirstAndCallsListenersInOrder() throws Exception {
    List<String> calls = new ArrayList<>();
    new EpochLoop<Integer>(index -> index + 1, 4, List.of(e -> calls.add("a" + e), e -> calls.add("b" + e))).run(2);
    // A loop resumed after 2 committed epochs runs epochs 3 and 4 (1-based here), each through a then b.
    assertEquals(List.of("a3", "b3", "a4", "b4"), calls);
  }

  @Test
  void aDivergenceCheckStopsTheLoopBeforeLaterListenersSeeTheEpoch() {
    List<Double> seen = new ArrayList<>();
    double[] losses = {0.7, 0.6, Double.NaN, 0.5};
    EpochLoop<Double> loop = new EpochLoop<>(index -> losses[index], losses.length, List.of(
        EpochLoop.divergenceCheck(Double::isFinite, loss -> new IllegalStateException("diverged: " + loss)),
        seen::add));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(0));
    assertEquals("diverged: NaN", e.getMessage());
    // The diverged third epoch never reached the checkpoint-writing listener, nor did the fourth run.
    assertEquals(List.of(0.7, 0.6), seen);
  }
}
