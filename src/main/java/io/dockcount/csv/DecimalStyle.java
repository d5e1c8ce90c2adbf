package io.dockcount.csv;

import io.dockcount.core.NoBreakSpaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a dot in a file's numbers may be a thousands separator: whether {@code 1.000}
 * there may mean one thousand.
 *
 * <p>A semicolon-separated file comes from a decimal-comma locale. A tab- or comma-separated
 * one may come from either (a comma file holds a decimal comma only quoted, {@code "12,5"}); it
 * is taken as decimal-comma when, in the rows of its first {@value #COMMA_FILE_SCAN} bytes, a
 * column holds numbers only and one of them with a decimal comma ({@code 2,5}, or with its
 * thousands grouped by dots, {@code 1.234,5}), as spreadsheet programs in those locales write
 * them; a text column with {@code 6,12} in it is no evidence. In a comma file, three digits
 * after the comma without dots before it is none either: {@code "1,200"} may be a thousand
 * and two hundred grouped. Only the start of a file is read for it, the files being large and
 * every row of an export alike.
 */
public final class DecimalStyle {
  /**
   * How the count service's refusals name what declared a decimal comma: the site's setting,
   * as the service has no {@code --decimal-comma} flag to name.
   */
  public static final String SERVICE_DECLARATION = "dockcount.reconcile.decimal-comma = true";

  /** How much of a comma-separated file is looked at for a quoted decimal comma. */
  static final int COMMA_FILE_SCAN = 1 << 16;

  private DecimalStyle() {}

  /** Returns true when {@code 1.000} in this file may be one thousand. */
  public static boolean dotMayGroup(char delimiter, Path file) throws IOException {
    // The byte scan finds a decimal comma at all; only then are the first rows' columns read.
    return delimiter == ';' || (delimiter == '\t' || delimiter == ',')
        && hasDecimalComma(file, delimiter) && hasDecimalCommaColumn(file);
  }

  /** A number with a decimal comma, its thousands grouped by dots or not: {@code 1.234,5}. */
  private static final java.util.regex.Pattern DECIMAL_COMMA =
      java.util.regex.Pattern.compile("-?([0-9]+|[0-9]{1,3}(\\.[0-9]{3})+),[0-9]+");
  /** Three digits after the comma and no dots: a decimal, or a thousand grouped by a comma. */
  private static final java.util.regex.Pattern COMMA_GROUPED =
      java.util.regex.Pattern.compile("-?[0-9]{1,3},[0-9]{3}");
  /** Any other number such a column may hold: whole, with a point, or dot-grouped. */
  private static final java.util.regex.Pattern OTHER_NUMBER =
      java.util.regex.Pattern.compile("-?([0-9]+(\\.[0-9]+)?|\\.[0-9]+)");

  /**
   * Returns true when, in the rows of the first {@value #COMMA_FILE_SCAN} bytes of a tab- or
   * comma-separated file, a column holds numbers only, one of them with a decimal comma: a
   * column of figures written in a decimal-comma locale. A comma in a text column
   * ({@code 6,12} beside words) is no evidence.
   */
  static boolean hasDecimalCommaColumn(Path file) throws IOException {
    try (CsvScanner s = CsvScanner.open(file)) {
      int width = s.header().size();
      boolean[] comma = new boolean[width];
      boolean[] text = new boolean[width];
      while (s.next() && s.position() <= COMMA_FILE_SCAN) {
        for (int c = 0; c < Math.min(width, s.fieldCount()); c++) {
          if (text[c] || s.isBlank(c)) {
            continue;
          }
          String v = s.text(c).replace('\u00a0', ' ').replace('\u202f', ' ')
              .replace('\u2007', ' ').strip();
          if (DECIMAL_COMMA.matcher(v).matches() && !COMMA_GROUPED.matcher(v).matches()) {
            comma[c] = true;
          } else if (!COMMA_GROUPED.matcher(v).matches() && !OTHER_NUMBER.matcher(v).matches()) {
            text[c] = true;
          }
        }
      }
      for (int c = 0; c < width; c++) {
        if (comma[c] && !text[c]) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Returns true when a field of the file (tab-separated, or the start of a comma-separated
   * one, quoted fields only) is a number with a decimal comma.
   */
  static boolean hasDecimalComma(Path file, char delimiter) throws IOException {
    boolean commaFile = delimiter == ',';
    byte[] buf = new byte[1 << 16];
    // Per field: 0 start, 1 digits before the comma, 2 the comma, 3 digits after, 4 not one,
    // 5 a dot between groups of the digits before the comma (1.234,5).
    int state = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    int after = 0;
    int group = 0; // digits since the start or the last dot, before the comma
    boolean dotted = false;
    long seen = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n' || b == '\r' || b == delimiter && !quoted) {
            if (isDecimalComma(state, commaFile, wasQuoted, after, dotted)) {
              return true;
            }
            state = 0;
            quoted = false;
            wasQuoted = false;
            after = 0;
            group = 0;
            dotted = false;
          } else if (b == '"' && (state == 0 && !quoted || quoted)) {
            quoted = !quoted; // "2,5" counts as 2,5; a quote elsewhere ends nothing here
            wasQuoted = true;
          } else if (b >= '0' && b <= '9') {
            state = state <= 1 || state == 5 ? 1 : state == 2 || state == 3 ? 3 : 4;
            group += state == 1 ? 1 : 0;
            after += state == 3 ? 1 : 0;
          } else if (b == '.') {
            // A dot groups thousands only after one to three digits, then after each three.
            state = state == 1 && (dotted ? group == 3 : group <= 3) ? 5 : 4;
            dotted = true;
            group = 0;
          } else if (b == ',') {
            state = state == 1 && (!dotted || group == 3) ? 2 : 4;
          } else if (b == '-' && state == 0) {
            state = 0;
          } else if (b != ' ' && !NoBreakSpaces.isByteOf(b)) {
            // A no-break space pads a number as a space does (the fields are read trimmed of
            // both): its bytes are passed over. Another character with such a byte in it has a
            // byte that is not, and still marks the field as no number.
            state = 4;
          }
        }
        seen += n;
        if (commaFile && seen >= COMMA_FILE_SCAN) {
          return false;
        }
      }
    }
    return isDecimalComma(state, commaFile, wasQuoted, after, dotted);
  }

  /**
   * Whether a field that ended in {@code state} is a number with a decimal comma: in a comma file
   * only quoted, and not {@code "1,200"}, which may group thousands; with dot groups before the
   * comma ({@code "1.000,000"}) the comma can be nothing but a decimal comma.
   */
  private static boolean isDecimalComma(int state, boolean commaFile, boolean wasQuoted,
      int after, boolean dotted) {
    return state == 3 && (!commaFile || wasQuoted && (after != 3 || dotted));
  }
}
