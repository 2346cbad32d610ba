package io.avnas.backbone.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.ConfigFactory;
import io.avnas.api.ConfigBlock;
import io.avnas.api.backbone.Backbone;
import io.avnas.api.backbone.BackboneFactory;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResNetTapsTest {

  static ConfigBlock block(double width) {
    return new ConfigBlock("avnas.backbone.visual",
        ConfigFactory.parseMap(Map.of("id", "resnet34", "width", width, "weights", "")));
  }

  @Test
  void bothPluginsAreDiscoverable() {
    List<String> ids = ServiceLoader.load(BackboneFactory.class).stream()
        .map(p -> p.get().id()).sorted().collect(Collectors.toList());
    assertEquals(List.of("resnet18", "resnet34"), ids);
  }

  @Test
  void resnet34VisualTapsAtPaperWidthHaveThePaperChannelsAndStrides() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 64x64 frames: stem /4 -> 16, layer2 /2 -> 8, layer3 -> 4, layer4 -> 2.
      Backbone b = new ResNet34Factory().create(Modality.VISUAL, block(1.0), new Shape(3, 3, 64, 64), manager);
      assertTaps(b, List.of(new Shape(3, 128, 8, 8), new Shape(3, 256, 4, 4), new Shape(3, 512, 2, 2), new Shape(3, 512)));
      assertForwardMatchesSpecs(b, manager, 2);
    }
  }

  @Test
  void visualTapsAtASecondSizeAndWidth() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 32x32 frames at width 0.25: channels 32, 64, 128; maps 4, 2, 1.
      Backbone b = new ResNet18Factory().create(Modality.VISUAL, block(0.25), new Shape(2, 3, 32, 32), manager);
      assertTaps(b, List.of(new Shape(2, 32, 4, 4), new Shape(2, 64, 2, 2), new Shape(2, 128, 1, 1), new Shape(2, 128)));
      assertForwardMatchesSpecs(b, manager, 3);
    }
  }

  @Test
  void audioTapsAtTwoSizes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // 257 bins x 101 steps: stem -> 65 x 26, layer2 -> 33 x 13, layer3 -> 17 x 7, layer4 -> 9 x 4.
      Backbone big = new ResNet34Factory().create(Modality.AUDIO, block(0.125), new Shape(1, 257, 101), manager);
      assertTaps(big, List.of(new Shape(16, 33, 13), new Shape(32, 17, 7), new Shape(64, 9, 4), new Shape(64)));
      assertForwardMatchesSpecs(big, manager, 2);
      // 64 x 48: stem -> 16 x 12, layer2 -> 8 x 6, layer3 -> 4 x 3, layer4 -> 2 x 2.
      Backbone small = new ResNet18Factory().create(Modality.AUDIO, block(0.25), new Shape(1, 64, 48), manager);
      assertTaps(small, List.of(new Shape(32, 8, 6), new Shape(64, 4, 3), new Shape(128, 2, 2), new Shape(128)));
      assertForwardMatchesSpecs(small, manager, 1);
    }
  }

  @Test
  void framesAreIndependent() {
    // Folding T into the batch must not mix frames: changing frame 1 leaves frame 0's taps alone.
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      Backbone b = new ResNet18Factory().create(Modality.VISUAL, block(0.125), new Shape(2, 3, 32, 32), manager);
      NDArray x = manager.randomNormal(new Shape(1, 2, 3, 32, 32));
      NDArray y = x.duplicate();
      y.set(new ai.djl.ndarray.index.NDIndex(":, 1"), 0.5f);
      NDArray px = b.forward(x).get(3);
      NDArray py = b.forward(y).get(3);
      assertArrayEquals(px.get(":, 0").toFloatArray(), py.get(":, 0").toFloatArray(), 1e-5f);
      assertNotEquals(px.get(":, 1").sum().getFloat(), py.get(":, 1").sum().getFloat());
    }
  }

  private static void assertTaps(Backbone b, List<Shape> expected) {
    List<TapSpec> taps = b.taps();
    assertEquals(List.of("layer2", "layer3", "layer4", "pooled"), taps.stream().map(TapSpec::name).toList());
    assertEquals(expected, taps.stream().map(TapSpec::shape).toList());
    int channelAxis = b.modality() == Modality.VISUAL ? 1 : 0;
    for (TapSpec t : taps) {
      assertEquals(t.shape().get(channelAxis), t.channels(), t.name());
    }
  }

  private static void assertForwardMatchesSpecs(Backbone b, NDManager manager, int batch) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray input = scope.randomUniform(0, 1, new Shape(batch).addAll(b.inputShape()));
      NDList out = b.forward(input);
      assertEquals(4, out.size());
      for (int i = 0; i < 4; i++) {
        assertEquals(new Shape(batch).addAll(b.taps().get(i).shape()), out.get(i).getShape(), b.taps().get(i).name());
      }
    }
  }
}
