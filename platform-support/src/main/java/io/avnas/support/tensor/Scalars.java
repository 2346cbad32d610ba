package io.avnas.support.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for tensor arithmetic that autograd records. Use {@code x.div(Scalars.like(x, c))},
 * never {@code x.div(c)} or {@code x.mul(c)} with a Java number, on anything a backward pass goes
 * through.
 *
 * <p>Why: DJL's PyTorch engine implements {@code mul(Number)} and {@code div(Number)} by wrapping the
 * number in a Java direct buffer without copying ({@code from_blob}), applying the op and closing the
 * wrapper at once. Autograd saves the scalar operand of a product or quotient for the backward pass,
 * but PyTorch does not own that memory: once the garbage collector frees the buffer, the backward
 * reads whatever now occupies it, and the gradients become garbage (inf or NaN), at a moment that
 * depends on GC timing. {@code full} allocates in engine memory, which autograd keeps alive.
 */
public final class Scalars {
  private Scalars() {}

  /** A 0-d array holding {@code value}, in {@code like}'s data type, device and manager, in engine memory. */
  public static NDArray like(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
