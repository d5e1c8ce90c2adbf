package io.dockcount.csv;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Records of a delimited file, each field handed out as a range of a byte buffer.
 *
 * <p>{@link CsvScanner} is the implementation in use; {@link FastCsvSource} reads the same files
 * through FastCSV and is kept so the benchmark can measure one against the other.
 */
public interface RowSource extends Closeable {
  /** Returns the column names of the header line. */
  List<String> header();

  /** Advances to the next record; returns false at the end. */
  boolean next() throws IOException;

  /** Returns the field delimiter of the file (comma, semicolon or tab). */
  default char delimiter() {
    return ',';
  }

  /** Returns the line the current record starts on (the header is line 1). */
  long line();

  /** Returns the line the current record ends on: past {@link #line()} when a quoted field
   * holds line breaks. */
  default long lastLine() {
    return line();
  }

  /**
   * Takes back the current record when it runs over line breaks: only its first line is
   * consumed, and the next record is read from the line after. Returns false when the record
   * is on one line or the source cannot go back.
   */
  default boolean cutAtFirstLine() {
    return false;
  }

  /** Returns why the current record could not be read, or null. */
  String problem();

  int fieldCount();

  /** Returns the buffer holding the current record's fields. */
  byte[] buffer();

  int start(int field);

  int length(int field);

  /** Returns field {@code i} as a String, "" when absent. */
  String text(int field);

  /** Returns true when field {@code i} is absent or empty. */
  boolean isBlank(int field);

  /** Returns the fraction of the input read, or -1 when unknown. */
  double progress();
}
