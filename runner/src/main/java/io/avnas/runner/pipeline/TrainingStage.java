package io.avnas.runner.pipeline;

import io.avnas.runner.files.MetricLine;
import io.avnas.runner.loop.EpochLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A checkpointed training stage of a run folder (search or retrain) on the {@link EpochLoop}: it
 * resumes from the stage's newest good checkpoint, and every epoch's end appends the stage's
 * metrics line, commits the checkpoint and calls the setup's hook, in that order, as one listener
 * after the stage's own divergence check.
 */
final class TrainingStage {
  /** Runs the stage's epochs from a first one (0-based) on its epoch loop, with one more listener. */
  interface Epochs<E> {
    void run(int first, EpochLoop.Listener<E> listener) throws IOException;
  }

  private TrainingStage() {}

  /**
   * Runs the epochs of {@code stage} not yet committed in {@code folder}.
   *
   * @param state what a checkpoint saves and a resume loads
   * @param line the metrics line of an epoch
   * @return the stage's seconds, over every run that worked on it
   */
  static <E> double run(RunFolder folder, String stage, Setup.EpochHook hook, EpochLoop.Checkpointed state,
      Epochs<E> epochs, Function<E, MetricLine> line, PrintWriter progress) throws IOException {
    StageCheckpoints checkpoints = new StageCheckpoints(folder, stage);
    int first = restore(folder, checkpoints, state::load, progress);
    long start = System.nanoTime();
    double before = checkpoints.committedSeconds();
    epochs.run(first, epoch -> {
      MetricLine metrics = line.apply(epoch);
      folder.appendMetric(metrics);
      checkpoints.commit(metrics.epoch(), before + (System.nanoTime() - start) / 1e9, state::save);
      hook.afterCheckpoint(stage, metrics.epoch());
    });
    return checkpoints.committedSeconds();
  }

  /**
   * Loads a stage's newest good checkpoint; when that is older than the committed epoch, the metric
   * lines of the epochs after it go too (they are computed again).
   *
   * @return the first epoch (0-based) still to run
   */
  private static int restore(RunFolder folder, StageCheckpoints checkpoints, StageCheckpoints.Loader loader,
      PrintWriter progress) throws IOException {
    int committed = checkpoints.committedEpoch();
    int restored = checkpoints.restore(loader, progress);
    String stage = checkpoints.stage();
    if (restored < committed) {
      folder.retainMetrics(l -> !l.stage().equals(stage) || l.epoch() <= restored);
    }
    if (restored > 0) {
      progress.println("avnas: resuming " + stage + " after epoch " + restored);
    }
    return restored;
  }

  /** What diverged, what to change, and where the run can go on from (the checkpoint is written after the check). */
  static String divergedMessage(String what, int epoch, String fix, Path runDir) {
    int lastGood = epoch - 1;
    if (lastGood == 0) {
      return what + " (no epoch finished, so there is no checkpoint to resume from); " + fix
          + " and run again with --overwrite";
    }
    return what + "; " + runDir + " keeps the checkpoint of epoch " + lastGood + ": " + fix + " in "
        + runDir.resolve(RunFolder.CONFIG) + " and continue with: avnas run --resume " + runDir;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
