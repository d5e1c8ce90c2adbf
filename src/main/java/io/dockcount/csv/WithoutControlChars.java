package io.dockcount.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The current record of a source with the control characters taken out of its fields, for
 * naming the line a rejected row was meant for: {@code S1<BEL>} was rejected, and the line
 * of {@code S1} is flagged, never given a figure. A copy of one record, with none after it.
 */
final class WithoutControlChars implements RowSource {
  private final RowSource row;
  private final byte[] bytes;
  private final int[] starts;
  private final int[] lengths;

  WithoutControlChars(RowSource row) {
    this.row = row;
    int n = row.fieldCount();
    starts = new int[n];
    lengths = new int[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      size += row.length(i);
    }
    bytes = new byte[size];
    int at = 0;
    byte[] b = row.buffer();
    for (int i = 0; i < n; i++) {
      starts[i] = at;
      for (int j = row.start(i), end = j + row.length(i); j < end; j++) {
        if (b[j] < 0 || b[j] >= 0x20 && b[j] != 0x7F || b[j] == '\t') {
          bytes[at++] = b[j];
        }
      }
      lengths[i] = at - starts[i];
    }
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
