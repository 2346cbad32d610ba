package io.avnas.support.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.data.SplitRatios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static final SplitRatios RATIOS = new SplitRatios(0.6, 0.15, 0.1, 0.15);

  /** 150 identities with 2 to 14 clips each, about a quarter of them real. */
  static List<ClipInfo> dataset(long seed) {
    Random random = new Random(seed);
    List<ClipInfo> clips = new ArrayList<>();
    for (int id = 0; id < 150; id++) {
      int n = 2 + random.nextInt(13);
      for (int k = 0; k < n; k++) {
        boolean fake = random.nextDouble() < 0.75;
        clips.add(new ClipInfo("id" + id + "/" + k, fake, fake ? "C" : "A", fake, false, "id" + id, "test", null));
      }
    }
    return clips;
  }

  @Test
  void splitsAreIdentityDisjointAndCoverEveryClip() {
    List<ClipInfo> clips = dataset(1);
    Map<Split, List<ClipInfo>> splits = Splits.assign(clips, RATIOS, 7);
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Split split : Split.values()) {
      Set<String> identities = new HashSet<>();
      splits.get(split).forEach(c -> identities.add(c.identity()));
      for (String identity : identities) {
        assertTrue(seen.add(identity), identity + " appears in two splits");
      }
      total += splits.get(split).size();
      assertTrue(splits.get(split).stream().anyMatch(ClipInfo::fake), split + " has no fake clip");
      assertTrue(splits.get(split).stream().anyMatch(c -> !c.fake()), split + " has no real clip");
    }
    assertEquals(clips.size(), total);
  }

  @Test
  void ratiosAreRespectedPerClass() {
    List<ClipInfo> clips = dataset(2);
    Map<Split, List<ClipInfo>> splits = Splits.assign(clips, RATIOS, 11);
    long real = clips.stream().filter(c -> !c.fake()).count();
    for (Split split : Split.values()) {
      double fraction = (double) splits.get(split).size() / clips.size();
      double realFraction = splits.get(split).stream().filter(c -> !c.fake()).count() / (double) real;
      // Greedy filling keeps each split within about one identity of its target. An identity has at
      // most 14 clips of ~1200 (1.2%) and at most ~7 real clips of ~300 (2.3%); allow 0.03.
      assertEquals(RATIOS.of(split), fraction, 0.03, split + " clips");
      assertEquals(RATIOS.of(split), realFraction, 0.03, split + " real clips");
    }
  }

  @Test
  void reproducibleForASeedIndependentOfInputOrderAndDifferentForAnother() {
    List<ClipInfo> clips = dataset(3);
    Map<Split, List<ClipInfo>> a = Splits.assign(clips, RATIOS, 5);
    assertEquals(a, Splits.assign(clips, RATIOS, 5));
    List<ClipInfo> shuffled = new ArrayList<>(clips);
    Collections.shuffle(shuffled, new Random(9));
    Map<Split, List<ClipInfo>> b = Splits.assign(shuffled, RATIOS, 5);
    for (Split split : Split.values()) {
      assertEquals(new HashSet<>(a.get(split)), new HashSet<>(b.get(split)), split.toString());
    }
    assertNotEquals(new HashSet<>(a.get(Split.TEST)), new HashSet<>(Splits.assign(clips, RATIOS, 6).get(Split.TEST)));
  }

  @Test
  void presetSplitsAreKeptAndTheirIdentitiesFollow() {
    List<ClipInfo> clips = new ArrayList<>(dataset(4));
    // Identity "protocol" has one clip preset to TEST and two without a preset.
    clips.add(new ClipInfo("protocol/0", true, "C", true, false, "protocol", "test", Split.TEST));
    clips.add(new ClipInfo("protocol/1", false, "A", false, false, "protocol", "test", null));
    clips.add(new ClipInfo("protocol/2", true, "C", true, false, "protocol", "test", null));
    clips.add(new ClipInfo("dev-only/0", true, "C", true, false, "dev-only", "test", Split.DEV));
    for (long seed = 0; seed < 5; seed++) {
      Map<Split, List<ClipInfo>> splits = Splits.assign(clips, RATIOS, seed);
      assertEquals(3, splits.get(Split.TEST).stream().filter(c -> c.identity().equals("protocol")).count());
      assertTrue(splits.get(Split.DEV).stream().anyMatch(c -> c.key().equals("dev-only/0")));
    }
  }

  @Test
  void everySplitGetsAnIdentityWhenThereAreFourIdentities() {
    List<ClipInfo> clips = new ArrayList<>();
    for (int id = 0; id < 4; id++) {
      clips.add(new ClipInfo(id + "/r", false, "A", false, false, "p" + id, "t", null));
      clips.add(new ClipInfo(id + "/f", true, "B", false, true, "p" + id, "t", null));
    }
    Map<Split, List<ClipInfo>> splits = Splits.assign(clips, RATIOS, 3);
    for (Split split : Split.values()) {
      assertEquals(2, splits.get(split).size(), split.toString());
    }
  }

  @Test
  void ratiosAreValidated() {
    ConfigBlock good = block("split { train = 0.7, dev = 0.1, val = 0.1, test = 0.1 }");
    assertEquals(new SplitRatios(0.7, 0.1, 0.1, 0.1), SplitRatios.from(good));
    InvalidConfigException sum = assertThrows(InvalidConfigException.class,
        () -> SplitRatios.from(block("split { train = 0.7, dev = 0.2, val = 0.1, test = 0.1 }")));
    assertEquals("avnas.dataset.split", sum.key());
    assertTrue(sum.getMessage().contains("sum to 1.10000"), sum.getMessage());
    assertEquals("avnas.dataset.split.dev",
        assertThrows(InvalidConfigException.class, () -> SplitRatios.from(block("split { train = 0.9, dev = 0, val = 0.05, test = 0.05 }"))).key());
    assertFalse(assertThrows(IllegalArgumentException.class, () -> new SplitRatios(0.5, 0.5, -0.5, 0.5)).getMessage().isEmpty());
  }

  static ConfigBlock block(String hocon) {
    return new ConfigBlock("avnas.dataset", ConfigFactory.parseString(hocon));
  }
}
