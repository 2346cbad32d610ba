package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import io.avnas.api.searchspace.StepKind;

/**
 * A block whose layers are plain parameters applied with DJL's functional ops. Every parameter has
 * an explicit shape and initialiser, so the block initialises without shape inference, and its
 * step kind decides how BatchNorm and Dropout behave (see {@link StepKind}).
 */
abstract class NetBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  protected final float dropout;
  private StepKind stepKind = StepKind.WEIGHTS;

  NetBlock(double dropout) {
    super(VERSION);
    this.dropout = (float) dropout;
  }

  void setStepKind(StepKind kind) {
    this.stepKind = kind;
  }

  StepKind stepKind() {
    return stepKind;
  }

  /** BatchNorm normalises with (and updates) batch statistics only on weight steps. */
  boolean batchStatistics(boolean training) {
    return training && stepKind == StepKind.WEIGHTS;
  }

  /** Dropout is active only on weight steps. */
  NDArray dropout(NDArray x, boolean training) {
    if (dropout == 0f || !training || stepKind != StepKind.WEIGHTS) {
      return x;
    }
    return Dropout.dropout(x, dropout, true).singletonOrThrow();
  }

  Parameter weight(String name, Shape shape, long fanIn) {
    // PyTorch's default for conv and linear layers: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    return add(name, Parameter.Type.WEIGHT, shape, new UniformInitializer((float) (1 / Math.sqrt(fanIn))), true);
  }

  Parameter bias(String name, Shape shape, long fanIn) {
    return add(name, Parameter.Type.BIAS, shape, new UniformInitializer((float) (1 / Math.sqrt(fanIn))), true);
  }

  Parameter constant(String name, Parameter.Type type, Shape shape, float value, boolean trainable) {
    return add(name, type, shape, new ConstantInitializer(value), trainable);
  }

  Parameter add(String name, Parameter.Type type, Shape shape, Initializer init, boolean trainable) {
    return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init)
        .optRequiresGrad(trainable).build());
  }
}
