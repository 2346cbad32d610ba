package io.avnas.datasets.av.fakeavceleb;

import io.avnas.api.data.ClipInfo;
import io.avnas.datasets.av.decode.FolderResolver;
import io.avnas.datasets.av.decode.ListingProblems;
import io.avnas.datasets.av.decode.MediaClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clips of a FakeAVCeleb v1.2 copy: {@code meta_data.csv} joined with the files on disk.
 *
 * <ul>
 *   <li>A clip is identified by directory + file name (the same file name occurs under several ids).
 *   <li>Rows with the same key (about 22 in v1.2, differing only in {@code method}) become one clip
 *       that records every method.
 *   <li>The directory may or may not start with {@code FakeAVCeleb/}, and the tree may or may not
 *       have that level; both are accepted in any combination.
 *   <li>Folder names are matched leniently ({@link FolderResolver}), so renamed race folders such as
 *       {@code Asian_East} are found for a CSV that says {@code Asian (East)}.
 *   <li>Rows whose file is missing stay listed: decoding them fails with a {@code
 *       ClipLoadException} that the extractor counts as skipped, and listing logs how many there are.
 * </ul>
 */
public final class FakeAvCelebIndex {
  /** The methods of FakeAVCeleb v1.2. */
  public static final List<String> METHODS =
      List.of("real", "rtvc", "faceswap", "faceswap-wav2lip", "fsgan", "fsgan-wav2lip", "wav2lip");

  /** The four category folders. */
  public static final List<String> CATEGORY_FOLDERS =
      List.of("RealVideo-RealAudio", "RealVideo-FakeAudio", "FakeVideo-RealAudio", "FakeVideo-FakeAudio");

  static final String MISSING_FILE = "listed files do not exist (they will be skipped when decoded)";
  static final String BAD_CATEGORY = "rows with neither a category A-D nor a type like FakeVideo-RealAudio (skipped)";
  static final String DISAGREEING = "rows whose category disagrees with their type (skipped)";
  static final String DUPLICATE = "duplicate rows (same directory and file; merged, methods recorded)";

  private static final Pattern TYPE = Pattern.compile("(?i)(real|fake)video-(real|fake)audio");
  private static final String PREFIX = "fakeavceleb";

  /**
   * One clip.
   *
   * @param info what the provider lists
   * @param file the mp4 on disk (may be missing)
   * @param methods every method of the rows merged into this clip, in CSV order
   * @param line the CSV line of the first row
   */
  public record Entry(ClipInfo info, Path file, List<String> methods, int line) {
    MediaClip clip() {
      return new MediaClip(info, file, null);
    }
  }

  /**
   * Where a copy keeps its CSV and its category folders.
   *
   * @param csv the meta_data.csv
   * @param media the folder holding RealVideo-RealAudio/ and the other category folders
   */
  public record Layout(Path csv, Path media) {}

  private final Layout layout;
  private final List<Entry> entries;

  private FakeAvCelebIndex(Layout layout, List<Entry> entries) {
    this.layout = layout;
    this.entries = List.copyOf(entries);
  }

  public Layout layout() {
    return layout;
  }

  /** The clips in CSV order. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Finds the CSV in {@code root} or {@code root/FakeAVCeleb} (or next to a root that is itself the
   * {@code FakeAVCeleb} level), and the category folders in the same places.
   *
   * @return the layout, or {@code null} with {@code lookedAt} filled when something is missing
   */
  static Layout locate(Path root, List<Path> lookedAt) {
    FolderResolver folders = new FolderResolver();
    List<Path> places = new ArrayList<>();
    places.add(root);
    Path inner = folders.child(root, "FakeAVCeleb");
    if (inner != null) {
      places.add(inner);
    }
    if (root.getParent() != null && FolderResolver.normalise(root.getFileName().toString()).equals(PREFIX)) {
      places.add(root.getParent());
    }
    Path csv = null;
    for (Path place : places) {
      Path candidate = place.resolve(MetaDataCsv.FILE_NAME);
      lookedAt.add(candidate);
      if (Files.isRegularFile(candidate)) {
        csv = candidate;
        break;
      }
    }
    if (csv == null) {
      return null;
    }
    List<Path> mediaPlaces = new ArrayList<>(places);
    Path nextToCsv = folders.child(csv.getParent(), "FakeAVCeleb");
    if (nextToCsv != null && !mediaPlaces.contains(nextToCsv)) {
      mediaPlaces.add(nextToCsv);
    }
    lookedAt.clear();
    for (Path place : mediaPlaces) {
      for (String category : CATEGORY_FOLDERS) {
        lookedAt.add(place.resolve(category));
        if (folders.child(place, category) != null) {
          return new Layout(csv, place);
        }
      }
    }
    return null;
  }

  /**
   * Reads the CSV and joins it with the tree.
   *
   * @param methods the methods to keep (empty = all); a merged clip is kept when any of its methods is
   */
  static FakeAvCelebIndex build(Layout layout, Collection<String> methods, ListingProblems problems) throws IOException {
    List<MetaRow> rows = MetaDataCsv.read(layout.csv(), problems);
    FolderResolver folders = new FolderResolver();
    Map<String, Merged> byKey = new LinkedHashMap<>();
    for (MetaRow row : rows) {
      List<String> components = directoryComponents(row.directory());
      String key = String.join("/", components) + "/" + row.fileName();
      Merged merged = byKey.get(key);
      if (merged != null) {
        merged.methods.add(row.method());
        problems.add(DUPLICATE, key + " (lines " + merged.row.line() + " and " + row.line() + ")");
        continue;
      }
      Flags flags = flags(row, components, problems);
      if (flags == null) {
        continue;
      }
      Path file = folders.follow(layout.media(), components).resolve(row.fileName());
      byKey.put(key, new Merged(row, key, components, flags, file));
    }
    Set<String> wanted = Set.copyOf(methods);
    List<Entry> entries = new ArrayList<>();
    for (Merged merged : byKey.values()) {
      if (!wanted.isEmpty() && merged.methods.stream().noneMatch(wanted::contains)) {
        continue;
      }
      if (!Files.isRegularFile(merged.file)) {
        problems.add(MISSING_FILE, merged.file + " (" + layout.csv().getFileName() + " line " + merged.row.line() + ")");
      }
      entries.add(merged.entry());
    }
    return new FakeAvCelebIndex(layout, entries);
  }

  /** The directory's folders without leading {@code FakeAVCeleb} (or {@code FakeAVCeleb_v1.2}) levels. */
  static List<String> directoryComponents(String directory) {
    List<String> components = new ArrayList<>();
    for (String part : directory.split("[/\\\\]")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty() && !trimmed.equals(".")) {
        components.add(trimmed);
      }
    }
    // Leading FakeAVCeleb/ or FakeAVCeleb_v1.2/FakeAVCeleb/ levels: the category folder comes next.
    while (components.size() > 1 && FolderResolver.normalise(components.get(0)).startsWith(PREFIX)) {
      components.remove(0);
    }
    return components;
  }

  /** Video and audio labels and the category, from the {@code type} field or folder and the {@code category} field. */
  private static Flags flags(MetaRow row, List<String> components, ListingProblems problems) {
    Matcher type = TYPE.matcher(row.type());
    if (!type.matches() && !components.isEmpty()) {
      type = TYPE.matcher(components.get(0));
    }
    Flags fromType = type.matches()
        ? Flags.of(type.group(1).toLowerCase(Locale.ROOT).equals("fake"), type.group(2).toLowerCase(Locale.ROOT).equals("fake"))
        : null;
    Flags fromCategory = Arrays.asList("A", "B", "C", "D").contains(row.category()) ? Flags.of(row.category()) : null;
    String where = row.directory() + "/" + row.fileName() + " (line " + row.line() + ")";
    if (fromType == null && fromCategory == null) {
      problems.add(BAD_CATEGORY, where);
      return null;
    }
    if (fromType != null && fromCategory != null && !fromType.equals(fromCategory)) {
      problems.add(DISAGREEING, where + ": category " + row.category() + ", type " + row.type());
      return null;
    }
    return fromType != null ? fromType : fromCategory;
  }

  /** Separate labels: B = fake audio only, C = fake video only, D = both. */
  record Flags(String category, boolean fakeVideo, boolean fakeAudio) {
    static Flags of(boolean fakeVideo, boolean fakeAudio) {
      String category = fakeVideo ? (fakeAudio ? "D" : "C") : (fakeAudio ? "B" : "A");
      return new Flags(category, fakeVideo, fakeAudio);
    }

    static Flags of(String category) {
      return of(category.equals("C") || category.equals("D"), category.equals("B") || category.equals("D"));
    }
  }

  private static final class Merged {
    final MetaRow row;
    final String key;
    final List<String> components;
    final Flags flags;
    final Path file;
    final Set<String> methods = new LinkedHashSet<>();

    Merged(MetaRow row, String key, List<String> components, Flags flags, Path file) {
      this.row = row;
      this.key = key;
      this.components = components;
      this.flags = flags;
      this.file = file;
      methods.add(row.method());
    }

    Entry entry() {
      String identity = row.source().isEmpty() && !components.isEmpty() ? components.get(components.size() - 1) : row.source();
      ClipInfo info = new ClipInfo(key, flags.fakeVideo() || flags.fakeAudio(), flags.category(), flags.fakeVideo(),
          flags.fakeAudio(), identity, file.toString(), null);
      return new Entry(info, file, List.copyOf(methods), row.line());
    }
  }
}
