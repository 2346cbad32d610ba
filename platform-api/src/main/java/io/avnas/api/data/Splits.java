package io.avnas.api.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Identity-disjoint, seeded train/dev/val/test splits, shared by every provider and by the runner.
 *
 * <p>Clips with a {@link ClipInfo#presetSplit()} keep it. The others are grouped by identity; the
 * identities are sorted, shuffled with {@code seed}, and laid end to end over the clip count, each
 * identity going to the split whose share of the clip count contains that identity's midpoint. So
 * no identity is in two splits, the clip shares follow the ratios up to one identity's size, and the
 * same clips, ratios and seed give the same splits. Within a split, clips keep the provider's order.
 */
public final class Splits {
  private Splits() {}

  /**
   * Assigns every clip to a split.
   *
   * @param clips the provider's clips, in its stable order
   * @param ratios non-negative shares for TRAIN, DEV, VAL and TEST (normalised; need not sum to 1)
   * @param seed the experiment seed
   * @return every split (possibly empty), in {@link Split} order
   */
  public static Map<Split, List<ClipInfo>> assign(List<ClipInfo> clips, Map<Split, Double> ratios, long seed) {
    double total = 0;
    for (Split s : Split.values()) {
      double r = ratios.getOrDefault(s, 0.0);
      if (!(r >= 0) || Double.isInfinite(r)) {
        throw new IllegalArgumentException("split ratio of " + s + " must be a finite number >= 0, but was " + r);
      }
      total += r;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("split ratios must not all be 0, but were " + ratios);
    }
    Map<String, List<ClipInfo>> byIdentity = new TreeMap<>();
    for (ClipInfo clip : clips) {
      if (clip.presetSplit() == null) {
        byIdentity.computeIfAbsent(clip.identity(), k -> new ArrayList<>()).add(clip);
      }
    }
    List<String> identities = new ArrayList<>(byIdentity.keySet());
    Collections.shuffle(identities, new Random(seed));
    long free = byIdentity.values().stream().mapToLong(List::size).sum();
    Map<String, Split> splitOf = new TreeMap<>();
    long before = 0;
    for (String identity : identities) {
      int size = byIdentity.get(identity).size();
      double midpoint = (before + size / 2.0) / free;
      splitOf.put(identity, splitAt(midpoint, ratios, total));
      before += size;
    }
    Map<Split, List<ClipInfo>> result = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      result.put(s, new ArrayList<>());
    }
    for (ClipInfo clip : clips) {
      Split s = clip.presetSplit() != null ? clip.presetSplit() : splitOf.get(clip.identity());
      result.get(s).add(clip);
    }
    result.replaceAll((s, list) -> List.copyOf(list));
    return result;
  }

  private static Split splitAt(double position, Map<Split, Double> ratios, double total) {
    double end = 0;
    Split last = Split.TRAIN;
    for (Split s : Split.values()) {
      double r = ratios.getOrDefault(s, 0.0) / total;
      if (r == 0) {
        continue;
      }
      end += r;
      last = s;
      if (position < end) {
        return s;
      }
    }
    return last;
  }
}
