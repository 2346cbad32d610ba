package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.avnas.runner.files.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenotypeSelectionTest {
  /** Search lines with these dev accuracies and losses (epochs 1..n), each with a genotype naming its epoch. */
  private static List<JsonObject> lines(double[] acc, double[] loss) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < acc.length; i++) {
      JsonObject line = Json.parse("{\"stage\":\"search\",\"epoch\":" + (i + 1) + ",\"dev_acc\":" + acc[i]
          + ",\"dev_loss\":" + loss[i] + ",\"genotype\":{\"format\":1,\"from\":" + (i + 1) + "}}");
      out.add(line);
    }
    return out;
  }

  @Test
  void bestDevTakesTheEpochWithTheHighestDevAccuracyAndItsGenotype() {
    List<JsonObject> lines = lines(new double[] {0.55, 0.66, 0.61, 0.63}, new double[] {0.7, 0.62, 0.6, 0.65});
    GenotypeSelection.Choice best = GenotypeSelection.choose("best-dev", lines, 0);
    assertEquals(2, best.epoch());
    assertEquals(0.66, best.devAcc(), 0.0);
    assertEquals(2, best.genotype().orElseThrow().get("from").getAsInt());
    assertEquals("{\"rule\":\"best-dev\",\"epoch\":2,\"dev_acc\":0.66}", best.json().toString());

    GenotypeSelection.Choice last = GenotypeSelection.choose("last", lines, 0);
    assertEquals(4, last.epoch());
    assertEquals(4, last.genotype().orElseThrow().get("from").getAsInt());
  }

  @Test
  void tiesGoToTheLowerDevLossThenToTheEarlierEpoch() {
    List<JsonObject> lossDecides = lines(new double[] {0.6, 0.7, 0.7, 0.7}, new double[] {0.5, 0.66, 0.61, 0.64});
    assertEquals(3, GenotypeSelection.choose("best-dev", lossDecides, 0).epoch());
    List<JsonObject> exact = lines(new double[] {0.7, 0.7}, new double[] {0.6, 0.6});
    assertEquals(1, GenotypeSelection.choose("best-dev", exact, 0).epoch());
  }

  @Test
  void warmupEpochsAreCandidatesOnlyWhenEveryEpochIsOne() {
    // Epoch 1 has the best dev accuracy but its tables never moved (warm-up): it must not be chosen.
    List<JsonObject> lines = lines(new double[] {0.9, 0.6, 0.65}, new double[] {0.3, 0.6, 0.6});
    assertEquals(3, GenotypeSelection.choose("best-dev", lines, 1).epoch());
    assertEquals(1, GenotypeSelection.choose("best-dev", lines, 3).epoch());
  }

  @Test
  void aMissingDevAccuracyNeverWinsAndAnOldLineHasNoGenotype() {
    List<JsonObject> lines = lines(new double[] {0.5, 0.6}, new double[] {0.6, 0.6});
    lines.get(1).add("dev_acc", com.google.gson.JsonNull.INSTANCE);
    assertEquals(1, GenotypeSelection.choose("best-dev", lines, 0).epoch());
    lines.get(0).remove("genotype");
    assertTrue(GenotypeSelection.choose("best-dev", lines, 0).genotype().isEmpty());
  }
}
