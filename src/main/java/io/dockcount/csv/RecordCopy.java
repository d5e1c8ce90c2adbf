package io.dockcount.csv;

import java.util.List;

/**
 * A rewritten copy of the current record of a source, with none after it ({@link FieldRuns}):
 * the record's header, delimiter, line and progress are the source's.
 * Made for rejected rows only, to name the line a row may be meant for.
 */
abstract class RecordCopy extends FieldRuns {
  private final RowSource row;

  RecordCopy(RowSource row, Fields fields) {
    super(fields);
    this.row = row;
  }

  @Override
  public List<String> header() {
    return row.header();
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
  public boolean isBlank(int field) {
    return field < 0 || field >= fieldCount() || text(field).isBlank();
  }

  @Override
  public double progress() {
    return row.progress();
  }
}
