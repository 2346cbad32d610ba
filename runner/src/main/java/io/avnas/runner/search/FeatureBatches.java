package io.avnas.runner.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.avnas.api.searchspace.FeatureSpec;
import io.avnas.runner.features.FeatureSet;
import java.util.Random;

/**
 * One split's features on the device, served in batches. The whole split is copied to the device
 * once; an epoch's order is one permutation array, and a batch is a slice of it gathered from each
 * feature, so the hot loop makes no host copies.
 */
public final class FeatureBatches implements AutoCloseable {
  private final NDManager manager;
  private final NDList taps = new NDList();
  private final NDArray labels;
  private final int size;

  public FeatureBatches(FeatureSet set, NDManager parent) {
    this.manager = parent.newSubManager();
    this.size = set.size();
    for (int i = 0; i < set.specs().size(); i++) {
      FeatureSpec spec = set.specs().get(i);
      taps.add(owned(manager.create(set.taps().get(i), new Shape(size, spec.channels(), spec.length()))));
    }
    int[] y = set.labels();
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = y[i];
    }
    labels = owned(manager.create(f));
  }

  public int size() {
    return size;
  }

  /** The number of batches of an epoch (the last may be smaller). */
  public int batches(int batchSize) {
    return (size + batchSize - 1) / batchSize;
  }

  /** A row order for one epoch: shuffled with {@code random}, or in order when it is null. */
  public NDArray order(Random random, NDManager into) {
    long[] idx = new long[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    if (random != null) {
      for (int i = size - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    return owned(into.create(idx));
  }

  /** An epoch order given as row indices (e.g. drawn by a class-balanced sampler; repeats allowed). */
  public NDArray orderOf(int[] rows, NDManager into) {
    long[] idx = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= size) {
        throw new IllegalArgumentException("row " + rows[i] + " is outside [0, " + size + ")");
      }
      idx[i] = rows[i];
    }
    return owned(into.create(idx));
  }

  /**
   * A copy in engine-owned memory. An array created from a Java array wraps a direct buffer that
   * only the array object keeps alive; a slice of it (a view) does not, so once the original is
   * unreachable the garbage collector may free memory a view still reads. Copying removes the hazard.
   */
  static NDArray owned(NDArray created) {
    NDArray copy = created.duplicate();
    created.close();
    return copy;
  }

  /** Batch {@code b} of an epoch: the features, then the labels last. */
  public NDList batch(NDArray order, int b, int batchSize) {
    int start = b * batchSize;
    int end = Math.min(size, start + batchSize);
    NDArray rows = order.get(new NDIndex("{}:{}", start, end));
    NDList out = new NDList(taps.size() + 1);
    for (NDArray tap : taps) {
      out.add(tap.get(rows));
    }
    out.add(labels.get(rows));
    return out;
  }

  /** Every label, in row order, on the host. */
  public int[] labelArray() {
    float[] f = labels.toFloatArray();
    int[] y = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      y[i] = Math.round(f[i]);
    }
    return y;
  }

  @Override
  public void close() {
    manager.close();
  }
}
