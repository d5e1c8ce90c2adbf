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
