package io.avnas.datasets.av.decode;

import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads file and folder paths from the {@code avnas.dataset} block. Relative paths are relative to
 * the working directory; a leading {@code ~/} is the home folder. A missing path fails at once with
 * the full key and the absolute path that was looked for.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** Whether the key is set to a non-blank value. */
  public static boolean isSet(ConfigBlock block, String key) {
    return block.has(key) && !block.getString(key).isBlank();
  }

  /**
   * An existing folder.
   *
   * @param what what the folder is, for the message, e.g. "the FakeAVCeleb_v1.2 folder"
   */
  public static Path directory(ConfigBlock block, String key, String what) {
    return existing(block, key, what, true);
  }

  /** An existing regular file. */
  public static Path file(ConfigBlock block, String key, String what) {
    return existing(block, key, what, false);
  }

  private static Path existing(ConfigBlock block, String key, String what, boolean folder) {
    Path path = path(block, key, what);
    if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
      // Something else sits at that path: say what, since "does not exist" alone would puzzle.
      boolean other = folder ? Files.exists(path) : Files.isDirectory(path);
      String found = other ? (folder ? " (it is a file)" : " (it is a folder)") : "";
      throw new InvalidConfigException(block.key(key), (folder ? "folder " : "file ") + path.toAbsolutePath()
          + " does not exist" + found + "; set it to " + what);
    }
    return path;
  }

  private static Path path(ConfigBlock block, String key, String what) {
    String value = block.getString(key).trim();
    if (value.isEmpty()) {
      throw new InvalidConfigException(block.key(key), "is not set; set it to " + what);
    }
    if (value.equals("~") || value.startsWith("~/")) {
      value = System.getProperty("user.home") + value.substring(1);
    }
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw InvalidConfigException.of(block.key(key), value, "a file system path (" + e.getReason() + ")");
    }
  }
}
