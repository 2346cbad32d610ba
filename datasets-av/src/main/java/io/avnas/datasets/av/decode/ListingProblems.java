package io.avnas.datasets.av.decode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Odd entries met while listing a dataset (a malformed CSV row, a file name that does not follow
 * the pattern, a listed file that is missing). Listing never stops for them: they are counted by
 * kind and logged once per kind with a few examples, so a tree of thousands of files with a
 * handful of oddities gives a handful of lines.
 */
public final class ListingProblems {
  private static final int EXAMPLES = 3;

  private final Map<String, List<String>> byKind = new LinkedHashMap<>();

  /**
   * @param kind what is wrong, e.g. "rows with fewer than 10 fields (skipped)"
   * @param example where, e.g. "meta_data.csv line 12"
   */
  public void add(String kind, String example) {
    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(example);
  }

  /** How many problems of this kind were met. */
  public int count(String kind) {
    return byKind.getOrDefault(kind, List.of()).size();
  }

  /** Problems by kind, with every example. */
  public Map<String, List<String>> all() {
    return byKind;
  }

  /** Logs one warning per kind: the count and the first few examples. */
  public void log(Logger log, String dataset) {
    for (Map.Entry<String, List<String>> entry : byKind.entrySet()) {
      List<String> examples = entry.getValue();
      log.warn("{}: {} {}, e.g. {}{}", dataset, examples.size(), entry.getKey(),
          String.join("; ", examples.subList(0, Math.min(EXAMPLES, examples.size()))),
          examples.size() > EXAMPLES ? "; ..." : "");
    }
  }
}
