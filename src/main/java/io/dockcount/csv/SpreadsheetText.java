package io.dockcount.csv;

/**
 * Text from the floor (a scanned label, a keyed note) for a CSV that supervisors open in a
 * spreadsheet: a cell that starts with {@code = + - @} (or a tab or carriage return) would run as
 * a formula there, so it gets a leading apostrophe, which spreadsheets show as text. Numbers are
 * written as they are and never pass through here.
 */
public final class SpreadsheetText {
  private SpreadsheetText() {}

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
