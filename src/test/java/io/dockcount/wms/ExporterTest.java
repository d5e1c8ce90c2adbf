package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recount tasks and adjustments out: SQL into a real PostgreSQL task table, exactly once across
 * a restart between the insert and the bookkeeping; CSV files that a re-run does not duplicate.
 */
final class ExporterTest {
  private static LocalPostgres pg;

  @TempDir Path dir;

  private static final String TASK_SQL = "INSERT INTO wms_task (task_key, zone, location, sku, "
      + "round, variance, variance_value, reason) VALUES (:task_key, :zone, :location, :sku, "
      + ":round, :variance, :variance_value, :reason) ON CONFLICT (task_key) DO NOTHING";
  private static final String ADJ_SQL = "INSERT INTO wms_adjustment (adjustment_key, location, "
      + "sku, qty, value) VALUES (:adjustment_key, :location, :sku, :variance, "
      + ":variance_value) ON CONFLICT (adjustment_key) DO NOTHING";

  @BeforeAll
  static void startServer() throws Exception {
    pg = LocalPostgres.startOrSkip();
    pg.exec("CREATE TABLE wms_task (task_key TEXT PRIMARY KEY, zone TEXT, location TEXT, "
            + "sku TEXT, round INT, variance BIGINT, variance_value NUMERIC(14, 2), reason TEXT, "
            + "created TIMESTAMPTZ DEFAULT now())",
        "CREATE TABLE wms_adjustment (adjustment_key TEXT PRIMARY KEY, location TEXT, sku TEXT, "
            + "qty BIGINT, value NUMERIC(14, 2))");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  /** A run with one short line and its task at A-01-02-B, then inventory control confirms. */
  private static void runAndConfirm(Store store) {
    ReconLine line = new ReconLine("00913", "A-01-02-B", "", null, 30L, 24L, -6L,
        new BigDecimal("2.50"), new BigDecimal("-15.00"), Status.SHORT, 0, "short 6 EA");
    store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, List.of(line),
        new BigDecimal("-15.00"), new BigDecimal("15.00"), 0,
        List.of(new RunRecord.NewTask(new RunRecord.TaskKey("A-01-02-B", "00913", 0), -6L,
            new BigDecimal("-15.00"), "short 6 EA")), List.of(), List.of(), List.of()));
    store.append(List.of(new JournalEntry.LocationEvent("A", "A-01-02-B", "CONFIRMED", 0,
        "ic", "confirmed")));
  }

  private WmsSettings.Export sql() throws Exception {
    Path pw = dir.resolve("export-password");
    Files.writeString(pw, LocalPostgres.PASSWORD);
    return new WmsSettings.Export("sql", null, Duration.ofMinutes(1),
        new WmsSettings.Login(pg.url(), LocalPostgres.USER, "", pw), TASK_SQL, ADJ_SQL);
  }

  private long wms(String sql) throws Exception {
    try (Connection c = pg.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void sqlExport_crashBetweenInsertAndBookkeeping_restartInsertsNothingTwice() throws Exception {
    Path db = dir.resolve("db");
    Store store = Store.open(StoreSettings.under(db).withSync(false));
    runAndConfirm(store);
    Exporter crashing = new Exporter(new WmsLedger(store), sql(), () -> {
      throw new IllegalStateException("power cut after the WMS commit");
    });

    assertThrows(IllegalStateException.class, crashing::exportPending);
    store.close();
    assertEquals(1, wms("SELECT COUNT(*) FROM wms_task"));

    Store reopened = Store.open(StoreSettings.under(db).withSync(false));
    try {
      Exporter exporter = new Exporter(new WmsLedger(reopened), sql());
      Exporter.Sent afterRestart = exporter.exportPending();
      Exporter.Sent again = exporter.exportPending();

      // The task was in the WMS already: its insert changed nothing, which is said.
      assertEquals(new Exporter.Sent(1, 1, 2, List.of(), List.of("A-01-02-B|00913|0")),
          afterRestart);
      assertEquals(new Exporter.Sent(0, 0, 0), again);
      assertEquals(1, wms("SELECT COUNT(*) FROM wms_task WHERE task_key = 'A-01-02-B|00913|0' "
          + "AND variance = -6 AND variance_value = -15.00"));
      assertEquals(1, wms("SELECT COUNT(*) FROM wms_adjustment WHERE qty = -6"));
    } finally {
      reopened.close();
    }
  }

  /** A run of zone A with one short line at {@code location} and its recount task. */
  private static void runWithTask(Store store, String location, String sku) {
    runWithTask(store, location, sku, 0, "short 6 EA");
  }

  private static void runWithTask(Store store, String location, String sku, int round,
      String reason) {
    ReconLine line = new ReconLine(sku, location, "", null, 30L, 24L, -6L,
        new BigDecimal("2.50"), new BigDecimal("-15.00"), Status.SHORT, 0, reason);
    store.saveRun(new RunRecord("A", "SCHEDULED", store.lastSeq(), null, List.of(line),
        new BigDecimal("-15.00"), new BigDecimal("15.00"), 0,
        List.of(new RunRecord.NewTask(new RunRecord.TaskKey(location, sku, round), -6L,
            new BigDecimal("-15.00"), reason)), List.of(), List.of(), List.of()));
  }

  @Test
  void csvExport_aSupervisorsDecisionIsNoRecountTask_notSentToTheWms() throws Exception {
    Path outbox = dir.resolve("outbox");
    WmsSettings.Export csv = new WmsSettings.Export("csv", outbox, Duration.ofMinutes(1), null,
        null, null);
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      runWithTask(fx.store, "A-06-01-A", "00913", 0, "short 6 EA");
      runWithTask(fx.store, "A-06-01-A", "00913", 1,
          RunRecord.DECIDE + "variance stands after 1 recount(s): short 6 EA");

      Exporter.Sent sent = new Exporter(fx.ledger, csv).exportPending();

      assertEquals(new Exporter.Sent(1, 0, 1), sent);
      String tasks = Files.readString(files(outbox).get(0));
      assertTrue(tasks.contains("A-06-01-A|00913|0"), tasks);
      assertFalse(tasks.contains("A-06-01-A|00913|1"), tasks);
    }
  }

  @Test
  void csvExport_aTaskDoneBeforeTheExportRan_notSentToTheWms() throws Exception {
    Path outbox = dir.resolve("outbox");
    WmsSettings.Export csv = new WmsSettings.Export("csv", outbox, Duration.ofMinutes(1), null,
        null, null);
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      runWithTask(fx.store, "A-06-01-A", "00913");
      runWithTask(fx.store, "A-06-02-A", "0777");
      // A-06-01-A's recount matched within seconds, before the export ran (or the WMS was down).
      fx.store.closeTasks(List.of(new RunRecord.TaskKey("A-06-01-A", "00913", 0)));

      Exporter.Sent sent = new Exporter(fx.ledger, csv).exportPending();

      assertEquals(new Exporter.Sent(1, 0, 1), sent);
      String tasks = Files.readString(files(outbox).get(0));
      assertTrue(tasks.contains("A-06-02-A|0777|0"), tasks);
      assertFalse(tasks.contains("A-06-01-A"), tasks);
    }
  }

  @Test
  void sqlExport_oneTaskTheWmsRefuses_laterTasksStillSentItGoesOnceTheWmsTakesIt()
      throws Exception {
    pg.exec("ALTER TABLE wms_task ADD CONSTRAINT no_0777 CHECK (sku <> '0777')");
    Store store = Store.open(StoreSettings.under(dir.resolve("db")).withSync(false));
    try {
      runWithTask(store, "A-05-01-A", "0777");
      runWithTask(store, "A-05-02-A", "00042");
      Exporter exporter = new Exporter(new WmsLedger(store), sql());

      Exporter.Sent first = exporter.exportPending();

      assertEquals(1, first.tasks(), first::toString);
      assertEquals(1, first.refused().size(), first::toString);
      assertTrue(first.refused().get(0).startsWith("[A-05-01-A|0777|0]: "),
          first.refused()::toString);
      assertTrue(first.refused().get(0).contains("no_0777"), first.refused()::toString);
      assertEquals(1, wms("SELECT COUNT(*) FROM wms_task WHERE task_key = 'A-05-02-A|00042|0'"));
      assertEquals(0, wms("SELECT COUNT(*) FROM wms_task WHERE sku = '0777'"));

      pg.exec("ALTER TABLE wms_task DROP CONSTRAINT no_0777");
      Exporter.Sent second = exporter.exportPending();

      assertEquals(new Exporter.Sent(1, 0, 1), second);
      assertEquals(1, wms("SELECT COUNT(*) FROM wms_task WHERE task_key = 'A-05-01-A|0777|0'"));
    } finally {
      pg.exec("ALTER TABLE wms_task DROP CONSTRAINT IF EXISTS no_0777");
      store.close();
    }
  }

  @Test
  void csvExport_rerunAfterCrash_rewritesSameFile_noDuplicate() throws Exception {
    Path outbox = dir.resolve("outbox");
    WmsSettings.Export csv = new WmsSettings.Export("csv", outbox, Duration.ofMinutes(1), null,
        null, null);
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      runAndConfirm(fx.store);
      Exporter crashing = new Exporter(fx.ledger, csv, () -> {
        throw new IllegalStateException("crash after the rename");
      });
      assertThrows(IllegalStateException.class, crashing::exportPending);
      List<Path> before = files(outbox);
      byte[] first = Files.readAllBytes(before.get(0));

      Exporter.Sent sent = new Exporter(fx.ledger, csv).exportPending();

      assertEquals(new Exporter.Sent(1, 1, 2), sent);
      List<Path> after = files(outbox);
      assertEquals(2, after.size(), after.toString());
      assertArrayEquals(first, Files.readAllBytes(before.get(0)));
      String tasks = Files.readString(after.stream()
          .filter(p -> p.getFileName().toString().startsWith("recount-tasks-A-")).findFirst()
          .orElseThrow());
      assertEquals("task_key,zone,location,sku,round,variance,variance_value,reason\n"
          + "A-01-02-B|00913|0,A,A-01-02-B,00913,0,-6,-15.00,short 6 EA\n", tasks);
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
