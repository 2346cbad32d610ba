package io.avnas.runner.pipeline;

import io.avnas.runner.workspace.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer lock of a run folder: an exclusive {@link FileChannel#tryLock()} on
 * {@code <run>/.lock}, held for the life of {@code run} and {@code run --resume}. The file holds the
 * holder's PID and start time, so a second process is refused with one line naming them.
 *
 * <p>The operating system releases the lock when its holder dies, even by {@code kill -9}; such a
 * stale lock is recognised because its file still names the dead holder (a holder that ends normally
 * empties it), and it is taken over with a note. The file itself is never deleted: deleting a lock
 * file lets two processes lock two different files of the same name.
 *
 * <p>POSIX locks belong to the process, and closing any descriptor of the file drops them all, so
 * the holder never opens the file a second time: its content is read through the locking channel,
 * and a second lock in the same process is refused from an in-memory table before the file is opened.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside the run folder. */
  public static final String FILE = ".lock";

  /** Lock files held by this process, with the holder line they contain. */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code runDir} (which must exist) for this process.
   *
   * @throws UserError when another process, or another run in this process, holds it
   */
  public static synchronized RunLock acquire(Path runDir, PrintWriter progress) {
    Path file = runDir.resolve(FILE).toAbsolutePath().normalize();
    if (HELD.containsKey(file)) {
      throw inUse(runDir, holder(HELD.get(file)));
    }
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
        String text = read(channel);
        channel.close();
        throw inUse(runDir, holder(text));
      }
      Optional<String> stale = holder(read(channel));
      if (stale.isPresent()) {
        progress.println("avnas: taking over the lock of " + runDir + " from " + stale.get()
            + ", which ended without releasing it");
      }
      ProcessHandle self = ProcessHandle.current();
      String me = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now()) + "\n";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      HELD.put(file, me);
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UserError("cannot lock run folder " + runDir + " (" + e.getMessage() + "); check that it is writable", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static UserError inUse(Path runDir, Optional<String> holder) {
    return new UserError("run folder " + runDir + " is in use by " + holder.orElse("another process")
        + "; wait for it to finish, or stop that process and continue with: avnas run --resume " + runDir);
  }

  /** The lock file's content, read through {@code channel} (never through a second descriptor). */
  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 4096);
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // Reads until the buffer is full or the file ends.
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  /** Who holds (or last held) the lock, as "process <pid> (started <time>)"; empty when nobody is named. */
  private static Optional<String> holder(String content) {
    String text = content.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = text.split(", started ", 2);
    return Optional.of(parts.length == 2 ? "process " + parts[0].replace("pid ", "") + " (started " + parts[1] + ")"
        : "process " + text);
  }

  /** Empties the file (a clean end is not a stale lock) and releases the lock. */
  @Override
  public void close() {
    HELD.remove(file);
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
