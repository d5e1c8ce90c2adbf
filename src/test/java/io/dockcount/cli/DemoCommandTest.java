package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.scan.SocatPair;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo runs the whole service by itself, its stations fed scanner bytes over socat
 * pseudo-terminals or in process, and leaves the same complete, signed-off count behind.
 */
final class DemoCommandTest {
  @ParameterizedTest
  @ValueSource(strings = {"pty", "in-process"})
  void demo_runsToTheEnd_everyLocationConfirmed(String scanners, @TempDir Path dir)
      throws Exception {
    if (scanners.equals("pty")) {
      SocatPair.assumeSocat();
    }

    java.io.PrintStream console = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = Main.run("demo", "--dir", dir.toString(), "--cycle", "1s", "--scanners",
          scanners);
    } finally {
      System.setOut(console);
    }

    assertEquals(0, exit);
    try (Store store = Store.open(StoreSettings.under(dir))) {
      Map<String, String> last = new TreeMap<>();
      for (String zone : new String[] {"A", "B", "C"}) {
        for (Store.Stored e : store.loadZone(zone).journal()) {
          if (e instanceof Store.StoredEvent ev) {
            last.put(ev.location(), ev.state());
          }
        }
      }
      assertEquals(12, last.size());
      assertTrue(last.values().stream().allMatch("CONFIRMED"::equals), last.toString());
      Map<String, Long> rows = store.counts();
      assertTrue(rows.get("recount_task") >= 6, rows.toString());
      assertTrue(rows.get("recon_run") >= 9, rows.toString());
    }
    assertEquals(List.of("DOCK-1 LOC:A--07 not a valid location code (A--07)",
        "DOCK-1 ]C10135412345009048 no eaches-per-unit factor for unit PL of SKU 00904 in the "
            + "UOM table",
        "DOCK-2 ]E04006381333931 unknown barcode 4006381333931 (GTIN 04006381333931) \u2014 "
            + "not in the barcode table"),
        column(dir, "SELECT station || ' ' || raw || ' ' || reason FROM rejected_scan "
            + "ORDER BY station, raw"));
    assertEquals(List.of("00904"), column(dir, "SELECT sku FROM rejected_scan "
        + "WHERE reason LIKE 'no eaches-per-unit%'"), "the refused scan names its SKU");
    assertEquals(List.of("0"), column(dir, "SELECT held_round FROM rejected_scan "
        + "WHERE reason LIKE 'no eaches-per-unit%' AND zone IS NOT NULL"),
        "held for a supervisor: its zone took note of it in its first round");
    assertEquals(List.of("1 VOID by DOCK-2"), column(dir, "SELECT COUNT(*) || ' VOID by ' "
        + "|| MIN(station) FROM count_record WHERE kind = 'VOID'"));
    // The summary's figures are the records on disk: every count, and the void, accounted for.
    String counts = column(dir, "SELECT COUNT(*) FROM count_record WHERE kind = 'COUNT'").get(0);
    assertTrue(printed.toString(java.nio.charset.StandardCharsets.UTF_8)
        .contains("(counts acknowledged on disk " + counts + ", voids 1)"), printed::toString);
    assertEquals(List.of("A-01-01-A"), column(dir, "SELECT DISTINCT location FROM count_record "
        + "WHERE sscc <> ''"));
    // The sign-off step says what it did: the variance left standing after the recount.
    // A-02-01-A, whose scans were held, is always recounted and matches: never accepted as a
    // variance, however the recount's close and a zone's cycle fall.
    assertTrue(java.util.regex.Pattern.compile("(?m)^zone A: supervisor accepted the variance "
        + "after recount at A-01-02-A; inventory control confirmed 4 locations$")
        .matcher(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).find(),
        printed::toString);
    assertTrue(Files.readString(dir.resolve("reports/zone-C.csv")).contains(
        "\n00922,C-02-02-A,C,02,02,A,6,0,-6,-100.00,17.79,-106.74,short,counted_zero,"));
    try (var backups = Files.list(dir.resolve("backup"))) {
      assertTrue(backups.anyMatch(p -> p.toString().endsWith(".zip")));
    }
  }

  private static List<String> column(Path dir, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:"
        + dir.resolve("dockcount").toAbsolutePath(), "sa", "");
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void demo_dirWithAnEarlierDemo_refusedWithExit2(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("dockcount.mv.db"), "");

    int exit = Main.run("demo", "--dir", dir.toString(), "--scanners", "in-process");

    assertEquals(2, exit);
  }
}
