package io.avnas.runner.features;

import ai.djl.ndarray.NDList;
import io.avnas.runner.workspace.UserError;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The full, unpooled backbone maps of one split ({@code avnas.features.keep-maps = true}):
 * {@code <dir>/<split>-<hash>.maps}. Layout: magic, format version, then for every batch and
 * modality an int byte count and DJL's {@code NDList} encoding of the taps. Written to a temporary
 * file and moved into place only by {@link #commit()}, so an interrupted run leaves no maps file.
 */
final class MapsFile implements AutoCloseable {
  static final String MAGIC = "avnas-maps";

  private final Path tmp;
  private final Path target;
  private final DataOutputStream out;
  private boolean committed;

  private MapsFile(Path tmp, Path target) throws IOException {
    this.tmp = tmp;
    this.target = target;
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
    out.writeUTF(MAGIC);
    out.writeInt(FeatureCache.FORMAT_VERSION);
  }

  static MapsFile open(Path dir, CacheKey key) {
    try {
      Files.createDirectories(dir);
      return new MapsFile(Files.createTempFile(dir, key.fileStem(), ".tmp"), dir.resolve(key.fileStem() + ".maps"));
    } catch (IOException e) {
      throw failed(dir.resolve(key.fileStem() + ".maps"), e);
    }
  }

  void append(NDList taps) {
    try {
      byte[] bytes = taps.encode();
      out.writeInt(bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      throw failed(target, e);
    }
  }

  void commit() {
    try {
      out.close();
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      committed = true;
    } catch (IOException e) {
      throw failed(target, e);
    }
  }

  /** One line naming the file and the key that moves the cache (a full disk included). */
  private static UserError failed(Path file, IOException e) {
    return new UserError("cannot write the maps file " + file + " (" + e.getMessage() + "); free space there or move"
        + " the feature cache with avnas.features.cache-dir", e);
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        out.close();
      } catch (IOException e) {
        // A full disk fails the last flush too; the temporary file goes below all the same.
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + tmp + ": " + e.getMessage(), e);
      }
    }
  }
}
