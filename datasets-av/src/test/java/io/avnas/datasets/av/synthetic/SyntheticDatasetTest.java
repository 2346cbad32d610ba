package io.avnas.datasets.av.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

  static SyntheticSettings settings(int clips, int identities, double difficulty, double a, double b, double c, double d, double lipsync) {
    Map<Category, Double> mix = new EnumMap<>(Category.class);
    mix.put(Category.A, a);
    mix.put(Category.B, b);
    mix.put(Category.C, c);
    mix.put(Category.D, d);
    mix.put(Category.LIPSYNC, lipsync);
    return new SyntheticSettings(clips, identities, 6, 24, 20, 0.5, difficulty, mix);
  }

  static SyntheticSettings small() {
    return settings(40, 8, 0.5, 0.4, 0.15, 0.15, 0.15, 0.15);
  }

  @Test
  void sameSeedGivesBitwiseIdenticalClipsInAnyOrderAndFromAnyThread() throws Exception {
    SyntheticDataset first = new SyntheticDataset(small(), 3);
    SyntheticDataset second = new SyntheticDataset(small(), 3);
    assertEquals(first.clips(), second.clips());
    assertEquals(first.fingerprint(), second.fingerprint());
    // Load the second dataset backwards and in parallel: a clip depends on (seed, index) only.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<ClipInfo> reversed = new java.util.ArrayList<>(second.clips());
      java.util.Collections.reverse(reversed);
      Map<String, Future<Clip>> parallel = new HashMap<>();
      for (ClipInfo info : reversed) {
        parallel.put(info.key(), pool.submit(() -> second.load(info)));
      }
      for (ClipInfo info : first.clips()) {
        Clip a = first.load(info);
        Clip b = parallel.get(info.key()).get();
        assertArrayEquals(a.frames(), b.frames(), info.key());
        assertArrayEquals(a.waveform(), b.waveform(), info.key());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void differentSeedGivesDifferentClipsAndFingerprint() throws ClipLoadException {
    SyntheticDataset a = new SyntheticDataset(small(), 3);
    SyntheticDataset b = new SyntheticDataset(small(), 4);
    assertNotEquals(a.fingerprint(), b.fingerprint());
    assertFalse(Arrays.equals(a.load(a.clips().get(0)).waveform(), b.load(b.clips().get(0)).waveform()));
    assertFalse(Arrays.equals(a.load(a.clips().get(0)).frames(), b.load(b.clips().get(0)).frames()));
    assertNotEquals(a.fingerprint(), new SyntheticDataset(settings(40, 8, 0.6, 0.4, 0.15, 0.15, 0.15, 0.15), 3).fingerprint());
  }

  @Test
  void categoriesAndIdentitiesAreAsConfigured() throws ClipLoadException {
    SyntheticDataset dataset = new SyntheticDataset(settings(200, 20, 0.5, 0.4, 0.15, 0.15, 0.15, 0.15), 11);
    Map<String, Integer> categories = new HashMap<>();
    Map<String, Integer> identities = new HashMap<>();
    for (ClipInfo info : dataset.clips()) {
      categories.merge(info.category(), 1, Integer::sum);
      identities.merge(info.identity(), 1, Integer::sum);
      Category category = info.category().equals("lipsync") ? Category.LIPSYNC : Category.valueOf(info.category());
      assertEquals(category.fake(), info.fake());
      assertEquals(category.fakeAudio(), info.fakeAudio());
      assertEquals(category.fakeVideo(), info.fakeVideo());
      assertEquals(null, info.presetSplit());
    }
    assertEquals(Map.of("A", 80, "B", 30, "C", 30, "D", 30, "lipsync", 30), categories);
    assertEquals(20, identities.size());
    identities.values().forEach(n -> assertEquals(10, n));
    assertEquals("synthetic/000007", dataset.clips().get(7).key());

    Clip clip = dataset.load(dataset.clips().get(0));
    assertEquals(6, clip.frameCount());
    assertEquals(24, clip.height());
    assertEquals(20, clip.width());
    assertEquals(8000, clip.waveform().length);
    assertEquals(16_000, clip.sampleRate());
    for (float v : clip.frames()) {
      assertTrue(v >= 0 && v <= 1);
    }
    for (float v : clip.waveform()) {
      assertTrue(v >= -1 && v <= 1);
    }
  }

  @Test
  void lipSyncAudioIsTheCleanAudioOfAnotherClipOfTheSamePerson() throws ClipLoadException {
    SyntheticDataset dataset = new SyntheticDataset(settings(120, 10, 0.5, 0.5, 0, 0.2, 0, 0.3), 5);
    Map<String, ClipInfo> byKey = new HashMap<>();
    dataset.clips().forEach(c -> byKey.put(c.key(), c));
    int checked = 0;
    for (ClipInfo info : dataset.clips()) {
      if (!info.category().equals("lipsync")) {
        continue;
      }
      String donorKey = info.source().substring(info.source().indexOf("audio-from=") + "audio-from=".length());
      ClipInfo donor = byKey.get(donorKey);
      assertNotEquals(info.key(), donorKey);
      assertEquals(info.identity(), donor.identity());
      assertTrue(donor.category().equals("A") || donor.category().equals("C"), donor.category());
      Clip fake = dataset.load(info);
      assertArrayEquals(dataset.load(donor).waveform(), fake.waveform(), info.key() + " takes the audio of " + donorKey);
      int index = Integer.parseInt(info.key().substring("synthetic/".length()));
      assertFalse(Arrays.equals(dataset.cleanAudio(index), fake.waveform()), "not its own audio");
      checked++;
    }
    assertEquals(36, checked);
  }

  @Test
  void difficultyWeakensTheArtefacts() {
    // The same B and C clips at two difficulties: the fake audio departs less from the clean audio,
    // relative to it, and the fake frames less from a clean rendering, when the difficulty is higher.
    double[] audioChange = new double[2];
    double[] videoChange = new double[2];
    double[] difficulties = {0.1, 0.9};
    for (int k = 0; k < 2; k++) {
      SyntheticDataset dataset = new SyntheticDataset(settings(60, 6, difficulties[k], 0.2, 0.4, 0.4, 0, 0), 8);
      for (int i = 0; i < 60; i++) {
        Clip clip = dataset.generate(i);
        if (clip.info().fakeAudio()) {
          float[] clean = dataset.cleanAudio(i);
          audioChange[k] += distance(clip.waveform(), clean) / norm(clean);
        }
        if (clip.info().fakeVideo()) {
          videoChange[k] += distance(clip.frames(), dataset.cleanFrames(i)) / Math.sqrt(clip.frames().length);
        }
      }
    }
    System.out.println("artefact size at difficulty 0.1 and 0.9: audio " + Arrays.toString(audioChange) + ", video " + Arrays.toString(videoChange));
    assertTrue(audioChange[0] > 1.5 * audioChange[1], Arrays.toString(audioChange));
    assertTrue(videoChange[0] > 1.5 * videoChange[1], Arrays.toString(videoChange));
  }

  @Test
  void unknownKeysFailWithTheKey() {
    SyntheticDataset dataset = new SyntheticDataset(small(), 3);
    ClipInfo stranger = new ClipInfo("elsewhere/1", false, "A", false, false, "x", "y", null);
    ClipLoadException e = assertThrows(ClipLoadException.class, () -> dataset.load(stranger));
    assertTrue(e.getMessage().contains("elsewhere/1"));
  }

  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private static double norm(float[] a) {
    return distance(a, new float[a.length]);
  }
}
