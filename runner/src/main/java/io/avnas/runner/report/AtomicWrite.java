package io.avnas.runner.report;

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
 * and the key that moves run folders elsewhere.
 */
public final class AtomicWrite {
  /** The suffix of every temporary file this class creates (what a cleanup of a killed run removes). */
  public static final String TEMP_SUFFIX = ".tmp";

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

  /** Writes what {@code body} produces atomically. */
  public static void write(Path target, Body body) {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(folder);
      // The temp name is unique per writer, so concurrent writers (shards gathering at the same time
      // on a shared folder) never share a temp file; the last rename wins with a complete file.
      temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
      try (FileOutputStream file = new FileOutputStream(temp.toFile());
          OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
        body.write(out);
        out.flush();
        // On the disk before the rename: after a crash the target is the old file or the whole new one.
        file.getChannel().force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw failed(target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Nothing more can be done; a later start removes leftover temp files of its run folder.
        }
      }
    }
  }

  /** The one line a failed write of {@code target} ends in. */
  public static UserError failed(Path target, IOException e) {
    Path folder = target.toAbsolutePath().getParent();
    String reason = reason(e);
    String fix = isDiskFull(e)
        ? "free space in " + folder + " or move run folders to a disk with room (avnas.run.dir); nothing partial was left"
            + " behind, and avnas run --resume continues from the last checkpoint"
        : "check that " + folder + " is writable, or move run folders elsewhere (avnas.run.dir)";
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
