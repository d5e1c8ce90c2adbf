package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every durable commit leaves a chunk behind in H2's file; without compaction the file of a
 * service counting for a week grew by gigabytes (about 6.6 KB per scan).
 */
final class StoreCompactionTest {
  private static final int COMMITS = 1500;

  private static void commitOneByOne(Store store, long firstSeq) {
    for (int i = 0; i < COMMITS; i++) {
      store.append(List.of(new JournalEntry.Count("A",
          StoreTest.record("A-01-0" + (i % 7), "SKU" + (i % 9), 1, firstSeq + i), 0, null)));
    }
  }

  @Test
  void compact_afterTheRetentionTime_theSpaceOfEarlierCommitsIsUsedAgain(@TempDir Path dir)
      throws InterruptedException {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      commitOneByOne(store, 1);
      long first = store.fileSize();
      Thread.sleep(Store.RETENTION_MS + 1_000);
      // The chunks each commit left behind hold a few live pages: those are moved out, so the
      // chunks can be freed (without this the file kept growing, if more slowly).
      assertTrue(store.compact(), "chunks rewritten");
      for (int i = 0; i < 4; i++) {
        store.compact();
      }

      commitOneByOne(store, COMMITS + 1);
      long second = store.fileSize();

      // The second batch goes into the first one's space: the file grows by far less than the
      // first batch made it (without compaction it about doubles).
      assertTrue(second < first * 13 / 10, "file " + first + " bytes after the first "
          + COMMITS + " commits, " + second + " after as many again");
      assertEquals(2L * COMMITS, store.counts().get("count_record"));
    }
  }

  @Test
  void close_rewritesTheFileToItsLiveData_andItOpensWithEveryRecord(@TempDir Path dir)
      throws java.io.IOException {
    Store store = Store.open(StoreSettings.under(dir));
    commitOneByOne(store, 1);
    long running = store.fileSize();

    store.close();

    long closed = java.nio.file.Files.size(StoreSettings.under(dir).dataFile());
    assertTrue(closed < running / 4, "file " + running + " bytes running, " + closed
        + " after the close");
    try (Store again = Store.open(StoreSettings.under(dir))) {
      assertEquals((long) COMMITS, again.counts().get("count_record"));
    }
  }

  @Test
  void compact_onAClosedStore_doesNothing(@TempDir Path dir) {
    Store store = Store.open(StoreSettings.under(dir));
    store.close();

    // No exception: the service's timer may fire once after the stop.
    assertFalse(store.compact());
  }
}
