package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.avnas.support.tensor.Scalars;
import java.util.EnumSet;
import java.util.Set;

/**
 * The parameterised fusion ops of one inner node, (B,C,L) × (B,C,L) → (B,C,L) (docs/search.md):
 * Attention (no projections; Dropout, LayerNorm), LinearGLU (1×1 conv 2C → 2C, BN, GLU) and
 * ConcatFC (1×1 conv 2C → C, BN, ReLU, Dropout). When both LinearGLU and ConcatFC are built they
 * share one 2C → 3C convolution and BatchNorm: the same parameters and the same function as two
 * separate layers (convolution outputs and BatchNorm are per channel), in one op instead of two.
 */
final class FusionOps {
  private final NetBlock owner;
  private final int channels;
  private final Set<FusionOp> ops;
  private final Norm attentionNorm;
  private final ConvBn conv;

  FusionOps(NetBlock owner, String name, int channels, int length, Set<FusionOp> ops) {
    this.owner = owner;
    this.channels = channels;
    this.ops = EnumSet.copyOf(ops);
    attentionNorm = ops.contains(FusionOp.ATTENTION) ? new Norm(owner, name + ".attention", new Shape(channels, length)) : null;
    int convOut = (ops.contains(FusionOp.LINEAR_GLU) ? 2 * channels : 0) + (ops.contains(FusionOp.CONCAT_FC) ? channels : 0);
    conv = convOut > 0 ? new ConvBn(owner, name + ".fc", 2 * channels, convOut, 1) : null;
  }

  /** One op's output. */
  NDArray apply(FusionOp op, NDArray x, NDArray y, boolean training) {
    switch (op) {
      case ZERO:
        return x.zerosLike();
      case SUM:
        return x.add(y);
      case ATTENTION:
        return attention(x, y, training);
      default:
        NDArray z = conv.apply(x.concat(y, 1), training);
        return op == FusionOp.LINEAR_GLU ? glu(z.get(new NDIndex(":, :{}", 2 * channels))) : concatFc(z, training);
    }
  }

  /**
   * Every non-zero op's output, stacked and flattened: (4, B·C·L) in the order SUM, ATTENTION,
   * LINEAR_GLU, CONCAT_FC (gamma's columns 1..4). Zero contributes nothing to a weighted sum.
   */
  NDArray applyAll(NDArray x, NDArray y, boolean training) {
    NDArray z = conv.apply(x.concat(y, 1), training);
    NDList outs = new NDList(
        x.add(y),
        attention(x, y, training),
        glu(z.get(new NDIndex(":, :{}", 2 * channels))),
        concatFc(z.get(new NDIndex(":, {}:", 2 * channels)), training));
    return NDArrays.stack(outs).reshape(new Shape(4, -1));
  }

  private NDArray attention(NDArray x, NDArray y, boolean training) {
    // scores[b, i, j] = sum_c x[b, c, i] y[b, c, j] / sqrt(C); output[b, c, i] = sum_j y[b, c, j] a[b, i, j].
    NDArray scores = x.transpose(0, 2, 1).matMul(y).div(Scalars.like(x, Math.sqrt(channels))).softmax(-1);
    NDArray attended = y.matMul(scores.transpose(0, 2, 1));
    return attentionNorm.apply(owner.dropout(attended, training));
  }

  private NDArray glu(NDArray z) {
    return z.get(new NDIndex(":, :{}", channels)).mul(Activation.sigmoid(z.get(new NDIndex(":, {}:", channels))));
  }

  /** ConcatFC on a (B, C, L) slice that is already conv + BN (the last C channels of z). */
  private NDArray concatFc(NDArray z, boolean training) {
    NDArray last = z.getShape().get(1) == channels ? z : z.get(new NDIndex(":, -{}:", channels));
    return owner.dropout(Activation.relu(last), training);
  }

  Set<FusionOp> ops() {
    return ops;
  }
}
