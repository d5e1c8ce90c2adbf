package io.dockcount.csv;

import io.dockcount.core.NoBreakSpaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a delimited text file record by record, handing out each field as a range of a byte
 * buffer rather than as a String.
 *
 * <p>This is the hot path of a reconciliation: book and count files run to millions of rows, and
 * a String per field is what makes a naive reader slow and large (docs/BENCHMARKS.md keeps the
 * measurement against FastCSV). It reads RFC 4180 files: a UTF-8 byte order mark is skipped;
 * the delimiter (comma, semicolon or tab) is taken from the header line; fields may be quoted,
 * with {@code ""} for a quote, and may then hold delimiters and line breaks; lines end with LF,
 * CRLF or CR; blank lines are skipped; spaces (and no-break spaces) around unquoted fields are
 * trimmed. A record that cannot be read (a quote never closed, text after a closing quote) is
 * returned with {@link #problem()} set, so the caller can reject it with its line number.
 *
 * <p>The fields of the current record stay valid until the next call to {@link #next()}. Not
 * thread-safe.
 */
public final class CsvScanner implements RowSource {
  /**
   * The file is not CSV text this scanner can read (UTF-16, a workbook, binary data, a header
   * that cannot be read): its content is at fault, so reading it again will not help.
   */
  public static final class NotText extends IOException {
    private static final long serialVersionUID = 1L;

    NotText(String message) {
      super(message);
    }
  }

  /**
   * 256 KiB: enough for long reads; a larger buffer outlives young collections while its file
   * is read, then leaves garbage in the old generation for G1 to collect in mixed pauses.
   */
  private static final int INITIAL_BUFFER = 1 << 18;

  private final InputStream in;
  private final long fileSize;
  private byte[] buf = new byte[INITIAL_BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private long bytesBefore;
  private byte delimiter = ',';
  private long line = 1;
  /** The first line past the header that began with a byte order mark, or -1. */
  private long bomLine = -1;
  private int boms;
  private long recordLine;
  private long recordLastLine;
  /** Where the current record starts in the buffer. */
  private int recordStart;
  /**
   * After a record was cut at its first line: the file offset where it had ended, and the line
   * it started on. A later record before that offset holding a quote is the rest of the cut
   * quoted field, not a row.
   */
  private long cutEnd = -1;
  private long cutLine;
  private int fields;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] escaped = new boolean[16];
  /** Whether the current record's bytes are still as the file has them (see unescape). */
  private boolean rawIntact = true;
  private String problem;
  /** The first field {@link #problem} concerns, when there is one. */
  private int problemField;
  private final List<String> header;

  private CsvScanner(InputStream in, long fileSize) throws IOException {
    this.in = in;
    this.fileSize = fileSize;
    fill();
    if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB
        && (buf[2] & 0xff) == 0xBF) {
      pos = 3;
    }
    String binary = binaryKind();
    if (binary != null) {
      throw new NotText("the file is " + binary + ", not CSV text: save the sheet as CSV "
          + "(UTF-8)");
    }
    if (looksUtf16()) {
      throw new NotText("the file is UTF-16 text: save it as UTF-8 (with or without BOM)");
    }
    int said = separatorLine();
    this.delimiter = said >= 0 ? (byte) said : detectDelimiter();
    List<String> names = new ArrayList<>();
    if (next()) {
      if (problem != null) {
        throw new NotText("the header line cannot be read: " + problem);
      }
      for (int i = 0; i < fields; i++) {
        names.add(text(i));
      }
    }
    this.header = List.copyOf(names);
  }

  private CsvScanner(InputStream in, long fileSize, byte delimiter, List<String> header)
      throws IOException {
    this.in = in;
    this.fileSize = fileSize;
    this.delimiter = delimiter;
    this.header = header;
    fill();
  }

  /**
   * Opens {@code file} at byte {@code offset}, which must start a record (or blank lines), to
   * read the rest with the header and delimiter of {@code first}, the scanner that read its
   * header. Line numbers count from 1 at {@code offset}: the caller adds the line {@code first}
   * was on when it got there.
   */
  public static CsvScanner continuing(Path file, long offset, CsvScanner first)
      throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      in.skipNBytes(offset);
      return new CsvScanner(in, Files.size(file) - offset, first.delimiter, first.header);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Opens {@code file} and reads its header line. */
  public static CsvScanner open(Path file) throws IOException {
    return new CsvScanner(Files.newInputStream(file), Files.size(file));
  }

  /** Reads from a stream of unknown size (for tests and small inputs). */
  public static CsvScanner of(InputStream in) throws IOException {
    return new CsvScanner(in, -1);
  }

  /**
   * Returns about how many lines {@code file} has, from the line length of its first 64 KiB:
   * enough to size arrays once instead of growing them.
   */
  public static int estimateLines(Path file) throws IOException {
    long size = Files.size(file);
    byte[] head = new byte[(int) Math.min(size, 1 << 16)];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    int lines = 0;
    for (int i = 0; i < read; i++) {
      if (head[i] == '\n') {
        lines++;
      }
    }
    if (read == 0 || lines == 0) {
      return 16;
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, size * lines / read * 21 / 20 + 16);
  }

  /** Returns the column names of the header line, empty for an empty file. */
  @Override
  public List<String> header() {
    return header;
  }

  /** Returns the delimiter found in the header line. */
  @Override
  public char delimiter() {
    return (char) delimiter;
  }

  /** Returns the fraction of the file read so far, or -1 when the size is unknown. */
  @Override
  public double progress() {
    return fileSize <= 0 ? -1 : (double) (bytesBefore + pos) / fileSize;
  }

  /** Advances to the next record; returns false at the end of the file. */
  @Override
  public boolean next() throws IOException {
    while (true) {
      skipBlankLines();
      if (pos >= limit && eof) {
        return false;
      }
      int outcome = parse();
      if (outcome > 0) {
        unescape();
        return true;
      }
      if (!refill()) {
        return finishAtEof();
      }
    }
  }

  /**
   * Returns the byte offset just after the current record and its line break: where the next
   * record, or blank lines, begin.
   */
  public long position() {
    return bytesBefore + pos;
  }

  /** Returns the line number the next record, or blank line, starts on. */
  public long nextLine() {
    return line;
  }

  /** Returns the line number the current record starts on (the header is line 1). */
  @Override
  public long line() {
    return recordLine;
  }

  @Override
  public long byteOrderMarkLine() {
    return bomLine;
  }

  @Override
  public int byteOrderMarks() {
    return boms;
  }

  @Override
  public long lastLine() {
    return recordLastLine;
  }

  @Override
  public boolean cutAtFirstLine() {
    if (recordLastLine == recordLine) {
      return false;
    }
    cutEnd = bytesBefore + pos;
    cutLine = recordLine;
    pos = recordStart;
    pos = endOfFirstLine();
    line = recordLine + 1;
    recordLastLine = recordLine;
    return true;
  }

  /** Returns why the current record could not be read, or null. */
  @Override
  public String problem() {
    return problem;
  }

  @Override
  public int problemField() {
    return problemField;
  }

  @Override
  public String rawLine(int max) {
    if (!rawIntact) {
      return null; // a doubled quote was undone in place: the bytes are no longer the file's
    }
    int end = recordStart;
    while (end < limit && end - recordStart < max && buf[end] != '\n' && buf[end] != '\r') {
      end++;
    }
    String line = new String(buf, recordStart, end - recordStart, StandardCharsets.UTF_8);
    return end - recordStart == max && end < limit && buf[end] != '\n' && buf[end] != '\r'
        ? line + "..." : line;
  }

  @Override
  public int fieldCount() {
    return fields;
  }

  /** Returns the buffer that holds the current record's fields. */
  @Override
  public byte[] buffer() {
    return buf;
  }

  /** Returns where field {@code i} starts in the buffer; 0 when the record has fewer fields. */
  @Override
  public int start(int field) {
    return field < fields ? starts[field] : 0;
  }

  /** Returns the length of field {@code i}; 0 (blank) when the record has fewer fields. */
  @Override
  public int length(int field) {
    return field < fields ? ends[field] - starts[field] : 0;
  }

  /** Returns field {@code i} as a String, or "" when the record has fewer fields. */
  @Override
  public String text(int field) {
    if (field < 0 || field >= fields) {
      return "";
    }
    return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
  }

  /** Returns true when field {@code i} is absent or empty. */
  @Override
  public boolean isBlank(int field) {
    return field < 0 || field >= fields || starts[field] == ends[field];
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---- parsing --------------------------------------------------------------------------

  /** Parses one record at {@code pos}; returns 1 when done, 0 when the buffer ran out. */
  private int parse() {
    int p = pos;
    long lines = 0;
    int inner = 0;
    boolean unclosed = false;
    int n = 0;
    String trouble = null;
    int troubleAt = 0;
    while (true) {
      if (n == starts.length) {
        grow();
      }
      if (p >= limit) {
        if (!eof) {
          return 0;
        }
        // A record ending at end of file without a line break: an empty last field.
        starts[n] = p;
        ends[n] = p;
        escaped[n] = false;
        n++;
        break;
      }
      byte c = buf[p];
      if (c == '"') {
        int q = p + 1;
        boolean esc = false;
        while (true) {
          if (q >= limit) {
            if (!eof) {
              return 0;
            }
            trouble = "quote opened and never closed";
            troubleAt = n;
            unclosed = true;
            break;
          }
          byte d = buf[q];
          if (d == '"') {
            if (q + 1 >= limit && !eof) {
              return 0;
            }
            if (q + 1 < limit && buf[q + 1] == '"') {
              esc = true;
              q += 2;
              continue;
            }
            break;
          }
          if (d == '\n' || (d == '\r' && (q + 1 >= limit || buf[q + 1] != '\n'))) {
            lines++;
            inner++;
          }
          q++;
        }
        starts[n] = p + 1;
        ends[n] = Math.min(q, limit);
        escaped[n] = esc;
        n++;
        p = Math.min(q + 1, limit);
        int after = p;
        while (p < limit && buf[p] == ' ') {
          p++;
        }
        if (p < limit && buf[p] != delimiter && buf[p] != '\n' && buf[p] != '\r') {
          if (trouble == null) {
            trouble = "text after a closing quote";
            troubleAt = n - 1;
          }
          while (p < limit && buf[p] != delimiter && buf[p] != '\n' && buf[p] != '\r') {
            p++;
          }
        }
        if (p >= limit && !eof) {
          return 0;
        }
        if (after > limit) {
          p = limit;
        }
      } else {
        int s = p;
        while (p < limit && (c = buf[p]) != delimiter && c != '\n' && c != '\r') {
          p++;
        }
        if (p >= limit && !eof) {
          return 0;
        }
        int e = p;
        // Spaces and no-break spaces (NoBreakSpaces, which spreadsheets leave around values):
        // a location "COLD 1" and "COLD 1" with a no-break space after it are one key.
        while (true) {
          int pad;
          if (s < e && buf[s] == ' ') {
            s++;
          } else if (s < e && buf[s] < 0 && (pad = NoBreakSpaces.at(buf, s, e)) > 0) {
            s += pad;
          } else {
            break;
          }
        }
        while (true) {
          int pad;
          if (e > s && buf[e - 1] == ' ') {
            e--;
          } else if (e > s && buf[e - 1] < 0 && (pad = NoBreakSpaces.before(buf, s, e)) > 0) {
            e -= pad;
          } else {
            break;
          }
        }
        starts[n] = s;
        ends[n] = e;
        escaped[n] = false;
        n++;
      }
      if (p >= limit) {
        break;
      }
      c = buf[p];
      if (c == delimiter) {
        p++;
        continue;
      }
      // End of line: CR, LF or CRLF.
      if (c == '\r') {
        if (p + 1 >= limit && !eof) {
          return 0;
        }
        p += (p + 1 < limit && buf[p + 1] == '\n') ? 2 : 1;
      } else {
        p++;
      }
      lines++;
      break;
    }
    int quoteAt = trouble == null && bytesBefore + pos < cutEnd ? quoteInUnquotedField(n) : -1;
    if (quoteAt >= 0) {
      trouble = "the rest of a quoted field cut at line " + cutLine + ": rejected with it";
      troubleAt = quoteAt;
    }
    if (trouble != null && inner > 0) {
      // A stray quote made the record run over line breaks: reject its first line only and
      // read on from the next, rather than lose every line the quote swallowed. Where the
      // quote closed, the line holding the rest of it is rejected too (see cutEnd).
      if (!unclosed) {
        cutEnd = bytesBefore + p;
        cutLine = line;
      }
      p = endOfFirstLine();
      lines = 1;
      inner = 0;
      trouble += " (the row is cut at the end of its line; the next line is read as a new row)";
    }
    fields = n;
    problem = trouble;
    problemField = trouble == null ? -1 : troubleAt;
    recordLine = line;
    recordLastLine = line + inner;
    recordStart = pos;
    line += lines;
    pos = p;
    return 1;
  }

  /**
   * Returns the first of the record's first {@code n} fields that holds a quote without being
   * quoted (the closing half of a quoted field that began on an earlier line), or -1.
   */
  private int quoteInUnquotedField(int n) {
    for (int i = 0; i < n; i++) {
      if (starts[i] > pos && buf[starts[i] - 1] == '"') {
        continue; // a quoted field
      }
      for (int j = starts[i]; j < ends[i]; j++) {
        if (buf[j] == '"') {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Returns where the line the current record starts on ends (past its line break), and clips
   * the record's fields to that line.
   */
  private int endOfFirstLine() {
    int b = pos;
    while (b < limit && buf[b] != '\n' && buf[b] != '\r') {
      b++;
    }
    for (int i = 0; i < starts.length; i++) {
      starts[i] = Math.min(starts[i], b);
      ends[i] = Math.min(ends[i], b);
    }
    if (b < limit && buf[b] == '\r' && b + 1 < limit && buf[b + 1] == '\n') {
      return b + 2;
    }
    return Math.min(b + 1, limit);
  }

  private void skipBlankLines() throws IOException {
    while (true) {
      if (pos >= limit) {
        if (eof || !refill()) {
          return;
        }
      }
      byte c = buf[pos];
      if (c == '\n') {
        pos++;
        line++;
      } else if (c == '\r') {
        if (pos + 1 >= limit && !eof) {
          if (!refill()) {
            return;
          }
          continue;
        }
        pos += (pos + 1 < limit && buf[pos + 1] == '\n') ? 2 : 1;
        line++;
      } else if (c == (byte) 0xEF) {
        // A byte order mark that starts a line: exports joined with cat, each saved with one.
        // It is no part of the first field (an invisible SKU of its own, else).
        if (pos + 2 >= limit && !eof) {
          if (!refill()) {
            return;
          }
          continue;
        }
        if (pos + 2 < limit && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
          pos += 3;
          bomLine = bomLine < 0 ? line : bomLine;
          boms++;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  private boolean finishAtEof() {
    return false;
  }

  private void unescape() {
    rawIntact = true;
    for (int i = 0; i < fields; i++) {
      if (!escaped[i]) {
        continue;
      }
      int w = starts[i];
      for (int r = starts[i]; r < ends[i]; r++) {
        buf[w++] = buf[r];
        if (buf[r] == '"' && r + 1 < ends[i] && buf[r + 1] == '"') {
          r++;
        }
      }
      rawIntact &= w == ends[i];
      ends[i] = w;
    }
  }

  private void grow() {
    int n = starts.length * 2;
    starts = Arrays.copyOf(starts, n);
    ends = Arrays.copyOf(ends, n);
    escaped = Arrays.copyOf(escaped, n);
  }

  /** Moves the unread bytes to the front and reads more; false when nothing more came. */
  private boolean refill() throws IOException {
    if (eof) {
      return false;
    }
    int keep = limit - pos;
    if (pos == 0 && keep == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else {
      System.arraycopy(buf, pos, buf, 0, keep);
      bytesBefore += pos;
      limit = keep;
      pos = 0;
    }
    int before = limit;
    fill();
    return limit > before || eof;
  }

  private void fill() throws IOException {
    while (limit < buf.length) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
        return;
      }
      limit += r;
    }
  }

  /** A UTF-16 byte order mark, or NUL bytes in the first line: not text this reader takes. */
  /** Names what the file is when its first bytes say it is not text, or null. */
  private String binaryKind() {
    if (startsWith(0x50, 0x4B, 0x03, 0x04)) {
      return "a ZIP archive (an .xlsx or .ods workbook?)";
    }
    if (startsWith(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return "an Office document of the old format (an .xls workbook?)";
    }
    if (startsWith(0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return "a PDF document";
    }
    if (limit >= 2 && ((buf[0] & 0xff) == 0xFF && (buf[1] & 0xff) == 0xFE
        || (buf[0] & 0xff) == 0xFE && (buf[1] & 0xff) == 0xFF)) {
      return null; // UTF-16 with its byte order mark
    }
    // UTF-16 text of Latin letters has its zero bytes all at even or all at odd offsets; bytes
    // with zeros at both are no text at all.
    int even = 0;
    int odd = 0;
    for (int i = pos; i < limit && i < pos + 512; i++) {
      if (buf[i] == 0) {
        if (((i - pos) & 1) == 0) {
          even++;
        } else {
          odd++;
        }
      }
    }
    return even > 0 && odd > 0 ? "binary data" : null;
  }

  private boolean startsWith(int... bytes) {
    if (limit < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((buf[i] & 0xff) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean looksUtf16() {
    if (limit >= 2 && ((buf[0] & 0xff) == 0xFF && (buf[1] & 0xff) == 0xFE
        || (buf[0] & 0xff) == 0xFE && (buf[1] & 0xff) == 0xFF)) {
      return true;
    }
    for (int i = pos; i < limit && buf[i] != '\n'; i++) {
      if (buf[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the separator a first line {@code sep=;} names (a spreadsheet's hint that it writes
   * and reads, before the header) and steps past that line; -1 when the file has none.
   */
  private int separatorLine() {
    int p = pos;
    if (limit - p < 5 || (buf[p] | 0x20) != 's' || (buf[p + 1] | 0x20) != 'e'
        || (buf[p + 2] | 0x20) != 'p' || buf[p + 3] != '=') {
      return -1;
    }
    int sep = buf[p + 4] & 0xff;
    int end = p + 5;
    if (sep == '"' || sep == '\n' || sep == '\r' || sep >= 0x80
        || end < limit && buf[end] != '\n' && buf[end] != '\r') {
      return -1;
    }
    if (end < limit && buf[end] == '\r') {
      end++;
    }
    if (end < limit && buf[end] == '\n') {
      end++;
    }
    pos = end;
    line++;
    return sep;
  }

  private byte detectDelimiter() {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = pos; i < limit; i++) {
      byte c = buf[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '\n' || c == '\r') {
          break;
        }
        if (c == ',') {
          commas++;
        } else if (c == ';') {
          semicolons++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    return semicolons > commas ? (byte) ';' : (byte) ',';
  }
}
