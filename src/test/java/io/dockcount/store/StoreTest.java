package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.CountRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StoreTest {
  private static ExecutorService blocking;

  @BeforeAll
  static void start() {
    blocking = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    blocking.shutdown();
    assertTrue(blocking.awaitTermination(10, TimeUnit.SECONDS));
  }

  static CountRecord record(String location, String sku, long eaches, long stationSeq) {
    return new CountRecord("DOCK-1", "ana", location, sku, "EA", BigDecimal.valueOf(eaches),
        eaches, "", sku + "\r", stationSeq);
  }

  @Test
  void append_thenReopen_journalReadBackInOrderWithLeadingZeros(@TempDir Path dir) {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      long[] seqs = store.append(List.of(
          new JournalEntry.Count("A", record("A-01-02", "00913", 12, 1), 0, null),
          new JournalEntry.LocationEvent("A", "A-01-02", "CLOSED", 0, "ana", ""),
          new JournalEntry.Void("A", 1, "SUP", "bo", "double scan"),
          new JournalEntry.Count("B", record("B-01-01", "0012345", 3, 2), 0, null),
          new JournalEntry.Rejected("DOCK-1", "ana", "ZZ", "1", "1\r", "no zone")));
      assertArrayEquals(new long[] {1, 2, 3, 4, 5}, seqs);
    }

    try (Store store = Store.open(settings)) {
      Store.ZoneHistory a = store.loadZone("A");

      assertEquals(3, a.journal().size());
      Store.StoredCount c = (Store.StoredCount) a.journal().get(0);
      assertEquals("00913", c.record().sku());
      assertEquals(new BigDecimal("12.00"), c.record().qty());
      assertEquals(new Store.StoredEvent(2, "A-01-02", "CLOSED", 0, "ana"), a.journal().get(1));
      assertEquals(new Store.StoredVoid(3, 1), a.journal().get(2));
      assertEquals("0012345",
          ((Store.StoredCount) store.loadZone("B").journal().get(0)).record().sku());
      assertEquals(5, store.lastSeq());
      assertEquals(1L, store.counts().get("rejected_scan"));
    }
  }

  @Test
  void fileFailure_failStop_noJournalRecordAcknowledgedAfterItUntilARestart(@TempDir Path dir) {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      store.append(List.of(new JournalEntry.Count("A", record("A-01-02", "00913", 1, 1), 0,
          null)));
      // As a full disk fails a write: H2 then closes the file and reopens it for the next
      // connection from what it finds on disk.
      assertThrows(StoreException.class, () -> store.transaction("write", c -> {
        throw new java.sql.SQLException("No space left on device", "08000",
            org.h2.api.ErrorCode.IO_EXCEPTION_2);
      }));

      StoreException refused = assertThrows(StoreException.class, () -> store.append(List.of(
          new JournalEntry.Count("A", record("A-01-02", "00913", 1, 2), 0, null))));

      assertTrue(refused.getMessage().contains("the database file cannot be written (disk full"),
          refused.getMessage());
      assertTrue(refused.getMessage().endsWith("nothing is stored until dockcount is restarted "
          + "with the cause fixed; ask a supervisor"), refused.getMessage());
      assertTrue(store.writeFailure().startsWith("STORE FAILED since "), store.writeFailure());
      assertEquals(1, store.lastSeq(), "nothing more was written");
    }
    try (Store store = Store.open(settings)) {
      assertEquals(null, store.writeFailure(), "a restart recovers");
      assertEquals(1, store.append(List.of(new JournalEntry.Count("A",
          record("A-01-02", "00913", 1, 2), 0, null))).length);
    }
  }

  @Test
  void diskBelowMinFreeSpace_countsRefusedBeforeH2RunsOutOfRoom(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir).withMinFree(Long.MAX_VALUE))) {
      StoreException refused = assertThrows(StoreException.class, () -> store.append(List.of(
          new JournalEntry.Count("A", record("A-01-02", "00913", 1, 1), 0, null))));

      assertTrue(refused.getMessage().startsWith("STORE FULL since "), refused.getMessage());
      assertTrue(refused.getMessage().contains(" MB free (store.min-free-space) (disk nearly "
          + "full): nothing is stored until space is freed (no restart needed)"),
          refused.getMessage());
      assertTrue(store.writeFailure().contains("disk nearly full"), store.writeFailure());
      assertEquals(0, store.lastSeq());
    }
    try (Store store = Store.open(StoreSettings.under(dir))) {
      assertEquals(null, store.writeFailure());
      assertEquals(1, store.append(List.of(new JournalEntry.Count("A",
          record("A-01-02", "00913", 1, 1), 0, null))).length);
    }
  }

  @Test
  void emptyDatabaseBesideABrokenOne_refusedNotOpenedAsANewStore(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Files.createDirectories(dir);
    Files.write(dir.resolve("dockcount.mv.db.broken-1"), new byte[] {1, 2, 3});
    Files.write(settings.dataFile(), new byte[0]);

    StoreException e = assertThrows(StoreException.class, () -> Store.open(settings));

    assertTrue(e.getMessage().contains("is empty but dockcount.mv.db.broken-1 beside it is an "
        + "earlier, unreadable one"), e.getMessage());
    assertEquals(0, Files.size(settings.dataFile()), "nothing was changed");
  }

  @Test
  void close_leavesNoTraceFileBesideTheStore(@TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      store.append(List.of(new JournalEntry.Count("A", record("A-01-02", "1", 1, 1), 0, null)));
    }

    try (var files = Files.list(settings.dataFile().getParent())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".trace.db")),
          "a clean close writes no H2 trace file");
    }
  }

  @Test
  void open_whileAnotherProcessHoldsTheFile_saysSoInOneLine(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      store.append(List.of(new JournalEntry.Count("A", record("A-01-02", "1", 1, 1), 0, null)));
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    // Another JVM holds the file, as a second dockcount on the same store would.
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + settings.path().toAbsolutePath(),
        "-user", "sa", "-password", "").redirectErrorStream(true).start();
    try {
      // Its shell prints the prompt once it holds the database open.
      java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(holder.getInputStream()));
      StringBuilder seen = new StringBuilder();
      for (int c; seen.indexOf("sql>") < 0 && (c = out.read()) >= 0; ) {
        seen.append((char) c);
      }
      assertTrue(seen.indexOf("sql>") >= 0, seen::toString);

      StoreException e = assertThrows(StoreException.class, () -> Store.open(settings));

      assertTrue(e.getMessage().contains("is held by another process"), e.getMessage());
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sameStationSequenceTwice_isRefusedByTheDatabase(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      store.append(List.of(new JournalEntry.Count("A", record("A-1", "1", 1, 7), 0, null)));

      assertThrows(StoreException.class, () -> store.append(
          List.of(new JournalEntry.Count("A", record("A-2", "2", 1, 7), 0, null))));
      assertEquals(1L, store.counts().get("count_record"));
    }
  }

  @Test
  void groupCommit_manyConcurrentAppends_allAcknowledgedInFewerCommits(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      GroupCommitter journal = new GroupCommitter(store, blocking);
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        acks.add(journal.append(new JournalEntry.Count("A", record("A-1", "1", 1, i), 0, null))
            .toCompletableFuture());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      journal.close();

      for (int i = 0; i < acks.size(); i++) {
        assertEquals(i + 1, acks.get(i).join());
      }
      assertEquals(500, journal.records());
      assertTrue(journal.batches() < 500, "batches: " + journal.batches());
      assertEquals(500L, store.counts().get("count_record"));
    }
  }

  @Test
  void groupCommit_afterClose_refusesNewRecords(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      GroupCommitter journal = new GroupCommitter(store, blocking);
      journal.close();

      CompletableFuture<Long> ack = journal.append(
          new JournalEntry.Count("A", record("A-1", "1", 1, 1), 0, null)).toCompletableFuture();

      Exception e = assertThrows(Exception.class, ack::join);
      assertTrue(e.getCause() instanceof StoreException);
    }
  }

  @Test
  void masterData_sameContentTwice_oneSnapshot(@TempDir Path dir) {
    MasterData data = new MasterData(
        Map.of("00913", new MasterData.Item("00913", "widget", new BigDecimal("2.50"), null)),
        Map.of("00913", Map.of("CS", 12L)),
        Map.of("05412345000013", new MasterData.Barcode("05412345000013", "00913", "EA")),
        List.of(new MasterData.BookLine("A-01-02", "00913", "", 20),
            new MasterData.BookLine("A-01-02", "00913", "", 10)));
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long first = store.saveMasterData(data, "book.csv", "h1");
      long again = store.saveMasterData(data, "book.csv", "h1");
      long changed = store.saveMasterData(data, "book.csv", "h2");

      assertEquals(first, again);
      assertTrue(changed > first);
      assertEquals(2L, store.counts().get("book_line"));
      // The start-up files as at the first start, a WMS snapshot since: the same snapshot.
      assertEquals(first, store.saveStartUpFiles(data, "book.csv", "h1"));
      assertEquals(2L, store.counts().get("book_line"), "no book stored again");
      // Anything else is the same only as the latest snapshot.
      assertTrue(store.saveMasterData(data, "wms", "h1") > changed);
    }
  }

  @Test
  void zoneBooks_earlierSnapshotReadOnlyWhereCountedUnderIt(@TempDir Path dir) {
    List<MasterData.BookLine> lines = List.of(new MasterData.BookLine("A-01-01", "00913", "", 5),
        new MasterData.BookLine("A-01-02", "00913", "", 7),
        new MasterData.BookLine("A-01-03", "00913", "", 9));
    MasterData data = new MasterData(Map.of(), Map.of(), Map.of(), lines);
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long first = store.saveMasterData(data, "book.csv", "h1");
      long second = store.saveMasterData(data, "book.csv", "h2");
      long third = store.saveMasterData(data, "book.csv", "h3");
      store.append(List.of(
          new JournalEntry.Count("A", record("A-01-01", "00913", 5, 1), 0, first),
          new JournalEntry.Count("A", record("A-01-02", "00913", 7, 2), 0, second)));

      Store.StoredBooks books = store.zoneBooks("A", java.util.Set.of(first, second, third),
          third);

      assertEquals(Map.of(new Store.LocationSku("A-01-01", "00913"), 5L),
          books.lines().get(first), "the first only where counted under it");
      assertEquals(Map.of(new Store.LocationSku("A-01-02", "00913"), 7L),
          books.lines().get(second));
      assertEquals(Map.of(new Store.LocationSku("A-01-01", "00913"), 5L,
          new Store.LocationSku("A-01-02", "00913"), 7L), books.lines().get(third),
          "the one in force at every counted location");
      assertEquals(java.util.Set.of("A-01-01"), books.at().get(first));
      assertEquals(java.util.Set.of("A-01-01", "A-01-02"), books.at().get(third));
    }
  }

  @Test
  void masterData_storedAsBlocks_readBackExactly(@TempDir Path dir) {
    MasterData data = new MasterData(
        Map.of("00913", new MasterData.Item("00913", "widget, \"blue\"",
                new BigDecimal("2.50"), "A"),
            "0012345", new MasterData.Item("0012345", null, null, null)),
        Map.of("00913", Map.of("CS", 12L, "PL", 480L)),
        Map.of("05412345000013", new MasterData.Barcode("05412345000013", "00913", "EA")),
        List.of(new MasterData.BookLine("B-01-01", "0012345", "L\t7", -3),
            new MasterData.BookLine("A-01-02", "00913", "", 20),
            new MasterData.BookLine("A-01-02", "00913", "", 10)));
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long id = store.saveMasterData(data, "book.csv", "h1");

      List<MasterData.BookLine> book = store.transaction("read", c -> MasterWriter.book(c, id));
      Map<String, MasterData.Item> items = store.transaction("read", c -> {
        try (var st = c.createStatement();
            var rs = st.executeQuery("SELECT content FROM master_file WHERE kind = 'items'")) {
          rs.next();
          return MasterBlocks.readItems(rs.getBinaryStream(1));
        }
      });

      assertEquals(List.of(new MasterData.BookLine("A-01-02", "00913", "", 30),
          new MasterData.BookLine("B-01-01", "0012345", "L\t7", -3)), book);
      assertEquals(List.of(new MasterData.Item("0012345", null, null, null),
          new MasterData.Item("00913", "widget, \"blue\"", new BigDecimal("2.50"), "A")),
          List.copyOf(items.values()));
      assertEquals(2L, store.counts().get("book_line"));
    }
  }

  /** Stores a count, backs up, stores a second (which the backup lacks); returns the backup. */
  private static Path backupBetweenTwoCounts(StoreSettings settings) {
    try (Store store = Store.open(settings)) {
      store.append(List.of(new JournalEntry.Count("A", record("A-1", "00913", 5, 1), 0, null)));
      Path backup = store.backup();
      store.append(List.of(new JournalEntry.Count("A", record("A-1", "00913", 6, 2), 0, null)));
      return backup;
    }
  }

  @Test
  void corruptDatabase_opensFromLastVerifiedBackup(@TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path backup = backupBetweenTwoCounts(settings);
    assertTrue(Files.exists(backup));
    byte[] garbage = new byte[8192];
    java.util.Arrays.fill(garbage, (byte) 0x5a);
    Files.write(settings.dataFile(), garbage);

    try (Store store = Store.open(settings)) {
      assertTrue(store.restoredFrom().startsWith(backup.getFileName() + " (taken 20"),
          store.restoredFrom());
      assertEquals(1, store.loadZone("A").journal().size());
      // Record 2 was lost with the broken file: its number is not given out again.
      long[] next = store.append(List.of(
          new JournalEntry.Count("A", record("A-1", "00913", 7, 3), 0, null)));
      assertEquals(Store.RESTORE_GAP + 1, next[0]);
    }
    assertTrue(Files.exists(settings.dataFile().resolveSibling("dockcount.mv.db.broken-1")));
  }

  @Test
  void olderCopyPutInPlaceByHand_toldAsARestore_numbersNotGivenOutTwice(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Path backup = backupBetweenTwoCounts(settings);
    try (Store again = Store.open(settings)) {
      assertNull(again.restoredFrom(), "the same database again: no restore");
    }
    // The documented hand restore: the service stopped, the backup unzipped over the file.
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(Files.newInputStream(backup))) {
      java.util.zip.ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().endsWith(".mv.db")) {
          Files.copy(zip, settings.dataFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }

    try (Store store = Store.open(settings)) {
      assertTrue(store.restoredFrom().startsWith("put in place by hand (its journal ends at "),
          store.restoredFrom());
      long[] next = store.append(List.of(
          new JournalEntry.Count("A", record("A-1", "00913", 7, 3), 0, null)));
      assertEquals(Store.RESTORE_GAP + 1, next[0], "record 2's number was seen: not again");
    }
  }

  /** As the documented hand restore does: the backup's database file unzipped into place. */
  private static void unzipInto(Path backup, Path dataFile) throws Exception {
    Files.createDirectories(dataFile.getParent());
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(Files.newInputStream(backup))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().endsWith(".mv.db")) {
          Files.copy(zip, dataFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void backupRestoredByHandOntoANewCard_toldAsARestore_numbersOfTheOldCardNotGivenAgain(
      @TempDir Path dir) throws Exception {
    StoreSettings oldCard = StoreSettings.under(dir.resolve("old-card"));
    Path backup = backupBetweenTwoCounts(oldCard); // the old card gave out record 2 after it
    StoreSettings newCard = StoreSettings.under(dir.resolve("new-card"));
    unzipInto(backup, newCard.dataFile());

    try (Store store = Store.open(newCard)) {
      assertTrue(store.restoredFrom().startsWith("put in place by hand where its store never "
          + "ran (a new card or Pi: its journal ends at "), store.restoredFrom());
      long[] next = store.append(List.of(
          new JournalEntry.Count("A", record("A-1", "00913", 7, 3), 0, null)));
      assertEquals(Store.RESTORE_GAP + 1, next[0], "record 2 of the old card: not again");
    }
    try (Store store = Store.open(newCard)) {
      assertNull(store.restoredFrom(), "restored once, not at every start");
    }
  }

  @Test
  void restoredByHand_restartedBeforeAnyNewRecord_notToldAgainNumbersStillAboveTheOld(
      @TempDir Path dir) throws Exception {
    StoreSettings newCard = StoreSettings.under(dir.resolve("new-card"));
    unzipInto(backupBetweenTwoCounts(StoreSettings.under(dir.resolve("old-card"))),
        newCard.dataFile());
    try (Store store = Store.open(newCard)) {
      assertTrue(store.restoredFrom() != null, "the restore is told");
    }

    try (Store store = Store.open(newCard)) {
      assertNull(store.restoredFrom(), "no second restore: no second RESTORED alert");
      long[] next = store.append(List.of(
          new JournalEntry.Count("A", record("A-1", "00913", 7, 3), 0, null)));
      assertEquals(Store.RESTORE_GAP + 1, next[0], "still above what the old card gave out");
    }
  }

  @Test
  void storeOfAnEarlierVersion_withoutItsGivenOutFile_notTakenForARestore(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      store.append(List.of(new JournalEntry.Count("A", record("A-1", "00913", 5, 1), 0, null)));
    }
    // As a version before V14 left it: no store_meta row, and no given-out file yet.
    try (var c = java.sql.DriverManager.getConnection(Store.url(settings.path()), "sa", "");
        var st = c.createStatement()) {
      st.execute("DELETE FROM store_meta");
    }
    Files.delete(Store.givenOutFile(settings));

    try (Store store = Store.open(settings)) {
      assertNull(store.restoredFrom());
      assertTrue(Files.exists(Store.givenOutFile(settings)), "kept from this start on");
    }
  }

  @Test
  void corruptDatabase_withoutBackup_refusesToStart(@TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Files.write(settings.dataFile(), new byte[] {1, 2, 3, 4});

    StoreException e = assertThrows(StoreException.class, () -> Store.open(settings));

    assertTrue(e.getMessage().contains("no backup"), e.getMessage());
  }

  @Test
  void databaseOfANewerDockcount_refusedNotRestoredFromBackup(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    try (Store store = Store.open(settings)) {
      store.backup();
    }
    // As a newer version's migration would leave it.
    try (var c = java.sql.DriverManager.getConnection(Store.url(settings.path()), "sa", "");
        var st = c.createStatement()) {
      st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
          + "\"description\", \"type\", \"script\", \"installed_by\", \"execution_time\", "
          + "\"success\") VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 'sa', 1, "
          + "TRUE)");
    }
    StoreException e = assertThrows(StoreException.class, () -> Store.open(settings));

    assertTrue(e.getMessage().matches("(?s).*was written by a newer dockcount \\(its schema "
        + "version 99; this one knows up to [1-9][0-9]\\): run that dockcount or a newer one, or "
        + "restore the copy its upgrade kept \\(dockcount-before-upgrade-\\*\\.zip in .*"),
        e.getMessage());
    assertTrue(e.needsOtherVersion(), "run exits 2: systemd does not start it again");
    assertTrue(Files.exists(settings.dataFile()), "left where it is");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".broken")),
          "not moved aside for a backup");
    }
  }

  @Test
  void storeOfAnOlderSchema_copyKeptBeforeItIsUpgraded_notOneOfTheRotatingBackups(
      @TempDir Path dir) throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    String url = Store.url(settings.path());
    org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "")
        .locations("classpath:db/migration").target("10").load().migrate();
    try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
        var st = c.createStatement()) {
      st.execute("INSERT INTO count_record (seq, kind, zone, station, counter, location, sku, "
          + "unit, qty, eaches, lot, raw, station_seq, round, snapshot_id, wall, clock_synced) "
          + "VALUES (7, 'COUNT', 'A', 'DOCK-1', 'ana', 'A-01-02-B', '00913', 'EA', 12, 12, '', "
          + "'00913', 1, 0, NULL, CURRENT_TIMESTAMP, 'unknown')");
    }

    try (Store store = Store.open(settings)) {
      Path kept = settings.backupDir().resolve("dockcount-before-upgrade-v10-000000000007.zip");
      assertTrue(Files.exists(kept), "the store as it was, for an older dockcount");
      assertEquals(1, Backups.verify(kept, settings), "with its count");
      assertEquals(1, store.loadZone("A").journal().size(), "upgraded with it");
      Path rotating = store.backup();
      for (int i = 0; i < 7; i++) {
        store.backup(); // more than backup.keep: the oldest rotating ones pruned
      }
      assertTrue(Files.exists(kept), "never pruned");
      assertTrue(Files.exists(rotating), "same journal number: the same file again");
    }
    try (Store again = Store.open(settings)) {
      try (var files = Files.list(settings.backupDir())) {
        assertEquals(1, files.filter(f -> f.getFileName().toString()
            .startsWith("dockcount-before-upgrade-")).count(), "kept once, at the upgrade");
      }
    }
  }

  @Test
  void storeDirectoryNotWritable_saysSoBeforeOpening(@TempDir Path dir) throws Exception {
    Path ro = Files.createDirectories(dir.resolve("ro"));
    StoreSettings settings = StoreSettings.under(ro);
    java.util.Set<java.nio.file.attribute.PosixFilePermission> readOnly =
        java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x");
    Files.setPosixFilePermissions(ro, readOnly);
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro),
          "running as root: permissions do not stop writes here, so nothing to test");

      StoreException e = assertThrows(StoreException.class, () -> Store.open(settings));

      assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(ro,
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void backups_keepOnlyTheNewest_leftoversOfKilledBackupsRemoved(@TempDir Path dir)
      throws Exception {
    StoreSettings base = StoreSettings.under(dir);
    StoreSettings settings = new StoreSettings(base.path(), true, base.groupCommitWindow(),
        base.maxBatch(), base.backupDir(), base.backupInterval(), 2, base.minFreeBytes(),
        base.keepRunLines(), base.keepWholeBooks());
    // What a process killed in a backup leaves: a partial copy and a verification directory.
    Files.createDirectories(settings.backupDir().resolve("verify-123/db"));
    Files.writeString(settings.backupDir().resolve("dockcount-000000000001.zip.partial"), "x");
    try (Store store = Store.open(settings)) {
      for (int i = 1; i <= 3; i++) {
        store.append(List.of(new JournalEntry.Count("A", record("A-1", "1", 1, i), 0, null)));
        store.backup();
      }
    }
    try (var files = Files.list(settings.backupDir())) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("dockcount-000000000002.zip", "dockcount-000000000003.zip"), names);
    }
    try (Store store = Store.open(settings)) {
      assertNull(store.restoredFrom());
      assertNotNull(store.clock());
    }
  }

  @Test
  void describe_fileSystemFailure_saidInWordsASupervisorCanActOn() {
    String closed = Store.describe(new java.sql.SQLException("Database is already closed",
        "90098", org.h2.api.ErrorCode.DATABASE_IS_CLOSED));
    String other = Store.describe(new java.sql.SQLException("Syntax error", "42000", 42000));

    assertTrue(closed.startsWith("the database file cannot be written (disk full"), closed);
    assertTrue(closed.endsWith("(H2: Database is already closed)"), closed);
    assertEquals("Syntax error", other);
  }
}
