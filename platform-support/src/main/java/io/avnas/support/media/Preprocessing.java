package io.avnas.support.media;

import io.avnas.api.data.Clip;
import io.avnas.support.media.internal.AudioOps;
import io.avnas.support.media.internal.ImageOps;
import io.avnas.support.media.internal.SpectrogramPlan;

/**
 * From decoded clips to backbone inputs. Pure Java, thread-safe and engine-free: providers and the
 * feature extractor call it from any thread. Window, twiddles and filter banks are computed once per
 * {@link PreprocessSpec}.
 */
public final class Preprocessing {
  private Preprocessing() {}

  /**
   * T frames sampled uniformly ({@code floor((i + 0.5) * frameCount / T)}), bilinear-resized to S x S,
   * ImageNet-normalised: row-major (T, 3, S, S).
   */
  public static float[] visualInput(Clip clip, PreprocessSpec spec) {
    int size = spec.imageSize();
    int frameValues = 3 * clip.height() * clip.width();
    int outValues = 3 * size * size;
    int[] indices = ImageOps.uniformIndices(clip.frameCount(), spec.frames());
    float[] out = new float[spec.frames() * outValues];
    for (int t = 0; t < indices.length; t++) {
      ImageOps.resizeNormalised(clip.frames(), indices[t] * frameValues, clip.height(), clip.width(), size, out, t * outValues);
    }
    return out;
  }

  /**
   * The waveform resampled to the spec's rate, cropped (from the start) or zero-padded to {@code
   * audio-seconds}, loudness-normalised to {@code loudness-dbfs} (RMS of the real audio; silence stays
   * silence), then the STFT magnitude (periodic Hann window, zero-padded to n_fft) or log-mel
   * energies, normalised per frequency bin to zero mean and unit deviation over time: row-major
   * (1, F, steps), see {@link PreprocessSpec#audioShape()}.
   */
  public static float[] audioInput(Clip clip, PreprocessSpec spec) {
    float[] audio = AudioOps.prepare(clip.waveform(), clip.sampleRate(), spec.sampleRate(), spec.audioSamples(), spec.loudnessDbfs());
    return SpectrogramPlan.of(spec).features(audio);
  }
}
