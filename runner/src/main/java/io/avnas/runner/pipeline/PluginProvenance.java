package io.avnas.runner.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avnas.runner.plugins.PluginOrigin;
import java.util.List;

/**
 * The {@code plugins} array of {@code provenance.json}: for each selected plugin, the block that
 * chose it, its kind, id and version, its module, the jar it was loaded from and that jar's
 * SHA-256, so a result can be traced to the exact build of a third-party estimator.
 */
final class PluginProvenance {
  private PluginProvenance() {}

  static JsonArray json(List<PluginOrigin> origins) {
    JsonArray array = new JsonArray();
    for (PluginOrigin o : origins) {
      JsonObject entry = new JsonObject();
      entry.addProperty("block", o.block());
      entry.addProperty("kind", o.kind());
      entry.addProperty("id", o.id());
      entry.addProperty("version", o.version());
      entry.addProperty("module", o.module());
      entry.addProperty("jar", o.path());
      entry.addProperty("sha256", o.sha256());
      array.add(entry);
    }
    return array;
  }
}
