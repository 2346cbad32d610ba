package io.avnas.datasets.av.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.data.ClipLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDecoderTest {
  /**
   * Colour tolerance per channel. A solid colour goes RGB -> 8-bit limited-range YUV 4:2:0 (rounding:
   * at most ~1.5/255 per channel back in RGB), through the encoder (flat blocks only lose their DC
   * to quantisation at 4 Mb/s: a few levels) and back through swscale's fixed-point conversion
   * (~1/255). Measured with libopenh264: at most 2/255. 0.05 (12.75/255) leaves room for the MPEG-4
   * fallback encoder and is far below the distance of 0.5 between any two fixture colours, so a
   * wrong frame can never pass.
   */
  private static final float COLOUR_TOLERANCE = 0.05f;

  private static final int[] RED = {230, 20, 20};
  private static final int[] GREEN = {20, 230, 20};
  private static final int[] BLUE = {20, 20, 230};
  private static final int[] GREY = {128, 128, 128};
  private static final int[] BLACK = {20, 20, 20};
  private static final int[] CYAN = {20, 230, 230};

  @TempDir Path dir;

  @Test
  void samplesFramesUniformlyAndKeepsTheirColours() throws ClipLoadException {
    // 6 frames at 6 fps = 1 s. With T = 4 the targets are 0.125, 0.375, 0.625 and 0.875 s, inside
    // frames 0, 2, 3 and 5 (frame k is on screen from k/6 s to (k+1)/6 s).
    List<int[]> colours = List.of(GREEN, RED, GREY, BLACK, BLUE, CYAN);
    Path file = MediaFixtures.writeMp4(dir.resolve("colours.mp4"),
        new MediaFixtures.Video(32, 32, 6, colours), new MediaFixtures.Tone(44_100, 2, 1.0, 440));
    DecodedMedia media = MediaDecoder.decode(file, null, new DecodeOptions(4, 0, 16_000));
    assertEquals(4, media.frameCount());
    assertEquals(32, media.height());
    assertEquals(32, media.width());
    int[][] expected = {GREEN, GREY, BLACK, CYAN};
    for (int t = 0; t < 4; t++) {
      assertSolid(media, t, expected[t]);
    }
  }

  @Test
  void resizesToTheDecodeSize() throws ClipLoadException {
    Path file = MediaFixtures.writeMp4(dir.resolve("wide.mp4"), MediaFixtures.Video.solid(64, 32, 25, 10, BLUE), null);
    DecodedMedia media = MediaDecoder.decodeVideo(file, new DecodeOptions(3, 16, 16_000));
    assertEquals(16, media.height());
    assertEquals(16, media.width());
    assertEquals(3 * 3 * 16 * 16, media.frames().length);
    for (int t = 0; t < 3; t++) {
      assertSolid(media, t, BLUE);
    }
  }

  @Test
  void appliesTheDisplayMatrixOfPhoneRecordings() throws ClipLoadException {
    // Stored 48 wide and 32 high, left half red, right half blue, with the display matrix of
    // av_display_rotation_set(-90). The ffmpeg 7.1 command line (autorotate) shows it 32 wide and
    // 48 high with blue on top and red below; the decoder must show it the same way.
    Path file = MediaFixtures.writeMp4(dir.resolve("portrait.mp4"),
        MediaFixtures.Video.halves(48, 32, 10, 3, RED, BLUE, -90), null);
    DecodedMedia media = MediaDecoder.decodeVideo(file, new DecodeOptions(1, 0, 16_000));
    assertEquals(32, media.width());
    assertEquals(48, media.height());
    int plane = 48 * 32;
    for (int c = 0; c < 3; c++) {
      // Rows 4 and 43, away from the edge where 4:2:0 chroma and the codec's blocks blend the halves.
      assertEquals(BLUE[c] / 255f, media.frames()[c * plane + 4 * 32 + 16], COLOUR_TOLERANCE, "top, channel " + c);
      assertEquals(RED[c] / 255f, media.frames()[c * plane + 43 * 32 + 16], COLOUR_TOLERANCE, "bottom, channel " + c);
    }
  }

  @Test
  void moreFramesThanTheClipHasRepeatsTheNearestFrames() throws ClipLoadException {
    // 2 frames at 4 fps = 0.5 s; 4 targets at 0.0625, 0.1875 (frame 0) and 0.3125, 0.4375 (frame 1).
    Path file = MediaFixtures.writeMp4(dir.resolve("short.mp4"),
        new MediaFixtures.Video(32, 32, 4, List.of(RED, BLUE)), null);
    DecodedMedia media = MediaDecoder.decodeVideo(file, new DecodeOptions(4, 0, 16_000));
    assertSolid(media, 0, RED);
    assertSolid(media, 1, RED);
    assertSolid(media, 2, BLUE);
    assertSolid(media, 3, BLUE);
  }

  @Test
  void aacStereoAt44kBecomes16kMonoWithTheSameTone() throws ClipLoadException {
    Path file = MediaFixtures.writeMp4(dir.resolve("tone.mp4"), MediaFixtures.Video.solid(32, 32, 25, 25, GREY),
        new MediaFixtures.Tone(44_100, 2, 1.0, 440));
    float[] audio = MediaDecoder.decodeAudio(file, 16_000);
    // One second at 16 kHz; AAC priming and the last partial frame may add or drop up to one
    // 1024-sample AAC frame (23 ms = 372 samples at 16 kHz).
    assertEquals(16_000, audio.length, 400);
    // The Goertzel scan has 1 Hz steps over a 1 s window (1 Hz bins): the peak is within 2 Hz.
    assertEquals(440, MediaFixtures.dominantFrequency(audio, 16_000, 100, 2000), 2);
    assertTrue(rms(audio) > 0.2, "the tone (amplitude 0.5, RMS 0.35 per channel) survives the downmix");
  }

  @Test
  void wavIsResampledToMono16k() throws ClipLoadException {
    Path file = MediaFixtures.writeWav(dir.resolve("tone.wav"), new MediaFixtures.Tone(22_050, 2, 0.5, 1000));
    float[] audio = MediaDecoder.decodeAudio(file, 16_000);
    assertEquals(8_000, audio.length, 40, "PCM has no priming: only the resampler's filter delay differs");
    assertEquals(1000, MediaFixtures.dominantFrequency(audio, 16_000, 100, 4000), 3);
  }

  @Test
  void badFilesFailWithTheFileAndTheReason() throws Exception {
    Path good = MediaFixtures.writeMp4(dir.resolve("good.mp4"), MediaFixtures.Video.solid(32, 32, 25, 25, GREY),
        new MediaFixtures.Tone(44_100, 1, 1.0, 440));
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    Path garbage = Files.write(dir.resolve("garbage.mp4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
    Path truncated = MediaFixtures.truncatedCopy(good, dir.resolve("truncated.mp4"), 0.5);
    Path silent = MediaFixtures.writeMp4(dir.resolve("silent.mp4"), MediaFixtures.Video.solid(32, 32, 25, 5, GREY), null);
    Path missing = dir.resolve("missing.mp4");
    DecodeOptions options = new DecodeOptions(2, 0, 16_000);

    assertMessage(empty, options, "empty");
    assertMessage(garbage, options, "not a readable media file: Invalid data found when processing input (");
    assertMessage(truncated, options, "not a readable media file"); // the index (moov) is at the end: cut off
    assertMessage(silent, options, "has no audio stream");
    assertMessage(missing, options, "does not exist");
    assertEquals(0, Ffmpeg.liveContexts(), "every failure path freed its contexts");
  }

  @Test
  void aFileCutInTheMiddleOfItsDataIsReportedAsTruncated() {
    Path whole = MediaFixtures.writeMp4(dir.resolve("faststart.mp4"), MediaFixtures.Video.solid(64, 64, 25, 50, GREY),
        new MediaFixtures.Tone(44_100, 1, 2.0, 440), true);
    Path cut = MediaFixtures.truncatedCopy(whole, dir.resolve("cut.mp4"), 0.3);
    ClipLoadException e = assertThrows(ClipLoadException.class, () -> MediaDecoder.decode(cut, null, new DecodeOptions(4, 0, 16_000)));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("no video frame"), e.getMessage());
    assertEquals(0, Ffmpeg.liveContexts());
  }

  private static void assertMessage(Path file, DecodeOptions options, String reason) {
    ClipLoadException e = assertThrows(ClipLoadException.class, () -> MediaDecoder.decode(file, null, options));
    assertTrue(e.getMessage().startsWith(file.toString() + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    assertTrue(e.getMessage().chars().allMatch(c -> c >= ' '), "one printable line: " + e.getMessage());
  }

  static void assertSolid(DecodedMedia media, int t, int[] rgb) {
    int plane = media.height() * media.width();
    for (int c = 0; c < 3; c++) {
      int offset = (t * 3 + c) * plane;
      float expected = rgb[c] / 255f;
      for (int i = 0; i < plane; i++) {
        float actual = media.frames()[offset + i];
        if (Math.abs(actual - expected) > COLOUR_TOLERANCE) {
          throw new AssertionError("frame " + t + " channel " + c + " pixel " + i + ": expected " + expected + " but was " + actual);
        }
      }
    }
  }

  private static double rms(float[] samples) {
    double sum = 0;
    for (float s : samples) {
      sum += s * s;
    }
    return Math.sqrt(sum / samples.length);
  }
}
