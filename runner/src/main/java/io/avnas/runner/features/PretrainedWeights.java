package io.avnas.runner.features;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.typesafe.config.ConfigRenderOptions;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.DatasetProvider;
import io.avnas.api.data.Split;
import io.avnas.runner.config.PretrainSettings;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.files.RunResults;
import io.avnas.runner.workspace.UserError;
import io.avnas.runner.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pretrain stage of {@code run} ({@code avnas.pretrain.auto}): every backbone whose
 * {@code weights} is empty is first trained on its own modality (and, with {@code sync-weight > 0},
 * both jointly on audio-visual sync; {@link Pretrainer}), and the run
 * goes on with those weights. The weights are cached under
 * {@code <avnas.features.cache-dir>/weights/<key>/}, where the key hashes everything they depend on:
 * the backbone blocks, the dataset (provider id, its fingerprint and the TRAIN and VAL clip lists),
 * the preprocessing, the pretrain settings and the seed. A second run with the same inputs is a
 * cache hit and trains nothing.
 */
public final class PretrainedWeights {
  /** Bumped when the cached folder's layout or the training it holds changes meaning. */
  static final int FORMAT_VERSION = 1;
  static final String RECORD = "pretrain.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private PretrainedWeights() {}

  /**
   * The stage's outcome.
   *
   * @param workspace the workspace with each pretrained backbone's {@code weights} set
   * @param weights per modality, the weights used; {@code source} is {@code cache} for weights an
   *     earlier run trained (provenance.json keeps that; results.json reads it as {@code pretrained})
   * @param seconds the stage's wall time (near zero on a cache hit)
   */
  public record Prepared(Workspace workspace, List<RunResults.Weights> weights, double seconds) {
    public Prepared {
      weights = List.copyOf(weights);
    }
  }

  /** Runs the stage: pretrains (or finds in the cache) the backbones that have no weights. */
  public static Prepared prepare(Workspace workspace, PrintWriter progress) {
    long start = System.nanoTime();
    PretrainSettings settings = workspace.plan().pretrain();
    Plugins plugins = new Plugins(workspace);
    Set<Modality> missing = EnumSet.noneOf(Modality.class);
    for (Modality m : Modality.values()) {
      if (weightsOf(plugins.backboneBlock(m)).isEmpty()) {
        missing.add(m);
      }
    }
    if (!settings.auto() || missing.isEmpty()) {
      List<RunResults.Weights> used = new ArrayList<>();
      for (Modality m : Modality.values()) {
        String file = weightsOf(plugins.backboneBlock(m));
        used.add(new RunResults.Weights(name(m), file.isEmpty() ? "random" : "configured", file.isEmpty() ? null : file,
            null, null, null));
      }
      return new Prepared(workspace, used, 0);
    }
    String key = key(plugins, settings, missing);
    Path dir = workspace.plan().features().cacheDir().resolve("weights").resolve(key.substring(0, 24))
        .toAbsolutePath().normalize();
    JsonObject record = readRecord(dir, key);
    boolean hit = record != null;
    if (hit) {
      progress.println("avnas: pretrain: weights cache hit (" + dir + ")");
    } else {
      progress.println("avnas: pretrain: " + String.join(" and ", missing.stream().map(PretrainedWeights::name).toList())
          + " backbone without weights (avnas.pretrain.auto = true): training on its own modality"
          + (settings.sync() && missing.size() == Modality.values().length ? " and on audio-visual sync" : "") + " for "
          + settings.epochs() + " epoch(s) into " + dir);
      progress.flush();
      record = pretrainInto(workspace, settings, missing, dir, key, progress);
    }
    Workspace prepared = workspace;
    List<RunResults.Weights> used = new ArrayList<>();
    for (Modality m : Modality.values()) {
      ConfigBlock block = plugins.backboneBlock(m);
      if (!missing.contains(m)) {
        used.add(new RunResults.Weights(name(m), "configured", weightsOf(block), null, null, null));
        continue;
      }
      JsonObject entry = record.getAsJsonObject(name(m));
      Path file = dir.resolve(entry.get("file").getAsString());
      prepared = prepared.with(Plugins.path(m) + ".weights", file.toString());
      used.add(new RunResults.Weights(name(m), hit ? "cache" : "pretrained", file.toString(), key,
          entry.get("epoch").getAsInt(),
          entry.get("val_acc").isJsonNull() ? null : entry.get("val_acc").getAsDouble()));
    }
    return new Prepared(prepared, used, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The weights-cache key of the given backbones: SHA-256 of the format version, each pretrained
   * backbone's block without its {@code weights}, the dataset's identity and split clip lists, the
   * preprocessing, the pretrain settings and the seed.
   */
  static String key(Plugins plugins, PretrainSettings settings, Set<Modality> modalities) {
    List<String> parts = new ArrayList<>();
    parts.add("pretrain-format=" + FORMAT_VERSION);
    for (Modality m : modalities) {
      parts.add(name(m) + "=" + plugins.backboneBlock(m).config().withoutPath("weights").root()
          .render(ConfigRenderOptions.concise()));
    }
    parts.add("dataset=" + plugins.datasetId());
    try (DatasetProvider provider = plugins.openDataset()) {
      parts.add("fingerprint=" + provider.fingerprint());
      Map<Split, List<ClipInfo>> splits = plugins.splits(provider);
      for (Split split : List.of(Split.TRAIN, Split.VAL)) {
        List<String> clips = CacheKey.keysOf(splits.getOrDefault(split, List.of()));
        parts.add(split.name() + "=" + clips.size());
        parts.addAll(clips);
      }
    }
    parts.add("preprocess=" + plugins.preprocessing());
    // The sync objective needs both backbones in training; for one, it is left out and does not count.
    parts.add("pretrain=" + (modalities.size() == Modality.values().length ? settings : settings.withoutSync()).keyPart());
    parts.add("seed=" + plugins.seed());
    return CacheKey.sha256(parts);
  }

  private static JsonObject pretrainInto(Workspace workspace, PretrainSettings settings, Set<Modality> modalities,
      Path dir, String key, PrintWriter progress) {
    Path parent = dir.getParent();
    Path staging;
    try {
      Files.createDirectories(parent);
      staging = Files.createTempDirectory(parent, dir.getFileName() + ".tmp-");
    } catch (IOException e) {
      throw new UserError("cannot create the weights cache folder " + parent + " (" + e.getMessage()
          + "); check avnas.features.cache-dir and the free disk space", e);
    }
    try {
      Map<Modality, Pretrainer.Written> written = Pretrainer.run(workspace, settings.withOutDir(staging), modalities, progress);
      JsonObject record = new JsonObject();
      record.addProperty("format", FORMAT_VERSION);
      record.addProperty("key", key);
      for (Map.Entry<Modality, Pretrainer.Written> e : written.entrySet()) {
        Pretrainer.Written w = e.getValue();
        JsonObject entry = new JsonObject();
        entry.addProperty("file", w.file().getFileName().toString());
        entry.addProperty("epoch", w.epoch());
        entry.addProperty("val_acc", Double.isNaN(w.valAccuracy()) ? null : w.valAccuracy());
        record.add(name(e.getKey()), entry);
      }
      AtomicWrite.text(staging.resolve(RECORD), GSON.toJson(record) + "\n");
      if (Files.exists(dir) && readRecord(dir, key) == null) {
        // A damaged or incomplete earlier result under this key: replaced by the fresh one.
        deleteQuietly(dir);
      }
      try {
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
        // Another process finished the same key first; its weights are the same training.
        JsonObject theirs = readRecord(dir, key);
        if (theirs == null) {
          throw new UserError("the weights cache folder " + dir + " exists but is not a complete pretrain result; delete it and run again");
        }
        return theirs;
      } catch (AtomicMoveNotSupportedException e) {
        throw new UserError("cannot move " + staging + " to " + dir + " atomically; put avnas.features.cache-dir on a local file system", e);
      }
      return record;
    } catch (IOException e) {
      throw new UserError("cannot write the pretrained weights to " + staging + " (" + e.getMessage()
          + "); check the free disk space under avnas.features.cache-dir", e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /** The cached record when {@code dir} holds a complete result for {@code key}, else null. */
  private static JsonObject readRecord(Path dir, String key) {
    Path file = dir.resolve(RECORD);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonObject record = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
      if (record == null || !record.has("key") || !key.equals(record.get("key").getAsString())) {
        return null;
      }
      for (String modality : record.keySet()) {
        if (record.get(modality).isJsonObject()
            && !Files.isRegularFile(dir.resolve(record.getAsJsonObject(modality).get("file").getAsString()))) {
          return null;
        }
      }
      return record;
    } catch (IOException | RuntimeException e) {
      // A damaged record is a miss: the weights are trained again into a fresh folder.
      return null;
    }
  }

  private static String weightsOf(ConfigBlock backbone) {
    return backbone.has("weights") ? backbone.config().getString("weights") : "";
  }

  private static String name(Modality m) {
    return m.name().toLowerCase(Locale.ROOT);
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // A leftover temp folder is harmless: its name never matches a key.
        }
      });
    } catch (IOException ignored) {
      // As above.
    }
  }
}
