package io.avnas.datasets.av.swandf;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClip;
import io.avnas.datasets.av.decode.TreeWalker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The clips of SWAN-DF (fakes) and SWAN-Idiap (reals).
 *
 * <ul>
 *   <li>Fakes: {@code videos/<res>/<SRC>/<prefix>-to-<TARGET>.mp4}, category C (fake video, the
 *       recording's real audio), or D with {@code converted-audio} when a converted voice is found in
 *       {@code audios/wav/<SRC>/}: {@code <same stem>.wav}, else the only wav whose name ends with
 *       {@code -to-<TARGET>}. Identity = SRC.
 *   <li>Reals: {@code session_XX/<device>/<ID>/<site>_<id>_<m|f>_<session>_<rec>_<p|t>_<bio>.mp4},
 *       kept when {@code bio == 2} (speech); category A. Identity = the {@code <ID>} folder.
 *   <li>Numeric ids are compared as five digits ({@link SwanIds}).
 * </ul>
 */
final class SwanDfIndex {
  static final String NO_TARGET = "fake file names without -to-<TARGET> (kept)";
  static final String BAD_REAL_NAME = "real file names not of the form <site>_<id>_<m|f>_<session>_<rec>_<p|t>_<bio>.mp4 (skipped)";
  static final String ID_MISMATCH = "real files whose name's id differs from their folder (folder used)";
  static final String NO_VOICE = "fakes without a matching converted voice in audios/wav (kept as C with their own audio)";
  static final String NOT_IN_PROTOCOL = "clips whose identity is in no protocol file (left out)";
  static final String CROSS_SPLIT = "fakes whose target identity is in another split than their source";

  private static final Pattern RESOLUTION = Pattern.compile("\\d+x\\d+");
  private static final String SPEECH = "2";

  /**
   * @param fakes the {@code videos} folder
   * @param audios the {@code audios/wav} folder, or {@code null}
   * @param reals the folder holding {@code session_XX}
   */
  record Roots(Path fakes, Path audios, Path reals) {}

  /** A clip with its target identity (fakes only) for the split check. */
  record Listed(MediaClip clip, String target) {}

  private SwanDfIndex() {}

  /** The videos folder of a SWAN-DF root: {@code root/videos}, or the root itself when it holds resolution folders. */
  static Path videosFolder(Path fakesRoot) {
    Path videos = fakesRoot.resolve("videos");
    if (Files.isDirectory(videos)) {
      return videos;
    }
    try (var children = Files.list(fakesRoot)) {
      return children.anyMatch(p -> Files.isDirectory(p) && RESOLUTION.matcher(p.getFileName().toString()).matches()) ? fakesRoot : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The folder holding {@code session_XX}: the root, or its {@code IDIAP} child. */
  static Path sessionsFolder(Path realsRoot) {
    for (Path candidate : List.of(realsRoot, realsRoot.resolve("IDIAP"))) {
      try (var children = Files.list(candidate)) {
        if (children.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("session"))) {
          return candidate;
        }
      } catch (java.io.IOException e) {
        // not this one
      }
    }
    return null;
  }

  /**
   * @param resolutions the resolution folders to use (empty = all)
   * @param convertedAudio pair fakes with converted voices (category D)
   */
  static List<Listed> fakes(Path videos, Path audios, List<String> resolutions, boolean convertedAudio, ListingProblems problems) {
    TreeWalker walker = new TreeWalker(problems);
    List<Listed> listed = new ArrayList<>();
    for (Path resolution : walker.folders(videos)) {
      String res = resolution.getFileName().toString();
      if (!resolutions.isEmpty() && !resolutions.contains(res)) {
        continue;
      }
      for (Path sourceFolder : walker.folders(resolution)) {
        String source = SwanIds.normalise(sourceFolder.getFileName().toString());
        for (Path video : walker.files(sourceFolder, ".mp4")) {
          String stem = stem(video);
          int to = stem.lastIndexOf("-to-");
          String target = to >= 0 ? SwanIds.normalise(stem.substring(to + 4)) : null;
          if (target == null) {
            problems.add(NO_TARGET, video.toString());
          }
          Path voice = convertedAudio ? voice(audios, sourceFolder.getFileName().toString(), stem, walker) : null;
          if (convertedAudio && voice == null) {
            problems.add(NO_VOICE, video.toString());
          }
          boolean fakeAudio = voice != null;
          String key = "fakes/" + res + "/" + sourceFolder.getFileName() + "/" + video.getFileName();
          ClipInfo info = new ClipInfo(key, true, fakeAudio ? "D" : "C", true, fakeAudio, source, video.toString(), null);
          listed.add(new Listed(new MediaClip(info, video, voice), target));
        }
      }
    }
    return listed;
  }

  static List<Listed> reals(Path sessions, ListingProblems problems) {
    TreeWalker walker = new TreeWalker(problems);
    List<Listed> listed = new ArrayList<>();
    for (Path session : walker.folders(sessions)) {
      for (Path device : walker.folders(session)) {
        for (Path person : walker.folders(device)) {
          String identity = SwanIds.normalise(person.getFileName().toString());
          for (Path video : walker.files(person, ".mp4")) {
            String[] fields = stem(video).split("_");
            if (fields.length != 7 || !List.of("m", "f").contains(fields[2].toLowerCase(Locale.ROOT))) {
              problems.add(BAD_REAL_NAME, video.toString());
              continue;
            }
            if (!SwanIds.normalise(fields[6]).equals(SwanIds.normalise(SPEECH))) {
              continue;
            }
            if (!SwanIds.normalise(fields[1]).equals(identity)) {
              problems.add(ID_MISMATCH, video + " (name says " + fields[1] + ")");
            }
            String key = "reals/" + session.getFileName() + "/" + device.getFileName() + "/" + person.getFileName() + "/" + video.getFileName();
            ClipInfo info = new ClipInfo(key, false, "A", false, false, identity, video.toString(), null);
            listed.add(new Listed(new MediaClip(info, video, null), null));
          }
        }
      }
    }
    return listed;
  }

  /** Applies the protocol: preset splits, clips of unlisted identities left out. */
  static List<MediaClip> assignSplits(List<Listed> listed, Protocol protocol, ListingProblems problems) {
    List<MediaClip> clips = new ArrayList<>();
    for (Listed item : listed) {
      ClipInfo info = item.clip().info();
      Split split = protocol == null ? null : protocol.splitOf(info.identity());
      if (protocol != null && split == null) {
        problems.add(NOT_IN_PROTOCOL, info.identity() + " (" + info.key() + ")");
        continue;
      }
      if (protocol != null && item.target() != null) {
        Split targetSplit = protocol.splitOf(item.target());
        if (targetSplit != null && targetSplit != split) {
          problems.add(CROSS_SPLIT, info.key() + " (" + split + " vs " + targetSplit + ")");
        }
      }
      ClipInfo withSplit = new ClipInfo(info.key(), info.fake(), info.category(), info.fakeVideo(), info.fakeAudio(), info.identity(),
          info.source(), split);
      clips.add(new MediaClip(withSplit, item.clip().video(), item.clip().audio()));
    }
    return clips;
  }

  private static Path voice(Path audios, String sourceFolder, String stem, TreeWalker walker) {
    if (audios == null) {
      return null;
    }
    Path folder = audios.resolve(sourceFolder);
    if (!Files.isDirectory(folder)) {
      return null;
    }
    Path same = folder.resolve(stem + ".wav");
    if (Files.isRegularFile(same)) {
      return same;
    }
    int to = stem.lastIndexOf("-to-");
    if (to < 0) {
      return null;
    }
    String suffix = stem.substring(to);
    List<Path> matches = walker.files(folder, ".wav").stream().filter(w -> stem(w).endsWith(suffix)).toList();
    return matches.size() == 1 ? matches.get(0) : null;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
