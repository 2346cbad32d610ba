package io.avnas.datasets.av.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Process-wide FFmpeg set-up and small helpers shared by the decoders.
 *
 * <p>Loading the natives unpacks them from the {@code linux-x86_64} jar into JavaCPP's local cache
 * ({@code ~/.javacpp/cache}); nothing is downloaded. FFmpeg's own log is silenced because every
 * failure is reported through return codes and then a {@link io.avnas.api.data.ClipLoadException}
 * that names the file; FFmpeg's console lines would name neither the clip nor the consequence.
 */
final class Ffmpeg {
  /** FFmpeg objects (format, codec, scaler, resampler contexts) allocated and not yet freed. */
  private static final AtomicInteger LIVE = new AtomicInteger();

  private static volatile boolean initialised;

  private Ffmpeg() {}

  /** Loads the natives once; cheap after the first call. */
  static void init() {
    if (initialised) {
      return;
    }
    synchronized (Ffmpeg.class) {
      if (!initialised) {
        Loader.load(avformat.class);
        av_log_set_level(AV_LOG_QUIET);
        initialised = true;
      }
    }
  }

  /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
  static String error(int code) {
    try (BytePointer buffer = new BytePointer(256)) {
      av_strerror(code, buffer, buffer.capacity());
      // getString() would read the whole capacity: cut at the terminating NUL.
      byte[] bytes = new byte[(int) buffer.capacity()];
      buffer.get(bytes);
      int length = 0;
      while (length < bytes.length && bytes[length] != 0) {
        length++;
      }
      return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }
  }

  static void allocated() {
    LIVE.incrementAndGet();
  }

  static void freed() {
    LIVE.decrementAndGet();
  }

  /** How many FFmpeg contexts are allocated and not freed right now (0 when no decode runs). */
  static int liveContexts() {
    return LIVE.get();
  }
}
