package io.dockcount.store;

import io.dockcount.bench.RunSaveBench;
import io.dockcount.core.Flag;
import io.dockcount.core.ReconLine;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ways to store a zone run's 100 000 lines, side by side in one JVM and one store, each round
 * trying every way once (in turn, so load and warm-up fall on all alike): each way is a run row
 * plus its lines, committed with the forced write. Only the lines differ from a real save (no
 * tasks, events or alerts). Run by hand: {@code java -cp target/classes:target/test-classes:CP
 * io.dockcount.store.RunLinesBench DIR [ROUNDS]}; the figures in docs/bench/service.md come
 * from it.
 */
public final class RunLinesBench {
  private RunLinesBench() {}

  private interface Way {
    void write(Connection c, long runId, RunRecord run, Path tmp) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "lines-");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, Way> ways = new LinkedHashMap<>();
    ways.put("every line a row, JDBC batch (before)", RunLinesBench::batch);
    ways.put("every line a row, 64 rows per INSERT", RunLinesBench::multiRow);
    ways.put("every line a row, INSERT DIRECT SELECT FROM CSVREAD", RunLinesBench::csv);
    ways.put("block only, no rows", RunLinesBench::blockOnly);
    ways.put("block + rows for the variance lines (after)",
        (c, runId, run, tmp) -> RunWriter.writeLines(c, runId, run));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, long[]> wall = new LinkedHashMap<>();
    Map<String, long[]> cpu = new LinkedHashMap<>();
    ways.keySet().forEach(k -> {
      wall.put(k, new long[rounds]);
      cpu.put(k, new long[rounds]);
    });
    RunRecord run = RunSaveBench.zoneRun(50_000, 0, 0);
    try (Store store = Store.open(StoreSettings.under(dir))) {
      List<String> names = new ArrayList<>(ways.keySet());
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < names.size(); k++) {
          String name = names.get((k + r) % names.size());
          long t0 = System.nanoTime();
          long c0 = threads.getCurrentThreadCpuTime();
          store.transaction("bench " + name, c -> {
            long runId = runRow(store, c, run);
            try {
              ways.get(name).write(c, runId, run, dir);
            } catch (SQLException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            store.commitDurably(c);
            return null;
          });
          cpu.get(name)[r] = threads.getCurrentThreadCpuTime() - c0;
          wall.get(name)[r] = System.nanoTime() - t0;
        }
        System.out.printf("round %d done%n", r + 1);
      }
    }
    System.out.printf("%-55s %12s %12s%n", "100 000 lines (median of " + rounds + ")", "wall ms",
        "thread CPU ms");
    for (String name : ways.keySet()) {
      System.out.printf("%-55s %12.1f %12.1f%n", name, median(wall.get(name)) / 1e6,
          median(cpu.get(name)) / 1e6);
    }
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static long runRow(Store store, Connection c, RunRecord run) throws SQLException {
    long runId = store.nextSeq();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_run (id, zone, "
        + "trigger_kind, through_seq, snapshot_id, line_count, net_value, abs_value, "
        + "lines_without_value, tasks_created, wall, clock_synced) "
        + "VALUES (?, ?, 'SCHEDULED', 0, NULL, ?, 0, 0, 0, 0, ?, 'unknown')")) {
      Sql.setAll(ps, runId, run.zone(), run.lines().size(), OffsetDateTime.now());
      ps.executeUpdate();
    }
    return runId;
  }

  private static Object[] row(long runId, ReconLine l) {
    return new Object[] {runId, l.location(), l.sku(), l.status().label(), l.bookQty(),
        l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(),
        Flag.format(l.flags()), l.reason()};
  }

  private static final String INSERT_LINE = "INSERT INTO recon_line (run_id, location, sku, "
      + "status, book_eaches, counted_eaches, variance, unit_cost, variance_value, flags, reason)"
      + " VALUES ";

  private static void batch(Connection c, long runId, RunRecord run, Path tmp)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_LINE
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ReconLine l : run.lines()) {
        Sql.setAll(ps, row(runId, l));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void multiRow(Connection c, long runId, RunRecord run, Path tmp)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>(run.lines().size());
    run.lines().forEach(l -> rows.add(row(runId, l)));
    insertRows(c, INSERT_LINE, rows);
  }

  private static void blockOnly(Connection c, long runId, RunRecord run, Path tmp)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_block (run_id, "
        + "line_count, lines) VALUES (?, ?, ?)")) {
      Sql.setAll(ps, runId, run.lines().size(), RunBlocks.encode(run.lines()));
      ps.executeUpdate();
    }
  }

  /** The lines written as a CSV file (no quoting needed: the bench's text has no commas). */
  private static void csv(Connection c, long runId, RunRecord run, Path tmp) throws Exception {
    Path file = tmp.resolve("lines-" + runId + ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("LOCATION,SKU,STATUS,BOOK,COUNTED,VARIANCE,COST,VAL,FLAGS,REASON\n");
      for (ReconLine l : run.lines()) {
        w.write(l.location() + "," + l.sku() + "," + l.status().label() + "," + nul(l.bookQty())
            + "," + nul(l.countedQty()) + "," + nul(l.varianceQty()) + ","
            + nul(l.unitCost() == null ? null : l.unitCost().toPlainString()) + ","
            + nul(l.varianceValue() == null ? null : l.varianceValue().toPlainString()) + ","
            + Flag.format(l.flags()) + "," + nul(l.reason()) + "\n");
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_line DIRECT SELECT ?, "
        + "LOCATION, SKU, STATUS, BOOK, COUNTED, VARIANCE, COST, VAL, COALESCE(FLAGS, ''), "
        + "REASON FROM CSVREAD('" + file.toString().replace("'", "''")
        + "', NULL, 'charset=UTF-8 null=NULL')")) {
      // CSVREAD opens its file when the statement is prepared: the name cannot be a parameter.
      ps.setLong(1, runId);
      ps.executeUpdate();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Inserts the rows 64 to a statement ({@code VALUES (..), (..), ...}). */
  private static void insertRows(Connection c, String head, List<Object[]> rows)
      throws SQLException {
    int columns = rows.get(0).length;
    String one = "(" + "?, ".repeat(columns - 1) + "?)";
    for (int from = 0; from < rows.size(); from += 64) {
      List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 64));
      try (PreparedStatement ps = c.prepareStatement(head
          + String.join(", ", java.util.Collections.nCopies(part.size(), one)))) {
        int p = 1;
        for (Object[] row : part) {
          for (Object v : row) {
            if (v == null) {
              ps.setNull(p++, java.sql.Types.NULL);
            } else {
              ps.setObject(p++, v);
            }
          }
        }
        ps.executeUpdate();
      }
    }
  }

  private static String nul(Object v) {
    return v == null ? "NULL" : v.toString();
  }
}
