package io.avnas.backbone.resnet;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.avnas.api.backbone.Modality;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The backbone weights file: a header (magic, format version, backbone id, modality, then every
 * parameter's name and shape), the block's parameters in DJL's own format, and last the CRC-32C of
 * everything before it. Loading checks the length and the checksum before it parses anything, so a
 * truncated or modified file is named as such (never a silently different backbone), then compares
 * the header with the block, so a mismatch names the parameter and both shapes.
 */
final class WeightsFile {
  static final String MAGIC = "avnas-backbone-weights";
  /** 2: the CRC-32C trailer. Version 1 files (no checksum) are refused with the way to rewrite them. */
  static final int FORMAT_VERSION = 2;
  private static final int CHECKSUM_BYTES = 8;

  private WeightsFile() {}

  static void save(Path file, String id, Modality modality, Block block) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp)) {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(id);
        out.writeUTF(modality.name());
        out.writeInt(block.getParameters().size());
        for (Pair<String, Parameter> p : block.getParameters()) {
          out.writeUTF(p.getKey());
          long[] dims = p.getValue().getArray().getShape().getShape();
          out.writeInt(dims.length);
          for (long d : dims) {
            out.writeLong(d);
          }
        }
        block.saveParameters(out);
        out.flush();
        out.writeLong(checked.getChecksum().getValue());
        out.flush();
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void load(Path file, String id, Modality modality, Block block, NDManager manager) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("weights file " + file + " does not exist");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(verifiedContent(file)))) {
      String magic;
      try {
        magic = in.readUTF();
      } catch (EOFException | java.io.UTFDataFormatException e) {
        magic = "";
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException("weights file " + file + " is not an avnas backbone weights file (write one with `avnas pretrain`)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IOException("weights file " + file + " has format version " + version + "; this avnas reads version " + FORMAT_VERSION);
      }
      String foundId = in.readUTF();
      String foundModality = in.readUTF();
      if (!foundModality.equals(modality.name())) {
        throw new IOException("weights file " + file + " holds " + foundModality.toLowerCase(java.util.Locale.ROOT)
            + " weights, but the " + modality.name().toLowerCase(java.util.Locale.ROOT) + " backbone reads it");
      }
      Map<String, Shape> found = new LinkedHashMap<>();
      int count = in.readInt();
      // Bounds before allocating: a parameter entry is at least a UTF and an int (6 bytes), a dimension 8.
      if (count < 0 || (long) count * 6 > in.available()) {
        throw new IOException("weights file " + file + " is corrupt: its header claims " + count + " parameters");
      }
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || (long) rank * 8 > in.available()) {
          throw new IOException("weights file " + file + " is corrupt: parameter " + name + " claims " + rank + " dimensions");
        }
        long[] dims = new long[rank];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = in.readLong();
        }
        found.put(name, new Shape(dims));
      }
      checkShapes(file, foundId, id, found, block);
      block.loadParameters(manager, in);
    } catch (EOFException e) {
      throw new IOException("weights file " + file + " is truncated", e);
    } catch (MalformedModelException e) {
      throw new IOException("weights file " + file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * The file without its checksum trailer, after checking the trailer (length first, then the CRC);
   * a version 1 file (no trailer) is recognised by its header and refused with the fix.
   */
  private static byte[] verifiedContent(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("weights file " + file + " is too large (" + size + " bytes) to be a backbone weights file");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length >= CHECKSUM_BYTES) {
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
      if (crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES).getLong()) {
        return Arrays.copyOf(bytes, bytes.length - CHECKSUM_BYTES);
      }
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (MAGIC.equals(in.readUTF())) {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
          throw new IOException("weights file " + file + " has format version " + version + "; this avnas reads version "
              + FORMAT_VERSION + " (with a checksum): write it again with `avnas pretrain`");
        }
        throw new IOException("weights file " + file + " is truncated or damaged (checksum mismatch); write it again"
            + " with `avnas pretrain`");
      }
    } catch (EOFException | java.io.UTFDataFormatException e) {
      // Not even a header: reported as a foreign file below.
    }
    throw new IOException("weights file " + file + " is not an avnas backbone weights file (write one with `avnas pretrain`)");
  }

  private static void checkShapes(Path file, String foundId, String id, Map<String, Shape> found, Block block) throws IOException {
    String what = "weights file " + file + " (written by " + foundId + ") does not fit this " + id;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Shape expected = p.getValue().getArray().getShape();
      Shape actual = found.get(p.getKey());
      if (actual == null) {
        throw new IOException(what + ": parameter " + p.getKey() + " " + expected + " is missing from the file");
      }
      if (!actual.equals(expected)) {
        throw new IOException(what + ": parameter " + p.getKey() + " expected shape " + expected + " but found " + actual
            + " (check avnas.backbone.*.width, the backbone id and the preprocessing)");
      }
    }
    if (found.size() != block.getParameters().size()) {
      throw new IOException(what + ": the file has " + found.size() + " parameters, the backbone " + block.getParameters().size());
    }
  }
}
