package io.dockcount.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes master data (replacing the data in force) and a book snapshot (appended), each as one
 * compressed block ({@link MasterBlocks}); the same content as the latest snapshot is neither
 * rewritten nor snapshotted again.
 */
final class MasterWriter {
  private MasterWriter() {}

  static long write(Store store, Connection c, MasterData data, String source, String hash,
      String clock) throws SQLException {
    return write(store, c, data, source, hash, clock, false);
  }

  /**
   * As above; {@code startUpFiles}: the start-up files, which are the same snapshot as at any
   * start before when their content is, even with WMS deliveries stored since (each restart
   * stored the same book again). Anything else is the same only as the latest snapshot.
   */
  static long write(Store store, Connection c, MasterData data, String source, String hash,
      String clock, boolean startUpFiles) throws SQLException {
    Long same = startUpFiles ? snapshotWithHash(c, hash) : latestSnapshotWithHash(c, hash);
    if (same != null) {
      return same; // the same content: nothing to write
    }
    replace(c, "items", data.items().size(), MasterBlocks.items(data.itemTable()));
    replace(c, "uom", data.uomRows().rows(), MasterBlocks.uom(data.uomRows()));
    replace(c, "barcodes", data.barcodes().size(), MasterBlocks.barcodes(data.codeTable()));
    return insertSnapshot(store, c, data, source, hash, clock);
  }

  private static void replace(Connection c, String kind, int rows, byte[] content)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM master_file WHERE kind = ?")) {
      del.setString(1, kind);
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO master_file (kind, row_count, content) VALUES (?, ?, ?)")) {
      ps.setString(1, kind);
      ps.setInt(2, rows);
      ps.setBytes(3, content);
      ps.executeUpdate();
    }
  }

  private static Long latestSnapshotWithHash(Connection c, String hash) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT id, content_hash FROM book_snapshot ORDER BY id DESC LIMIT 1")) {
      return rs.next() && rs.getString(2).equals(hash) ? rs.getLong(1) : null;
    }
  }

  private static Long snapshotWithHash(Connection c, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MAX(id) FROM book_snapshot WHERE content_hash = ? "
        + "AND lines_trimmed_at IS NULL")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        return rs.wasNull() ? null : id;
      }
    }
  }

  private static long insertSnapshot(Store store, Connection c, MasterData data, String source,
      String hash, String clock) throws SQLException {
    // Book files may list one SKU at a location on several lines: they add up.
    MasterBlocks.Book block = MasterBlocks.book(data.bookTable());
    long id = store.nextSeq();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO book_snapshot (id, source, "
        + "content_hash, line_count, loaded_wall, clock_synced) VALUES (?, ?, ?, ?, ?, ?)")) {
      Sql.setAll(ps, id, source, hash, data.book().size(), OffsetDateTime.now(ZoneOffset.UTC),
          clock);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO book_block (snapshot_id, line_count, lines) VALUES (?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, block.lines());
      ps.setBytes(3, block.block());
      ps.executeUpdate();
    }
    return id;
  }

  /** How the read of a snapshot whose book block is gone says so. */
  static final String NO_BLOCK = "its book block is missing";

  /**
   * A snapshot without a book block: every snapshot is stored with one, so it is empty only when
   * the snapshot had no lines; else the block was lost, and an empty book would be read as the
   * WMS's word that nothing is on book.
   */
  private static List<MasterData.BookLine> noBlock(Connection c, long snapshotId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT line_count FROM book_snapshot WHERE id = ?")) {
      ps.setLong(1, snapshotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 0) {
          throw new SQLException("book snapshot " + snapshotId + " has " + rs.getLong(1)
              + " lines and none stored: " + NO_BLOCK);
        }
      }
    }
    return List.of();
  }

  /**
   * Reads the book lines of a snapshot, by location, SKU and lot, as a packed read-only list;
   * empty when it has none.
   */
  static List<MasterData.BookLine> book(Connection c, long snapshotId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT lines FROM book_block WHERE snapshot_id = ?")) {
      ps.setLong(1, snapshotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return noBlock(c, snapshotId);
        }
        try (InputStream in = rs.getBinaryStream(1)) {
          return MasterBlocks.readBook(in);
        } catch (IOException e) {
          throw new SQLException("reading book snapshot " + snapshotId + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
