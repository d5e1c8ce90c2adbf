package io.dockcount.store;

import io.dockcount.core.CountRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads one zone's journal back, for recovery. */
final class ZoneQueries {
  /** Rows fetched at a time by the recovery reads. */
  private static final int FETCH = 10_000;
  /** The scans held for a supervisor, as {@link Store.JournalReader#held} takes them. */
  private static final String HELD = "SELECT seq, location, sku, held_round, zone "
      + "FROM rejected_scan";

  private ZoneQueries() {}

  static List<Store.Stored> journal(Connection c, String zone) throws SQLException {
    List<Store.Stored> out = new ArrayList<>();
    // A zone holds every live count in memory: the few distinct stations, counters, units,
    // quantities and snapshots, and each location and SKU, are kept once, not once per row
    // (a million counts otherwise take several hundred MB more heap).
    Map<Object, Object> shared = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, station, counter, "
        + "location, sku, unit, qty, eaches, lot, raw, station_seq, round, snapshot_id, void_of, "
        + "gtin, serial, sscc FROM count_record WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (rs.getString(2).equals("VOID")) {
            out.add(new Store.StoredVoid(seq, rs.getLong(15)));
          } else {
            CountRecord r = new CountRecord(once(shared, rs.getString(3)),
                once(shared, rs.getString(4)), once(shared, rs.getString(5)),
                once(shared, rs.getString(6)), once(shared, rs.getString(7)),
                once(shared, Store.decimal(rs, "qty")), rs.getLong(9),
                once(shared, rs.getString(10)), rs.getString(11), rs.getLong(12),
                once(shared, rs.getString(16)), rs.getString(17), rs.getString(18));
            out.add(new Store.StoredCount(seq, r, rs.getInt(13),
                once(shared, rs.getObject(14, Long.class))));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, location, state, round, "
        + "by_whom FROM location_event WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getString(5)));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(HELD + " WHERE zone = ? "
        + "AND held_round IS NOT NULL ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredHeld(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Store.Stored::seq));
    return out;
  }

  /**
   * Streams a zone's journal into {@code reader}: counts and voids, then location events and
   * held scans.
   */
  static void journal(Connection c, String zone, Store.JournalReader reader)
      throws SQLException {
    lazily(c, () -> zoneRows(c, zone, reader));
  }

  /**
   * Streams the whole journal, each row to its zone's reader: counts and voids, then events,
   * then held scans.
   */
  static void journal(Connection c,
      java.util.function.Function<String, Store.JournalReader> readers) throws SQLException {
    lazily(c, () -> allRows(c, readers));
  }

  private interface Rows {
    void read() throws SQLException;
  }

  /**
   * Runs a read with H2's lazy query execution, so rows stream from the index as they are
   * fetched. Without it H2 builds the whole result first and, past a few thousand rows, writes it
   * to a temporary store on disk: that was most of a restart's journal read (JFR).
   */
  private static void lazily(Connection c, Rows rows) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET LAZY_QUERY_EXECUTION TRUE");
      try {
        rows.read();
      } finally {
        st.execute("SET LAZY_QUERY_EXECUTION FALSE");
      }
    }
  }

  private static void zoneRows(Connection c, String zone, Store.JournalReader reader)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, void_of, station, station_seq, "
        + "location, sku, eaches, round, snapshot_id, gtin, serial, sscc, unit FROM count_record "
        + "WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          countOrVoid(rs, reader);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, location, state, round, "
        + "by_whom FROM location_event WHERE zone = ? ORDER BY seq")) {
      ps.setString(1, zone);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getString(5));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(HELD + " WHERE zone = ? "
        + "AND held_round IS NOT NULL ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.held(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4));
        }
      }
    }
  }


  private static void allRows(Connection c,
      java.util.function.Function<String, Store.JournalReader> readers) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, void_of, station, station_seq, "
        + "location, sku, eaches, round, snapshot_id, gtin, serial, sscc, unit, zone "
        + "FROM count_record ORDER BY seq")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        String zone = null;
        Store.JournalReader reader = null;
        while (rs.next()) {
          String z = rs.getString(14);
          if (!z.equals(zone)) {
            zone = z;
            reader = readers.apply(z);
          }
          countOrVoid(rs, reader);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, location, state, round, zone, "
        + "by_whom FROM location_event ORDER BY seq")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          readers.apply(rs.getString(5)).event(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getString(6));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(HELD + " WHERE held_round IS NOT NULL "
        + "ORDER BY seq")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          readers.apply(rs.getString(5)).held(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4));
        }
      }
    }
  }

  private static void countOrVoid(ResultSet rs, Store.JournalReader reader) throws SQLException {
    long seq = rs.getLong(1);
    long voidOf = rs.getLong(2);
    if (!rs.wasNull()) {
      reader.voided(seq, voidOf);
      return;
    }
    long snapshotId = rs.getLong(9);
    Long snapshot = rs.wasNull() ? null : snapshotId;
    reader.count(seq, rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        rs.getLong(7), rs.getInt(8), snapshot,
        unitIdentity(rs.getString(10), rs.getString(11), rs.getString(12)), rs.getString(13));
  }

  /** As {@link CountRecord#unitIdentity()}, from the stored columns. */
  private static String unitIdentity(String gtin, String serial, String sscc) {
    if (!sscc.isEmpty()) {
      return "SSCC " + sscc;
    }
    return serial.isEmpty() ? null : "GTIN " + gtin + " serial " + serial;
  }

  @SuppressWarnings("unchecked")
  private static <T> T once(Map<Object, Object> shared, T value) {
    return value == null ? null : (T) shared.computeIfAbsent(value, v -> v);
  }

  static List<Store.StoredTask> tasks(Connection c, String zone) throws SQLException {
    List<Store.StoredTask> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, location, sku, round, status, "
        + "reason, variance FROM recount_task WHERE zone = ? ORDER BY id")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Store.StoredTask(rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getString(5), RunRecord.awaitsCount(rs.getString(6)),
              rs.getObject(7, Long.class)));
        }
      }
    }
    return out;
  }

  static Store.StoredBooks books(Connection c, String zone, Long skipSnapshot)
      throws SQLException {
    Set<Long> snapshots = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT snapshot_id FROM "
        + "count_record WHERE zone = ? AND snapshot_id IS NOT NULL AND snapshot_id <> ?")) {
      ps.setString(1, zone);
      ps.setLong(2, skipSnapshot == null ? -1 : skipSnapshot);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          snapshots.add(rs.getLong(1));
        }
      }
    }
    return books(c, zone, snapshots, null);
  }

  /**
   * The books of {@code snapshots}: {@code inForce} (null: none of them) at every location the
   * zone has counts at, each earlier one only at the locations counted under it, which is all
   * a count under it is compared at. Keeping every earlier book at every counted location grew
   * with the number of deliveries times the locations counted, without bound over a week.
   */
  static Store.StoredBooks books(Connection c, String zone, Set<Long> snapshots, Long inForce)
      throws SQLException {
    Map<Long, Map<Store.LocationSku, Long>> out = new HashMap<>();
    if (snapshots.isEmpty()) {
      return Store.StoredBooks.NONE;
    }
    Set<String> counted = new HashSet<>();
    Map<Long, Set<String>> countedUnder = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT DISTINCT location, snapshot_id FROM count_record WHERE zone = ?")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counted.add(rs.getString(1));
          Long snapshot = rs.getObject(2, Long.class);
          if (snapshot != null) {
            countedUnder.computeIfAbsent(snapshot, k -> new HashSet<>()).add(rs.getString(1));
          }
        }
      }
    }
    Map<Long, Set<String>> at = new HashMap<>();
    for (long snapshot : snapshots) {
      Set<String> where = Long.valueOf(snapshot).equals(inForce) ? counted
          : countedUnder.getOrDefault(snapshot, Set.of());
      Map<Store.LocationSku, Long> book = new HashMap<>();
      List<MasterData.BookLine> lines;
      try {
        lines = MasterWriter.book(c, snapshot);
      } catch (SQLException | RuntimeException e) {
        // A damaged block must not keep the zone from starting: its book is unknown there, as
        // at a location first counted after the read, and its counts are not checked against
        // a newer book. Every other kind of failure still fails the read.
        if (!(e instanceof java.io.UncheckedIOException) && !isDamage(e)) {
          throw e;
        }
        LOG.error("zone {}: the stored book of snapshot {} cannot be read ({}): the counts "
            + "taken under it are not checked for a book change since", zone, snapshot,
            e.getMessage());
        continue;
      }
      for (MasterData.BookLine b : lines) {
        if (where.contains(b.location())) {
          book.merge(new Store.LocationSku(b.location(), b.sku()), b.eaches(), Long::sum);
        }
      }
      if (!book.isEmpty()) {
        out.put(snapshot, book);
        at.put(snapshot, where);
      }
    }
    return new Store.StoredBooks(out, at);
  }

  /** Whether {@code e} says a stored block is damaged or missing (not that H2 failed). */
  private static boolean isDamage(Exception e) {
    return e instanceof SQLException && (e.getCause() instanceof java.io.IOException
        || String.valueOf(e.getMessage()).contains(MasterWriter.NO_BLOCK));
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ZoneQueries.class);

  /** The zone's moved books ({@link Store#saveMovedBook}), by snapshot. */
  static Map<Long, Map<Store.LocationSku, Long>> movedBooks(Connection c, String zone)
      throws SQLException {
    Map<Long, Map<Store.LocationSku, Long>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, location, sku, eaches "
        + "FROM moved_book WHERE zone = ?")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
              .put(new Store.LocationSku(rs.getString(2), rs.getString(3)), rs.getLong(4));
        }
      }
    }
    return out;
  }

  /**
   * Returns, by location, what the zone's latest settling there was settled on (the text its
   * RESOLVED event keeps); whether that settling still stands is the zone's to tell.
   */
  static Map<String, String> settled(Connection c, String zone) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT location, settled FROM location_event "
        + "WHERE zone = ? AND state = 'RESOLVED' AND settled IS NOT NULL ORDER BY seq")) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Returns how many runs of the zone are stored. */
  static long runs(Connection c, String zone) throws SQLException {
    return longOf(c, "SELECT COUNT(*) FROM recon_run WHERE zone = ?", zone);
  }

  static long lastRun(Connection c, String zone) throws SQLException {
    return longOf(c, "SELECT COALESCE(MAX(through_seq), 0) FROM recon_run WHERE zone = ?", zone);
  }

  private static long longOf(Connection c, String sql, String zone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, zone);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
