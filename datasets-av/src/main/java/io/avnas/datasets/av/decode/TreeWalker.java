package io.avnas.datasets.av.decode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lists folders and files one level at a time, sorted by name, recording an unreadable folder as a
 * listing problem instead of failing: one odd folder never stops the listing of a tree.
 */
public final class TreeWalker {
  static final String UNREADABLE = "folders could not be read (skipped)";

  private final ListingProblems problems;

  public TreeWalker(ListingProblems problems) {
    this.problems = problems;
  }

  /** The sub-folders of a folder, sorted by name. */
  public List<Path> folders(Path folder) {
    return list(folder, true, null);
  }

  /** The regular files of a folder with the given extension (case-insensitive, e.g. ".mp4"), sorted by name. */
  public List<Path> files(Path folder, String extension) {
    return list(folder, false, extension.toLowerCase(Locale.ROOT));
  }

  private List<Path> list(Path folder, boolean folders, String extension) {
    List<Path> result = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (folders ? Files.isDirectory(child)
            : Files.isRegularFile(child) && child.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension)) {
          result.add(child);
        }
      }
    } catch (IOException | SecurityException e) {
      problems.add(UNREADABLE, folder + " (" + e.getMessage() + ")");
    }
    result.sort(null);
    return result;
  }
}
