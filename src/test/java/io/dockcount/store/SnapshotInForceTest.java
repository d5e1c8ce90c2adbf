package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's book snapshot is the one in force: once the WMS has delivered, its newest,
 * even when a restart stored the start-up files again after it.
 */
final class SnapshotInForceTest {
  private static MasterData book(long qty) {
    return new MasterData(Map.of(), Map.of(), Map.of(),
        List.of(new MasterData.BookLine("A-01-01-A", "0100", "", qty)));
  }

  @Test
  void snapshot_restartAfterAWmsDelivery_namesTheWmsSnapshot(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      ConsoleQueries q = new ConsoleQueries(store);
      store.saveMasterData(book(10), "book.csv", "start-1");
      assertEquals("book.csv", q.snapshot().source());

      long wms = new WmsLedger(store).saveImport(book(12), "wms http", "wms-1", "book", "A");
      store.saveMasterData(book(10), "book.csv", "start-1b"); // the next start-up

      assertEquals(wms, q.snapshot().id());
      assertEquals("wms http", q.snapshot().source());
    }
  }

  @Test
  void snapshot_noWmsDelivery_theLatestStored(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      store.saveMasterData(book(10), "book.csv", "start-1");
      long second = store.saveMasterData(book(11), "book2.csv", "start-2");

      assertEquals(second, new ConsoleQueries(store).snapshot().id());
    }
  }

  @Test
  void snapshotLoadedAt_sameFilesAtTheNextStart_keepTheirFirstTime(@TempDir Path dir)
      throws InterruptedException {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long first = store.saveMasterData(book(10), "book.csv", "same");
      java.time.Instant at = store.snapshotLoadedAt(first);
      Thread.sleep(20);

      long again = store.saveMasterData(book(10), "book.csv", "same"); // the next start-up

      assertEquals(first, again);
      assertEquals(at, store.snapshotLoadedAt(again), "not made fresh by the restart");
      assertEquals(null, store.snapshotLoadedAt(first + 100));
    }
  }
}
