package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.config.FeatureSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractorTest {
  @TempDir Path dir;

  private final StringWriter log = new StringWriter();
  private final PrintWriter progress = new PrintWriter(log, true);

  @Test
  void specsFollowTheContractOrderAndShapes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(new TestClips.Provider(4, Set.of()), manager, TestClips.settings(dir, 6, 4), 1);
      List<FeatureSpec> specs = ex.specs();
      assertEquals(List.of("visual.layer2", "visual.layer3", "visual.layer4", "visual.pooled",
          "audio.layer2", "audio.layer3", "audio.layer4", "audio.pooled"), specs.stream().map(FeatureSpec::name).toList());
      assertEquals(List.of(16, 32, 64, 64, 16, 32, 64, 64), specs.stream().map(FeatureSpec::channels).toList());
      assertEquals(List.of(6, 6, 6, 1, 6, 6, 6, 1), specs.stream().map(FeatureSpec::length).toList());
    }
  }

  @Test
  void missThenHitGivesTheSameFeaturesWithoutDecoding() {
    TestClips.Provider provider = new TestClips.Provider(10, Set.of("clip-3"));
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(provider, manager, TestClips.settings(dir, 4, 3), 1);
      FeatureExtractor.Result first = ex.extract(TestClips.oneSplit(provider.clips()), progress);
      assertFalse(first.cacheHit());
      assertTrue(log.toString().contains("cache miss: TRAIN"), log.toString());
      assertTrue(log.toString().contains("skipped clip clip-3 (gen:3): gen:3: truncated stream"), log.toString());
      assertEquals(1, first.skippedCount());
      FeatureSet set = first.features().get(Split.TRAIN);
      assertEquals(9, set.size());
      assertFalse(set.clips().stream().anyMatch(c -> c.key().equals("clip-3")));
      int loads = provider.loads.get();
      assertEquals(10, loads);

      FeatureExtractor.Result second = ex.extract(TestClips.oneSplit(provider.clips()), progress);
      assertTrue(second.cacheHit());
      assertTrue(log.toString().contains("cache hit: TRAIN, 9 clips"), log.toString());
      assertEquals(loads, provider.loads.get(), "a cache hit decodes nothing");
      assertEquals(1, second.skippedCount(), "skipped clips are remembered");
      String hit = log.toString().substring(log.toString().indexOf("cache hit: TRAIN"));
      assertTrue(hit.contains("avnas: warning: skipped clip clip-3 (gen:3): gen:3: truncated stream"),
          "a hit names the skipped clips too, not only their count:\n" + hit);
      assertFalse(log.toString().contains("avas:"), "the warning's prefix is whole");
      assertSameFeatures(set, second.features().get(Split.TRAIN));
    }
  }

  @Test
  void changingAnyKeyComponentRecomputes() {
    TestClips.Provider provider = new TestClips.Provider(6, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureSettings settings = TestClips.settings(dir, 4, 4);
      FeatureExtractor base = TestClips.extractor(provider, manager, settings, 1);
      base.extract(TestClips.oneSplit(provider.clips()), progress);
      assertTrue(base.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());

      // L
      assertFalse(TestClips.extractor(provider, manager, TestClips.settings(dir, 5, 4), 1)
          .extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());
      // the sample list
      assertFalse(base.extract(TestClips.oneSplit(provider.clips().subList(0, 5)), progress).cacheHit());
      // the weights (another seed)
      assertFalse(TestClips.extractor(provider, manager, settings, 7).extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());
      // the split
      assertFalse(base.extract(java.util.Map.of(Split.DEV, provider.clips()), progress).cacheHit());
      // the provider's fingerprint
      provider.fingerprint = "v2";
      assertFalse(base.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());
      provider.fingerprint = "v1";
      assertTrue(base.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit(), "the original key still hits");
    }
  }

  @Test
  void aTruncatedOrCorruptCacheFileIsNeverRead() throws IOException {
    TestClips.Provider provider = new TestClips.Provider(6, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(provider, manager, TestClips.settings(dir, 4, 4), 1);
      FeatureSet original = ex.extract(TestClips.oneSplit(provider.clips()), progress).features().get(Split.TRAIN);
      Path file = new FeatureCache(dir).file(ex.key(Split.TRAIN, provider.clips()));
      byte[] bytes = Files.readAllBytes(file);

      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
      FeatureExtractor.Result truncated = ex.extract(TestClips.oneSplit(provider.clips()), progress);
      assertFalse(truncated.cacheHit());
      assertTrue(log.toString().contains("is truncated"), log.toString());
      assertSameFeatures(original, truncated.features().get(Split.TRAIN));

      byte[] flipped = Files.readAllBytes(file);
      flipped[flipped.length - 50] ^= 0x10;
      Files.write(file, flipped);
      assertFalse(ex.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());
      assertTrue(log.toString().contains("checksum mismatch"), log.toString());
      assertTrue(ex.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit(), "rewritten whole");
      try (var files = Files.list(dir)) {
        assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left behind");
      }
    }
  }

  @Test
  void absurdCountsInACacheHeaderAreCorruptNotAnOutOfMemoryError() throws IOException {
    TestClips.Provider provider = new TestClips.Provider(6, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(provider, manager, TestClips.settings(dir, 4, 4), 1);
      FeatureSet original = ex.extract(TestClips.oneSplit(provider.clips()), progress).features().get(Split.TRAIN);
      Path file = new FeatureCache(dir).file(ex.key(Split.TRAIN, provider.clips()));
      byte[] good = Files.readAllBytes(file);
      // The clip count is the int before the first clip's key (a UTF: 2 length bytes, then "clip-0").
      int clipCount = indexOf(good, "clip-0") - 2 - 4;
      // A spec's channel count is the int after its modality name ("VISUAL").
      int channels = indexOf(good, "VISUAL") + "VISUAL".length();
      for (int offset : new int[] {clipCount, channels}) {
        byte[] absurd = good.clone();
        java.nio.ByteBuffer.wrap(absurd, offset, 4).putInt(0x7fffffff);
        Files.write(file, absurd);
        FeatureExtractor.Result r = ex.extract(TestClips.oneSplit(provider.clips()), progress);
        assertFalse(r.cacheHit(), "recomputed");
        assertTrue(log.toString().contains("more than the file's " + good.length + " bytes hold"), log.toString());
        assertSameFeatures(original, r.features().get(Split.TRAIN));
      }
    }
  }

  @Test
  void staleTempFilesOfKilledCacheWritesAreRemovedButNotFreshOnes() throws IOException {
    Path stale = dir.resolve("train-0123456789abcdef01234567123.tmp");
    Path fresh = dir.resolve("train-0123456789abcdef01234567456.tmp");
    Files.write(stale, new byte[0]);
    Files.write(fresh, new byte[0]);
    java.time.Instant start = java.time.Instant.now();
    Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(start.minusSeconds(3600)));
    Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(start.plusSeconds(1)));
    assertEquals(1, new FeatureCache(dir).removeStaleTemps(start));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(fresh), "a write that is still going (touched after the start) is left alone");
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i <= haystack.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle + " not found");
  }

  @Test
  void theSameSeedGivesTheSameFeatures() {
    TestClips.Provider provider = new TestClips.Provider(6, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureSet a = TestClips.extractor(provider, manager, TestClips.settings(dir.resolve("a"), 4, 4), 5)
          .extract(TestClips.oneSplit(provider.clips()), progress).features().get(Split.TRAIN);
      // Another cache folder and another batch size: computed afresh, and identical.
      FeatureSet b = TestClips.extractor(provider, manager, TestClips.settings(dir.resolve("b"), 4, 2), 5)
          .extract(TestClips.oneSplit(provider.clips()), progress).features().get(Split.TRAIN);
      assertSameFeatures(a, b);
      FeatureSet c = TestClips.extractor(provider, manager, TestClips.settings(dir.resolve("c"), 4, 4), 6)
          .extract(TestClips.oneSplit(provider.clips()), progress).features().get(Split.TRAIN);
      assertFalse(java.util.Arrays.equals(a.taps().get(3), c.taps().get(3)), "another seed, other random weights");
    }
  }

  @Test
  void keepMapsWritesTheMapsFileAtomically() throws IOException {
    TestClips.Provider provider = new TestClips.Provider(4, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureSettings keep = new FeatureSettings(dir, true, 2, 2, 4, new io.avnas.api.data.SplitRatios(0.6, 0.15, 0.1, 0.15));
      FeatureExtractor ex = TestClips.extractor(provider, manager, keep, 1);
      ex.extract(TestClips.oneSplit(provider.clips()), progress);
      Path maps = dir.resolve(ex.key(Split.TRAIN, provider.clips()).fileStem() + ".maps");
      // 4 clips x 2 frames x 16 channels x 4 x 4 layer2 positions x 4 bytes: the visual layer2 maps alone.
      assertTrue(Files.size(maps) > 4L * 2 * 16 * 4 * 4 * 4, "maps file of " + Files.size(maps) + " bytes");
    }
  }

  static void assertSameFeatures(FeatureSet a, FeatureSet b) {
    assertEquals(a.specs(), b.specs());
    assertEquals(a.clips(), b.clips());
    for (int i = 0; i < a.taps().size(); i++) {
      assertArrayEquals(a.taps().get(i), b.taps().get(i), 1e-6f, a.specs().get(i).name());
    }
  }

  static List<String> keys(List<ClipInfo> clips) {
    return clips.stream().map(ClipInfo::key).toList();
  }
}
