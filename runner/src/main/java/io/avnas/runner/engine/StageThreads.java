package io.avnas.runner.engine;

import com.typesafe.config.Config;
import io.avnas.api.ConfigBlock;
import java.lang.reflect.Method;

/**
 * libtorch's intra-op threads per pipeline stage ({@code avnas.threads}). Extraction and pretraining
 * run large convolutions that gain from every core; search and retraining run many small ops, and each
 * multi-threaded op waits on its slowest thread, so on a busy machine a thread the scheduler took
 * away stalls every op (measured in docs/performance.md, "Threads per stage"). {@code AVNAS_THREADS},
 * when set, overrides every stage.
 */
public final class StageThreads {
  /** The stages with their own setting, as named under {@code avnas.threads}. */
  public enum Stage {
    EXTRACT("extract"), PRETRAIN("pretrain"), SEARCH("search"), RETRAIN("retrain");

    final String key;

    Stage(String key) {
      this.key = key;
    }
  }

  private StageThreads() {}

  /**
   * The threads {@code stage} uses: {@code AVNAS_THREADS} if set, else {@code avnas.threads.<stage>},
   * where 0 means one per available processor.
   */
  public static int of(Config config, Stage stage) {
    String env = System.getenv("AVNAS_THREADS");
    if (env != null && env.matches("[1-9][0-9]{0,3}")) {
      return Integer.parseInt(env);
    }
    int n = new ConfigBlock("avnas.threads", config.getConfig("avnas.threads")).getInt(stage.key, 0, 1024);
    return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
  }

  /** Applies {@code stage}'s thread count to libtorch and returns it. */
  public static int apply(Config config, Stage stage) {
    int n = of(config, stage);
    set(n);
    return n;
  }

  /** libtorch's intra-op thread count now, or 0 when the engine is not PyTorch. */
  public static int current() {
    try {
      return (int) Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("getNumThreads").invoke(null);
    } catch (ReflectiveOperationException e) {
      return 0;
    }
  }

  /**
   * Sets libtorch's intra-op thread count (at::set_num_threads). The PyTorch engine is a run-time
   * dependency, reached by name so the runner compiles against DJL's API only; on another engine
   * this is a no-op.
   */
  public static void set(int threads) {
    try {
      Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
      Method setter = jni.getMethod("setNumThreads", int.class);
      setter.invoke(null, threads);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      // Not the PyTorch engine: its own defaults apply.
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set libtorch's thread count to " + threads, e);
    }
  }
}
