package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Writes tiny media fixtures with the same FFmpeg binding the decoder uses: mp4 files of solid
 * colour frames (H.264 through libopenh264 when the preset has it, else MPEG-4 part 2) with an
 * optional AAC tone track, and PCM wav tone files. Test code only; nothing here is committed media.
 */
public final class MediaFixtures {
  private MediaFixtures() {}

  /**
   * The video of a fixture.
   *
   * @param colours one RGB triple (0..255) per frame
   */
  public record Video(int width, int height, int fps, List<int[]> colours, int[] right, double rotation) {
    public Video(int width, int height, int fps, List<int[]> colours) {
      this(width, height, fps, colours, null, 0);
    }

    /** {@code frames} frames of one colour. */
    public static Video solid(int width, int height, int fps, int frames, int[] rgb) {
      List<int[]> colours = new ArrayList<>();
      for (int i = 0; i < frames; i++) {
        colours.add(rgb);
      }
      return new Video(width, height, fps, colours);
    }

    /**
     * Frames whose left half is {@code left} and right half {@code right}, stored with the display
     * matrix of {@code av_display_rotation_set(rotation)}, as phone recordings are.
     */
    public static Video halves(int width, int height, int fps, int frames, int[] left, int[] right, double rotation) {
      return new Video(width, height, fps, solid(width, height, fps, frames, left).colours(), right, rotation);
    }

    public double seconds() {
      return colours.size() / (double) fps;
    }
  }

  /** A pure tone, the same on every channel, at amplitude 0.5. */
  public record Tone(int sampleRate, int channels, double seconds, double hertz) {}

  /** The H.264 encoder when the preset ships one, else MPEG-4 part 2 (both decode the same way). */
  public static String videoEncoder() {
    Ffmpeg.init();
    AVCodec h264 = avcodec_find_encoder_by_name("libopenh264");
    return h264 != null && !h264.isNull() ? "libopenh264" : "mpeg4";
  }

  /** Writes an mp4 with the video and, unless {@code tone} is null, an AAC track. */
  public static Path writeMp4(Path file, Video video, Tone tone) {
    return writeMp4(file, video, tone, false);
  }

  /**
   * Writes an mp4.
   *
   * @param faststart put the index (moov) first, so a truncated copy still opens
   */
  public static Path writeMp4(Path file, Video video, Tone tone, boolean faststart) {
    Ffmpeg.init();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AVFormatContext output = new AVFormatContext(null);
    check(avformat_alloc_output_context2(output, null, "mp4", file.toString()), "alloc output");
    AVCodecContext videoCodec = null;
    AVCodecContext audioCodec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      videoCodec = openVideo(output, video);
      AVStream videoStream = output.streams(0);
      AVStream audioStream = null;
      if (tone != null) {
        audioCodec = openAudio(output, tone);
        audioStream = output.streams(1);
      }
      AVIOContext io = new AVIOContext(null);
      check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file);
      output.pb(io);
      AVDictionary options = new AVDictionary(null);
      if (faststart) {
        av_dict_set(options, "movflags", "+faststart", 0);
      }
      check(avformat_write_header(output, options), "write header");
      av_dict_free(options);

      frame.format(AV_PIX_FMT_YUV420P).width(video.width()).height(video.height());
      check(av_frame_get_buffer(frame, 0), "frame buffer");
      for (int i = 0; i < video.colours().size(); i++) {
        check(av_frame_make_writable(frame), "writable");
        fillYuv(frame, video.colours().get(i), video.right());
        frame.pts(i);
        encode(output, videoCodec, videoStream, frame, packet);
      }
      encode(output, videoCodec, videoStream, null, packet);

      if (tone != null) {
        AVFrame samples = av_frame_alloc();
        try {
          int frameSize = audioCodec.frame_size();
          long total = Math.round(tone.seconds() * tone.sampleRate());
          samples.format(AV_SAMPLE_FMT_FLTP).sample_rate(tone.sampleRate()).nb_samples(frameSize);
          av_channel_layout_default(samples.ch_layout(), tone.channels());
          check(av_frame_get_buffer(samples, 0), "audio buffer");
          float[] block = new float[frameSize];
          for (long start = 0; start < total; start += frameSize) {
            check(av_frame_make_writable(samples), "writable");
            int n = (int) Math.min(frameSize, total - start);
            for (int s = 0; s < frameSize; s++) {
              block[s] = s < n ? (float) (0.5 * Math.sin(2 * Math.PI * tone.hertz() * (start + s) / tone.sampleRate())) : 0f;
            }
            for (int c = 0; c < tone.channels(); c++) {
              new FloatPointer(samples.data(c)).put(block, 0, frameSize);
            }
            samples.pts(start);
            encode(output, audioCodec, audioStream, samples, packet);
          }
          encode(output, audioCodec, audioStream, null, packet);
        } finally {
          av_frame_free(samples);
        }
      }
      check(av_write_trailer(output), "trailer");
      return file;
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (videoCodec != null) {
        avcodec_free_context(videoCodec);
      }
      if (audioCodec != null) {
        avcodec_free_context(audioCodec);
      }
      if (output.pb() != null && !output.pb().isNull()) {
        avio_closep(output.pb());
      }
      avformat_free_context(output);
    }
  }

  private static AVCodecContext openVideo(AVFormatContext output, Video video) {
    String name = videoEncoder();
    AVCodec codec = avcodec_find_encoder_by_name(name);
    AVStream stream = avformat_new_stream(output, null);
    AVCodecContext context = avcodec_alloc_context3(codec);
    context.width(video.width()).height(video.height()).pix_fmt(AV_PIX_FMT_YUV420P)
        .time_base(av_make_q(1, video.fps())).framerate(av_make_q(video.fps(), 1))
        .gop_size(4).max_b_frames(0).bit_rate(4_000_000L);
    if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(context, codec, (AVDictionary) null), "open " + name);
    check(avcodec_parameters_from_context(stream.codecpar(), context), "video parameters");
    stream.time_base(context.time_base());
    if (video.rotation() != 0) {
      // The mp4 muxer writes this display matrix into the track header; codecpar owns the array.
      AVPacketSideData array = new AVPacketSideData(null);
      IntPointer count = new IntPointer(1).put(0);
      AVPacketSideData entry = av_packet_side_data_new(array, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
      av_display_rotation_set(new IntPointer(entry.data()), video.rotation());
      stream.codecpar().coded_side_data(array).nb_coded_side_data(count.get());
      count.close();
    }
    return context;
  }

  private static AVCodecContext openAudio(AVFormatContext output, Tone tone) {
    AVCodec codec = avcodec_find_encoder_by_name("aac");
    AVStream stream = avformat_new_stream(output, null);
    AVCodecContext context = avcodec_alloc_context3(codec);
    context.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(tone.sampleRate()).bit_rate(128_000)
        .time_base(av_make_q(1, tone.sampleRate()));
    av_channel_layout_default(context.ch_layout(), tone.channels());
    if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(context, codec, (AVDictionary) null), "open aac");
    check(avcodec_parameters_from_context(stream.codecpar(), context), "audio parameters");
    stream.time_base(context.time_base());
    return context;
  }

  private static void encode(AVFormatContext output, AVCodecContext codec, AVStream stream, AVFrame frame, AVPacket packet) {
    check(avcodec_send_frame(codec, frame), "send frame");
    while (true) {
      int code = avcodec_receive_packet(codec, packet);
      if (code == AVERROR_EAGAIN() || code == AVERROR_EOF) {
        return;
      }
      check(code, "receive packet");
      if (packet.duration() <= 0 && frame != null) {
        // libopenh264 leaves durations at 0; the mp4 muxer would then cut the last frame with its edit list.
        packet.duration(codec.codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO ? 1 : frame.nb_samples());
      }
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(output, packet), "write packet");
    }
  }

  /** Colours in BT.601 limited-range YUV, the default interpretation of yuv420p; {@code right} may be null. */
  private static void fillYuv(AVFrame frame, int[] rgb, int[] right) {
    int[] left = yuv(rgb);
    int[] other = right == null ? left : yuv(right);
    fillPlane(frame, 0, frame.height(), frame.width(), left[0], other[0]);
    fillPlane(frame, 1, (frame.height() + 1) / 2, (frame.width() + 1) / 2, left[1], other[1]);
    fillPlane(frame, 2, (frame.height() + 1) / 2, (frame.width() + 1) / 2, left[2], other[2]);
  }

  private static int[] yuv(int[] rgb) {
    double r = rgb[0] / 255.0;
    double g = rgb[1] / 255.0;
    double b = rgb[2] / 255.0;
    return new int[] {
        (int) Math.round(16 + 65.481 * r + 128.553 * g + 24.966 * b),
        (int) Math.round(128 - 37.797 * r - 74.203 * g + 112.0 * b),
        (int) Math.round(128 + 112.0 * r - 93.786 * g - 18.214 * b)};
  }

  private static void fillPlane(AVFrame frame, int plane, int rows, int width, int leftValue, int rightValue) {
    int stride = frame.linesize(plane);
    byte[] row = new byte[stride];
    java.util.Arrays.fill(row, (byte) rightValue);
    java.util.Arrays.fill(row, 0, width / 2, (byte) leftValue);
    for (int y = 0; y < rows; y++) {
      frame.data(plane).position((long) y * stride).put(row, 0, stride);
    }
    frame.data(plane).position(0);
  }

  /** Writes a 16-bit PCM wav of a tone (the same on every channel, amplitude 0.5). */
  public static Path writeWav(Path file, Tone tone) {
    int frames = (int) Math.round(tone.seconds() * tone.sampleRate());
    int dataBytes = frames * tone.channels() * 2;
    ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
        .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
        .putShort((short) tone.channels()).putInt(tone.sampleRate()).putInt(tone.sampleRate() * tone.channels() * 2)
        .putShort((short) (tone.channels() * 2)).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (int i = 0; i < frames; i++) {
      short value = (short) Math.round(0.5 * 32767 * Math.sin(2 * Math.PI * tone.hertz() * i / tone.sampleRate()));
      for (int c = 0; c < tone.channels(); c++) {
        buffer.putShort(value);
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, buffer.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Copies the first {@code fraction} of a file's bytes to {@code target}. */
  public static Path truncatedCopy(Path source, Path target, double fraction) {
    try {
      byte[] bytes = Files.readAllBytes(source);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The frequency in [lowHz, highHz] with the most energy, scanned in 1 Hz steps with the Goertzel
   * recurrence (one DFT bin per frequency), independent of any production STFT code.
   */
  public static double dominantFrequency(float[] samples, int sampleRate, double lowHz, double highHz) {
    double best = -1;
    double bestPower = -1;
    for (double f = lowHz; f <= highHz; f += 1) {
      double coefficient = 2 * Math.cos(2 * Math.PI * f / sampleRate);
      double s1 = 0;
      double s2 = 0;
      for (float sample : samples) {
        double s = sample + coefficient * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
      if (power > bestPower) {
        bestPower = power;
        best = f;
      }
    }
    return best;
  }

  private static void check(int code, String what) {
    if (code < 0) {
      throw new IllegalStateException("fixture encoding failed at " + what + ": " + Ffmpeg.error(code));
    }
  }
}
