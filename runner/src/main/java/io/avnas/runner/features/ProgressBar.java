package io.avnas.runner.features;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar with items/s and ETA, redrawn at most a few times a second. */
public final class ProgressBar {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintWriter out;
  private final String label;
  private final String unit;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private long drawnAt = -1;

  public ProgressBar(PrintWriter out, String label, long total, String unit) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.unit = unit;
  }

  public void step(long items) {
    done += items;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS || done >= total) {
      lastDraw = now;
      draw(now);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish() {
    if (drawnAt != done) {
      draw(System.nanoTime());
    }
    out.println();
    out.flush();
  }

  /** Seconds since the bar was created. */
  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private void draw(long now) {
    drawnAt = done;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    int width = 24;
    int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
    String eta = rate > 0 && done < total ? clock((total - done) / rate) : "--:--";
    out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %s  %.1f %s/s  ETA %s  ", label,
        "#".repeat(filled), ".".repeat(width - filled), done, total, unit, rate, unit, eta));
    out.flush();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
