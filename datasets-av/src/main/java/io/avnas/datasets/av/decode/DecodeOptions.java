package io.avnas.datasets.av.decode;

import io.avnas.api.ConfigBlock;

/**
 * How files become clips.
 *
 * @param frames T, the number of frames sampled uniformly over the clip's duration
 * @param size 0 to keep each video's native size, otherwise frames are scaled to size x size
 * @param sampleRate the audio output rate (mono)
 */
public record DecodeOptions(int frames, int size, int sampleRate) {
  /** The audio rate every avnas backbone expects (DATA.md: every public loader uses 16 kHz mono). */
  public static final int SAMPLE_RATE = 16_000;

  /** The config key (relative to {@code avnas.dataset}) of T. */
  public static final String FRAMES_KEY = "frames";

  /** The config key (relative to {@code avnas.dataset}) of the decode size. */
  public static final String SIZE_KEY = "decode-size";

  public DecodeOptions {
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be at least 1, but was " + frames);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be 0 (native) or positive, but was " + size);
    }
    if (sampleRate < 1000) {
      throw new IllegalArgumentException("sampleRate must be at least 1000, but was " + sampleRate);
    }
  }

  /** Reads {@code avnas.dataset.frames} and {@code avnas.dataset.decode-size}. */
  public static DecodeOptions from(ConfigBlock dataset) {
    return new DecodeOptions(dataset.getInt(FRAMES_KEY, 1, 1024), dataset.getInt(SIZE_KEY, 0, 4096), SAMPLE_RATE);
  }

  /** What a feature cache must know: a change here changes every decoded clip. */
  String describe() {
    return "frames=" + frames + ",size=" + size + ",rate=" + sampleRate;
  }
}
