package io.avnas.datasets.av.synthetic;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The synthetic dataset. {@link #clips()} is planned once (categories, identities, lip-sync donors)
 * from the seed; {@link #load} then generates any clip from (seed, index) alone, so it is
 * random-access, thread-safe and bit-for-bit reproducible.
 */
public final class SyntheticDataset implements DatasetProvider {
  private static final String KEY_PREFIX = "synthetic/";

  private final SyntheticSettings settings;
  private final long seed;
  private final Category[] categories;
  private final int[] identities;
  private final int[] donors;
  private final List<ClipInfo> clips;
  private final Map<String, Integer> indexByKey;
  private final Map<Integer, Identity> identityCache = new ConcurrentHashMap<>();

  public SyntheticDataset(SyntheticSettings settings, long seed) {
    this.settings = settings;
    this.seed = seed;
    int n = settings.clips();
    SplittableRandom plan = Streams.of(seed, 0, Streams.PLAN);
    categories = assignCategories(settings, plan);
    identities = assignIdentities(n, settings.identities(), plan);
    donors = chooseDonors(categories, identities, plan);
    List<ClipInfo> infos = new ArrayList<>(n);
    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Category c = categories[i];
      String source = "synthetic seed=" + seed + " index=" + i + (c == Category.LIPSYNC ? " audio-from=" + key(donors[i]) : "");
      infos.add(new ClipInfo(key(i), c.fake(), c.id(), c.fakeVideo(), c.fakeAudio(),
          String.format(Locale.ROOT, "id%04d", identities[i]), source, null));
      byKey.put(key(i), i);
    }
    clips = List.copyOf(infos);
    indexByKey = Map.copyOf(byKey);
  }

  static String key(int index) {
    return String.format(Locale.ROOT, KEY_PREFIX + "%06d", index);
  }

  /** Exact category counts from the mix (largest remainder), in a seeded random order. */
  private static Category[] assignCategories(SyntheticSettings settings, SplittableRandom r) {
    int n = settings.clips();
    Category[] all = Category.values();
    double total = 0;
    for (Category c : all) {
      total += settings.mix().get(c);
    }
    int[] counts = new int[all.length];
    double[] remainders = new double[all.length];
    int assigned = 0;
    for (int k = 0; k < all.length; k++) {
      double exact = n * settings.mix().get(all[k]) / total;
      counts[k] = (int) Math.floor(exact);
      remainders[k] = exact - counts[k];
      assigned += counts[k];
    }
    while (assigned < n) {
      int best = 0;
      for (int k = 1; k < all.length; k++) {
        if (remainders[k] > remainders[best]) {
          best = k;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      assigned++;
    }
    List<Category> list = new ArrayList<>(n);
    for (int k = 0; k < all.length; k++) {
      for (int j = 0; j < counts[k]; j++) {
        list.add(all[k]);
      }
    }
    shuffle(list, r);
    return list.toArray(new Category[0]);
  }

  /** Identities spread evenly (round robin over a shuffled clip order), so each has a mix of categories. */
  private static int[] assignIdentities(int n, int identityCount, SplittableRandom r) {
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    shuffle(order, r);
    int[] identities = new int[n];
    for (int k = 0; k < n; k++) {
      identities[order.get(k)] = k % identityCount;
    }
    return identities;
  }

  /**
   * For each lip-sync clip, the clip whose clean audio it takes: preferably a clip of the same person
   * with genuine audio (A or C), else any other clip of that person, else any other clip.
   */
  private static int[] chooseDonors(Category[] categories, int[] identities, SplittableRandom r) {
    int n = categories.length;
    Map<Integer, List<Integer>> genuine = new HashMap<>();
    Map<Integer, List<Integer>> any = new HashMap<>();
    for (int i = 0; i < n; i++) {
      any.computeIfAbsent(identities[i], k -> new ArrayList<>()).add(i);
      if (categories[i] == Category.A || categories[i] == Category.C) {
        genuine.computeIfAbsent(identities[i], k -> new ArrayList<>()).add(i);
      }
    }
    int[] donors = new int[n];
    for (int i = 0; i < n; i++) {
      donors[i] = i;
      if (categories[i] != Category.LIPSYNC || n < 2) {
        continue; // a one-clip dataset has no other clip to take audio from
      }
      List<Integer> candidates = genuine.getOrDefault(identities[i], List.of());
      if (candidates.isEmpty()) {
        candidates = new ArrayList<>(any.get(identities[i]));
        candidates.remove(Integer.valueOf(i));
      }
      if (candidates.isEmpty()) {
        int other = r.nextInt(n - 1);
        donors[i] = other >= i ? other + 1 : other;
      } else {
        donors[i] = candidates.get(r.nextInt(candidates.size()));
      }
    }
    return donors;
  }

  private static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, r.nextInt(i + 1));
    }
  }

  @Override
  public List<ClipInfo> clips() {
    return clips;
  }

  @Override
  public Clip load(ClipInfo clip) throws ClipLoadException {
    Integer index = indexByKey.get(clip.key());
    if (index == null) {
      throw new ClipLoadException("no synthetic clip with key " + clip.key() + " (this dataset has " + clips.size() + " clips)");
    }
    return generate(index);
  }

  /** Generates clip {@code index}: a pure function of the settings, the seed and the index. */
  Clip generate(int index) {
    Category category = categories[index];
    SplittableRandom artefacts = Streams.of(seed, index, Streams.ARTEFACT);

    float[] audio = category == Category.LIPSYNC ? cleanAudio(donors[index]) : cleanAudio(index);
    if (category.fakeAudio()) {
      audio = AudioArtefacts.apply(audio, settings.artefactStrength(), artefacts);
    }

    float[] video = frames(index, category.fakeVideo() ? artefacts : null);
    return new Clip(clips.get(index), video, settings.frames(), settings.height(), settings.width(), audio, SyntheticSettings.SAMPLE_RATE);
  }

  /** What clip {@code index}'s camera recorded, plus the fake-video artefact when {@code artefacts} is given. */
  private float[] frames(int index, SplittableRandom artefacts) {
    Utterance utterance = Utterance.random(Streams.of(seed, index, Streams.UTTERANCE), settings.seconds());
    int frames = settings.frames();
    double[] mouth = new double[frames];
    for (int t = 0; t < frames; t++) {
      mouth[t] = utterance.envelope((t + 0.5) * settings.seconds() / frames);
    }
    VideoArtefact artefact = artefacts == null
        ? null
        : VideoArtefact.random(settings.artefactStrength(), frames, settings.height(), settings.width(), artefacts);
    return Face.render(identity(identities[index]), mouth, settings.height(), settings.width(), settings.seconds(),
        settings.videoNoise(), artefact, Streams.of(seed, index, Streams.VIDEO));
  }

  /** Clip {@code index}'s frames without any artefact (for tests of the artefacts). */
  float[] cleanFrames(int index) {
    return frames(index, null);
  }

  /** What clip {@code index}'s microphone recorded before any manipulation. */
  float[] cleanAudio(int index) {
    Utterance utterance = Utterance.random(Streams.of(seed, index, Streams.UTTERANCE), settings.seconds());
    return Voice.speak(identity(identities[index]), utterance, settings.samples(), settings.audioSnrDb(),
        Streams.of(seed, index, Streams.AUDIO_NOISE));
  }

  private Identity identity(int index) {
    return identityCache.computeIfAbsent(index, i -> Identity.of(seed, i));
  }

  @Override
  public String fingerprint() {
    return settings.fingerprint(seed);
  }

  public SyntheticSettings settings() {
    return settings;
  }
}
