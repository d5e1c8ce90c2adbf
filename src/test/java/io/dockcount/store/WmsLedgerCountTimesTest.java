package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The count time a WMS movement is held against: a location's latest close, and none while a
 * recount it was sent back for is not closed yet (that recount counts after the movement).
 */
final class WmsLedgerCountTimesTest {
  @Test
  void sentBackForARecount_noCountTimeUntilTheRecountCloses(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir).withSync(false))) {
      WmsLedger ledger = new WmsLedger(store);
      store.append(List.of(event("A-01-02-B", "CLOSED", 0), event("B-07-12-C", "CLOSED", 0),
          event("A-01-02-B", "RECOUNT_REQUESTED", 1)));

      Set<String> pending = ledger.countTimes().keySet();
      store.append(List.of(event("A-01-02-B", "CLOSED", 1)));

      assertEquals(Set.of("B-07-12-C"), pending, "A-01-02-B waits for its recount");
      assertEquals(Set.of("A-01-02-B", "B-07-12-C"), ledger.countTimes().keySet());
    }
  }

  private static JournalEntry event(String location, String state, int round) {
    return new JournalEntry.LocationEvent(location.substring(0, 1), location, state, round,
        "ana", "");
  }
}
