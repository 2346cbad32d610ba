package io.avnas.api.media;

import ai.djl.ndarray.types.Shape;
import io.avnas.api.ConfigBlock;

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

  /** Reads and validates {@code avnas.preprocess}. */
  public static PreprocessSpec from(ConfigBlock block) {
    throw new UnsupportedOperationException("PreprocessSpec.from: implemented with the audio preprocessing (issue 4)");
  }

  /** Per-clip visual input, (T, 3, S, S). */
  public Shape visualShape() {
    return new Shape(frames, 3, imageSize, imageSize);
  }

  /** Per-clip audio input, (1, F, steps). */
  public Shape audioShape() {
    throw new UnsupportedOperationException("PreprocessSpec.audioShape: implemented with the audio preprocessing (issue 4)");
  }
}
