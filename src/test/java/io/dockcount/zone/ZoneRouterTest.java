package io.dockcount.zone;

import static io.dockcount.zone.ZoneFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ZoneRouterTest {
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ZoneFixture.testKit();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static StatusReply<Zone.CountRecorded> route(ActorRef<ZoneRouter.Command> router,
      io.dockcount.core.CountRecord r) {
    TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
    router.tell(new ZoneRouter.Route(new Zone.RecordCount(r, probe.getRef())));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  @Test
  void counts_goToTheZoneOfTheirLocation(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));

      assertEquals("A", route(router, count("A-01-02-B", "00913", 1, 1)).getValue().zone());
      assertEquals("B", route(router, count("B-07-12-C", "00913", 1, 2)).getValue().zone());
      StatusReply<Zone.CountRecorded> offBook = route(router, count("C-01-01-A", "4711", 1, 3));

      assertTrue(offBook.isError());
      assertTrue(offBook.getError().getMessage().contains("zone C, which the book does not "
          + "have"), offBook.getError().getMessage());
      TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
      router.tell(new ZoneRouter.GetZones(zones.getRef()));
      assertEquals(List.of("A", "B"),
          new ArrayList<>(zones.receiveMessage().zones().keySet()));
    }
  }

  @Test
  void bookLocationTheSchemeCannotRead_saidAtWarnNotDroppedUnseen(@TempDir Path dir) {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZoneRouter.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
        new ch.qos.logback.core.read.ListAppender<>();
    said.start();
    log.addAppender(said);
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      // A--07 has an empty part: the dashed scheme reads no zone from it.
      io.dockcount.store.MasterData book = new io.dockcount.store.MasterData(
          ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(), ZoneFixture.MASTER.barcodes(),
          List.of(new io.dockcount.store.MasterData.BookLine("A--07", "0777", "", 4),
              new io.dockcount.store.MasterData.BookLine("B-01-01-A", "00913", "", 1)));
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(new ZoneDeps(f.store,
          f.journal, ZoneFixture.blocking(kit), book, null, f.deps.settings(),
          f.deps.alerts())));
      TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
      router.tell(new ZoneRouter.GetZones(zones.getRef()));
      assertEquals(List.of("B"), new ArrayList<>(zones.receiveMessage().zones().keySet()));

      List<String> warned;
      synchronized (said) {
        warned = said.list.stream()
            .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
            .map(e -> e.getFormattedMessage()).toList();
      }
      assertEquals(1, warned.size(), warned::toString);
      assertTrue(warned.get(0).startsWith("zone router: 1 book location(s) do not read with the "
          + "location scheme ('A--07'), so they are in no zone"), warned.get(0));
    } finally {
      log.detachAppender(said);
      said.stop();
    }
  }

  @Test
  void restart_zoneCountedInButNotOnBook_rebuiltWithItsCounts(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      // Zone Q was on the book when it was counted; the book in force now has dropped it.
      io.dockcount.store.MasterData withQ = new io.dockcount.store.MasterData(
          ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(), ZoneFixture.MASTER.barcodes(),
          List.of(new io.dockcount.store.MasterData.BookLine("Q-01-01-A", "0777", "", 1)));
      ActorRef<ZoneRouter.Command> before = kit.spawn(ZoneRouter.create(new ZoneDeps(f.store,
          f.journal, ZoneFixture.blocking(kit), withQ, null, f.deps.settings(),
          f.deps.alerts())));
      assertTrue(route(before, count("Q-01-01-A", "00913", 5, 1)).isSuccess());
      kit.stop(before);

      ActorRef<ZoneRouter.Command> after = kit.spawn(ZoneRouter.create(f.deps));
      TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
      zones.awaitAssert(Duration.ofSeconds(10), () -> {
        after.tell(new ZoneRouter.GetZones(zones.getRef()));
        assertTrue(zones.receiveMessage().zones().containsKey("Q"));
        return null;
      });
      TestProbe<Zone.RunCompleted> run = kit.createTestProbe();
      after.tell(new ZoneRouter.GetZones(zones.getRef()));
      zones.receiveMessage().zones().get("Q").tell(new Zone.Reconcile(run.getRef()));

      Zone.RunCompleted done = run.receiveMessage(Duration.ofSeconds(10));
      assertEquals(java.util.Map.of(io.dockcount.core.Status.UNEXPECTED, 1), done.byStatus());
    }
  }

  @Test
  void locationInCaseVariantOfAKnownZone_isRefusedNotANewZone(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));

      StatusReply<Zone.CountRecorded> reply = route(router, count("a-09-09-a", "00913", 1, 1));
      StatusReply<Zone.CountRecorded> booked = route(router, count("a-01-02-b", "00913", 1, 2));

      assertTrue(reply.isError());
      assertEquals("location a-09-09-a is in zone a, not A: codes are read exactly "
          + "(a mis-scanned or hand-keyed label?)", reply.getError().getMessage());
      assertEquals("location a-01-02-b is not on the book, A-01-02-B is: codes are read exactly "
          + "(a mis-scanned or hand-keyed label?)", booked.getError().getMessage());
      TestProbe<ZoneRouter.Zones> zones = kit.createTestProbe();
      router.tell(new ZoneRouter.GetZones(zones.getRef()));
      assertFalse(zones.receiveMessage().zones().containsKey("a"));
    }
  }

  private static String checked(ActorRef<ZoneRouter.Command> router, String location) {
    TestProbe<ZoneRouter.LocationChecked> probe = kit.createTestProbe();
    router.tell(new ZoneRouter.CheckLocation(location, probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).refusal();
  }

  @Test
  void locationLabelKeyedAnotherWay_refusedNamingTheBookedLocation(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));

      String zeros = checked(router, "A-1-2-B");
      String letterCase = checked(router, "A-01-02-b");
      String spaces = checked(router, "A-01-02-B ");

      assertEquals("location A-1-2-B is not on the book, A-01-02-B is: codes are read exactly "
          + "(a mis-scanned or hand-keyed label?)", zeros);
      assertEquals("location A-01-02-b is not on the book, A-01-02-B is: codes are read exactly "
          + "(a mis-scanned or hand-keyed label?)", letterCase);
      assertTrue(spaces != null && spaces.contains("A-01-02-B is"), spaces);
      assertNull(checked(router, "A-01-02-B"), "on the book as scanned");
      assertNull(checked(router, "A-09-09-A"), "no booked location's spelling: counted as is");
    }
  }

  @Test
  void locationKeyedAnotherWay_newBookHasItAsScanned_takenFromThen(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));
      assertTrue(checked(router, "A-1-2-B") != null, "refused on the first book");

      io.dockcount.store.MasterData renamed = ZoneFixture.MASTER.withBook(List.of(
          new io.dockcount.store.MasterData.BookLine("A-1-2-B", "00913", "", 30)));
      router.tell(new ZoneRouter.BookUpdated(2L, renamed, java.util.Set.of("A")));

      assertNull(checked(router, "A-1-2-B"), "on the new book as scanned");
      assertEquals("location A-01-02-B is not on the book, A-1-2-B is: codes are read exactly "
          + "(a mis-scanned or hand-keyed label?)", checked(router, "A-01-02-B"));
    }
  }

  @Test
  void locationFittingNoZone_isRefusedAndKept(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));

      StatusReply<Zone.CountRecorded> reply = route(router, count("A--1", "00913", 1, 1));

      assertTrue(reply.isError());
      assertTrue(reply.getError().getMessage().contains("fits no zone"));
      TestProbe<Object> waiter = kit.createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(5), () -> {
        assertEquals(1L, f.store.counts().get("rejected_scan"));
        return null;
      });
    }
  }

  @Test
  void cycle_zonesReconcileOnTheirOwnStaggered_notAgainWithNothingNew(@TempDir Path dir) throws Exception {
    Duration interval = Duration.ofMillis(600);
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(interval, "500", 1),
        s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));
      TestProbe<Object> waiter = kit.createTestProbe();

      // Zone A first runs after 300 ms, B after 600 ms; then every 600 ms, but a cycle with
      // nothing new since the zone's last run is not saved again.
      waiter.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
        assertTrue(f.store.counts().get("recon_run") >= 2);
        return null;
      });
      waiter.expectNoMessage(Duration.ofMillis(1500)); // two more cycles of each zone
      kit.stop(router);

      List<String> order = runZones(f);
      assertEquals(List.of("A", "B"), order);
    }
  }

  private static List<String> runZones(ZoneFixture f) throws Exception {
    // Read through a second connection in the same process: H2 allows it for an open file.
    f.journal.close();
    String url = "jdbc:h2:file:" + f.store.settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT zone FROM recon_run ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
  @Test
  void movementsOnAZoneOfAnOlderSnapshot_masterInForceKeepsTheNewestSnapshotId(
      @TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      long startUp = f.store.saveMasterData(ZoneFixture.MASTER, "start-up files", "h-start");
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(withSnapshot(f,
          startUp)));
      // A delivery for zone A only, with new costs: zone B's book stays on the start-up one.
      MasterData newer = ZoneFixture.MASTER.withBook(List.of(
          new MasterData.BookLine("A-01-02-B", "00913", "", 31),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 24)));
      long delivered = f.store.saveMasterData(newer, "wms delivery", "h-wms");
      router.tell(new ZoneRouter.BookUpdated(delivered, newer, java.util.Set.of("A")));

      // when a movement moves zone B's book, still of the start-up snapshot
      MasterData moved = newer.withBook(List.of(
          new MasterData.BookLine("A-01-02-B", "00913", "", 31),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 20)));
      router.tell(new ZoneRouter.BookUpdated(startUp, moved, java.util.Set.of("B"), true));

      // then the master data in force is the moved one, of the delivery's snapshot
      ZoneRouter.MasterInForce inForce = masterInForce(router);
      assertSame(moved, inForce.master());
      assertEquals(delivered, inForce.snapshotId(), "its items and units are the delivery's");
      assertEquals(startUp, detail(router, "B").bookSnapshot(), "zone B keeps its snapshot");
      assertEquals(delivered, detail(router, "A").bookSnapshot());
    }
  }

  @Test
  void startedOnTheBooksInForce_zonesStartOnThem_movesNotedAsWhenTold(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofHours(1), "500", 1), s -> { })) {
      long startUp = f.store.saveMasterData(ZoneFixture.MASTER, "start-up files", "h-start");
      MasterData restored = ZoneFixture.MASTER.withBook(List.of(
          new MasterData.BookLine("A-01-02-B", "00913", "", 31),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 24),
          new MasterData.BookLine("C-01-01-A", "0777", "", 2)));
      long wms = f.store.saveMasterData(restored, "wms delivery", "h-wms");
      MasterData moved = restored.withBook(List.of(
          new MasterData.BookLine("A-01-02-B", "00913", "", 29),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 24),
          new MasterData.BookLine("C-01-01-A", "0777", "", 2)));

      // given the WMS's stored snapshot for zones A, B and C, and a pick of 2 at A-01-02-B
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(withSnapshot(f,
          startUp), List.of(
              new ZoneRouter.BookUpdated(wms, restored, java.util.Set.of("A", "B", "C")),
              new ZoneRouter.BookUpdated(wms, moved, java.util.Set.of("A"), true))));

      // then every zone runs on it from the start, zone C too (not on the start-up book)
      assertEquals(java.util.Set.of("A", "B", "C"), zones(router));
      assertEquals(wms, detail(router, "A").bookSnapshot());
      assertEquals(wms, detail(router, "C").bookSnapshot());
      assertEquals(wms, masterInForce(router).snapshotId());
      assertSame(moved, masterInForce(router).master());
      // and zone A saves the book the pick moved, as a move told while it ran is saved
      TestProbe<Object> waiter = kit.createTestProbe();
      waiter.awaitAssert(Duration.ofSeconds(10), () -> {
        assertEquals(java.util.Map.of(new Store.LocationSku("A-01-02-B", "00913"), 29L),
            f.store.zoneRest("A", java.util.Set.of(), wms).movedBooks().get(wms));
        return null;
      });
      Zone.RunCompleted run = reconcileZone(router, "A");
      assertTrue(f.store.runLines(run.runId()).stream().anyMatch(l -> l.location()
          .equals("A-01-02-B") && Long.valueOf(29).equals(l.bookEaches())),
          () -> f.store.runLines(run.runId()).toString());
    }
  }

  private static ZoneDeps withSnapshot(ZoneFixture f, long snapshot) {
    return new ZoneDeps(f.store, f.journal, f.deps.blocking(), ZoneFixture.MASTER, snapshot,
        f.deps.settings(), f.deps.alerts());
  }

  private static ZoneRouter.MasterInForce masterInForce(ActorRef<ZoneRouter.Command> router) {
    TestProbe<ZoneRouter.MasterInForce> probe = kit.createTestProbe();
    router.tell(new ZoneRouter.WatchMaster(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private static java.util.Set<String> zones(ActorRef<ZoneRouter.Command> router) {
    TestProbe<ZoneRouter.Zones> probe = kit.createTestProbe();
    router.tell(new ZoneRouter.GetZones(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).zones().keySet();
  }

  private static ActorRef<Zone.Command> zone(ActorRef<ZoneRouter.Command> router, String zone) {
    TestProbe<ZoneRouter.Zones> probe = kit.createTestProbe();
    router.tell(new ZoneRouter.GetZones(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).zones().get(zone);
  }

  private static Zone.ZoneDetail detail(ActorRef<ZoneRouter.Command> router, String zone) {
    TestProbe<Zone.ZoneDetail> probe = kit.createTestProbe();
    zone(router, zone).tell(new Zone.GetDetail(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private static Zone.RunCompleted reconcileZone(ActorRef<ZoneRouter.Command> router,
      String zone) {
    TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
    zone(router, zone).tell(new Zone.Reconcile(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }
}
