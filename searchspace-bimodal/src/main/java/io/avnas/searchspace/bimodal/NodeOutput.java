package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * A step node's output: concatenate the last node-multiplier inner states, 1×1 conv m·C → C, BN,
 * ReLU, Dropout, add the residual x, LayerNorm([C, L]).
 */
final class NodeOutput {
  private final NetBlock owner;
  private final int multiplier;
  private final ConvBn conv;
  private final Norm norm;

  NodeOutput(NetBlock owner, String name, int channels, int length, int multiplier) {
    this.owner = owner;
    this.multiplier = multiplier;
    conv = new ConvBn(owner, name + ".out", multiplier * channels, channels, 1);
    norm = new Norm(owner, name + ".out", new Shape(channels, length));
  }

  NDArray apply(List<NDArray> inner, NDArray x, boolean training) {
    List<NDArray> last = inner.subList(inner.size() - multiplier, inner.size());
    NDArray cat = last.size() == 1 ? last.get(0) : NDArrays.concat(new NDList(last), 1);
    NDArray h = owner.dropout(Activation.relu(conv.apply(cat, training)), training);
    return norm.apply(h.add(x));
  }
}
