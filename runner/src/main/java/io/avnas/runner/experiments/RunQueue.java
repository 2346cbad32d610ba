package io.avnas.runner.experiments;

import io.avnas.runner.files.RunResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs planned runs one after the other. A run whose {@code results.json} is readable is finished
 * and skipped; a run folder that holds a {@code config.conf} but no results is a started run and is
 * resumed; any other run starts fresh. So re-running a killed compare or shard continues it.
 */
public final class RunQueue {
  /** The file the pipeline writes first into a run folder; its presence marks a started run. */
  static final String STARTED_MARKER = "config.conf";

  private RunQueue() {}

  /** What happened to the queue: how many runs ran and how many were already finished. */
  public record Outcome(int ran, int skipped) {}

  public static Outcome run(String what, List<PlannedRun> runs, RunLauncher launcher, PrintWriter progress)
      throws IOException {
    int ran = 0;
    int skipped = 0;
    long started = System.nanoTime();
    for (int i = 0; i < runs.size(); i++) {
      PlannedRun run = runs.get(i);
      String position = what + " [" + (i + 1) + "/" + runs.size() + "] " + run.label();
      if (RunResults.read(run.results()).isPresent()) {
        progress.println(position + ": finished earlier, skipped (" + run.runDir() + ")");
        progress.flush();
        skipped++;
        continue;
      }
      boolean resume = Files.isRegularFile(run.runDir().resolve(STARTED_MARKER));
      progress.println(position + ": " + (resume ? "resuming" : "starting") + " in " + run.runDir()
          + eta(started, ran, runs.size() - i));
      progress.flush();
      launcher.launch(run, resume, progress);
      ran++;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    progress.println(String.format(Locale.ROOT, "%s: %d run(s) done, %d skipped as finished, %.1f s", what, ran, skipped, seconds));
    progress.flush();
    return new Outcome(ran, skipped);
  }

  /** The remaining time estimated from the runs finished so far in this invocation. */
  private static String eta(long startedNanos, int done, int remaining) {
    if (done == 0) {
      return "";
    }
    double perRun = (System.nanoTime() - startedNanos) / 1e9 / done;
    Duration eta = Duration.ofSeconds(Math.round(perRun * remaining));
    return String.format(Locale.ROOT, " (%.2f runs/h, ETA %dh%02dm%02ds)", 3600 / perRun,
        eta.toHours(), eta.toMinutesPart(), eta.toSecondsPart());
  }
}
