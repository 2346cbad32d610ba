package io.avnas.runner.files;

import io.avnas.runner.workspace.UserError;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes a file so that readers see either the old content or the new one, never half a file: the
 * content goes to a temporary file in the same folder ({@code .<name>.<random>.tmp}), is flushed to
 * the disk, and is then renamed over the target. A failed write (a full disk, a read-only folder)
 * removes its temporary file and ends in one {@link UserError} line that names the file, the folder
 * and the config key that moves that folder elsewhere. Every file avnas writes goes through here.
 */
public final class AtomicWrite {
  /** The suffix of every temporary file this class creates (what a cleanup of a killed run removes). */
  public static final String TEMP_SUFFIX = ".tmp";

  /** The key that moves run folders, named by a failed write that names no other. */
  public static final String RUN_DIR_KEY = "avnas.run.dir";

  /** Writes the content of a file. */
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  private AtomicWrite() {}

  /** Writes UTF-8 text atomically. */
  public static void text(Path target, String content) {
    bytes(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes atomically. */
  public static void bytes(Path target, byte[] content) {
    write(target, out -> out.write(content));
  }

  /** Writes what {@code body} produces atomically; a failure names {@link #RUN_DIR_KEY}. */
  public static void write(Path target, Body body) {
    write(target, RUN_DIR_KEY, body);
  }

  /**
   * Writes what {@code body} produces atomically.
   *
   * @param folderKey the config key that moves the target's folder, named by a failure
   */
  public static void write(Path target, String folderKey, Body body) {
    try (Pending pending = open(target, folderKey)) {
      try {
        body.write(pending.out());
      } catch (IOException e) {
        throw failed(target, folderKey, e);
      }
      pending.commit();
    }
  }

  /**
   * Starts a write whose content comes over several calls (a file streamed batch by batch): write to
   * {@link Pending#out()}, then {@link Pending#commit()}; closing without a commit leaves the target
   * as it was and removes the temporary file.
   */
  public static Pending open(Path target, String folderKey) {
    Path folder = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
      // The temp name is unique per writer, so concurrent writers (shards gathering at the same time
      // on a shared folder) never share a temp file; the last rename wins with a complete file.
      Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
      return new Pending(target, temp, folderKey);
    } catch (IOException e) {
      throw failed(target, folderKey, e);
    }
  }

  /** A write in progress: its stream, and the commit that moves it into place. */
  public static final class Pending implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final String folderKey;
    private final FileOutputStream file;
    private final OutputStream out;
    private boolean done;

    private Pending(Path target, Path temp, String folderKey) throws IOException {
      this.target = target;
      this.temp = temp;
      this.folderKey = folderKey;
      this.file = new FileOutputStream(temp.toFile());
      this.out = new BufferedOutputStream(file, 1 << 16);
    }

    public OutputStream out() {
      return out;
    }

    /** Flushes to the disk and renames into place: after a crash the target is the old file or the whole new one. */
    public void commit() {
      try {
        out.flush();
        file.getChannel().force(true);
        out.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        done = true;
      } catch (IOException e) {
        throw failed(target, folderKey, e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        // A full disk fails the last flush too; the temporary file goes below all the same.
      }
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Nothing more can be done; a later start removes leftover temp files of its run folder.
        }
      }
    }
  }

  /** The one line a failed write of {@code target} in a run folder ends in. */
  public static UserError failed(Path target, IOException e) {
    return failed(target, RUN_DIR_KEY, e);
  }

  /** The one line a failed write of {@code target} ends in; {@code folderKey} moves its folder. */
  public static UserError failed(Path target, String folderKey, IOException e) {
    Path folder = target.toAbsolutePath().getParent();
    String reason = reason(e);
    boolean runFolder = RUN_DIR_KEY.equals(folderKey);
    String what = runFolder ? "run folders" : "them";
    String fix = isDiskFull(e)
        ? "free space in " + folder + " or move " + what + " to a disk with room (" + folderKey + "); nothing partial was left"
            + " behind" + (runFolder ? ", and avnas run --resume continues from the last checkpoint" : "")
        : "check that " + folder + " is writable, or move " + what + " elsewhere (" + folderKey + ")";
    return new UserError("cannot write " + target + ": " + reason + "; " + fix, e);
  }
  /** True for "No space left on device" (ENOSPC) and "Disk quota exceeded" (EDQUOT), however Java wraps them. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
      if (m != null) {
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("quota exceeded")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String reason(IOException e) {
    if (isDiskFull(e)) {
      return "no space left on the device";
    }
    String m = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
