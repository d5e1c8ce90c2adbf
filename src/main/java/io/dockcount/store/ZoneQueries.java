package io.dockcount.store;

import io.dockcount.core.CountRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads one zone's journal back, for recovery. */
final class ZoneQueries {
  private ZoneQueries() {}

  static List<Store.Stored> journal(Connection c, String zone) throws SQLException {
    List<Store.Stored> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, station, counter, "
        + "location, sku, unit, qty, eaches, lot, raw, station_seq, round, void_of "
        + "FROM count_record WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong("seq");
          if (rs.getString("kind").equals("VOID")) {
            out.add(new Store.StoredVoid(seq, rs.getLong("void_of")));
          } else {
            CountRecord r = new CountRecord(rs.getString("station"), rs.getString("counter"),
                rs.getString("location"), rs.getString("sku"), rs.getString("unit"),
                Store.decimal(rs, "qty"), rs.getLong("eaches"), rs.getString("lot"),
                rs.getString("raw"), rs.getLong("station_seq"));
            out.add(new Store.StoredCount(seq, r, rs.getInt("round")));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, location, state, round "
        + "FROM location_event WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Store.Stored::seq));
    return out;
  }

  static List<Store.StoredTask> tasks(Connection c, String zone) throws SQLException {
    List<Store.StoredTask> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, location, sku, round, status "
        + "FROM recount_task WHERE zone = ? ORDER BY id")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredTask(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  static long lastRun(Connection c, String zone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COALESCE(MAX(through_seq), 0) FROM recon_run WHERE zone = ?")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
