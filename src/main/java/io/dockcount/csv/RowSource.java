package io.dockcount.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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

  /**
   * Returns the first line after the header that began with a byte order mark (skipped: an
   * export joined to the file with {@code cat} starts there), or -1 when none did or the source
   * does not tell; {@link #byteOrderMarks} how many did.
   */
  default long byteOrderMarkLine() {
    return -1;
  }

  /** Returns how many lines after the header began with a byte order mark. */
  default int byteOrderMarks() {
    return 0;
  }

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

  /**
   * Returns the first field the {@link #problem} concerns (a quote that was never closed, or
   * text after a closing quote): the fields before it are whole, the ones after may have been
   * cut or shifted. 0 when not known, -1 when the record has no problem.
   */
  default int problemField() {
    return problem() == null ? -1 : 0;
  }

  /**
   * Returns the current record's first line as the file has it (quotes included), up to
   * {@code max} characters, or null when the source does not keep it.
   */
  default String rawLine(int max) {
    return null;
  }

  int fieldCount();

  /** Returns the buffer holding the current record's fields. */
  byte[] buffer();

  int start(int field);

  int length(int field);

  /** Returns field {@code i} as a String, "" when absent. */
  String text(int field);

  /** Returns true when field {@code i} is absent or empty. */
  boolean isBlank(int field);

  /**
   * Returns true when field {@code i} is valid UTF-8 (a Latin-1 or Windows-1252 file is not;
   * read as UTF-8 its accented letters would become U+FFFD, and keys would silently differ).
   */
  default boolean isUtf8(int field) {
    byte[] b = buffer();
    int start = start(field);
    int end = start + length(field);
    int i = start;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return true;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, start, end - start));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** What {@link #textCheck} returns for a field that is not valid UTF-8. */
  int NOT_UTF8 = -2;

  /** What {@link #textCheck} returns for a field that holds a quote (see there). */
  int QUOTE = -3;

  /**
   * Checks field {@code i} in one pass where it is printable ASCII without a quote, as most
   * fields are: returns -1 for valid text, {@link #NOT_UTF8}, the field's first control
   * character, or {@link #QUOTE} for a field holding a double quote other than as a
   * spreadsheet's text guard {@code ="0012"}: no key, number or unit has one, so it is the trace
   * of broken quoting ({@code A-01-01"} unquoted), never part of a key.
   */
  default int textCheck(int field) {
    byte[] b = buffer();
    int end = start(field) + length(field);
    int i = start(field);
    while (i < end && b[i] >= 0x20 && b[i] != 0x7F && b[i] != '"') {
      i++;
    }
    if (i == end) {
      return -1;
    }
    if (!isUtf8(field)) {
      return NOT_UTF8;
    }
    int control = controlChar(field);
    return control >= 0 ? control : strayQuote(field) ? QUOTE : -1;
  }

  /**
   * Returns true when field {@code i} holds a double quote, but for a spreadsheet's text guard
   * around the whole field ({@code ="0012"}, read as a key and hinted as such).
   */
  default boolean strayQuote(int field) {
    byte[] b = buffer();
    int from = start(field);
    int to = from + length(field);
    if (to - from >= 3 && b[from] == '=' && b[from + 1] == '"' && b[to - 1] == '"') {
      from += 2;
      to--;
    }
    for (int i = from; i < to; i++) {
      if (b[i] == '"') {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the first control character (below 0x20 but tab, or DEL; or a line break beyond
   * ASCII, {@link io.dockcount.core.KeyText#lineBreakAt}) of field {@code i}, or -1: no key,
   * number or unit holds one, so a field that does is junk, never a key to count.
   */
  default int controlChar(int field) {
    byte[] b = buffer();
    int end = start(field) + length(field);
    for (int i = start(field); i < end; i++) {
      byte x = b[i];
      if (x >= 0 && x < 0x20 && x != '\t' || x == 0x7F) {
        return x;
      }
      int lineBreak = x < 0 ? io.dockcount.core.KeyText.lineBreakAt(b, i, end) : -1;
      if (lineBreak >= 0) {
        return lineBreak;
      }
    }
    return -1;
  }

  /** Says which field of the current record is not valid UTF-8 and what to do, or null. */
  default String notUtf8() {
    for (int i = 0; i < fieldCount(); i++) {
      if (!isUtf8(i)) {
        return "field " + (i + 1) + " is not UTF-8 text (a file saved as Latin-1 or "
            + "Windows-1252?): save the file as UTF-8";
      }
    }
    return null;
  }

  /** Returns the fraction of the input read, or -1 when unknown. */
  double progress();
}
