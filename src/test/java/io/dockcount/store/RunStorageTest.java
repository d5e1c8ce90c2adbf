package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.dockcount.core.Flag;
import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's lines saved as one block (V7), with rows only for the variance and task lines,
 * against the rows every line had before: each reader must give back the same thing.
 */
final class RunStorageTest {

  /** Lines that test the encoding: nulls, leading zeros, odd amounts, text, repeated reasons. */
  static List<ReconLine> oddLines() {
    return List.of(
        line("A-01-01-A", "00913", 10L, 10L, 0L, "2.50", "0.00", Status.MATCHED, 0, null),
        // no unit cost: the value is unknown (null), never 0
        line("A-01-01-A", "0012345", 4L, 4L, 0L, null, null, Status.MATCHED,
            Flag.MISSING_COST.bit(), null),
        line("A-01-01-B", "00913", 7L, null, null, "2.5", null, Status.MISSING, 0,
            "not counted"),
        line("A-01-01-B", "7", null, 3L, 3L, "19.999", "59.997", Status.UNEXPECTED, 0,
            "not counted"),
        // more decimals than NUMERIC(24, 9) keeps, and whole amounts
        line("A-01-02-A", "00001", -5L, 0L, 5L, "0.0000000016", "0.000000008",
            Status.OVER, Flag.NEGATIVE_BOOK.bit() | Flag.COUNTED_ZERO.bit(), "negative book"),
        line("A-01-02-A", "00002", 100L, 99L, -1L, "120", "-120", Status.SHORT, 0,
            "short qty 1 >= 1"),
        // an amount whose unscaled value does not fit a long
        line("A-01-02-B", "00003", 1L, 2L, 1L, "123456789012345.123456789",
            "123456789012345.123456789", Status.OVER, 0, "over value"),
        line("A-01-02-B", "00004", Long.MAX_VALUE, Long.MIN_VALUE + 1, 0L, "1.10", "0.00",
            Status.MATCHED, 0, null),
        line("Zoné-Ä-1", "SKU|%,\"quoted\"", 2L, 2L, 0L, "3.333", "0.000", Status.MATCHED,
            Flag.LOT_VARIANCE.bit(), "lots differ: «A1» ≠ «A01»"));
  }

  static ReconLine line(String location, String sku, Long book, Long counted, Long variance,
      String cost, String value, Status status, int flags, String reason) {
    return new ReconLine(sku, location, null, null, book, counted, variance,
        cost == null ? null : new BigDecimal(cost), value == null ? null : new BigDecimal(value),
        status, flags, reason);
  }

  static RunRecord run(String zone, List<ReconLine> lines, List<RunRecord.NewTask> tasks) {
    return new RunRecord(zone, "SCHEDULED", 0, null, lines, BigDecimal.ZERO, BigDecimal.ZERO, 0,
        tasks, List.of(), List.of(), List.of());
  }

  /** Writes a run the way every version before V7 did: a run row and a row per line. */
  static long saveAsRows(Connection c, long runId, String zone, List<ReconLine> lines)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_run (id, zone, "
        + "trigger_kind, through_seq, snapshot_id, line_count, net_value, abs_value, "
        + "lines_without_value, tasks_created, wall, clock_synced) "
        + "VALUES (?, ?, 'SCHEDULED', 0, NULL, ?, 0, 0, 0, 0, ?, 'unknown')")) {
      Sql.setAll(ps, runId, zone, lines.size(), OffsetDateTime.now());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_line (run_id, location, "
        + "sku, status, book_eaches, counted_eaches, variance, unit_cost, variance_value, flags, "
        + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ReconLine l : lines) {
        Sql.setAll(ps, runId, l.location(), l.sku(), l.status().label(), l.bookQty(),
            l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(),
            Flag.format(l.flags()), l.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return runId;
  }

  /** The zone report's CSV as the demo writes it from {@link Store#runLines}. */
  static String report(List<Store.StoredLine> lines) {
    StringWriter out = new StringWriter();
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    for (Store.StoredLine l : lines) {
      csv.writeRecord(l.location(), l.sku(), l.status(), text(l.bookEaches()),
          text(l.countedEaches()), text(l.variance()), text(l.unitCost()),
          text(l.varianceValue()), l.flags(), l.reason() == null ? "" : l.reason());
    }
    return out.toString();
  }

  private static String text(Object v) {
    return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  private static long count(Store store, String sql) {
    return store.transaction("count", c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void saveRun_oddLines_readBackAsTheOldRowsGaveThem(@TempDir Path dir) {
    List<ReconLine> lines = new ArrayList<>(oddLines());
    java.util.Collections.reverse(lines); // the block sorts them, as ORDER BY did

    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      long asBlock = store.saveRun(run("A", lines, List.of())).runId();
      long asRows = store.transaction("save rows", c -> {
        saveAsRows(c, 1000, "B", lines);
        c.commit();
        return 1000L;
      });

      List<Store.StoredLine> fromBlock = store.runLines(asBlock);
      List<Store.StoredLine> fromRows = store.runLines(asRows);

      assertEquals(fromRows, fromBlock);
      assertEquals(report(fromRows), report(fromBlock));
      assertEquals(lines.size(), fromBlock.size());
      Store.StoredLine noCost = fromBlock.stream().filter(l -> l.sku().equals("0012345"))
          .findFirst().orElseThrow();
      assertNull(noCost.unitCost());
      assertNull(noCost.varianceValue());
      assertEquals("missing_cost", noCost.flags());
      assertEquals("00913", fromBlock.get(1).sku()); // after "0012345": text order
      assertEquals(new BigDecimal("0.00"), fromBlock.get(1).varianceValue());
    }
  }

  @Test
  void saveRun_randomLines_readBackAsTheOldRowsGaveThem(@TempDir Path dir) {
    java.util.Random random = new java.util.Random(20261204);
    List<ReconLine> lines = new ArrayList<>();
    Status[] statuses = Status.values();
    for (int i = 0; i < 3_000; i++) {
      lines.add(line("R-" + random.nextInt(100) + "-" + i, String.format("%05d", i % 997),
          random.nextInt(5) == 0 ? null : random.nextLong() >> random.nextInt(64),
          random.nextInt(5) == 0 ? null : (long) random.nextInt(1000),
          random.nextInt(5) == 0 ? null : (long) random.nextInt(2000) - 1000,
          random.nextInt(4) == 0 ? null : amount(random), random.nextInt(4) == 0 ? null
              : amount(random), statuses[random.nextInt(statuses.length)],
          random.nextInt(128), random.nextInt(3) == 0 ? null : "reason " + random.nextInt(9)));
    }

    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      long asBlock = store.saveRun(run("A", lines, List.of())).runId();
      store.transaction("save rows", c -> {
        saveAsRows(c, 1000, "B", lines);
        c.commit();
        return null;
      });

      assertEquals(report(store.runLines(1000)), report(store.runLines(asBlock)));
      assertEquals(store.runLines(1000), store.runLines(asBlock));
    }
  }

  /** An amount that fits NUMERIC(24, 9): up to 15 digits before the point, 0 to 12 after. */
  private static String amount(java.util.Random random) {
    int scale = random.nextInt(13);
    long unscaled = random.nextLong() % 1_000_000_000_000_000L;
    return new BigDecimal(java.math.BigInteger.valueOf(unscaled), scale)
        .max(new BigDecimal("-99999999999999")).min(new BigDecimal("99999999999999"))
        .toPlainString();
  }

  @Test
  void saveRun_rowsOnlyForVarianceLines_countsStillEveryLine(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      long runId = store.saveRun(run("A", oddLines(), List.of())).runId();

      // 9 lines, 4 with a variance; not the missing line, nor a match with flags or reason
      assertEquals(4, count(store, "SELECT COUNT(*) FROM recon_line WHERE run_id = " + runId));
      assertEquals(1, count(store, "SELECT COUNT(*) FROM recon_block"));
      assertEquals(9L, store.counts().get("recon_line"));
    }
  }

  @Test
  void saveRun_taskOnAPlainMatch_lineStillJoinedToItsTask(@TempDir Path dir) {
    ReconLine matched = line("A-01-01-A", "00913", 10L, 10L, 0L, "2.50", "0.00",
        Status.MATCHED, 0, null);
    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      store.saveRun(run("A", List.of(matched), List.of(new RunRecord.NewTask(
          new RunRecord.TaskKey("A-01-01-A", "00913", 0), 0L, null, "supervisor asked"))));

      ConsoleQueries.Task task = new ConsoleQueries(store).tasks(false).get(0);

      assertEquals(10L, task.book());
      assertEquals(10L, task.counted());
    }
  }

  @Test
  void consoleAndWms_runSavedAsBlock_latestLinesTasksAndAdjustmentsRight(@TempDir Path dir) {
    List<ReconLine> first = List.of(
        line("A-01-01-A", "00913", 10L, 10L, 0L, "2.50", "0.00", Status.MATCHED, 0, null),
        line("A-01-01-B", "00914", 30L, 24L, -6L, "2.50", "-15.00", Status.SHORT, 0,
            "short 6 EA"));
    List<ReconLine> later = List.of(
        line("A-01-01-A", "00913", 10L, 10L, 0L, "2.50", "0.00", Status.MATCHED, 0, null),
        line("A-01-01-B", "00914", 30L, 24L, -6L, "2.50", "-15.00", Status.SHORT, 0,
            "short 6 EA"),
        line("A-01-02-A", "00915", 1L, 1L, 0L, null, null, Status.MATCHED,
            Flag.MISSING_COST.bit(), null));
    List<ReconLine> zoneB = List.of(
        line("B-01-01-A", "00001", 5L, 5L, 0L, "1.00", "0.00", Status.MATCHED, 0, null));
    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      store.saveRun(run("A", first, List.of(new RunRecord.NewTask(
          new RunRecord.TaskKey("A-01-01-B", "00914", 0), -6L, new BigDecimal("-15.00"),
          "short 6 EA"))));
      store.saveRun(run("B", zoneB, List.of()));
      store.saveRun(run("A", later, List.of()));
      store.append(List.of(new JournalEntry.LocationEvent("A", "A-01-01-B", "CONFIRMED", 0,
          "ic", "confirmed")));
      ConsoleQueries q = new ConsoleQueries(store);

      List<ConsoleQueries.Line> all = q.latestLines(null);
      List<ConsoleQueries.Line> a = q.latestLines("A");
      List<ConsoleQueries.Task> tasks = q.tasks(false);
      List<WmsLedger.Outgoing> adjustments = new WmsLedger(store).pendingAdjustments();

      assertEquals(List.of("A-01-01-A", "A-01-01-B", "A-01-02-A", "B-01-01-A"),
          all.stream().map(ConsoleQueries.Line::location).toList());
      assertEquals(List.of("A", "A", "A", "B"),
          all.stream().map(ConsoleQueries.Line::zone).toList());
      assertEquals(3, a.size());
      assertNull(a.get(2).value());
      assertEquals("missing_cost", a.get(2).flags());
      assertEquals(new ConsoleQueries.Line("A", "A-01-01-B", "00914", "short", 30L, 24L, -6L,
          new BigDecimal("2.50"), new BigDecimal("-15.00"), "", "short 6 EA"), a.get(1));
      assertEquals(1, tasks.size());
      assertEquals(30L, tasks.get(0).book());
      assertEquals(24L, tasks.get(0).counted());
      assertEquals(1, adjustments.size());
      assertEquals("A-01-01-B", adjustments.get(0).location());
      assertEquals(-6L, adjustments.get(0).variance());
      assertEquals(new BigDecimal("-15.00"), adjustments.get(0).varianceValue());
    }
  }

  @Test
  void open_runsSavedBeforeV17_zeroBesideLinesWithoutValueReadUnknown(@TempDir Path dir)
      throws SQLException {
    StoreSettings settings = StoreSettings.under(dir).withSync(false);
    String url = Store.url(settings.path());
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
        .target("16").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      String insert = "INSERT INTO recon_run (id, zone, trigger_kind, through_seq, line_count, "
          + "net_value, abs_value, lines_without_value, tasks_created, wall, clock_synced) "
          + "VALUES ";
      String rest = ", 0, CURRENT_TIMESTAMP, 'synced')";
      st.execute(insert + "(1, 'A', 'SCHEDULED', 0, 3, 0, 0, 2" + rest);
      st.execute(insert + "(2, 'B', 'SCHEDULED', 0, 3, -5, 5, 1" + rest);
      st.execute(insert + "(3, 'C', 'SCHEDULED', 0, 3, 0, 0, 0" + rest);
    }

    try (Store store = Store.open(settings)) {
      List<ConsoleQueries.RunTotals> runs = new ConsoleQueries(store).latestRuns();

      assertEquals(3, runs.size());
      assertNull(runs.get(0).netValue(), "variances, none valued: unknown");
      assertNull(runs.get(0).absValue());
      assertEquals(2, runs.get(0).linesWithoutValue());
      assertEquals(new BigDecimal("-5.00"), runs.get(1).netValue(), "partly valued, as it was");
      assertEquals(new BigDecimal("5.00"), runs.get(1).absValue());
      assertEquals(new BigDecimal("0.00"), runs.get(2).netValue(), "no variance: a known 0");
      assertEquals(new BigDecimal("0.00"), runs.get(2).absValue());
    }
  }

  @Test
  void open_runsSavedBeforeV17_zeroOfAVarianceValuedAtNoCostStaysAKnownZero(@TempDir Path dir)
      throws SQLException {
    StoreSettings settings = StoreSettings.under(dir).withSync(false);
    String url = Store.url(settings.path());
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
        .target("16").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      String insert = "INSERT INTO recon_run (id, zone, trigger_kind, through_seq, line_count, "
          + "net_value, abs_value, lines_without_value, tasks_created, wall, clock_synced) "
          + "VALUES ";
      String rest = ", 0, CURRENT_TIMESTAMP, 'synced')";
      String line = "INSERT INTO recon_line (run_id, location, sku, status, book_eaches, "
          + "counted_eaches, variance, unit_cost, variance_value, flags) VALUES ";
      // A: a short of 3 of a free sample (unit cost 0, valued 0.00) beside one without a cost.
      st.execute(insert + "(1, 'A', 'SCHEDULED', 0, 2, 0, 0, 1" + rest);
      st.execute(line + "(1, 'A-01', 'FREE', 'SHORT', 5, 2, -3, 0, 0, '')");
      st.execute(line + "(1, 'A-02', 'ZZ999', 'OVER', 0, 4, 4, NULL, NULL, 'MISSING_COST')");
      // B: its only variance line without a cost: no value known.
      st.execute(insert + "(2, 'B', 'SCHEDULED', 0, 2, 0, 0, 1" + rest);
      st.execute(line + "(2, 'B-01', 'ZZ999', 'OVER', 0, 4, 4, NULL, NULL, 'MISSING_COST')");
      st.execute(line + "(2, 'B-02', 'FREE', 'MATCHED', 5, 5, 0, 0, 0, '')");
    }

    try (Store store = Store.open(settings)) {
      List<ConsoleQueries.RunTotals> runs = new ConsoleQueries(store).latestRuns();

      assertEquals(new BigDecimal("0.00"), runs.get(0).netValue(), "valued at 0: " + runs);
      assertEquals(new BigDecimal("0.00"), runs.get(0).absValue());
      assertEquals(1, runs.get(0).linesWithoutValue());
      assertNull(runs.get(1).netValue(), "a matched line valued 0 is no valued variance");
      assertNull(runs.get(1).absValue());
    }
  }

  @Test
  void open_databaseWrittenBeforeV7_runsStillReadFromTheirRows(@TempDir Path dir)
      throws SQLException {
    StoreSettings settings = StoreSettings.under(dir).withSync(false);
    String url = Store.url(settings.path());
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
        .target("6").load().migrate();
    List<ReconLine> lines = oddLines();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      saveAsRows(c, 1, "A", lines);
      try (Statement st = c.createStatement()) {
        st.execute("INSERT INTO recount_task (id, zone, location, sku, round, run_id, "
            + "variance, variance_value, reason, status) VALUES (2, 'A', 'A-01-02-A', "
            + "'00002', 0, 1, -1, -120, 'short qty 1 >= 1', 'OPEN')");
        st.execute("INSERT INTO location_event (seq, zone, location, state, round, by_whom, "
            + "note, wall, clock_synced) VALUES (3, 'A', 'A-01-02-A', 'CONFIRMED', 0, 'ic', "
            + "'', CURRENT_TIMESTAMP, 'unknown')");
      }
    }

    try (Store store = Store.open(settings)) {
      ConsoleQueries q = new ConsoleQueries(store);
      List<Store.StoredLine> old = store.runLines(1);
      List<ConsoleQueries.Line> latest = q.latestLines("A");
      ConsoleQueries.Task task = q.task(2);
      List<WmsLedger.Outgoing> adjustments = new WmsLedger(store).pendingAdjustments();
      long newRun = store.saveRun(run("A", lines, List.of())).runId();

      assertEquals(lines.size(), old.size());
      assertEquals(lines.size(), latest.size());
      assertEquals(99L, task.counted());
      // the confirmed location's two variances (of the run before the confirmation)
      assertEquals(List.of("00001", "00002"),
          adjustments.stream().map(WmsLedger.Outgoing::sku).toList());
      assertEquals(9L + 9L, store.counts().get("recon_line"));
      assertEquals(old, store.runLines(newRun));
      assertEquals(report(old), report(store.runLines(newRun)));
      assertEquals(old, store.runLines(1));
      assertEquals(newRun, (long) store.<Long>transaction("latest", c -> {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT MAX(run_id) FROM recon_block")) {
          rs.next();
          return rs.getLong(1);
        }
      }));
    }
  }

  @Test
  void decode_damagedBlock_saysSo() {
    byte[] block = RunBlocks.encode(oddLines());

    StoreException cut = assertThrows(StoreException.class,
        () -> RunBlocks.decode(Arrays.copyOf(block, block.length / 2)));
    byte[] otherFormat = block.clone();
    otherFormat[0] = 9;
    StoreException format = assertThrows(StoreException.class,
        () -> RunBlocks.decode(otherFormat));

    assertTrue(cut.getMessage().contains("run block"), cut.getMessage());
    assertTrue(format.getMessage().contains("format 9"), format.getMessage());
  }

  @Test
  void encode_longTexts_everyByteBack() {
    String longReason = "variance stands: ".repeat(600);
    List<ReconLine> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(line("L-".repeat(200) + i, "S".repeat(300), 1L, 2L, 1L, "1.00", "1.00",
          Status.OVER, 0, longReason + i));
    }

    List<Store.StoredLine> back = RunBlocks.decode(RunBlocks.encode(lines));

    List<String> sent = lines.stream().sorted(RunBlocks.LINE_ORDER)
        .map(l -> l.location() + "|" + l.sku() + "|" + l.reason()).toList();
    assertEquals(sent, back.stream().map(l -> l.location() + "|" + l.sku() + "|" + l.reason())
        .toList());
  }

  @Test
  void encode_bigRun_everyLineBackInOrder() {
    List<ReconLine> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String location = String.format("Z-%03d-%02d-%s", i / 500, (i / 5) % 100,
          "ABCDE".charAt(i % 5));
      lines.add(line(location, String.format("%07d", i % 3), (long) i, i + 1L, 1L,
          i % 7 == 0 ? null : "1." + (i % 100), null, Status.OVER, 0,
          i % 2 == 0 ? "over" : null));
    }

    List<Store.StoredLine> back = RunBlocks.decode(RunBlocks.encode(lines));

    assertEquals(lines.size(), back.size());
    List<ReconLine> sorted = new ArrayList<>(lines);
    sorted.sort(RunBlocks.LINE_ORDER);
    for (int i = 0; i < sorted.size(); i++) {
      ReconLine l = sorted.get(i);
      Store.StoredLine b = back.get(i);
      assertEquals(l.location() + " " + l.sku() + " " + l.bookQty() + " " + l.reason() + " "
          + RunBlocks.asStored(l.unitCost()), b.location() + " " + b.sku() + " "
          + b.bookEaches() + " " + b.reason() + " " + b.unitCost());
    }
  }
}
