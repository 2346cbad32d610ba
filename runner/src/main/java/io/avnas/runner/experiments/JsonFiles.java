package io.avnas.runner.experiments;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/** JSON output of the gathered tables. */
public final class JsonFiles {
  private JsonFiles() {}

  /** Pretty JSON text with a final newline. */
  public static String render(JsonObject root) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  /** Adds a number, or JSON null when it is NaN (absent from the run's results). */
  static void number(JsonObject into, String key, double value) {
    if (Double.isNaN(value)) {
      into.add(key, com.google.gson.JsonNull.INSTANCE);
    } else {
      into.addProperty(key, value);
    }
  }
}
