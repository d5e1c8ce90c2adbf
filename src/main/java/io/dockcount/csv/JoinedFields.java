package io.dockcount.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Two runs of fields of the current record, each joined again with the delimiter, as one
 * reading of a row a separator inside its SKU or location split: {@code A,01} read as the two
 * fields {@code A} and {@code 01} is the location {@code A,01} again. Field 0 is the first run,
 * field 1 the second. A copy of one record, with none after it; made for rejected rows only.
 */
final class JoinedFields implements RowSource {
  private final RowSource row;
  private final byte[] bytes;
  private final int[] starts = new int[2];
  private final int[] lengths = new int[2];

  /** Joins fields {@code [from0, to0]} into field 0 and {@code [from1, to1]} into field 1. */
  JoinedFields(RowSource row, int from0, int to0, int from1, int to1) {
    this.row = row;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    join(out, 0, from0, to0);
    join(out, 1, from1, to1);
    bytes = out.toByteArray();
  }

  private void join(ByteArrayOutputStream out, int field, int from, int to) {
    starts[field] = out.size();
    for (int i = from; i <= to; i++) {
      if (i > from) {
        out.write(row.delimiter());
      }
      out.write(row.buffer(), row.start(i), row.length(i));
    }
    lengths[field] = out.size() - starts[field];
  }

  @Override
  public List<String> header() {
    return row.header();
  }

  /** A copy of one record has no next one. */
  @Override
  public boolean next() {
    return false;
  }

  @Override
  public char delimiter() {
    return row.delimiter();
  }

  @Override
  public long line() {
    return row.line();
  }

  @Override
  public String problem() {
    return null;
  }

  @Override
  public int fieldCount() {
    return 2;
  }

  @Override
  public byte[] buffer() {
    return bytes;
  }

  @Override
  public int start(int field) {
    return starts[field];
  }

  @Override
  public int length(int field) {
    return lengths[field];
  }

  @Override
  public String text(int field) {
    return field < 0 || field > 1 ? ""
        : new String(bytes, starts[field], lengths[field], StandardCharsets.UTF_8);
  }

  @Override
  public boolean isBlank(int field) {
    return field < 0 || field > 1 || text(field).isBlank();
  }

  @Override
  public double progress() {
    return row.progress();
  }

  @Override
  public void close() {}
}
