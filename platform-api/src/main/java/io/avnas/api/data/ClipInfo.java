package io.avnas.api.data;

import java.util.Objects;

/**
 * What is known about a clip before decoding it.
 *
 * @param key a unique, stable key (for FakeAVCeleb: directory + file name)
 * @param fake whether the clip is fake (label 1) or real (label 0)
 * @param category the category, e.g. {@code A}, {@code B}, {@code C}, {@code D} or {@code lipsync}
 * @param fakeVideo whether the video stream is manipulated
 * @param fakeAudio whether the audio stream is manipulated
 * @param identity the person shown (splits never share an identity)
 * @param source where it came from: a file path, or a generator description
 * @param presetSplit the split the dataset prescribes, or {@code null} to split by identity
 */
public record ClipInfo(
    String key,
    boolean fake,
    String category,
    boolean fakeVideo,
    boolean fakeAudio,
    String identity,
    String source,
    Split presetSplit) {
  public ClipInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(source, "source");
  }

  /** 1 for fake, 0 for real. */
  public int label() {
    return fake ? 1 : 0;
  }
}
