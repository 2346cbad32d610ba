package io.avnas.searchspace.bimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.avnas.api.searchspace.SearchSpace;
import io.avnas.api.searchspace.StepKind;
import io.avnas.testkit.internal.GcPoison;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search's NaN divergence: a scalar operand that autograd saves (e.g. attention's 1/sqrt(C))
 * must live in engine memory. DJL's {@code div(Number)} wrapped it in a Java direct buffer that the
 * garbage collector could free before the backward pass, which then read garbage. Here the
 * collector runs and the freed memory is refilled with NaN between forward and backward; every
 * gradient must equal the one computed without that.
 */
class BackwardAfterGcTest {
  @Test
  void supernetGradientsDoNotDependOnGarbageCollectionBeforeBackward() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      SearchSpace space = new BimodalSearchSpaceFactory().create(BimodalSearchSpaceTest.block(4, 2, 2, 2, 2, 2),
          BimodalSearchSpaceTest.SMALL, TestEstimators.softmax(), 2);
      Block net = space.supernet();
      net.initialize(manager, DataType.FLOAT32, BimodalSearchSpaceTest.shapes(BimodalSearchSpaceTest.SMALL, 6));
      NDList x = BimodalSearchSpaceTest.input(manager, BimodalSearchSpaceTest.SMALL, 6);
      NDArray labels = manager.randomInteger(0, 2, new Shape(6), DataType.INT64);
      // Architecture steps use no dropout and BatchNorm's running statistics: the step is deterministic.
      space.setStepKind(StepKind.ARCHITECTURE);
      List<float[]> reference = gradients(net, manager, x, labels, false);
      for (int trial = 0; trial < 3; trial++) {
        List<float[]> poisoned = gradients(net, manager, x, labels, true);
        assertEquals(reference.size(), poisoned.size());
        for (int i = 0; i < reference.size(); i++) {
          // Same inputs, same ops, same thread: the gradients agree bit for bit unless memory was read after free.
          assertArrayEquals(reference.get(i), poisoned.get(i), "trial " + trial + ", parameter " + i);
        }
      }
    }
  }

  private static List<float[]> gradients(Block net, NDManager manager, NDList x, NDArray labels, boolean poison)
      {
    for (Parameter p : net.getParameters().values()) {
      if (p.requiresGradient()) {
        p.getArray().getGradient().subi(p.getArray().getGradient());
      }
    }
    List<ByteBuffer> held = List.of();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray logits = net.forward(new ParameterStore(manager, false), x, true).head();
      NDArray loss = logits.logSoftmax(-1).mul(labels.oneHot(2)).sum().neg();
      if (poison) {
        held = GcPoison.collectAndPoison();
      }
      collector.backward(loss);
    }
    List<float[]> out = new ArrayList<>();
    for (Parameter p : net.getParameters().values()) {
      if (p.requiresGradient()) {
        out.add(p.getArray().getGradient().toFloatArray());
      }
    }
    // Keep the NaN buffers allocated until the backward pass has run.
    Reference.reachabilityFence(held);
    return out;
  }
}
