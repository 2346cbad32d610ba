package io.avnas.datasets.av.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.api.data.ClipLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding frees what it allocates and gives the same result on any thread. */
class DecoderResourceTest {
  private static final long MB = 1L << 20;

  @TempDir Path dir;

  @Test
  void hundredsOfDecodesAccumulateNoNativeMemory() throws Exception {
    // 640x480 so that leaks are visible: one leaked decoded frame is 460 kB (138 MB over 300 calls),
    // one leaked decoder with its frame pool several MB. The output is scaled to 64x64 so that the
    // Java heap, which also counts in the resident size, stays small.
    Path file = MediaFixtures.writeMp4(dir.resolve("big.mp4"), MediaFixtures.Video.solid(640, 480, 25, 10, new int[] {90, 140, 200}),
        new MediaFixtures.Tone(44_100, 2, 0.4, 440));
    Path corrupt = Files.write(dir.resolve("corrupt.mp4"), new byte[4096]);
    DecodeOptions options = new DecodeOptions(8, 64, 16_000);
    // glibc keeps freed blocks in its arenas, so the resident size first climbs to a plateau
    // (about 100 MB above start for this file, reached within ~250 decodes) and then only wobbles
    // (+-15 MB measured). Warm up to the plateau, then measure.
    for (int i = 0; i < 250; i++) {
      MediaDecoder.decode(file, null, options);
    }
    System.gc();
    long rssBefore = Pointer.physicalBytes();
    long heapBefore = Runtime.getRuntime().totalMemory();
    long javacppBefore = Pointer.totalBytes();
    for (int i = 0; i < 300; i++) {
      MediaDecoder.decode(file, null, options);
      assertThrows(ClipLoadException.class, () -> MediaDecoder.decode(corrupt, null, options));
    }
    System.gc();
    long heapGrowth = Math.max(0, Runtime.getRuntime().totalMemory() - heapBefore);
    long nativeGrowth = Pointer.physicalBytes() - rssBefore - heapGrowth;
    assertEquals(0, Ffmpeg.liveContexts(), "FFmpeg contexts left allocated");
    // Only growth is a leak: buffers allocated before the loop (the fixture writer's) may be
    // released by JavaCPP's deallocator thread meanwhile, so the total can also fall.
    long javacppAfter = Pointer.totalBytes();
    assertTrue(javacppAfter <= javacppBefore, "JavaCPP buffers grew from " + javacppBefore + " to " + javacppAfter + " bytes");
    // The plateau's wobble is +-15 MB; the smallest leak the fixture is built to reveal is 138 MB.
    assertTrue(nativeGrowth < 64 * MB, "resident memory grew by " + nativeGrowth / MB + " MB over 300 decodes");
  }

  @Test
  void parallelDecodesGiveTheSingleThreadedResult() throws Exception {
    Path first = MediaFixtures.writeMp4(dir.resolve("a.mp4"), new MediaFixtures.Video(48, 32, 10,
        List.of(new int[] {200, 30, 30}, new int[] {30, 200, 30}, new int[] {30, 30, 200}, new int[] {200, 200, 30})),
        new MediaFixtures.Tone(44_100, 2, 0.4, 440));
    Path second = MediaFixtures.writeWav(dir.resolve("b.wav"), new MediaFixtures.Tone(48_000, 1, 0.4, 700));
    DecodeOptions options = new DecodeOptions(4, 0, 16_000);
    DecodedMedia expected = MediaDecoder.decode(first, null, options);
    DecodedMedia expectedWithWav = MediaDecoder.decode(first, second, options);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<DecodedMedia>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Path audio = i % 2 == 0 ? null : second;
        results.add(pool.submit(() -> MediaDecoder.decode(first, audio, options)));
      }
      for (int i = 0; i < results.size(); i++) {
        DecodedMedia actual = get(results.get(i));
        DecodedMedia reference = i % 2 == 0 ? expected : expectedWithWav;
        assertArrayEquals(reference.frames(), actual.frames(), "frames of call " + i);
        assertArrayEquals(reference.waveform(), actual.waveform(), "audio of call " + i);
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
    assertEquals(0, Ffmpeg.liveContexts());
  }

  @Test
  void damagedFilesLoadOrFailCleanly() throws Exception {
    Path good = MediaFixtures.writeMp4(dir.resolve("good.mp4"), MediaFixtures.Video.solid(64, 48, 10, 10, new int[] {120, 60, 200}),
        new MediaFixtures.Tone(44_100, 2, 1.0, 440));
    byte[] bytes = Files.readAllBytes(good);
    java.util.Random random = new java.util.Random(5);
    int failed = 0;
    for (int variant = 0; variant < 40; variant++) {
      byte[] damaged = bytes.clone();
      // Overwrite a few random runs of bytes anywhere: headers, index or media data.
      for (int run = 0; run < 1 + variant % 4; run++) {
        int at = random.nextInt(damaged.length);
        for (int i = at; i < Math.min(damaged.length, at + 1 + random.nextInt(64)); i++) {
          damaged[i] = (byte) random.nextInt(256);
        }
      }
      Path file = Files.write(dir.resolve("damaged-" + variant + ".mp4"), damaged);
      try {
        DecodedMedia media = MediaDecoder.decode(file, null, new DecodeOptions(4, 0, 16_000));
        assertEquals(4, media.frameCount());
      } catch (ClipLoadException e) {
        failed++;
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
      }
      assertEquals(0, Ffmpeg.liveContexts(), "variant " + variant);
    }
    // Reaching here means no variant crashed the JVM; some must have been rejected.
    assertTrue(failed > 0, "no damaged variant was rejected");
  }

  private static DecodedMedia get(Future<DecodedMedia> future) throws InterruptedException, ExecutionException {
    return future.get();
  }
}
