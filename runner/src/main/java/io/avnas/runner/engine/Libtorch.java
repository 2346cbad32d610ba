package io.avnas.runner.engine;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which libtorch DJL loaded, and from where: the folder {@code AVNAS_LIBTORCH} named (the launcher
 * turns it into {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR}), or
 * the CPU build bundled as a Maven jar and extracted into DJL's cache.
 *
 * @param version libtorch's version, as the engine reports it
 * @param path the folder the native libraries were loaded from, or empty when it cannot be told
 * @param flavor {@code cpu} or {@code cuXYZ}
 * @param source {@code AVNAS_LIBTORCH}, {@code PYTORCH_LIBRARY_PATH} or {@code bundled}
 */
public record Libtorch(String version, Optional<Path> path, String flavor, String source) {
  /** Reads what the started engine loaded. */
  public static Libtorch of(Engine engine) {
    String override = System.getenv("PYTORCH_LIBRARY_PATH");
    String flavor = Optional.ofNullable(System.getenv("PYTORCH_FLAVOR")).filter(s -> !s.isBlank()).orElse("cpu");
    Optional<Path> path = loadedFrom();
    if (override != null && !override.isBlank()) {
      String source = System.getenv("AVNAS_LIBTORCH") != null ? "AVNAS_LIBTORCH" : "PYTORCH_LIBRARY_PATH";
      return new Libtorch(engine.getVersion(), path.or(() -> Optional.of(Path.of(override))), flavor, source);
    }
    return new Libtorch(engine.getVersion(), path.or(() -> bundledCacheFolder(engine.getVersion())), "cpu", "bundled");
  }

  /** Whether this build can use a GPU at all. */
  public boolean cuda() {
    return flavor.toLowerCase(Locale.ROOT).startsWith("cu");
  }

  /**
   * The folder DJL's PyTorch engine says it loaded libtorch from. The engine jar is a run-time
   * dependency only, so it is asked by name; empty if it does not answer.
   */
  private static Optional<Path> loadedFrom() {
    try {
      Object path = Class.forName("ai.djl.pytorch.jni.LibUtils").getMethod("getLibtorchPath").invoke(null);
      return path == null ? Optional.empty() : Optional.of(Path.of(path.toString()));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException
        | LinkageError | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The DJL cache folder the bundled CPU build is extracted to, e.g. ~/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64. */
  private static Optional<Path> bundledCacheFolder(String version) {
    Path cache = Utils.getEngineCacheDir("pytorch");
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(cache)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(version + "-") && d.getFileName().toString().contains("-cpu-"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
