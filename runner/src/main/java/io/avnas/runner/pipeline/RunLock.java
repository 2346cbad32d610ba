package io.avnas.runner.pipeline;

import io.avnas.runner.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The one-writer lock of a run folder: an exclusive {@link FileChannel#tryLock()} on
 * {@code <run>/.lock}, held for the life of {@code run} and {@code run --resume}. The file holds the
 * holder's PID and start time, so a second process is refused with one line naming them.
 *
 * <p>The operating system releases the lock when its holder dies, even by {@code kill -9}; such a
 * stale lock is recognised because its file still names the dead holder (a holder that ends normally
 * empties it), and it is taken over with a note. The file itself is never deleted: deleting a lock
 * file lets two processes lock two different files of the same name.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside the run folder. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code runDir} (which must exist) for this process.
   *
   * @throws UserError when another process, or another run in this process, holds it
   */
  public static RunLock acquire(Path runDir, PrintWriter progress) {
    Path file = runDir.resolve(FILE);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new UserError("run folder " + runDir + " is in use by " + holder(file).orElse("another process")
            + "; wait for it to finish, or stop that process and continue with: avnas run --resume " + runDir);
      }
      Optional<String> stale = holder(file);
      if (stale.isPresent()) {
        progress.println("avnas: taking over the lock of " + runDir + " from " + stale.get()
            + ", which ended without releasing it");
      }
      ProcessHandle self = ProcessHandle.current();
      String me = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now()) + "\n";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UserError("cannot lock run folder " + runDir + " (" + e.getMessage() + "); check that it is writable", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Who holds (or last held) the lock, as "process <pid> (started <time>)"; empty when the file is empty. */
  private static Optional<String> holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String[] parts = text.split(", started ", 2);
      return Optional.of(parts.length == 2 ? "process " + parts[0].replace("pid ", "") + " (started " + parts[1] + ")"
          : "process " + text);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Empties the file (a clean end is not a stale lock) and releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException ignored) {
      // The lock goes with the channel; an unemptied file only causes a harmless take-over note.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing releases the lock; there is nothing else to undo.
      }
    }
  }
}
