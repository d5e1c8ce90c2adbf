package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.pattern.StatusReply;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The WMS sync pulling a real PostgreSQL server ({@link LocalPostgres}) into the real zone
 * router and zones over an H2 store: what a pull does to a zone the WMS's book no longer has,
 * and what its log and status say when part of a pull is refused or fails.
 */
final class JdbcSyncTest {
  private static final ActorTestKit kit = ActorTestKit.create(
      ConfigFactory.parseString("akka.loglevel = INFO").withFallback(ConfigFactory.load()));
  private static LocalPostgres pg;

  private static final String BOOK =
      "SELECT item_no AS sku, bin AS location, qoh AS book_qty FROM wms.stock ORDER BY bin";
  private static final String MOVES = "SELECT id AS movement_id, item_no AS sku, bin AS "
      + "location, qty, moved_at::text AS moved_at FROM wms.moves ORDER BY id";

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    pg = LocalPostgres.startOrSkip();
    pg.exec("CREATE SCHEMA wms",
        "CREATE TABLE wms.stock (item_no TEXT, bin TEXT, qoh NUMERIC(12, 3))",
        "CREATE TABLE wms.moves (id TEXT, item_no TEXT, bin TEXT, qty TEXT, "
            + "moved_at TIMESTAMPTZ)",
        "CREATE TABLE wms.stock_in_units (item_no TEXT, bin TEXT, qty INTEGER, unit TEXT)",
        "CREATE TABLE wms.packs (item_no TEXT, unit TEXT, per INTEGER, per_unit TEXT)",
        "CREATE ROLE reader LOGIN PASSWORD 'reader-pw'",
        "GRANT USAGE ON SCHEMA wms TO reader",
        "GRANT SELECT ON ALL TABLES IN SCHEMA wms TO reader");
  }

  @AfterAll
  static void shutdown() throws Exception {
    kit.shutdownTestKit();
    if (pg != null) {
      pg.close();
    }
  }

  /** Each test starts from a WMS holding zones A and B, as the fixture's first book. */
  @BeforeEach
  void wmsHoldsZonesAAndB() throws Exception {
    pg.exec("DELETE FROM wms.stock", "DELETE FROM wms.moves",
        "INSERT INTO wms.stock VALUES ('00913', 'A-01-02-B', 30), ('0777', 'B-07-12-C', 10)");
  }

  /** The sync and the router it feeds, over one store. */
  private record Running(ActorRef<WmsSync.Command> sync, ActorRef<ZoneRouter.Command> router,
      SnapshotManager manager, GroupCommitter journal) {}

  private Running start(WmsFixture fx, WmsSettings settings, Clock clock) {
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
    return new Running(sync, router, manager, journal);
  }

  private WmsSettings settings(Map<String, String> queries, Path passwordFile,
      WmsSettings.FileDrop drop, WmsSettings.AbsentZones absent) {
    return new WmsSettings(Duration.ofHours(1), Duration.ofHours(24), drop,
        new WmsSettings.Jdbc(new WmsSettings.Login(pg.url(), "reader",
            "DOCKCOUNT_TEST_UNSET_VARIABLE", passwordFile), queries, Duration.ofSeconds(10)),
        null, new WmsSettings.Export("off", null, Duration.ofHours(1), null, null, null),
        absent);
  }

  private Path password() throws Exception {
    Path pw = dir.resolve("wms-db-password");
    Files.writeString(pw, "reader-pw\n");
    return pw;
  }

  private static List<SnapshotManager.Outcome> pull(ActorRef<WmsSync.Command> sync) {
    TestProbe<WmsSync.PullReport> report = kit.createTestProbe();
    sync.tell(new WmsSync.PullNow(report.getRef()));
    return report.receiveMessage(Duration.ofSeconds(30)).outcomes();
  }

  private static WmsSync.WmsStatus status(ActorRef<WmsSync.Command> sync) {
    TestProbe<WmsSync.WmsStatus> status = kit.createTestProbe();
    sync.tell(new WmsSync.GetStatus(status.getRef()));
    return status.receiveMessage(Duration.ofSeconds(10));
  }

  private static void countAndClose(ActorRef<ZoneRouter.Command> router, String location,
      String sku, long eaches) {
    TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
    router.tell(new ZoneRouter.Route(new Zone.RecordCount(new CountRecord("DOCK-1", "ana",
        location, sku, "EA", BigDecimal.valueOf(eaches), eaches, "", sku + "\r", 1),
        counted.getRef())));
    assertTrue(counted.receiveMessage(Duration.ofSeconds(10)).isSuccess());
    TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
    router.tell(new ZoneRouter.Route(new Zone.CloseLocation(location, "ana", closed.getRef())));
    assertTrue(closed.receiveMessage(Duration.ofSeconds(10)).isSuccess());
  }

  private static Zone.RunCompleted reconcile(ActorRef<ZoneRouter.Command> router, String zone) {
    TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
    router.tell(new ZoneRouter.GetZones(zones.getRef()));
    TestProbe<Zone.RunCompleted> run = kit.createTestProbe();
    zones.receiveMessage(Duration.ofSeconds(10)).zones().get(zone)
        .tell(new Zone.Reconcile(run.getRef()));
    return run.receiveMessage(Duration.ofSeconds(20));
  }

  /** Collects the sync's log lines at WARN while a test runs. */
  private static final class Warnings implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(WmsSync.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Warnings() {
      appender.start();
      logger.addAppender(appender);
    }

    /** Every line logged, at any level, with its exception's trace. */
    String all() {
      synchronized (appender) {
        StringBuilder b = new StringBuilder();
        for (ILoggingEvent e : appender.list) {
          b.append(e.getFormattedMessage()).append('\n');
          for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
          }
        }
        return b.toString();
      }
    }

    List<String> containing(String text) {
      synchronized (appender) {
        return appender.list.stream().filter(e -> e.getLevel().equals(Level.WARN))
            .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
      }
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      appender.stop();
    }
  }

  /** The book lines the sync's manager has in force, as "location sku eaches", sorted. */
  private static List<String> bookInForce(SnapshotManager manager) {
    return manager.master().book().stream()
        .map(b -> b.location() + " " + b.sku() + " " + b.eaches()).sorted().toList();
  }

  private static SnapshotManager.ZonesAbsent absent(List<SnapshotManager.Outcome> outcomes) {
    return outcomes.stream().filter(o -> o instanceof SnapshotManager.ZonesAbsent)
        .map(o -> (SnapshotManager.ZonesAbsent) o).findFirst().orElse(null);
  }

  @Test
  void zoneGoneFromTheDatabaseBook_keptAndSaidAtEachPull_inStatusUntilItComesBack()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings warnings = new Warnings()) {
      TestClock clock = new TestClock();
      Running r = start(fx, settings(Map.of("book", BOOK), password(), null,
          WmsSettings.AbsentZones.KEEP), clock);
      pull(r.sync()); // the start-up pull: the WMS has both zones
      countAndClose(r.router(), "B-07-12-C", "0777", 10);
      long bookOfB = status(r.sync()).zones().get("B").snapshotId();

      // when the WMS's book query stops returning zone B, two hours later, twice
      pg.exec("DELETE FROM wms.stock WHERE bin LIKE 'B-%'",
          "UPDATE wms.stock SET qoh = 31");
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(2)));
      List<SnapshotManager.Outcome> first = pull(r.sync());
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(3)));
      List<SnapshotManager.Outcome> second = pull(r.sync());

      // then zone A takes the new book, zone B keeps its own, and each pull says so
      SnapshotManager.Applied applied = assertInstanceOf(SnapshotManager.Applied.class,
          first.get(0));
      assertEquals(Set.of("A"), applied.zones());
      assertEquals(SnapshotManager.Absence.KEPT, absent(first).zones().get("B").absence());
      assertInstanceOf(SnapshotManager.Duplicate.class, second.get(0));
      assertEquals(SnapshotManager.Absence.KEPT, absent(second).zones().get("B").absence());
      assertEquals(List.of("A-01-02-B 00913 31", "B-07-12-C 0777 10"), bookInForce(r.manager()));
      assertEquals(1, reconcile(r.router(), "B").byStatus().get(Status.MATCHED));
      List<String> said = warnings.containing("no lines for zone B");
      assertEquals(2, said.size(), said.toString());
      assertTrue(said.get(0).contains("its book is kept as it was (snapshot " + bookOfB
          + ", last delivered 2h 0m ago)"), said.get(0));
      assertTrue(said.get(1).contains("last delivered 3h 0m ago"), said.get(1));
      assertTrue(said.get(0).startsWith("wms: jdbc jdbc:postgresql://"), said.get(0));
      // and the status shows it, since the first pull that lacked it
      WmsSync.Absent shown = status(r.sync()).absent().get("B");
      assertEquals(WmsFixture.T0.plus(Duration.ofHours(2)), shown.since());
      assertEquals(SnapshotManager.Absence.KEPT, shown.absence());
      assertTrue(WmsSync.statusLine("B", shown, clock.instant()).contains(
          "zone B: no lines in the WMS's book (jdbc jdbc:postgresql://"), shown.toString());

      // when zone B comes back
      pg.exec("INSERT INTO wms.stock VALUES ('0777', 'B-07-12-C', 9)");
      List<SnapshotManager.Outcome> back = pull(r.sync());

      // then nothing is absent any more
      assertEquals(null, absent(back));
      assertEquals(Map.of(), status(r.sync()).absent());
      assertEquals(2, warnings.containing("no lines for zone B").size());
      r.journal().close();
    }
  }

  @Test
  void zoneGoneFromTheDatabaseBook_emptiedWhenConfigured_saidOnce_notStale() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings warnings = new Warnings()) {
      TestClock clock = new TestClock();
      Running r = start(fx, settings(Map.of("book", BOOK), password(), null,
          WmsSettings.AbsentZones.EMPTY), clock);
      pull(r.sync());
      countAndClose(r.router(), "B-07-12-C", "0777", 10);

      // when the WMS empties zone B
      pg.exec("DELETE FROM wms.stock WHERE bin LIKE 'B-%'");
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(2)));
      List<SnapshotManager.Outcome> first = pull(r.sync());

      // then zone B's book is emptied and its count is unexpected
      SnapshotManager.Applied applied = assertInstanceOf(SnapshotManager.Applied.class,
          first.get(0));
      assertTrue(applied.zones().contains("B"), applied.zones().toString());
      assertEquals(SnapshotManager.Absence.EMPTIED, absent(first).zones().get("B").absence());
      assertEquals(List.of("A-01-02-B 00913 30"), bookInForce(r.manager()));
      assertEquals(1, reconcile(r.router(), "B").byStatus().get(Status.UNEXPECTED));
      assertEquals(1, warnings.containing("no lines for zone B").size());
      assertTrue(warnings.containing("no lines for zone B").get(0).contains("is emptied"));

      // and a day later, the WMS still without zone B: no new warning, and B is not stale
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(30)));
      List<SnapshotManager.Outcome> later = pull(r.sync());
      assertEquals(SnapshotManager.Absence.EMPTY, absent(later).zones().get("B").absence());
      assertEquals(1, warnings.containing("no lines for zone B").size());
      WmsSync.WmsStatus s = status(r.sync());
      assertFalse(s.stale().containsKey("B"), s.stale().toString());
      assertEquals(SnapshotManager.Absence.EMPTY, s.absent().get("B").absence());
      r.journal().close();
    }
  }

  @Test
  void zoneKeptAbsent_thenRestartedWithEmpty_theSameStore_isEmptiedAndPullsGoOn()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings warnings = new Warnings()) {
      TestClock clock = new TestClock();
      Running keep = start(fx, settings(Map.of("book", BOOK), password(), null,
          WmsSettings.AbsentZones.KEEP), clock);
      pull(keep.sync());
      countAndClose(keep.router(), "B-07-12-C", "0777", 10);
      pg.exec("DELETE FROM wms.stock WHERE bin LIKE 'B-%'");
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(2)));
      SnapshotManager.Applied kept = assertInstanceOf(SnapshotManager.Applied.class,
          pull(keep.sync()).get(0));
      long imports = fx.number("SELECT COUNT(*) FROM wms_import");

      // when the service stops and starts again on the same store with absent-zones = empty
      stop(keep);
      clock.now.set(WmsFixture.T0.plus(Duration.ofHours(3)));
      Running empty = start(fx, settings(Map.of("book", BOOK), password(), null,
          WmsSettings.AbsentZones.EMPTY), clock);
      List<SnapshotManager.Outcome> next = pull(empty.sync()); // the one after the start-up pull

      // then the start-up pull emptied zone B (a new snapshot, not the kept one again), the
      // next one finds the same content, and the zone counts against the empty book
      assertInstanceOf(SnapshotManager.Duplicate.class, next.get(0), next.toString());
      assertEquals(SnapshotManager.Absence.EMPTY, absent(next).zones().get("B").absence());
      assertEquals(List.of("A-01-02-B 00913 30"), bookInForce(empty.manager()));
      assertEquals(imports + 1, fx.number("SELECT COUNT(*) FROM wms_import"));
      long emptied = ((SnapshotManager.Duplicate) next.get(0)).snapshotId();
      assertTrue(emptied > kept.snapshotId(), emptied + " after " + kept.snapshotId());
      WmsSync.WmsStatus s = status(empty.sync());
      s.lastBySource().values().forEach(o -> assertTrue(WmsSync.ok(o), o.toString()));
      assertEquals(List.of(), warnings.containing("cannot store"));
      assertEquals(1, warnings.containing("no lines for zone B: its book").stream()
          .filter(w -> w.contains("is emptied")).count(), warnings.all());
      assertEquals(1, reconcile(empty.router(), "B").byStatus().get(Status.UNEXPECTED));
      empty.journal().close();
    }
  }

  @Test
  void zoneKeptAbsent_afterARestart_isSaidOnTheSnapshotThatBroughtItsBook() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings warnings = new Warnings()) {
      TestClock clock = new TestClock();
      WmsSettings keep = settings(Map.of("book", BOOK), password(), null,
          WmsSettings.AbsentZones.KEEP);
      Running before = start(fx, keep, clock);
      pull(before.sync());
      long bookOfB = status(before.sync()).zones().get("B").snapshotId();
      pg.exec("DELETE FROM wms.stock WHERE bin LIKE 'B-%'");
      SnapshotManager.Applied kept = assertInstanceOf(SnapshotManager.Applied.class,
          pull(before.sync()).get(0));

      // when the service stops and starts again on the same store, the WMS still without B
      stop(before);
      clock.now.set(java.time.Instant.now().plus(Duration.ofHours(1)));
      Running after = start(fx, keep, clock);
      pull(after.sync());

      // then zone B's book is said to be the one its own snapshot brought, which the newer
      // snapshot in force carries, in the log and the status
      String where = "snapshot " + bookOfB + ", carried into snapshot " + kept.snapshotId()
          + ", last delivered 1h 0m ago";
      List<String> said = warnings.containing("no lines for zone B");
      assertTrue(said.get(said.size() - 1).contains("its book is kept as it was (" + where
          + ")"), said.toString());
      WmsSync.WmsStatus s = status(after.sync());
      assertEquals(bookOfB, s.zones().get("B").bookFrom());
      assertEquals(kept.snapshotId(), s.zones().get("B").snapshotId());
      assertEquals(kept.snapshotId(), s.zones().get("A").bookFrom());
      assertTrue(WmsSync.statusLine("B", s.absent().get("B"), clock.instant())
          .endsWith("its book is kept (" + where + ")"), s.absent().toString());
      after.journal().close();
    }
  }

  /** Stops a sync and its router as a service stop does; the store stays open. */
  private static void stop(Running r) {
    kit.stop(r.sync());
    kit.stop(r.router());
    r.journal().close();
  }

  @Test
  void packHierarchyLevelByLevel_bookInPalletsIsEaches_aCycleRefusesThePull() throws Exception {
    // The WMS keeps its packs as each level counts the next: a pallet of 40 cases of 12.
    pg.exec("DELETE FROM wms.stock_in_units", "DELETE FROM wms.packs",
        "INSERT INTO wms.stock_in_units VALUES ('00913', 'A-01-02-B', 1, 'PL'), "
            + "('0777', 'B-07-12-C', 10, 'EA')",
        "INSERT INTO wms.packs VALUES ('00913', 'PL', 40, 'CS'), ('00913', 'CS', 12, 'EA')");
    Map<String, String> queries = Map.of(
        "book", "SELECT item_no AS sku, bin AS location, qty AS book_qty, unit AS book_uom "
            + "FROM wms.stock_in_units ORDER BY bin",
        "uom", "SELECT item_no AS sku, unit AS uom, per AS qty_per_uom, per_unit AS base_uom "
            + "FROM wms.packs ORDER BY unit DESC");
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Running r = start(fx, settings(queries, password(), null, WmsSettings.AbsentZones.KEEP),
          new TestClock());

      List<SnapshotManager.Outcome> first = pull(r.sync()); // the start-up pull's, again

      // then the pallet on book is 480 eaches, and 480 counted there matches it
      assertInstanceOf(SnapshotManager.Duplicate.class, first.get(0), first.toString());
      assertEquals(480, r.manager().master().factor("00913", "PL"));
      assertEquals(List.of("A-01-02-B 00913 480", "B-07-12-C 0777 10"), bookInForce(r.manager()));
      countAndClose(r.router(), "A-01-02-B", "00913", 480);
      Zone.RunCompleted runA = reconcile(r.router(), "A");
      assertEquals(1, runA.byStatus().get(Status.MATCHED), runA.byStatus().toString());

      // when the WMS's case comes to count pallets: neither has a factor in eaches
      pg.exec("UPDATE wms.packs SET per = 2, per_unit = 'PL' WHERE unit = 'CS'",
          "UPDATE wms.stock_in_units SET qty = 2 WHERE bin = 'A-01-02-B'");
      List<SnapshotManager.Outcome> cycle = pull(r.sync());

      // then the pull is refused saying why, and the book and factors in force are kept
      SnapshotManager.Rejected refused = assertInstanceOf(SnapshotManager.Rejected.class,
          cycle.get(0), cycle.toString());
      assertTrue(refused.problems().contains("query uom: row 1 (sku 00913, uom PL): sku 00913: "
          + "base_uom 'CS': PL is given as 40 CS, and the table gives CS of this SKU no factor "
          + "in eaches: PL has none until it does"), refused.problems().toString());
      assertEquals(480, r.manager().master().factor("00913", "PL"));
      assertEquals(List.of("A-01-02-B 00913 480", "B-07-12-C 0777 10"), bookInForce(r.manager()));
      r.journal().close();
    }
  }

  @Test
  void refusedMovementQuery_saysTheSamePullsBookWasTakenIn() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings warnings = new Warnings()) {
      Running r = start(fx, settings(Map.of("book", BOOK, "movements", MOVES), password(),
          null, WmsSettings.AbsentZones.KEEP), new TestClock());
      pull(r.sync()); // the start-up pull

      // when the WMS's book changes and its movement query returns a bad row
      pg.exec("UPDATE wms.stock SET qoh = 28 WHERE bin = 'A-01-02-B'",
          "INSERT INTO wms.moves VALUES ('M1', '00913', 'A-01-02-B', 'two', now())");

      List<SnapshotManager.Outcome> out = pull(r.sync());

      // then the book is taken in, the movements not, and that is what the log says
      SnapshotManager.Applied book = assertInstanceOf(SnapshotManager.Applied.class,
          out.get(0));
      SnapshotManager.Rejected moves = assertInstanceOf(SnapshotManager.Rejected.class,
          out.get(1));
      assertEquals("none of its movements stored or applied; the same pull's book was taken "
          + "in (snapshot " + book.snapshotId() + " for zones A, B)", moves.effect());
      assertEquals(List.of("A-01-02-B 00913 28", "B-07-12-C 0777 10"), bookInForce(r.manager()));
      assertTrue(moves.problems().get(0).startsWith("query movements: row 1 (movement_id M1, "
          + "sku 00913, location A-01-02-B): qty 'two'"), moves.problems().toString());
      assertTrue(WmsSync.summary(moves).startsWith("refused, none of its movements stored or "
          + "applied; the same pull's book was taken in"), WmsSync.summary(moves));
      List<String> said = warnings.containing("refused");
      assertEquals(1, said.size(), said.toString());
      assertTrue(said.get(0).endsWith("query movements: refused (1 problem): "
          + moves.effect()), said.get(0));
      assertEquals(List.of(), warnings.containing("the book in force is kept"));
      r.journal().close();
    }
  }

  @Test
  void passwordInTheUrl_neverInTheLogTheStatusOrTheConsolesLines() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"));
        Warnings log = new Warnings()) {
      WmsSettings good = settings(Map.of("book", BOOK), null, null,
          WmsSettings.AbsentZones.KEEP);
      String url = pg.url() + "?user=reader&password=wrong-s3cret";
      WmsSettings settings = new WmsSettings(good.schedule(), good.maxSnapshotAge(), null,
          new WmsSettings.Jdbc(new WmsSettings.Login(url, null, "", null),
              good.jdbc().queries(), good.jdbc().timeout()), null, good.export());
      Running r = start(fx, settings, new TestClock());

      List<SnapshotManager.Outcome> out = pull(r.sync());
      WmsSync.WmsStatus s = status(r.sync());

      SnapshotManager.Failed failed = assertInstanceOf(SnapshotManager.Failed.class,
          out.get(0));
      assertTrue(failed.reason().contains("password authentication failed"), failed.reason());
      StringBuilder shown = new StringBuilder(log.all()).append(settings);
      s.lastBySource().forEach((source, o) -> shown.append(source).append(": ")
          .append(WmsSync.summary(o)).append('\n'));
      assertTrue(shown.toString().contains("jdbc jdbc:postgresql://127.0.0.1:" + pg.port()),
          shown.toString());
      assertFalse(shown.toString().contains("s3cret"), shown.toString());
      r.journal().close();
    }
  }

  @Test
  void unreadablePasswordFile_failsThatSourceOnly_theDroppedBookStillReachesTheZones()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      Path inbox = dir.resolve("inbox");
      Running r = start(fx, settings(Map.of("book", BOOK), dir.resolve("no-such-password"),
          new WmsSettings.FileDrop(inbox, Duration.ofHours(1)), WmsSettings.AbsentZones.KEEP),
          new TestClock());
      pull(r.sync());

      // when a good book file for zone A comes with a pull whose database login cannot be read
      Files.createDirectories(inbox);
      Files.writeString(inbox.resolve("book-a.csv"), "sku,location,book_qty\n"
          + "00913,A-01-02-B,24\n");
      Files.createFile(inbox.resolve("book-a.csv.done"));
      List<SnapshotManager.Outcome> out = pull(r.sync());

      // then the file's book is in force in the zone, and only the database failed
      assertInstanceOf(SnapshotManager.Applied.class, out.get(0));
      SnapshotManager.Failed failed = assertInstanceOf(SnapshotManager.Failed.class,
          out.get(1));
      assertTrue(failed.source().startsWith("jdbc "), failed.source());
      assertTrue(failed.reason().contains("cannot read the secret file"), failed.reason());
      countAndClose(r.router(), "A-01-02-B", "00913", 24);
      Zone.RunCompleted runA = reconcile(r.router(), "A");
      assertEquals(1, runA.byStatus().get(Status.MATCHED), runA.byStatus().toString());
      r.journal().close();
    }
  }
}
