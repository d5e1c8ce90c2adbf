package io.dockcount.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One row of values another source sent as text (a database row, an API object's fields), seen
 * as a record of a file, so that the checks a file's keys go through ({@link
 * ReconcileInputs#blankKey}, {@link ReconcileInputs#textFault}) are the very ones its fields go
 * through: a stray quote, a control character or an invisible key is refused whichever way the
 * WMS sent it, and a rule changed for files is changed for every source.
 */
public final class TextRow extends FieldRuns {
  /** A row of {@code values}, null for a field that is absent (read as empty). */
  public TextRow(List<String> values) {
    super(runs(values));
  }

  private static Fields runs(List<String> values) {
    int n = values.size();
    int[] starts = new int[n];
    int[] lengths = new int[n];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      starts[i] = out.size();
      String v = values.get(i);
      if (v != null) {
        out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
      }
      lengths[i] = out.size() - starts[i];
    }
    return new Fields(out.toByteArray(), starts, lengths);
  }

  /** A row has no header of its own: its source's names its fields. */
  @Override
  public List<String> header() {
    return List.of();
  }

  /** Not a line of a file: its source names where it is. */
  @Override
  public long line() {
    return 0;
  }

  /** Absent or empty, as a file's scanner says it: what else is blank is for the checks. */
  @Override
  public boolean isBlank(int field) {
    return field < 0 || field >= fieldCount() || length(field) == 0;
  }

  @Override
  public double progress() {
    return -1;
  }
}
