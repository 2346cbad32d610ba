package io.avnas.runner.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.config.FeatureSettings;
import io.avnas.runner.progress.ProgressBar;
import io.avnas.runner.workspace.Shard;
import io.avnas.runner.workspace.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the frozen backbones over each split once and caches the pooled taps. Everything it depends
 * on is passed in, so tests can drive it with a small provider and hand-made inputs; {@link
 * FeatureExtraction} wires the configured plugins.
 */
public final class FeatureExtractor {

  /**
   * A frozen backbone and the config that built it (for the cache key).
   *
   * @param backbone the backbone
   * @param config its config block, rendered (including its id)
   */
  public record Frozen(Backbone backbone, String config) {
    String describe() {
      return config + " weights=" + backbone.weightsFingerprint() + " input=" + backbone.inputShape();
    }
  }

  /**
   * What one call produced.
   *
   * @param features per split
   * @param skipped per split, the clips that failed to load
   * @param cacheHit whether every split came from the cache
   * @param seconds wall time
   */
  public record Result(Map<Split, FeatureSet> features, Map<Split, List<ClipBatches.Skipped>> skipped, boolean cacheHit, double seconds) {
    public int skippedCount() {
      return skipped.values().stream().mapToInt(List::size).sum();
    }
  }

  private final DatasetProvider provider;
  private final String providerId;
  private final Frozen visual;
  private final Frozen audio;
  private final ClipInputs inputs;
  private final String preprocessing;
  private final FeatureSettings settings;
  private final NDManager manager;
  private final FeatureCache cache;
  /** The backbones' key parts, computed once: fingerprinting hashes every weight. */
  private final String visualKey;
  private final String audioKey;

  /**
   * @param preprocessing the preprocessing spec, rendered (for the cache key)
   * @param manager where the per-batch arrays are made (its device is the backbones' device)
   */
  public FeatureExtractor(DatasetProvider provider, String providerId, Frozen visual, Frozen audio, ClipInputs inputs,
      String preprocessing, FeatureSettings settings, NDManager manager) {
    this.provider = provider;
    this.providerId = providerId;
    this.visual = visual;
    this.audio = audio;
    this.inputs = inputs;
    this.preprocessing = preprocessing;
    this.settings = settings;
    this.manager = manager;
    this.cache = new FeatureCache(settings.cacheDir());
    this.visualKey = visual.describe();
    this.audioKey = audio.describe();
  }

  /** The features the search reads, in contract order: visual layer2..pooled, then audio. */
  public List<FeatureSpec> specs() {
    List<FeatureSpec> specs = new ArrayList<>();
    for (Frozen f : List.of(visual, audio)) {
      Backbone b = f.backbone();
      String prefix = b.modality().name().toLowerCase(java.util.Locale.ROOT) + ".";
      for (TapSpec tap : b.taps()) {
        int length = TapPooling.isMap(b.modality(), tap) ? settings.length() : 1;
        specs.add(new FeatureSpec(prefix + tap.name(), b.modality(), tap.channels(), length));
      }
    }
    return List.copyOf(specs);
  }

  /** The cache key of one split. */
  public CacheKey key(Split split, List<ClipInfo> clips) {
    return new CacheKey(providerId, provider.fingerprint(), split, CacheKey.keysOf(clips), visualKey, audioKey,
        preprocessing, settings.length(), settings.keepMaps());
  }

  /** Features of every split, from the cache where it holds them, computed (and cached) otherwise. */
  public Result extract(Map<Split, List<ClipInfo>> splits, PrintWriter progress) {
    return extract(splits, progress, Shard.ALL);
  }

  /**
   * As {@link #extract(Map, PrintWriter)}, for one shard: with {@code n > 1} only the clips of shard
   * {@code i} (every n-th, from i) are computed and cached as that shard's part of each split, and
   * the features returned are that part's. Unsharded, a split that is not cached whole is assembled
   * from the parts on disk, computing only the missing ones.
   */
  public Result extract(Map<Split, List<ClipInfo>> splits, PrintWriter progress, Shard shard) {
    if (shard.count() > 1 && settings.keepMaps()) {
      throw new UserError("--shard " + shard + " cannot keep the full maps (avnas.features.keep-maps = true); extract those unsharded");
    }
    long start = System.nanoTime();
    int stale = cache.removeStaleTemps(ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now()));
    if (stale > 0) {
      progress.printf("avnas: removed %d temporary file(s) that killed cache writes left in %s%n", stale, cache.dir());
    }
    Map<Split, FeatureSet> features = new EnumMap<>(Split.class);
    Map<Split, List<ClipBatches.Skipped>> skipped = new EnumMap<>(Split.class);
    boolean allHit = true;
    try (ClipBatches batches = new ClipBatches(provider, inputs, settings.threads())) {
      for (Map.Entry<Split, List<ClipInfo>> e : splits.entrySet()) {
        Split split = e.getKey();
        CacheKey key = key(split, e.getValue());
        List<String> why = new ArrayList<>();
        Optional<FeatureCache.Entry> cached = cache.read(key, why);
        FeatureCache.Entry entry;
        if (cached.isPresent()) {
          entry = cached.get();
          progress.printf("cache hit: %s, %d clips from %s%n", split, entry.features().size(), cache.file(key));
        } else if (shard.count() > 1) {
          why.forEach(w -> progress.println("avnas: warning: ignoring " + w));
          Part part = part(split, key, e.getValue(), shard, batches, progress);
          allHit &= part.cached();
          entry = part.entry();
        } else {
          why.forEach(w -> progress.println("avnas: warning: ignoring " + w));
          Optional<Integer> parts = settings.keepMaps() ? Optional.empty() : cache.partCounts(key).stream().findFirst();
          if (parts.isPresent()) {
            int n = parts.get();
            List<FeatureCache.Entry> pieces = new ArrayList<>();
            int computed = 0;
            for (int i = 0; i < n; i++) {
              Part part = part(split, key, e.getValue(), new Shard(i, n), batches, progress);
              computed += part.cached() ? 0 : 1;
              pieces.add(part.entry());
            }
            allHit &= computed == 0;
            entry = merge(e.getValue(), pieces);
            progress.printf("assembled %s from %d shard parts (%d cached, %d computed now)%n", split, n, n - computed, computed);
          } else {
            allHit = false;
            progress.printf("cache miss: %s, extracting %d clips%n", split, e.getValue().size());
            entry = compute(split, key, e.getValue(), batches, progress);
          }
          Path file = cache.write(key, entry);
          progress.printf("cached %s in %s%n", split, file);
        }
        if (!entry.skipped().isEmpty()) {
          if (cached.isPresent()) {
            // The clips were skipped when the cache was filled; name them again, not just their count.
            entry.skipped().forEach(s -> warnSkipped(progress, s, ""));
          }
          progress.printf("avnas: warning: %s: %d clip(s) skipped%n", split, entry.skipped().size());
        }
        features.put(split, entry.features());
        skipped.put(split, entry.skipped());
      }
    }
    progress.flush();
    return new Result(features, skipped, allHit, (System.nanoTime() - start) / 1e9);
  }

  /** One skipped clip, by key and source, with why; {@code lead} ends a progress bar line first. */
  private static void warnSkipped(PrintWriter progress, ClipBatches.Skipped s, String lead) {
    progress.printf("%savnas: warning: skipped clip %s (%s): %s%n", lead, s.clip().key(), s.clip().source(), s.reason());
  }

  /**
   * One shard's part of a split, from its part file or computed and written there.
   *
   * @param entry the part's features
   * @param cached whether it came from the cache
   */
  private record Part(FeatureCache.Entry entry, boolean cached) {}

  private Part part(Split split, CacheKey whole, List<ClipInfo> clips, Shard shard, ClipBatches batches, PrintWriter progress) {
    List<ClipInfo> mine = shard.slice(clips);
    CacheKey key = key(split, mine);
    Path file = cache.partFile(whole, shard);
    List<String> why = new ArrayList<>();
    Optional<FeatureCache.Entry> cached = cache.read(key, file, why);
    if (cached.isPresent()) {
      progress.printf("cache hit: %s shard %s, %d clips from %s%n", split, shard, cached.get().features().size(), file);
      return new Part(cached.get(), true);
    }
    why.forEach(w -> progress.println("avnas: warning: ignoring " + w));
    progress.printf("cache miss: %s shard %s, extracting %d of %d clips%n", split, shard, mine.size(), clips.size());
    FeatureCache.Entry entry = compute(split, key, mine, batches, progress);
    cache.write(key, file, entry);
    progress.printf("cached %s shard %s in %s%n", split, shard, file);
    return new Part(entry, false);
  }

  /**
   * The whole split from its n parts: clip r of the split is in part r mod n, in order, unless it was
   * skipped. Rows are copied back into the split's clip order, so the result equals an unsharded
   * extraction.
   */
  static FeatureCache.Entry merge(List<ClipInfo> clips, List<FeatureCache.Entry> parts) {
    int n = parts.size();
    List<FeatureSpec> specs = parts.get(0).features().specs();
    int total = parts.stream().mapToInt(p -> p.features().size()).sum();
    List<float[]> taps = new ArrayList<>();
    for (FeatureSpec s : specs) {
      taps.add(new float[Math.multiplyExact(total, s.channels() * s.length())]);
    }
    int[] cursor = new int[n];
    List<ClipInfo> kept = new ArrayList<>(total);
    for (int r = 0; r < clips.size(); r++) {
      FeatureSet part = parts.get(r % n).features();
      int row = cursor[r % n];
      if (row < part.size() && part.clips().get(row).key().equals(clips.get(r).key())) {
        for (int t = 0; t < specs.size(); t++) {
          int width = specs.get(t).channels() * specs.get(t).length();
          System.arraycopy(part.taps().get(t), row * width, taps.get(t), kept.size() * width, width);
        }
        kept.add(part.clips().get(row));
        cursor[r % n]++;
      }
    }
    List<ClipBatches.Skipped> skipped = new ArrayList<>();
    Map<String, Integer> order = new java.util.HashMap<>();
    for (int r = 0; r < clips.size(); r++) {
      order.put(clips.get(r).key(), r);
    }
    for (int p = 0; p < n; p++) {
      if (cursor[p] != parts.get(p).features().size()) {
        throw new IllegalStateException("shard part " + p + "/" + n + " does not match the split's clips");
      }
      skipped.addAll(parts.get(p).skipped());
    }
    skipped.sort(java.util.Comparator.comparingInt(s -> order.getOrDefault(s.clip().key(), Integer.MAX_VALUE)));
    return new FeatureCache.Entry(new FeatureSet(specs, taps, kept), skipped);
  }

  private FeatureCache.Entry compute(Split split, CacheKey key, List<ClipInfo> clips, ClipBatches batches, PrintWriter progress) {
    List<FeatureSpec> specs = specs();
    List<List<float[]>> parts = new ArrayList<>();
    specs.forEach(s -> parts.add(new ArrayList<>()));
    List<ClipInfo> kept = new ArrayList<>();
    List<ClipBatches.Skipped> skipped = new ArrayList<>();
    ProgressBar bar = new ProgressBar(progress, "extract " + split.name().toLowerCase(java.util.Locale.ROOT), clips.size(), "clips");
    try (MapsFile maps = settings.keepMaps() ? MapsFile.open(cache.dir(), key) : null) {
      batches.forEach(clips, settings.batchSize(), batch -> {
        for (ClipBatches.Skipped s : batch.skipped()) {
          warnSkipped(progress, s, "\n");
        }
        skipped.addAll(batch.skipped());
        if (batch.size() > 0) {
          runBatch(batch, parts, maps);
          kept.addAll(batch.clips());
        }
        bar.step(batch.size() + batch.skipped().size());
      });
      if (maps != null) {
        maps.commit();
      }
    }
    bar.finish();
    List<float[]> taps = new ArrayList<>();
    parts.forEach(p -> taps.add(ClipBatches.concat(p)));
    return new FeatureCache.Entry(new FeatureSet(specs, taps, kept), skipped);
  }

  private void runBatch(ClipBatches.Batch batch, List<List<float[]>> parts, MapsFile maps) {
    // Every array of this batch (inputs, taps, pooled) is closed with the scope: the live count stays flat.
    try (NDScope scope = new NDScope()) {
      int b = batch.size();
      int at = 0;
      for (Backbone backbone : List.of(visual.backbone(), audio.backbone())) {
        float[] values = backbone.modality() == Modality.VISUAL ? batch.visual() : batch.audio();
        NDArray input = manager.create(values, new Shape(b).addAll(backbone.inputShape()));
        NDList taps = backbone.forward(input);
        if (maps != null) {
          maps.append(taps);
        }
        for (int i = 0; i < taps.size(); i++) {
          TapSpec spec = backbone.taps().get(i);
          parts.get(at++).add(TapPooling.pool(taps.get(i), backbone.modality(), spec, settings.length()).toFloatArray());
        }
      }
      scope.suppressNotUsedWarning();
    }
  }
}
