package io.dockcount.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the lines of a zone's older runs that nothing reads any more, inside the caller's
 * transaction (the save of the zone's newest run).
 *
 * <p>The newest {@code keep} runs of a zone keep every line. An older run keeps its totals
 * ({@code recon_run}), the rows of the lines its recount tasks point at, and the rows at each
 * location where a supervisor's decision or a confirmation came after it and before the zone's
 * next run: the WMS adjustments and the decided variances take their figures from exactly those.
 * Its block and its other rows go: they are what the journal and the book snapshot give again.
 */
final class RunRetention {
  /** Older runs dropped per save, so that a store from before retention catches up in steps. */
  static final int MAX_PER_SAVE = 8;

  private RunRetention() {}

  /**
   * Drops the lines of up to {@link #MAX_PER_SAVE} runs of {@code zone} older than its newest
   * {@code keep}, oldest first; returns how many runs it dropped lines of.
   */
  static int dropOldLines(Connection c, String zone, int keep, OffsetDateTime now)
      throws SQLException {
    List<long[]> runs = new ArrayList<>(); // each: the run, the zone's next run after it
    try (PreparedStatement ps = c.prepareStatement("SELECT r.id, (SELECT MIN(n.id) FROM "
        + "recon_run n WHERE n.zone = r.zone AND n.id > r.id) FROM recon_run r "
        + "WHERE r.zone = ? AND r.lines_dropped_at IS NULL AND r.id < (SELECT MIN(k.id) FROM "
        + "(SELECT id FROM recon_run WHERE zone = ? ORDER BY id DESC LIMIT ?) k) "
        + "ORDER BY r.id LIMIT ?")) {
      Sql.setAll(ps, zone, zone, keep, MAX_PER_SAVE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    if (runs.isEmpty()) {
      return 0;
    }
    try (PreparedStatement block = c.prepareStatement(
            "DELETE FROM recon_block WHERE run_id = ?");
        PreparedStatement rows = c.prepareStatement("DELETE FROM recon_line l "
            + "WHERE l.run_id = ? AND NOT EXISTS (SELECT 1 FROM recount_task t "
            + "WHERE t.run_id = l.run_id AND t.location = l.location AND t.sku = l.sku) "
            + "AND NOT EXISTS (SELECT 1 FROM location_event e WHERE e.zone = ? "
            + "AND e.location = l.location AND e.state IN ('RESOLVED', 'CONFIRMED') "
            + "AND e.seq > l.run_id AND e.seq < ?)");
        PreparedStatement mark = c.prepareStatement(
            "UPDATE recon_run SET lines_dropped_at = ? WHERE id = ?")) {
      for (long[] run : runs) {
        Sql.setAll(block, run[0]);
        block.executeUpdate();
        Sql.setAll(rows, run[0], zone, run[1]);
        rows.executeUpdate();
        Sql.setAll(mark, now, run[0]);
        mark.executeUpdate();
      }
    }
    return runs.size();
  }

  /** Returns when the lines of run {@code runId} were dropped, or null when they are all kept. */
  static OffsetDateTime droppedAt(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT lines_dropped_at FROM recon_run WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
      }
    }
  }
}
