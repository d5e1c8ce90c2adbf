package io.dockcount.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WMS integration's records in the store: which deliveries became snapshots (by content
 * hash), and which recount tasks and adjustments the WMS already has. Blocking JDBC, like every
 * {@link Store} method: call from the blocking dispatcher only.
 */
public final class WmsLedger {
  /** The width {@code wms_import.zones} holds; a longer list is cut (BookRetention asks). */
  static final int ZONES_WIDTH = 4000;
  /** A recount task or adjustment to hand to the WMS; {@code key} is stable across restores. */
  public record Outgoing(String kind, String key, long group, String zone, String location,
      String sku, int round, Long variance, BigDecimal varianceValue, String reason) {}

  private final Store store;

  public WmsLedger(Store store) {
    this.store = store;
  }

  /**
   * Returns the snapshot the newest delivery of the same kinds became when it had this content
   * hash, else null. Only the newest counts: a book that changes and later changes back is a
   * new state of the WMS, while the same file dropped twice (or offered again after a crash
   * before it was moved) is one snapshot.
   */
  public Long sameAsNewest(String kinds, String contentHash) {
    return store.transaction("look up a WMS delivery", c -> {
      Long same;
      try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, content_hash FROM "
          + "wms_import WHERE kinds = ? ORDER BY snapshot_id DESC LIMIT 1")) {
        ps.setString(1, kinds);
        try (ResultSet rs = ps.executeQuery()) {
          same = rs.next() && rs.getString(2).equals(contentHash) ? rs.getLong(1) : null;
        }
      }
      if (same == null) {
        return null;
      }
      // A later delivery of another source that replaced some of these kinds makes this one
      // new again: what it brings is no longer what is in force.
      Set<String> mine = Set.of(kinds.split(","));
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT kinds FROM wms_import WHERE snapshot_id > ?")) {
        ps.setLong(1, same);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            for (String k : rs.getString(1).split(",")) {
              if (mine.contains(k)) {
                return null;
              }
            }
          }
        }
      }
      return same;
    });
  }

  /**
   * Stores {@code merged} (the master data in force after the delivery) as a new book snapshot
   * and records the delivery, in one transaction; returns the snapshot's id. The snapshot's
   * content is the delivery's ({@code contentHash}).
   */
  public long saveImport(MasterData merged, String source, String contentHash, String kinds,
      String zones) {
    return saveImport(merged, source, contentHash, contentHash, kinds, zones);
  }

  /**
   * As above, for a snapshot whose content is not the delivery's alone.
   *
   * @param contentHash the delivery's content, which {@link #sameAsNewest} compares
   * @param snapshotHash the snapshot's content: another than the delivery's when the snapshot
   *     is not the delivery alone (zones it emptied); the same as the latest snapshot's would
   *     make the delivery that snapshot again, which records a delivery already
   */
  public long saveImport(MasterData merged, String source, String contentHash,
      String snapshotHash, String kinds, String zones) {
    return store.transaction("store the WMS snapshot from " + source, c -> {
      long id = MasterWriter.write(store, c, merged, source, snapshotHash, store.clock());
      // What the delivery brought besides the book, for a restart to restore.
      for (String kind : kinds.split(",")) {
        byte[] block = switch (kind) {
          case "items" -> MasterBlocks.items(merged.itemTable());
          case "uom" -> MasterBlocks.uom(merged.uomRows());
          case "barcodes" -> MasterBlocks.barcodes(merged.codeTable());
          default -> null;
        };
        if (block != null) {
          try (PreparedStatement ps = c.prepareStatement("MERGE INTO wms_master_block "
              + "(snapshot_id, kind, row_count, content) KEY (snapshot_id, kind) "
              + "VALUES (?, ?, ?, ?)")) {
            Sql.setAll(ps, id, kind, MasterBlocks.count(MasterBlocks.of(block)));
            ps.setBytes(4, block);
            ps.executeUpdate();
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO wms_import (content_hash, "
          + "snapshot_id, source, kinds, zones, wall, clock_synced) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        Sql.setAll(ps, contentHash, id, truncate(source, 1000), kinds,
            truncate(zones, ZONES_WIDTH), OffsetDateTime.now(ZoneOffset.UTC), store.clock());
        ps.executeUpdate();
      }
      BookRetention.trimEarlierBooks(c, OffsetDateTime.now(ZoneOffset.UTC),
          store.settings().keepWholeBooks());
      store.commitDurably(c);
      return id;
    });
  }

  /**
   * Returns {@code base} with the items, units and barcodes of the newest WMS delivery of each
   * of those kinds; a kind the WMS never delivered stays {@code base}'s (the start-up files').
   */
  public MasterData withDeliveredMaster(MasterData base) {
    return store.transaction("read the master data the WMS delivered", c -> {
      Map<String, MasterData.Item> items = null;
      Map<String, Map<String, Long>> uom = null;
      Map<String, MasterData.Barcode> barcodes = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT content FROM wms_master_block "
          + "WHERE kind = ? ORDER BY snapshot_id DESC LIMIT 1")) {
        for (String kind : List.of("items", "uom", "barcodes")) {
          ps.setString(1, kind);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              continue;
            }
            try (java.io.InputStream in = rs.getBinaryStream(1)) {
              switch (kind) {
                case "items" -> items = MasterBlocks.readItems(in);
                case "uom" -> uom = MasterBlocks.readUom(in);
                default -> barcodes = MasterBlocks.readBarcodes(in);
              }
            } catch (java.io.IOException e) {
              throw new SQLException("reading the stored WMS " + kind + ": " + e.getMessage(), e);
            }
          }
        }
      }
      if (items == null && uom == null && barcodes == null) {
        return base;
      }
      // The start-up files' disputed spellings of each and conflicts go with them, not with a
      // delivered one.
      return new MasterData(items != null ? items : base.items(),
          uom != null ? uom : base.uom(), barcodes != null ? barcodes : base.barcodes(),
          base.book()).withConflictsOf(base, items != null, uom != null);
    });
  }

  /** The newest snapshot a WMS delivery made: its id, when, and its whole book. */
  public record LatestImport(long snapshotId, java.time.Instant wall,
      List<MasterData.BookLine> book) {}

  /** Returns when the newest WMS delivery was stored, without reading its book; or null. */
  public java.time.Instant newestImportWall() {
    return store.transaction("read when the newest WMS snapshot was stored", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT wall FROM wms_import "
          + "ORDER BY snapshot_id DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? instant(rs, 1) : null;
      }
    });
  }

  /** Returns the newest snapshot a WMS delivery made, or null when none has yet. */
  public LatestImport latestImport() {
    return store.transaction("read the newest WMS snapshot", c -> {
      long id;
      java.time.Instant wall;
      try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, wall FROM wms_import "
          + "ORDER BY snapshot_id DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        id = rs.getLong(1);
        wall = rs.getObject(2, OffsetDateTime.class).toInstant();
      }
      List<MasterData.BookLine> book = MasterWriter.book(c, id);
      return new LatestImport(id, wall, book);
    });
  }

  /** The delivery that last replaced a zone's book: the snapshot it became, and when. */
  public record BookDelivery(long snapshotId, java.time.Instant wall) {}

  /**
   * Returns, per zone, the newest import that replaced its book (covered it). A delivery of
   * items or units alone replaces no zone's book.
   */
  public java.util.Map<String, BookDelivery> bookDeliveries() {
    return store.transaction("read when each zone's book came", c -> {
      java.util.Map<String, BookDelivery> out = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT zones, wall, snapshot_id FROM "
          + "wms_import ORDER BY snapshot_id"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          BookDelivery d = new BookDelivery(rs.getLong(3),
              rs.getObject(2, OffsetDateTime.class).toInstant());
          for (String zone : rs.getString(1).split(",")) {
            if (!zone.isEmpty()) {
              out.put(zone, d);
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * A zone the WMS's whole book from {@code source} has had no lines for since {@code since};
   * {@code absence} says what became of its book, which stood as the other fields say (its
   * snapshot, when taken in and last confirmed, the snapshot that brought it).
   */
  public record AbsentZone(String zone, String source, java.time.Instant since, String absence,
      long snapshotId, java.time.Instant bookSince, java.time.Instant confirmed, long bookFrom) {}

  /** Returns the zones absent from the WMS's whole book as the last such delivery left them. */
  public Map<String, AbsentZone> absentZones() {
    return store.transaction("read the zones absent from the WMS's book", c -> {
      Map<String, AbsentZone> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT zone, source, since, absence, "
          + "snapshot_id, book_since, confirmed, book_from FROM wms_absent_zone");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new AbsentZone(rs.getString(1), rs.getString(2),
              instant(rs, 3), rs.getString(4), rs.getLong(5), instant(rs, 6), instant(rs, 7),
              rs.getLong(8)));
        }
      }
      return out;
    });
  }

  /**
   * Records what a whole-book delivery from {@code source} that was taken in (or was the same
   * as the newest) found absent: {@code absent}, whose {@code since} is ignored. A zone already
   * absent from the same source keeps its since; one no longer absent from it is forgotten.
   * Returns the since of each zone in {@code absent}.
   */
  public Map<String, java.time.Instant> replaceAbsent(String source,
      java.util.Collection<AbsentZone> absent, java.time.Instant now) {
    return store.transaction("record the zones absent from the WMS's book", c -> {
      Map<String, java.time.Instant> before = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT zone, since FROM wms_absent_zone WHERE source = ?")) {
        ps.setString(1, truncate(source, 1000));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            before.put(rs.getString(1), instant(rs, 2));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM wms_absent_zone WHERE source = ?")) {
        ps.setString(1, truncate(source, 1000));
        ps.executeUpdate();
      }
      Map<String, java.time.Instant> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO wms_absent_zone (zone, source, "
          + "since, absence, snapshot_id, book_since, confirmed, book_from) KEY (zone) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (AbsentZone a : absent) {
          java.time.Instant since = before.getOrDefault(a.zone(), now);
          out.put(a.zone(), since);
          Sql.setAll(ps, a.zone(), truncate(source, 1000), utc(since), a.absence(),
              a.snapshotId(), utc(a.bookSince()), utc(a.confirmed()), a.bookFrom());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return out;
    });
  }

  private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(java.time.Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  /** A WMS movement: signed eaches at a location, at the WMS's time. */
  public record Movement(String id, String location, String sku, String lot, long qty,
      java.time.Instant movedAt, String kind) {}

  /** What {@link #saveNewMovements} did: the conflicts (then nothing), or how many were new. */
  public record SavedMovements(List<String> conflicts, List<Movement> fresh) {
    public SavedMovements {
      fresh = List.copyOf(fresh);
    }
  }

  /**
   * Stores the movements not stored yet and says how many those were; with a movement id stored
   * before with other content, stores nothing and returns the conflicts.
   */
  public SavedMovements saveNewMovements(List<Movement> movements, String source) {
    return store.transaction("store WMS movements from " + source, c -> {
      List<String> conflicts = new ArrayList<>();
      List<Movement> fresh = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT location, sku, lot, qty, moved_at, "
          + "kind FROM wms_movement WHERE movement_id = ?")) {
        for (Movement m : movements) {
          ps.setString(1, m.id());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              fresh.add(m);
            } else if (!new Movement(m.id(), rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getString(6)).equals(m)) {
              conflicts.add("movement " + m.id() + " was received before with other content");
            }
          }
        }
      }
      if (!conflicts.isEmpty()) {
        return new SavedMovements(conflicts, List.of());
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO wms_movement (movement_id, "
          + "location, sku, lot, qty, moved_at, kind, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Movement m : fresh) {
          Sql.setAll(ps, m.id(), m.location(), m.sku(), m.lot(), m.qty(),
              m.movedAt().atOffset(ZoneOffset.UTC), m.kind(), truncate(source, 1000));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return new SavedMovements(List.of(), fresh);
    });
  }

  /** Returns the movements after {@code since}, by time then id. */
  public List<Movement> movementsAfter(java.time.Instant since) {
    return store.transaction("read WMS movements", c -> {
      List<Movement> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT movement_id, location, sku, lot, "
          + "qty, moved_at, kind FROM wms_movement WHERE moved_at > ? "
          + "ORDER BY moved_at, movement_id")) {
        ps.setObject(1, since.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Movement(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getString(7)));
          }
        }
      }
      return out;
    });
  }

  /**
   * Returns the movements logged as not applicable before, with when each was first logged,
   * by id.
   */
  public Map<String, java.time.Instant> reportedMovements() {
    return store.transaction("read the movements logged as not applicable", c -> {
      Map<String, java.time.Instant> out = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT movement_id, reported_at FROM "
          + "wms_movement WHERE reported_at IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
        }
      }
      return out;
    });
  }

  /** Records that these movements were logged as not applicable at {@code at} (the first time). */
  public void markReported(java.util.Collection<String> ids, java.time.Instant at) {
    store.transaction("record the movements logged as not applicable", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE wms_movement SET reported_at = ? "
          + "WHERE movement_id = ? AND reported_at IS NULL")) {
        for (String id : ids) {
          Sql.setAll(ps, at.atOffset(ZoneOffset.UTC), id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return null;
    });
  }

  /** When a location was last closed by its counter, and whether the clock was synchronized. */
  public record CountTime(java.time.Instant at, String clockSynced) {}

  /**
   * Returns each location's newest close (the end of its latest count), by location; none for
   * a location sent back for a recount not closed yet: the recount counts after any movement
   * in between, as a first count does, so the movement is to be applied.
   */
  public java.util.Map<String, CountTime> countTimes() {
    return store.transaction("read count times", c -> {
      java.util.Map<String, CountTime> out = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT location, wall, clock_synced, "
          + "state FROM location_event WHERE state IN ('CLOSED', 'RECOUNT_REQUESTED') "
          + "ORDER BY seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(4).equals("RECOUNT_REQUESTED")) {
            out.remove(rs.getString(1));
          } else {
            out.put(rs.getString(1), new CountTime(rs.getObject(2, OffsetDateTime.class)
                .toInstant(), rs.getString(3)));
          }
        }
      }
      return out;
    });
  }

  /** Returns the recount tasks the WMS does not have yet, by run, location and SKU. */
  public List<Outgoing> pendingTasks() {
    return store.transaction("read recount tasks to export", c -> {
      Set<String> sent = sent(c, "TASK");
      List<Outgoing> out = new ArrayList<>();
      // Open tasks only: one recounted or settled before the export ran (a WMS outage, or a
      // recount that matched within seconds) is work nobody needs any more.
      try (PreparedStatement ps = c.prepareStatement("SELECT run_id, zone, location, sku, round, "
          + "variance, variance_value, reason FROM recount_task WHERE status = 'OPEN' "
          + "ORDER BY run_id, location, sku");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = key(rs.getString("location"), rs.getString("sku"), rs.getInt("round"));
          // A supervisor's decision is no recount: the floor is not sent to count it again,
          // and what is decided reaches the WMS as an adjustment.
          String reason = rs.getString("reason");
          if (!sent.contains(key) && (reason == null || !reason.startsWith(RunRecord.DECIDE))) {
            out.add(new Outgoing("TASK", key, rs.getLong("run_id"), rs.getString("zone"),
                rs.getString("location"), rs.getString("sku"), rs.getInt("round"),
                rs.getObject("variance", Long.class), Store.decimal(rs, "variance_value"),
                rs.getString("reason")));
          }
        }
      }
      return out;
    });
  }

  /**
   * Returns the adjustments the WMS does not have yet: for each location inventory control
   * confirmed, the non-zero variances of the zone's last run before the confirmation (lines
   * sent to recount because the book changed since the count post nothing), grouped by the
   * confirmation's journal number.
   */
  public List<Outgoing> pendingAdjustments() {
    return store.transaction("read adjustments to export", c -> {
      Set<String> sent = sent(c, "ADJUSTMENT");
      List<Outgoing> out = new ArrayList<>();
      // The figures posted are those of the decision the confirmation confirms (the latest
      // RESOLVED event before it), as adjustments.csv shows them, with the decision's note.
      // One pass over the location events, then an indexed read of lines per confirmation
      // (a query of correlated subqueries took seconds at a few thousand locations).
      record Confirmation(long seq, String zone, String location, int round, long decidedAt,
          String decision) {}
      List<Confirmation> confirmed = new ArrayList<>();
      Map<String, long[]> lastDecision = new java.util.HashMap<>(); // location: seq
      Map<String, String> lastNote = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, zone, location, state, round, "
          + "note FROM location_event WHERE state IN ('RESOLVED', 'CONFIRMED') ORDER BY seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String location = rs.getString(3);
          if (rs.getString(4).equals("RESOLVED")) {
            lastDecision.put(location, new long[] {rs.getLong(1)});
            lastNote.put(location, rs.getString(6));
          } else {
            long[] d = lastDecision.get(location);
            confirmed.add(new Confirmation(rs.getLong(1), rs.getString(2), location,
                rs.getInt(5), d == null ? rs.getLong(1) : d[0],
                d == null ? null : lastNote.get(location)));
          }
        }
      }
      Map<String, long[]> runs = RunIds.byZone(c);
      try (PreparedStatement ps = c.prepareStatement("SELECT sku, variance, variance_value, "
          + "status FROM recon_line WHERE run_id = ? AND location = ? AND " + RunIds.POSTED
          + " ORDER BY sku")) {
        for (Confirmation ev : confirmed) {
          long run = RunIds.before(runs.get(ev.zone()), ev.decidedAt());
          if (run < 0) {
            continue;
          }
          ps.setLong(1, run);
          ps.setString(2, ev.location());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String key = key(ev.location(), rs.getString("sku"), ev.round());
              if (!sent.contains(key)) {
                String decision = ev.decision();
                out.add(new Outgoing("ADJUSTMENT", key, ev.seq(), ev.zone(), ev.location(),
                    rs.getString("sku"), ev.round(), rs.getObject("variance", Long.class),
                    Store.decimal(rs, "variance_value"), "confirmed " + rs.getString("status")
                        + (decision == null || decision.isBlank() ? "" : "; " + decision)));
              }
            }
          }
        }
      }
      return out;
    });
  }

  /** Records that the WMS has these items (after the file is in place or the insert commit). */
  public void markSent(List<Outgoing> items, String target) {
    store.transaction("record exported items", c -> {
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO wms_export (kind, item_key, "
          + "target, wall) KEY (kind, item_key) VALUES (?, ?, ?, ?)")) {
        OffsetDateTime wall = OffsetDateTime.now(ZoneOffset.UTC);
        for (Outgoing o : items) {
          Sql.setAll(ps, o.kind(), o.key(), truncate(target, 1000), wall);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      store.commitDurably(c);
      return null;
    });
  }

  /**
   * The key of a task or adjustment: location, SKU and count round, which the store keeps
   * unique and a restored backup gives again (journal numbers could be given out twice).
   * {@code |} and {@code %} inside a part are escaped, so the key splits back unambiguously.
   */
  public static String key(String location, String sku, int round) {
    return escape(location) + "|" + escape(sku) + "|" + round;
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("|", "%7C");
  }

  private static Set<String> sent(Connection c, String kind) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT item_key FROM wms_export WHERE kind = ?")) {
      ps.setString(1, kind);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
