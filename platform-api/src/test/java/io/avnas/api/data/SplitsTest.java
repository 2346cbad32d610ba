package io.avnas.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static final Map<Split, Double> RATIOS = Map.of(Split.TRAIN, 0.6, Split.DEV, 0.1, Split.VAL, 0.1, Split.TEST, 0.2);

  static List<ClipInfo> clips(int identities, int perIdentity) {
    List<ClipInfo> clips = new ArrayList<>();
    for (int i = 0; i < identities; i++) {
      for (int j = 0; j < perIdentity; j++) {
        clips.add(new ClipInfo("c" + i + "-" + j, j % 2 == 0, "A", false, false, "id" + i, "s", null));
      }
    }
    return clips;
  }

  @Test
  void identityDisjointReproducibleAndCloseToTheRatios() {
    List<ClipInfo> clips = clips(200, 5);
    Map<Split, List<ClipInfo>> a = Splits.assign(clips, RATIOS, 42);
    assertEquals(a, Splits.assign(clips, RATIOS, 42));
    assertNotEquals(a, Splits.assign(clips, RATIOS, 43));
    Map<String, Split> seen = new HashMap<>();
    int total = 0;
    for (Map.Entry<Split, List<ClipInfo>> e : a.entrySet()) {
      for (ClipInfo c : e.getValue()) {
        Split previous = seen.put(c.identity(), e.getKey());
        assertTrue(previous == null || previous == e.getKey(), c.identity() + " is in two splits");
      }
      total += e.getValue().size();
      // Identities hold 5 of 1000 clips: each share is within one identity (0.5%) of its ratio, plus rounding.
      assertEquals(RATIOS.get(e.getKey()), e.getValue().size() / 1000.0, 0.006, e.getKey().name());
    }
    assertEquals(clips.size(), total);
  }

  @Test
  void presetSplitsAreKept() {
    List<ClipInfo> clips = new ArrayList<>(clips(10, 2));
    clips.add(new ClipInfo("fixed", true, "B", false, true, "id0", "s", Split.TEST));
    Map<Split, List<ClipInfo>> s = Splits.assign(clips, Map.of(Split.TRAIN, 1.0), 1);
    assertEquals(List.of("fixed"), s.get(Split.TEST).stream().map(ClipInfo::key).toList());
    assertEquals(20, s.get(Split.TRAIN).size());
    assertEquals(Set.of(), Set.copyOf(s.get(Split.DEV)));
  }
}
