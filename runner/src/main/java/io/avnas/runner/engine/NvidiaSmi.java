package io.avnas.runner.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the NVIDIA driver sees, independent of the libtorch DJL loaded: {@code nvidia-smi}'s GPU list.
 * It tells "no GPU here" apart from "a GPU, but the engine is the CPU build".
 */
public final class NvidiaSmi {
  /**
   * One GPU as the driver reports it.
   *
   * @param index the driver's index
   * @param name the product name
   * @param memoryMib total memory, MiB
   */
  public record Gpu(int index, String name, long memoryMib) {}

  private NvidiaSmi() {}

  /** The GPUs nvidia-smi lists, or empty when nvidia-smi is not on PATH or fails (then there is no usable driver). */
  public static Optional<List<Gpu>> gpus() {
    Optional<Path> smi = onPath("nvidia-smi");
    if (smi.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder(smi.get().toString(), "--query-gpu=index,name,memory.total", "--format=csv,noheader,nounits")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 ? Optional.of(parse(out)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Parses {@code index, name, memory.total} CSV lines; lines that do not parse are skipped. */
  static List<Gpu> parse(String csv) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      String[] parts = line.split(",");
      if (parts.length < 3) {
        continue;
      }
      try {
        gpus.add(new Gpu(Integer.parseInt(parts[0].trim()), parts[1].trim(), Long.parseLong(parts[parts.length - 1].trim())));
      } catch (NumberFormatException e) {
        // a warning line or a header: not a GPU row
      }
    }
    return List.copyOf(gpus);
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
