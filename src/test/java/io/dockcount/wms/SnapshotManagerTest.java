package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.store.WmsLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SnapshotManagerTest {
  @TempDir Path dir;

  private static RawTable book(String... rows) {
    return new RawTable("book", "book.csv", List.of("sku", "location", "book_qty"),
        java.util.Arrays.stream(rows).map(r -> new RawTable.Row("line", List.of(r.split(",")),
            null)).toList());
  }

  @Test
  void refusedOrFailedDelivery_saysWhatOfEachKindItHeldWasKept() {
    assertEquals("the book in force kept", SnapshotManager.kept(Set.of("book")));
    assertEquals("the item master and UOM table in force kept",
        SnapshotManager.kept(Set.of("uom", "items")));
    assertEquals("the item master, barcode table and book in force kept; no movements taken in",
        SnapshotManager.kept(Set.of("book", "movements", "barcodes", "items")));
    assertEquals("no movements taken in", SnapshotManager.kept(Set.of("movements")));
    assertEquals("nothing taken in, the data in force kept", SnapshotManager.kept(Set.of()));
  }

  @Test
  void restart_newestWmsBookWinsOverStartUpFiles() {
    long wmsSnapshot;
    try (WmsFixture fx = new WmsFixture(dir)) {
      wmsSnapshot = ((SnapshotManager.Applied) fx.manager.offer(List.of(
          book("00913,A-01-02-B,24")), "drop", WmsFixture.T0)).snapshotId();
    }
    Store store = Store.open(StoreSettings.under(dir).withSync(false));
    try {
      // The service starts again from its start-up files, then the WMS sync restores.
      long startUp = store.saveMasterData(WmsFixture.FIRST, "start-up files", "first-again");
      SnapshotManager again = new SnapshotManager(new WmsLedger(store), LocationScheme.dashed(),
          new ColumnMap(), WmsFixture.FIRST, startUp, WmsFixture.T0.plusSeconds(3600));

      SnapshotManager.Applied[] restoredOut = new SnapshotManager.Applied[1];
      List<String> said = logged(() -> restoredOut[0] = again.restoreLatest());
      SnapshotManager.Applied restored = restoredOut[0];

      assertEquals(wmsSnapshot, restored.snapshotId());
      assertEquals(Set.of("A", "B"), restored.zones());
      // The start-up file has 30 at A-01-02-B; the WMS said 24: its book wins, and that is said.
      assertEquals(List.of("the start-up book file differs from the WMS's latest book (snapshot "
          + wmsSnapshot + ") in 1 of its 2 lines for zones [A, B]: the WMS's book is in force "
          + "there; new master data goes where the WMS delivers, not into the start-up files"),
          said);
      assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 24),
          new MasterData.BookLine("B-07-12-C", "0777", "", 10)), again.master().book());
    } finally {
      store.close();
    }
  }

  @Test
  void bookInAPcTheStartUpUomDisputes_refused_untilADeliveredUomTableReplacesIt() {
    // The start-up UOM file gave 00913's PC 10 eaches (PC,10): its row was rejected, the
    // dispute kept with the table in force.
    MasterData.Builder startUpUom = MasterData.builder();
    startUpUom.disputeEach("00913", "PC", 10);
    MasterData master = WmsFixture.FIRST.withEachDisputes(startUpUom.build().eachDisputes());
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
          new ColumnMap(), master, fx.firstSnapshot, WmsFixture.T0);
      List<RawTable> inPieces = List.of(new RawTable("book", "book.csv", List.of("sku",
          "location", "book_qty", "book_uom"), List.of(new RawTable.Row("line 2",
          List.of("00913", "A-01-02-B", "3", "pcs"), null))));

      SnapshotManager.Outcome refused = manager.offer(inPieces, "drop", WmsFixture.T0);
      SnapshotManager.Outcome uom = manager.offer(List.of(new RawTable("uom", "uom.csv",
          List.of("sku", "uom", "qty_per_uom"), List.of(new RawTable.Row("line 2",
          List.of("00913", "CS", "12"), null)))), "drop", WmsFixture.T0.plusSeconds(60));
      SnapshotManager.Outcome taken = manager.offer(inPieces, "drop",
          WmsFixture.T0.plusSeconds(120));

      // 3 PC is 3 or 30 eaches while that table is in force: the book in force is kept.
      assertEquals(List.of("book.csv: line 2: book_qty is in PCS of sku 00913, which the UOM "
          + "table in force makes PC = 10 EA but reads as each"),
          assertInstanceOf(SnapshotManager.Rejected.class, refused).problems());
      assertInstanceOf(SnapshotManager.Applied.class, uom);
      // The WMS's own table gives PC no factor: a piece is an each again.
      assertInstanceOf(SnapshotManager.Applied.class, taken);
      assertNull(manager.master().eachDispute("00913", "PC"));
      assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 3)),
          manager.master().book().stream().filter(b -> b.sku().equals("00913")).toList());
    }
  }

  @Test
  void bookOfZeroInAPcTheStartUpUomDisputes_applied_zeroEachesEitherWay() {
    MasterData.Builder startUpUom = MasterData.builder();
    startUpUom.disputeEach("00913", "PC", 10);
    MasterData master = WmsFixture.FIRST.withEachDisputes(startUpUom.build().eachDisputes());
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
          new ColumnMap(), master, fx.firstSnapshot, WmsFixture.T0);
      List<RawTable> book = List.of(new RawTable("book", "book.csv", List.of("sku",
          "location", "book_qty", "book_uom"), List.of(new RawTable.Row("line 2",
          List.of("00913", "A-01-02-B", "0", "pcs"), null))));

      SnapshotManager.Outcome outcome = manager.offer(book, "drop", WmsFixture.T0);

      // 0 PC is 0 eaches whether the site's PC is one or ten: nothing to refuse.
      assertInstanceOf(SnapshotManager.Applied.class, outcome, outcome::toString);
      assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 0)),
          manager.master().book().stream().filter(b -> b.sku().equals("00913")).toList());
    }
  }

  /** Runs {@code action} and returns what SnapshotManager logged meanwhile. */
  private static List<String> logged(Runnable action) {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(SnapshotManager.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    log.addAppender(seen);
    try {
      action.run();
    } finally {
      log.detachAppender(seen);
    }
    return seen.list.stream().map(e -> e.getFormattedMessage()).toList();
  }

  @Test
  void barcodeDeliveredInAUnitWithoutFactor_takenInAndSaidAtWarn() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager.Outcome[] o = new SnapshotManager.Outcome[1];
      List<String> said = logged(() -> o[0] = fx.manager.offer(List.of(new RawTable(
          "barcodes", "barcodes.csv", List.of("barcode", "sku", "uom"), List.of(
              new RawTable.Row("line 2", List.of("4006381333924", "00913", "CS"), null),
              new RawTable.Row("line 3", List.of("4006381333931", "00913", "PL"), null)))),
          "drop", WmsFixture.T0));

      assertTrue(o[0] instanceof SnapshotManager.Applied, o[0]::toString);
      assertEquals(List.of("wms: drop: 1 barcode(s) count a unit the UOM table gives their SKU "
          + "no factor for, so their scans are refused until it gives one; e.g. "
          + "04006381333931 (PL of 00913)"), said);
    }
  }

  @Test
  void restart_itemsUnitsAndBarcodesTheWmsDeliveredWinOverStartUpFiles() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      fx.manager.offer(List.of(new RawTable("items", "items.csv", List.of("sku", "unit_cost"),
          List.of(new RawTable.Row("line 2", List.of("00913", "12.3456"), null),
              new RawTable.Row("line 3", List.of("0555", "25.50"), null)))), "jdbc",
          WmsFixture.T0);
      fx.manager.offer(List.of(new RawTable("barcodes", "barcodes.csv",
          List.of("barcode", "sku", "uom"), List.of(new RawTable.Row("line 2",
              List.of("4006381333924", "00913", "CS"), null)))), "jdbc", WmsFixture.T0);
      fx.manager.offer(List.of(book("00913,A-01-02-B,24")), "jdbc", WmsFixture.T0);
    }
    Store store = Store.open(StoreSettings.under(dir).withSync(false));
    try {
      long startUp = store.saveMasterData(WmsFixture.FIRST, "start-up files", "first-again");
      SnapshotManager again = new SnapshotManager(new WmsLedger(store), LocationScheme.dashed(),
          new ColumnMap(), WmsFixture.FIRST, startUp, WmsFixture.T0.plusSeconds(3600));

      again.restoreLatest();

      // The WMS's costs and barcodes, not the start-up files' 2.50 and none; units it never
      // delivered stay the files'.
      assertEquals(new java.math.BigDecimal("12.3456"), again.master().cost("00913"));
      assertEquals(new java.math.BigDecimal("25.50"), again.master().cost("0555"));
      assertNull(again.master().cost("0777"), "the WMS's item master has no 0777");
      assertEquals("CS", again.master().barcodes().get("04006381333924").unit()); // its GTIN-14
      assertEquals(12, again.master().factor("00913", "CS"));
      assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 24),
          new MasterData.BookLine("B-07-12-C", "0777", "", 10)), again.master().book());
    } finally {
      store.close();
    }
  }

  private static RawTable items(String... rows) {
    return new RawTable("items", "items.csv", List.of("sku", "unit_cost"),
        java.util.Arrays.stream(rows).map(r -> new RawTable.Row("line", List.of(r.split(",")),
            null)).toList());
  }

  @Test
  void sameContentAgain_aDuplicate_unlessAnotherSourceReplacedItsKindsSince() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager.Outcome first = fx.manager.offer(List.of(items("00913,3.00")), "http",
          WmsFixture.T0);
      SnapshotManager.Outcome same = fx.manager.offer(List.of(items("00913,3.00")), "http",
          WmsFixture.T0);
      fx.manager.offer(List.of(items("00913,4.00")), "file items-2.csv", WmsFixture.T0);

      SnapshotManager.Outcome back = fx.manager.offer(List.of(items("00913,3.00")), "http",
          WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Applied.class, first);
      assertInstanceOf(SnapshotManager.Duplicate.class, same);
      assertInstanceOf(SnapshotManager.Applied.class, back, "the file replaced the items since");
      assertEquals(new java.math.BigDecimal("3.00"), fx.manager.master().cost("00913"));
    }
  }

  @Test
  void sameBookAgain_confirmsItIsCurrent_notStale_itsTimeForMovementsKept() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      fx.manager.offer(List.of(book("00913,A-01-02-B,24")), "jdbc", WmsFixture.T0);
      java.time.Instant later = WmsFixture.T0.plus(Duration.ofHours(30));

      SnapshotManager.Outcome again = fx.manager.offer(List.of(book("00913,A-01-02-B,24")),
          "jdbc", later);

      assertInstanceOf(SnapshotManager.Duplicate.class, again);
      Map<String, Duration> stale = SnapshotManager.stale(fx.manager.zones(),
          later.plus(Duration.ofMinutes(1)), Duration.ofHours(24));
      assertEquals(Set.of("B"), stale.keySet(), "A confirmed; B's book was never re-sent");
      assertEquals(WmsFixture.T0, fx.manager.zones().get("A").since());
    }
  }

  /** Stores one WMS movement, MV-1, of {@code qty} eaches at the present time; its log. */
  private static MovementLog movedNow(WmsFixture fx, String sku, String location, long qty) {
    MovementLog log = new MovementLog(new WmsLedger(fx.store), LocationScheme.dashed(),
        new ColumnMap());
    log.offer(new RawTable("movements", "movements.csv", List.of("movement_id", "sku",
        "location", "qty", "moved_at"), List.of(new RawTable.Row("line 2", List.of("MV-1", sku,
        location, Long.toString(qty), java.time.OffsetDateTime.now().toString()), null))),
        "drop");
    return log;
  }

  @Test
  void restart_movementAfterAZonesBookButBeforeAnotherZonesDelivery_appliedAgain()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir)) {
      fx.manager.offer(List.of(book("0777,B-07-12-C,10")), "drop", WmsFixture.T0);
      Thread.sleep(30);
      MovementLog log = movedNow(fx, "0777", "B-07-12-C", -4);
      Thread.sleep(30);
      // Zone A's book comes later; the newest snapshot merges zone B's older book into it.
      fx.manager.offer(List.of(book("00913,A-01-02-B,24")), "drop", WmsFixture.T0);
      assertEquals(List.of(new MasterData.BookLine("B-07-12-C", "0777", "", 6)), bookOf(
          log.adjust(fx.manager, List.of()), "B"), "before the restart: 10 - 4");

      // Restart: the newest snapshot is restored, and the movements applied again.
      SnapshotManager again = new SnapshotManager(new WmsLedger(fx.store),
          LocationScheme.dashed(), new ColumnMap(), WmsFixture.FIRST, 0, WmsFixture.T0);
      SnapshotManager.Applied restored = again.restoreLatest();
      MovementLog afterRestart = new MovementLog(new WmsLedger(fx.store),
          LocationScheme.dashed(), new ColumnMap());

      assertEquals(List.of(new MasterData.BookLine("B-07-12-C", "0777", "", 6)), bookOf(
          afterRestart.adjust(again, List.of(restored)), "B"), "not the unmoved 10");
      assertTrue(again.zones().get("B").since().isBefore(again.zones().get("A").since()),
          "zone B's book is as old as its own delivery: " + again.zones());
    }
  }

  @Test
  void restart_afterADeliveryForAnotherZone_movementOnTheStartUpBookStillApplied()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir)) {
      // Zone A's book is the start-up files' (stored by the fixture); a pick moves it.
      Thread.sleep(30);
      movedNow(fx, "00913", "A-01-02-B", -1);
      Thread.sleep(30);
      fx.manager.offer(List.of(book("0777,B-07-12-C,7")), "drop", java.time.Instant.now());

      // Restart: the same start-up files are stored again as a new snapshot (the latest is the
      // WMS's now), and taken as old as when they were first read, as WmsSync does.
      long again = fx.store.saveMasterData(WmsFixture.FIRST, "start-up files", "first");
      java.time.Instant since = fx.store.snapshotLoadedAt(again);
      SnapshotManager restarted = new SnapshotManager(new WmsLedger(fx.store),
          LocationScheme.dashed(), new ColumnMap(), WmsFixture.FIRST, again, since);
      SnapshotManager.Applied restored = restarted.restoreLatest();
      MovementLog afterRestart = new MovementLog(new WmsLedger(fx.store),
          LocationScheme.dashed(), new ColumnMap());

      assertTrue(again != fx.firstSnapshot, "stored anew: " + again);
      assertEquals(fx.store.snapshotLoadedAt(fx.firstSnapshot), since);
      assertEquals(List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 29)), bookOf(
          afterRestart.adjust(restarted, List.of(restored)), "A"), "30 - 1, not the unmoved 30");
      long wms = restored.snapshotId();
      assertEquals(again, restarted.zones().get("A").bookFrom(),
          "zone A's book came with the start-up files, the WMS's snapshot carries it over");
      assertEquals("snapshot " + again + ", carried into snapshot " + wms,
          restarted.zones().get("A").describe());
      assertEquals(wms, restarted.zones().get("B").bookFrom(), "the WMS brought zone B's");
    }
  }

  @Test
  void movements_emptyListWithoutHeader_noneNotRefused_databaseTimeRead_repeatsNotCountedNew() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      MovementLog log = new MovementLog(new WmsLedger(fx.store), LocationScheme.dashed(),
          new ColumnMap());
      // An HTTP API's empty list: no rows, so no field names either.
      SnapshotManager.Outcome none = log.offer(new RawTable("movements", "/movements",
          List.of(), List.of()), "http");
      // A timestamptz column read as text, as PostgreSQL's JDBC driver gives it.
      RawTable one = new RawTable("movements", "query movements", List.of("movement_id", "sku",
          "location", "qty", "moved_at"), List.of(new RawTable.Row("row 1", List.of("MV-7",
          "0777", "B-07-12-C", "-4", "2026-12-05 03:03:15.016566+00"), null)));
      SnapshotManager.Outcome first = log.offer(one, "jdbc");
      SnapshotManager.Outcome again = log.offer(one, "jdbc");

      assertEquals(new SnapshotManager.MovementsStored("http", 0), none);
      assertEquals(new SnapshotManager.MovementsStored("jdbc", 1), first);
      assertEquals(new SnapshotManager.MovementsStored("jdbc", 0), again, "stored already");
      assertEquals(java.time.Instant.parse("2026-12-05T03:03:15.016566Z"),
          MovementLog.time("2026-12-05 03:03:15.016566+00"));
      assertEquals(java.time.Instant.parse("2026-12-05T01:33:15Z"),
          MovementLog.time("2026-12-05 03:03:15+01:30"));
      assertNull(MovementLog.time("05/12/2026 03:03"));
    }
  }

  @Test
  void bookDeliveredWithNoMovements_noBookSaidMoved() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      MovementLog log = new MovementLog(new WmsLedger(fx.store), LocationScheme.dashed(),
          new ColumnMap());
      // Lines in the WMS's order, not dockcount's, with a SKU listed twice at one location.
      SnapshotManager.Outcome applied = fx.manager.offer(List.of(book("0777,B-07-12-C,10",
          "00913,A-01-02-B,24", "0555,A-01-01-A,3", "0777,B-07-12-C,2")), "drop",
          WmsFixture.T0);

      List<SnapshotManager.Outcome> first = log.adjust(fx.manager, List.of(applied));
      List<SnapshotManager.Outcome> later = log.adjust(fx.manager, List.of());

      assertInstanceOf(SnapshotManager.Applied.class, applied);
      assertEquals(List.of(), first, "no movement, so no zone's book moved");
      assertEquals(List.of(), later);
    }
  }

  @Test
  void movementDatedBeforeItsZonesBookWasTakenIn_saidOnceNotDroppedUnseen() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      fx.manager.offer(List.of(book("XM026,A-01-01-A,34300")), "drop", WmsFixture.T0);
      Instant since = fx.manager.zones().get("A").since();
      MovementLog log = new MovementLog(new WmsLedger(fx.store), LocationScheme.dashed(),
          new ColumnMap());
      log.offer(new RawTable("movements", "movements.csv", List.of("movement_id", "sku",
          "location", "qty", "moved_at"), List.of(new RawTable.Row("line 2", List.of("M1",
          "XM026", "A-01-01-A", "-980", since.minusSeconds(60).toString()), null))), "drop");

      List<SnapshotManager.Outcome> first = log.adjust(fx.manager, List.of());
      List<SnapshotManager.Outcome> second = log.adjust(fx.manager, List.of());

      Map<String, String> said = new java.util.TreeMap<>();
      first.forEach(o -> said.putAll(((SnapshotManager.BookMoved) o).reported()));
      assertEquals(Set.of("M1"), said.keySet());
      assertTrue(said.get("M1").startsWith("movement M1 (MOVE -980 EA of XM026 at A-01-01-A, "),
          said.get("M1"));
      assertTrue(said.get("M1").contains("before zone A's book was taken in"), said.get("M1"));
      assertTrue(second.isEmpty(), "said once: " + second);
    }
  }

  /** Returns a zone's lines of the moved book the outcomes carry. */
  private static List<MasterData.BookLine> bookOf(List<SnapshotManager.Outcome> outcomes,
      String zone) {
    for (SnapshotManager.Outcome o : outcomes) {
      if (o instanceof SnapshotManager.BookMoved m && m.zones().contains(zone)) {
        return m.master().book().stream().filter(b -> b.location().startsWith(zone + "-"))
            .toList();
      }
    }
    throw new AssertionError("zone " + zone + "'s book did not move: " + outcomes);
  }

  @Test
  void noWmsDeliveryYet_nothingToRestore() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      assertNull(fx.manager.restoreLatest());
    }
  }

  @Test
  void bookLineWithBlankLocation_rejectsWholeDelivery() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager.Outcome o = fx.manager.offer(List.of(book("00913,A-01-02-B,24",
          "00913, ,3")), "drop", WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals(List.of("book.csv: line: location is blank"), r.problems());
    }
  }

  @Test
  void databaseOrApiRowsWithKeysNoFileCouldHold_rejectedAsAFileRowIs() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      // As a query or an API sends them: a stray quote, a control character, a no-break space
      // or a spreadsheet's empty text guard for a key, a lot with a quote.
      RawTable book = new RawTable("book", "query book", List.of("sku", "location", "book_qty",
          "lot"), List.of(new RawTable.Row("row 1", List.of("00913", "A-01-02-B\"", "24", ""),
              null), new RawTable.Row("row 2", List.of("0777", "B-07-12-C\u0007", "10", ""),
              null), new RawTable.Row("row 3", List.of("\u00A0", "B-07-12-C", "3", ""), null),
          new RawTable.Row("row 4", List.of("=\"\"", "B-07-12-C", "3", ""), null),
          new RawTable.Row("row 5", List.of("0042", "B-07-12-C", "3", "L\"7"), null),
          new RawTable.Row("row 6", List.of("=\"0042\"", "B-07-12-C", "3", ""), null)), true);

      SnapshotManager.Outcome o = fx.manager.offer(List.of(book), "jdbc", WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals(List.of("query book: row 1 (sku 00913, location A-01-02-B\"): location "
          + "'A-01-02-B\"' holds a double quote, which no key, number or unit has: the export's "
          + "quoting is broken (a stray quote?); correct the row or export the file again",
          "query book: row 2 (sku 0777, location B-07-12-C\u0007): location 'B-07-12-C\u0007' "
              + "holds the control character 0x07, which no key, number or unit has (a damaged "
              + "or binary file?)",
          "query book: row 3 (sku \u00A0, location B-07-12-C): sku is blank",
          "query book: row 4 (sku =\"\", location B-07-12-C): sku is blank",
          "query book: row 5 (sku 0042, location B-07-12-C, lot L\"7): lot 'L\"7' holds a double "
              + "quote, which no key, number or unit has: the export's quoting is broken (a stray "
              + "quote?); correct the row or export the file again"), r.problems(),
          "a spreadsheet's text guard around a whole key (=\"0042\") is no stray quote");
    }
  }

  @Test
  void movementWithAStrayQuoteInItsLocation_rejectedWithItsReason() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      MovementLog log = new MovementLog(new WmsLedger(fx.store), LocationScheme.dashed(),
          new ColumnMap());
      RawTable one = new RawTable("movements", "movements.csv", List.of("movement_id", "sku",
          "location", "qty", "moved_at"), List.of(new RawTable.Row("line 2", List.of("MV-8",
          "0777", "B-07-12-C\"", "-4", "2026-12-05T03:03:15Z"), null)));

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class,
          log.offer(one, "drop"));

      assertEquals(List.of("movements.csv: line 2: location 'B-07-12-C\"' holds a double quote, "
          + "which no key, number or unit has: the export's quoting is broken (a stray quote?); "
          + "correct the row or export the file again"), r.problems());
    }
  }

  private static RawTable bookInUnits(String... rows) {
    List<RawTable.Row> out = new java.util.ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(new RawTable.Row("line " + (i + 2), List.of(rows[i].split(",")), null));
    }
    return new RawTable("book", "book.csv", List.of("sku", "location", "book_qty",
        "Unit of Measure"), out);
  }

  @Test
  void bookLineInCases_convertedWithTheUomTableInForceNeverReadAsEaches() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager.Outcome o = fx.manager.offer(List.of(bookInUnits(
          "00913,A-01-02-B,10,CS", "0777,B-07-12-C,3,EA")), "drop", WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Applied.class, o, o::toString);
      assertEquals(List.of("A-01-02-B 00913 120", "B-07-12-C 0777 3"), fx.bookInForce());
    }
  }

  @Test
  void bookLineInAUnitWithNoFactor_rejectsWholeDeliveryNeverReadAsEaches() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      SnapshotManager.Outcome o = fx.manager.offer(List.of(bookInUnits(
          "00913,A-01-02-B,10,PL", "0777,B-07-12-C,0.5,CS", "00913,A-01-03-B,0.3,CS")), "drop",
          WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals(List.of("book.csv: line 2: book_qty is in PL, which has no factor for sku "
          + "00913 in the UOM table", "book.csv: line 3: book_qty is in CS, which has no factor "
          + "for sku 0777 in the UOM table", "book.csv: line 4: book_qty 0.3 CS x 12 EA is not "
          + "a whole number of eaches"), r.problems());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void bookInCases_convertedWithTheDeliveredUomTableAndAgainWhenTheTableChanges() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      RawTable uom = new RawTable("uom", "uom.csv", List.of("sku", "uom", "qty_per_uom"),
          List.of(new RawTable.Row("line 2", List.of("00913", "CS", "6"), null)));
      RawTable book = bookInUnits("00913,A-01-02-B,10,CS");

      assertInstanceOf(SnapshotManager.Applied.class, fx.manager.offer(List.of(uom, book),
          "drop", WmsFixture.T0));
      assertEquals(List.of("A-01-02-B 00913 60", "B-07-12-C 0777 10"), fx.bookInForce(),
          "the delivery's 6 a case; zone B untouched");
      assertInstanceOf(SnapshotManager.Applied.class, fx.manager.offer(List.of(book), "drop",
          WmsFixture.T0.plusSeconds(30)), "a book alone after the book with its table");
      assertInstanceOf(SnapshotManager.Duplicate.class, fx.manager.offer(List.of(book), "drop",
          WmsFixture.T0.plusSeconds(40)), "the same book, the same table: a duplicate");
      RawTable uom24 = new RawTable("uom", "uom.csv", List.of("sku", "uom", "qty_per_uom"),
          List.of(new RawTable.Row("line 2", List.of("00913", "CS", "24"), null)));
      fx.manager.offer(List.of(uom24), "drop", WmsFixture.T0.plusSeconds(60));
      // The same book again is no duplicate: its eaches changed with the table.
      SnapshotManager.Outcome again = fx.manager.offer(List.of(book), "drop",
          WmsFixture.T0.plusSeconds(120));

      assertInstanceOf(SnapshotManager.Applied.class, again, again::toString);
      assertEquals(List.of("A-01-02-B 00913 240", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void barcodeForTwoUnitsOfOneSku_rejectsWholeDelivery() {
    try (WmsFixture fx = new WmsFixture(dir)) {
      RawTable codes = new RawTable("barcodes", "codes.csv", List.of("barcode", "sku", "uom"),
          List.of(new RawTable.Row("line 2", List.of("111", "00913", "CS"), null),
              new RawTable.Row("line 3", List.of("111", "00913", "EA"), null)));
      SnapshotManager.Outcome o = fx.manager.offer(List.of(book("00913,A-01-02-B,24"), codes),
          "drop", WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals(List.of("codes.csv: line 3: barcode 111 stands for both CS and EA of 00913"),
          r.problems());
    }
  }

  @Test
  void staleZones_olderThanMaxAge() {
    Map<String, SnapshotManager.ZoneSnapshot> zones = Map.of(
        "A", new SnapshotManager.ZoneSnapshot(1, WmsFixture.T0),
        "B", new SnapshotManager.ZoneSnapshot(2, WmsFixture.T0.plusSeconds(7200)));

    Map<String, Duration> stale = SnapshotManager.stale(zones,
        WmsFixture.T0.plusSeconds(3 * 3600), Duration.ofHours(2));

    assertEquals(Map.of("A", Duration.ofHours(3)), stale);
  }
}
