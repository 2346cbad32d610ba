package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.avnas.api.data.Split;
import io.avnas.runner.workspace.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code avnas extract --shard i/n}: each shard caches its part; an unsharded call assembles them. */
class ShardedExtractionTest {
  @TempDir Path dir;
  @TempDir Path reference;

  private final StringWriter log = new StringWriter();
  private final PrintWriter progress = new PrintWriter(log, true);

  @Test
  void shardsComputeTheirPartsAndALaterCallAssemblesThemWithoutDecoding() {
    // 11 clips, one unreadable, three shards of 4, 4 and 3 clips: the parts are uneven and one has a skip.
    TestClips.Provider provider = new TestClips.Provider(11, Set.of("clip-4"));
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(provider, manager, TestClips.settings(dir, 4, 3), 1);
      int[] expectedSizes = {4, 3, 3};
      for (int i = 0; i < 3; i++) {
        FeatureExtractor.Result r = ex.extract(TestClips.oneSplit(provider.clips()), progress, new Shard(i, 3));
        assertFalse(r.cacheHit());
        assertEquals(expectedSizes[i], r.features().get(Split.TRAIN).size(), "shard " + i + ": every third clip, less clip-4");
      }
      assertEquals(11, provider.loads.get(), "each clip decoded once over the three shards");
      assertTrue(log.toString().contains("cache miss: TRAIN shard 1/3, extracting 4 of 11 clips"), log.toString());

      // A shard run again is a hit on its own part.
      assertTrue(ex.extract(TestClips.oneSplit(provider.clips()), progress, new Shard(2, 3)).cacheHit());
      assertEquals(11, provider.loads.get());

      FeatureExtractor.Result whole = ex.extract(TestClips.oneSplit(provider.clips()), progress);
      assertEquals(11, provider.loads.get(), "assembling decodes nothing");
      assertTrue(whole.cacheHit(), "nothing was computed");
      assertTrue(log.toString().contains("assembled TRAIN from 3 shard parts (3 cached, 0 computed now)"), log.toString());
      assertEquals(1, whole.skippedCount());

      // The same as one unsharded extraction into another cache folder.
      TestClips.Provider fresh = new TestClips.Provider(11, Set.of("clip-4"));
      FeatureSet expected = TestClips.extractor(fresh, manager, TestClips.settings(reference, 4, 3), 1)
          .extract(TestClips.oneSplit(fresh.clips()), progress).features().get(Split.TRAIN);
      assertCloseFeatures(expected, whole.features().get(Split.TRAIN));

      // And now the whole split is cached: a plain hit.
      assertTrue(ex.extract(TestClips.oneSplit(provider.clips()), progress).cacheHit());
      assertTrue(log.toString().contains("cache hit: TRAIN, 10 clips"), log.toString());
    }
  }

  /**
   * Same clips in the same order, and the same values up to float rounding: a shard runs the backbone
   * on other batches than the whole split does, and oneDNN's convolution rounds differently per batch
   * size (about 1e-7 relative). 1e-5 relative still fails on any row placed wrongly (rows differ at
   * order 1).
   */
  static void assertCloseFeatures(FeatureSet expected, FeatureSet actual) {
    assertEquals(expected.specs(), actual.specs());
    assertEquals(expected.clips(), actual.clips());
    for (int t = 0; t < expected.taps().size(); t++) {
      float[] a = expected.taps().get(t);
      float[] b = actual.taps().get(t);
      assertEquals(a.length, b.length);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), expected.specs().get(t).name() + " at " + i);
      }
    }
  }

  @Test
  void aMissingPartIsComputedWhenTheSplitIsAssembled() throws IOException {
    TestClips.Provider provider = new TestClips.Provider(8, Set.of());
    try (NDManager manager = NDManager.newBaseManager()) {
      FeatureExtractor ex = TestClips.extractor(provider, manager, TestClips.settings(dir, 4, 4), 1);
      ex.extract(TestClips.oneSplit(provider.clips()), progress, new Shard(0, 2));
      assertEquals(4, provider.loads.get());
      FeatureExtractor.Result whole = ex.extract(TestClips.oneSplit(provider.clips()), progress);
      assertFalse(whole.cacheHit());
      assertEquals(8, provider.loads.get(), "only shard 1's four clips were decoded");
      assertEquals(8, whole.features().get(Split.TRAIN).size());
      assertTrue(log.toString().contains("assembled TRAIN from 2 shard parts (1 cached, 1 computed now)"), log.toString());
      try (var files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(3, names.stream().filter(n -> n.endsWith(".features")).count(), "the whole file and two parts: " + names);
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".part-1-of-2.features")), names.toString());
      }
    }
  }
}
