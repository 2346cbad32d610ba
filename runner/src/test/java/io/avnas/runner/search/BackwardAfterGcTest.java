package io.avnas.runner.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avnas.testkit.internal.GcPoison;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's NaN divergence: DJL's {@code div(Number)} wraps the number in a Java direct buffer
 * without copying, autograd saves that scalar for the backward pass, and once the garbage collector
 * had freed the buffer the backward read garbage. Here the collector runs and the freed memory is
 * refilled with NaN between forward and backward, which a long search did by chance; the gradient
 * must still be exact.
 */
class BackwardAfterGcTest {
  private static final int ROWS = 8;

  @Test
  void crossEntropyGradientIsExactAfterGarbageCollection() {
    Random random = new Random(11);
    float[] raw = new float[ROWS * 2];
    float[] labels = new float[ROWS];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < ROWS; i++) {
      labels[i] = i % 2;
    }
    // d(mean cross-entropy)/d logit = (softmax - onehot) / rows.
    float[] expected = new float[raw.length];
    for (int i = 0; i < ROWS; i++) {
      double p1 = 1 / (1 + Math.exp(raw[2 * i] - raw[2 * i + 1]));
      expected[2 * i] = (float) ((1 - p1 - (labels[i] == 0 ? 1 : 0)) / ROWS);
      expected[2 * i + 1] = (float) ((p1 - (labels[i] == 1 ? 1 : 0)) / ROWS);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      // Several trials: each gives the collector a fresh chance to free a buffer the backward reads.
      for (int trial = 0; trial < 5; trial++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray logits = FeatureBatches.owned(scope.create(raw, new Shape(ROWS, 2)));
          logits.setRequiresGradient(true);
          NDArray y = FeatureBatches.owned(scope.create(labels));
          List<ByteBuffer> poison;
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Training.crossEntropy(logits, y, null);
            poison = GcPoison.collectAndPoison();
            collector.backward(loss);
          }
          // Float32 softmax over 2 classes: agreement to 1e-6 is far tighter than any garbage.
          assertArrayEquals(expected, logits.getGradient().toFloatArray(), 1e-6f, "trial " + trial);
          // Keep the NaN buffers allocated until the backward pass has run.
          Reference.reachabilityFence(poison);
        }
      }
    }
  }
}
