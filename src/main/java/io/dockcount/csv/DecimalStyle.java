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
 * <p>A semicolon-separated file comes from a decimal-comma locale. A tab-separated one may come
 * from either; it is taken as decimal-comma when a field of it is a number with a decimal comma
 * ({@code 2,5}), as spreadsheet programs in those locales write one. A comma-separated file
 * holds a decimal comma only quoted ({@code "12,5"}); it is taken as decimal-comma when one of
 * its first {@value #COMMA_FILE_SCAN} bytes is such a field with other than three digits after
 * the comma ({@code "1,200"} may be a thousand and two hundred grouped). Only the start of such
 * a file is read for it, the files being large and every row of an export alike.
 */
public final class DecimalStyle {
  /** How much of a comma-separated file is looked at for a quoted decimal comma. */
  static final int COMMA_FILE_SCAN = 1 << 18;

  private DecimalStyle() {}

  /** Returns true when {@code 1.000} in this file may be one thousand. */
  public static boolean dotMayGroup(char delimiter, Path file) throws IOException {
    return delimiter == ';' || (delimiter == '\t' || delimiter == ',')
        && hasDecimalComma(file, delimiter);
  }

  /**
   * Returns true when a field of the file (tab-separated, or the start of a comma-separated
   * one, quoted fields only) is a number with a decimal comma.
   */
  static boolean hasDecimalComma(Path file, char delimiter) throws IOException {
    boolean commaFile = delimiter == ',';
    byte[] buf = new byte[1 << 16];
    // Per field: 0 start, 1 digits before the comma, 2 the comma, 3 digits after, 4 not one.
    int state = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    int after = 0;
    long seen = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n' || b == '\r' || b == delimiter && !quoted) {
            if (state == 3 && (!commaFile || wasQuoted && after != 3)) {
              return true;
            }
            state = 0;
            quoted = false;
            wasQuoted = false;
            after = 0;
          } else if (b == '"' && (state == 0 && !quoted || quoted)) {
            quoted = !quoted; // "2,5" counts as 2,5; a quote elsewhere ends nothing here
            wasQuoted = true;
          } else if (b >= '0' && b <= '9') {
            state = state == 0 || state == 1 ? 1 : state == 2 || state == 3 ? 3 : 4;
            after += state == 3 ? 1 : 0;
          } else if (b == ',') {
            state = state == 1 ? 2 : 4;
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
    return state == 3 && (!commaFile || wasQuoted && after != 3);
  }
}
