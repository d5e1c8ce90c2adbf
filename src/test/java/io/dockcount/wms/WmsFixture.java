package io.dockcount.wms;

import io.dockcount.core.LocationScheme;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A store holding a first book (zones A and B) and a snapshot manager over it. */
final class WmsFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

  /** Zone A: 00913 x30 at A-01-02-B; zone B: 0777 x10 at B-07-12-C. */
  static final MasterData FIRST = new MasterData(
      Map.of("00913", new MasterData.Item("00913", "widget", new BigDecimal("2.50"), null),
          "0777", new MasterData.Item("0777", "drill", new BigDecimal("40.00"), null)),
      Map.of("00913", Map.of("CS", 12L)),
      Map.of(),
      List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 30),
          new MasterData.BookLine("B-07-12-C", "0777", "", 10)));

  final Store store;
  final WmsLedger ledger;
  final long firstSnapshot;
  final SnapshotManager manager;

  WmsFixture(Path dir) {
    this.store = Store.open(StoreSettings.under(dir).withSync(false));
    this.ledger = new WmsLedger(store);
    this.firstSnapshot = store.saveMasterData(FIRST, "start-up files", "first");
    this.manager = new SnapshotManager(ledger, LocationScheme.dashed(), new ColumnMap(), FIRST,
        firstSnapshot, T0);
  }

  /** Returns the book lines of the data in force, as "location sku eaches", sorted. */
  List<String> bookInForce() {
    return manager.master().book().stream()
        .map(b -> b.location() + " " + b.sku() + " " + b.eaches()).sorted().toList();
  }

  /** Runs a query returning one number on the store's database (same JVM, same file). */
  long number(String sql) throws java.sql.SQLException {
    String url = "jdbc:h2:file:" + store.settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
