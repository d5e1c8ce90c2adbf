package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WMS deliveries older than the newest two keep their book lines only where counts were taken
 * under them, so the store grows with the counting, not with every delivery (the week's soak:
 * a 20,000-line book an hour added about 5 MB a simulated day with nobody counting).
 */
final class BookRetentionTest {
  private static final int LOCATIONS = 10;
  private static final int SKUS = 3;

  /** A book of 10 locations of 3 SKUs each; {@code delivery} moves every quantity. */
  private static MasterData book(int delivery) {
    List<MasterData.BookLine> lines = new ArrayList<>();
    for (int l = 1; l <= LOCATIONS; l++) {
      for (int s = 1; s <= SKUS; s++) {
        lines.add(new MasterData.BookLine("A-01-%02d-A".formatted(l), "00" + s, "",
            100L * delivery + 10L * l + s));
      }
    }
    return new MasterData(Map.of(), Map.of(), Map.of(), lines);
  }

  private static List<MasterData.BookLine> stored(Store store, long snapshot) {
    return store.transaction("read a book", c -> MasterWriter.book(c, snapshot));
  }

  @Test
  void saveImport_deliveriesOlderThanTheNewestTwo_keepOnlyTheirCountedLocations(
      @TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long startUp = store.saveMasterData(book(0), "book.csv", "start");
      WmsLedger ledger = new WmsLedger(store);
      long first = ledger.saveImport(book(1), "wms 1", "h1", "book", "A");
      store.append(List.of(new JournalEntry.Count("A",
          StoreTest.record("A-01-02-A", "001", 5, 1), 0, first)));

      long second = ledger.saveImport(book(2), "wms 2", "h2", "book", "A");
      long third = ledger.saveImport(book(3), "wms 3", "h3", "book", "A");
      long fourth = ledger.saveImport(book(4), "wms 4", "h4", "book", "A");

      assertEquals(List.of(new MasterData.BookLine("A-01-02-A", "001", "", 121),
          new MasterData.BookLine("A-01-02-A", "002", "", 122),
          new MasterData.BookLine("A-01-02-A", "003", "", 123)), stored(store, first),
          "counted under: its lines there only");
      assertEquals(List.of(), stored(store, second), "nobody counted under it");
      assertEquals(LOCATIONS * SKUS, stored(store, third).size(), "the newest two stay whole");
      assertEquals(LOCATIONS * SKUS, stored(store, fourth).size());
      assertEquals(LOCATIONS * SKUS, stored(store, startUp).size(), "start-up files: whole");
      assertEquals(3L * LOCATIONS * SKUS + SKUS, store.counts().get("book_line"));
    }
  }

  @Test
  void saveImport_deliveriesOfOtherZonesBooks_aZonesOwnNewestTwoStayWhole(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      List<MasterData.BookLine> zoneB = List.of(new MasterData.BookLine("B-01-01-A", "001", "",
          7), new MasterData.BookLine("B-01-02-A", "001", "", 8));
      List<MasterData.BookLine> both = new ArrayList<>(book(1).book());
      both.addAll(zoneB);
      long bOnce = ledger.saveImport(new MasterData(Map.of(), Map.of(), Map.of(), both),
          "wms 1", "h1", "book", "A,B");
      both.set(0, new MasterData.BookLine("A-01-01-A", "001", "", 1));
      long bTwice = ledger.saveImport(new MasterData(Map.of(), Map.of(), Map.of(), both),
          "wms 2", "h2", "book", "A,B");

      // Zone A's own files, each hour: zone B stays on the last snapshot that brought its book,
      // and its counters go on counting under it, at locations not counted yet.
      for (int hour = 3; hour <= 6; hour++) {
        both.set(0, new MasterData.BookLine("A-01-01-A", "001", "", hour));
        ledger.saveImport(new MasterData(Map.of(), Map.of(), Map.of(), both), "wms " + hour,
            "h" + hour, "book", "A");
      }

      assertEquals(LOCATIONS * SKUS + 2, stored(store, bTwice).size(), "zone B's in force");
      assertEquals(LOCATIONS * SKUS + 2, stored(store, bOnce).size(), "and the one before it");
      ledger.saveImport(new MasterData(Map.of(), Map.of(), Map.of(), both), "wms 7", "h7",
          "items", "");
      ledger.saveImport(new MasterData(Map.of(), Map.of(), Map.of(), both), "wms 8", "h8",
          "uom", "");
      assertEquals(List.of(), stored(store, bOnce), "two deliveries of units reached zone B");
    }
  }

  @Test
  void zoneBooks_afterTrimming_readTheSameAsTheWholeBook(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      store.saveMasterData(book(0), "book.csv", "start");
      WmsLedger ledger = new WmsLedger(store);
      long first = ledger.saveImport(book(1), "wms 1", "h1", "book", "A");
      store.append(List.of(new JournalEntry.Count("A",
          StoreTest.record("A-01-07-A", "003", 5, 1), 0, first)));
      long second = ledger.saveImport(book(2), "wms 2", "h2", "book", "A");
      Store.StoredBooks before = store.zoneBooks("A", Set.of(first), second);

      ledger.saveImport(book(3), "wms 3", "h3", "book", "A");
      long newest = ledger.saveImport(book(4), "wms 4", "h4", "book", "A");

      assertEquals(before.lines().get(first),
          store.zoneBooks("A", Set.of(first), newest).lines().get(first));
      assertEquals(Map.of(new Store.LocationSku("A-01-07-A", "001"), 171L,
          new Store.LocationSku("A-01-07-A", "002"), 172L,
          new Store.LocationSku("A-01-07-A", "003"), 173L), before.lines().get(first));
    }
  }

  @Test
  void saveMasterData_startUpFilesLikeATrimmedDelivery_storedWholeAgain(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      long trimmed = ledger.saveImport(book(1), "wms 1", "same", "book", "A");
      ledger.saveImport(book(2), "wms 2", "h2", "book", "A");
      ledger.saveImport(book(3), "wms 3", "h3", "book", "A");
      assertEquals(List.of(), stored(store, trimmed));

      // The start-up files' content is the trimmed delivery's: a restart takes it into force.
      long again = store.saveMasterData(book(1), "book.csv", "same");

      assertEquals(LOCATIONS * SKUS, stored(store, again).size());
    }
  }
}
