package io.avnas.runner.features;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.searchspace.FeatureSpec;
import java.util.List;
import java.util.Objects;

/**
 * The cached features of one split.
 *
 * @param specs one spec per feature, in the order the supernet reads them
 * @param taps one row-major array per feature, shape (n, channels, length)
 * @param clips the n clips, in row order (labels, categories and identities come from here)
 */
public record FeatureSet(List<FeatureSpec> specs, List<float[]> taps, List<ClipInfo> clips) {
  public FeatureSet {
    specs = List.copyOf(specs);
    taps = List.copyOf(taps);
    clips = List.copyOf(clips);
    if (specs.size() != taps.size()) {
      throw new IllegalArgumentException(specs.size() + " specs but " + taps.size() + " taps");
    }
    for (int i = 0; i < specs.size(); i++) {
      FeatureSpec s = specs.get(i);
      long expected = (long) clips.size() * s.channels() * s.length();
      if (Objects.requireNonNull(taps.get(i)).length != expected) {
        throw new IllegalArgumentException(s.name() + ": " + taps.get(i).length + " values, expected (n, C, L) = ("
            + clips.size() + ", " + s.channels() + ", " + s.length() + ")");
      }
    }
  }

  public int size() {
    return clips.size();
  }

  /** Labels, 1 = fake, 0 = real. */
  public int[] labels() {
    return clips.stream().mapToInt(ClipInfo::label).toArray();
  }
}
