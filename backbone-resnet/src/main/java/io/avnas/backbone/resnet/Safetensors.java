package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors file (the format torchvision, timm and Hugging Face publish weights in): an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then
 * the raw little-endian data.
 *
 * <p>The header is checked here first, with bounds on everything, so a bad file fails with a line
 * that names the file and the problem; the tensors are then decoded by DJL's own safetensors support
 * ({@link NDList#decode(NDManager, InputStream)}), which trusts its input.
 */
final class Safetensors {
  /** A header larger than this is refused: real headers are kilobytes, and it is read into memory. */
  static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final Map<String, Integer> DTYPE_BYTES = Map.of(
      "F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8, "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

  /** One tensor's header entry. */
  record Entry(String dtype, Shape shape) {}

  private Safetensors() {}

  /** Whether the file looks like safetensors: a plausible header length followed by '{'. */
  static boolean sniff(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() < 9) {
        return false;
      }
      ByteBuffer head = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
      while (head.hasRemaining() && channel.read(head) >= 0) {
        // read all 9 bytes
      }
      long length = head.getLong(0);
      return length > 1 && length <= channel.size() - 8 && head.get(8) == '{';
    }
  }

  /** The header's tensors, in file order, after checking every bound. */
  static Map<String, Entry> header(Path file) throws IOException {
    long size = Files.size(file);
    if (size < 8) {
      throw new IOException(what(file) + " is " + size + " bytes, shorter than the 8-byte header length");
    }
    long length;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      while (prefix.hasRemaining() && channel.read(prefix) >= 0) {
        // read all 8 bytes
      }
      length = prefix.getLong(0);
      if (length < 2 || length > MAX_HEADER_BYTES) {
        throw new IOException(what(file) + " declares a header of " + length + " bytes; a safetensors header is 2 bytes to "
            + MAX_HEADER_BYTES / (1024 * 1024) + " MB (is this a safetensors file?)");
      }
      if (8 + length > size) {
        throw new IOException(what(file) + " is truncated: its header needs " + (8 + length) + " bytes, the file has " + size);
      }
      ByteBuffer json = ByteBuffer.allocate((int) length);
      channel.position(8);
      while (json.hasRemaining() && channel.read(json) >= 0) {
        // read the whole header
      }
      return entries(file, new String(json.array(), StandardCharsets.UTF_8), size - 8 - length);
    }
  }

  private static Map<String, Entry> entries(Path file, String json, long dataBytes) throws IOException {
    JsonObject root;
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        throw new IOException(what(file) + " has a header that is not a JSON object");
      }
      root = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IOException(what(file) + " has a header that is not valid JSON (" + e.getMessage() + ")", e);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : root.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      String name = e.getKey();
      try {
        JsonObject t = e.getValue().getAsJsonObject();
        String dtype = t.get("dtype").getAsString();
        Integer bytes = DTYPE_BYTES.get(dtype);
        if (bytes == null) {
          throw new IOException(what(file) + ": tensor " + name + " has dtype " + dtype + ", not one of " + DTYPE_BYTES.keySet());
        }
        JsonArray dims = t.get("shape").getAsJsonArray();
        long[] shape = new long[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = dims.get(i).getAsLong();
          if (shape[i] < 0) {
            throw new IOException(what(file) + ": tensor " + name + " has a negative dimension " + dims);
          }
          count = Math.multiplyExact(count, shape[i]);
        }
        JsonArray offsets = t.get("data_offsets").getAsJsonArray();
        if (offsets.size() != 2) {
          throw new IOException(what(file) + ": tensor " + name + " has data_offsets " + offsets + "; expected [begin, end]");
        }
        long begin = offsets.get(0).getAsLong();
        long end = offsets.get(1).getAsLong();
        if (begin < 0 || end < begin || end > dataBytes) {
          throw new IOException(what(file) + ": tensor " + name + " has data_offsets " + offsets + " outside the "
              + dataBytes + " data bytes (the file is truncated or corrupt)");
        }
        if (end - begin != Math.multiplyExact(count, bytes)) {
          throw new IOException(what(file) + ": tensor " + name + " is " + dtype + " " + dims + ", " + count * bytes
              + " bytes, but its data_offsets span " + (end - begin));
        }
        entries.put(name, new Entry(dtype, new Shape(shape)));
      } catch (IllegalStateException | NullPointerException | UnsupportedOperationException | IndexOutOfBoundsException
          | NumberFormatException | ArithmeticException bad) {
        throw new IOException(what(file) + ": tensor " + name + " has a malformed header entry " + e.getValue(), bad);
      }
    }
    return entries;
  }

  /** Every tensor, named, in {@code manager} (after {@link #header} accepted the file). */
  static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    header(file);
    NDList list;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      list = NDList.decode(manager, in);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(what(file) + " cannot be decoded: " + e.getMessage(), e);
    }
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (NDArray array : list) {
      tensors.put(array.getName(), array);
    }
    return tensors;
  }

  private static String what(Path file) {
    return "safetensors file " + file;
  }
}
