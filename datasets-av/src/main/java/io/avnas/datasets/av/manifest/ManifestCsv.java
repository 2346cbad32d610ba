package io.avnas.datasets.av.manifest;

import io.avnas.api.InvalidConfigException;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.datasets.av.decode.Csv;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a manifest CSV. The header names the columns (any order): {@code path}, {@code label},
 * {@code category}, {@code identity} are required; {@code split} (train, dev, val, test) and
 * {@code audio} (a separate audio file) are optional. Paths are relative to the CSV's folder or
 * absolute. The user writes this file, so a malformed row is an error naming the line, not a
 * warning; only files missing on disk are tolerated (they are skipped when decoded).
 */
final class ManifestCsv {
  static final List<String> REQUIRED = List.of("path", "label", "category", "identity");
  static final List<String> OPTIONAL = List.of("split", "audio");
  static final String MISSING_FILE = "listed files do not exist (they will be skipped when decoded)";

  private ManifestCsv() {}

  /**
   * @param key the config key naming the CSV, for messages
   */
  static List<MediaClip> read(Path csv, String key, ListingProblems problems) {
    List<String> lines;
    try {
      lines = Csv.lines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest " + csv, e);
    }
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new InvalidConfigException(key, csv + " is empty; it needs the header path,label,category,identity[,split]");
    }
    Map<String, Integer> columns = header(csv, key, headerLine + 1, Csv.split(lines.get(headerLine)));
    Path folder = csv.toAbsolutePath().getParent();
    List<MediaClip> clips = new ArrayList<>();
    Map<String, Integer> lineOfKey = new HashMap<>();
    Map<String, Split> splitOfIdentity = new HashMap<>();
    Map<String, Integer> lineOfIdentity = new HashMap<>();
    Boolean withSplits = null;
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      int line = i + 1;
      String where = csv + " line " + line + ": ";
      List<String> fields = Csv.split(lines.get(i));
      if (fields.size() != columns.size()) {
        throw new InvalidConfigException(key, where + "has " + fields.size() + " fields, but the header has " + columns.size());
      }
      String path = field(fields, columns, "path");
      String category = field(fields, columns, "category").toUpperCase(Locale.ROOT);
      String identity = field(fields, columns, "identity");
      for (String required : REQUIRED) {
        if (field(fields, columns, required).isEmpty()) {
          throw new InvalidConfigException(key, where + "the " + required + " is empty");
        }
      }
      boolean fake = label(field(fields, columns, "label"), where, key);
      boolean fakeVideo = fake;
      boolean fakeAudio = fake;
      if (List.of("A", "B", "C", "D").contains(category)) {
        fakeVideo = category.equals("C") || category.equals("D");
        fakeAudio = category.equals("B") || category.equals("D");
        if (fake != (fakeVideo || fakeAudio)) {
          throw new InvalidConfigException(key, where + "category " + category + " is " + (fake ? "real" : "fake")
              + " by definition, but the label is " + field(fields, columns, "label"));
        }
      }
      Split split = columns.containsKey("split") ? split(field(fields, columns, "split"), where, key) : null;
      if (withSplits == null) {
        withSplits = split != null;
      } else if (withSplits != (split != null)) {
        throw new InvalidConfigException(key, where + (split == null ? "has no split, but earlier rows have one"
            : "has a split, but earlier rows have none") + "; give every row a split or none");
      }
      if (split != null) {
        Split previous = splitOfIdentity.putIfAbsent(identity, split);
        if (previous != null && previous != split) {
          throw new InvalidConfigException(key, where + "identity " + identity + " is in " + split.name().toLowerCase(Locale.ROOT)
              + ", but line " + lineOfIdentity.get(identity) + " puts it in " + previous.name().toLowerCase(Locale.ROOT)
              + "; splits must not share an identity");
        }
        lineOfIdentity.putIfAbsent(identity, line);
      }
      Path video = resolve(folder, path, where, key);
      String audioField = columns.containsKey("audio") ? field(fields, columns, "audio") : "";
      Path audio = audioField.isEmpty() ? null : resolve(folder, audioField, where, key);
      String clipKey = path.replace('\\', '/') + (audio == null ? "" : "+" + audioField.replace('\\', '/'));
      Integer earlier = lineOfKey.putIfAbsent(clipKey, line);
      if (earlier != null) {
        throw new InvalidConfigException(key, where + "lists " + path + " again (first on line " + earlier + ")");
      }
      if (!Files.isRegularFile(video)) {
        problems.add(MISSING_FILE, video + " (line " + line + ")");
      } else if (audio != null && !Files.isRegularFile(audio)) {
        problems.add(MISSING_FILE, audio + " (line " + line + ")");
      }
      ClipInfo info = new ClipInfo(clipKey, fake, category, fakeVideo, fakeAudio, identity, video.toString(), split);
      clips.add(new MediaClip(info, video, audio));
    }
    if (clips.isEmpty()) {
      throw new InvalidConfigException(key, csv + " has a header but no rows");
    }
    return clips;
  }

  private static Map<String, Integer> header(Path csv, String key, int line, List<String> names) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c).trim().toLowerCase(Locale.ROOT);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        throw new InvalidConfigException(key, csv + " line " + line + ": unknown column '" + names.get(c).trim()
            + "'; the columns are path,label,category,identity and optionally split, audio");
      }
      if (columns.put(name, c) != null) {
        throw new InvalidConfigException(key, csv + " line " + line + ": the column " + name + " appears twice");
      }
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new InvalidConfigException(key, csv + " line " + line + ": the header lacks the column " + required
            + "; it must be path,label,category,identity[,split]");
      }
    }
    return columns;
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    return fields.get(columns.get(name)).trim();
  }

  private static boolean label(String value, String where, String key) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "real", "0" -> false;
      case "fake", "1" -> true;
      default -> throw new InvalidConfigException(key, where + "label \"" + value + "\" is not real, fake, 0 or 1");
    };
  }

  private static Split split(String value, String where, String key) {
    if (value.isEmpty()) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "train" -> Split.TRAIN;
      case "dev" -> Split.DEV;
      case "val" -> Split.VAL;
      case "test" -> Split.TEST;
      default -> throw new InvalidConfigException(key, where + "split \"" + value + "\" is not train, dev, val or test");
    };
  }

  private static Path resolve(Path folder, String path, String where, String key) {
    try {
      return folder.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidConfigException(key, where + "\"" + path + "\" is not a valid path: " + e.getReason());
    }
  }
}
