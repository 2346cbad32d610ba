package io.avnas.runner.files;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A run folder's {@code results.json} (format {@value #FORMAT}): what {@code run} writes and what
 * the report, {@code compare} and {@code sweep} read. Fractions are in [0, 1]; a number the file
 * lacks (an older run, a value that was not finite) reads as NaN, and a JSON null is written for a
 * NaN, so {@link #read} of {@link #write} gives the same record.
 *
 * @param name the run's name ({@code avnas.run.name})
 * @param test the metrics on the test split, with the ROC curve and accuracy per category
 * @param cross per cross-dataset provider id (paper Table 3), without curves
 * @param params the retrained network's parameter count
 * @param seconds the time per stage
 * @param estimator the estimator block of genotype.json (id and its own options), as the plugin wrote it
 * @param seed {@code avnas.seed}
 * @param weights the weights each backbone ran with
 */
public record RunResults(String name, Metrics test, Map<String, Metrics> cross, double params, Seconds seconds,
    JsonObject estimator, long seed, List<Weights> weights) {

  /** The format this class writes; bumped when a field changes meaning. */
  public static final int FORMAT = 1;

  /** A run folder's results file name. */
  public static final String FILE = "results.json";

  public RunResults {
    cross = Collections.unmodifiableMap(new LinkedHashMap<>(cross));
    weights = List.copyOf(weights);
    estimator = estimator == null ? new JsonObject() : estimator.deepCopy();
  }

  /** Detection metrics on one set of clips. */
  public record Metrics(double auc, double acc, double eer, int n, List<RocPoint> roc, Map<String, Category> perCategory) {
    public Metrics {
      roc = List.copyOf(roc);
      perCategory = Collections.unmodifiableMap(new LinkedHashMap<>(perCategory));
    }

    /** No measurement: what a table shows for a provider a run was not evaluated on. */
    public static final Metrics NONE = new Metrics(Double.NaN, Double.NaN, Double.NaN, 0, List.of(), Map.of());

    /** The same numbers without the ROC curve and categories (what a cross-dataset entry keeps). */
    public Metrics summary() {
      return new Metrics(auc, acc, eer, n, List.of(), Map.of());
    }
  }

  /** One point of a ROC curve. */
  public record RocPoint(double fpr, double tpr) {}

  /** The clips of one category ({@code A}, {@code B}, ..., {@code lipsync}) and the accuracy on them. */
  public record Category(int n, double acc) {}

  /** Wall-clock seconds per stage; {@code total} is their sum as the run recorded it. */
  public record Seconds(double pretrain, double extract, double search, double retrain, double evaluate, double total) {
    public static Seconds of(double pretrain, double extract, double search, double retrain, double evaluate) {
      return new Seconds(pretrain, extract, search, retrain, evaluate, pretrain + extract + search + retrain + evaluate);
    }
  }

  /**
   * The weights one backbone ran with.
   *
   * @param modality {@code visual} or {@code audio}
   * @param source {@code configured} (the user's file), {@code random} (no file, pretraining off),
   *     {@code pretrained} (trained by this run) or {@code cache} (trained by an earlier run with the
   *     same key); results.json records {@link #asResult()}, provenance.json the source as it was
   * @param file the weights file, or null for random initialisation
   * @param key the weights-cache key, or null
   * @param epoch the pretrain epoch the file holds, or null
   * @param valAcc that epoch's VAL accuracy, or null
   */
  public record Weights(String modality, String source, String file, String key, Integer epoch, Double valAcc) {
    /**
     * As results.json records it: {@code cache} reads {@code pretrained}, so a resumed or repeated
     * run's results equal the first run's.
     */
    public Weights asResult() {
      return source.equals("cache") ? new Weights(modality, "pretrained", file, key, epoch, valAcc) : this;
    }

    public JsonObject json() {
      JsonObject o = new JsonObject();
      o.addProperty("modality", modality);
      o.addProperty("source", source);
      o.addProperty("file", file);
      o.addProperty("key", key);
      o.addProperty("epoch", epoch);
      o.addProperty("val_acc", valAcc);
      return o;
    }

    static Weights of(JsonObject o) {
      OptionalDouble epoch = Json.number(o, "epoch");
      OptionalDouble acc = Json.number(o, "val_acc");
      return new Weights(Json.string(o, "modality").orElse(null), Json.string(o, "source").orElse(null),
          Json.string(o, "file").orElse(null), Json.string(o, "key").orElse(null),
          epoch.isPresent() ? (int) epoch.getAsDouble() : null, acc.isPresent() ? acc.getAsDouble() : null);
    }
  }

  /** The file's JSON, in its field order. */
  public JsonObject toJson() {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("name", name);
    root.add("test", metricsJson(test, true));
    JsonObject crossJson = new JsonObject();
    cross.forEach((id, m) -> crossJson.add(id, metricsJson(m, false)));
    root.add("cross", crossJson);
    // A count: written as an integer, as every results.json has had it.
    root.add("params", Double.isFinite(params) ? new JsonPrimitive((long) params) : JsonNull.INSTANCE);
    JsonObject s = new JsonObject();
    s.add("pretrain", Json.num(seconds.pretrain()));
    s.add("extract", Json.num(seconds.extract()));
    s.add("search", Json.num(seconds.search()));
    s.add("retrain", Json.num(seconds.retrain()));
    s.add("evaluate", Json.num(seconds.evaluate()));
    s.add("total", Json.num(seconds.total()));
    root.add("seconds", s);
    root.add("estimator", estimator.deepCopy());
    root.addProperty("seed", seed);
    JsonArray w = new JsonArray();
    weights.forEach(x -> w.add(x.json()));
    root.add("weights", w);
    return root;
  }

  /** Writes {@code file} atomically. */
  public void write(Path file) {
    AtomicWrite.text(file, Json.PRETTY.toJson(toJson()) + "\n");
  }

  /**
   * Reads a run's results, or empty when the run has not finished: no file yet, a file that does not
   * parse (a run still writing it counts as unfinished), or one without a test AUC.
   */
  public static Optional<RunResults> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonElement element = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      return element.isJsonObject() ? of(element.getAsJsonObject()) : Optional.empty();
    } catch (JsonParseException e) {
      return Optional.empty();
    }
  }

  /** The record of a parsed results.json, or empty when it has no test AUC (not a finished run's). */
  public static Optional<RunResults> of(JsonObject root) {
    if (Json.number(root, "test.auc").isEmpty()) {
      return Optional.empty();
    }
    Map<String, Metrics> cross = new LinkedHashMap<>();
    Json.object(root, "cross").ifPresent(all -> all.entrySet().forEach(e -> {
      if (e.getValue().isJsonObject()) {
        cross.put(e.getKey(), metrics(e.getValue().getAsJsonObject()));
      }
    }));
    JsonObject s = Json.object(root, "seconds").orElseGet(JsonObject::new);
    Seconds seconds = new Seconds(nan(s, "pretrain"), nan(s, "extract"), nan(s, "search"), nan(s, "retrain"),
        nan(s, "evaluate"), nan(s, "total"));
    List<Weights> weights = new ArrayList<>();
    Json.element(root, "weights").filter(JsonElement::isJsonArray).ifPresent(a -> a.getAsJsonArray()
        .forEach(e -> weights.add(Weights.of(e.isJsonObject() ? e.getAsJsonObject() : new JsonObject()))));
    return Optional.of(new RunResults(Json.string(root, "name").orElse(""), metrics(root.getAsJsonObject("test")),
        cross, nan(root, "params"), seconds, Json.object(root, "estimator").orElseGet(JsonObject::new),
        (long) Json.number(root, "seed").orElse(0), weights));
  }

  /** Test AUC: the headline number of a comparison or sweep table. */
  public double auc() {
    return test.auc();
  }

  public double acc() {
    return test.acc();
  }

  public double eer() {
    return test.eer();
  }

  public double searchSeconds() {
    return seconds.search();
  }

  public double totalSeconds() {
    return seconds.total();
  }

  /** The estimator id the run used, or {@code ?} when the file does not say. */
  public String estimatorId() {
    return Json.string(estimator, "id").orElse("?");
  }

  private static JsonObject metricsJson(Metrics m, boolean full) {
    JsonObject o = new JsonObject();
    o.add("auc", Json.num(m.auc()));
    o.add("acc", Json.num(m.acc()));
    o.add("eer", Json.num(m.eer()));
    o.addProperty("n", m.n());
    if (full) {
      JsonArray roc = new JsonArray();
      for (RocPoint p : m.roc()) {
        JsonArray point = new JsonArray();
        point.add(p.fpr());
        point.add(p.tpr());
        roc.add(point);
      }
      o.add("roc", roc);
      JsonObject categories = new JsonObject();
      m.perCategory().forEach((name, c) -> {
        JsonObject co = new JsonObject();
        co.addProperty("n", c.n());
        co.add("acc", Json.num(c.acc()));
        categories.add(name, co);
      });
      o.add("per_category", categories);
    }
    return o;
  }

  private static Metrics metrics(JsonObject o) {
    List<RocPoint> roc = new ArrayList<>();
    Json.element(o, "roc").filter(JsonElement::isJsonArray).ifPresent(a -> a.getAsJsonArray().forEach(p -> {
      if (p.isJsonArray() && p.getAsJsonArray().size() == 2) {
        roc.add(new RocPoint(p.getAsJsonArray().get(0).getAsDouble(), p.getAsJsonArray().get(1).getAsDouble()));
      }
    }));
    Map<String, Category> categories = new LinkedHashMap<>();
    Json.object(o, "per_category").ifPresent(all -> all.entrySet().forEach(e -> {
      JsonObject c = e.getValue().isJsonObject() ? e.getValue().getAsJsonObject() : new JsonObject();
      categories.put(e.getKey(), new Category((int) Json.number(c, "n").orElse(0), nan(c, "acc")));
    }));
    return new Metrics(nan(o, "auc"), nan(o, "acc"), nan(o, "eer"), (int) Json.number(o, "n").orElse(0), roc, categories);
  }

  private static double nan(JsonObject o, String path) {
    return Json.number(o, path).orElse(Double.NaN);
  }
}
