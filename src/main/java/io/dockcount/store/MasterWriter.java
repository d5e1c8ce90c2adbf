package io.dockcount.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes master data (replacing the current one) and a book snapshot (appended); files with the
 * same content hash as the latest snapshot are neither rewritten nor snapshotted again.
 */
final class MasterWriter {
  private MasterWriter() {}

  static long write(Store store, Connection c, MasterData data, String source, String hash,
      String clock) throws SQLException {
    Long latest = latestSnapshotWithHash(c, hash);
    if (latest != null) {
      // The same files as the last start: the master tables already hold them. Rewriting a
      // 1M-line workload's items and units would cost most of a restart.
      return latest;
    }
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM barcode");
      st.executeUpdate("DELETE FROM uom");
      st.executeUpdate("DELETE FROM item");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO item (sku, description, unit_cost, sku_class) VALUES (?, ?, ?, ?)")) {
      for (MasterData.Item i : data.items().values()) {
        Sql.setAll(ps, i.sku(), i.description(), i.unitCost(), i.skuClass());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO uom (sku, unit, eaches_per_unit) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Map<String, Long>> sku : data.uom().entrySet()) {
        for (Map.Entry<String, Long> u : sku.getValue().entrySet()) {
          Sql.setAll(ps, sku.getKey(), u.getKey(), u.getValue());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO barcode (code, sku, unit) VALUES (?, ?, ?)")) {
      for (MasterData.Barcode b : data.barcodes().values()) {
        Sql.setAll(ps, b.code(), b.sku(), b.unit());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return insertSnapshot(store, c, data, source, hash, clock);
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
    long id = store.nextSeq();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO book_snapshot (id, source, "
        + "content_hash, line_count, loaded_wall, clock_synced) VALUES (?, ?, ?, ?, ?, ?)")) {
      Sql.setAll(ps, id, source, hash, data.book().size(), OffsetDateTime.now(ZoneOffset.UTC),
          clock);
      ps.executeUpdate();
    }
    // Book files may list one SKU at a location on several lines: they add up.
    Map<MasterData.BookLine, Long> sums = new LinkedHashMap<>();
    for (MasterData.BookLine b : data.book()) {
      sums.merge(new MasterData.BookLine(b.location(), b.sku(), b.lot(), 0), b.eaches(),
          Long::sum);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO book_line (snapshot_id, "
        + "location, sku, lot, eaches) VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<MasterData.BookLine, Long> e : sums.entrySet()) {
        MasterData.BookLine b = e.getKey();
        Sql.setAll(ps, id, b.location(), b.sku(), b.lot(), e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return id;
  }
}
