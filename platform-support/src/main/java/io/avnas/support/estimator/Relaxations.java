package io.avnas.support.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The building blocks shared by the sampling estimators, in one place so that every estimator gets
 * the same (tested) noise and the same straight-through rule. Every method works on whole tensors.
 */
public final class Relaxations {
  /**
   * The lower end of the uniform draws behind the noise. {@code U} is drawn from {@code [EPS, 1)}, so
   * {@code -log U} is finite and, in float32, at least about 6e-8 (the gap below 1), so {@code
   * -log(-log U)} is finite too.
   */
  public static final float EPS = 1e-10f;

  private Relaxations() {}

  /** iid standard Gumbel noise {@code -log(-log U)} of the given shape, on {@code manager}'s device. */
  public static NDArray gumbel(NDManager manager, Shape shape, DataType type) {
    return exponential(manager, shape, type).log().neg();
  }

  /** iid Exp(1) noise {@code -log U} of the given shape, on {@code manager}'s device. */
  public static NDArray exponential(NDManager manager, Shape shape, DataType type) {
    return manager.randomUniform(EPS, 1f, shape, type).log().neg();
  }

  /** The one-hot of each row's argmax over the last axis, in the data type of {@code values}. */
  public static NDArray oneHotArgMax(NDArray values) {
    int ops = (int) values.getShape().get(values.getShape().dimension() - 1);
    return values.argMax(-1).oneHot(ops, values.getDataType());
  }

  /**
   * One categorical sample per row by the Gumbel-max trick: {@code onehot(argmax(values + G))}, with
   * fresh Gumbel noise G of {@code values}' shape from the engine's generator. For {@code values =
   * stopGradient(theta)} it is {@code D ~ Cat(softmax(theta))} with no gradient, the forward value of
   * grmc and reinmax.
   */
  public static NDArray gumbelMax(NDArray values) {
    return oneHotArgMax(values.add(gumbel(values.getManager(), values.getShape(), values.getDataType())));
  }

  /**
   * The straight-through combination {@code soft + stopGradient(hard - soft)}: the forward value is
   * exactly {@code hard} (for values in [0, 1], {@code s + (D - s)} rounds back to D in IEEE
   * arithmetic) and the gradient flows through {@code soft}. The reverse, {@code hard +
   * stopGradient(soft - hard)}, gives the logits no gradient at all; never write it.
   */
  public static NDArray straightThrough(NDArray hard, NDArray soft) {
    return soft.add(hard.sub(soft).stopGradient());
  }
}
