package io.dockcount.core;

import java.util.Locale;

/**
 * Keys (SKUs, locations, lots, ids) as another system may have rewritten them: the forms the
 * reconciliation and the stations compare to say "probably the same key, keyed another way"
 * (they never join on them: keys are exact text).
 */
public final class KeyText {
  private KeyText() {}

  /** Returns {@code s} without its leading zeros, keeping the last character ({@code 0}). */
  public static String withoutLeadingZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /**
   * A key as a spreadsheet or another system might have rewritten it: letter case, Unicode
   * composition (an é written as one character, or as e and an accent, as macOS exports do),
   * spaces (fixed-width exports pad their columns) and a spreadsheet's text guard
   * ({@code ="0012"}).
   */
  public static String loose(String key) {
    String k = key.strip();
    if (k.length() > 3 && k.startsWith("=\"") && k.endsWith("\"")) {
      k = k.substring(2, k.length() - 1);
    }
    StringBuilder b = new StringBuilder(k.length());
    String nfc = java.text.Normalizer.normalize(k, java.text.Normalizer.Form.NFC);
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212') {
        b.append('-'); // a word processor's en dash or minus for a hyphen
      } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)
          && Character.getType(c) != Character.FORMAT) { // zero-width spaces and joiners
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static final java.util.regex.Pattern SCIENTIFIC =
      java.util.regex.Pattern.compile("[1-9](\\.[0-9]+)?[eE]\\+?[0-9]{1,3}");

  /**
   * Returns true when {@code scientific} is how a spreadsheet shows a long number it took a
   * code for ({@code 1.23457E+12}: the digits past the sixth are lost) and {@code digits} is a
   * code it may have been ({@code 1234567890123}, which rounds to it).
   */
  public static boolean spreadsheetNumberOf(String scientific, String digits) {
    String sci = scientific.strip();
    String code = withoutLeadingZeros(digits.strip());
    if (!SCIENTIFIC.matcher(sci).matches() || code.isEmpty()
        || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    java.math.BigDecimal shown = new java.math.BigDecimal(sci);
    java.math.BigDecimal rounded = new java.math.BigDecimal(code).round(
        new java.math.MathContext(shown.precision(), java.math.RoundingMode.HALF_UP));
    return rounded.compareTo(shown) == 0;
  }

  /** Returns true when {@code key} reads as a number in scientific notation (1.23457E+12). */
  public static boolean looksScientific(String key) {
    return SCIENTIFIC.matcher(key.strip()).matches();
  }

  /**
   * A location as {@link #loose} has it, each dash-separated part without its leading zeros
   * ({@code A-01-03} and {@code A-1-3} are one bin written two ways, as {@code 0101} and
   * {@code 101} are).
   */
  public static String looseLocation(String location) {
    String[] parts = loose(location).split("-", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = withoutLeadingZeros(parts[i]);
    }
    return String.join("-", parts);
  }
}
