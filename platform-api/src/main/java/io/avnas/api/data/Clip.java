package io.avnas.api.data;

import java.util.Objects;

/**
 * A decoded clip: frames and a mono waveform, before backbone-specific preprocessing.
 *
 * @param info what the clip is
 * @param frames RGB frames in [0, 1], row-major (T, 3, H, W)
 * @param frameCount T
 * @param height H
 * @param width W
 * @param waveform mono samples in [-1, 1]
 * @param sampleRate samples per second of {@code waveform}
 */
public record Clip(ClipInfo info, float[] frames, int frameCount, int height, int width, float[] waveform, int sampleRate) {
  public Clip {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(waveform, "waveform");
    if (frames.length != (long) frameCount * 3 * height * width) {
      throw new IllegalArgumentException(
          "frames has " + frames.length + " values, but (T, 3, H, W) = (" + frameCount + ", 3, " + height + ", " + width + ")");
    }
  }
}
