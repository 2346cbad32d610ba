package io.avnas.runner.report;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Paper Fig. 2: the search entropy of one architecture table (alpha, beta or gamma) per epoch, one
 * line per run (e.g. per estimator of a compare), read from each run's {@code metrics.jsonl}.
 */
public final class EntropyComparison {
  private EntropyComparison() {}

  /**
   * Writes a PNG comparing the runs' entropy of {@code table} per search epoch.
   *
   * @param runs line label to run folder, in legend order
   * @return whether anything was plotted (false when no run has that entropy yet; no file is written)
   */
  public static boolean write(String table, Map<String, Path> runs, Path png) throws IOException {
    List<Charts.Series> series = new ArrayList<>();
    for (Map.Entry<String, Path> run : runs.entrySet()) {
      List<double[]> points = new ArrayList<>();
      List<JsonObject> search = RunFiles.read(run.getValue()).stage("search");
      for (int i = 0; i < search.size(); i++) {
        OptionalDouble value = Json.number(search.get(i), "entropy." + table);
        if (value.isPresent()) {
          points.add(new double[] {Json.number(search.get(i), "epoch").orElse(i + 1), value.getAsDouble()});
        }
      }
      if (!points.isEmpty()) {
        series.add(new Charts.Series(run.getKey(), points));
      }
    }
    if (series.isEmpty()) {
      return false;
    }
    AtomicWrite.bytes(png, Charts.lineChart("Entropy of " + table + " during search", "epoch", "entropy (nats)", series, false));
    return true;
  }
}
