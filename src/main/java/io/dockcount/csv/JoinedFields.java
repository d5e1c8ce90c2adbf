package io.dockcount.csv;

import java.io.ByteArrayOutputStream;

/**
 * Two runs of fields of the current record, each joined again with the delimiter, as one
 * reading of a row a separator inside its SKU or location split: {@code A,01} read as the two
 * fields {@code A} and {@code 01} is the location {@code A,01} again. Field 0 is the first run,
 * field 1 the second. A copy of one record, with none after it; made for rejected rows only.
 */
final class JoinedFields extends RecordCopy {
  /** Joins fields {@code [from0, to0]} into field 0 and {@code [from1, to1]} into field 1. */
  JoinedFields(RowSource row, int from0, int to0, int from1, int to1) {
    super(row, joined(row, from0, to0, from1, to1));
  }

  private static Fields joined(RowSource row, int from0, int to0, int from1, int to1) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] starts = new int[2];
    int[] lengths = new int[2];
    join(row, out, from0, to0, starts, lengths, 0);
    join(row, out, from1, to1, starts, lengths, 1);
    return new Fields(out.toByteArray(), starts, lengths);
  }

  private static void join(RowSource row, ByteArrayOutputStream out, int from, int to,
      int[] starts, int[] lengths, int field) {
    starts[field] = out.size();
    for (int i = from; i <= to; i++) {
      if (i > from) {
        out.write(row.delimiter());
      }
      out.write(row.buffer(), row.start(i), row.length(i));
    }
    lengths[field] = out.size() - starts[field];
  }
}
