package io.avnas.testkit.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Provokes use-after-free of Java-owned tensor memory. DJL's PyTorch engine wraps arrays made from
 * Java data (including the scalar of {@code x.div(2.0)}) around a direct buffer without copying; if
 * autograd saved such an array for the backward pass, the garbage collector may free the buffer
 * first and the backward then reads garbage (this made the search diverge to NaN). Call {@link
 * #collectAndPoison()} between forward and backward: the gradient must not change.
 */
public final class GcPoison {
  private GcPoison() {}

  /**
   * Runs the garbage collector (its cleaner frees unreachable direct buffers on another thread, so
   * this waits a little), then allocates many small direct buffers full of NaN, which reuse the freed
   * memory. Keep the returned list reachable until the backward pass is done.
   */
  public static List<ByteBuffer> collectAndPoison() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the garbage collector", e);
      }
    }
    List<ByteBuffer> poison = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
      for (int j = 0; j < 4; j++) {
        b.putFloat(4 * j, Float.NaN);
      }
      poison.add(b);
    }
    return poison;
  }
}
