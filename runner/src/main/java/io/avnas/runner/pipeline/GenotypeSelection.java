package io.avnas.runner.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.avnas.runner.config.SearchSettings;
import io.avnas.runner.files.Json;
import java.util.List;
import java.util.Optional;

/**
 * {@code avnas.search.select}: which search epoch's genotype the run keeps, chosen from the search
 * lines of {@code metrics.jsonl} (each carries the genotype derived at the end of its epoch, so the
 * choice survives a resume exactly as the lines do).
 *
 * <p>{@code best-dev} (BM-NAS): the epoch with the highest {@code dev_acc}; ties go to the lower
 * {@code dev_loss}, then to the earlier epoch. Warm-up epochs (architecture frozen, so their genotype
 * is the argmax of the initial tables) are candidates only when every epoch was a warm-up epoch.
 * {@code last}: the last epoch.
 */
final class GenotypeSelection {
  /** The key of the choice in genotype.json. */
  static final String KEY = "selected";

  /** The chosen epoch (1-based) and its metric line. */
  record Choice(String rule, int epoch, double devAcc, JsonObject line) {
    /** The genotype the line recorded, if it recorded one (lines written before selection existed did not). */
    Optional<JsonObject> genotype() {
      JsonElement g = line.get("genotype");
      return g != null && g.isJsonObject() ? Optional.of(g.getAsJsonObject()) : Optional.empty();
    }

    /** {@code {"rule": ..., "epoch": N, "dev_acc": x}} as written into genotype.json. */
    JsonObject json() {
      JsonObject o = new JsonObject();
      o.addProperty("rule", rule);
      o.addProperty("epoch", epoch);
      o.add("dev_acc", Json.num(devAcc));
      return o;
    }
  }

  private GenotypeSelection() {}

  /**
   * @param searchLines the search stage's metric lines, in epoch order (at least one)
   * @param warmupEpochs {@code avnas.search.warmup-epochs}
   */
  static Choice choose(String rule, List<JsonObject> searchLines, int warmupEpochs) {
    if (searchLines.isEmpty()) {
      throw new IllegalArgumentException("no search epoch to select from");
    }
    JsonObject last = searchLines.get(searchLines.size() - 1);
    if (rule.equals(SearchSettings.LAST)) {
      return new Choice(rule, epoch(last), number(last, "dev_acc"), last);
    }
    if (!rule.equals(SearchSettings.BEST_DEV)) {
      throw new IllegalArgumentException("unknown selection rule " + rule);
    }
    boolean anySearched = searchLines.stream().anyMatch(l -> epoch(l) > warmupEpochs);
    JsonObject best = null;
    for (JsonObject line : searchLines) {
      if (anySearched && epoch(line) <= warmupEpochs) {
        continue;
      }
      if (best == null || better(line, best)) {
        best = line;
      }
    }
    return new Choice(rule, epoch(best), number(best, "dev_acc"), best);
  }

  /** Higher dev accuracy wins; at equal accuracy the lower dev loss; an exact tie keeps the earlier epoch. */
  private static boolean better(JsonObject line, JsonObject best) {
    double acc = orWorst(number(line, "dev_acc"), -1);
    double bestAcc = orWorst(number(best, "dev_acc"), -1);
    if (acc != bestAcc) {
      return acc > bestAcc;
    }
    return orWorst(number(line, "dev_loss"), Double.POSITIVE_INFINITY)
        < orWorst(number(best, "dev_loss"), Double.POSITIVE_INFINITY);
  }

  private static double orWorst(double value, double worst) {
    return Double.isNaN(value) ? worst : value;
  }

  private static int epoch(JsonObject line) {
    return line.get("epoch").getAsInt();
  }

  private static double number(JsonObject line, String key) {
    JsonElement e = line.get(key);
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }
}
