package io.avnas.runner.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.avnas.support.tensor.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Pieces shared by search and retraining: loss, evaluation passes, parameter files, seeding. */
public final class Training {
  private static final Set<Parameter.Type> NETWORK_TYPES =
      Set.of(Parameter.Type.WEIGHT, Parameter.Type.BIAS, Parameter.Type.GAMMA, Parameter.Type.BETA);

  private Training() {}

  /** Mean (optionally class-weighted) softmax cross-entropy of (B, classes) logits. */
  public static NDArray crossEntropy(NDArray logits, NDArray labels, NDArray classWeights) {
    NDArray target = labels.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot((int) logits.getShape().get(1));
    if (classWeights != null) {
      target = target.mul(classWeights);
    }
    // The batch size as an engine-owned scalar: autograd keeps the divisor for the backward pass.
    return logits.logSoftmax(-1).mul(target).sum().neg().div(Scalars.like(logits, labels.getShape().get(0)));
  }

  /** The number of correct argmax predictions, as a device scalar. */
  public static NDArray correct(NDArray logits, NDArray labels) {
    return logits.argMax(-1).toType(labels.getDataType(), false).eq(labels).sum().toType(labels.getDataType(), false);
  }

  /** Trainable network parameters: every weight, bias and norm affine that is not in {@code exclude}. */
  public static List<Parameter> networkParameters(Block block, List<Parameter> exclude) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (NETWORK_TYPES.contains(p.getValue().getType()) && p.getValue().requiresGradient()
          && !exclude.contains(p.getValue())) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  /** The number of values in {@code parameters}. */
  public static long count(List<Parameter> parameters) {
    return parameters.stream().mapToLong(p -> p.getArray().size()).sum();
  }

  /**
   * P(fake) for every row, in row order, from an evaluation-mode pass; also the mean loss.
   *
   * @return scores, and the loss as the last element
   */
  public static double[] scores(Block net, FeatureBatches data, int batchSize, NDManager manager) {
    double[] out = new double[data.size() + 1];
    try (NDManager scratch = manager.newSubManager()) {
      NDArray order = data.order(null, scratch);
      ParameterStore store = new ParameterStore(scratch, false);
      double loss = 0;
      int row = 0;
      for (int b = 0; b < data.batches(batchSize); b++) {
        try (NDScope scope = new NDScope()) {
          NDList batch = data.batch(order, b, batchSize);
          NDArray labels = batch.remove(batch.size() - 1);
          NDArray logits = net.forward(store, batch, false).head();
          loss += crossEntropy(logits, labels, null).getFloat() * labels.getShape().get(0);
          float[] p = logits.softmax(-1).get(":, 1").toFloatArray();
          for (float v : p) {
            out[row++] = v;
          }
        }
      }
      out[data.size()] = loss / data.size();
    }
    return out;
  }

  /** Writes every parameter of {@code block} (including BatchNorm statistics) as one NDList. */
  public static void saveParameters(Block block, DataOutputStream out) throws IOException {
    NDList all = new NDList();
    for (Pair<String, Parameter> p : block.getParameters()) {
      all.add(p.getValue().getArray());
    }
    byte[] bytes = all.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Restores parameters saved by {@link #saveParameters} into the existing arrays (gradients stay attached). */
  public static void loadParameters(Block block, DataInputStream in) throws IOException {
    loadParameters(block, in, false);
  }

  /**
   * Reads parameters saved by {@link #saveParameters}; every array is checked (count, shape, finite
   * values) before the first one is set, so a bad state never leaves a half-loaded network.
   *
   * @param checkOnly only check, leave the network as it is
   */
  public static void loadParameters(Block block, DataInputStream in, boolean checkOnly) throws IOException {
    byte[] bytes = readBlock(in);
    List<Parameter> params = block.getParameters().values();
    NDManager owner = params.get(0).getArray().getManager();
    try (NDManager scratch = owner.newSubManager()) {
      NDList all = NDList.decode(scratch, bytes);
      if (all.size() != params.size()) {
        throw new IOException("checkpoint holds " + all.size() + " arrays, the network has " + params.size());
      }
      for (int i = 0; i < params.size(); i++) {
        NDArray target = params.get(i).getArray();
        if (!target.getShape().equals(all.get(i).getShape())) {
          throw new IOException(params.get(i).getName() + ": checkpoint shape " + all.get(i).getShape()
              + " differs from " + target.getShape());
        }
        requireFinite(params.get(i).getName(), all.get(i));
      }
      if (!checkOnly) {
        for (int i = 0; i < params.size(); i++) {
          params.get(i).getArray().set(all.get(i).toByteBuffer());
        }
      }
    }
  }

  /**
   * Reads a length-prefixed block, checking the length against what the stream still holds before
   * allocating (a checkpoint body is in memory, so {@code available()} is exact).
   */
  public static byte[] readBlock(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a block of " + length + " bytes is announced, " + in.available() + " remain");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  /** Fails when a floating-point array holds NaN or an infinity: such a state is damaged, not a result. */
  public static void requireFinite(String name, NDArray array) throws IOException {
    if (array.getDataType().isFloating() && array.size() > 0
        && array.isNaN().logicalOr(array.isInfinite()).any().getBoolean()) {
      throw new IOException(name + " holds NaN or infinite values");
    }
  }

  /** True when every value is finite. */
  public static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reseeds torch and returns a Java RNG, both derived from (seed, stage, epoch) alone, so an epoch
   * draws the same noise, dropout masks and batch order whether or not the run was interrupted.
   */
  public static Random reseed(long seed, String stage, int epoch) {
    long mixed = mix(mix(seed) ^ stage.hashCode() * 0x9E3779B97F4A7C15L ^ epoch);
    Engine.getInstance().setRandomSeed((int) (mixed ^ (mixed >>> 32)));
    return new Random(mixed);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
