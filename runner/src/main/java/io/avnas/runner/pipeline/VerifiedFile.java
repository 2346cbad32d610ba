package io.avnas.runner.pipeline;

import io.avnas.runner.files.AtomicWrite;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A binary file of a run folder (checkpoints, {@code model.params}) that proves its own integrity.
 *
 * <p>Layout (big-endian): the 8 magic bytes {@code AVNASVF\n}, the format version (int), the kind
 * (modified UTF-8, e.g. {@code search-checkpoint}), the body length (long), the CRC-32C of the body
 * (long), then the body. {@link #read} checks every header field against the file's real length
 * before it allocates anything, then the checksum, so a truncated, extended, flipped or foreign file
 * is a {@link CorruptFile}, never an {@code OutOfMemoryError} or a silently different state.
 * Writes are atomic ({@link AtomicWrite}).
 */
public final class VerifiedFile {
  /** Bump when the header layout changes. */
  public static final int FORMAT_VERSION = 1;
  static final byte[] MAGIC = "AVNASVF\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_KIND = 64;

  /** Writes the body of a file. */
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private VerifiedFile() {}

  /** Writes {@code body} under a verified header, atomically. */
  public static void write(Path target, String kind, Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      body.write(out);
    }
    byte[] content = bytes.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(content);
    long checksum = crc.getValue();
    AtomicWrite.write(target, raw -> {
      DataOutputStream out = new DataOutputStream(raw);
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(kind);
      out.writeLong(content.length);
      out.writeLong(checksum);
      out.write(content);
      out.flush();
    });
  }

  /** The verified body of {@code file}; every way it can be wrong is a {@link CorruptFile} naming it. */
  public static byte[] read(Path file, String kind) throws CorruptFile {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new CorruptFile(file, "is missing", e);
    } catch (IOException e) {
      throw new CorruptFile(file, "cannot be read (" + e.getMessage() + ")", e);
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      if (size < MAGIC.length + 4 + 2) {
        throw new CorruptFile(file, "is truncated (" + size + " bytes, shorter than any header)");
      }
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new CorruptFile(file, "is not an avnas " + kind + " file (wrong magic bytes)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new CorruptFile(file, "has format version " + version + "; this avnas reads version " + FORMAT_VERSION);
      }
      int kindLength = in.readUnsignedShort();
      long header = MAGIC.length + 4 + 2 + kindLength + 8 + 8;
      if (kindLength > MAX_KIND || header > size) {
        throw new CorruptFile(file, "has a corrupt header (kind of " + kindLength + " bytes in a file of " + size + ")");
      }
      byte[] kindBytes = new byte[kindLength];
      in.readFully(kindBytes);
      String found = new String(kindBytes, StandardCharsets.UTF_8);
      if (!found.equals(kind)) {
        throw new CorruptFile(file, "holds a " + found + ", not a " + kind);
      }
      long length = in.readLong();
      long checksum = in.readLong();
      if (length != size - header) {
        throw new CorruptFile(file, length > size - header
            ? "is truncated (its header promises " + length + " body bytes, the file holds " + (size - header) + ")"
            : "has " + (size - header - length) + " bytes more than its header promises");
      }
      if (length > Integer.MAX_VALUE - 16) {
        throw new CorruptFile(file, "is too large to be a checkpoint (" + length + " bytes)");
      }
      byte[] body = new byte[(int) length];
      in.readFully(body);
      CRC32C crc = new CRC32C();
      crc.update(body);
      if (crc.getValue() != checksum) {
        throw new CorruptFile(file, "is damaged or was modified (checksum mismatch)");
      }
      return body;
    } catch (CorruptFile e) {
      throw e;
    } catch (EOFException e) {
      throw new CorruptFile(file, "is truncated", e);
    } catch (IOException e) {
      throw new CorruptFile(file, "cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
