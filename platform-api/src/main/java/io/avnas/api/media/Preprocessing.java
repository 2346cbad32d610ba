package io.avnas.api.media;

import io.avnas.api.data.Clip;

/** From decoded clips to backbone inputs. */
public final class Preprocessing {
  private Preprocessing() {}

  /** T frames sampled uniformly, resized, ImageNet-normalised: row-major (T, 3, S, S). */
  public static float[] visualInput(Clip clip, PreprocessSpec spec) {
    throw new UnsupportedOperationException("Preprocessing.visualInput: implemented in issue 4");
  }

  /** Loudness-normalised, per-bin-normalised STFT magnitude (or log-mel): row-major (1, F, steps). */
  public static float[] audioInput(Clip clip, PreprocessSpec spec) {
    throw new UnsupportedOperationException("Preprocessing.audioInput: implemented in issue 4");
  }
}
