package io.avnas.runner.experiments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.avnas.runner.files.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The numbers a table needs from a finished run's {@code results.json} (fractions in [0,1] as in
 * the file). Absent optional numbers are NaN.
 */
public record RunResult(
    Path file, String estimator, double auc, double acc, double eer, double params,
    double searchSeconds, double totalSeconds, Map<String, Cross> cross) {

  /** Results on another dataset provider (paper Table 3), keyed by provider id in results.json. */
  public record Cross(double auc, double acc, double eer) {}

  public RunResult {
    cross = Collections.unmodifiableMap(new LinkedHashMap<>(cross));
  }

  /** A run folder's results file name. */
  public static final String FILE = "results.json";

  /**
   * Reads a run's results, or empty when the run has not finished (no file yet, or a file that does
   * not parse: a run that is still writing it counts as unfinished).
   */
  public static Optional<RunResult> read(Path resultsFile) throws IOException {
    if (!Files.isRegularFile(resultsFile)) {
      return Optional.empty();
    }
    JsonObject root;
    try {
      var element = JsonParser.parseString(Files.readString(resultsFile, StandardCharsets.UTF_8));
      if (!element.isJsonObject()) {
        return Optional.empty();
      }
      root = element.getAsJsonObject();
    } catch (JsonParseException e) {
      return Optional.empty();
    }
    if (Json.number(root, "test.auc").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RunResult(
        resultsFile,
        Json.string(root, "estimator.id").orElse("?"),
        nan(Json.number(root, "test.auc")),
        nan(Json.number(root, "test.acc")),
        nan(Json.number(root, "test.eer")),
        nan(Json.number(root, "params")),
        nan(Json.number(root, "seconds.search")),
        nan(Json.number(root, "seconds.total")),
        cross(root)));
  }

  private static Map<String, Cross> cross(JsonObject root) {
    Map<String, Cross> cross = new LinkedHashMap<>();
    Json.object(root, "cross").ifPresent(all -> all.entrySet().forEach(e -> {
      if (e.getValue().isJsonObject()) {
        JsonObject c = e.getValue().getAsJsonObject();
        cross.put(e.getKey(), new Cross(nan(Json.number(c, "auc")), nan(Json.number(c, "acc")), nan(Json.number(c, "eer"))));
      }
    }));
    return cross;
  }

  private static double nan(OptionalDouble value) {
    return value.orElse(Double.NaN);
  }
}
