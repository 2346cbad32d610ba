package io.avnas.runner.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One deterministic slice of a list of runs: shard {@code index} of {@code count}, 0-based (so a
 * Slurm array {@code --array=0-(n-1)} or a Kubernetes indexed Job's completion index can be used
 * as is). Runs are dealt round-robin (run {@code r} belongs to shard {@code r mod count}), which
 * spreads the expensive large-K cells over the shards instead of giving them all to the last one.
 */
public record Shard(int index, int count) {
  private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

  /** All runs in one shard. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1) {
      throw new UserError("--shard " + index + "/" + count + ": the shard count n must be at least 1");
    }
    if (index < 0 || index >= count) {
      throw new UserError("--shard " + index + "/" + count + ": the shard index i is 0-based and must satisfy"
          + " 0 <= i < n (here 0.." + (count - 1) + ")");
    }
  }

  /** Parses {@code i/n}, e.g. {@code 0/4}. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new UserError("--shard " + text + ": expected i/n with 0-based i, e.g. --shard 0/4 for the first of four shards");
    }
    try {
      return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw new UserError("--shard " + text + ": i and n must be small non-negative integers", e);
    }
  }

  /** Whether run number {@code run} (0-based, in plan order) belongs to this shard. */
  public boolean owns(int run) {
    return run % count == index;
  }

  /** This shard's runs, in plan order. */
  public <T> List<T> slice(List<T> runs) {
    List<T> mine = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      if (owns(r)) {
        mine.add(runs.get(r));
      }
    }
    return mine;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
