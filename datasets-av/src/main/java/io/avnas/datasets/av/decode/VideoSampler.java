package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.avnas.api.data.ClipLoadException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a video stream once, front to back, and keeps T frames sampled uniformly over its
 * duration: frame i is the frame on screen at time (i + 0.5) * duration / T. Decoding everything
 * (rather than seeking) is exact for any GOP structure and cheap for 2-18 s clips; only the kept
 * frames are converted to RGB.
 */
final class VideoSampler {
  /** A stream whose frames stop before this fraction of its declared duration is truncated. */
  private static final double MIN_COVERAGE = 0.5;

  /** The sampled frames, row-major (T, 3, H, W) in [0, 1]. */
  record Frames(float[] data, int count, int height, int width) {}

  private final Path file;
  private final DecodeOptions options;
  private final float[] targets;

  private int outWidth;
  private int outHeight;
  private int rotation;
  private double frameSeconds;
  private float[] data;
  private int nextTarget;
  private int decoded;
  private double lastTime = Double.NEGATIVE_INFINITY;

  // Native state of one run, freed in run's finally.
  private AVFrame held;
  private boolean hasHeld;
  private int heldSlot = -1;
  private SwsContext scaler;
  private BytePointer rgb;
  private PointerPointer<BytePointer> rgbPlanes;
  private IntPointer rgbStrides;

  private VideoSampler(Path file, DecodeOptions options, double durationSeconds) {
    this.file = file;
    this.options = options;
    this.targets = new float[options.frames()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = (float) ((i + 0.5) * durationSeconds / targets.length);
    }
  }

  /** Samples {@code options.frames()} frames of the file's best video stream. */
  static Frames sample(Path file, DecodeOptions options) throws ClipLoadException {
    double duration;
    try (MediaInput input = MediaInput.open(file)) {
      AVStream stream = input.openDecoder(AVMEDIA_TYPE_VIDEO, "video");
      duration = declaredDuration(input, stream);
      if (duration > 0) {
        return new VideoSampler(file, options, duration).run(input, stream, duration);
      }
      duration = scanDuration(input);
    }
    // No declared duration: the scan read every packet, so reopen to decode from the first one
    // whatever the container's seek support.
    try (MediaInput input = MediaInput.open(file)) {
      AVStream stream = input.openDecoder(AVMEDIA_TYPE_VIDEO, "video");
      return new VideoSampler(file, options, duration).run(input, stream, duration);
    }
  }

  private Frames run(MediaInput input, AVStream stream, double duration) throws ClipLoadException {
    double timeBase = av_q2d(stream.time_base());
    long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
    frameSeconds = stream.avg_frame_rate().num() > 0 ? 1.0 / av_q2d(stream.avg_frame_rate()) : 0;
    rotation = rotationDegrees(stream.codecpar());
    held = av_frame_alloc();
    rgbPlanes = new PointerPointer<>(4);
    rgbStrides = new IntPointer(4);
    try {
      MediaInput.DecodeStats stats = input.decodeAll(frame -> accept(frame, start, timeBase));
      if (stats.frames() == 0) {
        throw new ClipLoadException(file + ": no video frame could be decoded" + stats.describe());
      }
      double covered = lastTime + frameSeconds;
      if (duration > 0 && covered < MIN_COVERAGE * duration) {
        throw new ClipLoadException(String.format(Locale.ROOT,
            "%s: truncated or corrupt: video frames stop at %.2f s of a declared %.2f s%s", file, covered, duration, stats.describe()));
      }
      while (nextTarget < targets.length) {
        emit();
      }
      return new Frames(data, targets.length, outHeight, outWidth);
    } finally {
      av_frame_free(held);
      if (scaler != null) {
        sws_freeContext(scaler);
        Ffmpeg.freed();
      }
      if (rgb != null) {
        rgb.close();
      }
      rgbPlanes.close();
      rgbStrides.close();
    }
  }

  /**
   * Takes the next decoded frame (in presentation order): the frame held so far is the one on
   * screen for every target before this frame's time, so those targets get it; then this frame is
   * held instead.
   */
  private void accept(AVFrame frame, long start, double timeBase) throws ClipLoadException {
    long stamp = frame.best_effort_timestamp();
    double time = stamp == AV_NOPTS_VALUE
        ? (frameSeconds > 0 ? decoded * frameSeconds : decoded)
        : (stamp - start) * timeBase;
    decoded++;
    if (data == null) {
      allocateOutput(frame.width(), frame.height());
      rgb = new BytePointer((long) outWidthBeforeRotation() * outHeightBeforeRotation() * 3);
      rgbPlanes.put(0, rgb);
      rgbStrides.put(0, outWidthBeforeRotation() * 3);
    }
    if (hasHeld) {
      while (nextTarget < targets.length && targets[nextTarget] < time) {
        emit();
      }
    }
    av_frame_unref(held);
    av_frame_move_ref(held, frame);
    heldSlot = -1;
    hasHeld = true;
    lastTime = Math.max(lastTime, time);
  }

  private void allocateOutput(int nativeWidth, int nativeHeight) {
    boolean swap = rotation == 90 || rotation == 270;
    if (options.size() > 0) {
      outWidth = options.size();
      outHeight = options.size();
    } else {
      outWidth = swap ? nativeHeight : nativeWidth;
      outHeight = swap ? nativeWidth : nativeHeight;
    }
    data = new float[targets.length * 3 * outHeight * outWidth];
  }

  private int outWidthBeforeRotation() {
    return rotation == 90 || rotation == 270 ? outHeight : outWidth;
  }

  private int outHeightBeforeRotation() {
    return rotation == 90 || rotation == 270 ? outWidth : outHeight;
  }

  /** Writes the held frame into the next target slot, converting it at most once. */
  private void emit() throws ClipLoadException {
    int slotSize = 3 * outHeight * outWidth;
    int slot = nextTarget++;
    if (heldSlot >= 0) {
      System.arraycopy(data, heldSlot * slotSize, data, slot * slotSize, slotSize);
      return;
    }
    int w = outWidthBeforeRotation();
    int h = outHeightBeforeRotation();
    SwsContext previous = scaler;
    boolean downscale = (long) w * h < (long) held.width() * held.height();
    scaler = sws_getCachedContext(previous, held.width(), held.height(), held.format(), w, h, AV_PIX_FMT_RGB24,
        downscale ? SWS_AREA : SWS_BILINEAR, null, null, (DoublePointer) null);
    if (scaler == null || scaler.isNull()) {
      scaler = null;
      if (previous != null) {
        Ffmpeg.freed(); // sws_getCachedContext freed the previous context before failing
      }
      throw new ClipLoadException(file + ": cannot convert frames of pixel format " + held.format() + " to RGB");
    }
    if (previous == null) {
      Ffmpeg.allocated();
    }
    sws_scale(scaler, held.data(), held.linesize(), 0, held.height(), rgbPlanes, rgbStrides);
    byte[] bytes = new byte[w * h * 3];
    rgb.get(bytes);
    toPlanarFloats(bytes, w, h, slot * slotSize);
    heldSlot = slot;
  }

  /** Interleaved RGB bytes to planar floats in [0, 1], rotated for display. */
  private void toPlanarFloats(byte[] bytes, int w, int h, int offset) {
    int plane = outHeight * outWidth;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int source = (y * w + x) * 3;
        int target = switch (rotation) {
          case 90 -> x * outWidth + (h - 1 - y);
          case 180 -> (h - 1 - y) * outWidth + (w - 1 - x);
          case 270 -> (w - 1 - x) * outWidth + y;
          default -> y * outWidth + x;
        };
        data[offset + target] = (bytes[source] & 0xff) / 255f;
        data[offset + plane + target] = (bytes[source + 1] & 0xff) / 255f;
        data[offset + 2 * plane + target] = (bytes[source + 2] & 0xff) / 255f;
      }
    }
  }

  /**
   * The clockwise rotation (0, 90, 180 or 270) a player applies from the stream's display matrix.
   * Phone recordings (SWAN-Idiap's iPhone and iPad folders) are often stored sideways with such a
   * matrix; without applying it reals and fakes would differ in orientation, a trivial shortcut.
   */
  static int rotationDegrees(AVCodecParameters parameters) {
    AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(), parameters.nb_coded_side_data(),
        AV_PKT_DATA_DISPLAYMATRIX);
    if (side == null || side.isNull() || side.size() < 9 * 4) {
      return 0;
    }
    double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
    if (Double.isNaN(counterClockwise)) {
      return 0;
    }
    long clockwise = Math.round(-counterClockwise);
    return (int) (((clockwise % 360) + 360) % 360 / 90 * 90);
  }

  /** The stream's duration, else the container's, in seconds; 0 when neither is declared. */
  private static double declaredDuration(MediaInput input, AVStream stream) {
    if (stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE) {
      return stream.duration() * av_q2d(stream.time_base());
    }
    long container = input.format().duration();
    if (container > 0 && container != AV_NOPTS_VALUE) {
      return container / (double) AV_TIME_BASE;
    }
    return 0;
  }

  /** For containers that declare no duration: the end of the last video packet, read without decoding. */
  private static double scanDuration(MediaInput input) {
    AVPacket packet = av_packet_alloc();
    try {
      AVStream stream = input.format().streams(input.streamIndex());
      long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
      long end = 0;
      while (av_read_frame(input.format(), packet) >= 0) {
        if (packet.stream_index() == input.streamIndex() && packet.pts() != AV_NOPTS_VALUE) {
          end = Math.max(end, packet.pts() + Math.max(0, packet.duration()) - start);
        }
        av_packet_unref(packet);
      }
      return end * av_q2d(stream.time_base());
    } finally {
      av_packet_free(packet);
    }
  }
}
