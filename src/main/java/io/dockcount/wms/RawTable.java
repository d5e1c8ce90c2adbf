package io.dockcount.wms;

import java.util.List;
import java.util.Objects;

/**
 * One kind of data as a source delivered it, before it is checked: a header of column names and
 * rows of text. Every source (file, query, API) comes to this shape, so one {@link
 * SnapshotParser} applies the same rules to all.
 *
 * @param kind book, items, uom or barcodes
 * @param origin where it came from, for reports (a file name, "jdbc query book", a URL path)
 * @param header the column names, in field order
 * @param keyed whether a rejected row is named by its key too (SKU, location, lot...): a
 *     database or API row has only a position, which does not find it in the WMS; a file's
 *     line number does
 * @param dotMayGroup whether {@code 1.000} in its numbers may be one thousand: a file exported
 *     in a decimal-comma locale ({@link io.dockcount.csv.DecimalStyle}), whose such figures are
 *     refused as ambiguous, as {@code reconcile} and the start-up files refuse them; a
 *     database's or an API's numbers never group thousands
 * @param decimalComma whether its numbers are written with a decimal comma ({@code 2,50},
 *     {@code 1.000,5}), as the site declares of its files ({@code
 *     dockcount.reconcile.decimal-comma}): read then as {@code reconcile} reads them; a
 *     database's or an API's numbers are typed, and never are
 */
public record RawTable(String kind, String origin, List<String> header, List<Row> rows,
    boolean keyed, boolean dotMayGroup, boolean decimalComma) {

  /** A table whose rows are found by their {@code where} alone (a file's lines). */
  public RawTable(String kind, String origin, List<String> header, List<Row> rows) {
    this(kind, origin, header, rows, false, false, false);
  }

  /** A table whose numbers are written with a decimal point and never group thousands. */
  public RawTable(String kind, String origin, List<String> header, List<Row> rows,
      boolean keyed) {
    this(kind, origin, header, rows, keyed, false, false);
  }

  /**
   * A row: {@code where} names it for a person (a line number, "row 12", "page 3 item 7");
   * {@code values} are in header order, null for a field that is absent; {@code problem} is set
   * when the row could not even be read.
   */
  public record Row(String where, List<String> values, String problem) {
    public Row {
      Objects.requireNonNull(where, "where");
      values = values == null ? List.of() : java.util.Collections.unmodifiableList(
          new java.util.ArrayList<>(values));
    }
  }

  public RawTable {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }
}
