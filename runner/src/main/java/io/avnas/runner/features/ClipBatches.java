package io.avnas.runner.features;

import io.avnas.api.data.ClipInfo;
import io.avnas.api.data.ClipLoadException;
import io.avnas.api.data.DatasetProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and preprocesses clips on a thread pool, one batch ahead of the consumer, so the backbones
 * never wait for decoding when decoding is the faster side. A clip whose decoding fails with {@link
 * ClipLoadException} is skipped and reported; other failures are bugs and propagate.
 */
public final class ClipBatches implements AutoCloseable {

  /** A clip that was skipped, and why. */
  public record Skipped(ClipInfo clip, String reason) {}

  /**
   * The clips of one batch that decoded, with their inputs concatenated row-major.
   *
   * @param clips the decoded clips, in input order
   * @param visual (b, visual shape...) values
   * @param audio (b, audio shape...) values
   * @param skipped clips of this batch that failed to load
   */
  public record Batch(List<ClipInfo> clips, float[] visual, float[] audio, List<Skipped> skipped) {
    public int size() {
      return clips.size();
    }
  }

  /** What the consumer does with each batch. */
  @FunctionalInterface
  public interface BatchConsumer {
    void accept(Batch batch);
  }

  private sealed interface Outcome permits Loaded, Failed {}

  private record Loaded(ClipInfo clip, ClipInputs.Prepared inputs) implements Outcome {}

  private record Failed(ClipInfo clip, String reason) implements Outcome {}

  private final DatasetProvider provider;
  private final ClipInputs inputs;
  private final ExecutorService pool;

  /** Set when decoded clips are kept for later passes: clip key to outcome. */
  private final Map<String, Outcome> remembered;

  public ClipBatches(DatasetProvider provider, ClipInputs inputs, int threads) {
    this(provider, inputs, threads, false);
  }

  /**
   * @param remember keep every decoded clip in memory, so later passes over the same clips (the
   *     epochs of pretraining) skip decoding; only for clip sets that fit the heap
   */
  public ClipBatches(DatasetProvider provider, ClipInputs inputs, int threads, boolean remember) {
    this.provider = provider;
    this.inputs = inputs;
    this.remembered = remember ? new ConcurrentHashMap<>() : null;
    AtomicInteger count = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "avnas-decode-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code consumer} on every batch of {@code clips}, in order. */
  public void forEach(List<ClipInfo> clips, int batchSize, BatchConsumer consumer) {
    List<List<ClipInfo>> chunks = new ArrayList<>();
    for (int i = 0; i < clips.size(); i += batchSize) {
      chunks.add(clips.subList(i, Math.min(clips.size(), i + batchSize)));
    }
    List<Future<Outcome>> next = chunks.isEmpty() ? List.of() : submit(chunks.get(0));
    for (int c = 0; c < chunks.size(); c++) {
      List<Future<Outcome>> current = next;
      next = c + 1 < chunks.size() ? submit(chunks.get(c + 1)) : List.of();
      consumer.accept(collect(current));
    }
  }

  private List<Future<Outcome>> submit(List<ClipInfo> chunk) {
    List<Future<Outcome>> futures = new ArrayList<>(chunk.size());
    for (ClipInfo clip : chunk) {
      futures.add(pool.submit(() -> load(clip)));
    }
    return futures;
  }

  private Outcome load(ClipInfo clip) {
    if (remembered == null) {
      return decode(clip);
    }
    return remembered.computeIfAbsent(clip.key(), k -> decode(clip));
  }

  private Outcome decode(ClipInfo clip) {
    try {
      return new Loaded(clip, inputs.prepare(provider.load(clip)));
    } catch (ClipLoadException e) {
      return new Failed(clip, e.getMessage());
    }
  }

  private static Batch collect(List<Future<Outcome>> futures) {
    List<ClipInfo> clips = new ArrayList<>();
    List<float[]> visual = new ArrayList<>();
    List<float[]> audio = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Future<Outcome> future : futures) {
      Outcome outcome = await(future);
      if (outcome instanceof Loaded loaded) {
        clips.add(loaded.clip());
        visual.add(loaded.inputs().visual());
        audio.add(loaded.inputs().audio());
      } else if (outcome instanceof Failed failed) {
        skipped.add(new Skipped(failed.clip(), failed.reason()));
      }
    }
    return new Batch(List.copyOf(clips), concat(visual), concat(audio), List.copyOf(skipped));
  }

  private static Outcome await(Future<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding clips", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static float[] concat(List<float[]> parts) {
    int total = 0;
    for (float[] p : parts) {
      total += p.length;
    }
    float[] out = new float[total];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
