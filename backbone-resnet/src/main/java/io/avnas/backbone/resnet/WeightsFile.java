package io.avnas.backbone.resnet;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.avnas.api.backbone.Modality;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backbone weights file: a header (magic, format version, backbone id, modality, then every
 * parameter's name and shape) followed by the block's parameters in DJL's own format. Loading
 * compares the header with the block first, so a mismatch names the parameter and both shapes.
 */
final class WeightsFile {
  static final String MAGIC = "avnas-backbone-weights";
  static final int FORMAT_VERSION = 1;

  private WeightsFile() {}

  static void save(Path file, String id, Modality modality, Block block) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
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
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
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
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        long[] dims = new long[in.readInt()];
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
