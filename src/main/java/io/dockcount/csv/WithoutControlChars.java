package io.dockcount.csv;

import io.dockcount.core.KeyText;

/**
 * The current record of a source with the control characters taken out of its fields, for
 * naming the line a rejected row was meant for: {@code S1<BEL>} was rejected, and the line
 * of {@code S1} is flagged, never given a figure. A copy of one record, with none after it.
 */
final class WithoutControlChars extends RecordCopy {
  WithoutControlChars(RowSource row) {
    super(row, cleaned(row));
  }

  private static Fields cleaned(RowSource row) {
    int n = row.fieldCount();
    int[] starts = new int[n];
    int[] lengths = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      size += row.length(i);
    }
    byte[] bytes = new byte[size];
    int at = 0;
    byte[] b = row.buffer();
    for (int i = 0; i < n; i++) {
      starts[i] = at;
      for (int j = row.start(i), end = j + row.length(i); j < end; j++) {
        int lineBreak = b[j] < 0 ? KeyText.lineBreakAt(b, j, end) : -1;
        if (lineBreak >= 0) {
          j += lineBreak == 0x85 ? 1 : 2; // its other bytes
        } else if (b[j] < 0 || b[j] >= 0x20 && b[j] != 0x7F || b[j] == '\t') {
          bytes[at++] = b[j];
        }
      }
      lengths[i] = at - starts[i];
    }
    return new Fields(bytes, starts, lengths);
  }
}
