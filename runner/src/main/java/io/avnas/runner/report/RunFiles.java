package io.avnas.runner.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.avnas.runner.files.Json;
import io.avnas.runner.files.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of a run folder that the report reads ({@code results.json}, {@code metrics.jsonl},
 * {@code genotype.json}), each optional: a missing or unreadable file becomes a note in the report
 * rather than a failure.
 */
record RunFiles(
    Path runDir,
    Optional<RunResults> results,
    List<JsonObject> metrics,
    Optional<JsonObject> genotype,
    List<String> notes) {

  static final String RESULTS = RunResults.FILE;
  static final String METRICS = "metrics.jsonl";
  static final String GENOTYPE = "genotype.json";

  static RunFiles read(Path runDir) throws IOException {
    List<String> notes = new ArrayList<>();
    Optional<RunResults> results = readObject(runDir.resolve(RESULTS), notes).flatMap(RunResults::of);
    Optional<JsonObject> genotype = readObject(runDir.resolve(GENOTYPE), notes);
    List<JsonObject> metrics = readLines(runDir.resolve(METRICS), notes);
    return new RunFiles(runDir, results, List.copyOf(metrics), genotype, notes);
  }

  /** The metric lines of one stage ({@code search} or {@code retrain}), in file order. */
  List<JsonObject> stage(String stage) {
    return metrics.stream().filter(m -> stage.equals(Json.string(m, "stage").orElse(null))).toList();
  }

  private static Optional<JsonObject> readObject(Path file, List<String> notes) throws IOException {
    if (!Files.isRegularFile(file)) {
      notes.add(file.getFileName() + " is missing");
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      JsonElement element = JsonParser.parseString(text);
      if (element.isJsonObject()) {
        return Optional.of(element.getAsJsonObject());
      }
      notes.add(file.getFileName() + " is not a JSON object");
    } catch (JsonParseException e) {
      notes.add(file.getFileName() + " is not valid JSON: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static List<JsonObject> readLines(Path file, List<String> notes) throws IOException {
    List<JsonObject> lines = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      notes.add(file.getFileName() + " is missing");
      return lines;
    }
    List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < raw.size(); i++) {
      String line = raw.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonElement element = JsonParser.parseString(line);
        if (element.isJsonObject()) {
          lines.add(element.getAsJsonObject());
          continue;
        }
      } catch (JsonParseException e) {
        // Reported below: a run killed mid-write can leave a torn last line; the rest is still useful.
      }
      notes.add(file.getFileName() + " line " + (i + 1) + " is not a JSON object and was skipped");
    }
    return lines;
  }
}
