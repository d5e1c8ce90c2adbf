package io.dockcount.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a saved run's lines inside the caller's transaction: from its block ({@code
 * recon_block}, {@link RunBlocks}) when it has one, else from its {@code recon_line} rows, which
 * a run saved before migration V7 has for every line.
 */
final class RunReader {
  private RunReader() {}

  /** Returns every line of run {@code runId}, by location then SKU (none for no such run). */
  static List<Store.StoredLine> lines(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT lines FROM recon_block WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return RunBlocks.decode(rs.getBytes(1));
        }
      }
    }
    OffsetDateTime dropped = RunRetention.droppedAt(c, runId);
    if (dropped != null) {
      throw new StoreException("the lines of run " + runId + " were dropped at " + dropped
          + ", once it was older than the runs its zone keeps whole (store.keep-run-lines); "
          + "it keeps its totals and the lines its tasks and decisions point at");
    }
    return rows(c, runId);
  }

  private static List<Store.StoredLine> rows(Connection c, long runId) throws SQLException {
    List<Store.StoredLine> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT location, sku, status, "
        + "book_eaches, counted_eaches, variance, unit_cost, variance_value, flags, reason "
        + "FROM recon_line WHERE run_id = ? ORDER BY location, sku")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredLine(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getObject(4, Long.class), rs.getObject(5, Long.class),
              rs.getObject(6, Long.class), Store.decimal(rs, "unit_cost"),
              Store.decimal(rs, "variance_value"), rs.getString(9), rs.getString(10)));
        }
      }
    }
    return out;
  }
}
