package io.dockcount.csv;

import java.nio.charset.StandardCharsets;

/**
 * One record held in memory, with none after it: its fields are runs {@code [starts[i],
 * starts[i] + lengths[i])} of one byte array. The base of the records made for a check rather
 * than read from a file (a rewritten copy of a rejected row, a row a database sent as text).
 */
abstract class FieldRuns implements RowSource {
  /** A record's fields: runs {@code [starts[i], starts[i] + lengths[i])} of {@code bytes}. */
  record Fields(byte[] bytes, int[] starts, int[] lengths) {}

  private final byte[] bytes;
  private final int[] starts;
  private final int[] lengths;

  FieldRuns(Fields fields) {
    this.bytes = fields.bytes();
    this.starts = fields.starts();
    this.lengths = fields.lengths();
  }

  /** One record, with none after it. */
  @Override
  public boolean next() {
    return false;
  }

  @Override
  public String problem() {
    return null;
  }

  @Override
  public int fieldCount() {
    return starts.length;
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
    return field < 0 || field >= starts.length ? ""
        : new String(bytes, starts[field], lengths[field], StandardCharsets.UTF_8);
  }

  @Override
  public void close() {}
}
