package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
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
import org.bytedeco.ffmpeg.avcodec.AVPacket;
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
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    SwrContext swr = null;
    AVChannelLayout inLayout = new AVChannelLayout();
    AVChannelLayout outLayout = new AVChannelLayout();
    FloatPointer buffer = null;
    PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    int errors = 0;
    String readError = null;
    try {
      av_channel_layout_default(outLayout, 1);
      boolean flushing = false;
      while (true) {
        if (!flushing) {
          int code = av_read_frame(input.format(), packet);
          if (code < 0) {
            if (code != AVERROR_EOF) {
              readError = Ffmpeg.error(code);
            }
            flushing = true;
            avcodec_send_packet(input.codec(), null);
          } else {
            try {
              if (packet.stream_index() != input.streamIndex()) {
                continue;
              }
              int sent = avcodec_send_packet(input.codec(), packet);
              if (sent < 0 && sent != AVERROR_EAGAIN()) {
                errors++;
                continue;
              }
            } finally {
              av_packet_unref(packet);
            }
          }
        }
        boolean finished = false;
        while (true) {
          int code = avcodec_receive_frame(input.codec(), frame);
          if (code == AVERROR_EAGAIN()) {
            break;
          }
          if (code == AVERROR_EOF) {
            finished = true;
            break;
          }
          if (code < 0) {
            errors++;
            break;
          }
          try {
            if (swr == null) {
              swr = createResampler(frame, inLayout, outLayout);
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
            append(buffer, converted);
          } finally {
            av_frame_unref(frame);
          }
        }
        if (finished || flushing) {
          break;
        }
      }
      if (swr != null) {
        // Drain the samples the resampler's filter still holds.
        while (true) {
          int converted = swr_convert(swr, outPlanes, (int) buffer.capacity(), (PointerPointer<?>) null, 0);
          if (converted <= 0) {
            break;
          }
          append(buffer, converted);
        }
      }
      if (count == 0) {
        throw new ClipLoadException(file + ": the audio stream decoded to no samples"
            + (readError != null ? " (read error: " + readError + ")" : "")
            + (errors > 0 ? " (" + errors + " decode errors)" : ""));
      }
      double declared = stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE
          ? stream.duration() * av_q2d(stream.time_base()) : 0;
      double seconds = count / (double) outRate;
      if (declared > 0 && seconds < MIN_COVERAGE * declared) {
        throw new ClipLoadException(String.format(Locale.ROOT,
            "%s: truncated or corrupt: audio stops at %.2f s of a declared %.2f s%s", file, seconds, declared,
            readError != null ? " (read error: " + readError + ")" : ""));
      }
      return Arrays.copyOf(samples, count);
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
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

  private void append(FloatPointer buffer, int n) {
    if (count + n > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + n));
    }
    buffer.get(samples, count, n);
    count += n;
  }
}
