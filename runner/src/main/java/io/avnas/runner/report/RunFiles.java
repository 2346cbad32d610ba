package io.avnas.runner.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.avnas.runner.files.MetricLine;
import io.avnas.runner.files.RunProvenance;
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
 * {@code genotype.json}, {@code provenance.json}), each optional: a missing or unreadable file
 * becomes a note in the report rather than a failure.
 */
record RunFiles(
    Path runDir,
    Optional<RunResults> results,
    List<MetricLine> metrics,
    Optional<JsonObject> genotype,
    Optional<RunProvenance> provenance,
    List<String> notes) {

  static final String RESULTS = RunResults.FILE;
  static final String METRICS = "metrics.jsonl";
  static final String GENOTYPE = "genotype.json";

  static RunFiles read(Path runDir) throws IOException {
    List<String> notes = new ArrayList<>();
    Optional<RunResults> results = readObject(runDir.resolve(RESULTS), notes).flatMap(RunResults::of);
    Optional<JsonObject> genotype = readObject(runDir.resolve(GENOTYPE), notes);
    List<MetricLine> metrics = readLines(runDir.resolve(METRICS), notes);
    Optional<RunProvenance> provenance = readObject(runDir.resolve(RunProvenance.FILE), notes).map(RunProvenance::of);
    return new RunFiles(runDir, results, List.copyOf(metrics), genotype, provenance, notes);
  }

  /** The metric lines of one stage ({@code search} or {@code retrain}), in file order. */
  List<MetricLine> stage(String stage) {
    return metrics.stream().filter(m -> m.stage().equals(stage)).toList();
  }

  /** The (epoch, value) points of {@code key} ({@code dev_loss}, {@code entropy.alpha}) in one stage's lines. */
  List<double[]> series(String stage, String key) {
    List<double[]> points = new ArrayList<>();
    for (MetricLine line : stage(stage)) {
      line.number(key).ifPresent(value -> points.add(new double[] {line.epoch(), value}));
    }
    return points;
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

  private static List<MetricLine> readLines(Path file, List<String> notes) throws IOException {
    List<MetricLine> lines = new ArrayList<>();
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
      // A run killed mid-write can leave a torn last line; the rest is still useful.
      Optional<MetricLine> parsed = MetricLine.parse(line);
      if (parsed.isPresent()) {
        lines.add(parsed.get());
      } else {
        notes.add(file.getFileName() + " line " + (i + 1) + (isObject(line) ? " has no stage or epoch"
            : " is not a JSON object") + " and was skipped");
      }
    }
    return lines;
  }

  private static boolean isObject(String line) {
    try {
      return JsonParser.parseString(line).isJsonObject();
    } catch (JsonParseException e) {
      return false;
    }
  }
}
