package io.avnas.datasets.av.decode;

import io.avnas.api.data.Clip;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import java.nio.file.Path;

/**
 * Decodes media files in-process with FFmpeg. Stateless and thread-safe: every call opens, uses and
 * frees its own FFmpeg contexts, so the feature extractor may call it from several threads.
 */
public final class MediaDecoder {
  private MediaDecoder() {}

  /**
   * Decodes T frames of {@code video} and the audio of {@code audio}.
   *
   * @param video a file with a video stream (mp4, ...)
   * @param audio the file whose audio to use (wav, mp4, ...), or {@code null} for the audio of {@code video}
   * @throws ClipLoadException naming the file and the reason when it is missing, empty, corrupt,
   *     truncated or lacks a stream
   */
  public static DecodedMedia decode(Path video, Path audio, DecodeOptions options) throws ClipLoadException {
    VideoSampler.Frames frames = VideoSampler.sample(video, options);
    float[] waveform = AudioResampler.decode(audio == null ? video : audio, options.sampleRate());
    return new DecodedMedia(frames.data(), frames.count(), frames.height(), frames.width(), waveform, options.sampleRate());
  }

  /** Only the sampled frames of a video file, row-major (T, 3, H, W) in [0, 1]. */
  public static DecodedMedia decodeVideo(Path video, DecodeOptions options) throws ClipLoadException {
    VideoSampler.Frames frames = VideoSampler.sample(video, options);
    return new DecodedMedia(frames.data(), frames.count(), frames.height(), frames.width(), new float[0], options.sampleRate());
  }

  /** Only the audio of a file, as mono samples at {@code sampleRate}. */
  public static float[] decodeAudio(Path file, int sampleRate) throws ClipLoadException {
    return AudioResampler.decode(file, sampleRate);
  }

  /** Decodes a listed clip into the {@link Clip} the providers return. */
  public static Clip load(ClipInfo info, Path video, Path audio, DecodeOptions options) throws ClipLoadException {
    DecodedMedia media = decode(video, audio, options);
    return new Clip(info, media.frames(), media.frameCount(), media.height(), media.width(), media.waveform(), media.sampleRate());
  }
}
