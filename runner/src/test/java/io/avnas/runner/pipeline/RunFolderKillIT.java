package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.avnas.runner.report.ReportWriter;
import io.avnas.runner.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kill matrix with the real {@code ./avnas} launcher: {@code kill -9} during search, during
 * retraining and while the report is written, each followed by {@code run --resume}, gives the
 * genotype, model, metrics and results of the uninterrupted run byte for byte (wall-clock seconds
 * aside); a second {@code --resume} while the first process still holds the folder is refused with
 * one line naming it, and the lock a killed process left is taken over. A tiny config (200
 * synthetic clips, 8 + 8 epochs; one shared feature cache) keeps each process to seconds.
 */
class RunFolderKillIT {
  private static final Pattern EPOCH = Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)");
  private static Path launcher;
  private static Path root;
  private static Path baseline;

  @BeforeAll
  static void uninterruptedRun() throws Exception {
    launcher = Launcher.find("the kill tests");
    root = Files.createTempDirectory("avnas-kill");
    Process p = start("base");
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the uninterrupted run did not finish in 300 s");
    assertEquals(0, p.exitValue(), err("base"));
    baseline = root.resolve("runs/base");
  }

  @AfterAll
  static void removeRuns() throws IOException {
    if (root != null) {
      RunFolder.deleteTree(root);
    }
  }

  /** Starts {@code ./avnas run} (or {@code run --resume} when {@code resume}) for run {@code name}. */
  private static Process start(String name, String... resume) throws IOException {
    List<String> command = new ArrayList<>(List.of("run"));
    if (resume.length == 0) {
      command.addAll(List.of("-Davnas.dataset.synthetic.clips=200", "-Davnas.dataset.synthetic.identities=20",
          "-Davnas.search.epochs=8", "-Davnas.retrain.epochs=8", "-Davnas.run.name=" + name,
          "-Davnas.run.dir=" + root.resolve("runs"), "-Davnas.features.cache-dir=" + root.resolve("cache")));
    } else {
      command.addAll(List.of("--resume", root.resolve("runs").resolve(name).toString()));
    }
    String log = name + (resume.length == 0 ? "" : "-" + resume[0]);
    return Launcher.process(launcher, root, root.resolve(log + ".out"), root.resolve(log + ".err"), command).start();
  }

  private static String err(String log) throws IOException {
    return Files.readString(root.resolve(log + ".err"), StandardCharsets.UTF_8);
  }

  /** Waits (polling every 10 ms, at most 240 s) until {@code ready} holds for the run folder, then returns. */
  private static void await(Process p, Path dir, Predicate<Path> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!ready.test(dir)) {
      assertTrue(p.isAlive(), "the run ended before the kill point");
      assertTrue(System.nanoTime() < deadline, "the kill point was not reached in 240 s");
      Thread.sleep(10);
    }
  }

  private static Predicate<Path> committed(String stage, int epoch) {
    return dir -> {
      try {
        Matcher m = EPOCH.matcher(Files.readString(dir.resolve("checkpoints/" + stage + ".json")));
        return m.find() && Integer.parseInt(m.group(1)) >= epoch;
      } catch (IOException e) {
        return false;
      }
    };
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
  }

  private static void killNine(Process p) throws Exception {
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs.
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  private static int resume(String name, String log) throws Exception {
    Process p = start(name, log);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the resume did not finish in 300 s");
    return p.exitValue();
  }

  /** Genotype, model and metrics byte for byte; results.json apart from its wall-clock seconds and the run name. */
  private static void assertSameAsBaseline(Path dir) throws IOException {
    assertArrayEquals(Files.readAllBytes(baseline.resolve(RunFolder.GENOTYPE)), Files.readAllBytes(dir.resolve(RunFolder.GENOTYPE)));
    assertArrayEquals(Files.readAllBytes(baseline.resolve("checkpoints/model.params")),
        Files.readAllBytes(dir.resolve("checkpoints/model.params")));
    assertEquals(StandardExperimentTest.metricsWithoutTime(baseline), StandardExperimentTest.metricsWithoutTime(dir));
    JsonObject expected = StandardExperimentTest.resultsWithoutTime(baseline);
    JsonObject actual = StandardExperimentTest.resultsWithoutTime(dir);
    expected.remove("name");
    actual.remove("name");
    assertEquals(expected, actual);
    assertTrue(ReportWriter.complete(dir), "report.html and every plot it names");
  }

  @Test
  void killedInSearchWhileASecondResumeIsRefusedThenResumedExactly() throws Exception {
    Process a = start("search");
    Path dir = root.resolve("runs/search");
    await(a, dir, committed("search", 2));
    signal(a, "STOP"); // Frozen mid-search, lock held: what a second process meets while a run is going.
    assertFalse(Files.exists(dir.resolve(RunFolder.GENOTYPE)), "stopped during the search");

    assertEquals(2, resume("search", "second"), err("search-second"));
    String refused = err("search-second").strip();
    assertTrue(refused.startsWith("avnas: run folder " + dir + " is in use by process " + a.pid() + " (started "), refused);
    assertEquals(1, refused.lines().count(), refused);

    killNine(a);
    assertEquals(0, resume("search", "resume"), err("search-resume"));
    assertTrue(err("search-resume").contains("avnas: taking over the lock of " + dir + " from process " + a.pid()),
        err("search-resume"));
    assertSameAsBaseline(dir);
  }

  @Test
  void killedInRetrainingThenResumedExactly() throws Exception {
    Process a = start("retrain");
    Path dir = root.resolve("runs/retrain");
    await(a, dir, committed("retrain", 2));
    killNine(a);
    assertFalse(Files.exists(dir.resolve(RunFolder.RESULTS)), "killed during retraining");
    assertEquals(0, resume("retrain", "resume"), err("retrain-resume"));
    assertTrue(err("retrain-resume").contains("avnas: resuming retrain after epoch "), err("retrain-resume"));
    assertSameAsBaseline(dir);
  }

  @Test
  void killedWhileReportingThenTheResumeWritesTheReport() throws Exception {
    Process a = start("report");
    Path dir = root.resolve("runs/report");
    await(a, dir, d -> Files.exists(d.resolve(RunFolder.RESULTS)));
    killNine(a);
    boolean reportMissing = !ReportWriter.complete(dir);
    assertEquals(0, resume("report", "resume"), err("report-resume"));
    // The kill usually lands while the plots are drawn; if the report was already whole, resume says so.
    assertTrue(err("report-resume").contains(reportMissing ? "wrote the missing report" : "is already complete"),
        err("report-resume"));
    assertSameAsBaseline(dir);
  }
}
