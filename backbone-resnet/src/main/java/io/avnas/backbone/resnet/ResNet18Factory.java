package io.avnas.backbone.resnet;

/** {@code resnet18}: BasicBlocks 2-2-2-2. */
public final class ResNet18Factory extends ResNetFactory {
  public ResNet18Factory() {
    super("resnet18", new int[] {2, 2, 2, 2});
  }

  @Override
  public String description() {
    return "ResNet-18 (BasicBlocks 2-2-2-2) with layer2/3/4 and pooled taps; width and weights from config";
  }
}
