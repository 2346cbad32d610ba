package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.avnas.api.data.ClipLoadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * One opened media file and, once {@link #openDecoder} is called, one stream decoder. Owns both
 * contexts and frees them in {@link #close()}; one instance per decode call, never shared.
 */
final class MediaInput implements AutoCloseable {
  private final Path file;
  private AVFormatContext format;
  private AVCodecContext codec;
  private int streamIndex = -1;

  private MediaInput(Path file) {
    this.file = file;
  }

  /**
   * Opens a local file. Only FFmpeg's {@code file} protocol is allowed, so a path that looks like a
   * URL can never make the decoder touch the network.
   */
  static MediaInput open(Path file) throws ClipLoadException {
    Ffmpeg.init();
    if (!Files.isRegularFile(file)) {
      throw new ClipLoadException(file + ": the file does not exist or is not a regular file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new ClipLoadException(file + ": the file is empty (0 bytes)");
      }
    } catch (java.io.IOException e) {
      throw new ClipLoadException(file + ": cannot read the file size: " + e.getMessage(), e);
    }
    MediaInput input = new MediaInput(file);
    AVFormatContext context = new AVFormatContext(null);
    AVDictionary options = new AVDictionary(null);
    int code;
    try (BytePointer url = new BytePointer("file:" + file.toAbsolutePath(), StandardCharsets.UTF_8)) {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      code = avformat_open_input(context, url, null, options);
    } finally {
      av_dict_free(options);
    }
    if (code < 0) {
      // avformat_open_input frees the context itself on failure.
      throw new ClipLoadException(file + ": not a readable media file: " + Ffmpeg.error(code));
    }
    Ffmpeg.allocated();
    input.format = context;
    code = avformat_find_stream_info(context, (org.bytedeco.javacpp.PointerPointer<?>) null);
    if (code < 0) {
      input.close();
      throw new ClipLoadException(file + ": cannot read the stream information: " + Ffmpeg.error(code));
    }
    return input;
  }

  Path file() {
    return file;
  }

  AVFormatContext format() {
    return format;
  }

  /** Whether the file has a stream of this type ({@code AVMEDIA_TYPE_VIDEO} or {@code _AUDIO}). */
  boolean hasStream(int mediaType) {
    return av_find_best_stream(format, mediaType, -1, -1, (AVCodec) null, 0) >= 0;
  }

  /**
   * Finds the best stream of a type and opens a single-threaded decoder for it. Single-threaded,
   * because callers decode many clips in parallel: FFmpeg's own threads would oversubscribe the
   * cores and hold a frame pool per thread.
   *
   * @param what "video" or "audio", for the message
   */
  AVStream openDecoder(int mediaType, String what) throws ClipLoadException {
    int index = av_find_best_stream(format, mediaType, -1, -1, (AVCodec) null, 0);
    if (index < 0) {
      throw new ClipLoadException(file + ": has no " + what + " stream"
          + (index == AVERROR_STREAM_NOT_FOUND ? "" : " (" + Ffmpeg.error(index) + ")"));
    }
    AVStream stream = format.streams(index);
    AVCodecParameters parameters = stream.codecpar();
    AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new ClipLoadException(file + ": no decoder for the " + what + " codec "
          + avcodec_get_name(parameters.codec_id()).getString());
    }
    AVCodecContext context = avcodec_alloc_context3(decoder);
    if (context == null || context.isNull()) {
      throw new ClipLoadException(file + ": cannot allocate a " + what + " decoder");
    }
    Ffmpeg.allocated();
    codec = context;
    int code = avcodec_parameters_to_context(context, parameters);
    if (code < 0) {
      throw new ClipLoadException(file + ": bad " + what + " codec parameters: " + Ffmpeg.error(code));
    }
    context.thread_count(1);
    code = avcodec_open2(context, decoder, (AVDictionary) null);
    if (code < 0) {
      throw new ClipLoadException(file + ": cannot open the " + what + " decoder: " + Ffmpeg.error(code));
    }
    streamIndex = index;
    return stream;
  }

  AVCodecContext codec() {
    return codec;
  }

  /** Receives each decoded frame; the frame is unreferenced after the call unless the consumer moved it. */
  interface FrameConsumer {
    void accept(AVFrame frame) throws ClipLoadException;
  }

  /**
   * How a decode went.
   *
   * @param frames frames decoded
   * @param errors packets or frames the decoder rejected
   * @param readError the demuxer's error when reading stopped before the end of the file, else null
   */
  record DecodeStats(int frames, int errors, String readError) {
    /** E.g. " (read error: ...) (3 decode errors)", or "" when all went well. */
    String describe() {
      return (readError != null ? " (read error: " + readError + ")" : "") + (errors > 0 ? " (" + errors + " decode errors)" : "");
    }
  }

  /**
   * Reads every packet of the opened stream, decodes it and hands each frame to {@code consumer},
   * then drains the decoder. A read error ends the stream like the end of the file (what was decoded
   * so far is kept and the error is reported in the stats); rejected packets are counted and skipped.
   */
  DecodeStats decodeAll(FrameConsumer consumer) throws ClipLoadException {
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    int frames = 0;
    int errors = 0;
    String readError = null;
    try {
      boolean flushing = false;
      while (true) {
        if (!flushing) {
          int code = av_read_frame(format, packet);
          if (code < 0) {
            if (code != AVERROR_EOF) {
              readError = Ffmpeg.error(code);
            }
            flushing = true;
            avcodec_send_packet(codec, null);
          } else {
            try {
              if (packet.stream_index() != streamIndex) {
                continue;
              }
              int sent = avcodec_send_packet(codec, packet);
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
          int code = avcodec_receive_frame(codec, frame);
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
          frames++;
          try {
            consumer.accept(frame);
          } finally {
            av_frame_unref(frame);
          }
        }
        // After the flush packet the decoder drains to EOF; an error while draining also ends the stream.
        if (finished || flushing) {
          return new DecodeStats(frames, errors, readError);
        }
      }
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
    }
  }

  int streamIndex() {
    return streamIndex;
  }

  @Override
  public void close() {
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
      Ffmpeg.freed();
    }
    if (format != null) {
      avformat_close_input(format);
      format = null;
      Ffmpeg.freed();
    }
  }
}
