package io.avnas.runner.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one JSON codec of the run files: compact lines for metrics.jsonl, pretty files, NaN written
 * as null, and null-safe reads of files that may lack optional fields.
 */
public final class Json {
  /** One line per object, nulls kept (metrics.jsonl, checkpoints). */
  public static final Gson COMPACT = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  /** Indented, nulls kept (results.json, genotype.json, provenance.json). */
  public static final Gson PRETTY = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();
  /** Indented, null members left out (compare.json, sweep.json). */
  private static final Gson PRETTY_WITHOUT_NULLS = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

  private Json() {}

  /** A number, or JSON null when it is NaN or infinite. */
  public static JsonElement num(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
  }

  /** Each value as {@link #num(double)}, in the map's order. */
  public static JsonObject map(Map<String, Double> values) {
    JsonObject o = new JsonObject();
    values.forEach((k, v) -> o.add(k, num(v)));
    return o;
  }

  public static JsonObject parse(String text) {
    return COMPACT.fromJson(text, JsonObject.class);
  }

  /** Pretty JSON text with a final newline, null members left out (the gathered tables). */
  public static String render(JsonObject root) {
    return PRETTY_WITHOUT_NULLS.toJson(root) + "\n";
  }

  /** The number at a dotted path ({@code test.auc}), if present and numeric. */
  public static OptionalDouble number(JsonObject root, String path) {
    return element(root, path)
        .filter(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())
        .map(e -> OptionalDouble.of(e.getAsDouble()))
        .orElse(OptionalDouble.empty());
  }

  /** The string at a dotted path, if present and a string. */
  public static Optional<String> string(JsonObject root, String path) {
    return element(root, path)
        .filter(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())
        .map(JsonElement::getAsString);
  }

  /** The object at a dotted path, if present and an object. */
  public static Optional<JsonObject> object(JsonObject root, String path) {
    return element(root, path).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
  }

  /** The element at a dotted path; JSON null counts as absent. */
  public static Optional<JsonElement> element(JsonObject root, String path) {
    JsonElement current = root;
    for (String part : path.split("\\.")) {
      if (current == null || !current.isJsonObject()) {
        return Optional.empty();
      }
      current = current.getAsJsonObject().get(part);
    }
    return current == null || current.isJsonNull() ? Optional.empty() : Optional.of(current);
  }
}
