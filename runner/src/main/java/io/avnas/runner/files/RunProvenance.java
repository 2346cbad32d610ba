package io.avnas.runner.files;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A run folder's {@code provenance.json} (format {@value #FORMAT}), in the spirit of Tribuo's
 * {@code ModelProvenance}: what ran (avnas build, engine, device, threads, estimator mode), on what
 * (the dataset and its fingerprint, each plugin's id, version and origin, each backbone's weights
 * and their SHA-256), and when (first start, every resume). Written by {@code run}; a resume reads it
 * back and adds its time to {@code resumed}.
 *
 * @param seed {@code avnas.seed}; the RNGs are reseeded from (seed, stage, epoch) at every epoch start
 * @param threads libtorch intra-op threads per stage
 * @param estimator the estimator's id, tau, K, forward mode and its own options
 * @param dataset the dataset provider's id
 * @param datasetFingerprint what the provider says identifies its data (files, sizes, generator
 *     settings), or null where it was not asked
 * @param weights each backbone's weights, once the pretrain stage has run
 */
public record RunProvenance(String avnasVersion, String gitCommit, String started, long seed, String djlVersion,
    String engine, String libtorchVersion, String device, Map<String, Integer> threads, JsonObject estimator,
    String searchspace, String dataset, String datasetFingerprint, List<Plugin> plugins, String jvm, String os,
    String hostname, List<String> resumed, List<BackboneWeights> weights) {

  /** The format this class writes; bumped when a field changes meaning. */
  public static final int FORMAT = 1;

  /** A run folder's provenance file name. */
  public static final String FILE = "provenance.json";

  static final String SEED_RULE = "torch and Java RNG reseeded at every epoch start from (seed, stage, epoch)";

  public RunProvenance {
    threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
    estimator = estimator.deepCopy();
    plugins = List.copyOf(plugins);
    resumed = List.copyOf(resumed);
    weights = List.copyOf(weights);
  }

  /**
   * A selected plugin: the block that chose it, its kind, id and version, its module, the jar it
   * was loaded from (null for one on the module path of the build) and that jar's SHA-256.
   */
  public record Plugin(String block, String kind, String id, String version, String module, String jar,
      String sha256) {}

  /** The weights a backbone ran with, and the SHA-256 of that file (null for random initialisation). */
  public record BackboneWeights(RunResults.Weights used, String sha256) {}

  /** The same provenance with one more resume time. */
  public RunProvenance resumedAt(String time) {
    List<String> all = new ArrayList<>(resumed);
    all.add(time);
    return new RunProvenance(avnasVersion, gitCommit, started, seed, djlVersion, engine, libtorchVersion, device,
        threads, estimator, searchspace, dataset, datasetFingerprint, plugins, jvm, os, hostname, all, weights);
  }

  /** The same provenance naming the backbone weights the run used. */
  public RunProvenance withWeights(List<BackboneWeights> used) {
    return new RunProvenance(avnasVersion, gitCommit, started, seed, djlVersion, engine, libtorchVersion, device,
        threads, estimator, searchspace, dataset, datasetFingerprint, plugins, jvm, os, hostname, resumed, used);
  }

  /** The file's JSON, in its field order ({@code resumed} and {@code weights} only when there are any). */
  public JsonObject toJson() {
    JsonObject p = new JsonObject();
    p.addProperty("format", FORMAT);
    p.addProperty("avnas_version", avnasVersion);
    p.addProperty("git_commit", gitCommit);
    p.addProperty("started", started);
    JsonObject seeds = new JsonObject();
    seeds.addProperty("seed", seed);
    seeds.addProperty("rule", SEED_RULE);
    p.add("seeds", seeds);
    p.addProperty("djl_version", djlVersion);
    p.addProperty("engine", engine);
    p.addProperty("libtorch_version", libtorchVersion);
    p.addProperty("device", device);
    JsonObject t = new JsonObject();
    threads.forEach(t::addProperty);
    p.add("threads", t);
    p.add("estimator", estimator.deepCopy());
    p.addProperty("searchspace", searchspace);
    p.addProperty("dataset", dataset);
    p.addProperty("dataset_fingerprint", datasetFingerprint);
    JsonArray array = new JsonArray();
    for (Plugin o : plugins) {
      JsonObject entry = new JsonObject();
      entry.addProperty("block", o.block());
      entry.addProperty("kind", o.kind());
      entry.addProperty("id", o.id());
      entry.addProperty("version", o.version());
      entry.addProperty("module", o.module());
      entry.addProperty("jar", o.jar());
      entry.addProperty("sha256", o.sha256());
      array.add(entry);
    }
    p.add("plugins", array);
    p.addProperty("jvm", jvm);
    p.addProperty("os", os);
    p.addProperty("hostname", hostname);
    if (!resumed.isEmpty()) {
      JsonArray r = new JsonArray();
      resumed.forEach(r::add);
      p.add("resumed", r);
    }
    if (!weights.isEmpty()) {
      JsonArray w = new JsonArray();
      for (BackboneWeights b : weights) {
        JsonObject o = b.used().json();
        o.addProperty("sha256", b.sha256());
        w.add(o);
      }
      p.add("weights", w);
    }
    return p;
  }

  /** Writes {@code file} atomically. */
  public void write(Path file) {
    AtomicWrite.text(file, Json.PRETTY.toJson(toJson()) + "\n");
  }

  /** Reads a provenance file; a field it lacks (an older run's) reads as null or empty. */
  public static RunProvenance read(Path file) throws IOException {
    return of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
  }

  public static RunProvenance of(JsonObject p) {
    Map<String, Integer> threads = new LinkedHashMap<>();
    Json.object(p, "threads").ifPresent(t -> t.entrySet().forEach(e -> threads.put(e.getKey(), e.getValue().getAsInt())));
    List<Plugin> plugins = new ArrayList<>();
    array(p, "plugins").forEach(e -> {
      JsonObject o = e.getAsJsonObject();
      plugins.add(new Plugin(text(o, "block"), text(o, "kind"), text(o, "id"), text(o, "version"), text(o, "module"),
          text(o, "jar"), text(o, "sha256")));
    });
    List<String> resumed = new ArrayList<>();
    array(p, "resumed").forEach(e -> resumed.add(e.getAsString()));
    List<BackboneWeights> weights = new ArrayList<>();
    array(p, "weights").forEach(e -> weights.add(new BackboneWeights(RunResults.Weights.of(e.getAsJsonObject()),
        text(e.getAsJsonObject(), "sha256"))));
    OptionalDouble seed = Json.number(p, "seeds.seed");
    return new RunProvenance(text(p, "avnas_version"), text(p, "git_commit"), text(p, "started"),
        (long) seed.orElse(0), text(p, "djl_version"), text(p, "engine"), text(p, "libtorch_version"),
        text(p, "device"), threads, Json.object(p, "estimator").orElseGet(JsonObject::new), text(p, "searchspace"),
        text(p, "dataset"), text(p, "dataset_fingerprint"), plugins, text(p, "jvm"), text(p, "os"),
        text(p, "hostname"), resumed, weights);
  }

  private static String text(JsonObject o, String path) {
    return Json.string(o, path).orElse(null);
  }

  private static List<JsonElement> array(JsonObject o, String name) {
    JsonElement e = o.get(name);
    List<JsonElement> out = new ArrayList<>();
    if (e != null && e.isJsonArray()) {
      e.getAsJsonArray().forEach(out::add);
    }
    return out;
  }
}
