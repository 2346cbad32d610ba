package io.avnas.searchspace.bimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.avnas.api.searchspace.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reshape layers of the features a network reads: each brings (B, C_i, L_i) to (B, C, L) with a
 * 1×1 Conv1d C_i → C, BatchNorm, ReLU and Dropout. Features with the same C_i share one grouped
 * convolution (groups = their count), so ResNet-34's eight taps cost three convolutions, not eight.
 *
 * <p>Time is brought to L first: a vector (L_i = 1) is repeated L times (before the convolution,
 * as in BM-NAS, so Dropout masks differ per position); a length that is a multiple of L is
 * max-pooled in windows of L_i / L (adaptive max pooling for that case). Other lengths are refused.
 */
final class ReshapeBank {
  private final int channels;
  private final int length;
  private final List<FeatureSpec> features;
  private final List<List<Integer>> groups = new ArrayList<>();
  private final List<ConvBn> units = new ArrayList<>();
  private final List<Integer> stackOrder = new ArrayList<>();

  /**
   * @param used indices (into {@code features}) of the features to build layers for
   */
  ReshapeBank(NetBlock owner, List<FeatureSpec> features, List<Integer> used, int channels, int length) {
    this.channels = channels;
    this.length = length;
    this.features = features;
    Map<Integer, List<Integer>> byChannels = new LinkedHashMap<>();
    for (int index : used) {
      FeatureSpec spec = features.get(index);
      if (spec.length() != 1 && spec.length() % length != 0) {
        throw new IllegalArgumentException(spec.name() + ": length " + spec.length() + " is neither 1 nor a multiple of L = "
            + length + "; pool the feature to L (avnas.searchspace.L) first");
      }
      byChannels.computeIfAbsent(spec.channels(), c -> new ArrayList<>()).add(index);
    }
    for (Map.Entry<Integer, List<Integer>> group : byChannels.entrySet()) {
      int g = group.getValue().size();
      groups.add(group.getValue());
      stackOrder.addAll(group.getValue());
      units.add(new ConvBn(owner, "reshape.c" + group.getKey(), g * group.getKey(), g * channels, g));
    }
  }

  /** The feature indices in the order {@link #apply} stacks them. */
  List<Integer> stackOrder() {
    return stackOrder;
  }

  /**
   * Reshapes the used features and stacks them in {@link #stackOrder()}: (U, B, C, L).
   *
   * @param inputs every feature of the search space, in feature order
   */
  NDArray apply(NetBlock owner, NDList inputs, boolean training) {
    NDList stacked = new NDList(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      List<Integer> members = groups.get(g);
      NDList parts = new NDList(members.size());
      for (int index : members) {
        parts.add(toLength(inputs.get(index), features.get(index)));
      }
      NDArray in = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
      NDArray out = owner.dropout(Activation.relu(units.get(g).apply(in, training)), training);
      long batch = out.getShape().get(0);
      stacked.add(out.reshape(new Shape(batch, members.size(), channels, length)).transpose(1, 0, 2, 3));
    }
    return stacked.size() == 1 ? stacked.head() : NDArrays.concat(stacked, 0);
  }

  private NDArray toLength(NDArray x, FeatureSpec spec) {
    int l = spec.length();
    if (l == length) {
      return x;
    }
    if (l == 1) {
      return x.repeat(2, length);
    }
    Shape s = x.getShape();
    return x.reshape(new Shape(s.get(0), s.get(1), length, l / length)).max(new int[] {3});
  }
}
