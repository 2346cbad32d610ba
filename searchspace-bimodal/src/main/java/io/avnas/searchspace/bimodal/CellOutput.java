package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.List;

/** The cell output: concatenate the last multiplier step nodes, LayerNorm, ReLU, flatten, Linear. */
final class CellOutput {
  private final int multiplier;
  private final Norm norm;
  private final Parameter weight;
  private final Parameter bias;

  CellOutput(NetBlock owner, int channels, int length, int multiplier, int classes) {
    this.multiplier = multiplier;
    norm = new Norm(owner, "cell", new Shape((long) multiplier * channels, length));
    long in = (long) multiplier * channels * length;
    weight = owner.weight("classifier.weight", new Shape(classes, in), in);
    bias = owner.bias("classifier.bias", new Shape(classes), in);
  }

  NDArray apply(List<NDArray> nodes) {
    List<NDArray> last = nodes.subList(nodes.size() - multiplier, nodes.size());
    NDArray cat = last.size() == 1 ? last.get(0) : NDArrays.concat(new NDList(last), 1);
    NDArray h = Activation.relu(norm.apply(cat));
    NDArray flat = h.reshape(new Shape(h.getShape().get(0), -1));
    return Linear.linear(flat, weight.getArray(), bias.getArray()).singletonOrThrow();
  }
}
