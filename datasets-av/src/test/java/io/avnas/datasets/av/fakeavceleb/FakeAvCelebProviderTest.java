package io.avnas.datasets.av.fakeavceleb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.api.data.SplitRatios;
import io.avnas.datasets.av.decode.ExtractionSimulation;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.TestConfig;
import io.avnas.support.data.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeAvCelebProviderTest {
  @TempDir static Path shared;
  static FakeAvCelebTree.Expected flat;
  static FakeAvCelebTree.Expected nested;

  @BeforeAll
  static void buildTrees() {
    flat = FakeAvCelebTree.write(shared.resolve("flat"), 4, false);
    nested = FakeAvCelebTree.write(shared.resolve("nested"), 3, true);
  }

  private static DatasetProvider open(Path root, List<String> methods) {
    ConfigBlock block = TestConfig.dataset(Map.of("root", root.toString(), "methods", methods, "frames", 4));
    FakeAvCelebFactory factory = new FakeAvCelebFactory();
    factory.validate(block);
    return factory.open(block, 42);
  }

  @Test
  void listsEveryCategoryWithTheQuirksResolved() {
    for (FakeAvCelebTree.Expected tree : List.of(flat, nested)) {
      DatasetProvider provider = open(tree.root(), List.of());
      assertEquals(tree.listed(), countByCategory(provider.clips()), "per category in " + tree.root());
      assertEquals(tree.identities(), provider.clips().stream().map(ClipInfo::identity).collect(Collectors.toSet()));
      long uniqueKeys = provider.clips().stream().map(ClipInfo::key).distinct().count();
      assertEquals(provider.clips().size(), uniqueKeys, "00001.mp4 exists under every id: keys need the directory");
    }
  }

  @Test
  void decodesTheGoodClipsAndSkipsTheBrokenOnesNamingThem() {
    DatasetProvider provider = open(flat.root(), List.of());
    ExtractionSimulation run = ExtractionSimulation.run(provider);
    assertEquals(flat.undecodable(), run.skipped().keySet());
    assertEquals(flat.total() - flat.undecodable().size(), run.loaded().size());
    for (Map.Entry<String, String> skip : run.skipped().entrySet()) {
      String fileName = skip.getKey().substring(skip.getKey().lastIndexOf('/') + 1);
      assertTrue(skip.getValue().contains(fileName), skip.getValue());
    }
    Clip clip = run.loaded().get(0);
    assertEquals(4, clip.frameCount());
    assertEquals(32, clip.height());
    assertEquals(16_000, clip.sampleRate());
    // 0.5 s of audio at 16 kHz, within one AAC frame (1024 samples at 44.1 kHz = 372 at 16 kHz).
    assertEquals(8_000, clip.waveform().length, 400);
  }

  @Test
  void labelsFollowTheCategories() {
    for (ClipInfo clip : open(flat.root(), List.of()).clips()) {
      switch (clip.category()) {
        case "A" -> assertTrue(!clip.fake() && !clip.fakeVideo() && !clip.fakeAudio(), clip.key());
        case "B" -> assertTrue(clip.fake() && !clip.fakeVideo() && clip.fakeAudio(), clip.key());
        case "C" -> assertTrue(clip.fake() && clip.fakeVideo() && !clip.fakeAudio(), clip.key());
        case "D" -> assertTrue(clip.fake() && clip.fakeVideo() && clip.fakeAudio(), clip.key());
        default -> throw new AssertionError("category " + clip.category());
      }
      assertNull(clip.presetSplit(), "FakeAVCeleb has no official split");
      assertTrue(clip.key().contains("/" + clip.identity() + "/"), "identity = source = the id folder: " + clip.key());
    }
  }

  @Test
  void duplicateRowsAreMergedRecordingEveryMethod() throws Exception {
    ListingProblems problems = new ListingProblems();
    FakeAvCelebIndex index = FakeAvCelebIndex.build(FakeAvCelebIndex.locate(flat.root(), new java.util.ArrayList<>()), List.of(), problems);
    List<FakeAvCelebIndex.Entry> duplicate = index.entries().stream()
        .filter(e -> e.info().key().equals(flat.duplicateKey())).toList();
    assertEquals(1, duplicate.size());
    assertEquals(List.of("wav2lip", "fsgan-wav2lip"), duplicate.get(0).methods());
    assertEquals(1, problems.count(FakeAvCelebIndex.DUPLICATE));
    assertEquals(1, problems.count(MetaDataCsv.SHORT_ROW), "the 9-field row");
    assertEquals(1, problems.count(FakeAvCelebIndex.MISSING_FILE));
  }

  @Test
  void methodSubsetsSelectRows() {
    DatasetProvider provider = open(flat.root(), List.of("real", "rtvc"));
    assertEquals(Map.of("A", flat.listed().get("A"), "B", flat.listed().get("B")), countByCategory(provider.clips()));
    // The merged duplicate is kept for either of its methods.
    DatasetProvider lipSync = open(flat.root(), List.of("fsgan-wav2lip"));
    assertEquals(List.of(flat.duplicateKey()), lipSync.clips().stream().map(ClipInfo::key).toList());
  }

  @Test
  void identitiesGroupTheirClips() {
    // Identity-disjoint splitting (io.avnas.support.data.Splits, datasets branch) assigns whole
    // identities; here we check what it relies on: every clip of an id folder, real or fake, carries
    // that id, so an identity split can never put one person's clips on two sides.
    Map<String, Set<String>> foldersByIdentity = new TreeMap<>();
    for (ClipInfo clip : open(flat.root(), List.of()).clips()) {
      String[] parts = clip.key().split("/");
      foldersByIdentity.computeIfAbsent(clip.identity(), k -> new java.util.TreeSet<>()).add(parts[parts.length - 2]);
    }
    for (Map.Entry<String, Set<String>> entry : foldersByIdentity.entrySet()) {
      assertEquals(Set.of(entry.getKey()), entry.getValue());
    }
    assertEquals(flat.identities().size(), foldersByIdentity.size());
  }

  @Test
  void identitySplitsNeverShareAPerson() {
    List<ClipInfo> clips = open(flat.root(), List.of()).clips();
    Map<Split, List<ClipInfo>> splits = Splits.assign(clips, new SplitRatios(0.4, 0.2, 0.2, 0.2), 7L);
    Map<String, Split> splitOfIdentity = new TreeMap<>();
    int assigned = 0;
    for (Map.Entry<Split, List<ClipInfo>> entry : splits.entrySet()) {
      for (ClipInfo clip : entry.getValue()) {
        Split previous = splitOfIdentity.putIfAbsent(clip.identity(), entry.getKey());
        assertTrue(previous == null || previous == entry.getKey(),
            clip.identity() + " is in " + previous + " and " + entry.getKey());
        assigned++;
      }
    }
    assertEquals(clips.size(), assigned, "every clip lands in exactly one split");
    assertTrue(splits.values().stream().filter(l -> !l.isEmpty()).count() >= 2,
        "with " + flat.identities().size() + " identities at least two splits are used");
  }

  @Test
  void theFingerprintFollowsTheFilesAndTheSubset() throws Exception {
    String all = open(flat.root(), List.of()).fingerprint();
    assertEquals(all, open(flat.root(), List.of()).fingerprint());
    assertNotEquals(all, open(flat.root(), List.of("real")).fingerprint());
    Path file = Path.of(open(flat.root(), List.of("real")).clips().get(0).source());
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
    assertNotEquals(all, open(flat.root(), List.of()).fingerprint());
  }

  @Test
  void aMissingRootOrCsvFailsNamingThePath() throws Exception {
    Path missing = shared.resolve("nowhere");
    InvalidConfigException noRoot = assertThrows(InvalidConfigException.class, () -> open(missing, List.of()));
    assertEquals("avnas.dataset.root", noRoot.key());
    assertTrue(noRoot.getMessage().contains(missing.toString()), noRoot.getMessage());

    Path empty = Files.createDirectories(shared.resolve("empty"));
    InvalidConfigException noCsv = assertThrows(InvalidConfigException.class, () -> open(empty, List.of()));
    assertTrue(noCsv.getMessage().contains(empty.resolve("meta_data.csv").toString()), noCsv.getMessage());

    InvalidConfigException unset = assertThrows(InvalidConfigException.class, () -> open(Path.of(""), List.of()));
    assertTrue(unset.getMessage().contains("is not set"), unset.getMessage());

    InvalidConfigException badMethod = assertThrows(InvalidConfigException.class, () -> open(flat.root(), List.of("deepfacelab")));
    assertEquals("avnas.dataset.methods", badMethod.key());
  }

  @Test
  void csvParsingIsByPosition() throws Exception {
    Path csv = shared.resolve("quirks.csv");
    Files.writeString(csv, "\uFEFFsource,target1,target2,method,category,type,race,gender,path,\r\n"
        + "id00076,-,-,real,A,RealVideo-RealAudio,African,men,00109.mp4,FakeAVCeleb/RealVideo-RealAudio/African/men/id00076\r\n"
        + "id00032,id00100,-,fsgan,C,FakeVideo-RealAudio,Asian (East),women,\"00001_2.mp4\",FakeVideo-RealAudio/Asian (East)/women/id00032\r\n");
    List<MetaRow> rows = MetaDataCsv.read(csv, new ListingProblems());
    assertEquals(2, rows.size());
    assertEquals("00109.mp4", rows.get(0).fileName());
    assertEquals("FakeAVCeleb/RealVideo-RealAudio/African/men/id00076", rows.get(0).directory());
    assertEquals("Asian (East)", FakeAvCelebIndex.directoryComponents(rows.get(1).directory()).get(1));
    assertEquals(List.of("RealVideo-RealAudio", "African", "men", "id00076"),
        FakeAvCelebIndex.directoryComponents(rows.get(0).directory()));
    assertEquals(List.of("RealVideo-RealAudio", "African", "men", "id00076"),
        FakeAvCelebIndex.directoryComponents("./FakeAVCeleb_v1.2/FakeAVCeleb/RealVideo-RealAudio/African/men/id00076/"));
  }

  private static Map<String, Integer> countByCategory(List<ClipInfo> clips) {
    Map<String, Integer> counts = new TreeMap<>();
    clips.forEach(c -> counts.merge(c.category(), 1, Integer::sum));
    return counts;
  }
}
