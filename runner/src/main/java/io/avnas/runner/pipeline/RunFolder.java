package io.avnas.runner.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.files.MetricLine;
import io.avnas.runner.workspace.UserError;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The run folder contract ({@code config.conf}, {@code provenance.json}, {@code checkpoints/},
 * {@code genotype.json}, {@code metrics.jsonl}, {@code results.json}, {@code report.html},
 * {@code plots/}, and the {@link RunLock} file {@code .lock}). Every write goes through
 * {@link AtomicWrite} (a temporary file in the same folder, flushed, then renamed into place), so a
 * killed run never leaves a half-written file behind, and a full disk ends in one line.
 */
public final class RunFolder {
  public static final String CONFIG = "config.conf";
  public static final String PROVENANCE = "provenance.json";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String GENOTYPE = "genotype.json";
  public static final String METRICS = "metrics.jsonl";
  public static final String RESULTS = "results.json";
  /** The selected network's parameters, in {@code checkpoints/} (a {@link VerifiedFile}). */
  public static final String MODEL = "model.params";

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

  public void writeText(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Atomically replaces {@code target}. */
  public static void write(Path target, Writer writer) {
    AtomicWrite.write(target, raw -> {
      DataOutputStream out = new DataOutputStream(raw);
      writer.write(out);
      out.flush();
    });
  }

  /** The files that make a finished run, besides results.json and the report (in the order they are written). */
  public List<String> missingResults() {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(CONFIG, PROVENANCE, GENOTYPE, METRICS, CHECKPOINTS + "/" + MODEL)) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * Removes the temporary files a killed write left in this folder, {@code checkpoints/} and
   * {@code plots/}; only safe while this process holds the {@link RunLock}.
   *
   * @return how many were removed
   */
  public int removeLeftovers() throws IOException {
    int removed = 0;
    for (Path folder : List.of(dir, dir.resolve(CHECKPOINTS), dir.resolve("plots"))) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path p : files.filter(RunFolder::isTemp).toList()) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean isTemp(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") && name.endsWith(AtomicWrite.TEMP_SUFFIX) && Files.isRegularFile(p);
  }

  /** True when the folder holds anything but its lock file. */
  public boolean hasContent() throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE));
    }
  }

  /**
   * Starts a new run here: refuses a folder that holds a run already, then writes config.conf (the
   * resolved configuration, every default included).
   */
  public void start(Config config) throws IOException {
    if (hasContent()) {
      throw new UserError("run folder " + dir + " already exists; pass --overwrite to replace it or --resume "
          + dir + " to continue it");
    }
    writeText(file(CONFIG), "# The resolved configuration of this run (every default included). Resume with --resume.\n"
        + config.withOnlyPath("avnas").root().render(ConfigRenderOptions.defaults().setOriginComments(false)
            .setJson(false)));
  }

  /**
   * For a resume: removes what a killed write left, and says whether the run had finished; then it
   * writes only what is missing (the report).
   */
  public boolean resumeFinished(Reports reports, PrintWriter progress) throws IOException {
    int removed = removeLeftovers();
    if (removed > 0) {
      progress.println("avnas: removed " + removed + " temporary file(s) a killed write left in " + dir);
    }
    if (!has(RESULTS) || !missingResults().isEmpty()) {
      return false;
    }
    if (reports.complete(dir)) {
      progress.println("avnas: " + dir + " is already complete");
    } else {
      reports.write(dir);
      progress.println("avnas: " + dir + ": wrote the missing report");
    }
    return true;
  }

  /** Drops the metric lines of epochs that no checkpoint commit of their stage covers (a kill between the two writes). */
  public void dropUncommittedMetrics(String... stages) throws IOException {
    Map<String, Integer> committed = new HashMap<>();
    for (String stage : stages) {
      committed.put(stage, new StageCheckpoints(this, stage).committedEpoch());
    }
    retainMetrics(line -> line.epoch() <= committed.getOrDefault(line.stage(), 0));
  }

  /** Appends one line to metrics.jsonl (by an atomic rewrite: the file is small). */
  public void appendMetric(MetricLine line) throws IOException {
    List<String> lines = lines();
    lines.add(line.text());
    writeText(file(METRICS), String.join("\n", lines) + "\n");
  }

  /**
   * Keeps only the metric lines {@code keep} accepts (used when resuming from a checkpoint); a line
   * that is not a metrics line goes too.
   */
  public void retainMetrics(Predicate<MetricLine> keep) throws IOException {
    List<String> lines = lines().stream().filter(l -> MetricLine.parse(l).filter(keep).isPresent()).toList();
    writeText(file(METRICS), lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }

  /** The lines of metrics.jsonl, in order; a line that is not a metrics line is left out. */
  public List<MetricLine> metricLines() throws IOException {
    return lines().stream().flatMap(l -> MetricLine.parse(l).stream()).toList();
  }

  private List<String> lines() throws IOException {
    if (!has(METRICS)) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Files.readAllLines(file(METRICS), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList());
  }

  /**
   * Empties a run folder for {@code --overwrite}, under its lock, so a run still writing there is
   * never deleted from under it (that run's lock refuses this one).
   */
  public static void clear(Path runDir, java.io.PrintWriter progress) throws IOException {
    if (!Files.isDirectory(runDir)) {
      return;
    }
    try (RunLock lock = RunLock.acquire(runDir, progress);
        Stream<Path> entries = Files.list(runDir)) {
      for (Path p : entries.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).toList()) {
        deleteTree(p);
      }
    }
  }

  /** Deletes a folder tree. */
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
