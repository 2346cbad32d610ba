package io.avnas.datasets.av.fakeavceleb;

import io.avnas.datasets.av.decode.MediaFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a FakeAVCeleb_v1.2-shaped tree of real (tiny) mp4 files with every quirk of the published
 * copy, for provider tests and for a runner integration test ({@code ./avnas extract} with
 * {@code avnas.dataset.id = fakeavceleb}):
 *
 * <ul>
 *   <li>{@code meta_data.csv} with the header {@code source,target1,target2,method,category,type,race,gender,path,}
 *       (trailing comma) over 10-field rows: file name in {@code path}, directory in the unnamed 10th field;
 *   <li>directories with and without the {@code FakeAVCeleb/} prefix, and optionally the extra
 *       {@code FakeAVCeleb/} level on disk;
 *   <li>race folders with parentheses in the CSV, renamed on disk for some ids ({@code Asian_East},
 *       {@code Asian-South});
 *   <li>the same file name under several ids; one duplicate row that differs only in its method;
 *   <li>a 9-field row (skipped when listing), plus per tree one empty mp4, one truncated mp4 and
 *       one row whose file is missing (all three listed, then skipped when decoded).
 * </ul>
 *
 * <p>Each identity has 1 A, 1 B, 2 C and 2 D clips of 32x32, 4 frames at 8 fps, with a 0.5 s AAC
 * track (44.1 kHz stereo, as in the real data). Usage: {@code Expected e = FakeAvCelebTree.write(dir, 4, true);}
 * then point {@code avnas.dataset.root} at {@code e.root()} and compare counts with {@code e}.
 */
public final class FakeAvCelebTree {
  private static final String[][] RACES = {
      {"African", "African", "men"},
      {"Asian (East)", "Asian_East", "women"},
      {"Caucasian (European)", "Caucasian (European)", "men"},
      {"Asian (South)", "Asian-South", "women"},
      {"Caucasian (American)", "Caucasian (American)", "men"},
  };

  private FakeAvCelebTree() {}

  /**
   * What the tree holds.
   *
   * @param root the folder to set as {@code avnas.dataset.root}
   * @param listed clips the provider lists, per category (after merging the duplicate, without the 9-field row)
   * @param undecodable listed clips whose decode must fail (empty, truncated, missing), by key
   * @param identities every identity
   * @param duplicateKey the key of the merged duplicate row
   */
  public record Expected(Path root, Map<String, Integer> listed, Set<String> undecodable, Set<String> identities,
      String duplicateKey) {
    public int total() {
      return listed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Writes the tree.
   *
   * @param dir an empty folder; the tree goes to {@code dir/FakeAVCeleb_v1.2}
   * @param identities 3 to 5 ids (the first three carry the broken files)
   * @param extraLevel put the category folders under an extra {@code FakeAVCeleb/} level
   */
  public static Expected write(Path dir, int identities, boolean extraLevel) {
    if (identities < 3 || identities > RACES.length) {
      throw new IllegalArgumentException("identities must be in [3, " + RACES.length + "], but was " + identities);
    }
    Path root = dir.resolve("FakeAVCeleb_v1.2");
    Path media = extraLevel ? root.resolve("FakeAVCeleb") : root;
    List<String> csv = new ArrayList<>();
    csv.add("source,target1,target2,method,category,type,race,gender,path,");
    Map<String, Integer> listed = new TreeMap<>();
    Set<String> undecodable = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    String duplicateKey = null;
    for (int p = 0; p < identities; p++) {
      String id = String.format("id%05d", p + 1);
      String other = String.format("id%05d", (p + 1) % identities + 1);
      ids.add(id);
      String csvRace = RACES[p][0];
      String diskRace = RACES[p][1];
      String gender = RACES[p][2];
      // {type folder, category, method, file name, target1}
      String[][] clips = {
          {"RealVideo-RealAudio", "A", "real", "00001.mp4", "-"},
          {"RealVideo-FakeAudio", "B", "rtvc", "00001_fake.mp4", "-"},
          {"FakeVideo-RealAudio", "C", "faceswap", "00001_" + other + "_faceswap.mp4", other},
          {"FakeVideo-RealAudio", "C", "fsgan", "00002_" + other + "_fsgan.mp4", other},
          {"FakeVideo-FakeAudio", "D", "faceswap-wav2lip", "00001_" + other + "_faceswap_wavtolip.mp4", other},
          {"FakeVideo-FakeAudio", "D", "wav2lip", "00002_wavtolip.mp4", "-"},
      };
      for (int c = 0; c < clips.length; c++) {
        String[] clip = clips[c];
        String csvDirectory = (c % 2 == 0 ? "FakeAVCeleb/" : "") + clip[0] + "/" + csvRace + "/" + gender + "/" + id;
        String key = clip[0] + "/" + csvRace + "/" + gender + "/" + id + "/" + clip[3];
        Path file = media.resolve(clip[0]).resolve(diskRace).resolve(gender).resolve(id).resolve(clip[3]);
        csv.add(String.join(",", id, clip[4], "-", clip[2], clip[1], clip[0], csvRace, gender, clip[3], csvDirectory));
        listed.merge(clip[1], 1, Integer::sum);
        boolean missing = p == 2 && c == 3;
        if (!missing) {
          MediaFixtures.writeMp4(file, MediaFixtures.Video.solid(32, 32, 8, 4, colour(p, c)),
              new MediaFixtures.Tone(44_100, 2, 0.5, 300 + 100 * c));
        }
        if (missing) {
          undecodable.add(key);
        } else if (p == 0 && c == 2) {
          write(file, new byte[0]);
          undecodable.add(key);
        } else if (p == 1 && c == 4) {
          MediaFixtures.truncatedCopy(file, file, 0.4);
          undecodable.add(key);
        }
        if (p == 0 && c == 5) {
          // Published quirk: the same clip listed again with another method.
          csv.add(String.join(",", id, clip[4], "-", "fsgan-wav2lip", clip[1], clip[0], csvRace, gender, clip[3], csvDirectory));
          duplicateKey = key;
        }
      }
    }
    csv.add("id00099,-,-,real,A,RealVideo-RealAudio,African,men,00001.mp4");
    write(root.resolve("meta_data.csv"), (String.join("\n", csv) + "\n").getBytes(StandardCharsets.UTF_8));
    return new Expected(root, Map.copyOf(listed), Set.copyOf(undecodable), Set.copyOf(ids), duplicateKey);
  }

  private static int[] colour(int person, int clip) {
    return new int[] {40 + 40 * person, 40 + 30 * clip, 200 - 30 * person};
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
