package io.avnas.runner.pipeline;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The run folder contract ({@code config.conf}, {@code provenance.json}, {@code checkpoints/},
 * {@code genotype.json}, {@code metrics.jsonl}, {@code results.json}, {@code report.html},
 * {@code plots/}). Every write goes to a temporary file in the same folder and is then moved into
 * place atomically, so a killed run never leaves a half-written file behind.
 */
public final class RunFolder {
  public static final String CONFIG = "config.conf";
  public static final String PROVENANCE = "provenance.json";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String GENOTYPE = "genotype.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String RESULTS = "results.json";

  /** Writes binary content. */
  public interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public Path checkpoint(String name) {
    return dir.resolve(CHECKPOINTS).resolve(name);
  }

  public boolean has(String name) {
    return Files.exists(file(name));
  }

  public String read(String name) throws IOException {
    return Files.readString(file(name), StandardCharsets.UTF_8);
  }

  public void writeText(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Atomically replaces {@code target}. */
  public static void write(Path target, Writer writer) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream file = Files.newOutputStream(temp);
          DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
        writer.write(out);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Appends one line to metrics.jsonl (by an atomic rewrite: the file is small). */
  public void appendMetric(String json) throws IOException {
    List<String> lines = metricLines();
    lines.add(json);
    writeText(file(METRICS), String.join("\n", lines) + "\n");
  }

  /** Keeps only the metric lines {@code keep} accepts (used when resuming from a checkpoint). */
  public void retainMetrics(Predicate<String> keep) throws IOException {
    List<String> lines = new ArrayList<>(metricLines().stream().filter(keep).toList());
    writeText(file(METRICS), lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }

  public List<String> metricLines() throws IOException {
    if (!has(METRICS)) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Files.readAllLines(file(METRICS), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList());
  }

  /** Deletes a folder tree (for {@code --overwrite}). */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
