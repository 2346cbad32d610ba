package io.avnas.api.backbone;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * One feature tap of a backbone.
 *
 * @param name the tap's name, e.g. {@code layer3} or {@code pooled}
 * @param channels its channel count
 * @param shape its shape per clip, without the batch axis (e.g. (T, C, h, w) for a visual map)
 */
public record TapSpec(String name, int channels, Shape shape) {
  public TapSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    if (channels <= 0) {
      throw new IllegalArgumentException("channels must be positive, but was " + channels);
    }
  }
}
