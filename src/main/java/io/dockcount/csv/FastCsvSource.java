package io.dockcount.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The same records as {@link CsvScanner}, read through FastCSV: a String per field, then
 * encoded back to bytes for the loaders. Used only to measure the two readers side by side
 * ({@code reconcile --reader fastcsv}; see docs/BENCHMARKS.md).
 */
public final class FastCsvSource implements RowSource {
  private final CsvReader<CsvRecord> reader;
  private final Iterator<CsvRecord> records;
  private final List<String> header;
  private final long size;
  private long bytes;
  private CsvRecord current;
  private byte[] buf = new byte[4096];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int fields;

  private final char delimiter;

  @Override
  public char delimiter() {
    return delimiter;
  }

  private FastCsvSource(Path file, char delimiter) throws IOException {
    this.delimiter = delimiter;
    this.size = Files.size(file);
    this.reader = CsvReader.builder().fieldSeparator(delimiter).detectBomHeader(true)
        .skipEmptyLines(true).ignoreDifferentFieldCount(true).ofCsvRecord(file);
    this.records = reader.iterator();
    this.header = records.hasNext() ? records.next().getFields() : List.of();
  }

  /** Opens {@code file} with the delimiter {@link CsvScanner} detects in its header. */
  public static FastCsvSource open(Path file) throws IOException {
    char delimiter;
    try (CsvScanner probe = CsvScanner.open(file)) {
      delimiter = probe.delimiter();
    }
    return new FastCsvSource(file, delimiter);
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean next() {
    if (!records.hasNext()) {
      return false;
    }
    current = records.next();
    fields = current.getFieldCount();
    if (fields > starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    int n = 0;
    for (int i = 0; i < fields; i++) {
      byte[] b = current.getField(i).strip().getBytes(StandardCharsets.UTF_8);
      if (n + b.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + b.length));
      }
      System.arraycopy(b, 0, buf, n, b.length);
      starts[i] = n;
      n += b.length;
      ends[i] = n;
    }
    bytes += n + fields;
    return true;
  }

  @Override
  public long line() {
    return current.getStartingLineNumber();
  }

  @Override
  public String problem() {
    return null;
  }

  @Override
  public int fieldCount() {
    return fields;
  }

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

  @Override
  public String text(int field) {
    return field >= 0 && field < fields ? new String(buf, starts[field], length(field), StandardCharsets.UTF_8)
        : "";
  }

  @Override
  public boolean isBlank(int field) {
    return field < 0 || field >= fields || starts[field] == ends[field];
  }

  @Override
  public double progress() {
    return size <= 0 ? -1 : Math.min(1.0, (double) bytes / size);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
