package io.avnas.runner.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricLineTest {
  @Test
  void writesFormatStageEpochThenValuesAndReadsThemBack() {
    MetricLine line = MetricLine.of("search", 3, v -> {
      v.add("dev_loss", Json.num(0.25));
      v.add("entropy", Json.map(java.util.Map.of("alpha", 0.5)));
      v.add("tau", Json.num(Double.NaN));
    });
    String text = line.text();
    assertEquals("{\"format\":1,\"stage\":\"search\",\"epoch\":3,\"dev_loss\":0.25,\"entropy\":{\"alpha\":0.5},\"tau\":null}",
        text);
    MetricLine back = MetricLine.parse(text).orElseThrow();
    assertEquals(line, back);
    assertEquals(0.5, back.number("entropy.alpha").orElseThrow());
    assertTrue(back.number("tau").isEmpty());
  }

  @Test
  void readsLinesWrittenBeforeTheFormatHadANumberAndRejectsOthers() {
    MetricLine old = MetricLine.parse("{\"stage\":\"retrain\",\"epoch\":2,\"val_auc\":0.9}").orElseThrow();
    assertEquals("retrain", old.stage());
    assertEquals(2, old.epoch());
    assertEquals(0.9, old.number("val_auc").orElseThrow());
    assertTrue(MetricLine.parse("{\"stage\":\"search\",\"dev_loss\":0.3").isEmpty(), "a torn line");
    assertTrue(MetricLine.parse("{\"epoch\":1}").isEmpty(), "no stage");
    assertTrue(MetricLine.parse("[1, 2]").isEmpty(), "not an object");
  }
}
