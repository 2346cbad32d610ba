package io.avnas.runner.experiments;

import java.util.List;
import java.util.Locale;

/** Markdown tables and the number formats the tables share. */
public final class Markdown {
  private Markdown() {}

  /**
   * A GitHub-flavoured Markdown table. Columns from {@code firstNumericColumn} on are right-aligned.
   * Pipes in cells are escaped.
   */
  static String table(List<String> header, List<List<String>> rows, int firstNumericColumn) {
    StringBuilder out = new StringBuilder();
    row(out, header);
    out.append('|');
    for (int c = 0; c < header.size(); c++) {
      out.append(c >= firstNumericColumn ? "---:|" : "---|");
    }
    out.append('\n');
    rows.forEach(r -> row(out, r));
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }

  /** A fraction as a percentage with two decimals ({@code 0.9553 -> 95.53}), or n/a. */
  static String percent(double fraction) {
    return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f", fraction * 100);
  }

  /** A whole number (parameter counts), or n/a. */
  static String count(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
  }

  /** Millions with two decimals ({@code 205565 -> 0.21}), or n/a. */
  static String millions(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value / 1e6);
  }

  /** Seconds with one decimal, or n/a. */
  static String seconds(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
  }

  /** A config value as written in a label or folder name: {@code 1.0 -> 1}, {@code 0.10 -> 0.1}. */
  static String compact(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A string as a HOCON/JSON quoted value, so paths and ids are never re-parsed (e.g. '//' as a comment). */
  static String quoted(String value) {
    return new com.google.gson.JsonPrimitive(value).toString();
  }
}
