package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.station.StationSession;
import io.dockcount.scan.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner variants end to end: {@code dockcount run --config} as its own process reads a
 * pseudo-terminal; each scan's FEEDBACK line gives the counter's light and reason, and H2 holds
 * the counts in eaches and the refused scans with their reasons, none dropped.
 */
@Timeout(120)
final class ScannerVariantsServiceTest {
  private static final String GS = "\u001d";

  @Test
  void hostileScannerOutput_countsInEachesAndEveryRefusalStoredWithItsReason(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty"));
    try (SocatPair scanner = new SocatPair(dir.resolve("pty")).plugIn()) {
      Process service = StationCrashTest.start(writeSite(dir, scanner.hostEnd()),
          dir.resolve("service.err"));
      StationCrashTest.Lines out = new StationCrashTest.Lines(service);
      out.awaitRunning();

      scanner.send("BADGE:E042\r");
      scanner.send("QTY:5\r"); // before any location
      scanner.send("LOC:A-01-02-B\r");
      scanner.send("]C10215412345000010" + "3748\r"); // pallet content label: 48 CS
      scanner.send("]E05412345000013\r\n\r\n");
      scanner.send("]C10105412345000013" + "10L1" + GS + "\r"); // trailing GS
      scanner.send("]C10105412345000013" + "10L1<GS>17290331\r");
      scanner.send("0115412345000010\r");
      scanner.send("+E05412345000013\r");
      scanner.send("5412345\u00ef\u00bb\u00bf000013\r"); // a BOM inside (one first is dropped)
      scanner.send("541234\u00005000013\r"); // NUL inside (one before it is padding)
      List<String[]> f = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        f.add(out.nextFeedback());
      }
      service.destroy();
      assertTrue(service.waitFor(60, TimeUnit.SECONDS));

      assertEquals("GOOD", f.get(0)[3]);
      assertFeedback(f.get(1), "BAD", StationSession.QUANTITY_BEFORE_LOCATION);
      assertEquals("GOOD", f.get(2)[3]);
      for (int i = 3; i <= 5; i++) {
        assertFeedback(f.get(i), "GOOD", "");
        assertEquals("COUNT", f.get(i)[4]);
      }
      assertFeedback(f.get(6), "BAD", BarcodeDecoder.SEPARATOR_AS_TEXT);
      assertFeedback(f.get(7), "BAD", BarcodeDecoder.GS1_WITHOUT_AIM);
      assertFeedback(f.get(8), "BAD", BarcodeDecoder.LAYOUT_MISMATCH);
      assertFeedback(f.get(9), "BAD", BarcodeDecoder.BYTE_ORDER_MARK);
      assertFeedback(f.get(10), "BAD", "control byte 0x00 in frame");
      assertEquals(List.of("00913 CS 48 576 lot=", "00913 EA 1 1 lot=", "00913 EA 1 1 lot=L1"),
          query(dir, "SELECT sku, unit, CAST(qty AS INT), eaches, CONCAT('lot=', lot)"
              + " FROM count_record WHERE kind = 'COUNT' ORDER BY station_seq"));
      List<String> refused = query(dir, "SELECT reason FROM rejected_scan ORDER BY seq");
      assertEquals(6, refused.size(), refused.toString());
      assertTrue(refused.get(0).startsWith(StationSession.QUANTITY_BEFORE_LOCATION));
      assertTrue(refused.get(2).startsWith(BarcodeDecoder.GS1_WITHOUT_AIM), refused.get(2));
    }
  }

  private static void assertFeedback(String[] line, String light, String reason) {
    assertEquals(light, line[3], String.join(" ", line));
    assertTrue(line.length > 6 && line[6].startsWith(reason) || reason.isEmpty(),
        String.join(" ", line));
  }

  private static List<String> query(Path dir, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("dockcount").toAbsolutePath(), "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" ", cells));
      }
    }
    return rows;
  }

  private static Path writeSite(Path dir, Path device) throws java.io.IOException {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n00913,A-01-02-B,600\n");
    Files.writeString(dir.resolve("items.csv"), "sku,unit_cost\n00913,2.50\n");
    Files.writeString(dir.resolve("uom.csv"), "sku,uom,qty_per_uom\n00913,CS,12\n");
    Files.writeString(dir.resolve("barcodes.csv"), "barcode,sku,uom\n05412345000013,00913,EA\n"
        + "15412345000010,00913,CS\n");
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, String.join("\n",
        "dockcount.store.path = \"" + dir.resolve("dockcount") + "\"",
        "dockcount.backup.dir = \"" + dir.resolve("backup") + "\"",
        "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
        "dockcount.inputs.items = \"" + dir.resolve("items.csv") + "\"",
        "dockcount.inputs.uom = \"" + dir.resolve("uom.csv") + "\"",
        "dockcount.inputs.barcodes = \"" + dir.resolve("barcodes.csv") + "\"",
        "dockcount.stations.DOCK-1 { zone = A, device = \"" + device + "\",",
        "  gpio { good-pin = 17, bad-pin = 27 } }",
        "dockcount.counting { print-feedback = true, gpio = mock }",
        "akka.loglevel = WARNING", ""));
    return conf;
  }
}
