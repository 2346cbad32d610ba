package io.avnas.backbone.resnet;

/** {@code resnet34}: BasicBlocks 3-4-6-3, the paper's backbone for both modalities. */
public final class ResNet34Factory extends ResNetFactory {
  public ResNet34Factory() {
    super("resnet34", new int[] {3, 4, 6, 3});
  }

  @Override
  public String description() {
    return "ResNet-34 (BasicBlocks 3-4-6-3, the paper's backbone) with layer2/3/4 and pooled taps";
  }
}
