package io.dockcount.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trims the book blocks of earlier WMS deliveries to what is read of them, inside the caller's
 * transaction (the save of a newer delivery).
 *
 * <p>A zone compares a count with the book of the snapshot it was taken under and with the book
 * in force; it reads an earlier snapshot's book only at the locations counted under it
 * ({@link ZoneQueries#books}), and the in-force book is the newest delivery's. Kept whole, each
 * delivery added its whole book to the file, whether anyone counted under it or not: the file
 * grew with time, not with the counting. So a delivery older than the newest {@code keep}
 * ({@code store.keep-whole-books}, at least 2) keeps its lines only at the locations counted
 * under it, in any zone; at least the newest two stay whole because a zone takes the newest
 * one into force only after it is stored, and a count taken meanwhile is under the one before.
 * For the same reason each zone's own newest stay whole: a delivery of other zones' books
 * leaves a zone on the snapshot that last brought its book (or items, units or barcodes,
 * which reach every zone), and its counts go on being taken under that one. Snapshots of the
 * start-up files are never trimmed: a restart with the same files takes such a snapshot into
 * force again.
 */
final class BookRetention {
  /** The kinds of a delivery that reach every zone (a cost or a factor changes any line). */
  private static final Set<String> MASTER_KINDS = Set.of("items", "uom", "barcodes");

  private BookRetention() {}

  /**
   * Trims every WMS delivery still whole that is neither among the newest {@code keep} nor
   * among the newest {@code keep} that reached any one zone; returns how many.
   */
  static int trimEarlierBooks(Connection c, OffsetDateTime now, int keep) throws SQLException {
    List<Long> due = new ArrayList<>();
    // Newest first, how many deliveries reached each zone: its book, or the master data, which
    // reaches every zone. A delivery is kept whole while it is among a zone's newest two.
    Map<String, Integer> books = new HashMap<>();
    int masters = 0;
    int all = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT i.snapshot_id, i.zones, i.kinds, "
        + "s.lines_trimmed_at IS NULL FROM wms_import i JOIN book_snapshot s "
        + "ON s.id = i.snapshot_id ORDER BY i.snapshot_id DESC");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String zones = rs.getString(2);
        if (zones.length() >= WmsLedger.ZONES_WIDTH) {
          return 0; // the list was cut: which zones it brought is not known, so trim nothing
        }
        boolean whole = ++all <= keep;
        if (List.of(rs.getString(3).split(",")).stream().anyMatch(MASTER_KINDS::contains)) {
          whole |= ++masters <= keep;
        } else {
          for (String zone : zones.split(",")) {
            if (!zone.isEmpty()) {
              whole |= books.merge(zone, 1, Integer::sum) + masters <= keep;
            }
          }
        }
        if (!whole && rs.getBoolean(4)) {
          due.add(rs.getLong(1));
        }
      }
    }
    java.util.Collections.sort(due);
    if (due.isEmpty()) {
      return 0;
    }
    Map<Long, Set<String>> counted = countedUnder(c, due);
    for (long id : due) {
      trim(c, id, counted.getOrDefault(id, Set.of()));
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE book_snapshot SET lines_trimmed_at = ? WHERE id = ?")) {
        Sql.setAll(ps, now, id);
        ps.executeUpdate();
      }
    }
    return due.size();
  }

  /**
   * The locations counted under each of {@code snapshots} (voids carry no snapshot). A count
   * under a snapshot is numbered after it (one sequence numbers both), so only the journal
   * since the oldest of them is read, not a week's.
   */
  private static Map<Long, Set<String>> countedUnder(Connection c, List<Long> snapshots)
      throws SQLException {
    Set<Long> wanted = new HashSet<>(snapshots);
    Map<Long, Set<String>> out = new HashMap<>();
    long oldest = snapshots.get(0);
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT snapshot_id, location "
        + "FROM count_record WHERE seq > ? AND snapshot_id BETWEEN ? AND ?")) {
      Sql.setAll(ps, oldest, oldest, snapshots.get(snapshots.size() - 1));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          if (wanted.contains(id)) {
            out.computeIfAbsent(id, k -> new HashSet<>()).add(rs.getString(2));
          }
        }
      }
    }
    return out;
  }

  private static void trim(Connection c, long snapshotId, Set<String> locations)
      throws SQLException {
    BookTable whole;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT lines FROM book_block WHERE snapshot_id = ?")) {
      ps.setLong(1, snapshotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        try (InputStream in = rs.getBinaryStream(1)) {
          whole = MasterBlocks.readBook(in);
        } catch (IOException e) {
          throw new SQLException("reading book snapshot " + snapshotId + ": " + e.getMessage(),
              e);
        }
      }
    }
    BookTable kept = BookTable.partOf(whole, Math.min(whole.size(), locations.size() * 4));
    for (int i = 0; i < whole.size(); i++) {
      if (locations.contains(whole.get(i).location())) {
        kept.addLine(whole, i);
      }
    }
    MasterBlocks.Book block = MasterBlocks.book(kept);
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE book_block SET line_count = ?, lines = ? WHERE snapshot_id = ?")) {
      ps.setInt(1, block.lines());
      ps.setBytes(2, block.block());
      ps.setLong(3, snapshotId);
      ps.executeUpdate();
    }
  }
}
