package io.avnas.datasets.av.decode;

import io.avnas.api.data.ClipInfo;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A listed clip and the files it is decoded from.
 *
 * @param info the label, category, identity, ...
 * @param video the file the frames come from
 * @param audio the file the audio comes from, or {@code null} for the audio track of {@code video}
 */
public record MediaClip(ClipInfo info, Path video, Path audio) {
  public MediaClip {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(video, "video");
  }
}
