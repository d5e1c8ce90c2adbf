package io.dockcount.csv;

/**
 * Text from the floor (a scanned label, a keyed note) for a CSV that supervisors open in a
 * spreadsheet: a cell that starts with {@code = + - @} (or a tab or carriage return) would run as
 * a formula there, so it gets a leading apostrophe, which spreadsheets show as text. Numbers are
 * written as they are and never pass through here.
 */
public final class SpreadsheetText {
  private SpreadsheetText() {}

  /**
   * Returns true when a cell holding the bytes {@code a[off, off+len)} would run as a formula:
   * a byte test for the report writers' hot path.
   */
  public static boolean startsFormula(byte[] a, int off, int len) {
    if (len == 0) {
      return false;
    }
    byte c = a[off];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** Returns the text as a cell that cannot run as a formula; null stays null. */
  public static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    char c = text.charAt(0);
    boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula ? "'" + text : text;
  }
}
