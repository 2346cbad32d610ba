package io.avnas.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.WeightsCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ResNets against torchvision itself. {@code src/test/python/golden_taps.py} filled torchvision's
 * resnet18/34 with weights from a formula, ran a fixed input and stored the layer2, layer3, layer4
 * and pooled outputs with the state dict's names and shapes. Here the same formula fills the same
 * names, DJL writes them as a safetensors file, the backbone loads it, and every tap must agree.
 */
class ResNetGoldenTest {
  /**
   * float32 through up to 36 layers, on two libraries whose convolution kernels sum in different
   * orders: differences of a few 1e-6 relative are expected; 1e-4 absolute on taps of magnitude up
   * to 2.6 still fails on any wrong weight, layout or layer (those give differences of order 0.1).
   */
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  record Tensor(String name, long[] shape) {}

  record Fixture(long[] input, List<Tensor> tensors, Map<String, float[]> taps, Map<String, long[]> tapShapes) {}

  static Fixture fixture(String arch) throws IOException {
    try (InputStream in = ResNetGoldenTest.class.getResourceAsStream("golden/" + arch + ".json")) {
      JsonObject root = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
      List<Tensor> tensors = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray("tensors")) {
        JsonArray pair = e.getAsJsonArray();
        tensors.add(new Tensor(pair.get(0).getAsString(), longs(pair.get(1).getAsJsonArray())));
      }
      Map<String, float[]> taps = new java.util.LinkedHashMap<>();
      Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("taps").entrySet()) {
        JsonObject tap = e.getValue().getAsJsonObject();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(tap.get("data").getAsString())).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        taps.put(e.getKey(), values);
        shapes.put(e.getKey(), longs(tap.getAsJsonArray("shape")));
      }
      return new Fixture(longs(root.getAsJsonArray("input_shape")), tensors, taps, shapes);
    }
  }

  /** The generator's formulas (see golden_taps.py), in double precision, then rounded to float. */
  static float[] formula(String name, long[] shape, int t) {
    int n = (int) new Shape(shape).size();
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double s = Math.sin(0.01 * i + t);
      double value;
      if (name.endsWith("running_var")) {
        value = 1.0 + 0.5 * s;
      } else if (name.endsWith(".weight") && shape.length == 1) {
        value = 1.0 + 0.1 * s;
      } else if (shape.length == 4) {
        value = 0.1 * s / Math.sqrt(shape[1] * shape[2] * shape[3] / 9.0);
      } else {
        value = 0.1 * s;
      }
      v[i] = (float) value;
    }
    return v;
  }

  static float[] input(long[] shape) {
    float[] x = new float[(int) new Shape(shape).size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(0.1 * i);
    }
    return x;
  }

  /** The fixture's state dict, filled by the formula, written by DJL as safetensors with torchvision's names. */
  static Path writeStateDict(Fixture f, Path file, NDManager manager) throws IOException {
    NDList list = new NDList();
    for (int t = 0; t < f.tensors().size(); t++) {
      Tensor tensor = f.tensors().get(t);
      NDArray array = tensor.name().endsWith("num_batches_tracked")
          ? manager.create(0L)
          : manager.create(formula(tensor.name(), tensor.shape(), t), new Shape(tensor.shape()));
      array.setName(tensor.name());
      list.add(array);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out, NDList.Encoding.SAFETENSORS);
    }
    return file;
  }

  static ConfigBlock block(String modality, Path weights) {
    return new ConfigBlock("avnas.backbone." + modality, ConfigFactory.parseMap(Map.of("width", 1.0, "weights", weights.toString())));
  }

  static BackboneFactory factory(String arch) {
    return arch.equals("resnet18") ? new ResNet18Factory() : new ResNet34Factory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18", "resnet34"})
  void tapsMatchTorchvisionOnEveryTap(String arch) throws IOException {
    Fixture f = fixture(arch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = writeStateDict(f, dir.resolve(arch + ".safetensors"), manager);
      long[] in = f.input();
      // One frame per clip: the visual backbone reads (B, T, 3, H, W).
      Shape perClip = new Shape(1, in[1], in[2], in[3]);
      Backbone visual = factory(arch).create(Modality.VISUAL, block("visual", file), perClip, manager);
      NDList taps = visual.forward(manager.create(input(in), new Shape(1).addAll(perClip)));
      List<String> names = List.of("layer2", "layer3", "layer4", "pooled");
      for (int i = 0; i < names.size(); i++) {
        float[] expected = f.taps().get(names.get(i));
        NDArray actual = taps.get(i);
        // (B, T, C, ...) here against (B, C, ...) in torchvision, with B = T = 1.
        assertEquals(new Shape(f.tapShapes().get(names.get(i))).size(), actual.getShape().size(), names.get(i));
        double max = maxAbsDiff(expected, actual.toFloatArray());
        assertTrue(max <= TOLERANCE, arch + " " + names.get(i) + ": max |avnas - torchvision| = " + max);
      }
      visual.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18", "resnet34"})
  void aTorchvisionStateDictChecksWithNothingMissingOrUnexpected(String arch) throws IOException {
    Fixture f = fixture(arch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = writeStateDict(f, dir.resolve(arch + ".safetensors"), manager);
      Backbone visual = factory(arch).create(Modality.VISUAL, ResNetTapsTest.block(1.0), new Shape(1, 3, 16, 32), manager);
      WeightsCheck check = visual.check(file);
      assertTrue(check.ok(), check.summary());
      long batchNorms = f.tensors().stream().filter(t -> t.name().endsWith("num_batches_tracked")).count();
      assertEquals(f.tensors().size() - batchNorms - 2, check.loaded().size(), "everything but counters and the fc head loads");
      assertEquals(batchNorms + 2, check.ignored().size(), check.ignored().toString());
      assertTrue(check.ignored().contains("fc.weight: the ImageNet classifier head; a feature extractor has none"), check.ignored().toString());
      assertTrue(check.ignored().stream().anyMatch(s -> s.startsWith("bn1.num_batches_tracked: a batch-norm step counter")));
      visual.close();
    }
  }

  /**
   * Summing RGB conv1 weights over their input channels is exact for a grey input: the audio backbone
   * on x must give what the visual backbone gives on x copied into all three channels.
   */
  @ParameterizedTest
  @ValueSource(strings = {"resnet18"})
  void theAudioBackboneSumsConv1OverItsInputChannels(String arch) throws IOException {
    Fixture f = fixture(arch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = writeStateDict(f, dir.resolve(arch + ".safetensors"), manager);
      Shape audioShape = new Shape(1, 16, 32);
      Backbone audio = factory(arch).create(Modality.AUDIO, block("audio", file), audioShape, manager);
      WeightsCheck check = audio.check(file);
      assertTrue(check.ok(), check.summary());
      assertEquals(List.of("conv1.weight: 3 input channels summed to 1 for the 1-channel audio backbone"), check.adapted());
      Backbone visual = factory(arch).create(Modality.VISUAL, block("visual", file), new Shape(1, 3, 16, 32), manager);
      NDArray grey = manager.create(input(new long[] {1, 1, 16, 32}), new Shape(1).addAll(audioShape));
      NDArray rgb = grey.repeat(0, 3).reshape(1, 1, 3, 16, 32);
      double max = maxAbsDiff(visual.forward(rgb).get(2).toFloatArray(), audio.forward(grey).get(2).toFloatArray());
      assertTrue(max <= TOLERANCE, "layer4: max diff " + max);
      audio.close();
      visual.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18"})
  void imagenetNormalizationOffMapsTheFramesBackToTheUnitRange(String arch) throws IOException {
    Fixture f = fixture(arch);
    try (NDManager manager = NDManager.newBaseManager()) {
      Path file = writeStateDict(f, dir.resolve(arch + ".safetensors"), manager);
      Shape perClip = new Shape(1, 3, 16, 32);
      Backbone on = factory(arch).create(Modality.VISUAL, block("visual", file), perClip, manager);
      ConfigBlock offBlock = new ConfigBlock("avnas.backbone.visual", ConfigFactory.parseMap(
          Map.of("width", 1.0, "weights", file.toString(), "imagenet-normalization", false)));
      Backbone off = factory(arch).create(Modality.VISUAL, offBlock, perClip, manager);
      NDArray x = manager.create(input(new long[] {1, 3, 16, 32}), new Shape(1).addAll(perClip));
      NDArray std = manager.create(new float[] {0.229f, 0.224f, 0.225f}, new Shape(1, 1, 3, 1, 1));
      NDArray mean = manager.create(new float[] {0.485f, 0.456f, 0.406f}, new Shape(1, 1, 3, 1, 1));
      double max = maxAbsDiff(on.forward(x.mul(std).add(mean)).get(3).toFloatArray(), off.forward(x).get(3).toFloatArray());
      assertTrue(max <= TOLERANCE, "pooled: max diff " + max);
      assertTrue(maxAbsDiff(on.forward(x).get(3).toFloatArray(), off.forward(x).get(3).toFloatArray()) > 1e-2,
          "the key changes what the network sees");
      on.close();
      off.close();
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  private static long[] longs(JsonArray array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsLong();
    }
    return out;
  }
}
