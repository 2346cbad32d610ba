package io.avnas.runner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see either the old content or the new one, never half a file. */
public final class AtomicWrite {
  private AtomicWrite() {}

  /** Writes UTF-8 text atomically (temp file in the same folder, then an atomic rename). */
  public static void text(Path target, String content) throws IOException {
    bytes(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes atomically (temp file in the same folder, then an atomic rename). */
  public static void bytes(Path target, byte[] content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    // The temp name is unique per writer, so concurrent writers (shards gathering at the same time
    // on a shared folder) never share a temp file; the last rename wins with a complete file.
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
