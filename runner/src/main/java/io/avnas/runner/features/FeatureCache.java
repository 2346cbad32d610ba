package io.avnas.runner.features;

import io.avnas.api.backbone.Modality;
import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.Split;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.files.AtomicWrite;
import io.avnas.runner.workspace.Shard;
import io.avnas.runner.workspace.UserError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The on-disk feature cache: one file per split and key, {@code <dir>/<split>-<hash>.features}.
 *
 * <p>Layout (big-endian {@code DataOutputStream}): magic, format version, the full key hash, the
 * specs, the clips, the skipped clips with their reasons, every tap as raw floats, and last the
 * CRC-32 of everything before it. A file is written to a temporary name in the same folder and
 * moved into place atomically, so a reader sees a whole file or none; a file that is truncated,
 * corrupt, of another format version or for another key is ignored and recomputed.
 *
 * <p>{@code avnas extract --shard i/n} writes parts instead, {@code <split>-<hash>.part-<i>-of-<n>.features},
 * each in the same layout and keyed by its own clips; a later unsharded call assembles the split from
 * them (computing only the parts that are missing) and writes the whole file.
 */
public final class FeatureCache {
  /** Bump when the layout or the meaning of the stored features changes. */
  public static final int FORMAT_VERSION = 1;
  /** The key that moves the cache, named by a failed write. */
  static final String CACHE_DIR_KEY = "avnas.features.cache-dir";
  static final String MAGIC = "avnas-features";
  static final String SUFFIX = ".features";
  static final String PART = ".part-";

  /** A split's features and the clips that were skipped while computing them. */
  public record Entry(FeatureSet features, List<ClipBatches.Skipped> skipped) {}

  private final Path dir;

  public FeatureCache(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(CacheKey key) {
    return dir.resolve(key.fileStem() + SUFFIX);
  }

  /**
   * The file of one shard's part of a split ({@code avnas extract --shard i/n}): named after the
   * whole split's key, so an unsharded call finds the parts; it holds the entry of {@code partKey},
   * the key of the shard's own clips.
   */
  public Path partFile(CacheKey whole, Shard shard) {
    return dir.resolve(whole.fileStem() + PART + shard.index() + "-of-" + shard.count() + SUFFIX);
  }

  /** The shard counts n for which at least one part of {@code whole} is on disk, largest first. */
  public List<Integer> partCounts(CacheKey whole) {
    Pattern name = Pattern.compile(Pattern.quote(whole.fileStem() + PART) + "(\\d+)-of-(\\d+)" + Pattern.quote(SUFFIX));
    TreeSet<Integer> counts = new TreeSet<>(Comparator.reverseOrder());
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> {
          Matcher m = name.matcher(f.getFileName().toString());
          if (m.matches() && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2))) {
            counts.add(Integer.parseInt(m.group(2)));
          }
        });
      } catch (IOException e) {
        return List.of();
      }
    }
    return List.copyOf(counts);
  }

  /** The cached entry, or empty when there is none or it cannot be trusted (why goes to {@code why}). */
  public Optional<Entry> read(CacheKey key, List<String> why) {
    return read(key, file(key), why);
  }

  /** As {@link #read(CacheKey, List)}, from a given file (a shard's part). */
  public Optional<Entry> read(CacheKey key, Path file, List<String> why) {
    try (InputStream raw = Files.newInputStream(file)) {
      long size = Files.size(file);
      CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
      DataInputStream in = new DataInputStream(checked);
      if (!MAGIC.equals(in.readUTF())) {
        why.add(file + " is not a feature cache file");
        return Optional.empty();
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        why.add(file + " has cache format " + version + ", this avnas writes " + FORMAT_VERSION);
        return Optional.empty();
      }
      if (!key.hash().equals(in.readUTF())) {
        why.add(file + " belongs to another key");
        return Optional.empty();
      }
      Entry entry = readBody(in, size);
      long expected = checked.getChecksum().getValue();
      long stored = in.readLong();
      if (stored != expected || in.read() != -1) {
        why.add(file + " is corrupt (checksum mismatch)");
        return Optional.empty();
      }
      return Optional.of(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException e) {
      why.add(file + " is truncated");
      return Optional.empty();
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      why.add(file + " cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes an entry atomically, replacing an older file of the same key. */
  public Path write(CacheKey key, Entry entry) {
    return write(key, file(key), entry);
  }

  /** As {@link #write(CacheKey, Entry)}, to a given file (a shard's part). */
  public Path write(CacheKey key, Path file, Entry entry) {
    AtomicWrite.write(file, CACHE_DIR_KEY, raw -> {
      CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
      DataOutputStream out = new DataOutputStream(checked);
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(key.hash());
      writeBody(out, entry);
      out.flush();
      out.writeLong(checked.getChecksum().getValue());
      out.flush();
    });
    return file;
  }

  private static void writeBody(DataOutputStream out, Entry entry) throws IOException {
    FeatureSet set = entry.features();
    out.writeInt(set.specs().size());
    for (FeatureSpec s : set.specs()) {
      out.writeUTF(s.name());
      out.writeUTF(s.modality().name());
      out.writeInt(s.channels());
      out.writeInt(s.length());
    }
    out.writeInt(set.clips().size());
    for (ClipInfo c : set.clips()) {
      writeClip(out, c);
    }
    out.writeInt(entry.skipped().size());
    for (ClipBatches.Skipped s : entry.skipped()) {
      writeClip(out, s.clip());
      out.writeUTF(s.reason() == null ? "" : s.reason());
    }
    for (float[] tap : set.taps()) {
      writeFloats(out, tap);
    }
  }

  /**
   * Reads the body. Every count is checked against {@code size} (the file's length) before anything
   * is allocated for it, so an absurd header is "corrupt", never an OOM or an overflow.
   */
  private static Entry readBody(DataInputStream in, long size) throws IOException {
    // Smallest encodings: a spec is 2 UTFs and 2 ints (12 bytes), a clip 6 UTFs and 3 booleans (15).
    int specCount = count(in.readInt(), 12, size, "feature specs");
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = 0; i < specCount; i++) {
      specs.add(new FeatureSpec(in.readUTF(), Modality.valueOf(in.readUTF()), in.readInt(), in.readInt()));
    }
    int n = count(in.readInt(), 15, size, "clips");
    List<ClipInfo> clips = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      clips.add(readClip(in));
    }
    int skippedCount = count(in.readInt(), 17, size, "skipped clips");
    List<ClipBatches.Skipped> skipped = new ArrayList<>();
    for (int i = 0; i < skippedCount; i++) {
      skipped.add(new ClipBatches.Skipped(readClip(in), in.readUTF()));
    }
    long floats = 0;
    for (FeatureSpec s : specs) {
      if (s.channels() < 0 || s.length() < 0) {
        throw new IOException("feature " + s.name() + " has a negative size " + s.channels() + " x " + s.length());
      }
      // n * channels fits a long; times length it may not, hence the division check first.
      long perTap = (long) n * s.channels();
      if (s.length() != 0 && perTap > Long.MAX_VALUE / s.length()) {
        throw new IOException("feature " + s.name() + " claims more values than any file holds");
      }
      perTap *= s.length();
      if (perTap > Integer.MAX_VALUE - 8 || 4 * (floats + perTap) > size) {
        throw new IOException("the header claims " + n + " clips of " + s.name() + " " + s.channels() + " x "
            + s.length() + " floats, more than the file's " + size + " bytes hold");
      }
      floats += perTap;
    }
    List<float[]> taps = new ArrayList<>();
    for (FeatureSpec s : specs) {
      taps.add(readFloats(in, n * s.channels() * s.length()));
    }
    return new Entry(new FeatureSet(specs, taps, clips), skipped);
  }

  /** {@code value} as a count of items of at least {@code minBytes} each, if the file can hold that many. */
  private static int count(int value, int minBytes, long size, String what) throws IOException {
    if (value < 0 || (long) value * minBytes > size) {
      throw new IOException("the header claims " + value + " " + what + ", more than the file's " + size + " bytes hold");
    }
    return value;
  }

  /**
   * Removes temporary files that writes killed before {@code before} (this process's start) left in the
   * cache folder. A writer that is still going keeps touching its file, so its time is after {@code before}.
   *
   * @return how many were removed
   */
  public int removeStaleTemps(java.time.Instant before) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        try {
          if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
            Files.deleteIfExists(p);
            removed++;
          }
        } catch (IOException e) {
          // Another process removed or renamed it meanwhile: nothing is left to clean.
        }
      }
    } catch (IOException e) {
      return removed;
    }
    return removed;
  }

  private static void writeClip(DataOutputStream out, ClipInfo c) throws IOException {
    out.writeUTF(c.key());
    out.writeBoolean(c.fake());
    out.writeUTF(c.category());
    out.writeBoolean(c.fakeVideo());
    out.writeBoolean(c.fakeAudio());
    out.writeUTF(c.identity());
    out.writeUTF(c.source());
    out.writeUTF(c.presetSplit() == null ? "" : c.presetSplit().name());
  }

  private static ClipInfo readClip(DataInputStream in) throws IOException {
    String key = in.readUTF();
    boolean fake = in.readBoolean();
    String category = in.readUTF();
    boolean fakeVideo = in.readBoolean();
    boolean fakeAudio = in.readBoolean();
    String identity = in.readUTF();
    String source = in.readUTF();
    String preset = in.readUTF();
    return new ClipInfo(key, fake, category, fakeVideo, fakeAudio, identity, source, preset.isEmpty() ? null : Split.valueOf(preset));
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4 * 8192).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < values.length; i += 8192) {
      int count = Math.min(8192, values.length - i);
      buffer.clear();
      buffer.asFloatBuffer().put(values, i, count);
      out.write(buffer.array(), 0, 4 * count);
    }
  }

  private static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] values = new float[count];
    byte[] bytes = new byte[4 * 8192];
    for (int i = 0; i < count; i += 8192) {
      int n = Math.min(8192, count - i);
      in.readFully(bytes, 0, 4 * n);
      ByteBuffer.wrap(bytes, 0, 4 * n).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values, i, n);
    }
    return values;
  }
}
