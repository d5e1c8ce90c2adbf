package io.dockcount.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A rewritten copy of the current record of a source, with none after it: its fields are runs
 * of {@link #bytes}, and the record's header, delimiter, line and progress are the source's.
 * Made for rejected rows only, to name the line a row may be meant for.
 */
abstract class RecordCopy implements RowSource {
  /** The copy's fields: runs {@code [starts[i], starts[i] + lengths[i])} of {@code bytes}. */
  record Fields(byte[] bytes, int[] starts, int[] lengths) {}

  private final RowSource row;
  private final byte[] bytes;
  private final int[] starts;
  private final int[] lengths;

  RecordCopy(RowSource row, Fields fields) {
    this.row = row;
    this.bytes = fields.bytes();
    this.starts = fields.starts();
    this.lengths = fields.lengths();
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
  public boolean isBlank(int field) {
    return field < 0 || field >= starts.length || text(field).isBlank();
  }

  @Override
  public double progress() {
    return row.progress();
  }

  @Override
  public void close() {}
}
