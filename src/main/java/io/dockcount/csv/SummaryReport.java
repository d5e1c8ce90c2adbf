package io.dockcount.csv;

import io.dockcount.core.ReconLine;
import io.dockcount.core.ReconResult;
import io.dockcount.core.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's summary: {@code summary.json} for machines and a short text for the terminal.
 *
 * <p>Both hold only what follows from the inputs (no timestamps, no timings), so the same inputs
 * give the same bytes. Money is written exactly, as the decimal the computation produced.
 */
public final class SummaryReport {
  private final ReconResult result;
  private final ReconcileInputs inputs;

  public SummaryReport(ReconResult result, ReconcileInputs inputs) {
    this.result = result;
    this.inputs = inputs;
  }

  /** The rows rejected as bad input; the rows a recount replaced are listed but not counted. */
  public int rejectedRows() {
    return (int) inputs.rejectedPerFile().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Writes {@code summary.json} atomically. */
  public void writeJson(Path file) throws IOException {
    byte[] json = json().getBytes(StandardCharsets.UTF_8);
    ReportWriter.atomically(file, out -> out.write(json));
  }

  /** Returns the summary as JSON, keys in a fixed order. */
  public String json() {
    ReconResult.Summary s = result.summary();
    StringBuilder b = new StringBuilder(2048);
    b.append("{\n  \"inputs\": {");
    Map<String, Long> rejected = inputs.rejectedPerFile();
    String sep = "\n";
    for (Map.Entry<String, Long> e : inputs.rowsRead().entrySet()) {
      b.append(sep).append("    ").append(str(e.getKey())).append(": {\"rows\": ")
          .append(e.getValue()).append(", \"rejected\": ").append(rejected.get(e.getKey()))
          .append('}');
      sep = ",\n";
    }
    b.append("\n  },\n");
    b.append("  \"rejected_rows\": ").append(rejectedRows()).append(",\n");
    b.append("  \"count_rows_replaced_by_recount\": ").append(inputs.replacedByRecount())
        .append(",\n");
    // Why the book or the counts had no usable row (exit 3): then this is no reconciliation.
    b.append("  \"unusable_inputs\": [");
    sep = "";
    for (String why : inputs.unusable()) {
      b.append(sep).append(str(why));
      sep = ", ";
    }
    b.append("],\n");
    b.append("  \"compared_by_lot\": ").append(result.byLot()).append(",\n");
    b.append("  \"lines\": ").append(s.lines()).append(",\n");
    b.append("  \"status\": {");
    sep = "";
    for (Status st : Status.values()) {
      b.append(sep).append(str(st.label())).append(": ").append(s.byStatus().get(st));
      sep = ", ";
    }
    b.append("},\n");
    b.append("  \"recount_tasks\": ").append(s.recountTasks()).append(",\n");
    b.append("  \"probable_unit_errors\": ").append(s.unitErrors()).append(",\n");
    b.append("  \"lines_with_rejected_rows\": ").append(s.linesWithRejectedRows()).append(",\n");
    b.append("  \"locations_unparsed\": ").append(s.locationsUnparsed()).append(",\n");
    // null, as value_pct is, where no variance has a value: 0.00 would say none is worth any.
    boolean unvalued = s.noVarianceValued();
    b.append("  \"variance\": {\"net_value\": ").append(unvalued ? "null" : num(s.netValue()))
        .append(", \"abs_value\": ").append(unvalued ? "null" : num(s.absValue()))
        .append(", \"lines_without_value\": ").append(s.varianceLinesWithoutValue())
        .append(", \"counted_lines_without_book\": ").append(s.countedLinesWithoutBook())
        .append(", \"lines_without_usable_count\": ").append(s.linesWithoutUsableCount())
        .append("},\n");
    b.append("  \"accuracy\": {\"locations_counted\": ").append(s.locationsCounted())
        .append(", \"locations_accurate\": ").append(s.locationsAccurate())
        .append(", \"locations_not_counted\": ").append(s.locationsNotCounted())
        .append(", \"location_pct\": ").append(num(s.locationAccuracyPct()))
        .append(", \"value_pct\": ").append(num(s.valueAccuracyPct())).append("},\n");
    b.append("  \"top_variances\": [");
    sep = "\n";
    for (int p : s.top()) {
      ReconLine l = result.line(p);
      b.append(sep).append("    {\"location\": ").append(str(l.location()))
          .append(", \"sku\": ").append(str(l.sku()))
          .append(", \"book_qty\": ").append(l.bookQty() == null ? "null" : l.bookQty())
          .append(", \"counted_qty\": ").append(l.countedQty())
          .append(", \"variance_qty\": ").append(l.varianceQty())
          .append(", \"variance_value\": ").append(num(l.varianceValue()))
          .append(", \"status\": ").append(str(l.status().label())).append('}');
      sep = ",\n";
    }
    b.append(s.top().isEmpty() ? "]\n" : "\n  ]\n");
    b.append("}\n");
    return b.toString();
  }

  /** Returns the summary as a few lines of text for a person. */
  public String text() {
    ReconResult.Summary s = result.summary();
    StringBuilder b = new StringBuilder();
    b.append(String.format("Lines: %,d", s.lines()));
    for (Status st : Status.values()) {
      b.append(String.format("  %s %,d", st.label(), s.byStatus().get(st)));
    }
    b.append('\n');
    if (s.noVarianceValued()) {
      int n = s.varianceLinesWithoutValue();
      b.append(String.format("Variance value: unknown (no cost for %s, not valued)",
          n == 1 ? "the 1 variance line" : String.format("any of the %,d variance lines", n)));
    } else {
      b.append("Variance value: net ").append(money(s.netValue())).append(", absolute ")
          .append(money(s.absValue()));
    }
    if (s.varianceLinesWithoutValue() > 0 && !s.noVarianceValued()) {
      int n = s.varianceLinesWithoutValue();
      b.append(String.format(" (+%,d variance %s with no cost, not valued)", n,
          n == 1 ? "line" : "lines"));
    }
    b.append('\n');
    b.append(String.format("Location accuracy: %s of %,d counted locations (%,d not counted)",
        percent(s.locationAccuracyPct()), s.locationsCounted(), s.locationsNotCounted()));
    b.append("; value accuracy: ").append(percent(s.valueAccuracyPct()));
    if (s.valueAccuracyPct() != null
        && s.countedLinesWithoutBook() + s.linesWithoutUsableCount() > 0) {
      // A line with no known book, or no usable count, has no variance: it would read as
      // accurate.
      List<String> out = new ArrayList<>();
      int n = s.countedLinesWithoutBook();
      if (n > 0) {
        out.add(String.format("%,d counted %s an unknown book", n, n == 1 ? "line with"
            : "lines with"));
      }
      int m = s.linesWithoutUsableCount();
      if (m > 0) {
        out.add(String.format("%,d %s every count row rejected", m, m == 1 ? "line with"
            : "lines with"));
      }
      b.append(" (of the valued lines only; ").append(String.join(" and ", out))
          .append(n + m == 1 ? " is" : " are").append(" left out)");
    } else if (s.varianceLinesWithoutValue() > 0 && s.valueAccuracyPct() != null) {
      b.append(" (of the valued lines only)"); // an unvalued variance would read as accurate
    }
    b.append('\n');
    b.append(String.format("Recount tasks: %,d (probable unit errors: %,d)%n", s.recountTasks(),
        s.unitErrors()));
    if (s.locationsUnparsed() > 0) {
      b.append(String.format("Locations that do not fit the location pattern: %,d%n",
          s.locationsUnparsed()));
    }
    b.append(String.format("Rejected input rows: %,d (see exceptions.csv)", rejectedRows()));
    if (s.linesWithRejectedRows() > 0) {
      int lines = s.linesWithRejectedRows();
      b.append(String.format("; %,d %s some of them out (flagged *_rows_rejected)", lines,
          lines == 1 ? "line leaves" : "lines leave"));
    }
    b.append('\n');
    if (inputs.replacedByRecount() > 0) {
      b.append(String.format("Count rows replaced by a recount: %,d (listed in exceptions.csv)%n",
          inputs.replacedByRecount()));
    }
    List<Integer> top = s.top();
    if (!top.isEmpty()) {
      b.append("Top variances:\n");
      for (int p : top) {
        ReconLine l = result.line(p);
        b.append(String.format("  %-20s %-16s %+,12d EA %16s  %s%n", l.location(), l.sku(),
            l.varianceQty(), money(l.varianceValue()), l.status().label()));
      }
    }
    return b.toString();
  }

  /**
   * Money for a person: thousands grouped, every decimal kept as in the files (at least two):
   * rounded, -49.995 would read as reaching a limit of 50.00 that the line did not reach.
   */
  private static String money(BigDecimal v) {
    if (v == null) {
      return "unknown";
    }
    BigDecimal shown = new BigDecimal(ReportWriter.money(v)); // the files' decimals
    return String.format(Locale.ROOT, "%,." + shown.scale() + "f", shown);
  }

  private static String percent(BigDecimal v) {
    return v == null ? "n/a" : v.toPlainString() + "%";
  }

  private static String num(BigDecimal v) {
    return v == null ? "null" : ReportWriter.money(v);
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
