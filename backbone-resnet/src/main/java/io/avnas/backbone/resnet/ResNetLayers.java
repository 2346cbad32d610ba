package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** The building blocks of a BasicBlock ResNet (He et al. 2016, option B shortcuts). */
final class ResNetLayers {
  private ResNetLayers() {}

  /** 7x7/2 convolution, batch norm, ReLU, 3x3/2 max pooling: the input is reduced 4x. */
  static Block stem(int filters) {
    return new SequentialBlock()
        .add(conv(filters, 7, 2, 3))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
  }

  /**
   * One ResNet stage of {@code blocks} BasicBlocks. The first block changes the stride and, when the
   * shape changes, uses a projection shortcut (1x1 convolution + batch norm).
   */
  static Block stage(int inFilters, int filters, int blocks, int stride) {
    SequentialBlock stage = new SequentialBlock();
    for (int i = 0; i < blocks; i++) {
      int s = i == 0 ? stride : 1;
      boolean projection = i == 0 && (stride != 1 || inFilters != filters);
      stage.add(basicBlock(filters, s, projection));
    }
    return stage;
  }

  private static Block basicBlock(int filters, int stride, boolean projection) {
    Block main = new SequentialBlock()
        .add(conv(filters, 3, stride, 1))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(conv(filters, 3, 1, 1))
        .add(BatchNorm.builder().build());
    Block shortcut = projection
        ? new SequentialBlock().add(conv(filters, 1, stride, 0)).add(BatchNorm.builder().build())
        : new LambdaBlock(x -> x, "identity");
    return new ParallelBlock(
        outputs -> new NDList(Activation.relu(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow()))),
        List.of(main, shortcut));
  }

  private static Block conv(int filters, int kernel, int stride, int padding) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(false)
        .build();
  }
}
