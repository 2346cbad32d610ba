package io.avnas.runner.search;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar with rate and ETA, redrawn at most twice a second (stderr). */
public final class Progress {
  private final PrintWriter err;
  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;

  public Progress(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
  }

  public void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (now - lastDraw > 500_000_000L || done >= total) {
      lastDraw = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double seconds = (now - start) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    int width = 24;
    int filled = (int) (width * done / total);
    err.printf(Locale.ROOT, "\r%-10s [%s%s] %d/%d %.1f it/s ETA %d:%02d ", label, "#".repeat(filled),
        " ".repeat(width - filled), done, total, rate, eta / 60, eta % 60);
    err.flush();
  }

  /** Ends the line with the elapsed time. */
  public void finish(String summary) {
    draw(System.nanoTime());
    err.printf(Locale.ROOT, "%s%n", summary);
    err.flush();
  }
}
