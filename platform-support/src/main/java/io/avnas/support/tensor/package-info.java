/** Tensor helpers every plugin that builds an autograd graph needs ({@link io.avnas.support.tensor.Scalars}). */
package io.avnas.support.tensor;
