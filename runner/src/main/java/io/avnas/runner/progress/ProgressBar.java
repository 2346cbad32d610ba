package io.avnas.runner.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one pass (an epoch, or a split's extraction) with its rate and ETA. On a terminal it
 * is a bar redrawn in place a few times a second; otherwise (stderr is a log file or a pipe) it
 * prints plain lines, so a log never fills with carriage-return fragments: one line when the pass
 * ends, and, for a pass longer than {@link #LINE_EVERY_NANOS}, a line every so often while it runs.
 * For an epoch, the ETA also covers the stage's remaining epochs.
 *
 * <p>The mode comes from the system property {@code avnas.progress} ({@code bar} or {@code lines};
 * the launcher sets it from whether stderr is a terminal), else from whether the JVM has a console.
 */
public final class ProgressBar {
  /** Whether progress is drawn as bars (a terminal) or written as lines (a log). */
  public enum Mode {
    BAR, LINES;

    /** The mode of this process (see the class comment). */
    public static Mode current() {
      String property = System.getProperty("avnas.progress", "");
      if (property.equalsIgnoreCase("bar")) {
        return BAR;
      }
      if (property.equalsIgnoreCase("lines")) {
        return LINES;
      }
      return System.console() != null ? BAR : LINES;
    }
  }

  private static final long REDRAW_NANOS = 250_000_000L;
  static final long LINE_EVERY_NANOS = 30_000_000_000L;
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final Mode mode;
  private final String label;
  private final String unit;
  private final long total;
  private final int epoch;
  private final int epochs;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private long drawnAt = -1;

  /** A pass that is a whole stage (e.g. one split's extraction). */
  public ProgressBar(PrintWriter out, String label, long total, String unit) {
    this(out, Mode.current(), label, total, unit, 1, 1);
  }

  /**
   * @param epoch this pass's epoch, 1-based
   * @param epochs the stage's epochs, for the stage's ETA
   */
  public ProgressBar(PrintWriter out, Mode mode, String label, long total, String unit, int epoch, int epochs) {
    this.out = out;
    this.mode = mode;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.epoch = epoch;
    this.epochs = epochs;
  }

  /** Epoch {@code epoch} (1-based) of {@code epochs} of a stage, labelled {@code "<stage> epoch/epochs"}. */
  public static ProgressBar epoch(PrintWriter out, String stage, int epoch, int epochs, long total, String unit) {
    return new ProgressBar(out, Mode.current(), stage + " " + epoch + "/" + epochs, total, unit, epoch, epochs);
  }

  public void step(long items) {
    done += items;
    long now = System.nanoTime();
    boolean due = mode == Mode.BAR
        ? now - lastDraw >= REDRAW_NANOS || done >= total
        // A log gets a line while a long pass runs, every LINE_EVERY_NANOS; the pass's end is finish's.
        : now - Math.max(lastDraw, start) >= LINE_EVERY_NANOS && done < total;
    if (due) {
      lastDraw = now;
      draw(now, "");
    }
  }

  /** Draws the final state and ends the line. */
  public void finish() {
    finish("");
  }

  /** As {@link #finish()}, with a summary after the figures. */
  public void finish(String summary) {
    long now = System.nanoTime();
    if (mode == Mode.LINES || drawnAt != done) {
      draw(now, summary);
    } else if (!summary.isEmpty()) {
      out.print(summary);
    }
    out.println();
    out.flush();
  }

  /** Seconds since the bar was created. */
  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private void draw(long now, String summary) {
    drawnAt = done;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    String eta = eta(seconds, rate);
    if (mode == Mode.BAR) {
      int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
      out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %s  %.1f %s/s  ETA %s  %s", label,
          "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, unit, rate, unit, eta, summary));
      out.flush();
    } else {
      String line = String.format(Locale.ROOT, "%s  %d/%d %s  %.1f %s/s  %s s  ETA %s", label, done, total, unit, rate,
          unit, String.format(Locale.ROOT, "%.1f", seconds), eta);
      out.print(summary.isEmpty() ? line : line + "  " + summary.strip());
      if (done < total) {
        out.println();
      }
      out.flush();
    }
  }

  /** Time left in this pass plus, for an epoch, the stage's later epochs at this epoch's pace. */
  private String eta(double seconds, double rate) {
    if (rate <= 0 || total <= 0) {
      return "--:--";
    }
    double thisPass = done < total ? (total - done) / rate : 0;
    double perPass = total / rate;
    return clock(thisPass + perPass * Math.max(0, epochs - epoch));
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
