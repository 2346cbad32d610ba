package io.avnas.backbone.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import io.avnas.api.backbone.Modality;
import io.avnas.api.backbone.WeightsCheck;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * torchvision's ResNet state-dict names for a {@link TappedResNet}'s parameters, and loading a
 * safetensors state dict by those names (torchvision's and timm's resnet18/34 use the same names).
 *
 * <p>The mapping follows the block structure, not DJL's generated parameter names: the stem's
 * convolution and batch norm are {@code conv1} and {@code bn1}; block {@code j} of stage {@code k}
 * is {@code layerK.j} with {@code conv1, bn1, conv2, bn2} and, for a projection shortcut, {@code
 * downsample.0} (1x1 convolution) and {@code downsample.1} (batch norm). DJL's batch-norm
 * parameters gamma, beta, runningMean and runningVar are torchvision's weight, bias, running_mean
 * and running_var.
 *
 * <p>Not loaded, and reported as ignored: {@code num_batches_tracked} (a step counter, no weight)
 * and the ImageNet classifier head {@code fc.*} (a feature extractor has none). For the 1-channel
 * audio backbone, a 3-channel {@code conv1.weight} is summed over its input channels, the usual
 * adaptation of RGB weights to one channel.
 */
final class TorchvisionStateDict {
  private static final Logger LOG = LoggerFactory.getLogger(TorchvisionStateDict.class);
  static final String FIRST_CONV = "conv1.weight";

  private static final Map<String, String> BATCH_NORM = Map.of(
      "gamma", "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

  private TorchvisionStateDict() {}

  /** The network's parameters by torchvision name, in torchvision's order. */
  static Map<String, Parameter> names(TappedResNet net) {
    Map<String, Parameter> names = new LinkedHashMap<>();
    List<Block> parts = net.getChildren().values();
    List<Block> stem = leaves(parts.get(0));
    put(names, "conv1", stem.get(0));
    put(names, "bn1", stem.get(1));
    for (int k = 1; k < parts.size(); k++) {
      List<Block> blocks = parts.get(k).getChildren().values();
      for (int j = 0; j < blocks.size(); j++) {
        String prefix = "layer" + k + "." + j + ".";
        List<Block> branches = blocks.get(j).getChildren().values();
        List<Block> main = leaves(branches.get(0));
        put(names, prefix + "conv1", main.get(0));
        put(names, prefix + "bn1", main.get(1));
        put(names, prefix + "conv2", main.get(2));
        put(names, prefix + "bn2", main.get(3));
        List<Block> shortcut = leaves(branches.get(1));
        if (!shortcut.isEmpty()) {
          put(names, prefix + "downsample.0", shortcut.get(0));
          put(names, prefix + "downsample.1", shortcut.get(1));
        }
      }
    }
    return names;
  }

  /** Compares the file's tensors with the network's, as a strict {@code load_state_dict} would. */
  static WeightsCheck check(Path file, TappedResNet net, Modality modality) throws IOException {
    Map<String, Safetensors.Entry> header = Safetensors.header(file);
    Map<String, Shape> found = new LinkedHashMap<>();
    header.forEach((name, entry) -> found.put(name, entry.shape()));
    return compare(found, net, modality);
  }

  static WeightsCheck compare(Map<String, Shape> found, TappedResNet net, Modality modality) {
    List<String> loaded = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<WeightsCheck.Mismatch> mismatched = new ArrayList<>();
    List<String> adapted = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : names(net).entrySet()) {
      String name = e.getKey();
      Shape expected = e.getValue().getArray().getShape();
      Shape actual = found.get(name);
      if (actual == null) {
        missing.add(name + " " + expected);
      } else if (actual.equals(expected)) {
        loaded.add(name);
      } else if (summable(name, modality, expected, actual)) {
        loaded.add(name);
        adapted.add(name + ": " + actual.get(1) + " input channels summed to 1 for the 1-channel audio backbone");
      } else {
        mismatched.add(new WeightsCheck.Mismatch(name, expected.toString(), actual.toString()));
      }
    }
    Map<String, Parameter> names = names(net);
    List<String> unexpected = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String name : found.keySet()) {
      if (names.containsKey(name)) {
        continue;
      }
      if (name.endsWith("num_batches_tracked")) {
        ignored.add(name + ": a batch-norm step counter, not a weight");
      } else if (name.startsWith("fc.")) {
        ignored.add(name + ": the ImageNet classifier head; a feature extractor has none");
      } else {
        unexpected.add(name);
      }
    }
    // The file's order is the writer's (safetensors writers sort or hash names): sorted reads better.
    unexpected.sort(null);
    ignored.sort(null);
    return new WeightsCheck(loaded, missing, unexpected, mismatched, ignored, adapted);
  }

  /** Loads a torchvision-named safetensors state dict strictly; a mismatch fails naming every problem. */
  static void load(Path file, TappedResNet net, Modality modality, NDManager manager) throws IOException {
    WeightsCheck check = check(file, net, modality);
    if (!check.ok()) {
      throw new IOException(file + " does not fit this ResNet with torchvision's names (" + check.summary() + "): "
          + problems(check) + " (see `avnas weights check " + file + "`)");
    }
    try (NDManager scratch = manager.newSubManager()) {
      Map<String, NDArray> tensors = Safetensors.read(file, scratch);
      for (Map.Entry<String, Parameter> e : names(net).entrySet()) {
        NDArray array = tensors.get(e.getKey()).toType(DataType.FLOAT32, false);
        NDArray target = e.getValue().getArray();
        if (!array.getShape().equals(target.getShape())) {
          // The only adaptation check() accepts: RGB conv1 weights for a one-channel input.
          array = array.sum(new int[] {1}, true);
        }
        target.set(FloatBuffer.wrap(array.toFloatArray()));
      }
    }
    check.adapted().forEach(a -> LOG.info("{}: {}", file.getFileName(), a));
  }

  static String problems(WeightsCheck check) {
    List<String> parts = new ArrayList<>();
    if (!check.missing().isEmpty()) {
      parts.add("missing " + first(check.missing()));
    }
    if (!check.unexpected().isEmpty()) {
      parts.add("unexpected " + first(check.unexpected()));
    }
    if (!check.mismatched().isEmpty()) {
      parts.add("shape mismatch " + first(check.mismatched().stream().map(Object::toString).toList()));
    }
    return String.join("; ", parts);
  }

  private static String first(List<String> items) {
    return items.size() <= 3 ? String.join(", ", items) : String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
  }

  private static boolean summable(String name, Modality modality, Shape expected, Shape actual) {
    return name.equals(FIRST_CONV) && modality == Modality.AUDIO && expected.dimension() == 4 && actual.dimension() == 4
        && expected.get(1) == 1 && actual.get(1) == 3 && expected.get(0) == actual.get(0)
        && expected.get(2) == actual.get(2) && expected.get(3) == actual.get(3);
  }

  private static void put(Map<String, Parameter> names, String prefix, Block block) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      String local = p.getValue().getName();
      String suffix = block instanceof BatchNorm ? BATCH_NORM.get(local) : local;
      if (suffix == null) {
        throw new IllegalStateException("no torchvision name for batch-norm parameter " + local);
      }
      names.put(prefix + "." + suffix, p.getValue());
    }
  }

  /** The convolutions and batch norms under a block, in forward order. */
  private static List<Block> leaves(Block block) {
    List<Block> out = new ArrayList<>();
    if (block instanceof Conv2d || block instanceof BatchNorm) {
      out.add(block);
      return out;
    }
    for (Block child : block.getChildren().values()) {
      out.addAll(leaves(child));
    }
    return out;
  }
}
