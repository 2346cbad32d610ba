package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.runner.features.ClipBatches;
import io.avnas.runner.features.FeatureExtractor;
import io.avnas.runner.features.FeatureSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractCommandTest {

  private static ClipInfo clip(String key, String category) {
    return new ClipInfo(key, !category.equals("A"), category, false, false, "id", "src", null);
  }

  @Test
  void jsonSummaryCountsCategoriesOverAllSplits() {
    FeatureSet train = new FeatureSet(List.of(), List.of(), List.of(clip("1", "A"), clip("2", "D"), clip("3", "lipsync")));
    FeatureSet test = new FeatureSet(List.of(), List.of(), List.of(clip("4", "A"), clip("5", "B")));
    FeatureExtractor.Result result = new FeatureExtractor.Result(Map.of(Split.TRAIN, train, Split.TEST, test),
        Map.of(Split.TRAIN, List.of(new ClipBatches.Skipped(clip("6", "C"), "corrupt")), Split.TEST, List.of()), false, 1.23456);
    assertEquals("{\"clips\":{\"A\":2,\"B\":1,\"D\":1,\"lipsync\":1},\"skipped\":1,\"cache\":\"miss\",\"seconds\":1.235}",
        ExtractCommand.summary(result).toString());
  }
}
