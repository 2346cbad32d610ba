package io.avnas.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.InvalidConfigException;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
  private static final Shape AUDIO = new Shape(1, 32, 24);

  @TempDir Path dir;

  @Test
  void roundTripRestoresOutputsAndFingerprint() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      Backbone a = new ResNet18Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.125), AUDIO, manager);
      Engine.getInstance().setRandomSeed(2);
      Backbone b = new ResNet18Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.125), AUDIO, manager);
      assertNotEquals(a.weightsFingerprint(), b.weightsFingerprint(), "different random weights, different fingerprints");

      NDArray x = manager.randomNormal(new Shape(2).addAll(AUDIO));
      float[] expected = a.forward(x).get(2).toFloatArray();
      Path file = dir.resolve("audio.params");
      a.save(file);
      b.load(file);
      assertEquals(a.weightsFingerprint(), b.weightsFingerprint());
      assertArrayEquals(expected, b.forward(x).get(2).toFloatArray(), 0f);

      // The factory loads the configured file too.
      ConfigBlock withWeights = new ConfigBlock("avnas.backbone.audio",
          ConfigFactory.parseMap(Map.of("width", 0.125, "weights", file.toString())));
      Backbone c = new ResNet18Factory().create(Modality.AUDIO, withWeights, AUDIO, manager);
      assertEquals(a.weightsFingerprint(), c.weightsFingerprint());
    }
  }

  @Test
  void mismatchNamesFileParameterAndShapes() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone narrow = new ResNet18Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.125), AUDIO, manager);
      Backbone wide = new ResNet18Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.25), AUDIO, manager);
      Path file = dir.resolve("narrow.params");
      narrow.save(file);
      IOException e = assertThrows(IOException.class, () -> wide.load(file));
      String m = e.getMessage();
      assertTrue(m.contains(file.toString()), m);
      assertTrue(m.contains("expected shape (16, 1, 7, 7) but found (8, 1, 7, 7)"), m);
      assertTrue(m.contains("stem"), m);

      Backbone deeper = new ResNet34Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.125), AUDIO, manager);
      IOException missing = assertThrows(IOException.class, () -> deeper.load(file));
      assertTrue(missing.getMessage().contains("is missing from the file"), missing.getMessage());

      ConfigBlock bad = new ConfigBlock("avnas.backbone.audio", ConfigFactory.parseMap(Map.of("width", 0.25, "weights", file.toString())));
      InvalidConfigException config = assertThrows(InvalidConfigException.class,
          () -> new ResNet18Factory().create(Modality.AUDIO, bad, AUDIO, manager));
      assertEquals("avnas.backbone.audio.weights", config.key());
    }
  }

  @Test
  void truncatedOrForeignFilesAreRejected() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Backbone b = new ResNet18Factory().create(Modality.AUDIO, ResNetTapsTest.block(0.125), AUDIO, manager);
      Path file = dir.resolve("w.params");
      b.save(file);
      byte[] bytes = Files.readAllBytes(file);
      Path truncated = dir.resolve("truncated.params");
      Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      IOException cut = assertThrows(IOException.class, () -> b.load(truncated));
      assertTrue(cut.getMessage().contains(truncated + " is truncated or damaged (checksum mismatch)"), cut.getMessage());
      // One flipped bit in the weights: without the checksum this would load as a different backbone.
      byte[] flipped = bytes.clone();
      flipped[bytes.length - 100] ^= 0x10;
      Path modified = dir.resolve("flipped.params");
      Files.write(modified, flipped);
      IOException damaged = assertThrows(IOException.class, () -> b.load(modified));
      assertTrue(damaged.getMessage().contains("checksum mismatch"), damaged.getMessage());
      Path foreign = dir.resolve("foreign.params");
      Files.writeString(foreign, "hello");
      IOException e = assertThrows(IOException.class, () -> b.load(foreign));
      assertTrue(e.getMessage().contains("not an avnas backbone weights file"), e.getMessage());
      Backbone visual = new ResNet18Factory().create(Modality.VISUAL, ResNetTapsTest.block(0.125), new Shape(1, 3, 32, 32), manager);
      IOException wrongModality = assertThrows(IOException.class, () -> visual.load(file));
      assertTrue(wrongModality.getMessage().contains("audio weights"), wrongModality.getMessage());
    }
  }
}
