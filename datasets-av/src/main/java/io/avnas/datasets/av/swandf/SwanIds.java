package io.avnas.datasets.av.swandf;

/** Identity ids as SWAN-DF and SWAN-Idiap spell them: numeric ids become five digits ({@code 12} and {@code 00012} are one person). */
final class SwanIds {
  private SwanIds() {}

  static String normalise(String id) {
    String trimmed = id.trim();
    if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
      String digits = trimmed.replaceFirst("^0+(?=.)", "");
      return digits.length() >= 5 ? digits : "0".repeat(5 - digits.length()) + digits;
    }
    return trimmed;
  }
}
