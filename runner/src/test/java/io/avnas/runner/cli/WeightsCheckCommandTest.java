package io.avnas.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avnas.runner.testing.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avnas weights check} on torchvision-named state dicts. The names and shapes are written out
 * here from torchvision's {@code resnet.py} (BasicBlock, {@code _make_layer}), independently of the
 * backbone's own mapping.
 */
class WeightsCheckCommandTest {
  @TempDir Path dir;

  /** torchvision's resnet18/34 state dict: names and shapes in its order. */
  static Map<String, long[]> torchvisionResNet(int[] blocks) {
    Map<String, long[]> sd = new LinkedHashMap<>();
    sd.put("conv1.weight", new long[] {64, 3, 7, 7});
    batchNorm(sd, "bn1", 64);
    long in = 64;
    for (int k = 1; k <= 4; k++) {
      long c = 64L << (k - 1);
      for (int j = 0; j < blocks[k - 1]; j++) {
        String p = "layer" + k + "." + j + ".";
        sd.put(p + "conv1.weight", new long[] {c, j == 0 ? in : c, 3, 3});
        batchNorm(sd, p + "bn1", c);
        sd.put(p + "conv2.weight", new long[] {c, c, 3, 3});
        batchNorm(sd, p + "bn2", c);
        if (j == 0 && k > 1) {
          sd.put(p + "downsample.0.weight", new long[] {c, in, 1, 1});
          batchNorm(sd, p + "downsample.1", c);
        }
      }
      in = c;
    }
    sd.put("fc.weight", new long[] {1000, 512});
    sd.put("fc.bias", new long[] {1000});
    return sd;
  }

  private static void batchNorm(Map<String, long[]> sd, String prefix, long c) {
    for (String s : new String[] {"weight", "bias", "running_mean", "running_var"}) {
      sd.put(prefix + "." + s, new long[] {c});
    }
    sd.put(prefix + ".num_batches_tracked", new long[] {});
  }

  static Path write(Map<String, long[]> sd, Path file) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList list = new NDList();
      sd.forEach((name, shape) -> {
        NDArray a = shape.length == 0 ? manager.create(0L) : manager.ones(new Shape(shape));
        a.setName(name);
        list.add(a);
      });
      try (OutputStream out = Files.newOutputStream(file)) {
        list.encode(out, NDList.Encoding.SAFETENSORS);
      }
    }
    return file;
  }

  @Test
  void aTorchvisionResnet18StateDictHasNothingMissingOrUnexpected() throws IOException {
    Map<String, long[]> sd = torchvisionResNet(new int[] {2, 2, 2, 2});
    assertEquals(122, sd.size(), "torchvision's resnet18 state dict has 122 entries");
    Path file = write(sd, dir.resolve("resnet18.safetensors"));
    CliRun r = CliRun.of("weights", "check", file.toString(), "--backbone", "resnet18");
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("loaded: 100\n"), r.out());
    assertTrue(r.out().contains("missing: 0\n") && r.out().contains("unexpected: 0\n") && r.out().contains("shape mismatch: 0\n"), r.out());
    assertTrue(r.out().contains("ignored: 22\n  bn1.num_batches_tracked: a batch-norm step counter, not a weight\n"), r.out());
    assertTrue(r.out().contains("\n  fc.weight: the ImageNet classifier head; a feature extractor has none\n"), r.out());
    assertTrue(r.out().contains("ok: loads strictly; 100 loaded, 0 missing, 0 unexpected, 0 shape mismatches, 22 ignored"), r.out());
  }

  @Test
  void resnet34ForAudioSumsConv1AndReportsJson() throws IOException {
    Path file = write(torchvisionResNet(new int[] {3, 4, 6, 3}), dir.resolve("resnet34.safetensors"));
    CliRun r = CliRun.of("weights", "check", file.toString(), "--backbone", "resnet34", "--modality", "audio", "--json");
    assertEquals(0, r.exit(), r.err() + r.out());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertTrue(o.get("ok").getAsBoolean());
    assertEquals(180, o.getAsJsonArray("loaded").size(), "36 convolutions + 36 batch norms x 4");
    assertEquals(0, o.getAsJsonArray("missing").size());
    assertEquals(0, o.getAsJsonArray("unexpected").size());
    assertEquals("conv1.weight: 3 input channels summed to 1 for the 1-channel audio backbone",
        o.getAsJsonArray("adapted").get(0).getAsString());
  }

  @Test
  void everyKindOfMismatchIsListedAndExitsTwo() throws IOException {
    Map<String, long[]> sd = torchvisionResNet(new int[] {2, 2, 2, 2});
    sd.remove("layer4.1.bn2.running_var");
    sd.put("layer5.0.conv1.weight", new long[] {8, 8, 3, 3});
    sd.put("layer1.0.conv1.weight", new long[] {64, 32, 3, 3});
    Path file = write(sd, dir.resolve("broken.safetensors"));
    CliRun r = CliRun.of("weights", "check", file.toString(), "--backbone", "resnet18");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("missing: 1\n  layer4.1.bn2.running_var (512)"), r.out());
    assertTrue(r.out().contains("unexpected: 1\n  layer5.0.conv1.weight"), r.out());
    assertTrue(r.out().contains("shape mismatch: 1\n  layer1.0.conv1.weight: the backbone needs (64, 64, 3, 3), the file has (64, 32, 3, 3)"), r.out());
    assertTrue(r.out().contains("MISMATCH: does not load; 98 loaded, 1 missing, 1 unexpected, 1 shape mismatches"), r.out());

    // The same file named in the config stops the backbone with one line naming the key.
    CliRun extract = CliRun.of("extract", "-Davnas.backbone.visual.id=resnet18", "-Davnas.backbone.visual.weights=" + file,
        "-Davnas.features.cache-dir=" + dir.resolve("cache"));
    assertEquals(2, extract.exit(), extract.out());
    assertTrue(extract.err().contains("avnas.backbone.visual.weights: " + file + " does not fit this ResNet"), extract.err());
  }

  @Test
  void notAWeightsFileAndNoFileAreOneLineErrors() throws IOException {
    Path junk = Files.write(dir.resolve("junk.safetensors"), new byte[] {(byte) 0xff, 1, 2, 3, 4, 5, 6, 7, '{', '}'});
    CliRun r = CliRun.of("weights", "check", junk.toString(), "--backbone", "resnet18");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().startsWith("avnas: safetensors file " + junk + " declares a header of"), r.err());
    CliRun none = CliRun.of("weights", "check", dir.resolve("nope.safetensors").toString(), "--backbone", "resnet18");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("does not exist"), none.err());
    CliRun id = CliRun.of("weights", "check", junk.toString(), "--backbone", "resnet50");
    assertEquals(2, id.exit());
    assertTrue(id.err().contains("resnet50") && id.err().contains("resnet34"), id.err());
  }
}
