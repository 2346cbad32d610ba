package io.avnas.support.media;

import ai.djl.ndarray.types.Shape;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;

/**
 * How clips become backbone inputs; read from {@code avnas.preprocess}. This is the single source
 * of truth for input sizes: backbones are built for {@link #visualShape()} and {@link #audioShape()}.
 *
 * @param frames T, frames sampled uniformly per clip
 * @param imageSize frames are resized to imageSize x imageSize
 * @param sampleRate audio sample rate after resampling (16 kHz)
 * @param audioSeconds audio is cropped or zero-padded to this duration
 * @param windowMs STFT window length
 * @param hopMs STFT hop length
 * @param nFft FFT size
 * @param loudnessDbfs target loudness for normalisation
 * @param logMel log-mel instead of linear STFT magnitude
 * @param melBins mel bands when {@code logMel}
 */
public record PreprocessSpec(
    int frames,
    int imageSize,
    int sampleRate,
    double audioSeconds,
    double windowMs,
    double hopMs,
    int nFft,
    double loudnessDbfs,
    boolean logMel,
    int melBins) {

  public PreprocessSpec {
    if (frames < 1 || imageSize < 1 || sampleRate < 1 || nFft < 2 || melBins < 1) {
      throw new IllegalArgumentException("frames, imageSize, sampleRate, nFft and melBins must be positive: " + frames
          + ", " + imageSize + ", " + sampleRate + ", " + nFft + ", " + melBins);
    }
    if (Integer.bitCount(nFft) != 1) {
      throw new IllegalArgumentException("nFft must be a power of two, but was " + nFft);
    }
    if (!(audioSeconds > 0) || !(windowMs > 0) || !(hopMs > 0) || !Double.isFinite(loudnessDbfs)) {
      throw new IllegalArgumentException("audioSeconds, windowMs and hopMs must be positive, loudnessDbfs finite");
    }
    if (windowSamples() > nFft) {
      throw new IllegalArgumentException("the window (" + windowSamples() + " samples) is longer than nFft " + nFft);
    }
    if (audioSamples() < windowSamples()) {
      throw new IllegalArgumentException("audioSeconds " + audioSeconds + " is shorter than one window of " + windowMs + " ms");
    }
  }

  /** Reads and validates {@code avnas.preprocess}; errors name the key and what would fix it. */
  public static PreprocessSpec from(ConfigBlock block) {
    int frames = block.getInt("frames", 1, 1024);
    int imageSize = block.getInt("image-size", 8, 4096);
    int sampleRate = block.getInt("sample-rate", 1000, 192_000);
    double audioSeconds = block.getDouble("audio-seconds", 0.05, 3600);
    double windowMs = block.getDouble("window-ms", 1, 1000);
    double hopMs = block.getDouble("hop-ms", 1, 1000);
    int nFft = block.getInt("n-fft", 16, 65_536);
    double loudness = block.getDouble("loudness-dbfs", -100, 0);
    boolean logMel = block.getBoolean("log-mel");
    int melBins = block.getInt("mel-bins", 1, 1024);
    if (Integer.bitCount(nFft) != 1) {
      throw InvalidConfigException.of(block.key("n-fft"), nFft, "a power of two, e.g. 512");
    }
    long window = Math.round(windowMs * sampleRate / 1000.0);
    if (window > nFft) {
      throw InvalidConfigException.of(block.key("n-fft"), nFft,
          "a power of two of at least the window length, " + window + " samples (window-ms " + windowMs + ")");
    }
    if (Math.round(audioSeconds * sampleRate) < window) {
      throw InvalidConfigException.of(block.key("audio-seconds"), audioSeconds, "at least one window of " + windowMs + " ms");
    }
    if (logMel && melBins > nFft / 2 + 1) {
      throw InvalidConfigException.of(block.key("mel-bins"), melBins, "at most n-fft/2+1 = " + (nFft / 2 + 1));
    }
    return new PreprocessSpec(frames, imageSize, sampleRate, audioSeconds, windowMs, hopMs, nFft, loudness, logMel, melBins);
  }

  /** Per-clip visual input, (T, 3, S, S). */
  public Shape visualShape() {
    return new Shape(frames, 3, imageSize, imageSize);
  }

  /** Per-clip audio input, (1, F, steps): F = nFft/2+1 (or melBins), steps = 1 + (samples - window) / hop. */
  public Shape audioShape() {
    return new Shape(1, frequencyBins(), timeSteps());
  }

  /** F, the rows of the spectrogram. */
  public int frequencyBins() {
    return logMel ? melBins : nFft / 2 + 1;
  }

  /** The columns of the spectrogram: windows that fit entirely in the audio (no centring, no padding). */
  public int timeSteps() {
    return 1 + (audioSamples() - windowSamples()) / hopSamples();
  }

  /** Audio samples after cropping or padding. */
  public int audioSamples() {
    return (int) Math.round(audioSeconds * sampleRate);
  }

  /** STFT window length in samples (400 at 25 ms and 16 kHz). */
  public int windowSamples() {
    return (int) Math.round(windowMs * sampleRate / 1000.0);
  }

  /** STFT hop in samples (160 at 10 ms and 16 kHz); at least one. */
  public int hopSamples() {
    return Math.max(1, (int) Math.round(hopMs * sampleRate / 1000.0));
  }
}
