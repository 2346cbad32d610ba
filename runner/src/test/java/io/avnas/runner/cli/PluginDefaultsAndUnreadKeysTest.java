package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chosen plugin's own reference.conf sets its block's defaults (shared keys included), {@code avnas
 * config} names each value's file, and keys the chosen plugin never reads warn (error with --strict).
 */
class PluginDefaultsAndUnreadKeysTest {
  @TempDir Path dir;

  /** The line of {@code key} inside the rendered {@code avnas.estimator} block, with its origin comment. */
  private static String estimatorLine(String out, String key) {
    String block = out.substring(out.indexOf("\n  estimator {"));
    return block.lines().filter(l -> l.startsWith("    " + key + " = ")).findFirst().orElse("");
  }

  @Test
  void reinmaxTakesTauFromItsOwnReferenceAndStgsKeepsPlatformApis() {
    CliRun reinmax = CliRun.of("config", "-Davnas.estimator.id=reinmax");
    assertEquals(0, reinmax.exit(), reinmax.err());
    assertTrue(reinmax.out().contains("# estimator built: reinmax, tau 1.0, forward hard"), reinmax.out());
    assertTrue(Pattern.matches("    tau = 1(\\.0)?  # estimator-reinmax.*reference\\.conf:\\d+", estimatorLine(reinmax.out(), "tau")),
        estimatorLine(reinmax.out(), "tau"));

    // reinmax's file is on the class path too, but it must not change the shared default for others.
    CliRun stgs = CliRun.of("config", "-Davnas.estimator.id=stgs");
    assertEquals(0, stgs.exit(), stgs.err());
    assertTrue(stgs.out().contains("# estimator built: stgs, tau 0.1, forward hard"), stgs.out());
    assertTrue(Pattern.matches("    tau = 0\\.1  # platform-api.*reference\\.conf:\\d+", estimatorLine(stgs.out(), "tau")),
        estimatorLine(stgs.out(), "tau"));
  }

  @Test
  void theUsersValueBeatsThePluginsDefaultAndNamesItsOrigin() throws IOException {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, "avnas.estimator {\n  id = reinmax\n  tau = 2.5\n}\n");
    CliRun fromFile = CliRun.of("config", file.toString());
    assertEquals(0, fromFile.exit(), fromFile.err());
    assertTrue(fromFile.out().contains("# estimator built: reinmax, tau 2.5"), fromFile.out());
    assertEquals("    tau = 2.5  # " + file.toAbsolutePath() + ":3", estimatorLine(fromFile.out(), "tau"));

    CliRun fromD = CliRun.of("config", file.toString(), "-Davnas.estimator.tau=3");
    assertEquals("    tau = 3  # -Davnas.estimator.tau", estimatorLine(fromD.out(), "tau"));
  }

  @Test
  void aKeyTheChosenEstimatorDoesNotReadWarnsOnceAndIsAnErrorWithStrict() {
    CliRun warned = CliRun.of("config", "-Davnas.estimator.id=stgs", "-Davnas.estimator.K=5");
    assertEquals(0, warned.exit(), warned.err());
    assertEquals(1, warned.err().lines().filter(l -> l.contains("avnas.estimator.K")).count(), warned.err());
    assertTrue(warned.err().contains("avnas: warning: avnas.estimator.K (set to 5) is not read by estimator 'stgs', which reads"
        + " forward, tau"), warned.err());

    CliRun strict = CliRun.of("config", "--strict", "-Davnas.estimator.id=stgs", "-Davnas.estimator.K=5");
    assertEquals(AvnasCommand.EXIT_INVALID, strict.exit());
    assertTrue(strict.err().startsWith("avnas: avnas.estimator.K (set to 5) is not read by estimator 'stgs'"), strict.err());
    assertTrue(strict.out().isEmpty(), "no tree on stdout after an error");
  }

  @Test
  void keysTheEstimatorReadsOrThatRestateADefaultRaiseNothing() throws IOException {
    // grmc reads K; stgs given K at its default (as a run folder's config.conf restates every default).
    CliRun grmc = CliRun.of("config", "--strict", "-Davnas.estimator.id=grmc", "-Davnas.estimator.K=5");
    assertEquals(0, grmc.exit(), grmc.err());
    Path resumed = dir.resolve("config.conf");
    Files.writeString(resumed, "avnas.estimator { id = stgs, K = 100, noise-gradient = constant, tau = 0.3 }\n");
    CliRun restated = CliRun.of("config", "--strict", resumed.toString());
    assertEquals(0, restated.exit(), restated.err());
    assertFalse(restated.err().contains("warning"), restated.err());
  }

  @Test
  void otherPluginBlocksAreCheckedToo() {
    CliRun r = CliRun.of("config", "-Davnas.dataset.id=synthetic", "-Davnas.dataset.root=/nowhere");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("avnas: warning: avnas.dataset.root (set to \"/nowhere\") is not read by dataset 'synthetic'"),
        r.err());
  }
}
