package io.avnas.runner.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables with aligned columns. */
public final class Table {
  private Table() {}

  /** Prints rows (the first is the header) with columns padded to their widest cell. */
  public static void print(PrintWriter out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == columns - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
