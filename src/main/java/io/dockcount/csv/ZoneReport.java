package io.dockcount.csv;

import io.dockcount.core.Flag;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a zone's latest reconciliation as {@code zone-<zone>.csv} in a reports directory, with
 * the columns of {@code reconcile}'s {@code recon.csv}, so an analyst reads both the same way.
 * The file is replaced atomically by each run; every run's lines stay in the store.
 */
public final class ZoneReport {
  private ZoneReport() {}

  /** Returns the report file of {@code zone} in {@code dir}. */
  public static Path file(Path dir, String zone) {
    return dir.resolve("zone-" + fileSafe(zone) + ".csv");
  }

  /** Writes the lines, in the order given (the run's: location, then SKU); returns the file. */
  public static Path write(Path dir, String zone, List<ReconLine> lines) throws IOException {
    Path file = file(dir, zone);
    ReportWriter.csv(file, w -> {
      w.writeRecord(ReportWriter.RECON_HEADER.split(","));
      for (ReconLine l : lines) {
        LocationScheme.Parts p = l.parts();
        // Locations and SKUs come from scanned labels here: kept from running as formulas.
        w.writeRecord(SpreadsheetText.cell(l.sku()), SpreadsheetText.cell(l.location()),
            SpreadsheetText.cell(p == null ? "" : p.zone()),
            SpreadsheetText.cell(p == null ? "" : p.aisle()),
            SpreadsheetText.cell(p == null ? "" : p.bay()),
            SpreadsheetText.cell(p == null ? "" : p.level()),
            text(l.bookQty()), text(l.countedQty()), text(l.varianceQty()),
            text(l.variancePct()), ReportWriter.money(l.unitCost()),
            ReportWriter.money(l.varianceValue()),
            l.status().label(), l.flags() == 0 ? "" : Flag.format(l.flags()),
            l.reason() == null ? "" : SpreadsheetText.cell(l.reason()));
      }
    });
    return file;
  }

  /**
   * Keeps letters, digits, dot, dash and underscore, and writes any other byte of the zone's
   * UTF-8 name as {@code %XX}: two zones never share a file, and no name leaves the directory.
   */
  static String fileSafe(String zone) {
    StringBuilder sb = new StringBuilder();
    for (byte b : zone.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'
          || (c == '.' && !sb.isEmpty()));
      if (plain) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String text(Object v) {
    return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }
}
