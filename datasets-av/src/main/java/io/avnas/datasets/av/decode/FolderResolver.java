package io.avnas.datasets.av.decode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the folder on disk that a metadata file names, when copies of a dataset spell it
 * differently: {@code Asian (East)} in the CSV may be {@code Asian_East}, {@code Asian-East} or
 * {@code asian east} on disk. Names match exactly first, then ignoring case and everything but
 * letters and digits, when that match is unique. Listings are cached, so resolving the thousands of
 * rows of one folder reads it once. Not thread-safe; used while listing.
 */
public final class FolderResolver {
  private final Map<Path, Map<String, List<String>>> listings = new HashMap<>();
  private final Map<Path, Path> resolved = new HashMap<>();

  /** Letters and digits only, lower case: {@code Asian (East)} and {@code Asian_East} both give {@code asianeast}. */
  public static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * The child folder of {@code parent} named {@code name} or a variant of it, or {@code null} when
   * there is none or several variants match.
   */
  public Path child(Path parent, String name) {
    Path literal = parent.resolve(name);
    return resolved.computeIfAbsent(literal, key -> {
      if (Files.isDirectory(key)) {
        return key;
      }
      List<String> matches = listing(parent).getOrDefault(normalise(name), List.of());
      return matches.size() == 1 ? parent.resolve(matches.get(0)) : null;
    });
  }

  /**
   * Follows a relative folder path component by component, resolving each with {@link #child}. A
   * component that cannot be resolved is kept literally, so the result names what was looked for.
   */
  public Path follow(Path base, List<String> components) {
    Path current = base;
    boolean found = true;
    for (String component : components) {
      Path next = found ? child(current, component) : null;
      if (next == null) {
        found = false;
        next = current.resolve(component);
      }
      current = next;
    }
    return current;
  }

  private Map<String, List<String>> listing(Path parent) {
    return listings.computeIfAbsent(parent, folder -> {
      Map<String, List<String>> byName = new HashMap<>();
      if (!Files.isDirectory(folder)) {
        return byName;
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, Files::isDirectory)) {
        for (Path child : children) {
          String name = child.getFileName().toString();
          byName.computeIfAbsent(normalise(name), k -> new ArrayList<>()).add(name);
        }
      } catch (IOException e) {
        // An unreadable folder resolves nothing; the rows under it are reported as missing files.
        return byName;
      }
      return byName;
    });
  }
}
