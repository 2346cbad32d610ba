package io.avnas.api.searchspace;

import io.avnas.api.backbone.Modality;
import java.util.Objects;

/**
 * One input feature of the search, as stored in the feature cache: (channels, length) per clip.
 *
 * @param name e.g. {@code visual.layer3}
 * @param modality the stream it comes from
 * @param channels its channel count
 * @param length its temporal length (L, or 1 for a pooled vector)
 */
public record FeatureSpec(String name, Modality modality, int channels, int length) {
  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modality, "modality");
    if (channels <= 0 || length <= 0) {
      throw new IllegalArgumentException(name + ": channels and length must be positive, but were " + channels + ", " + length);
    }
  }
}
