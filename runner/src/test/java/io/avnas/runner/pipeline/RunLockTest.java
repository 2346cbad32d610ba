package io.avnas.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder lock within one process (the IT covers two processes and a kill -9). */
class RunLockTest {
  @TempDir Path dir;
  private final StringWriter log = new StringWriter();
  private final PrintWriter progress = new PrintWriter(log, true);

  @Test
  void aSecondHolderIsRefusedWithThePidAndStartOfTheFirst() {
    long pid = ProcessHandle.current().pid();
    try (RunLock first = RunLock.acquire(dir, progress)) {
      UserError refused = assertThrows(UserError.class, () -> RunLock.acquire(dir, progress));
      assertTrue(refused.getMessage().startsWith("run folder " + dir + " is in use by process " + pid + " (started "),
          refused.getMessage());
      assertTrue(refused.getMessage().endsWith("continue with: avnas run --resume " + dir), refused.getMessage());
    }
    // Released: the next holder gets it, and a clean release is no stale lock.
    try (RunLock again = RunLock.acquire(dir, progress)) {
      assertEquals("", log.toString());
    }
  }

  @Test
  void theLockOfAHolderThatDiedIsTakenOverWithANote() throws IOException {
    // What a kill -9 leaves: the OS dropped the lock, the file still names the dead holder.
    Files.writeString(dir.resolve(RunLock.FILE), "pid 999999, started 2026-01-01T00:00:00Z\n");
    try (RunLock lock = RunLock.acquire(dir, progress)) {
      assertEquals("avnas: taking over the lock of " + dir + " from process 999999 (started 2026-01-01T00:00:00Z),"
          + " which ended without releasing it", log.toString().strip());
      assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith("pid " + ProcessHandle.current().pid() + ","));
    }
    assertEquals("", Files.readString(dir.resolve(RunLock.FILE)), "a clean release empties the file");
  }

  @Test
  void overwriteRefusesAFolderInUseAndKeepsItsFiles() throws IOException {
    Files.writeString(dir.resolve("results.json"), "{}");
    try (RunLock running = RunLock.acquire(dir, progress)) {
      assertThrows(UserError.class, () -> RunFolder.clear(dir, progress));
      assertTrue(Files.exists(dir.resolve("results.json")));
    }
    RunFolder.clear(dir, progress);
    assertTrue(Files.notExists(dir.resolve("results.json")));
  }
}
