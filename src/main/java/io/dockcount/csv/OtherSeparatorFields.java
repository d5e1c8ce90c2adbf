package io.dockcount.csv;

import java.io.ByteArrayOutputStream;

/**
 * A row too narrow for its file read again with another separator, as a row of an export in
 * another format joined to it shows: {@code B;A-01-02;12;EA} in a comma-separated file is one
 * field, where split at its semicolons it has the header's width. A copy of one record, with
 * none after it; made for rejected rows only, to say so and to name the line the row is for.
 */
final class OtherSeparatorFields extends RecordCopy {
  /** The separators an export may use, tried in this order. */
  private static final byte[] SEPARATORS = {';', ',', '\t', '|'};

  private final char separator;

  private OtherSeparatorFields(RowSource row, Fields fields, char separator) {
    super(row, fields);
    this.separator = separator;
  }

  /** The separator the row's fields are read with. */
  char separator() {
    return separator;
  }

  /**
   * Returns the row split at another separator than its file's when that gives it exactly
   * {@code width} fields and it holds no quote (whose place in the row as written is lost),
   * or null.
   */
  static OtherSeparatorFields of(RowSource row, int width) {
    if (width < 2 || row.fieldCount() >= width) {
      return null;
    }
    byte[] line = rejoined(row);
    for (byte sep : SEPARATORS) {
      if (sep == row.delimiter()) {
        continue;
      }
      int seen = 0;
      for (byte b : line) {
        if (b == '"') {
          return null;
        }
        if (b == sep) {
          seen++;
        }
      }
      if (seen == width - 1) {
        return new OtherSeparatorFields(row, split(line, sep, width), (char) sep);
      }
    }
    return null;
  }

  /** The row's fields joined again with its file's separator: the line as written. */
  private static byte[] rejoined(RowSource row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < row.fieldCount(); i++) {
      if (i > 0) {
        out.write(row.delimiter());
      }
      out.write(row.buffer(), row.start(i), row.length(i));
    }
    return out.toByteArray();
  }

  /** Splits at {@code sep} into {@code width} fields, spaces around each left out. */
  private static Fields split(byte[] line, byte sep, int width) {
    int[] starts = new int[width];
    int[] lengths = new int[width];
    int from = 0;
    for (int f = 0; f < width; f++) {
      int end = from;
      while (end < line.length && line[end] != sep) {
        end++;
      }
      int a = from;
      int b = end;
      while (a < b && line[a] == ' ') {
        a++;
      }
      while (b > a && line[b - 1] == ' ') {
        b--;
      }
      starts[f] = a;
      lengths[f] = b - a;
      from = end + 1;
    }
    return new Fields(line, starts, lengths);
  }
}
