package io.avnas.datasets.av.swandf;

import io.avnas.datasets.av.decode.MediaFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds SWAN-DF- and SWAN-Idiap-shaped trees of tiny real media files.
 *
 * <ul>
 *   <li>{@code SWAN-DF/videos/{160x160,256x256}/<SRC>/swan-model_<r>d-<r>d_train_masknocolor-m1s4-to-<TARGET>.mp4}
 *       for 4 pairs swapped both ways (ids 00001-00008): 16 fakes, plus one empty file
 *       {@code 160x160/00005/broken-to-00006.mp4}; a stray {@code notes.txt};
 *   <li>{@code SWAN-DF/audios/wav/<SRC>/<stem of the 256x256 fake>.wav} for SRC 00001-00004 (1200 Hz tone);
 *   <li>{@code SWAN-Idiap/session_01/iPhone/<ID>/1_<ID>_m_01_01_p_2.mp4} and {@code ..._p_1.mp4} (not
 *       speech), {@code session_02/iPad/<ID>/1_<ID>_f_02_01_t_2.mp4}: 16 speech reals, one of them
 *       (00008's iPad clip) without audio; plus {@code IMG_0001.mp4} that follows no pattern;
 *   <li>{@code protocol/train.txt} (00001-00004), {@code dev.txt} (00005, 00006), {@code test.txt}
 *       ({@code 7} and {@code 00008}: ids are compared as five digits).
 * </ul>
 */
final class SwanDfTree {
  static final int FAKES = 17;
  static final int REALS = 16;
  /** SRC 00001-00004 in both resolutions: 256x256 by the same stem, 160x160 by the only wav ending in -to-<TARGET>. */
  static final int VOICES = 8;
  static final double VIDEO_TONE = 400;
  static final double VOICE_TONE = 1200;

  record Roots(Path fakes, Path reals, Path protocol) {}

  private SwanDfTree() {}

  static Roots write(Path dir) throws IOException {
    Path fakes = dir.resolve("SWAN-DF");
    Path reals = dir.resolve("SWAN-Idiap");
    MediaFixtures.Tone tone = new MediaFixtures.Tone(44_100, 2, 0.5, VIDEO_TONE);
    for (int pair = 0; pair < 4; pair++) {
      for (int side = 0; side < 2; side++) {
        int source = 2 * pair + side + 1;
        int target = 2 * pair + (1 - side) + 1;
        for (String res : new String[] {"160x160", "256x256"}) {
          String r = res.substring(0, 3);
          String stem = "swan-model_" + r + "d-" + r + "d_train_masknocolor-m1s4-to-" + id(target);
          MediaFixtures.writeMp4(fakes.resolve("videos").resolve(res).resolve(id(source)).resolve(stem + ".mp4"),
              MediaFixtures.Video.solid(32, 32, 8, 4, new int[] {200, 40 + 20 * source, 60}), tone);
          if (res.equals("256x256") && source <= 4) {
            MediaFixtures.writeWav(fakes.resolve("audios").resolve("wav").resolve(id(source)).resolve(stem + ".wav"),
                new MediaFixtures.Tone(16_000, 1, 0.5, VOICE_TONE));
          }
        }
      }
    }
    Files.createFile(fakes.resolve("videos/160x160/00005/broken-to-00006.mp4"));
    Files.writeString(fakes.resolve("videos/notes.txt"), "not a video");

    for (int person = 1; person <= 8; person++) {
      Path iphone = reals.resolve("session_01/iPhone").resolve(id(person));
      Path ipad = reals.resolve("session_02/iPad").resolve(id(person));
      MediaFixtures.Video video = MediaFixtures.Video.solid(48, 32, 8, 4, new int[] {60, 60 + 20 * person, 200});
      MediaFixtures.writeMp4(iphone.resolve("1_" + id(person) + "_m_01_01_p_2.mp4"), video, tone);
      MediaFixtures.writeMp4(iphone.resolve("1_" + id(person) + "_m_01_01_p_1.mp4"), video, tone);
      MediaFixtures.writeMp4(ipad.resolve("1_" + id(person) + "_f_02_01_t_2.mp4"), video, person == 8 ? null : tone);
    }
    MediaFixtures.writeMp4(reals.resolve("session_01/iPhone/00001/IMG_0001.mp4"), MediaFixtures.Video.solid(32, 32, 8, 2, new int[] {0, 0, 0}),
        tone);

    Path protocol = Files.createDirectories(dir.resolve("protocol"));
    Files.writeString(protocol.resolve("train.txt"), "# SWAN-DF train identities\n00001\n00002\n00003\n00004\n");
    Files.writeString(protocol.resolve("dev.txt"), "00005\n00006\n\n");
    Files.writeString(protocol.resolve("test.txt"), "7\r\n00008\r\n");
    return new Roots(fakes, reals, protocol);
  }

  static String id(int number) {
    return String.format("%05d", number);
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
