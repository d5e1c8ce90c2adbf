package io.dockcount.store;

import io.dockcount.core.Flag;
import io.dockcount.core.ReconLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes a {@link RunRecord} inside the caller's transaction. */
final class RunWriter {
  private RunWriter() {}

  static Store.RunSaved write(Store store, Connection c, RunRecord run, String clock)
      throws SQLException {
    OffsetDateTime wall = OffsetDateTime.now(ZoneOffset.UTC);
    long runId = store.nextSeq();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_run (id, zone, "
        + "trigger_kind, through_seq, snapshot_id, line_count, net_value, abs_value, "
        + "lines_without_value, tasks_created, wall, clock_synced) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Sql.setAll(ps, runId, run.zone(), run.trigger(), run.throughSeq(), run.snapshotId(),
          run.lines().size(), run.netValue(), run.absValue(), run.linesWithoutValue(),
          run.newTasks().size(), wall, clock);
      ps.executeUpdate();
    }
    writeLines(c, runId, run);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recount_task (id, zone, "
        + "location, sku, round, run_id, variance, variance_value, reason, status, "
        + "first_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")) {
      for (RunRecord.NewTask t : run.newTasks()) {
        Sql.setAll(ps, store.nextSeq(), run.zone(), t.key().location(), t.key().sku(),
            t.key().round(), runId, t.variance(), t.value(), t.reason(), runId);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    // The figures a task had before, kept (the WMS may have been sent them), then replaced.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recount_task_change (task_id, "
        + "replaced_by_run, run_id, variance, variance_value, reason) SELECT id, ?, run_id, "
        + "variance, variance_value, reason FROM recount_task "
        + "WHERE location = ? AND sku = ? AND round = ?")) {
      for (RunRecord.NewTask t : run.updatedTasks()) {
        Sql.setAll(ps, runId, t.key().location(), t.key().sku(), t.key().round());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    // Open: an updated task is open already, or a decision taken that the book changed after.
    try (PreparedStatement ps = c.prepareStatement("UPDATE recount_task SET run_id = ?, "
        + "variance = ?, variance_value = ?, reason = ?, status = 'OPEN' "
        + "WHERE location = ? AND sku = ? AND round = ?")) {
      for (RunRecord.NewTask t : run.updatedTasks()) {
        Sql.setAll(ps, runId, t.variance(), t.value(), t.reason(), t.key().location(),
            t.key().sku(), t.key().round());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE recount_task SET status = 'DONE' "
        + "WHERE location = ? AND sku = ? AND round = ?")) {
      for (RunRecord.TaskKey k : run.doneTasks()) {
        Sql.setAll(ps, k.location(), k.sku(), k.round());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long[] eventSeqs = new long[run.events().size()];
    try (PreparedStatement ps = c.prepareStatement(Sql.INSERT_EVENT)) {
      for (int i = 0; i < eventSeqs.length; i++) {
        eventSeqs[i] = store.nextSeq();
        Sql.bind(run.events().get(i), eventSeqs[i], wall, clock, null, ps, null);
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_outbox (id, kind, "
        + "zone, location, sku, message, wall, clock_synced, aisle, bay, level, round, "
        + "variance, variance_value, run_id) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (io.dockcount.alert.Alert a : run.alerts()) {
        Sql.setAll(ps, store.nextSeq(), a.kind().name(), run.zone(), a.location(), a.sku(),
            a.line(), wall, clock, a.aisle(), a.bay(), a.level(), a.round(), a.varianceQty(),
            a.value(), runId);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new Store.RunSaved(runId, eventSeqs);
  }

  /**
   * Every line into the run's block; the lines with a variance and the lines of the run's new
   * and updated recount tasks also as {@code recon_line} rows, for the queries that join them
   * row by row (WMS adjustments, tasks with their line's figures).
   */
  static void writeLines(Connection c, long runId, RunRecord run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_block (run_id, "
        + "line_count, lines) VALUES (?, ?, ?)")) {
      ps.setLong(1, runId);
      ps.setInt(2, run.lines().size());
      ps.setBytes(3, RunBlocks.encode(run.lines()));
      ps.executeUpdate();
    }
    Set<LineKey> taskLines = new HashSet<>();
    Set<String> taskLocations = new HashSet<>(); // a String caches its hash: a cheap first test
    for (List<RunRecord.NewTask> tasks : List.of(run.newTasks(), run.updatedTasks())) {
      for (RunRecord.NewTask t : tasks) {
        taskLines.add(new LineKey(t.key().location(), t.key().sku()));
        taskLocations.add(t.key().location());
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO recon_line (run_id, location, "
        + "sku, status, book_eaches, counted_eaches, variance, unit_cost, variance_value, flags, "
        + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ReconLine l : run.lines()) {
        if (RunBlocks.keepsRow(l) || (taskLocations.contains(l.location())
            && taskLines.contains(new LineKey(l.location(), l.sku())))) {
          Sql.setAll(ps, runId, l.location(), l.sku(), l.status().label(), l.bookQty(),
              l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(),
              Flag.format(l.flags()), l.reason());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** A line's identity within a run. */
  private record LineKey(String location, String sku) {}
}
