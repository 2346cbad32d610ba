package io.avnas.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader on hand-written files: the documented layout, and every way a file can be bad. */
class SafetensorsTest {
  @TempDir Path dir;

  /** 8-byte little-endian header length, the JSON header, then the data, as the format documents. */
  static byte[] file(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
    out.writeBytes(json);
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private String error(Path file) {
    return assertThrows(IOException.class, () -> Safetensors.header(file)).getMessage();
  }

  @Test
  void aHandWrittenFileReadsByNameWithItsShapeAndValues() throws IOException {
    String header = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
    Path f = write("ok.safetensors", file(header, floats(1, 2, 3, 4, -5)));
    assertTrue(Safetensors.sniff(f));
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> t = Safetensors.read(f, manager);
      assertEquals(new Shape(2, 2), t.get("a").getShape());
      assertArrayEquals(new float[] {1, 2, 3, 4}, t.get("a").toFloatArray());
      assertArrayEquals(new float[] {-5}, t.get("b").toFloatArray());
    }
  }

  @Test
  void anOversizedHeaderIsRefusedBeforeItIsRead() throws IOException {
    byte[] bytes = new byte[16];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(200L * 1024 * 1024);
    bytes[8] = '{';
    Path f = write("huge.safetensors", bytes);
    assertFalse(Safetensors.sniff(f), "a header longer than the file is not safetensors");
    assertTrue(error(f).contains("declares a header of 209715200 bytes; a safetensors header is 2 bytes to 100 MB"), error(f));
  }

  @Test
  void truncatedFilesAndOffsetsOutsideTheDataAreNamed() throws IOException {
    String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
    byte[] whole = file(header, floats(1, 2, 3, 4));
    Path shortData = write("short.safetensors", java.util.Arrays.copyOf(whole, whole.length - 4));
    assertTrue(error(shortData).contains("tensor a has data_offsets [0,16] outside the 12 data bytes"), error(shortData));
    Path shortHeader = write("cut.safetensors", java.util.Arrays.copyOf(whole, 20));
    assertTrue(error(shortHeader).contains("is truncated: its header needs"), error(shortHeader));
    Path tiny = write("tiny.safetensors", new byte[] {1, 2, 3});
    assertTrue(error(tiny).contains("shorter than the 8-byte header length"), error(tiny));
  }

  @Test
  void aShapeThatDoesNotFitItsBytesAndUnknownDtypesAreNamed() throws IOException {
    Path shape = write("shape.safetensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", floats(1, 2, 3, 4)));
    assertTrue(error(shape).contains("tensor a is F32 [3], 12 bytes, but its data_offsets span 16"), error(shape));
    Path dtype = write("dtype.safetensors", file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]));
    assertTrue(error(dtype).contains("tensor a has dtype F8_E4M3, not one of"), error(dtype));
    Path json = write("json.safetensors", file("{\"a\": nope}", new byte[0]));
    assertTrue(error(json).contains("has a header that is not valid JSON") || error(json).contains("malformed header entry"), error(json));
    Path entry = write("entry.safetensors", file("{\"a\":{\"dtype\":\"F32\"}}", new byte[0]));
    assertTrue(error(entry).contains("tensor a has a malformed header entry"), error(entry));
  }
}
