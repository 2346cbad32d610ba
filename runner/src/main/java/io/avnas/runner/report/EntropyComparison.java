package io.avnas.runner.report;

import io.avnas.runner.files.AtomicWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paper Fig. 2: the search entropy of one architecture table (alpha, beta or gamma) per epoch, one
 * line per estimator of a compare, read from each run's {@code metrics.jsonl}. With several seeds per
 * estimator the line is the mean over the seeds at each epoch and a shaded band spans their lowest
 * to highest value.
 */
public final class EntropyComparison {
  private EntropyComparison() {}

  /**
   * The (epoch, entropy) points of {@code table} in a run's search lines; empty when it logged none
   * (no metrics.jsonl yet).
   */
  public static List<double[]> series(Path runDir, String table) throws IOException {
    return RunFiles.read(runDir).series("search", "entropy." + table);
  }

  /**
   * Writes a PNG comparing the runs' entropy of {@code table} per search epoch.
   *
   * @param runs line label to the run folders of its seeds, in legend order
   * @return whether anything was plotted (false when no run has that entropy yet; no file is written)
   */
  public static boolean write(String table, Map<String, List<Path>> runs, Path png) throws IOException {
    List<Charts.Band> bands = new ArrayList<>();
    for (Map.Entry<String, List<Path>> line : runs.entrySet()) {
      // epoch -> the seeds' values at that epoch
      TreeMap<Double, List<Double>> byEpoch = new TreeMap<>();
      int seeds = 0;
      for (Path run : line.getValue()) {
        List<double[]> points = series(run, table);
        if (!points.isEmpty()) {
          seeds++;
        }
        points.forEach(p -> byEpoch.computeIfAbsent(p[0], e -> new ArrayList<>()).add(p[1]));
      }
      if (byEpoch.isEmpty()) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      byEpoch.forEach((epoch, values) -> {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        points.add(new double[] {epoch, mean, low, high});
      });
      String label = seeds > 1 ? line.getKey() + " (mean, range of " + seeds + " seeds)" : line.getKey();
      bands.add(new Charts.Band(label, points));
    }
    if (bands.isEmpty()) {
      return false;
    }
    AtomicWrite.bytes(png, Charts.bandChart("Entropy of " + table + " during search", "epoch", "entropy (nats)", bands));
    return true;
  }
}
