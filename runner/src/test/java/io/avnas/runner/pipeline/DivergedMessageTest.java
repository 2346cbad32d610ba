package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.avnas.runner.search.SearchDiverged;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DivergedMessageTest {
  @Test
  void namesTheEpochTheFixAndTheCheckpointToResumeFrom() {
    Path run = Path.of("runs", "r1");
    assertEquals("search diverged at epoch 3: train loss NaN, dev loss NaN; " + run + " keeps the checkpoint of epoch 2:"
        + " lower avnas.search.weights.lr or avnas.search.architecture.lr in " + run.resolve("config.conf")
        + " and continue with: avnas run --resume " + run,
        SearchStage.divergedMessage(new SearchDiverged(3, Double.NaN, Double.NaN), run));
  }

  @Test
  void aFirstEpochDivergenceHasNoCheckpointToResumeFrom() {
    assertEquals("search diverged at epoch 1: train loss NaN, dev loss 0.5 (no epoch finished, so there is no"
        + " checkpoint to resume from); lower avnas.search.weights.lr or avnas.search.architecture.lr and run again"
        + " with --overwrite",
        SearchStage.divergedMessage(new SearchDiverged(1, Double.NaN, 0.5), Path.of("runs", "r1")));
  }
}
