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
        } else {
          allHit = false;
          why.forEach(w -> progress.println("avnas: warning: ignoring " + w));
          progress.printf("cache miss: %s, extracting %d clips%n", split, e.getValue().size());
          entry = compute(split, key, e.getValue(), batches, progress);
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
