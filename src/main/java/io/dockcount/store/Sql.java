package io.dockcount.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;

/** The journal's insert statements and how an entry binds to them. */
final class Sql {
  static final String INSERT_COUNT = "INSERT INTO count_record (seq, kind, zone, station, "
      + "counter, location, sku, unit, qty, eaches, lot, raw, station_seq, round, snapshot_id, "
      + "void_of, wall, clock_synced, gtin, serial, sscc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_EVENT = "INSERT INTO location_event (seq, zone, location, state, "
      + "round, by_whom, note, wall, clock_synced, settled) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_REJECTED = "INSERT INTO rejected_scan (seq, station, counter, "
      + "location, sku, raw, reason, wall, clock_synced, zone, held_round) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private Sql() {}

  static void bind(JournalEntry entry, long seq, OffsetDateTime wall, String clock,
      PreparedStatement count, PreparedStatement event, PreparedStatement rejected)
      throws SQLException {
    if (entry instanceof JournalEntry.Count e) {
      var r = e.record();
      setAll(count, seq, "COUNT", e.zone(), r.station(), r.counter(), r.location(), r.sku(),
          r.unit(), r.qty(), r.eaches(), r.lot(), r.raw(), r.sequence(), e.round(),
          e.snapshotId(), null, wall, clock, r.gtin(), r.serial(), r.sscc());
      count.addBatch();
    } else if (entry instanceof JournalEntry.Void e) {
      setAll(count, seq, "VOID", e.zone(), e.station(), e.counter(), "", "", "",
          BigDecimal.ZERO, 0L, "", e.reason(), e.voidOf(), 0, null, e.voidOf(), wall, clock, "",
          "", "");
      count.addBatch();
    } else if (entry instanceof JournalEntry.LocationEvent e) {
      setAll(event, seq, e.zone(), e.location(), e.state(), e.round(), e.byWhom(), e.note(),
          wall, clock, e.settled());
      event.addBatch();
    } else if (entry instanceof JournalEntry.Rejected e) {
      setAll(rejected, seq, e.station(), e.counter(), e.location(), e.sku(), e.raw(),
          e.reason(), wall, clock, e.zone(), e.heldRound());
      rejected.addBatch();
    }
  }

  /** Binds the values to parameters 1..n in order; null binds as SQL NULL. */
  static void setAll(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }
}
