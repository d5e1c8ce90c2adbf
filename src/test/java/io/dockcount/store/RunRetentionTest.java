package io.dockcount.store;

import static io.dockcount.store.RunStorageTest.line;
import static io.dockcount.store.RunStorageTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.ReconLine;
import io.dockcount.core.Status;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zone's older runs keep their totals and the lines that tasks, decisions and confirmations
 * read; everything the console, the WMS export and the task list show is what it was with every
 * line kept.
 */
final class RunRetentionTest {

  private static List<ReconLine> lines(int round) {
    long c = 20 + round; // each run's figures differ, so a reader of the wrong run is seen
    return List.of(
        line("A-01-01-A", "00001", 30L, c, c - 30, "2.00", money(2 * (c - 30)), Status.SHORT,
            0, "short"),
        line("A-01-01-B", "00002", 10L, c, c - 10, "1.00", money(c - 10), Status.OVER, 0,
            "over"),
        line("A-01-02-A", "00003", 5L, c, c - 5, "3.00", money(3 * (c - 5)), Status.OVER, 0,
            "over"),
        line("A-01-02-B", "00004", 7L, 7L, 0L, "1.00", "0.00", Status.MATCHED, 0, null));
  }

  private static String money(long v) {
    return new BigDecimal(v).setScale(2).toPlainString();
  }

  /** The run's {@code recon_line} rows, each as location=counted. */
  private static List<String> rowsOf(Store store, long runId) {
    return store.transaction("rows", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT location, counted_eaches "
          + "FROM recon_line WHERE run_id = ? ORDER BY location, sku")) {
        ps.setLong(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1) + "=" + rs.getLong(2));
          }
        }
      }
      return out;
    });
  }

  private static boolean hasBlock(Store store, long runId) {
    return store.transaction("block", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM recon_block WHERE run_id = ?")) {
        ps.setLong(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1) == 1;
        }
      }
    });
  }

  @Test
  void saveRun_beyondTheRunsKept_oldRunKeepsTotalsTaskLinesAndDecidedLinesOnly(
      @TempDir Path dir) {
    StoreSettings settings = StoreSettings.under(dir).withSync(false).withKeepRunLines(2);
    try (Store store = Store.open(settings)) {
      long first = store.saveRun(run("A", lines(1), List.of(new RunRecord.NewTask(
          new RunRecord.TaskKey("A-01-01-A", "00001", 0), -9L, new BigDecimal("-18.00"),
          "short")))).runId();
      // A supervisor settles A-01-01-B on the figures of the first run.
      store.append(List.of(new JournalEntry.LocationEvent("A", "A-01-01-B", "RESOLVED", 0,
          "sup", "accepted")));
      long second = store.saveRun(run("A", lines(2), List.of())).runId();
      long zoneB = store.saveRun(run("B", lines(9), List.of())).runId();
      long third = store.saveRun(run("A", lines(3), List.of())).runId();

      // The first run: its task's line and the settled location's line, nothing else.
      assertEquals(List.of("A-01-01-A=21", "A-01-01-B=21"), rowsOf(store, first));
      assertTrue(!hasBlock(store, first));
      StoreException refused = assertThrows(StoreException.class, () -> store.runLines(first));
      assertTrue(refused.getMessage().contains("store.keep-run-lines"), refused.getMessage());
      // The newest two of zone A, and zone B's only run, keep every line.
      assertTrue(hasBlock(store, second) && hasBlock(store, third) && hasBlock(store, zoneB));
      assertEquals(4, store.runLines(second).size());
      assertEquals(4, store.runLines(zoneB).size());
      assertEquals(4L, store.counts().get("recon_run")); // three of A, one of B: totals kept

      ConsoleQueries q = new ConsoleQueries(store);
      ConsoleQueries.Task task = q.tasks(false).get(0);
      assertEquals(30L, task.book());
      assertEquals(21L, task.counted());
      List<ConsoleQueries.Decided> decided = q.decidedVariances();
      assertEquals(1, decided.size());
      assertEquals("A-01-01-B", decided.get(0).line().location());
      assertEquals(11L, decided.get(0).line().variance());
      assertEquals(List.of(23L, 23L, 23L, 7L),
          q.latestLines("A").stream().map(ConsoleQueries.Line::counted).toList());
    }
  }

  /** A random day of runs, tasks, decisions and confirmations over two zones. */
  private static void day(Store store, long seed) {
    Random random = new Random(seed);
    List<RunRecord.TaskKey> open = new ArrayList<>();
    for (int r = 0; r < 40; r++) {
      String zone = random.nextBoolean() ? "A" : "B";
      List<ReconLine> lines = new ArrayList<>();
      for (int loc = 1; loc <= 6; loc++) {
        long book = 10;
        long counted = 8 + random.nextInt(5);
        lines.add(line(zone + "-01-0" + loc + "-A", "0000" + loc, book, counted,
            counted - book, "1.50", new BigDecimal(counted - book).multiply(
                new BigDecimal("1.50")).toPlainString(),
            counted == book ? Status.MATCHED : counted < book ? Status.SHORT : Status.OVER, 0,
            counted == book ? null : "variance"));
      }
      List<RunRecord.NewTask> tasks = new ArrayList<>();
      if (random.nextInt(3) == 0) {
        int loc = 1 + random.nextInt(6);
        RunRecord.TaskKey key = new RunRecord.TaskKey(zone + "-01-0" + loc + "-A",
            "0000" + loc, r);
        tasks.add(new RunRecord.NewTask(key, 1L, new BigDecimal("1.50"), "recount"));
        open.add(key);
      }
      store.saveRun(run(zone, lines, tasks));
      for (int e = random.nextInt(3); e > 0; e--) {
        String state = random.nextBoolean() ? "RESOLVED" : "CONFIRMED";
        store.append(List.of(new JournalEntry.LocationEvent(zone,
            zone + "-01-0" + (1 + random.nextInt(6)) + "-A", state, 0, "sup", state)));
      }
    }
  }

  /** What every reader of old runs shows, without the times of day the two stores differ by. */
  private static List<Object> readers(Store store) {
    ConsoleQueries q = new ConsoleQueries(store);
    List<Object> out = new ArrayList<>();
    for (ConsoleQueries.Task t : q.tasks(false)) {
      out.add(List.of(t.id(), t.location(), t.sku(), String.valueOf(t.book()),
          String.valueOf(t.counted()), String.valueOf(t.lineStatus())));
    }
    for (ConsoleQueries.Decided d : q.decidedVariances()) {
      out.add(List.of(d.line(), d.decision().state()));
    }
    out.addAll(new WmsLedger(store).pendingAdjustments());
    out.addAll(q.latestLines(null));
    return out;
  }

  @Test
  void saveRun_randomDays_everyReaderShowsWhatItShowedWithEveryLineKept(@TempDir Path dir) {
    for (long seed = 1; seed <= 5; seed++) {
      List<Object> all;
      List<Object> kept;
      long allSize;
      long keptSize;
      try (Store store = Store.open(StoreSettings.under(dir.resolve("all" + seed))
          .withSync(false).withKeepRunLines(100_000))) {
        day(store, seed);
        all = readers(store);
        allSize = rowCount(store);
      }
      try (Store store = Store.open(StoreSettings.under(dir.resolve("kept" + seed))
          .withSync(false).withKeepRunLines(2))) {
        day(store, seed);
        kept = readers(store);
        keptSize = rowCount(store);
      }
      assertTrue(all.size() > 12, "the day produced something to read: " + all.size());
      assertEquals(all, kept, "seed " + seed);
      assertTrue(keptSize < allSize, keptSize + " rows kept of " + allSize);
    }
  }

  private static long rowCount(Store store) {
    return store.transaction("rows", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM recon_line");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void open_storeFromBeforeRetention_dropsItsBacklogAFewRunsAtATime(@TempDir Path dir) {
    StoreSettings settings = StoreSettings.under(dir).withSync(false);
    List<Long> runs = new ArrayList<>();
    try (Store store = Store.open(settings.withKeepRunLines(100_000))) {
      for (int r = 0; r < 3 * RunRetention.MAX_PER_SAVE; r++) {
        runs.add(store.saveRun(run("A", lines(r), List.of())).runId());
      }
    }
    try (Store store = Store.open(settings.withKeepRunLines(2))) {
      store.saveRun(run("A", lines(0), List.of()));
      assertNull(store.transaction("t", c -> RunRetention.droppedAt(c, runs.get(
          RunRetention.MAX_PER_SAVE))));
      assertNotNull(store.transaction("t", c -> RunRetention.droppedAt(c, runs.get(0))));
      for (int i = 0; i < 3; i++) {
        store.saveRun(run("A", lines(0), List.of()));
      }
      // All but the newest two (both saved just now) have been dropped.
      for (long id : runs) {
        assertTrue(!hasBlock(store, id), "run " + id);
      }
    }
  }
}
