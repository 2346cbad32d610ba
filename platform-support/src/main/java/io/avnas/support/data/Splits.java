package io.avnas.support.data;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.data.SplitRatios;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Identity-disjoint, seeded train/dev/val/test splits, shared by every provider and called by the
 * runner. Engine-free and deterministic: the result depends only on the clips (not their order), the
 * ratios and the seed.
 *
 * <p>Algorithm: identities are sorted by name, shuffled with the seed, and then placed one by one
 * into the split that is least filled relative to its target, measured on the classes (real, fake)
 * the identity has. So every split receives an identity before any receives a second, each class is
 * spread by the ratios (stratified), and each split ends within about one identity's clips of its
 * target. Clips with a {@link ClipInfo#presetSplit()} keep it; the other clips of such an identity
 * follow its first preset clip, so identities stay disjoint.
 */
public final class Splits {
  private static final Split[] SPLITS = Split.values();

  private Splits() {}

  /**
   * Assigns every clip to a split.
   *
   * @return all four splits (possibly empty), each listing its clips in input order
   */
  public static Map<Split, List<ClipInfo>> assign(List<ClipInfo> clips, SplitRatios ratios, long seed) {
    Map<String, List<ClipInfo>> byIdentity = new TreeMap<>();
    for (ClipInfo clip : clips) {
      byIdentity.computeIfAbsent(clip.identity(), k -> new ArrayList<>()).add(clip);
    }
    double[] classTotals = new double[2];
    clips.forEach(c -> classTotals[c.label()]++);
    double[][] assigned = new double[SPLITS.length][2];

    Map<String, Split> identitySplit = new HashMap<>();
    List<String> free = new ArrayList<>();
    for (Map.Entry<String, List<ClipInfo>> entry : byIdentity.entrySet()) {
      Split preset = firstPreset(entry.getValue());
      if (preset == null) {
        free.add(entry.getKey());
        continue;
      }
      identitySplit.put(entry.getKey(), preset);
      for (ClipInfo clip : entry.getValue()) {
        Split split = clip.presetSplit() != null ? clip.presetSplit() : preset;
        assigned[split.ordinal()][clip.label()]++;
      }
    }

    Collections.shuffle(free, new Random(seed));
    for (String identity : free) {
      int[] counts = new int[2];
      byIdentity.get(identity).forEach(c -> counts[c.label()]++);
      Split best = leastFilled(counts, assigned, classTotals, ratios);
      identitySplit.put(identity, best);
      assigned[best.ordinal()][0] += counts[0];
      assigned[best.ordinal()][1] += counts[1];
    }

    Map<Split, List<ClipInfo>> result = new EnumMap<>(Split.class);
    for (Split split : SPLITS) {
      result.put(split, new ArrayList<>());
    }
    for (ClipInfo clip : clips) {
      Split split = clip.presetSplit() != null ? clip.presetSplit() : identitySplit.get(clip.identity());
      result.get(split).add(clip);
    }
    Map<Split, List<ClipInfo>> frozen = new EnumMap<>(Split.class);
    result.forEach((split, list) -> frozen.put(split, List.copyOf(list)));
    return Collections.unmodifiableMap(frozen);
  }

  private static Split firstPreset(List<ClipInfo> clips) {
    for (ClipInfo clip : clips) {
      if (clip.presetSplit() != null) {
        return clip.presetSplit();
      }
    }
    return null;
  }

  /** The split whose fill (assigned / target, on the identity's classes) is lowest; ties go to the larger ratio. */
  private static Split leastFilled(int[] counts, double[][] assigned, double[] totals, SplitRatios ratios) {
    Split best = null;
    double bestFill = Double.POSITIVE_INFINITY;
    for (Split split : SPLITS) {
      double ratio = ratios.of(split);
      double fill = 0;
      for (int c = 0; c < 2; c++) {
        if (counts[c] > 0) {
          fill += counts[c] * assigned[split.ordinal()][c] / (ratio * totals[c]);
        }
      }
      fill /= counts[0] + counts[1];
      if (fill < bestFill - 1e-12 || (Math.abs(fill - bestFill) <= 1e-12 && ratio > ratios.of(best))) {
        best = split;
        bestFill = fill;
      }
    }
    return best;
  }
}
