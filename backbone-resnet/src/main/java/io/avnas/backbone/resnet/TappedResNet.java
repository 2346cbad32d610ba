package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A BasicBlock ResNet that returns its taps instead of class scores: layer2, layer3 and layer4 maps
 * (N, C, h, w) and the globally averaged layer4 vector (N, C).
 *
 * <p>A rank-5 input (B, T, C, H, W) is folded to (B*T, C, H, W) so every frame runs as an image,
 * and every tap is unfolded to (B, T, ...) afterwards.
 */
final class TappedResNet extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block stem;
  private final Block layer1;
  private final Block layer2;
  private final Block layer3;
  private final Block layer4;
  /** Per input channel, x * scale + shift before the stem; null = the input as it is. */
  private final float[][] inputAffine;

  /**
   * @param blocksPerStage BasicBlocks in layer1..layer4 ({2,2,2,2} for ResNet-18, {3,4,6,3} for 34)
   * @param stageChannels channels of layer1..layer4
   */
  TappedResNet(int[] blocksPerStage, int[] stageChannels) {
    this(blocksPerStage, stageChannels, null);
  }

  /**
   * @param inputAffine {scale, shift} per input channel, applied to every input before the stem (the
   *     visual backbone undoes the preprocessing's ImageNet normalisation with it), or null
   */
  TappedResNet(int[] blocksPerStage, int[] stageChannels, float[][] inputAffine) {
    super(VERSION);
    this.inputAffine = inputAffine;
    stem = addChildBlock("stem", ResNetLayers.stem(stageChannels[0]));
    layer1 = addChildBlock("layer1", ResNetLayers.stage(stageChannels[0], stageChannels[0], blocksPerStage[0], 1));
    layer2 = addChildBlock("layer2", ResNetLayers.stage(stageChannels[0], stageChannels[1], blocksPerStage[1], 2));
    layer3 = addChildBlock("layer3", ResNetLayers.stage(stageChannels[1], stageChannels[2], blocksPerStage[2], 2));
    layer4 = addChildBlock("layer4", ResNetLayers.stage(stageChannels[2], stageChannels[3], blocksPerStage[3], 2));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape in = x.getShape();
    boolean framewise = in.dimension() == 5;
    if (framewise) {
      x = x.reshape(fold(in));
    }
    if (inputAffine != null) {
      long c = inputAffine[0].length;
      NDArray scale = x.getManager().create(inputAffine[0], new Shape(1, c, 1, 1));
      NDArray shift = x.getManager().create(inputAffine[1], new Shape(1, c, 1, 1));
      x = x.mul(scale).add(shift);
    }
    NDList h = layer1.forward(store, stem.forward(store, new NDList(x), training), training);
    NDList l2 = layer2.forward(store, h, training);
    NDList l3 = layer3.forward(store, l2, training);
    NDList l4 = layer4.forward(store, l3, training);
    NDArray map = l4.singletonOrThrow();
    Shape m = map.getShape();
    // Global average over space; PyTorch's mean takes one axis, so flatten h and w first.
    NDArray pooled = map.reshape(m.get(0), m.get(1), m.get(2) * m.get(3)).mean(new int[] {2});
    NDList taps = new NDList(l2.singletonOrThrow(), l3.singletonOrThrow(), l4.singletonOrThrow(), pooled);
    if (!framewise) {
      return taps;
    }
    NDList unfolded = new NDList(taps.size());
    for (NDArray tap : taps) {
      unfolded.add(tap.reshape(unfold(in, tap.getShape())));
    }
    return unfolded;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    boolean framewise = in.dimension() == 5;
    Shape[] s = {framewise ? fold(in) : in};
    s = layer1.getOutputShapes(stem.getOutputShapes(s));
    Shape l2 = layer2.getOutputShapes(s)[0];
    Shape l3 = layer3.getOutputShapes(new Shape[] {l2})[0];
    Shape l4 = layer4.getOutputShapes(new Shape[] {l3})[0];
    Shape pooled = new Shape(l4.get(0), l4.get(1));
    Shape[] taps = {l2, l3, l4, pooled};
    if (framewise) {
      for (int i = 0; i < taps.length; i++) {
        taps[i] = unfold(in, taps[i]);
      }
    }
    return taps;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape s = in.dimension() == 5 ? fold(in) : in;
    for (Block child : new Block[] {stem, layer1, layer2, layer3, layer4}) {
      child.initialize(manager, dataType, s);
      s = child.getOutputShapes(new Shape[] {s})[0];
    }
  }

  private static Shape fold(Shape in) {
    return new Shape(in.get(0) * in.get(1), in.get(2), in.get(3), in.get(4));
  }

  /** (B*T, rest...) back to (B, T, rest...). */
  private static Shape unfold(Shape in, Shape folded) {
    return new Shape(in.get(0), in.get(1)).addAll(folded.slice(1));
  }
}
