package io.avnas.runner.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/** Small JSON helpers: compact lines for metrics.jsonl, pretty files, NaN written as null. */
public final class Json {
  static final Gson COMPACT = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  static final Gson PRETTY = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();

  private Json() {}

  static JsonElement num(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
  }

  static JsonObject map(Map<String, Double> values) {
    JsonObject o = new JsonObject();
    values.forEach((k, v) -> o.add(k, num(v)));
    return o;
  }

  public static JsonObject parse(String text) {
    return COMPACT.fromJson(text, JsonObject.class);
  }
}
