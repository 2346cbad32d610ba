package io.avnas.runner.report;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Locale;

/** Small helpers for writing HTML text safely. */
final class Html {
  private Html() {}

  /** Escapes text for element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A table with a header row; every cell is escaped. */
  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  /** A fraction in [0,1] as a percentage with two decimals, e.g. {@code 0.9553 -> 95.53}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f", fraction * 100);
  }

  /** A number with up to {@code digits} decimals, without trailing zeros. */
  static String number(double value, int digits) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new java.math.BigDecimal(value).setScale(digits, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
  }

  /** A JSON value as display text: strings unquoted, numbers compact, anything else as JSON. */
  public static String text(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      return value.getAsString();
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      return number(value.getAsDouble(), 6);
    }
    return value.toString();
  }
}
