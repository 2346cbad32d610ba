package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import io.avnas.api.data.ClipLoadException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes the best audio stream of a file (AAC in mp4, PCM in wav, anything FFmpeg reads) and
 * resamples it with swresample to mono float samples at the requested rate. Channels are mixed
 * down with swresample's standard matrix.
 */
final class AudioResampler {
  /** An audio stream that ends before this fraction of its declared duration is truncated. */
  private static final double MIN_COVERAGE = 0.5;

  private final Path file;
  private final int outRate;
  private float[] samples = new float[16_384];
  private int count;

  // Native state of one run, freed in run's finally.
  private SwrContext swr;
  private AVChannelLayout inLayout;
  private AVChannelLayout outLayout;
  private FloatPointer buffer;
  private PointerPointer<FloatPointer> outPlanes;
  private int inRate;
  private int inFormat;
  private int inChannels;

  private AudioResampler(Path file, int outRate) {
    this.file = file;
    this.outRate = outRate;
  }

  /** The file's audio as mono samples at {@code sampleRate}. */
  static float[] decode(Path file, int sampleRate) throws ClipLoadException {
    try (MediaInput input = MediaInput.open(file)) {
      AVStream stream = input.openDecoder(AVMEDIA_TYPE_AUDIO, "audio");
      return new AudioResampler(file, sampleRate).run(input, stream);
    }
  }

  private float[] run(MediaInput input, AVStream stream) throws ClipLoadException {
    inLayout = new AVChannelLayout();
    outLayout = new AVChannelLayout();
    outPlanes = new PointerPointer<>(1);
    try {
      av_channel_layout_default(outLayout, 1);
      MediaInput.DecodeStats stats = input.decodeAll(this::accept);
      if (swr != null) {
        // Drain the samples the resampler's filter still holds.
        while (true) {
          int converted = swr_convert(swr, outPlanes, (int) buffer.capacity(), (PointerPointer<?>) null, 0);
          if (converted <= 0) {
            break;
          }
          append(converted);
        }
      }
      if (count == 0) {
        throw new ClipLoadException(file + ": the audio stream decoded to no samples" + stats.describe());
      }
      double declared = stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE
          ? stream.duration() * av_q2d(stream.time_base()) : 0;
      double seconds = count / (double) outRate;
      if (declared > 0 && seconds < MIN_COVERAGE * declared) {
        throw new ClipLoadException(String.format(Locale.ROOT,
            "%s: truncated or corrupt: audio stops at %.2f s of a declared %.2f s%s", file, seconds, declared, stats.describe()));
      }
      return Arrays.copyOf(samples, count);
    } finally {
      if (swr != null) {
        swr_free(swr);
        Ffmpeg.freed();
      }
      av_channel_layout_uninit(inLayout);
      av_channel_layout_uninit(outLayout);
      inLayout.close();
      outLayout.close();
      if (buffer != null) {
        buffer.close();
      }
      outPlanes.close();
    }
  }

  /** Resamples one decoded frame and appends it. */
  private void accept(AVFrame frame) throws ClipLoadException {
    if (swr == null) {
      swr = createResampler(frame, inLayout, outLayout);
      inRate = frame.sample_rate();
      inFormat = frame.format();
      inChannels = frame.ch_layout().nb_channels();
    } else if (frame.sample_rate() != inRate || frame.format() != inFormat || frame.ch_layout().nb_channels() != inChannels) {
      // The resampler reads as many planes as it was set up for: feeding it a frame with fewer
      // channels would read past the frame's buffers.
      throw new ClipLoadException(String.format(Locale.ROOT, "%s: the audio format changes mid-stream (%d Hz, %d channels -> %d Hz, %d channels)",
          file, inRate, inChannels, frame.sample_rate(), frame.ch_layout().nb_channels()));
    }
    int capacity = swr_get_out_samples(swr, frame.nb_samples());
    if (buffer == null || buffer.capacity() < capacity) {
      if (buffer != null) {
        buffer.close();
      }
      buffer = new FloatPointer(Math.max(capacity, 4096));
      outPlanes.put(0, buffer);
    }
    int converted = swr_convert(swr, outPlanes, (int) buffer.capacity(), frame.extended_data(), frame.nb_samples());
    if (converted < 0) {
      throw new ClipLoadException(file + ": audio resampling failed: " + Ffmpeg.error(converted));
    }
    append(converted);
  }

  private SwrContext createResampler(AVFrame frame, AVChannelLayout inLayout, AVChannelLayout outLayout)
      throws ClipLoadException {
    AVChannelLayout frameLayout = frame.ch_layout();
    if (frameLayout.order() == AV_CHANNEL_ORDER_UNSPEC || frameLayout.nb_channels() <= 0) {
      // wav files without a channel mask: assume the standard layout for the channel count.
      av_channel_layout_default(inLayout, Math.max(1, frameLayout.nb_channels()));
    } else {
      av_channel_layout_copy(inLayout, frameLayout);
    }
    SwrContext swr = new SwrContext(null);
    int code = swr_alloc_set_opts2(swr, outLayout, AV_SAMPLE_FMT_FLT, outRate, inLayout, frame.format(), frame.sample_rate(),
        0, null);
    if (code < 0 || swr.isNull()) {
      throw new ClipLoadException(file + ": cannot set up audio resampling from " + frame.sample_rate() + " Hz: " + Ffmpeg.error(code));
    }
    Ffmpeg.allocated();
    code = swr_init(swr);
    if (code < 0) {
      swr_free(swr);
      Ffmpeg.freed();
      throw new ClipLoadException(file + ": cannot start audio resampling from " + frame.sample_rate() + " Hz: " + Ffmpeg.error(code));
    }
    return swr;
  }

  private void append(int n) {
    if (count + n > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + n));
    }
    buffer.get(samples, count, n);
    count += n;
  }
}
