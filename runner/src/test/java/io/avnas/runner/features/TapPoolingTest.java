package io.avnas.runner.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.TapSpec;
import org.junit.jupiter.api.Test;

class TapPoolingTest {

  @Test
  void adaptiveMaxShrinksAndStretchesTime() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 5, 2, 3}, new Shape(1, 1, 4));
      assertArrayEquals(new float[] {5, 3}, TapPooling.adaptiveMaxOverTime(x, 2).toFloatArray());
      // Windows [0,2), [1,3), [2,4): overlapping, as in PyTorch's adaptive pooling.
      assertArrayEquals(new float[] {5, 5, 3}, TapPooling.adaptiveMaxOverTime(x, 3).toFloatArray());
      assertArrayEquals(new float[] {1, 1, 5, 5, 2, 2, 3, 3}, TapPooling.adaptiveMaxOverTime(x, 8).toFloatArray());
    }
  }

  @Test
  void visualMapsTakeTheMaxOverSpaceAndKeepFramesAsTime() {
    try (NDManager m = NDManager.newBaseManager()) {
      // (B=1, T=2, C=2, 2, 2): frame 0 channel 0 max 4, channel 1 max 8; frame 1 maxima 12 and 16.
      NDArray map = m.arange(1f, 17f).reshape(1, 2, 2, 2, 2);
      NDArray pooled = TapPooling.pool(map, Modality.VISUAL, new TapSpec("layer2", 2, new Shape(2, 2, 2, 2)), 2);
      assertEquals(new Shape(1, 2, 2), pooled.getShape());
      assertArrayEquals(new float[] {4, 12, 8, 16}, pooled.toFloatArray());
      NDArray vector = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 2));
      NDArray v = TapPooling.pool(vector, Modality.VISUAL, new TapSpec("pooled", 2, new Shape(2, 2)), 2);
      assertArrayEquals(new float[] {2, 3}, v.toFloatArray(), "the mean over frames");
      assertEquals(new Shape(1, 2, 1), v.getShape());
    }
  }

  @Test
  void audioMapsTakeTheMaxOverFrequency() {
    try (NDManager m = NDManager.newBaseManager()) {
      // (B=1, C=1, f=2, t=2): max over f per time step.
      NDArray map = m.create(new float[] {1, 7, 3, 2}, new Shape(1, 1, 2, 2));
      NDArray pooled = TapPooling.pool(map, Modality.AUDIO, new TapSpec("layer2", 1, new Shape(1, 2, 2)), 2);
      assertArrayEquals(new float[] {3, 7}, pooled.toFloatArray());
    }
  }
}
