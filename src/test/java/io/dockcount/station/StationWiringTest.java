package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dockcount.core.Status;
import io.dockcount.core.station.Feedback;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SocatPair;
import io.dockcount.store.MasterData;
import io.dockcount.zone.LocationState;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through real pseudo-terminals: two stations in two zones, scanner bytes in,
 * feedback out only after the zone's durable acknowledgement, counts and a void and a rejected
 * scan in H2, a reconciliation run over what was scanned, and the station health alerts.
 */
@Timeout(90)
final class StationWiringTest {
  private static final String GS = "\u001d";

  @Test
  void twoStationsOnPtys_scansReachH2_feedbackFollowsTheAck_reconcileSeesThem(
      @TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    Files.createDirectories(dir.resolve("pty2"));
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        SocatPair dock2 = new SocatPair(dir.resolve("pty2")).plugIn();
        WiredService wired = new WiredService(dir,
            List.of(ScannerSettings.forPath("DOCK-1", "A", dock1.hostEnd().toString()),
                ScannerSettings.forPath("DOCK-2", "B", dock2.hostEnd().toString())),
            Map.of("DOCK-1", new StationSettings.Pins(17, 27)), "2s")) {
      List<StationOutcome> seen = new ArrayList<>();

      // DOCK-1, CR and CRLF: badge, location, an EAN-13 split over two reads, 2 cases keyed,
      // a GS1-128 case with lot and expiry, an unknown EAN-13, a VOID right after that red light
      // (it takes nothing back and says so), a VOID of that case, CLOSE.
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r\n");
      dock1.send("]E054123");
      dock1.send("45000013\r");
      StationOutcome firstCount = wired.await(o -> o.kind().equals("COUNT"), seen);
      assertEquals(DigitalState.HIGH, pin(wired, "station-DOCK-1-good").state());
      assertEquals(DigitalState.LOW, pin(wired, "station-DOCK-1-bad").state());
      dock1.send("QTY:2\r]C10115412345000010\r]C10115412345000010" + "10L42" + GS
          + "17291231\r]E04006381333931\r");
      StationOutcome unknown = wired.await(o -> o.kind().equals("REJECTED"), seen);
      assertEquals(DigitalState.HIGH, pin(wired, "station-DOCK-1-bad").state());
      dock1.send("CTL:VOID\rCTL:VOID\rCTL:CLOSE\r");
      wired.await(o -> o.station().equals("DOCK-1") && o.kind().equals("CLOSE"), seen);
      // DOCK-2, LF only: 24 eaches at B-07-12-C, then it goes silent with its counter logged in.
      dock2.send("BADGE:E077\nLOC:B-07-12-C\nQTY:24\n]E05412345000013\n");
      wired.await(o -> o.station().equals("DOCK-2") && o.kind().equals("COUNT"), seen);
      String silent = wired.awaitAlert(a -> a.startsWith("DOCK-2 silent"));
      dock2.unplug();
      String offline = wired.awaitAlert(a -> a.startsWith("DOCK-2 scanner offline"));
      Map<String, Zone.RunCompleted> runs = reconcileAll(wired);

      assertTrue(firstCount.journalSeq() > 0);
      assertEquals(Feedback.GOOD, firstCount.feedback());
      assertEquals("unknown barcode", unknown.detail());
      assertEquals(List.of("LABEL GOOD", "LABEL GOOD", "COUNT GOOD", "LABEL GOOD", "COUNT GOOD",
          "COUNT GOOD", "REJECTED BAD", "REJECTED BAD", "VOID GOOD", "CLOSE GOOD"),
          kinds(seen, "DOCK-1"));
      assertEquals(List.of("LABEL GOOD", "LABEL GOOD", "LABEL GOOD", "COUNT GOOD"),
          kinds(seen, "DOCK-2"));
      assertTrue(silent.contains("E077 is counting at B-07-12-C (zone B)"), silent);
      assertTrue(offline.contains("(zone B)"), offline);
      // A-01-02-B: 1 EA + 2 cases (the lot case voided) = 25 of 30 on book; A-01-03-A not
      // visited yet (missing); B-07-12-C: 24 of 24, but still open.
      assertEquals(Map.of(Status.SHORT, 1, Status.MISSING, 1), runs.get("A").byStatus());
      assertEquals(Map.of(Status.MATCHED, 1), runs.get("B").byStatus());
      assertEquals(1, runs.get("A").tasksCreated());
      assertEquals(List.of(25L), query(wired, "SELECT SUM(eaches) FROM count_record c WHERE "
          + "kind = 'COUNT' AND location = 'A-01-02-B' AND NOT EXISTS (SELECT 1 FROM "
          + "count_record v WHERE v.void_of = c.seq)"));
      assertEquals(List.of("L42"), query(wired, "SELECT lot FROM count_record WHERE seq = "
          + "(SELECT void_of FROM count_record WHERE kind = 'VOID')"));
      assertEquals(List.of("DOCK-1 ]E04006381333931 unknown barcode 4006381333931 (GTIN "
          + "04006381333931) \u2014 not in the barcode table", "DOCK-1 CTL:VOID the last scan "
          + "was refused and counted nothing: nothing taken back; CTL:VOID again takes back 1 CS "
          + "of 00913 at A-01-02-B"), query(wired, "SELECT station || ' ' || raw || ' ' || reason "
          + "FROM rejected_scan ORDER BY seq"));
    }
  }

  @Test
  void storeFull_scansRefused_yetTheStationSaysWhoScannedWhereAndWhen(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    java.time.Instant before = java.time.Instant.now();
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService wired = new WiredService(dir,
            List.of(ScannerSettings.forPath("DOCK-1", "A", dock1.hostEnd().toString())),
            Map.of(), "1h", com.typesafe.config.ConfigFactory.parseMap(Map.of(
                // more than any disk here has free: no count can be stored
                "dockcount.store.min-free-space", "1000000TB")))) {
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r");

      StationOutcome refused = wired.await(o -> o.sequence() == 3, seen);
      Map<String, io.dockcount.scan.StationActor.Status> now = wired.stations
          .status(java.time.Duration.ofSeconds(2)).toCompletableFuture()
          .get(5, java.util.concurrent.TimeUnit.SECONDS);

      assertEquals(Feedback.BAD, refused.feedback());
      assertTrue(refused.detail().contains("STORE FULL"), refused.detail());
      io.dockcount.scan.StationActor.Status dock = now.get("DOCK-1");
      assertEquals("E042", dock.counter());
      assertEquals("A-01-02-B", dock.location());
      assertTrue(dock.online());
      assertTrue(dock.lastFrame() != null && !dock.lastFrame().isBefore(before),
          String.valueOf(dock.lastFrame()));
      assertEquals(List.of(0L), query(wired, "SELECT COUNT(*) FROM count_record"));
    }
  }

  @Test
  void barcodesAndUnitsOfANewerSnapshot_reachTheStations(@TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E04006381333924\r");
      StationOutcome before = wired.await(o -> o.sequence() == 3, seen);
      assertEquals(Feedback.BAD, before.feedback());

      // The WMS delivers a barcode for an inner pack of 6 of 00913, and the unit.
      MasterData m = WiredService.MASTER;
      Map<String, MasterData.Barcode> codes = new HashMap<>(m.barcodes());
      codes.put("4006381333924", new MasterData.Barcode("4006381333924", "00913", "IP"));
      MasterData delivered = new MasterData(m.items(),
          Map.of("00913", Map.of("CS", 12L, "IP", 6L)), codes, m.book());
      wired.service.router().tell(new ZoneRouter.BookUpdated(99, delivered, Set.of("A")));
      StationOutcome after = null;
      long deadline = System.nanoTime() + 10_000_000_000L;
      for (int seq = 4; System.nanoTime() < deadline; seq++) {
        dock1.send("]E04006381333924\r");
        int wanted = seq;
        after = wired.await(o -> o.sequence() == wanted, seen);
        if (after.feedback() == Feedback.GOOD) {
          break;
        }
        Thread.sleep(100);
      }

      assertEquals(Feedback.GOOD, after.feedback(), seen::toString);
      assertEquals("1 IP of 00913 at A-01-02-B", after.detail());
    }
  }

  @Test
  void locationLabelInAZoneTheBookLacks_redAtTheLabelNotAtTheNextScan(@TempDir Path dir)
      throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:ZZ-01-01-A\rCTL:CLOSE\rLOC:A-01-02-B\r");

      StationOutcome stray = wired.await(o -> o.sequence() == 2, seen);
      StationOutcome good = wired.await(o -> o.sequence() == 4, seen);

      assertEquals(Feedback.BAD, stray.feedback());
      assertTrue(stray.detail().contains("zone ZZ, which the book does not have"),
          stray.detail());
      assertEquals(Feedback.GOOD, good.feedback());
      assertEquals("location A-01-02-B", good.detail());
    }
  }

  @Test
  void misScannedLabelWhileALocationIsOpen_redAtTheLabelAndTheOpenLocationStaysOpen(
      @TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\rLOC:ZZ-01-01-A\r"
          + "LOC:A-01-03-A\r");

      StationOutcome stray = wired.await(o -> o.sequence() == 4, seen);
      StationOutcome next = wired.await(o -> o.sequence() == 5, seen);

      assertEquals(Feedback.BAD, stray.feedback(), "the mis-scanned label itself is red");
      assertTrue(stray.detail().contains("zone ZZ"), stray.detail());
      assertEquals(Feedback.GOOD, next.feedback(), next.detail());
      assertEquals("closed A-01-02-B; now at A-01-03-A", next.detail(),
          "the good label closes the location really open, counted 1 of 30, not the stray");
      assertEquals(LocationState.CLOSED, zoneState(wired, "A", "A-01-02-B"));
    }
  }

  @Test
  void scansAfterARefusedLabel_keptAtTheLocationTheStationIsAt_notTheRefusedOne(
      @TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      one.dock1().send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\rLOC:ZZ-01-01-A\r"
          + "]E04006381333931\r]E05412345000013\rLOC:A-01-03-A\r");

      StationOutcome product = wired.await(o -> o.sequence() == 6, seen);
      StationOutcome next = wired.await(o -> o.sequence() == 7, seen);

      assertEquals(Feedback.BAD, product.feedback(), "not counted anywhere: " + product);
      assertEquals("closed A-01-02-B; now at A-01-03-A", next.detail());
      assertEquals(List.of(1L), query(wired, "SELECT SUM(eaches) FROM count_record"),
          "the product after the refused label counted nowhere");
      // The label, the unknown barcode and the product: each at A-01-02-B, where the station
      // stayed; the label's and the product's reasons name the refused label.
      assertEquals(List.of("A-01-02-B LOC:ZZ-01-01-A", "A-01-02-B ]E04006381333931",
          "A-01-02-B ]E05412345000013"), query(wired, "SELECT location || ' ' || raw FROM "
              + "rejected_scan ORDER BY seq"));
      List<Object> reasons = query(wired, "SELECT reason FROM rejected_scan ORDER BY seq");
      assertTrue(reasons.get(0).toString().contains("zone ZZ, which the book does not have"),
          reasons.toString());
      assertEquals("not counted: the label of location ZZ-01-01-A was refused; scan a location "
          + "label that can be counted", reasons.get(2));
      assertEquals(reasons.get(2), product.detail());
    }
  }

  @Test
  void closeAfterARefusedLabel_closesNothingAndIsKeptWhereTheStationIs(@TempDir Path dir)
      throws Exception {
    try (Docks one = Docks.one(dir)) {
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      one.dock1().send("BADGE:E042\rLOC:A-01-02-B\rLOC:ZZ-01-01-A\rCTL:CLOSE\r"
          + "LOC:A-01-02-B\rCTL:CLOSE\r");

      StationOutcome stray = wired.await(o -> o.sequence() == 4, seen);
      StationOutcome closed = wired.await(o -> o.sequence() == 6, seen);

      assertEquals(Feedback.BAD, stray.feedback());
      assertEquals("nothing closed: the label of location ZZ-01-01-A was refused; A-01-02-B "
          + "stays open: scan its label, then CTL:CLOSE", stray.detail());
      assertEquals(Feedback.GOOD, closed.feedback(), closed.detail());
      assertTrue(closed.detail().startsWith("closed A-01-02-B"), closed.detail());
      assertEquals(List.of("A-01-02-B LOC:ZZ-01-01-A", "A-01-02-B CTL:CLOSE"), query(wired,
          "SELECT location || ' ' || raw FROM rejected_scan ORDER BY seq"));
    }
  }

  @Test
  void scansAfterARefusedFirstLabel_keptAtNoLocation(@TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      one.dock1().send("BADGE:E042\rLOC:ZZ-01-01-A\r]E04006381333931\r]E05412345000013\r");

      StationOutcome product = wired.await(o -> o.sequence() == 4, seen);

      assertEquals(Feedback.BAD, product.feedback(), product.toString());
      assertEquals(List.of("- LOC:ZZ-01-01-A", "- ]E04006381333931", "- ]E05412345000013"),
          query(wired, "SELECT COALESCE(NULLIF(location, ''), '-') || ' ' || raw FROM "
              + "rejected_scan ORDER BY seq"));
    }
  }

  @Test
  void clearWithNothingKeyed_redAndKeptWithTheRefusedScans(@TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      List<StationOutcome> seen = new ArrayList<>();
      one.dock1().send("BADGE:E042\rLOC:A-01-02-B\rCTL:CLEAR\rQTY:3\rCTL:CLEAR\r");

      StationOutcome nothing = one.wired().await(o -> o.sequence() == 3, seen);
      StationOutcome cleared = one.wired().await(o -> o.sequence() == 5, seen);

      assertEquals(Feedback.BAD, nothing.feedback(), "no green light for a CLEAR that did nothing");
      assertEquals("nothing to clear: no quantity keyed", nothing.detail());
      assertEquals(Feedback.GOOD, cleared.feedback());
      assertEquals("quantity cleared", cleared.detail());
      assertEquals(List.of("DOCK-1 E042 A-01-02-B CTL:CLEAR nothing to clear: no quantity keyed"),
          query(one.wired(), "SELECT station || ' ' || counter || ' ' || location || ' ' || raw"
              + " || ' ' || reason FROM rejected_scan ORDER BY seq"));
    }
  }

  @Test
  void barcodeAStoredWmsDeliveryGaveTwoMeanings_redNamingBothAndKeptWithItsReason(
      @TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    // A barcodes block the WMS delivered before codes were kept under their GTIN-14: one GTIN
    // in two forms, for two SKUs. A restart reads it back from the store.
    MasterData delivered = new MasterData(WiredService.MASTER.items(), WiredService.MASTER.uom(),
        Map.of("5412345000013", new MasterData.Barcode("5412345000013", "00913", "EA"),
            "05412345000013", new MasterData.Barcode("05412345000013", "0777", "EA")),
        WiredService.MASTER.book());
    MasterData restored;
    try (io.dockcount.store.Store store = io.dockcount.store.Store.open(
        io.dockcount.store.StoreSettings.under(dir))) {
      io.dockcount.store.WmsLedger ledger = new io.dockcount.store.WmsLedger(store);
      ledger.saveImport(delivered, "wms http", "h-two-forms", "barcodes,book", "A,B");
      restored = ledger.withDeliveredMaster(WiredService.MASTER);
    }
    Files.createDirectories(dir.resolve("pty1"));
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService wired = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1", "A",
            dock1.hostEnd().toString())), Map.of(), "1h",
            com.typesafe.config.ConfigFactory.empty(), restored)) {
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r");

      StationOutcome scan = wired.await(o -> o.sequence() == 3, seen);

      String why = "barcode with two meanings: 5412345000013 (GTIN 05412345000013) stands for EA"
          + " of 0777 and EA of 00913 in the barcode table \u2014 counted as neither until the"
          + " table gives it one meaning";
      assertEquals(Feedback.BAD, scan.feedback());
      assertEquals(why, scan.detail());
      assertEquals(List.of("DOCK-1 ]E05412345000013 " + why), query(wired, "SELECT station || "
          + "' ' || raw || ' ' || reason FROM rejected_scan ORDER BY seq"));
      assertEquals(List.of(0L), query(wired, "SELECT COUNT(*) FROM count_record"));
    }
  }

  @Test
  void barcodeInAnEachSpellingTheUomTableGivesAnotherFactor_heldForItsSkuSayingWhy(
      @TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    // The site's UOM table says a PC of 00913 is 10 eaches; PC reads as each. The barcode row
    // in PCS is refused at start, but a scan of it must say why, not "unknown barcode", and be
    // held for 00913 so that its line is not closed as if nothing had been scanned.
    Path book = Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n"
        + "00913,A-01-02-B,24\n");
    Path uom = Files.writeString(dir.resolve("uom.csv"), "sku,uom,qty_per_uom\n00913,PC,10\n");
    Path codes = Files.writeString(dir.resolve("codes.csv"), "barcode,sku,uom\n"
        + "5412345000013,00913,PCS\n");
    MasterData files = io.dockcount.app.MasterDataFiles.load(
        new io.dockcount.app.ServiceSettings.Inputs(book, null, uom, codes),
        new io.dockcount.csv.ColumnMap()).data();
    Files.createDirectories(dir.resolve("pty1"));
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService wired = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1", "A",
            dock1.hostEnd().toString())), Map.of(), "1h",
            com.typesafe.config.ConfigFactory.empty(), files)) {
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r");

      StationOutcome scan = wired.await(o -> o.sequence() == 3, seen);

      String why = "PCS of sku 00913 is in doubt: the UOM table gives PC = 10 EA, but PCS reads"
          + " as one each; not counted until the tables agree";
      assertEquals(Feedback.BAD, scan.feedback());
      assertEquals(why, scan.detail());
      // Held in the zone's first round, for 00913: its line is flagged, not closed without it.
      assertEquals(List.of("00913 0 " + why), query(wired, "SELECT sku || ' ' || held_round || "
          + "' ' || reason FROM rejected_scan ORDER BY seq"));
      assertEquals(List.of(0L), query(wired, "SELECT COUNT(*) FROM count_record"));
    }
  }

  @Test
  void locationOpenWhenTheServiceStopped_reportedAtStartStaysOpenUntilClosed(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    List<StationOutcome> seen = new ArrayList<>();
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService before = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1",
            "A", dock1.hostEnd().toString())), Map.of(), "1h")) {
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r]E05412345000013\r");
      before.await(o -> o.sequence() == 4 && o.kind().equals("COUNT"), seen);
      // Open at DOCK-1 while the service runs: nothing to report.
      assertTrue(before.alerts.stream().noneMatch(a -> a.contains("A-01-02-B")),
          before.alerts.toString());
    }

    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService after = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1",
            "A", dock1.hostEnd().toString())), Map.of(), "1h")) {
      String line = after.awaitAlert(a -> a.contains("A-01-02-B"));

      assertEquals("zone A: location A-01-02-B has 2 counts (first count) and no station has "
          + "had it open since the service started; it stays open (not reconciled as closed) until "
          + "a counter scans its label and closes it (CTL:CLOSE), or a supervisor closes its "
          + "zone", line);
      assertEquals(new Zone.LocationDetail(LocationState.OPEN, 0, 2),
          detail(after, "A", "A-01-02-B"), "not closed for them");
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<Object> raised = List.of();
      while (raised.isEmpty() && System.nanoTime() < until) {
        raised = query(after, "SELECT kind || ' ' || zone || ' ' || location || ' ' || message "
            + "FROM notification_outbox WHERE kind = 'LOCATION_LEFT_OPEN'");
        Thread.sleep(50);
      }
      assertEquals(List.of("LOCATION_LEFT_OPEN A A-01-02-B ALERT " + line), raised,
          "the supervisors are told");
      // The counter comes back: the label says what is stored there, and closing it works.
      dock1.send("BADGE:E042\rLOC:A-01-02-B\rCTL:CLOSE\r");
      StationOutcome label = after.await(o -> o.sequence() == 2, seen);
      StationOutcome close = after.await(o -> o.sequence() == 3, seen);
      assertTrue(label.detail().contains("2 counts"), label.detail());
      assertEquals(Feedback.GOOD, close.feedback(), close.detail());
      assertEquals(LocationState.CLOSED, zoneState(after, "A", "A-01-02-B"));
    }
  }

  @Test
  void locationLeftOpenByALogoutForTheLeftOpenTime_reportedOnceThenNotAgain(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    List<StationOutcome> seen = new ArrayList<>();
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService wired = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1",
            "A", dock1.hostEnd().toString())), Map.of(), "1h",
            com.typesafe.config.ConfigFactory.parseMap(Map.of(
                "dockcount.counting.left-open-alert", "2s")))) {
      // The counter logs out without closing the location: nobody has it open any more.
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\rCTL:LOGOUT\r");
      wired.await(o -> o.sequence() == 4 && o.detail().equals("logged out"), seen);

      String line = wired.awaitAlert(a -> a.contains("A-01-02-B"));

      assertEquals("zone A: location A-01-02-B has 1 count (first count) and no station has had "
          + "it open for 2s; it stays open (not reconciled as closed) until a counter scans its "
          + "label and closes it (CTL:CLOSE), or a supervisor closes its zone", line);
      Thread.sleep(3000); // a second report would come a look (1 s) after the first
      assertTrue(wired.alerts.stream().noneMatch(a -> a.contains("A-01-02-B")),
          "reported once: " + wired.alerts);
      assertEquals(new Zone.LocationDetail(LocationState.OPEN, 0, 1),
          detail(wired, "A", "A-01-02-B"));
    }
  }

  @Test
  void locationLeftOpen_reportedOnceAcrossRestarts_untilAStationOpensItAgain(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    List<StationOutcome> seen = new ArrayList<>();
    String[] line = {null};
    // 1: counted, then left by a logout before the stop.
    wiredAt(dir, wired -> {
      wired.dock1().send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\rCTL:LOGOUT\r");
      wired.wired().await(o -> o.sequence() == 4 && o.detail().equals("logged out"), seen);
    });
    // 2: reported at start, as what is known: no station has had it open since.
    wiredAt(dir, wired -> {
      line[0] = wired.wired().awaitAlert(a -> a.contains("A-01-02-B"));
      awaitLeftOpenRows(wired.wired(), 1);
    });
    assertEquals("zone A: location A-01-02-B has 1 count (first count) and no station has had "
        + "it open since the service started; it stays open (not reconciled as closed) until a "
        + "counter scans its label and closes it (CTL:CLOSE), or a supervisor closes its zone",
        line[0]);
    // 3: still left open: not raised again. Its counter comes back: the report is over.
    wiredAt(dir, wired -> {
      assertEquals("zone A: location A-01-02-B is still left open (first count), as reported "
          + "before this start: not raised again",
          wired.wired().awaitAlert(a -> a.contains("A-01-02-B")), "the health line only");
      wired.dock1().send("BADGE:E042\rLOC:A-01-02-B\r");
      wired.wired().await(o -> o.sequence() == 2, seen);
      List<Object> rows = awaitLeftOpenRows(wired.wired(), 2);
      assertEquals(List.of("ALERT " + line[0], "ALERT cleared: zone A: location A-01-02-B, "
          + "reported left open, is open at DOCK-1 again"), rows);
      assertTrue(wired.wired().alerts.stream().noneMatch(a -> a.contains("has 1 count")),
          "not raised again: " + wired.wired().alerts);
    });
    // 4: the stop left it open at DOCK-1: a new report.
    wiredAt(dir, wired -> {
      wired.wired().awaitAlert(a -> a.contains("A-01-02-B"));
      assertEquals(3, awaitLeftOpenRows(wired.wired(), 3).size());
    });
    try (io.dockcount.store.Store store = io.dockcount.store.Store.open(
        io.dockcount.store.StoreSettings.under(dir))) {
      assertEquals(java.util.Set.of("A-01-02-B\n0"),
          new io.dockcount.store.AlertOutbox(store).leftOpenReported());
    }
  }

  /** What a test does with a service started over {@code dir} and its scanner DOCK-1. */
  private interface WithService {
    void run(Docks wired) throws Exception;
  }

  private static void wiredAt(Path dir, WithService body) throws Exception {
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn();
        WiredService wired = new WiredService(dir, List.of(ScannerSettings.forPath("DOCK-1",
            "A", dock1.hostEnd().toString())), Map.of(), "1h")) {
      body.run(new Docks(dock1, null, wired));
    }
  }

  /** The location-left-open rows of the outbox, once there are {@code n}, oldest first. */
  private static List<Object> awaitLeftOpenRows(WiredService wired, int n) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<Object> rows = List.of();
    while (rows.size() < n && System.nanoTime() < until) {
      Thread.sleep(50);
      rows = query(wired, "SELECT message FROM notification_outbox WHERE kind = "
          + "'LOCATION_LEFT_OPEN' ORDER BY id");
    }
    assertEquals(n, rows.size(), rows.toString());
    return rows;
  }

  @Test
  void labelOfAClosedLocation_redAtTheLabel(@TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\rCTL:CLOSE\rLOC:A-01-02-B\r");

      StationOutcome again = wired.await(o -> o.sequence() == 5, seen);

      assertEquals(Feedback.BAD, again.feedback());
      assertEquals("location A-01-02-B is closed: not counting (a supervisor can ask for a "
          + "recount)", again.detail());
    }
  }

  /**
   * A counter logs in at DOCK-1, opens A-01-02-B and counts one unit (scan 3); then a
   * supervisor sends the location to recount. Returns scan 3's outcome.
   */
  private static StationOutcome countOneThenSendToRecount(Docks one,
      List<StationOutcome> seen) throws Exception {
    one.dock1().send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r");
    StationOutcome stored = one.wired().await(o -> o.sequence() == 3, seen);
    sendToRecount(one.wired());
    return stored;
  }

  /**
   * A supervisor closes A-01-02-B (as closing the zone does); 1 of 30 is a variance, so the run
   * sends it to recount, round 1.
   */
  private static void sendToRecount(WiredService wired) throws Exception {
    var system = wired.service.system();
    AskPattern.<ZoneRouter.Command, StatusReply<Zone.LocationChanged>>ask(
        wired.service.router(), r -> new ZoneRouter.Route(new Zone.CloseLocation("A-01-02-B",
            "maria", r)), Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join();
    ZoneRouter.Zones zones = AskPattern.<ZoneRouter.Command, ZoneRouter.Zones>ask(
        wired.service.router(), ZoneRouter.GetZones::new, Duration.ofSeconds(10),
        system.scheduler()).toCompletableFuture().join();
    AskPattern.<Zone.Command, Zone.RunCompleted>ask(zones.zones().get("A"),
        Zone.Reconcile::new, Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join();
    assertEquals(LocationState.RECOUNT_REQUESTED, zoneState(wired, "A", "A-01-02-B"));
  }

  @Test
  void voidOfACountTheZoneRefused_redTakesNothingBackNextVoidReachesTheCountBefore(
      @TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      StationOutcome stored = countOneThenSendToRecount(one, seen);

      dock1.send("]E05412345000013\rCTL:VOID\rCTL:VOID\r");
      StationOutcome refused = wired.await(o -> o.sequence() == 4, seen);
      StationOutcome firstVoid = wired.await(o -> o.sequence() == 5, seen);
      StationOutcome secondVoid = wired.await(o -> o.sequence() == 6, seen);

      assertEquals(Feedback.BAD, refused.feedback());
      assertEquals(Feedback.BAD, firstVoid.feedback(), "nothing was taken back: not green");
      // In its words if the zone's refusal reached the station first, else in the link's.
      assertTrue(firstVoid.detail().startsWith("the last scan was refused and counted nothing: "
          + "nothing taken back; CTL:VOID again takes back 1 EA of 00913")
          || firstVoid.detail().equals("nothing taken back: scan 4 was refused, not counted; "
              + "CTL:VOID again takes back the count before it"), firstVoid.detail());
      // The second reaches scan 3's stored count, which its closed round keeps.
      assertEquals("count " + stored.journalSeq() + " at A-01-02-B belongs to its first count, "
          + "already closed: it cannot be voided", secondVoid.detail());
    }
  }

  @Test
  void palletTheZoneRefused_countsWhenScannedAgain_onlyAStoredOneIsRefusedAtTheStation(
      @TempDir Path dir) throws Exception {
    String pallet = "]C1" + "00005412345000000015" + "0215412345000010" + "3748\r";
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      countOneThenSendToRecount(one, seen);

      // Scan 4 at the location sent to recount: the zone refuses it. Then another location.
      dock1.send(pallet + "LOC:A-01-03-A\r" + pallet);
      StationOutcome refused = wired.await(o -> o.sequence() == 4, seen);
      StationOutcome counted = wired.await(o -> o.sequence() == 6, seen);
      dock1.send(pallet);
      StationOutcome repeat = wired.await(o -> o.sequence() == 7, seen);

      assertEquals(Feedback.BAD, refused.feedback());
      assertEquals(Feedback.GOOD, counted.feedback(), "not refused for scan 4: " + counted);
      assertEquals(Feedback.BAD, repeat.feedback());
      assertEquals("pallet already counted: SSCC 005412345000000015 counted at A-01-03-A as "
          + "scan 6", repeat.detail(), "stored: refused at the station, saying where");
    }
  }

  @Test
  void locationClosedBySupervisorWhileOpenAtAStation_laterScansThereRefusedNotCountedIntoTheRecount(
      @TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      SocatPair dock1 = one.dock1();
      WiredService wired = one.wired();
      List<StationOutcome> seen = new ArrayList<>();
      countOneThenSendToRecount(one, seen);

      dock1.send("]E05412345000013\rCTL:CLOSE\rLOC:A-01-02-B\r]E05412345000013\r");
      StationOutcome late = wired.await(o -> o.sequence() == 4, seen);
      StationOutcome close = wired.await(o -> o.sequence() == 5, seen);
      StationOutcome relabel = wired.await(o -> o.sequence() == 6, seen);
      StationOutcome recount = wired.await(o -> o.sequence() == 7, seen);

      assertEquals(Feedback.BAD, late.feedback());
      assertTrue(late.detail().contains("was closed and sent to recount 1 since this "
          + "station opened it"), late.detail());
      assertEquals(Feedback.BAD, close.feedback(), "the recount is not closed empty");
      assertEquals(LocationState.RECOUNT_REQUESTED, zoneState(wired, "A", "A-01-02-B"));
      assertEquals(Feedback.GOOD, relabel.feedback(), relabel.detail());
      assertEquals("location A-01-02-B: RECOUNT 1: count every SKU here again; the "
          + "earlier count is set aside", relabel.detail());
      assertEquals(Feedback.GOOD, recount.feedback(), "scanned again, the recount counts");
    }
  }

  @Test
  void serviceStop_closesScannersWithoutDisconnectionAlerts(@TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty1"));
    try (SocatPair dock1 = new SocatPair(dir.resolve("pty1")).plugIn()) {
      WiredService wired = new WiredService(dir,
          List.of(ScannerSettings.forPath("DOCK-1", "A", dock1.hostEnd().toString())),
          Map.of(), "1h");
      List<StationOutcome> seen = new ArrayList<>();
      dock1.send("BADGE:E042\rLOC:A-01-02-B\r");
      wired.await(o -> o.station().equals("DOCK-1") && o.sequence() == 2, seen);

      wired.close(); // as SIGTERM does: coordinated shutdown

      List<String> alerts = new ArrayList<>(wired.alerts);
      assertTrue(alerts.stream().noneMatch(a -> a.contains("offline")
          || a.contains("disconnected") || a.contains("stopped")), alerts.toString());
    }
  }

  @Test
  void labelThatClosesThePreviousLocation_stillSaysWhatIsStoredAtTheNextOne(@TempDir Path dir)
      throws Exception {
    try (Docks two = Docks.two(dir)) {
      WiredService wired = two.wired();
      List<StationOutcome> seen = new ArrayList<>();
      two.dock1().send("BADGE:E042\rLOC:A-01-02-B\r]E05412345000013\r");
      wired.await(o -> o.station().equals("DOCK-1") && o.kind().equals("COUNT"), seen);
      two.dock3().send("BADGE:E077\rLOC:A-01-03-A\rLOC:A-01-02-B\r");

      StationOutcome moved = wired.await(o -> o.station().equals("DOCK-3") && o.sequence() == 3,
          seen);

      assertTrue(moved.detail().endsWith("; now at A-01-02-B: 1 count already stored here: go "
          + "on, do not scan them again"), moved.detail());
    }
  }

  /**
   * Logs E042 in at DOCK-1 and E077 at DOCK-3 and opens {@code location} at both, one after the
   * other; returns the outcomes seen so far.
   */
  private static List<StationOutcome> bothOpen(Docks two, String location) throws Exception {
    List<StationOutcome> seen = new ArrayList<>();
    two.dock1().send("BADGE:E042\rLOC:" + location + "\r");
    two.wired().await(o -> o.station().equals("DOCK-1") && o.sequence() == 2, seen);
    two.dock3().send("BADGE:E077\rLOC:" + location + "\r");
    two.wired().await(o -> o.station().equals("DOCK-3") && o.sequence() == 2, seen);
    return seen;
  }

  @Test
  void locationOpenAtTwoStations_closesInTheZoneOnlyWhenTheLastStationCloses(@TempDir Path dir)
      throws Exception {
    try (Docks two = Docks.two(dir)) {
      SocatPair dock1 = two.dock1();
      SocatPair dock3 = two.dock3();
      WiredService wired = two.wired();
      List<StationOutcome> seen = bothOpen(two, "A-01-03-A");

      dock1.send("CTL:CLOSE\r");
      StationOutcome firstClose = wired.await(o -> o.station().equals("DOCK-1")
          && o.kind().equals("CLOSE"), seen);
      dock3.send("QTY:10\r]C10100000000007771\r");
      StationOutcome counted = wired.await(o -> o.kind().equals("COUNT"), seen);
      LocationState afterFirst = zoneState(wired, "A", "A-01-03-A");
      dock3.send("CTL:CLOSE\r");
      StationOutcome lastClose = wired.await(o -> o.station().equals("DOCK-3")
          && o.kind().equals("CLOSE"), seen);

      assertEquals("done here; A-01-03-A still open at DOCK-3", firstClose.detail());
      assertEquals(Feedback.GOOD, counted.feedback());
      assertEquals(null, afterFirst);
      assertEquals("closed A-01-03-A", lastClose.detail());
      assertEquals(LocationState.CLOSED, zoneState(wired, "A", "A-01-03-A"));

      // The other way round: the station that closes last scanned nothing there, but the
      // location holds a count, so it was not found empty.
      dock1.send("LOC:A-01-02-B\r]E05412345000013\r");
      wired.await(o -> o.station().equals("DOCK-1") && o.kind().equals("COUNT")
          && o.detail().contains("A-01-02-B"), seen);
      dock3.send("LOC:A-01-02-B\r");
      // The label says what is stored there already, so DOCK-3 does not count it again.
      wired.await(o -> o.station().equals("DOCK-3") && o.detail().equals("location A-01-02-B: "
          + "1 count already stored here: go on, do not scan them again"), seen);
      dock1.send("CTL:CLOSE\r");
      wired.await(o -> o.station().equals("DOCK-1") && o.kind().equals("CLOSE")
          && o.detail().contains("A-01-02-B"), seen);
      dock3.send("CTL:CLOSE\r");
      StationOutcome noneHere = wired.await(o -> o.station().equals("DOCK-3")
          && o.kind().equals("CLOSE") && o.detail().contains("A-01-02-B"), seen);

      assertEquals("closed A-01-02-B: 1 count there from before, none from this station since",
          noneHere.detail());
    }
  }

  @Test
  void labelClosingALocationWhereNothingWasScanned_saysFoundEmptyAndWhereTheStationIsNow(
      @TempDir Path dir) throws Exception {
    try (Docks one = Docks.one(dir)) {
      List<StationOutcome> seen = new ArrayList<>();
      one.dock1().send("BADGE:E042\rLOC:A-01-02-B\rLOC:A-01-03-A\r");

      StationOutcome next = one.wired().await(o -> o.sequence() == 3, seen);

      assertEquals(Feedback.GOOD, next.feedback(), next.detail());
      assertEquals("closed A-01-02-B: nothing scanned here, so its book SKUs count as 0 (found "
          + "empty); now at A-01-03-A", next.detail());
    }
  }

  @Test
  void lastStationLogsOutOfALocationAnotherFinished_closedForTheCounterWhoFinished(
      @TempDir Path dir) throws Exception {
    try (Docks two = Docks.two(dir)) {
      SocatPair dock1 = two.dock1();
      SocatPair dock3 = two.dock3();
      WiredService wired = two.wired();
      List<StationOutcome> seen = bothOpen(two, "A-01-03-A");
      dock3.send("QTY:10\r]C10100000000007771\rCTL:CLOSE\r");
      StationOutcome done = wired.await(o -> o.station().equals("DOCK-3")
          && o.kind().equals("CLOSE"), seen);
      assertEquals("done here; A-01-03-A still open at DOCK-1", done.detail());

      dock1.send("CTL:LOGOUT\r");
      StationOutcome out = wired.await(o -> o.station().equals("DOCK-1")
          && o.detail().startsWith("logged out"), seen);
      assertEquals("logged out; closed A-01-03-A for E077, who finished it at DOCK-3",
          out.detail(), "the counter leaving is told the location closed in E077's name");

      // Nobody is left to close it: it closes as E077 closed it at DOCK-3.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (zoneState(wired, "A", "A-01-03-A") != LocationState.CLOSED
          && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertEquals(LocationState.CLOSED, zoneState(wired, "A", "A-01-03-A"));
    }
  }

  /**
   * DOCK-1 (and, for {@link #two}, DOCK-3), in zone A, on pseudo-terminals, wired to the real
   * service; {@code dock3} is null for {@link #one}.
   */
  private record Docks(SocatPair dock1, SocatPair dock3, WiredService wired)
      implements AutoCloseable {
    static Docks one(Path dir) throws Exception {
      return start(dir, false);
    }

    static Docks two(Path dir) throws Exception {
      return start(dir, true);
    }

    private static Docks start(Path dir, boolean withDock3) throws Exception {
      SocatPair.assumeSocat();
      List<SocatPair> opened = new ArrayList<>();
      try {
        SocatPair dock1 = plugIn(dir.resolve("pty1"), opened);
        SocatPair dock3 = withDock3 ? plugIn(dir.resolve("pty3"), opened) : null;
        List<ScannerSettings> scanners = new ArrayList<>();
        scanners.add(ScannerSettings.forPath("DOCK-1", "A", dock1.hostEnd().toString()));
        if (dock3 != null) {
          scanners.add(ScannerSettings.forPath("DOCK-3", "A", dock3.hostEnd().toString()));
        }
        return new Docks(dock1, dock3, new WiredService(dir, scanners, Map.of(), "1h"));
      } catch (Exception | Error e) {
        for (SocatPair p : opened) {
          p.close();
        }
        throw e;
      }
    }

    private static SocatPair plugIn(Path ptyDir, List<SocatPair> opened) throws Exception {
      Files.createDirectories(ptyDir);
      SocatPair pair = new SocatPair(ptyDir).plugIn();
      opened.add(pair);
      return pair;
    }

    @Override
    public void close() throws Exception {
      try {
        wired.close();
      } finally {
        try {
          if (dock3 != null) {
            dock3.close();
          }
        } finally {
          dock1.close();
        }
      }
    }
  }

  private static LocationState zoneState(WiredService wired, String zone, String location) {
    var system = wired.service.system();
    ZoneRouter.Zones zones = AskPattern.<ZoneRouter.Command, ZoneRouter.Zones>ask(
        wired.service.router(), ZoneRouter.GetZones::new, Duration.ofSeconds(10),
        system.scheduler()).toCompletableFuture().join();
    return AskPattern.<Zone.Command, Zone.ZoneStatus>ask(zones.zones().get(zone),
        Zone.GetStatus::new, Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join().locations().get(location);
  }

  private static Zone.LocationDetail detail(WiredService wired, String zone, String location) {
    var system = wired.service.system();
    ZoneRouter.Zones zones = AskPattern.<ZoneRouter.Command, ZoneRouter.Zones>ask(
        wired.service.router(), ZoneRouter.GetZones::new, Duration.ofSeconds(10),
        system.scheduler()).toCompletableFuture().join();
    return AskPattern.<Zone.Command, Zone.ZoneDetail>ask(zones.zones().get(zone),
        Zone.GetDetail::new, Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join().locations().get(location);
  }

  private static DigitalOutput pin(WiredService wired, String id) {
    return wired.pi4j.registry().get(id, DigitalOutput.class);
  }

  private static List<String> kinds(List<StationOutcome> seen, String station) {
    return seen.stream().filter(o -> o.station().equals(station))
        .map(o -> o.kind() + " " + o.feedback()).toList();
  }

  private static Map<String, Zone.RunCompleted> reconcileAll(WiredService wired) {
    var system = wired.service.system();
    ZoneRouter.Zones zones = AskPattern.<ZoneRouter.Command, ZoneRouter.Zones>ask(
        wired.service.router(), ZoneRouter.GetZones::new, Duration.ofSeconds(10),
        system.scheduler()).toCompletableFuture().join();
    Map<String, Zone.RunCompleted> out = new TreeMap<>();
    for (Map.Entry<String, ActorRef<Zone.Command>> z : zones.zones().entrySet()) {
      out.put(z.getKey(), AskPattern.<Zone.Command, Zone.RunCompleted>ask(z.getValue(),
          Zone.Reconcile::new, Duration.ofSeconds(10), system.scheduler())
          .toCompletableFuture().join());
    }
    return out;
  }

  /** Reads one column through a second connection to the running service's H2 file. */
  private static List<Object> query(WiredService wired, String sql) throws Exception {
    Path db = wired.service.store().settings().path().toAbsolutePath();
    List<Object> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db
        + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getObject(1));
      }
    }
    return out.stream().map(o -> o instanceof Number n && !(o instanceof Long)
        ? (Object) n.longValue() : o).toList();
  }
}
