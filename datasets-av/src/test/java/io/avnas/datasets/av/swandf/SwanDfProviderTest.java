package io.avnas.datasets.av.swandf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.datasets.av.decode.ExtractionSimulation;
import io.avnas.datasets.av.decode.MediaFixtures;
import io.avnas.datasets.av.decode.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwanDfProviderTest {
  @TempDir static Path dir;
  static SwanDfTree.Roots roots;

  @BeforeAll
  static void buildTree() throws IOException {
    roots = SwanDfTree.write(dir);
  }

  private static DatasetProvider open(Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>(Map.of("fakes-root", roots.fakes().toString(), "reals-root", roots.reals().toString(),
        "protocol-dir", roots.protocol().toString(), "val-fraction", 0.25, "frames", 2, "decode-size", 16));
    values.putAll(overrides);
    ConfigBlock block = TestConfig.dataset(values);
    SwanDfFactory factory = new SwanDfFactory();
    factory.validate(block);
    return factory.open(block, 7);
  }

  @Test
  void listsFakesAsCAndSpeechRealsAsA() {
    DatasetProvider provider = open(Map.of());
    assertEquals(Map.of("A", SwanDfTree.REALS, "C", SwanDfTree.FAKES), countByCategory(provider.clips()));
    for (ClipInfo clip : provider.clips()) {
      assertTrue(!clip.key().endsWith("_1.mp4"), "bio 1 is not speech: " + clip.key());
      assertTrue(clip.fake() == clip.category().equals("C"));
      if (clip.fake()) {
        assertEquals(clip.key().split("/")[2], clip.identity(), "fake identity = SRC folder");
      } else {
        assertEquals(clip.key().split("/")[3], clip.identity(), "real identity = ID folder");
      }
    }
  }

  @Test
  void convertedVoicesMakeCategoryDWithTheWavAudio() throws Exception {
    DatasetProvider provider = open(Map.of("converted-audio", true));
    Map<String, Integer> counts = countByCategory(provider.clips());
    assertEquals(SwanDfTree.VOICES, counts.get("D"));
    assertEquals(SwanDfTree.FAKES - SwanDfTree.VOICES, counts.get("C"));
    ClipInfo d = provider.clips().stream().filter(c -> c.category().equals("D")).findFirst().orElseThrow();
    assertTrue(d.fakeVideo() && d.fakeAudio());
    Clip clip = provider.load(d);
    // 0.5 s windows give 2 Hz bins; the 1200 Hz voice, not the 400 Hz track of the mp4.
    assertEquals(SwanDfTree.VOICE_TONE, MediaFixtures.dominantFrequency(clip.waveform(), 16_000, 100, 3000), 4);
  }

  @Test
  void theProtocolPresetsIdentityDisjointSplits() {
    DatasetProvider provider = open(Map.of());
    Map<String, Set<Split>> splitsByIdentity = new TreeMap<>();
    for (ClipInfo clip : provider.clips()) {
      splitsByIdentity.computeIfAbsent(clip.identity(), k -> EnumSet.noneOf(Split.class)).add(clip.presetSplit());
    }
    splitsByIdentity.forEach((identity, splits) -> assertEquals(1, splits.size(), identity + " spans " + splits));
    Map<Split, Set<String>> identities = splitsByIdentity.entrySet().stream().collect(Collectors.groupingBy(
        e -> e.getValue().iterator().next(), TreeMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toSet())));
    assertEquals(Set.of("00005", "00006"), identities.get(Split.DEV));
    assertEquals(Set.of("00007", "00008"), identities.get(Split.TEST));
    // No val.txt: a quarter of the 4 train identities becomes VAL, in whole swap pairs, chosen by the seed.
    assertTrue(List.of(Set.of("00001", "00002"), Set.of("00003", "00004")).contains(identities.get(Split.VAL)), identities.toString());
    assertEquals(2, identities.get(Split.TRAIN).size());
    assertEquals(identities, splitsOf(open(Map.of())), "the same seed gives the same VAL");
  }

  @Test
  void valFromTrainKeepsLinkedIdentitiesTogether() {
    Map<String, Set<String>> links = Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of("d"), "d", Set.of("c"));
    for (long seed = 0; seed < 20; seed++) {
      Set<String> val = Protocol.valFromTrain(new java.util.TreeSet<>(List.of("a", "b", "c", "d", "e")), links, 0.2, seed);
      assertTrue(List.of(Set.of("a", "b"), Set.of("c", "d"), Set.of("e")).contains(val), "seed " + seed + ": " + val);
    }
    assertEquals(Set.of(), Protocol.valFromTrain(Set.of("a", "b"), links, 0.5, 1), "the only group stays in TRAIN");
    assertEquals(Set.of(), Protocol.valFromTrain(Set.of("a", "e"), Map.of(), 0, 1));
  }

  @Test
  void withoutAProtocolNothingIsPreset() {
    DatasetProvider provider = open(Map.of("protocol-dir", ""));
    provider.clips().forEach(c -> assertNull(c.presetSplit(), c.key()));
    assertEquals(SwanDfTree.FAKES + SwanDfTree.REALS, provider.clips().size());
  }

  @Test
  void resolutionSubsetsAndBrokenFiles() {
    DatasetProvider only256 = open(Map.of("resolutions", List.of("256x256")));
    assertEquals(8, countByCategory(only256.clips()).get("C"));
    ExtractionSimulation run = ExtractionSimulation.run(open(Map.of()));
    assertEquals(Set.of("fakes/160x160/00005/broken-to-00006.mp4", "reals/session_02/iPad/00008/1_00008_f_02_01_t_2.mp4"),
        run.skipped().keySet());
    assertTrue(run.skipped().get("fakes/160x160/00005/broken-to-00006.mp4").contains("empty"));
    assertTrue(run.skipped().get("reals/session_02/iPad/00008/1_00008_f_02_01_t_2.mp4").contains("no audio stream"));
    assertEquals(SwanDfTree.FAKES + SwanDfTree.REALS - 2, run.loaded().size());
    Clip real = run.loaded().stream().filter(c -> !c.info().fake()).findFirst().orElseThrow();
    assertEquals(16, real.width(), "decode-size scales the 48x32 reals to 16x16");
  }

  @Test
  void badRootsAndProtocolsFailNamingThePath() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    InvalidConfigException fakes = assertThrows(InvalidConfigException.class, () -> open(Map.of("fakes-root", nowhere.toString())));
    assertEquals("avnas.dataset.fakes-root", fakes.key());
    assertTrue(fakes.getMessage().contains(nowhere.toString()));
    InvalidConfigException reals = assertThrows(InvalidConfigException.class, () -> open(Map.of("reals-root", roots.fakes().toString())));
    assertEquals("avnas.dataset.reals-root", reals.key());
    Path partial = Files.createDirectories(dir.resolve("partial-protocol"));
    Files.writeString(partial.resolve("train.txt"), "00001\n");
    Files.writeString(partial.resolve("dev.txt"), "00002\n");
    InvalidConfigException protocol = assertThrows(InvalidConfigException.class, () -> open(Map.of("protocol-dir", partial.toString())));
    assertTrue(protocol.getMessage().contains(partial.resolve("test.txt").toString()), protocol.getMessage());
    Files.writeString(partial.resolve("test.txt"), "00001\n");
    InvalidConfigException twice = assertThrows(InvalidConfigException.class, () -> open(Map.of("protocol-dir", partial.toString())));
    assertTrue(twice.getMessage().contains("00001"), twice.getMessage());
    assertThrows(InvalidConfigException.class, () -> open(Map.of("resolutions", List.of("999x999"))));
  }

  private static Map<Split, Set<String>> splitsOf(DatasetProvider provider) {
    return provider.clips().stream().collect(Collectors.groupingBy(ClipInfo::presetSplit, TreeMap::new,
        Collectors.mapping(ClipInfo::identity, Collectors.toSet())));
  }

  private static Map<String, Integer> countByCategory(List<ClipInfo> clips) {
    Map<String, Integer> counts = new TreeMap<>();
    clips.forEach(c -> counts.merge(c.category(), 1, Integer::sum));
    return counts;
  }
}
