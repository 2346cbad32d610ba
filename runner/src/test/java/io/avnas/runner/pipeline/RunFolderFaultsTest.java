package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.avnas.api.data.Split;
import io.avnas.runner.pipeline.StandardExperimentTest.Killed;
import io.avnas.runner.report.ReportWriter;
import io.avnas.runner.workspace.UserError;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of a run folder, in process, on the tiny planted config of
 * {@link StandardExperimentTest}: every damaged checkpoint, a missing report, leftovers, a full
 * disk, divergence. Each case ends in results identical to the uninterrupted run, or in one named
 * error line (a {@link UserError}); none continues silently from a modified state. The kill -9
 * cases with real processes are in {@code RunFolderKillIT}.
 */
class RunFolderFaultsTest {
  /** The uninterrupted run every case is compared with (with the real report, for the report cases). */
  private static Path baseline;
  private static Path baselineRoot;

  @TempDir Path temp;
  private final StringWriter log = new StringWriter();

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    baselineRoot = Files.createTempDirectory("avnas-faults");
    baseline = baselineRoot.resolve("a");
    run(baseline, Setup.EpochHook.NONE, false, Reports.standard(), new StringWriter());
  }

  @AfterAll
  static void removeBaseline() throws IOException {
    RunFolder.deleteTree(baselineRoot);
  }

  static Path run(Path dir, Setup.EpochHook hook, boolean resume, Reports reports, StringWriter log) throws IOException {
    return run(StandardExperimentTest.CONFIG, dir, hook, resume, reports, log);
  }

  static Path run(Config config, Path dir, Setup.EpochHook hook, boolean resume, Reports reports, StringWriter log)
      throws IOException {
    Setup setup = new Setup(config, StandardExperimentTest.estimator(), TestRuns.bimodal(),
        p -> StandardExperimentTest.FEATURES, (d, p) -> StandardExperimentTest.FEATURES.get(Split.TEST), reports, hook);
    return new StandardExperiment().run(setup, dir, resume, new PrintWriter(log, true));
  }

  private Path resume(Path dir, Setup.EpochHook hook) throws IOException {
    return run(dir, hook, true, runDir -> {}, log);
  }

  static Setup.EpochHook killAfter(String stage, int epoch) {
    return (s, e) -> {
      if (s.equals(stage) && e == epoch) {
        throw new Killed(s, e);
      }
    };
  }

  /** Genotype, metrics (without wall-clock seconds) and results (without seconds) equal the baseline's. */
  static void assertSameAsBaseline(Path dir) throws IOException {
    assertEquals(Files.readString(baseline.resolve(RunFolder.GENOTYPE)), Files.readString(dir.resolve(RunFolder.GENOTYPE)));
    assertEquals(StandardExperimentTest.metricsWithoutTime(baseline), StandardExperimentTest.metricsWithoutTime(dir));
    assertEquals(StandardExperimentTest.resultsWithoutTime(baseline), StandardExperimentTest.resultsWithoutTime(dir));
  }

  @Test
  void damagedSearchCheckpointsFallBackToThePreviousOneOrStopWithOneLine() throws IOException {
    Path c = temp.resolve("c");
    assertThrows(Killed.class, () -> run(c, killAfter("search", 3), false, runDir -> {}, log));
    Path e2 = c.resolve("checkpoints/search-e2.ckpt");
    Path e3 = c.resolve("checkpoints/search-e3.ckpt");

    // 16 bytes set to other values: before, the resume went on silently with another genotype.
    byte[] bytes = Files.readAllBytes(e3);
    for (int i = 0; i < 16; i++) {
      bytes[bytes.length / 2 + i] ^= (byte) 0x3c;
    }
    Files.write(e3, bytes);
    assertThrows(Killed.class, () -> resume(c, killAfter("search", 3)));
    assertTrue(log.toString().contains("avnas: warning: " + e3 + " is damaged or was modified (checksum mismatch);"
        + " resuming the search from the previous good checkpoint " + e2 + " (epoch 2)"), log.toString());

    // NaN in a checkpoint with a valid checksum: a bad file, not "search diverged ... lower the lr".
    poisonWithNaN(e3, "search-checkpoint");
    log.getBuffer().setLength(0);
    assertThrows(Killed.class, () -> resume(c, killAfter("search", 3)));
    assertTrue(log.toString().contains(e3 + " holds a state this run cannot use (") && log.toString().contains(
        "holds NaN or infinite values); resuming the search from the previous good checkpoint " + e2), log.toString());

    // Both truncated: no good one is left, so one line says what to do, before any epoch runs.
    Files.write(e3, new byte[0]);
    Files.write(e2, java.util.Arrays.copyOf(Files.readAllBytes(e2), 1000));
    List<String> epochs = new ArrayList<>();
    UserError none = assertThrows(UserError.class, () -> resume(c, (s, e) -> epochs.add(s + e)));
    assertEquals(e3 + " is truncated (0 bytes, shorter than any header), and no earlier good checkpoint of the search"
        + " is left; delete " + c.resolve("checkpoints/search-e*.ckpt") + " to redo the search from its first epoch,"
        + " or start the run again with --overwrite", none.getMessage());
    assertEquals(List.of(), epochs);

    // Following that advice redoes the search, and the run ends as the uninterrupted one did.
    Files.delete(e2);
    Files.delete(e3);
    log.getBuffer().setLength(0);
    resume(c, Setup.EpochHook.NONE);
    assertTrue(log.toString().contains("no checkpoint of the search is left"), log.toString());
    assertSameAsBaseline(c);
  }

  @Test
  void aTruncatedRetrainCheckpointIsFoundAtResumeAndLeftoversAreRemoved() throws IOException {
    Path d = temp.resolve("d");
    assertThrows(Killed.class, () -> run(d, killAfter("retrain", 1), false, runDir -> {}, log));
    Path e1 = d.resolve("checkpoints/retrain-e1.ckpt");
    Files.write(e1, java.util.Arrays.copyOf(Files.readAllBytes(e1), (int) Files.size(e1) - 7));
    // What killed writes leave: temp files of a checkpoint and of metrics.jsonl.
    Files.write(d.resolve("checkpoints/.retrain-e2.ckpt.4711.tmp"), new byte[720]);
    Files.write(d.resolve(".metrics.jsonl.4712.tmp"), new byte[0]);

    List<String> epochs = new ArrayList<>();
    UserError bad = assertThrows(UserError.class, () -> resume(d, (s, e) -> epochs.add(s + e)));
    assertTrue(bad.getMessage().startsWith(e1 + " is truncated (its header promises "), bad.getMessage());
    assertEquals(List.of(), epochs, "found before any more epochs run, not in restoreBest at the end");
    assertTrue(log.toString().contains("avnas: removed 2 temporary file(s) a killed write left in " + d), log.toString());
    try (Stream<Path> files = Files.walk(d)) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
    }

    Files.delete(e1);
    resume(d, Setup.EpochHook.NONE);
    assertSameAsBaseline(d);
  }

  @Test
  void aResumeFinishesWhatIsMissingAndOtherwiseSaysAlreadyComplete() throws IOException {
    Path e = temp.resolve("e");
    copyTree(baseline, e);
    // A kill after results.json, before or while the report was written.
    Files.delete(e.resolve(ReportWriter.REPORT));
    RunFolder.deleteTree(e.resolve(ReportWriter.PLOTS));
    run(e, Setup.EpochHook.NONE, true, Reports.standard(), log);
    assertTrue(log.toString().contains("avnas: " + e + ": wrote the missing report"), log.toString());
    assertTrue(ReportWriter.complete(e));
    try (Stream<Path> plots = Files.list(e.resolve(ReportWriter.PLOTS))) {
      assertEquals(countFiles(baseline.resolve(ReportWriter.PLOTS)), plots.count(), "every plot is back");
    }

    log.getBuffer().setLength(0);
    run(e, Setup.EpochHook.NONE, true, Reports.standard(), log);
    assertEquals("avnas: " + e + " is already complete", log.toString().strip());

    // A finished run that lost genotype.json gets it back from its checkpoints, identical.
    Files.delete(e.resolve(RunFolder.GENOTYPE));
    run(e, Setup.EpochHook.NONE, true, Reports.standard(), log);
    assertSameAsBaseline(e);
    assertTrue(Files.readString(e.resolve(ReportWriter.REPORT)).contains("Genotype"));
  }

  @Test
  void aFullDiskEndsInOneLineLeavesNothingPartialAndTheRunResumesOnceThereIsSpace() throws Exception {
    long ckpt = Files.size(baseline.resolve("checkpoints/search-e3.ckpt"));
    long small = 0;
    for (String f : List.of(RunFolder.CONFIG, RunFolder.PROVENANCE, RunFolder.METRICS, "checkpoints/search.json")) {
      small += pages(Files.size(baseline.resolve(f)));
    }
    // Room for the small files and the first search checkpoint, not for the second beside it.
    long size = small + pages(ckpt) + pages(ckpt / 2) + 4 * 4096;
    Path mount = Files.createDirectories(temp.resolve("tmpfs"));
    mountTmpfs(mount, size);
    try {
      Path f = mount.resolve("f");
      UserError full = assertThrows(UserError.class, () -> run(f, Setup.EpochHook.NONE, false, runDir -> {}, log));
      String m = full.getMessage();
      assertTrue(m.startsWith("cannot write " + f.resolve("checkpoints")), m);
      assertTrue(m.contains(": no space left on the device; free space in " + f.resolve("checkpoints")
          + " or move run folders to a disk with room (avnas.run.dir)"), m);
      assertFalse(m.contains("\n"), "one line");
      try (Stream<Path> files = Files.walk(f)) {
        assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
            "nothing partial is left behind");
      }
      assertEquals(1, new StageCheckpoints(new RunFolder(f), "search").committedEpoch(), "epoch 1 was committed");
      exec("mount", "-o", "remount,size=64m", mount.toString());
      resume(f, Setup.EpochHook.NONE);
      assertSameAsBaseline(f);
    } finally {
      exec("umount", mount.toString());
    }
  }

  @Test
  void aRetrainThatDivergesStopsWithTheKeyToChange() throws IOException {
    Config wild = TestRuns.config(Map.of("avnas.search.epochs", "1", "avnas.retrain.epochs", "2",
        "avnas.search.batch-size", "32", "avnas.retrain.batch-size", "32", "avnas.retrain.lr", "1e30"));
    Path g = temp.resolve("g");
    UserError diverged = assertThrows(UserError.class, () -> run(wild, g, Setup.EpochHook.NONE, false, runDir -> {}, log));
    assertTrue(diverged.getMessage().startsWith("retraining diverged at epoch 1: train loss "), diverged.getMessage());
    assertTrue(diverged.getMessage().endsWith("lower avnas.retrain.lr and run again with --overwrite"), diverged.getMessage());
  }

  /** Sets the first parameter array of a checkpoint to NaN and rewrites it with a valid checksum. */
  static void poisonWithNaN(Path checkpoint, String kind) throws IOException {
    byte[] body = VerifiedFile.read(checkpoint, kind);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    byte[] params = new byte[in.readInt()];
    in.readFully(params);
    byte[] rest = in.readAllBytes();
    byte[] poisoned;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList list = NDList.decode(manager, params);
      list.set(0, list.get(0).mul(Float.NaN));
      poisoned = list.encode();
    }
    VerifiedFile.write(checkpoint, kind, out -> {
      out.writeInt(poisoned.length);
      out.write(poisoned);
      out.write(rest);
    });
  }

  private static long countFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  private static long pages(long bytes) {
    return (bytes + 4095) / 4096 * 4096;
  }

  private static void mountTmpfs(Path at, long bytes) throws Exception {
    String why = exec("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", at.toString());
    Assumptions.assumeTrue(why == null, () -> "skipped: cannot mount a small tmpfs here (" + why
        + "); the disk-full case needs root or CAP_SYS_ADMIN");
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String exec(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", command) + " did not finish";
    }
    return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
