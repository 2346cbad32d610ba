package io.avnas.runner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where third-party plugin jars are read from. */
public final class PluginOptions {
  /** The default plugins folder, relative to the working directory. */
  public static final Path DEFAULT_DIR = Path.of("plugins");

  @Option(names = "--plugins", paramLabel = "DIR", description = "Folder of third-party plugin jars (default: ./plugins).")
  Path dir;

  public Path dir() {
    return dir == null ? DEFAULT_DIR : dir;
  }
}
