package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;

/** LayerNorm over the trailing dimensions (e.g. [C, L]) with an elementwise affine. */
final class Norm {
  private static final float EPSILON = 1e-5f;

  private final Shape shape;
  private final Parameter gamma;
  private final Parameter beta;

  Norm(NetBlock owner, String name, Shape shape) {
    this.shape = shape;
    gamma = owner.constant(name + ".ln.gamma", Parameter.Type.GAMMA, shape, 1f, true);
    beta = owner.constant(name + ".ln.beta", Parameter.Type.BETA, shape, 0f, true);
  }

  NDArray apply(NDArray x) {
    return LayerNorm.layerNorm(x, shape, gamma.getArray(), beta.getArray(), EPSILON).singletonOrThrow();
  }
}
