package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.dockcount.core.CountRecord;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.core.Status;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.GroupCommitter;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneDeps;
import io.dockcount.zone.ZoneRouter;
import io.dockcount.zone.ZoneSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WMS sync with the real zone router and zones over an H2 store: a good drop replaces the
 * book of the zones it covers, a bad one changes nothing, stale snapshots show in the status.
 */
final class WmsSyncTest {
  private static final ActorTestKit kit = ActorTestKit.create(
      ConfigFactory.parseString("akka.loglevel = INFO").withFallback(ConfigFactory.load()));

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private void drop(Path inbox, String name, String content) throws Exception {
    Files.createDirectories(inbox);
    Files.writeString(inbox.resolve(name), content);
    Files.createFile(inbox.resolve(name + ".done"));
  }

  private static CountRecord count(String location, String sku, long eaches, long seq) {
    return new CountRecord("DOCK-1", "ana", location, sku, "EA", BigDecimal.valueOf(eaches),
        eaches, "", sku + "\r", seq);
  }

  private void countAndClose(ActorRef<ZoneRouter.Command> router, String location, String sku,
      long eaches, long seq) {
    TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
    router.tell(new ZoneRouter.Route(new Zone.RecordCount(count(location, sku, eaches, seq),
        counted.getRef())));
    assertTrue(counted.receiveMessage(Duration.ofSeconds(10)).isSuccess());
    TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
    router.tell(new ZoneRouter.Route(new Zone.CloseLocation(location, "ana", closed.getRef())));
    assertTrue(closed.receiveMessage(Duration.ofSeconds(10)).isSuccess());
  }

  private Zone.RunCompleted reconcile(ActorRef<ZoneRouter.Command> router, String zone) {
    TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
    router.tell(new ZoneRouter.GetZones(zones.getRef()));
    TestProbe<Zone.RunCompleted> run = kit.createTestProbe();
    zones.receiveMessage(Duration.ofSeconds(10)).zones().get(zone)
        .tell(new Zone.Reconcile(run.getRef()));
    return run.receiveMessage(Duration.ofSeconds(20));
  }

  private List<SnapshotManager.Outcome> pull(ActorRef<WmsSync.Command> sync) {
    TestProbe<WmsSync.PullReport> report = kit.createTestProbe();
    sync.tell(new WmsSync.PullNow(report.getRef()));
    return report.receiveMessage(Duration.ofSeconds(20)).outcomes();
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(20);
    return true;
  }

  /** A zone router and a WMS sync on the fixture's first snapshot (taken in at T0). */
  private record Wired(GroupCommitter journal, ActorRef<ZoneRouter.Command> router,
      ActorRef<WmsSync.Command> sync) {}

  private Wired wire(WmsFixture fx, WmsSettings settings, TestClock clock) {
    Executor blocking = kit.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
    GroupCommitter journal = new GroupCommitter(fx.store, blocking);
    ZoneSettings zs = new ZoneSettings(Duration.ofHours(1), new BigDecimal("500.00"), 1,
        LocationScheme.dashed(), RecountPolicy.standard());
    ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(new ZoneDeps(fx.store,
        journal, blocking, WmsFixture.FIRST, fx.firstSnapshot, zs, line -> { })));
    SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
        new ColumnMap(), WmsFixture.FIRST, fx.firstSnapshot, WmsFixture.T0);
    ActorRef<WmsSync.Command> sync = kit.spawn(WmsSync.create(settings, manager,
        new MovementLog(fx.ledger, LocationScheme.dashed(), new ColumnMap()),
        new Exporter(fx.ledger, settings.export()), router, blocking, clock));
    return new Wired(journal, router, sync);
  }

  /** Pulls every hour from a file drop in {@code inbox}; a book older than {@code stale} is old. */
  private static WmsSettings fileDrop(Path inbox, Duration stale) {
    return new WmsSettings(Duration.ofHours(1), stale,
        new WmsSettings.FileDrop(inbox, Duration.ofHours(1)), null, null,
        new WmsSettings.Export("off", null, Duration.ofHours(1), null, null, null));
  }

  @Test
  void goodDropReachesZones_badDropChangesNothing_staleZonesInStatus() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      Wired w = wire(fx, fileDrop(inbox, Duration.ofHours(1)), clock);
      GroupCommitter journal = w.journal();
      ActorRef<ZoneRouter.Command> router = w.router();
      ActorRef<WmsSync.Command> sync = w.sync();
      pull(sync); // after the start-up pull, so each drop below is taken by the pull asked for
      // Counted under the first book (30 on book), before the WMS says 24.
      countAndClose(router, "A-01-02-B", "00913", 30, 1);

      // given a good drop for zone A
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      List<SnapshotManager.Outcome> first = pull(sync);
      SnapshotManager.Applied applied = assertInstanceOf(SnapshotManager.Applied.class,
          first.get(0));
      assertEquals(Set.of("A"), applied.zones());

      // then zone A compares against the new book and flags the count taken under the old one:
      // the book changed after the location was closed, not during its count
      Zone.RunCompleted runA = reconcile(router, "A");
      assertEquals(1, runA.tasksCreated());
      assertEquals("book changed since count (30 EA when counted, 24 EA now): recount, no "
          + "variance posted", reason(fx, "A-01-02-B", "00913"));
      assertTrue(runA.alerts().get(0).endsWith(": book changed since count (30 EA when "
          + "counted, 24 EA now): recount, no variance posted"), runA.alerts().get(0));
      // and zone B still has its first book: 10 counted against 10 on book
      countAndClose(router, "B-07-12-C", "0777", 10, 2);
      Zone.RunCompleted runB = reconcile(router, "B");
      assertEquals(1, runB.byStatus().get(Status.MATCHED));
      assertEquals(0, runB.tasksCreated());

      // when a bad drop for zone B arrives
      drop(inbox, "book-b.csv", "sku,location,book_qty\n0777,B-07-12-C,eleven\n");
      SnapshotManager.Rejected rejected = assertInstanceOf(SnapshotManager.Rejected.class,
          pull(sync).get(0));
      assertTrue(rejected.problems().get(0).contains("line 2: book_qty 'eleven'"));
      // then zone B's book is unchanged
      Zone.RunCompleted runB2 = reconcile(router, "B");
      assertEquals(1, runB2.byStatus().get(Status.MATCHED));

      // when 90 minutes pass and only zone B gets a new book
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(90)));
      drop(inbox, "book-b2.csv", "sku,location,book_qty\n0777,B-07-12-C,10\n");
      pull(sync);
      TestProbe<WmsSync.WmsStatus> status = kit.createTestProbe();
      sync.tell(new WmsSync.GetStatus(status.getRef()));
      WmsSync.WmsStatus s = status.receiveMessage(Duration.ofSeconds(10));

      // then zone A's snapshot is stale, zone B's is not
      assertEquals(Set.of("A"), s.stale().keySet());
      assertEquals(Duration.ofMinutes(90), s.stale().get("A"));
      assertInstanceOf(SnapshotManager.Applied.class, s.lastBySource().get("file drop"));
      journal.close();
    }
  }

  @Test
  void restoredSnapshotAtStart_thenANewerDelivery_statusSaysWhatIsInForceNow() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      WmsSettings settings = fileDrop(inbox, Duration.ofDays(1));
      Wired w = wire(fx, settings, clock);
      pull(w.sync());
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      long delivered = assertInstanceOf(SnapshotManager.Applied.class, pull(w.sync()).get(0))
          .snapshotId();
      kit.stop(w.sync());
      // The restart: the new sync restores that delivery, the newest stored, at its start.
      ActorRef<WmsSync.Command> again = kit.spawn(WmsSync.create(settings,
          new SnapshotManager(fx.ledger, LocationScheme.dashed(), new ColumnMap(),
              WmsFixture.FIRST, fx.firstSnapshot, WmsFixture.T0),
          new MovementLog(fx.ledger, LocationScheme.dashed(), new ColumnMap()),
          new Exporter(fx.ledger, settings.export()), w.router(), blocking(), clock));
      pull(again);
      assertEquals("snapshot " + delivered + " in force for zones A, B", WmsSync.summary(
          status(again).lastBySource().get("stored WMS snapshot " + delivered)));

      drop(inbox, "book-b.csv", "sku,location,book_qty\n0777,B-07-12-C,11\n");
      long newer = assertInstanceOf(SnapshotManager.Applied.class, pull(again).get(0))
          .snapshotId();
      WmsSync.WmsStatus now = status(again);

      assertEquals(Set.of("file drop"), now.lastBySource().keySet(),
          "snapshot " + delivered + " is no longer in force: " + now.lastBySource());
      assertEquals("snapshot " + newer + " in force for zones B",
          WmsSync.summary(now.lastBySource().get("file drop")));
      w.journal().close();
    }
  }

  private static Executor blocking() {
    return kit.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
  }

  private static WmsSync.WmsStatus status(ActorRef<WmsSync.Command> sync) {
    TestProbe<WmsSync.WmsStatus> status = kit.createTestProbe();
    sync.tell(new WmsSync.GetStatus(status.getRef()));
    return status.receiveMessage(Duration.ofSeconds(10));
  }

  @Test
  void movementsBeforeTheCountAreApplied_afterItReported() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Wired w = wire(fx, fileDrop(inbox, Duration.ofDays(1)), new TestClock());
      GroupCommitter journal = w.journal();
      ActorRef<ZoneRouter.Command> router = w.router();
      ActorRef<WmsSync.Command> sync = w.sync();
      pull(sync); // after the start-up pull, so each drop below is taken by the pull asked for
      // given 24 counted at A-01-02-B where the snapshot (08:00) says 30
      countAndClose(router, "A-01-02-B", "00913", 24, 1);

      // when the WMS reports a pick of 6 before the count and a receipt after it
      drop(inbox, "movements-1.csv", "movement_id,sku,location,qty,moved_at,kind\n"
          + "M1,00913,A-01-02-B,-6,2026-12-04T08:01:00Z,PICK\n"
          + "M2,00913,A-01-02-B,5,2099-01-01T00:00:00Z,RECEIPT\n"
          + "M3,0777,B-07-12-C,2,2026-12-04T09:02:00+01:00,PUTAWAY\n");
      List<SnapshotManager.Outcome> out = pull(sync);

      // then the pick is applied (zone A matches), the receipt reported, zone B moved to 12
      assertInstanceOf(SnapshotManager.MovementsStored.class, out.get(0));
      SnapshotManager.BookMoved moved = assertInstanceOf(SnapshotManager.BookMoved.class,
          out.get(1));
      assertEquals(Set.of("A", "B"), moved.zones());
      assertEquals(Set.of("M2"), moved.reported().keySet());
      assertTrue(moved.reported().get("M2").contains("after the count of A-01-02-B"));
      Zone.RunCompleted runA = reconcile(router, "A");
      assertEquals(1, runA.byStatus().get(Status.MATCHED));
      assertEquals(0, runA.tasksCreated());
      countAndClose(router, "B-07-12-C", "0777", 12, 2);
      assertEquals(1, reconcile(router, "B").byStatus().get(Status.MATCHED));

      // and the same file again changes nothing and reports nothing again
      drop(inbox, "movements-1.csv", "movement_id,sku,location,qty,moved_at,kind\n"
          + "M1,00913,A-01-02-B,-6,2026-12-04T08:01:00Z,PICK\n");
      List<SnapshotManager.Outcome> again = pull(sync);
      assertEquals(List.of(new SnapshotManager.MovementsStored("file movements-1.csv", 0)),
          again, "no movement new");
      assertEquals(3, fx.number("SELECT COUNT(*) FROM wms_movement"));
      journal.close();
    }
  }

  @Test
  void refusedBarcodesFile_saysTheBarcodeTableWasKept_notTheBook() throws Exception {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WmsSync.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
        new ch.qos.logback.core.read.ListAppender<>();
    said.start();
    log.addAppender(said);
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Wired w = wire(fx, fileDrop(inbox, Duration.ofDays(1)), new TestClock());
      pull(w.sync());

      // when a barcodes file gives one barcode two meanings
      drop(inbox, "barcodes-2.csv", "barcode,sku,uom\n5412345000013,00913,EA\n"
          + "5412345000013,0777,EA\n");
      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class,
          pull(w.sync()).get(0));

      // then the log, the outcome and the report say the barcode table in force was kept
      assertEquals("the barcode table in force kept", r.effect());
      List<String> lines;
      synchronized (said) {
        lines = said.list.stream().map(e -> e.getFormattedMessage())
            .filter(m -> m.contains("refused")).toList();
      }
      assertEquals(List.of("wms: file barcodes-2.csv: refused (1 problem): the barcode table "
          + "in force kept"), lines);
      String report = Files.readString(inbox.resolve("rejected/barcodes-2.csv.report.txt"));
      assertTrue(report.startsWith("dockcount refused barcodes-2.csv; the barcode table in "
          + "force kept."), report);
      assertTrue(WmsSync.summary(r).startsWith("refused, the barcode table in force kept"),
          WmsSync.summary(r));
      w.journal().close();
    } finally {
      log.detachAppender(said);
      said.stop();
    }
  }

  @Test
  void pullAndExportCutByTheStop_saidAtInfo_noDeliveryFailed_theFileWaits() throws Exception {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WmsSync.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
        new ch.qos.logback.core.read.ListAppender<>();
    said.start();
    log.addAppender(said);
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Wired w = wire(fx, new WmsSettings(Duration.ofHours(1), Duration.ofDays(1),
          new WmsSettings.FileDrop(inbox, Duration.ofHours(1)), null, null,
          new WmsSettings.Export("csv", dir.resolve("outbox"), Duration.ofHours(1), null, null,
              null)), new TestClock());
      pull(w.sync());
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");

      // when the service's stop has closed the store as a pull and an export run
      w.journal().close();
      fx.store.close();
      List<SnapshotManager.Outcome> out = pull(w.sync());
      TestProbe<WmsSync.ExportReport> exported = kit.createTestProbe();
      w.sync().tell(new WmsSync.ExportNow(exported.getRef()));
      exported.receiveMessage(Duration.ofSeconds(20));

      // then no delivery is said to have failed, the file waits for the next start, and the
      // log says at INFO that the stop cut the pull and the export
      assertEquals(List.of(), out.stream().filter(o -> !WmsSync.ok(o)).toList());
      assertTrue(Files.exists(inbox.resolve("book-a.csv")));
      List<String> lines;
      synchronized (said) {
        lines = said.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(
            ch.qos.logback.classic.Level.WARN)).map(e -> e.getFormattedMessage()).toList();
      }
      assertEquals(List.of(), lines);
      // The export's line may come just after its report: looked for a while.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      do {
        synchronized (said) {
          lines = said.list.stream().map(e -> e.getFormattedMessage())
              .filter(m -> m.contains("cut by the stop (store is closed: cannot ")).toList();
        }
      } while (lines.size() < 2 && System.nanoTime() < until && pause());
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("wms: pull cut by the stop"), lines.get(0));
      assertTrue(lines.get(1).startsWith("wms: export cut by the stop"), lines.get(1));
    } finally {
      log.detachAppender(said);
      said.stop();
    }
  }

  @Test
  void refusedMovementsFile_saysNoneStoredNorApplied_notThatABookWasKept() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Wired w = wire(fx, fileDrop(inbox, Duration.ofDays(1)), new TestClock());
      GroupCommitter journal = w.journal();
      ActorRef<ZoneRouter.Command> router = w.router();
      ActorRef<WmsSync.Command> sync = w.sync();
      pull(sync);

      // when a movements file with a bad row is dropped
      drop(inbox, "movements-1.csv", "movement_id,sku,location,qty,moved_at\n"
          + "M1,00913,A-01-02-B,-6,2026-12-04T08:01:00Z\n"
          + "M2,00913,A-01-02-B,two,2026-12-04T08:02:00Z\n");
      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class,
          pull(sync).get(0));

      // then it says no movement was stored or applied, in the outcome and the report file
      assertEquals("none of its movements stored or applied; the book is not moved by them",
          r.effect());
      assertEquals(0, fx.number("SELECT COUNT(*) FROM wms_movement"));
      String report = Files.readString(inbox.resolve("rejected/movements-1.csv.report.txt"));
      assertTrue(report.startsWith("dockcount refused movements-1.csv; none of its movements "
          + "stored or applied"), report);
      journal.close();
    }
  }

  @Test
  void semicolonMovementsFileWithDotAndThreeDigits_isRefused_notMovedByOne() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Wired w = wire(fx, fileDrop(inbox, Duration.ofDays(1)), new TestClock());
      pull(w.sync());

      // when a decimal-comma locale's movements file moves -1.000 (a thousand, or one?)
      drop(inbox, "movements-1.csv", "movement_id;sku;location;qty;moved_at\n"
          + "M1;00913;A-01-02-B;-1.000;2026-12-04T08:01:00Z\n");
      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class,
          pull(w.sync()).get(0));

      // then it is refused saying why, and no movement is stored
      assertTrue(r.problems().get(0).startsWith("movements-1.csv: line 2: qty '-1.000' is not a "
          + "plain number: a dot and three digits in a decimal-comma export are ambiguous"),
          r.problems().toString());
      assertEquals(0, fx.number("SELECT COUNT(*) FROM wms_movement"));
      w.journal().close();
    }
  }

  @Test
  void decimalCommaDeclared_droppedItemsBookAndMovementsReachTheZoneAsReconcileReadsThem()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      WmsSettings settings = new WmsSettings(Duration.ofHours(1), Duration.ofDays(1),
          new WmsSettings.FileDrop(inbox, Duration.ofHours(1), FileDrop.KEEP_PROCESSED, true),
          null, null, new WmsSettings.Export("off", null, Duration.ofHours(1), null, null, null));
      Wired w = wire(fx, settings, new TestClock());
      pull(w.sync());

      // when a German WMS drops its item master, its book and a pick, as it exports them
      drop(inbox, "items-1.csv", "sku;description;unit_cost\n00913;Schraube;2,75\n"
          + "0777;Bohrer;1.040,00\n");
      drop(inbox, "book-2.csv", "sku;location;book_qty\n00913;A-01-02-B;1.200\n"
          + "0777;B-07-12-C;10,000\n");
      drop(inbox, "movements-3.csv", "movement_id;sku;location;qty;moved_at\n"
          + "M1;00913;A-01-02-B;-1.000;2026-12-04T08:01:00Z\n");
      List<SnapshotManager.Outcome> out = pull(w.sync());

      // then each is taken in: the book of 1200 less the pick of 1000 is 200, valued at 2.75
      assertInstanceOf(SnapshotManager.Applied.class, out.get(0), out::toString);
      assertInstanceOf(SnapshotManager.Applied.class, out.get(1), out::toString);
      assertEquals(new SnapshotManager.MovementsStored("file movements-3.csv", 1), out.get(2));
      assertEquals(-1000, fx.number("SELECT qty FROM wms_movement"));
      countAndClose(w.router(), "A-01-02-B", "00913", 199, 1);
      Zone.RunCompleted runA = reconcile(w.router(), "A");
      assertEquals(1, runA.lines());
      assertEquals(0, new BigDecimal("-2.75").compareTo(runA.netValue()), runA::toString);
      countAndClose(w.router(), "B-07-12-C", "0777", 9, 2);
      assertEquals(0, new BigDecimal("-1040.00").compareTo(reconcile(w.router(), "B")
          .netValue()));
      w.journal().close();
    }
  }

  @Test
  void recountTaskFromARealRun_isExportedToOutbox_once() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path outbox = dir.resolve("outbox");
      Wired w = wire(fx, new WmsSettings(Duration.ofHours(1), Duration.ofDays(1), null, null,
          null, new WmsSettings.Export("csv", outbox, Duration.ofHours(1), null, null, null)),
          new TestClock());
      GroupCommitter journal = w.journal();
      ActorRef<ZoneRouter.Command> router = w.router();
      ActorRef<WmsSync.Command> sync = w.sync();
      countAndClose(router, "B-07-12-C", "0777", 5, 1);
      assertEquals(1, reconcile(router, "B").tasksCreated());
      TestProbe<WmsSync.ExportReport> report = kit.createTestProbe();

      sync.tell(new WmsSync.ExportNow(report.getRef()));
      WmsSync.ExportReport first = report.receiveMessage(Duration.ofSeconds(20));
      sync.tell(new WmsSync.ExportNow(report.getRef()));
      WmsSync.ExportReport second = report.receiveMessage(Duration.ofSeconds(20));

      assertEquals(new Exporter.Sent(1, 0, 1), first.sent());
      assertEquals(new Exporter.Sent(0, 0, 0), second.sent());
      Path file;
      try (var files = Files.list(outbox)) {
        file = files.filter(p -> p.getFileName().toString().startsWith("recount-tasks-B-"))
            .findFirst().orElseThrow();
      }
      List<String> lines = Files.readAllLines(file);
      assertEquals(2, lines.size());
      assertTrue(lines.get(1).startsWith("B-07-12-C|0777|0,B,B-07-12-C,0777,0,-5,-200.00,"),
          lines.get(1));
      journal.close();
    }
  }

  private static String reason(WmsFixture fx, String location, String sku) throws Exception {
    String url = "jdbc:h2:file:" + fx.store.settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
        var ps = c.prepareStatement("SELECT reason FROM recon_line WHERE location = ? AND "
            + "sku = ? ORDER BY run_id DESC LIMIT 1")) {
      ps.setString(1, location);
      ps.setString(2, sku);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * A sync with a file drop in {@code inbox} (no export), on the fixture's first snapshot taken
   * in at T0, telling each stale alert to {@code alerted} as "zone age".
   */
  private ActorRef<WmsSync.Command> staleWatch(WmsFixture fx, Path inbox, TestClock clock,
      java.util.concurrent.BlockingQueue<String> alerted, Map<String, Instant> alertedBefore) {
    Executor blocking = kit.system().dispatchers().lookup(
        DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
    WmsSettings settings = fileDrop(inbox, Duration.ofHours(1));
    SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
        new ColumnMap(), WmsFixture.FIRST, fx.firstSnapshot, WmsFixture.T0);
    return kit.spawn(WmsSync.create(settings, manager,
        new MovementLog(fx.ledger, LocationScheme.dashed(), new ColumnMap()),
        new Exporter(fx.ledger, settings.export()),
        kit.<ZoneRouter.Command>createTestProbe().getRef(), blocking, clock,
        (zone, age) -> alerted.add(zone + " " + WmsSync.describe(age)), alertedBefore));
  }

  @Test
  void staleZone_isAlertedOnce_untilAFreshBookArrives_thenAgainWhenStaleAgain() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      java.util.concurrent.BlockingQueue<String> alerted =
          new java.util.concurrent.LinkedBlockingQueue<>();
      ActorRef<WmsSync.Command> sync = staleWatch(fx, inbox, clock, alerted, Map.of());
      pull(sync);
      assertEquals(List.of(), List.copyOf(alerted), "nothing is stale at start");

      // when 90 minutes pass: both zones are stale, each alerted once, however many pulls
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(90)));
      pull(sync);
      pull(sync);
      assertEquals(List.of("A 1h 30m", "B 1h 30m"), drain(alerted));

      // when zone A gets a fresh book, then goes stale again 70 minutes later
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      pull(sync);
      assertEquals(List.of(), drain(alerted), "a fresh book is no alert");
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(160)));
      pull(sync);

      // then only zone A is alerted again; zone B never got fresh
      assertEquals(List.of("A 1h 10m"), drain(alerted));
    }
  }

  @Test
  void staleZone_alertedBeforeARestartInTheSameStalePeriod_notAlertedAgain() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(100)));
      java.util.concurrent.BlockingQueue<String> alerted =
          new java.util.concurrent.LinkedBlockingQueue<>();
      // Zone A was alerted stale at 95 minutes, before the restart; B never was.
      ActorRef<WmsSync.Command> sync = staleWatch(fx, inbox, clock, alerted,
          Map.of("A", WmsFixture.T0.plus(Duration.ofMinutes(95))));
      pull(sync);
      assertEquals(List.of("B 1h 40m"), drain(alerted));

      // when zone A gets a fresh book, then goes stale again: that is a new stale period
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      pull(sync);
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(170)));
      pull(sync);

      assertEquals(List.of("A 1h 10m"), drain(alerted));
    }
  }

  /**
   * The sync alone restarted by its supervisor (a failure in a handler) while both zones stay
   * stale: the supervisors were told once, and are not told again by the restarted sync.
   */
  @Test
  void staleZone_syncRestartedBySupervision_notAlertedAgain() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      java.util.concurrent.BlockingQueue<String> alerted =
          new java.util.concurrent.LinkedBlockingQueue<>();
      Executor blocking = kit.system().dispatchers().lookup(
          DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
      WmsSettings settings = fileDrop(inbox, Duration.ofHours(1));
      SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
          new ColumnMap(), WmsFixture.FIRST, fx.firstSnapshot, WmsFixture.T0);
      ActorRef<WmsSync.Command> sync = kit.spawn(akka.actor.typed.javadsl.Behaviors.supervise(
          WmsSync.create(settings, manager,
              new MovementLog(fx.ledger, LocationScheme.dashed(), new ColumnMap()),
              new Exporter(fx.ledger, settings.export()),
              kit.<ZoneRouter.Command>createTestProbe().getRef(), blocking, clock,
              (zone, age) -> alerted.add(zone + " " + WmsSync.describe(age)), Map.of()))
          .onFailure(akka.actor.typed.SupervisorStrategy.restart()));
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(90)));
      pull(sync);
      assertEquals(List.of("A 1h 30m", "B 1h 30m"), drain(alerted));

      // when the sync fails in a handler (a status asked with no one to answer) and restarts
      sync.tell(new WmsSync.GetStatus(null));
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(100)));
      pull(sync);
      pull(sync);

      // then neither zone is alerted again: still the same stale period
      assertEquals(List.of(), drain(alerted), "alerted again after the sync's restart");
    }
  }

  /**
   * Alerted stale, the sync restarted by its supervisor, then zone A gets a fresh book and goes
   * stale again: A is alerted again (a new stale period), B (never fresh) is not.
   */
  @Test
  void staleZone_syncRestarted_freshThenStaleAgain_alertedAgain() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      TestClock clock = new TestClock();
      java.util.concurrent.BlockingQueue<String> alerted =
          new java.util.concurrent.LinkedBlockingQueue<>();
      Executor blocking = kit.system().dispatchers().lookup(
          DispatcherSelector.fromConfig("dockcount-blocking-dispatcher"));
      WmsSettings settings = fileDrop(inbox, Duration.ofHours(1));
      SnapshotManager manager = new SnapshotManager(fx.ledger, LocationScheme.dashed(),
          new ColumnMap(), WmsFixture.FIRST, fx.firstSnapshot, WmsFixture.T0);
      ActorRef<WmsSync.Command> sync = kit.spawn(akka.actor.typed.javadsl.Behaviors.supervise(
          WmsSync.create(settings, manager,
              new MovementLog(fx.ledger, LocationScheme.dashed(), new ColumnMap()),
              new Exporter(fx.ledger, settings.export()),
              kit.<ZoneRouter.Command>createTestProbe().getRef(), blocking, clock,
              (zone, age) -> alerted.add(zone + " " + WmsSync.describe(age)), Map.of()))
          .onFailure(akka.actor.typed.SupervisorStrategy.restart()));
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(90)));
      pull(sync);
      assertEquals(List.of("A 1h 30m", "B 1h 30m"), drain(alerted));

      sync.tell(new WmsSync.GetStatus(null)); // fails the handler: the supervisor restarts it
      drop(inbox, "book-a.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      pull(sync);
      assertEquals(List.of(), drain(alerted), "a fresh book is no alert");
      clock.now.set(WmsFixture.T0.plus(Duration.ofMinutes(160)));
      pull(sync);

      assertEquals(List.of("A 1h 10m"), drain(alerted));
    }
  }

  private static List<String> drain(java.util.concurrent.BlockingQueue<String> q) {
    List<String> out = new java.util.ArrayList<>();
    q.drainTo(out);
    return out;
  }
}
