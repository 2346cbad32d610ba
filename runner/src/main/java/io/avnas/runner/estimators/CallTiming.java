package io.avnas.runner.estimators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avnas.api.estimator.Estimator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The time of one estimator call, forward and backward, on one table of logits: {@code relax},
 * {@code sum(w * c)} and the backward pass to the logits, as one search step does per table.
 */
public final class CallTiming {
  /** Calls before timing starts (JIT, libtorch allocator warm-up). */
  private static final int WARM_UP = 30;
  /** Calls per timed batch; the reported figure is the median batch, robust to a busy machine. */
  private static final int BATCH = 10;
  /** Time budget per measurement; at least {@link #MIN_BATCHES} batches are timed. */
  private static final long BUDGET_NANOS = 400_000_000L;
  private static final int MIN_BATCHES = 5;

  /**
   * One timing.
   *
   * @param table the table's name and shape, e.g. {@code alpha 17x2}
   * @param wallMicros the median over batches of the wall-clock time per call, in microseconds
   * @param cpuMicros the same for the CPU time of the calling thread (with one libtorch thread,
   *     {@code AVNAS_THREADS=1}, every op runs on that thread, so this ignores other load)
   * @param calls the number of timed calls
   */
  public record Timing(String table, String estimator, Integer k, double wallMicros, double cpuMicros, int calls) {}

  private CallTiming() {}

  public static Timing time(String table, Shape shape, String id, Estimator estimator, Integer k, double tau, NDManager manager) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (NDManager sub = manager.newSubManager()) {
      NDArray logits = sub.randomNormal(0f, 1e-3f, shape, DataType.FLOAT32);
      NDArray costs = sub.randomNormal(shape);
      for (int i = 0; i < WARM_UP; i++) {
        step(logits, costs, estimator, tau);
      }
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      long start = System.nanoTime();
      while (wall.size() < MIN_BATCHES || System.nanoTime() - start < BUDGET_NANOS) {
        long w0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BATCH; i++) {
          step(logits, costs, estimator, tau);
        }
        cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e3 / BATCH);
        wall.add((System.nanoTime() - w0) / 1e3 / BATCH);
      }
      return new Timing(table, id, k, median(wall), median(cpu), wall.size() * BATCH);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void step(NDArray logits, NDArray costs, Estimator estimator, double tau) {
    // Every array of the step lives in a sub-manager closed right after, so the count of live arrays
    // stays flat over the loop; the gradient is read to force the backward pass to finish.
    try (NDManager step = logits.getManager().newSubManager()) {
      NDArray leaf = logits.duplicate();
      leaf.attach(step);
      leaf.setRequiresGradient(true);
      try (GradientCollector collector = step.getEngine().newGradientCollector()) {
        collector.backward(estimator.relax(leaf, tau).mul(costs).sum());
      }
      leaf.getGradient().getFloat(0, 0);
    }
  }
}
