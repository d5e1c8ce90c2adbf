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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes master data (replacing the data in force) and a book snapshot (appended), each as one
 * compressed block ({@link MasterBlocks}); the same content as the latest snapshot is neither
 * rewritten nor snapshotted again.
 */
final class MasterWriter {
  private MasterWriter() {}

  static long write(Store store, Connection c, MasterData data, String source, String hash,
      String clock) throws SQLException {
    Long latest = latestSnapshotWithHash(c, hash);
    if (latest != null) {
      return latest; // the same files as the last start: nothing to write
    }
    replace(c, "items", data.items().size(), MasterBlocks.items(data.items().values()));
    replace(c, "uom", data.uom().values().stream().mapToInt(Map::size).sum(),
        MasterBlocks.uom(data.uom()));
    replace(c, "barcodes", data.barcodes().size(),
        MasterBlocks.barcodes(data.barcodes().values()));
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

  private static long insertSnapshot(Store store, Connection c, MasterData data, String source,
      String hash, String clock) throws SQLException {
    // Book files may list one SKU at a location on several lines: they add up.
    Map<MasterData.BookLine, Long> sums = new LinkedHashMap<>();
    for (MasterData.BookLine b : data.book()) {
      sums.merge(new MasterData.BookLine(b.location(), b.sku(), b.lot(), 0), b.eaches(),
          Long::sum);
    }
    long id = store.nextSeq();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO book_snapshot (id, source, "
        + "content_hash, line_count, loaded_wall, clock_synced) VALUES (?, ?, ?, ?, ?, ?)")) {
      Sql.setAll(ps, id, source, hash, data.book().size(), OffsetDateTime.now(ZoneOffset.UTC),
          clock);
      ps.executeUpdate();
    }
    byte[] block = MasterBlocks.book(sums.entrySet().stream()
        .map(e -> new MasterData.BookLine(e.getKey().location(), e.getKey().sku(),
            e.getKey().lot(), e.getValue()))
        .toList());
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO book_block (snapshot_id, line_count, lines) VALUES (?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, sums.size());
      ps.setBytes(3, block);
      ps.executeUpdate();
    }
    return id;
  }

  /** Reads the book lines of a snapshot, by location, SKU and lot; empty when it has none. */
  static List<MasterData.BookLine> book(Connection c, long snapshotId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT lines FROM book_block WHERE snapshot_id = ?")) {
      ps.setLong(1, snapshotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return List.of();
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
