package io.avnas.api.backbone;

/** The two input streams of a clip. */
public enum Modality {
  /** Face frames, (T, 3, H, W) per clip. */
  VISUAL,
  /** A spectrogram, (1, F, T) per clip. */
  AUDIO
}
