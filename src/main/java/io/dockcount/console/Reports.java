package io.dockcount.console;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.csv.SpreadsheetText;
import io.dockcount.store.ConsoleQueries;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The CSV downloads: the latest run's lines of every zone ({@code recon}), every recount task
 * ({@code recount_tasks}), the variances to post to the WMS ({@code adjustments}: lines of
 * the latest runs with a variance, at locations resolved or confirmed), and the scans stations
 * refused, with why ({@code rejected_scans}, newest first). Rows come in a fixed
 * order, so the same store gives the same bytes. Blocking: run on the blocking dispatcher.
 */
final class Reports {
  static final Set<String> NAMES = Set.of("recon", "recount_tasks", "adjustments",
      "rejected_scans");
  /** The rejected scans report holds the latest this many, newest first. */
  private static final int REJECTED_SCANS = 10_000;

  private Reports() {}

  static byte[] write(String name, ConsoleQueries q, LocationScheme scheme) {
    StringWriter out = new StringWriter();
    // LF line ends, like the files `reconcile` writes.
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    switch (name) {
      case "recon" -> recon(csv, q.latestLines(null), scheme);
      case "recount_tasks" -> tasks(csv, q.tasks(false), q.taskChanges(), scheme);
      case "adjustments" -> adjustments(csv, q.decidedVariances());
      case "rejected_scans" -> rejectedScans(csv, q.rejectedScans(REJECTED_SCANS));
      default -> throw new IllegalArgumentException("no report " + name);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The latest lines in the columns of {@code reconcile}'s recon.csv, zone by zone. */
  private static void recon(CsvWriter csv, List<ConsoleQueries.Line> lines,
      LocationScheme scheme) {
    csv.writeRecord("sku", "location", "zone", "aisle", "bay", "level", "book_qty",
        "counted_qty", "variance_qty", "variance_pct", "unit_cost", "variance_value", "status",
        "flags", "recount");
    for (ConsoleQueries.Line l : lines) {
      LocationScheme.Parts p = scheme.parse(l.location());
      BigDecimal pct = ReconLine.variancePct(l.variance(), l.book());
      csv.writeRecord(cell(l.sku()), cell(l.location()), cell(l.zone()),
          cell(p == null ? "" : p.aisle()), cell(p == null ? "" : p.bay()),
          cell(p == null ? "" : p.level()), text(l.book()),
          text(l.counted()), text(l.variance()), text(pct), text(Json.money(l.unitCost())),
          text(Json.money(l.value())), l.status(), l.flags(), cell(text(l.reason())));
    }
  }

  private static void tasks(CsvWriter csv, List<ConsoleQueries.Task> tasks,
      java.util.Map<Long, String> earlier, LocationScheme scheme) {
    csv.writeRecord("task", "zone", "location", "aisle", "bay", "level", "sku", "round",
        "status", "book_qty", "counted_qty", "variance_qty", "variance_value", "reason",
        "created", "earlier_figures");
    for (ConsoleQueries.Task t : tasks) {
      LocationScheme.Parts p = scheme.parse(t.location());
      csv.writeRecord(Long.toString(t.id()), cell(t.zone()), cell(t.location()),
          cell(p == null ? "" : p.aisle()), cell(p == null ? "" : p.bay()),
          cell(p == null ? "" : p.level()), cell(t.sku()),
          Integer.toString(t.round()), t.status(), text(t.book()), text(t.counted()),
          text(t.variance()), text(Json.money(t.value())), cell(t.reason()),
          Json.time(t.created()), cell(earlier.getOrDefault(t.id(), "")));
    }
  }

  /**
   * The variances to post: each settled location's figures as they stood when it was settled
   * (a later book change does not rewrite what the supervisor accepted), the lines the WMS
   * export posts ({@link ConsoleQueries#decidedVariances}): a line accepted on the book as it
   * now stands, flagged {@code book_changed}, is one of them; one sent to recount for a book
   * change has no variance and is not.
   */
  private static void adjustments(CsvWriter csv, List<ConsoleQueries.Decided> decided) {
    csv.writeRecord("zone", "location", "sku", "book_qty", "counted_qty", "adjust_qty",
        "unit_cost", "adjust_value", "state", "decided_by", "note", "decided_at",
        "confirmed_by", "confirmed_at");
    for (ConsoleQueries.Decided d : decided) {
      ConsoleQueries.Line l = d.line();
      ConsoleQueries.LocationEvent e = d.decision();
      ConsoleQueries.LocationEvent confirmed = d.confirmation();
      // The decision's who, why and when stay once inventory control has confirmed it.
      csv.writeRecord(cell(l.zone()), cell(l.location()), cell(l.sku()), text(l.book()),
          text(l.counted()), text(l.variance()), text(Json.money(l.unitCost())),
          text(Json.money(l.value())), confirmed == null ? e.state() : confirmed.state(),
          cell(e.byWhom()), cell(e.note()), Json.time(e.wall()),
          confirmed == null ? "" : cell(confirmed.byWhom()),
          confirmed == null ? "" : Json.time(confirmed.wall()));
    }
  }

  /** The scans stations refused, with why: where a counter's red light is explained. */
  private static void rejectedScans(CsvWriter csv, List<ConsoleQueries.RejectedScan> scans) {
    csv.writeRecord("seq", "station", "counter", "location", "sku", "scan", "reason", "at");
    for (ConsoleQueries.RejectedScan r : scans) {
      csv.writeRecord(Long.toString(r.seq()), cell(r.station()), cell(r.counter()),
          cell(r.location()), cell(r.sku()), cell(r.raw().strip()), cell(r.reason()),
          Json.time(r.wall()));
    }
  }

  /** Floor text (labels, notes, reasons quoting them) as a cell no spreadsheet runs. */
  private static String cell(String v) {
    return SpreadsheetText.cell(v);
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
