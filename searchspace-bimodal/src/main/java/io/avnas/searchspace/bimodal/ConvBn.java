package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.BatchNorm;

/**
 * A 1×1 Conv1d followed by BatchNorm. With {@code groups > 1} it is that many independent units side
 * by side (BatchNorm is per channel, so one wide BatchNorm equals separate ones); this is how
 * several layers with the same shape run as one op.
 */
final class ConvBn {
  private static final float MOMENTUM = 0.9f;
  private static final float EPSILON = 1e-5f;

  private final NetBlock owner;
  private final int groups;
  private final Parameter weight;
  private final Parameter bias;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  /**
   * @param in input channels (all groups)
   * @param out output channels (all groups)
   */
  ConvBn(NetBlock owner, String name, int in, int out, int groups) {
    this.owner = owner;
    this.groups = groups;
    int fanIn = in / groups;
    weight = owner.weight(name + ".conv.weight", new Shape(out, fanIn, 1), fanIn);
    bias = owner.bias(name + ".conv.bias", new Shape(out), fanIn);
    gamma = owner.constant(name + ".bn.gamma", Parameter.Type.GAMMA, new Shape(out), 1f, true);
    beta = owner.constant(name + ".bn.beta", Parameter.Type.BETA, new Shape(out), 0f, true);
    runningMean = owner.constant(name + ".bn.runningMean", Parameter.Type.RUNNING_MEAN, new Shape(out), 0f, false);
    runningVar = owner.constant(name + ".bn.runningVar", Parameter.Type.RUNNING_VAR, new Shape(out), 1f, false);
  }

  NDArray apply(NDArray x, boolean training) {
    NDArray conv = Conv1d.conv1d(x, weight.getArray(), bias.getArray(), new Shape(1), new Shape(0), new Shape(1), groups)
        .singletonOrThrow();
    return BatchNorm.batchNorm(conv, runningMean.getArray(), runningVar.getArray(), gamma.getArray(), beta.getArray(), 1,
        MOMENTUM, EPSILON, owner.batchStatistics(training)).singletonOrThrow();
  }
}
