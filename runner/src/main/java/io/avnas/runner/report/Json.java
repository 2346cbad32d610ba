package io.avnas.runner.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;

/** Null-safe reads from the run folder's JSON files, which may lack optional fields. */
public final class Json {
  private Json() {}

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

  /** A JSON value as display text: strings unquoted, numbers compact, anything else as JSON. */
  public static String text(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      return value.getAsString();
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      return Html.number(value.getAsDouble(), 6);
    }
    return value.toString();
  }
}
