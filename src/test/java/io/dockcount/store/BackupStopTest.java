package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.CountRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a large file stopped part way ({@link Store#stopBackups}, or the store's close):
 * it ends within moments, without interrupting its thread; nothing that looks like a backup is
 * left of it; the last good backup stays and verifies; and the store goes on, and closes
 * compacted, as if no backup had been running.
 */
final class BackupStopTest {
  private static final int COUNTS = 500;
  /** Large enough that its backup takes a few seconds here. */
  private static final long FILLER_MB = 48;
  /** How long a stopped backup may take to end: one write of its copy, then a delete. */
  private static final long ENDS_WITHIN_MS = 1_000;

  @Test
  void stopBackups_midCopy_endsAtOnce_keepsTheLastGoodOne_storeGoesOnAndCompacts(
      @TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path good = largeStoreWithABackup(settings);
    long before = Files.size(settings.dataFile());

    try (Store store = Store.open(settings)) {
      CompletableFuture<Path> backup = CompletableFuture.supplyAsync(store::backup);
      awaitCopy(settings.backupDir(), backup);
      long asked = System.nanoTime();
      store.stopBackups("a test stops it");
      StoreException e = stoppedWith(backup);
      long tookMs = (System.nanoTime() - asked) / 1_000_000;

      assertTrue(tookMs < ENDS_WITHIN_MS, "the backup ended " + tookMs + " ms after the stop");
      assertTrue(e.getMessage().contains("backup abandoned after ")
          && e.getMessage().contains("a test stops it; the partial copy was deleted and the "
              + "last good backup stays: " + good), e.getMessage());
      assertEquals(List.of(good), backups(settings));
      assertEquals(COUNTS, Backups.verify(good, settings));
      // Later backups do not start at all; the store itself goes on.
      StoreException again = assertThrows(StoreException.class, store::backup);
      assertTrue(again.backupStopped() && again.getMessage().startsWith("backup not started: "
          + "a test stops it"), again.getMessage());
      store.append(List.of(count(COUNTS + 1)));
    }

    assertCompactedAtTheClose(settings, before);
    try (Store store = Store.open(settings)) {
      assertNull(store.restoredFrom());
      assertEquals(COUNTS + 1, store.counts().get("count_record"));
    }
  }

  @Test
  void close_midCopy_stopsTheBackupFirst_thenCompacts(@TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path good = largeStoreWithABackup(settings);
    long before = Files.size(settings.dataFile());
    Store store = Store.open(settings);
    CompletableFuture<Path> backup = CompletableFuture.supplyAsync(store::backup);
    awaitCopy(settings.backupDir(), backup);
    long[] endedAt = new long[1];
    CompletableFuture<?> ended = backup.whenComplete((p, e) -> endedAt[0] = System.nanoTime());

    long asked = System.nanoTime();
    store.close();
    ended.handle((p, e) -> null).get(30, TimeUnit.SECONDS);
    StoreException e = stoppedWith(backup);

    long endedMs = (endedAt[0] - asked) / 1_000_000;
    assertTrue(endedMs < ENDS_WITHIN_MS, "the backup ended " + endedMs + " ms into the close");
    assertTrue(e.getMessage().contains("the store is closing"), e.getMessage());
    assertCompactedAtTheClose(settings, before);
    assertEquals(List.of(good), backups(settings));
  }

  @Test
  void stopDuringVerification_deletesTheCopyAndItsUnzip(@TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path good = storeWithABackup(settings);
    Path backupDir = settings.backupDir().toAbsolutePath();
    // Stops as soon as the verification has begun unzipping the finished copy.
    Supplier<String> stop = () -> {
      try (var files = Files.list(backupDir)) {
        return files.anyMatch(p -> p.getFileName().toString().startsWith("verify-"))
            ? "stopped while verifying" : null;
      } catch (java.io.IOException e) {
        return null;
      }
    };

    try (Store store = Store.open(settings)) {
      StoreException e = assertThrows(StoreException.class, () -> store.transaction("back up",
          c -> Backups.write(store, c, settings, stop)));

      assertTrue(e.backupStopped() && e.getMessage().contains("stopped while verifying"),
          e.getMessage());
    }
    assertEquals(List.of(good), backups(settings));
    try (var files = Files.list(backupDir)) {
      assertEquals(List.of(good), files.toList(), "the copy or its unzip was left behind");
    }
  }

  /**
   * The backup a stop abandoned left nothing a restore could take for a backup: the store's
   * file broken at the next start, the last good backup is the one restored, whole.
   */
  @Test
  void restartAfterAnAbandonedBackup_brokenFile_restoresTheLastGoodOne(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path good = largeStoreWithABackup(settings);
    try (Store store = Store.open(settings)) {
      CompletableFuture<Path> backup = CompletableFuture.supplyAsync(store::backup);
      awaitCopy(settings.backupDir(), backup);
      store.stopBackups("a test stops it");
      stoppedWith(backup);
    }
    byte[] junk = new byte[64 * 1024];
    java.util.Arrays.fill(junk, (byte) 'x');
    try (var f = new java.io.RandomAccessFile(settings.dataFile().toFile(), "rw")) {
      f.write(junk); // its headers and first chunks overwritten: H2 will not open it
    }

    try (Store store = Store.open(settings)) {
      assertTrue(store.restoredFrom() != null
          && store.restoredFrom().startsWith(good.getFileName().toString()),
          () -> "restored from " + store.restoredFrom() + ", the good one is " + good);
      assertEquals(COUNTS, store.counts().get("count_record"));
    }
    assertEquals(List.of(good), backups(settings));
  }

  /**
   * Asserts that the close compacted the file fully: a second close, compacting again, finds
   * little left to take. Not against a fraction of the size before: the plain SHUTDOWN that
   * made the file large compacts for up to 200 ms, so how much dead space it leaves depends on
   * the machine's speed (15 MB of a 61 MB file on a fast run).
   */
  private static void assertCompactedAtTheClose(StoreSettings settings, long before)
      throws Exception {
    long after = Files.size(settings.dataFile());
    Store.open(settings).close();
    long again = Files.size(settings.dataFile());
    assertTrue(after <= again + again / 10 + (1 << 20), "not compacted at the close: " + before
        + " bytes before, " + after + " after it, " + again + " once compacted again");
  }

  /** A store with counts and a verified backup of them, then made large; returns the backup. */
  private static Path largeStoreWithABackup(StoreSettings settings) throws Exception {
    Path good = storeWithABackup(settings);
    LargeStoreFile.grow(settings, FILLER_MB);
    return good;
  }

  private static Path storeWithABackup(StoreSettings settings) {
    try (Store store = Store.open(settings)) {
      List<JournalEntry> batch = new ArrayList<>();
      for (int i = 1; i <= COUNTS; i++) {
        batch.add(count(i));
      }
      store.append(batch);
      return store.backup();
    }
  }

  private static JournalEntry count(int i) {
    return new JournalEntry.Count("A", new CountRecord("DOCK-1", "ana", "A-01-02", "00913",
        "EA", BigDecimal.ONE, 1, "", "00913\r", i), 0, null);
  }

  /** Waits until the backup's copy is under way (its partial file has a first megabyte). */
  private static void awaitCopy(Path backupDir, CompletableFuture<Path> backup)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && !backup.isDone()) {
      try (var files = Files.list(backupDir)) {
        for (Path p : files.toList()) {
          if (p.getFileName().toString().endsWith(".zip.partial") && Files.size(p) > 1 << 20) {
            return;
          }
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // renamed or deleted between the listing and its size: look again
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no backup copy got under way; the backup "
        + (backup.isDone() ? "ended first" : "had not begun"));
  }

  private static StoreException stoppedWith(CompletableFuture<Path> backup) throws Exception {
    try {
      Path written = backup.get(30, TimeUnit.SECONDS);
      throw new AssertionError("the backup was not stopped: " + written + " written");
    } catch (ExecutionException e) {
      StoreException s = (StoreException) e.getCause();
      assertTrue(s.backupStopped(), s.toString());
      return s;
    }
  }

  private static List<Path> backups(StoreSettings settings) throws Exception {
    try (var files = Files.list(settings.backupDir().toAbsolutePath())) {
      return files.sorted().toList();
    }
  }
}
