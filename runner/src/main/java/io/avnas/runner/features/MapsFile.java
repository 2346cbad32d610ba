package io.avnas.runner.features;

import ai.djl.ndarray.NDList;
import io.avnas.runner.files.AtomicWrite;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The full, unpooled backbone maps of one split ({@code avnas.features.keep-maps = true}):
 * {@code <dir>/<split>-<hash>.maps}. Layout: magic, format version, then for every batch and
 * modality an int byte count and DJL's {@code NDList} encoding of the taps. Written to a temporary
 * file and moved into place only by {@link #commit()}, so an interrupted run leaves no maps file.
 */
final class MapsFile implements AutoCloseable {
  static final String MAGIC = "avnas-maps";

  private final Path target;
  private final AtomicWrite.Pending pending;
  private final DataOutputStream out;

  private MapsFile(Path target) {
    this.target = target;
    this.pending = AtomicWrite.open(target, FeatureCache.CACHE_DIR_KEY);
    this.out = new DataOutputStream(pending.out());
    try {
      out.writeUTF(MAGIC);
      out.writeInt(FeatureCache.FORMAT_VERSION);
    } catch (IOException e) {
      pending.close();
      throw AtomicWrite.failed(target, FeatureCache.CACHE_DIR_KEY, e);
    }
  }

  static MapsFile open(Path dir, CacheKey key) {
    return new MapsFile(dir.resolve(key.fileStem() + ".maps"));
  }

  void append(NDList taps) {
    try {
      byte[] bytes = taps.encode();
      out.writeInt(bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      throw AtomicWrite.failed(target, FeatureCache.CACHE_DIR_KEY, e);
    }
  }

  void commit() {
    try {
      out.flush();
    } catch (IOException e) {
      throw AtomicWrite.failed(target, FeatureCache.CACHE_DIR_KEY, e);
    }
    pending.commit();
  }

  /** Without a {@link #commit()}, the temporary file is removed and no maps file appears. */
  @Override
  public void close() {
    pending.close();
  }
}
