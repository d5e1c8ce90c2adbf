package io.dockcount.zone;

import static io.dockcount.zone.ZoneFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.core.Status;
import io.dockcount.store.Store;
import io.dockcount.store.MasterData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ZoneTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final AtomicInteger ids = new AtomicInteger();
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    kit = ZoneFixture.testKit();
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static String name() {
    return "zone-A-" + ids.incrementAndGet();
  }

  private ActorRef<Zone.Command> spawnA(ZoneFixture f, String name) {
    return kit.spawn(Zone.create("A", f.deps, f.book("A"), HOUR), name);
  }

  private static Zone.CountRecorded record(ActorRef<Zone.Command> zone,
      io.dockcount.core.CountRecord r) {
    TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(r, probe.getRef()));
    StatusReply<Zone.CountRecorded> reply = probe.receiveMessage(Duration.ofSeconds(10));
    assertTrue(reply.isSuccess(), () -> "refused: " + reply.getError().getMessage());
    return reply.getValue();
  }

  private static StatusReply<Zone.LocationChanged> close(ActorRef<Zone.Command> zone,
      String location) {
    TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();
    zone.tell(new Zone.CloseLocation(location, "ana", probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private static Zone.RunCompleted reconcile(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private static Zone.ZoneStatus status(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.ZoneStatus> probe = kit.createTestProbe();
    zone.tell(new Zone.GetStatus(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  @Test
  void count_acknowledged_isAlreadyInTheStore(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(HOUR, "500", 1), a -> alerts.getRef().tell(a.line()))) {
      ActorRef<Zone.Command> zone = spawnA(f, name());

      Zone.CountRecorded ack = record(zone, count("A-01-02-B", "00913", 12, 1));

      Store.ZoneHistory stored = f.store.loadZone("A");
      assertEquals(1, stored.journal().size());
      assertEquals(ack.seq(), stored.journal().get(0).seq());
      assertEquals("00913",
          ((Store.StoredCount) stored.journal().get(0)).record().sku());
      assertFalse(ack.duplicate());
    }
  }

  @Test
  void status_closedLocationWaitingForItsRun_toldFromOneLeftToASupervisor(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      reconcile(zone); // a run saved before the close, as a cycle in flight at it would be
      record(zone, count("A-01-02-B", "00913", 30, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());

      Zone.ZoneStatus closed = status(zone);
      reconcile(zone);
      Zone.ZoneStatus reconciled = status(zone);

      // CLOSED alone reads as a variance left to a supervisor; the flag says the run is due.
      assertEquals(LocationState.CLOSED, closed.locations().get("A-01-02-B"));
      assertTrue(closed.closedSinceLastRun());
      assertEquals(LocationState.RESOLVED, reconciled.locations().get("A-01-02-B"));
      assertFalse(reconciled.closedSinceLastRun());
    }
  }

  @Test
  void rebuiltFromJournal_countsTheLocationsOfItsCounts_notOnlyThoseThatMoved(
      @TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 1, 1));
      record(zone, count("A-01-02-B", "00913", 1, 2));
      record(zone, count("A-01-03-A", "0777", 1, 3));

      ZoneState open = ZoneState.recover(f.store, "A", f.deps.snapshotId());
      assertTrue(close(zone, "A-01-03-A").isSuccess());
      ZoneState oneClosed = ZoneState.recover(f.store, "A", f.deps.snapshotId());

      assertEquals(3, open.liveRecords());
      assertEquals(2, open.locationsKnown(), "two locations open with counts");
      assertEquals(2, oneClosed.locationsKnown(), "the closed one is not counted twice");
    }
  }

  @Test
  void scheduledCycles_nothingNew_notSavedAgain(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofMillis(50), "500", 1), s -> { })) {
      TestProbe<Object> clock = kit.createTestProbe();
      ActorRef<Zone.Command> zone = cyclingWithItsFirstRun(f, clock);

      clock.expectNoMessage(Duration.ofMillis(1000)); // about 20 more cycles go by
      long idle = f.store.counts().get("recon_run");
      record(zone, count("A-01-02-B", "00913", 1, 2));

      assertTrue(idle <= 2, "cycles with nothing new were saved again: " + idle + " runs");
      clock.awaitAssert(Duration.ofSeconds(10), () -> {
        assertTrue(f.store.counts().get("recon_run") > idle, "a new count is reconciled");
        return null;
      });
    }
  }

  @Test
  void runOfAnotherTrigger_thenNothingNew_oneScheduledRunStillSavedForTheDigest(
      @TempDir Path dir) throws Exception {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofMillis(50), "500", 1), s -> { })) {
      TestProbe<Object> clock = kit.createTestProbe();
      ActorRef<Zone.Command> zone = cyclingWithItsFirstRun(f, clock);
      clock.expectNoMessage(Duration.ofMillis(500)); // idle cycles, not saved

      reconcile(zone); // a run of another trigger (as a recount closed makes)
      clock.expectNoMessage(Duration.ofMillis(1000)); // about 20 more cycles, nothing new

      List<String> triggers = triggers(f);
      int requested = triggers.indexOf("REQUESTED");
      assertEquals(List.of("REQUESTED", "SCHEDULED"), triggers.subList(requested,
          triggers.size()), "one scheduled run after it, then none: " + triggers);
    }
  }

  /** Zone A cycling every 50 ms with one count, once its first run is saved. */
  private ActorRef<Zone.Command> cyclingWithItsFirstRun(ZoneFixture f, TestProbe<Object> clock) {
    ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"),
        Duration.ofMillis(50)), name());
    record(zone, count("A-01-02-B", "00913", 12, 1));
    clock.awaitAssert(Duration.ofSeconds(10), () -> {
      assertTrue(f.store.counts().get("recon_run") >= 1);
      return null;
    });
    return zone;
  }

  private static List<String> triggers(ZoneFixture f) throws java.sql.SQLException {
    String url = "jdbc:h2:file:" + f.store.settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    List<String> out = new java.util.ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT trigger_kind FROM recon_run ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void savedRun_replacesTheZoneReport_inRunOrder(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("reports");
    ZoneSettings settings = withReports(reports);
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings, s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 12, 1));
      reconcile(zone);
      String first = java.nio.file.Files.readString(reports.resolve("zone-A.csv"));
      assertTrue(first.contains("\n00913,A-01-02-B,A,01,02,B,30,12,-18,-60.00,2.50,-45.00,"
          + "short,still_counting,"), "a location not closed yet is provisional: " + first);

      record(zone, count("A-01-02-B", "00913", 18, 2));
      Zone.RunCompleted second = reconcile(zone);

      List<String> lines = java.nio.file.Files.readAllLines(reports.resolve("zone-A.csv"));
      assertEquals(second.lines() + 1, lines.size(), "header and one row per line");
      assertTrue(lines.contains("00913,A-01-02-B,A,01,02,B,30,30,0,0.00,2.50,0.00,matched,"
          + "still_counting,"), String.join("\n", lines));
    }
  }

  /** The fixture's settings, with zone reports written into {@code reports}. */
  private static ZoneSettings withReports(Path reports) {
    ZoneSettings base = ZoneFixture.settings(HOUR, "500", 1);
    return new ZoneSettings(base.cycleInterval(), base.highValueThreshold(), base.maxRecounts(),
        base.scheme(), base.policy(), reports);
  }

  @Test
  void closingTheZone_aLocationLeftOpenForItsStation_staysOpenAndStillCounting(
      @TempDir Path dir) throws Exception {
    Path reports = dir.resolve("reports");
    ZoneSettings settings = withReports(reports);
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings, s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      // Being counted at a station: a drill so far, the book's 30 widgets not scanned yet.
      record(zone, count("A-01-02-B", "0777", 1, 1));

      TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
      zone.tell(new Zone.CloseZone("sam", probe.getRef()));
      Zone.RunCompleted run = probe.receiveMessage(Duration.ofSeconds(10));

      String report = java.nio.file.Files.readString(reports.resolve("zone-A.csv"));
      assertTrue(report.contains("\n00913,A-01-02-B,A,01,02,B,30,,,,2.50,,missing,"
          + "still_counting,"), "not counted yet there, not nobody counted: " + report);
      assertEquals(LocationState.OPEN, status(zone).locations()
          .getOrDefault("A-01-02-B", LocationState.OPEN), "not NOT_COUNTED, nor closed");
      assertEquals(1, run.tasksCreated(), "only A-01-03-A, which nobody counted: " + run);
      record(zone, count("A-01-02-B", "00913", 30, 2)); // its counter goes on
      assertTrue(close(zone, "A-01-02-B").isSuccess());
      reconcile(zone);
      report = java.nio.file.Files.readString(reports.resolve("zone-A.csv"));
      assertTrue(report.contains("\n00913,A-01-02-B,A,01,02,B,30,30,0,"), report);
      assertFalse(report.contains("still_counting"), report);
    }
  }

  @Test
  void closingTheZone_aRecountUnderWay_staysOpen_itsLaterScansCount(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 20, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());
      reconcile(zone); // 10 short: recounted
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));
      record(zone, count("A-01-02-B", "00913", 20, 2)); // the recount's first scan

      TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
      zone.tell(new Zone.CloseZone("sam", probe.getRef()));
      probe.receiveMessage(Duration.ofSeconds(10));

      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));
      record(zone, count("A-01-02-B", "00913", 10, 3));
      StatusReply<Zone.LocationChanged> closed = close(zone, "A-01-02-B");
      assertTrue(closed.isSuccess());
      reconcile(zone);
      assertEquals(30L, countedAt(f), "the recount's scans before and after the zone close");
    }
  }

  @Test
  void recountUnderWay_aSkuItHasNotScannedYet_flaggedNotRecountedYet_itsFigureTheEarlierOne(
      @TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 20, 1));
      record(zone, count("A-01-02-B", "0777", 1, 2)); // a drill, off book here
      assertTrue(close(zone, "A-01-02-B").isSuccess());
      reconcile(zone); // 10 short and 1 unexpected: recounted
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));

      record(zone, count("A-01-02-B", "00913", 30, 3)); // the recount, widgets only so far
      reconcile(zone);
      io.dockcount.store.ConsoleQueries.Line widgets = lineAt(f, "00913");
      io.dockcount.store.ConsoleQueries.Line drill = lineAt(f, "0777");
      assertTrue(close(zone, "A-01-02-B").isSuccess());
      reconcile(zone);
      io.dockcount.store.ConsoleQueries.Line drillClosed = lineAt(f, "0777");

      assertEquals(Long.valueOf(30), widgets.counted(), widgets::toString);
      assertEquals("still_counting", widgets.flags(), "the recount's own figure: " + widgets);
      assertEquals(Long.valueOf(1), drill.counted(), drill::toString);
      assertEquals("still_counting|not_recounted_yet", drill.flags(),
          "the first count's figure, not the recount's: " + drill);
      assertEquals(Long.valueOf(0), drillClosed.counted(), "the recount found none");
      assertFalse(drillClosed.flags().contains("not_recounted_yet"), drillClosed::toString);
    }
  }

  private static io.dockcount.store.ConsoleQueries.Line lineAt(ZoneFixture f, String sku) {
    return new io.dockcount.store.ConsoleQueries(f.store).latestLines("A").stream()
        .filter(l -> l.location().equals("A-01-02-B") && l.sku().equals(sku))
        .findFirst().orElseThrow();
  }

  /** The counted figure of A-01-02-B 00913 in the zone's latest run. */
  private static Long countedAt(ZoneFixture f) {
    return new io.dockcount.store.ConsoleQueries(f.store).latestLines("A").stream()
        .filter(l -> l.location().equals("A-01-02-B") && l.sku().equals("00913"))
        .findFirst().orElseThrow().counted();
  }

  @Test
  void closingTheZone_tasksWhatNobodyCounted_whichStaysMissingUntilCounted(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 30, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());

      TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
      zone.tell(new Zone.CloseZone("sam", probe.getRef()));
      Zone.RunCompleted closing = probe.receiveMessage(Duration.ofSeconds(10));

      assertEquals(1, closing.tasksCreated(), "the line nobody counted");
      assertEquals(1, (int) closing.byStatus().get(io.dockcount.core.Status.MISSING));
      assertEquals(LocationState.NOT_COUNTED, status(zone).locations().get("A-01-03-A"));
      Zone.RunCompleted again = reconcile(zone);
      assertEquals(0, again.tasksCreated(), "tasked once");
      assertEquals(1, (int) again.byStatus().get(io.dockcount.core.Status.MISSING),
          "not counted is not counted zero");

      record(zone, count("A-01-03-A", "0777", 10, 2));
      assertTrue(close(zone, "A-01-03-A").isSuccess());
      reconcile(zone);
      reconcile(zone);
      assertEquals(0, status(zone).openTasks(), "the task is done once the location is counted");
    }
  }

  @Test
  void countAfterZoneClosed_taskTakesTheVarianceAndAHighValueAlertGoesOut(@TempDir Path dir) {
    List<io.dockcount.alert.Alert> raised = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        raised::add)) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 30, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());
      TestProbe<Zone.RunCompleted> probe = kit.createTestProbe();
      zone.tell(new Zone.CloseZone("sam", probe.getRef()));
      assertEquals(1, probe.receiveMessage(Duration.ofSeconds(10)).tasksCreated());

      // Counted after all: 30 drills at 40.00 where the book has 10, +800.00.
      record(zone, count("A-01-03-A", "0777", 30, 2));
      assertTrue(close(zone, "A-01-03-A").isSuccess());
      reconcile(zone); // after the run the close set off at once (a high value)

      assertTrue(raised.stream().anyMatch(a -> a.kind() == io.dockcount.alert.Alert.Kind.HIGH_VALUE
          && a.line().contains("(A-01-03-A) sku 0777 over +20 EA value 800.00")),
          raised.toString());
      io.dockcount.store.ConsoleQueries.Task task =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(false).get(0);
      assertEquals(20L, task.variance());
      assertFalse(task.reason().startsWith("zone closed"), task.reason());
      int before = raised.size();
      reconcile(zone);
      assertEquals(before, raised.size(), "updated once");
    }
  }

  @Test
  void sameStationSequenceAgain_answeredWithFirstNumber_storedOnce(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());

      Zone.CountRecorded first = record(zone, count("A-01-02-B", "00913", 12, 7));
      Zone.CountRecorded again = record(zone, count("A-01-02-B", "00913", 12, 7));

      assertEquals(first.seq(), again.seq());
      assertTrue(again.duplicate());
      assertEquals(1L, f.store.counts().get("count_record"));
    }
  }

  @Test
  void closedLocation_refusesToVoidItsCounts(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      Zone.CountRecorded counted = record(zone, count("A-01-02-B", "00913", 30, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());

      TestProbe<StatusReply<Zone.CountVoided>> voids = kit.createTestProbe();
      zone.tell(new Zone.VoidCount("A-01-02-B", counted.seq(), "DOCK-1", "ana", "CTL:VOID",
          voids.getRef()));

      StatusReply<Zone.CountVoided> reply = voids.receiveMessage(Duration.ofSeconds(10));
      assertTrue(reply.isError());
      assertEquals("location A-01-02-B is closed: its counts cannot be voided (ask a supervisor "
          + "for a recount)", reply.getError().getMessage());
      assertEquals(1, (int) reconcile(zone).byStatus().get(io.dockcount.core.Status.MATCHED),
          "the count of 30 stands");
    }
  }

  @Test
  void countOfAnEarlierRound_cannotBeVoidedOnceTheRecountBegan(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      // 30 drills where the book has 10: +800.00 closes into an immediate high-value run,
      // which sends the location to recount (round 1).
      Zone.CountRecorded counted = record(zone, count("A-01-03-A", "0777", 30, 1));
      assertTrue(close(zone, "A-01-03-A").isSuccess());
      reconcile(zone);
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-03-A"));

      TestProbe<StatusReply<Zone.CountVoided>> voids = kit.createTestProbe();
      zone.tell(new Zone.VoidCount("A-01-03-A", counted.seq(), "DOCK-1", "ana", "CTL:VOID",
          voids.getRef()));

      StatusReply<Zone.CountVoided> reply = voids.receiveMessage(Duration.ofSeconds(10));
      assertTrue(reply.isError());
      assertTrue(reply.getError().getMessage().contains("belongs to its first count, already "
          + "closed"), reply.getError().getMessage());
    }
  }

  @Test
  void closedLocation_refusesCounts_andKeepsTheRejectedScan(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 30, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());

      TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
      zone.tell(new Zone.RecordCount(count("A-01-02-B", "00913", 1, 2), probe.getRef()));

      StatusReply<Zone.CountRecorded> reply = probe.receiveMessage(Duration.ofSeconds(10));
      assertTrue(reply.isError());
      assertTrue(reply.getError().getMessage().contains("closed"));
      probe.awaitAssert(Duration.ofSeconds(5),
          () -> {
            assertEquals(1L, f.store.counts().get("rejected_scan"));
            return null;
          });
    }
  }

  @Test
  void restart_rebuildsCountsAndStatesFromTheStore_stashingUntilThen(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      String name = name();
      ActorRef<Zone.Command> zone = spawnA(f, name);
      record(zone, count("A-01-02-B", "00913", 20, 1));
      Zone.CountRecorded voided = record(zone, count("A-01-02-B", "00913", 5, 2));
      record(zone, count("A-01-03-A", "0777", 10, 3));
      TestProbe<StatusReply<Zone.CountVoided>> voids = kit.createTestProbe();
      zone.tell(new Zone.VoidCount("A-01-02-B", voided.seq(), "SUP", "bo", "double scan",
          voids.getRef()));
      assertTrue(voids.receiveMessage().isSuccess());
      reconcile(zone);
      reconcile(zone);
      assertTrue(close(zone, "A-01-03-A").isSuccess());
      long runsBefore = status(zone).runs();
      kit.stop(zone);

      ActorRef<Zone.Command> again = spawnA(f, name);
      assertEquals(runsBefore, status(again).runs(), "the run count goes on after a restart");
      Zone.CountRecorded afterRestart = record(again, count("A-01-02-B", "00913", 10, 4));
      Zone.ZoneStatus status = status(again);

      assertTrue(afterRestart.seq() > voided.seq());
      assertEquals(3, status.liveRecords());
      assertEquals(LocationState.CLOSED, status.locations().get("A-01-03-A"));
      Zone.RunCompleted run = reconcile(again);
      assertEquals(2, run.byStatus().get(Status.MATCHED));
    }
  }

  @Test
  void bookMovedUnderTheSameSnapshot_nextCycleRunsInsteadOfBeingSkipped(@TempDir Path dir)
      throws InterruptedException {
    try (ZoneFixture f = new ZoneFixture(kit, dir,
        ZoneFixture.settings(Duration.ofMillis(200), "500", 1), s -> { })) {
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"),
          Duration.ofMillis(200)), name());
      record(zone, count("A-01-02-B", "00913", 30, 1));
      long settled = waitForRuns(zone, 1);
      Thread.sleep(600); // three cycles with nothing new: skipped
      assertEquals(settled, status(zone).runs());

      // WMS movements: the same snapshot, the book moved by -2.
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(f.deps.snapshotId(), f.deps.master(),
          List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 28),
              new MasterData.BookLine("A-01-03-A", "0777", "", 10)))));

      assertTrue(waitForRuns(zone, settled + 1) > settled, "the moved book is reconciled");
    }
  }

  private static long waitForRuns(ActorRef<Zone.Command> zone, long atLeast)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long runs = status(zone).runs();
    while (runs < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
      runs = status(zone).runs();
    }
    return runs;
  }

  @Test
  void recountThatDoesNotFindASku_countsItZeroNotTheFirstRoundsFigure(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "0", 2),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 30, 1));
      record(zone, count("A-01-02-B", "0777", 5, 2)); // not on the book here: unexpected
      close(zone, "A-01-02-B");
      reconcile(zone);
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));

      // The recount finds the 30 of 00913 and no 0777 at all.
      record(zone, count("A-01-02-B", "00913", 30, 3));
      close(zone, "A-01-02-B");
      Zone.RunCompleted after = reconcile(zone);

      assertEquals(LocationState.RESOLVED, status(zone).locations().get("A-01-02-B"),
          "0777 counted 0 off the book matches: nothing left to decide");
      assertEquals(null, after.byStatus().get(Status.UNEXPECTED), after.byStatus().toString());
    }
  }

  @Test
  void locationNobodyCountedThenAccepted_staysNotCountedNotCountedZero(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      TestProbe<Zone.RunCompleted> closed = kit.createTestProbe();
      zone.tell(new Zone.CloseZone("maria", closed.getRef()));
      closed.receiveMessage(Duration.ofSeconds(10));
      assertEquals(LocationState.NOT_COUNTED, status(zone).locations().get("A-01-03-A"));
      TestProbe<StatusReply<Zone.LocationChanged>> resolved = kit.createTestProbe();
      zone.tell(new Zone.ResolveLocation("A-01-03-A", "maria", "not reachable",
          resolved.getRef()));
      assertTrue(resolved.receiveMessage().isSuccess());

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(null, run.byStatus().get(Status.SHORT), "not counted is not counted zero: "
          + run.byStatus());
      assertTrue(run.byStatus().getOrDefault(Status.MISSING, 0) >= 1, run.byStatus().toString());
    }
  }

  @Test
  void acceptWhileTheRecountIsBeingCounted_refusedSoItsScansAreNotSetAside(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "0", 2),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 20, 1));
      close(zone, "A-01-02-B");
      reconcile(zone);
      record(zone, count("A-01-02-B", "00913", 30, 2)); // the recount, under way
      TestProbe<StatusReply<Zone.LocationChanged>> accept = kit.createTestProbe();

      zone.tell(new Zone.ResolveLocation("A-01-02-B", "maria", "DAMAGED", accept.getRef()));

      StatusReply<Zone.LocationChanged> reply = accept.receiveMessage();
      assertTrue(reply.isError());
      assertTrue(reply.getError().getMessage().contains("is being recounted"),
          reply.getError().getMessage());
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));
    }
  }

  /**
   * A recount alerted before a restart is not alerted again by the runs after it: the radio
   * (which forgets what it said at a restart) hears only what a run hands on, so it does not
   * send the floor to the same recount twice.
   */
  @Test
  void recountAlertedBeforeARestart_runsAfterItAlertNothingAgain(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 0),
        a -> alerts.getRef().tell(a.line()))) {
      String name = name();
      ActorRef<Zone.Command> zone = spawnA(f, name);
      record(zone, count("A-01-02-B", "00913", 26, 1));
      close(zone, "A-01-02-B");
      assertEquals(1, reconcile(zone).tasksCreated());
      assertTrue(alerts.receiveMessage().contains("(A-01-02-B) sku 00913"));
      kit.stop(zone);

      ActorRef<Zone.Command> again = spawnA(f, name);
      Zone.RunCompleted first = reconcile(again);
      Zone.RunCompleted second = reconcile(again);

      assertEquals(0, first.tasksCreated() + second.tasksCreated());
      alerts.expectNoMessage(Duration.ofMillis(300));
    }
  }

  @Test
  void unresolvedVariance_getsOneTaskWhateverTheNumberOfCycles(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 0),
        a -> alerts.getRef().tell(a.line()))) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 26, 1));
      close(zone, "A-01-02-B");

      Zone.RunCompleted first = reconcile(zone);
      Zone.RunCompleted second = reconcile(zone);
      Zone.RunCompleted third = reconcile(zone);

      assertEquals(1, first.tasksCreated());
      assertEquals(0, second.tasksCreated());
      assertEquals(0, third.tasksCreated());
      assertEquals(1L, f.store.counts().get("recount_task"));
      String alert = alerts.receiveMessage();
      assertTrue(alert.startsWith("ALERT zone A aisle 01 bay 02 level B (A-01-02-B) sku 00913 "
          + "short -4 EA value -10.00"), alert);
      alerts.expectNoMessage(Duration.ofMillis(200));
      assertEquals(LocationState.CLOSED, status(zone).locations().get("A-01-02-B"));

      // The supervisor accepts the variance: the next run closes the task, and makes no new one.
      TestProbe<StatusReply<Zone.LocationChanged>> resolved = kit.createTestProbe();
      zone.tell(new Zone.ResolveLocation("A-01-02-B", "bo", "accepted", resolved.getRef()));
      assertEquals(LocationState.RESOLVED, resolved.receiveMessage().getValue().state());
      assertEquals(0, reconcile(zone).tasksCreated());
      assertEquals(0, status(zone).openTasks());
    }
  }

  @Test
  void recount_replacesTheFirstCount_andClosesItsTask(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 26, 1));
      close(zone, "A-01-02-B");
      assertEquals(1, reconcile(zone).tasksCreated());
      assertEquals(LocationState.RECOUNT_REQUESTED, status(zone).locations().get("A-01-02-B"));

      record(zone, count("A-01-02-B", "00913", 30, 2));
      close(zone, "A-01-02-B");
      Zone.RunCompleted run = reconcile(zone);

      assertEquals(0, run.tasksCreated());
      assertEquals(LocationState.RESOLVED, status(zone).locations().get("A-01-02-B"));
      assertEquals(0, status(zone).openTasks());
      assertEquals(1, run.byStatus().get(Status.MATCHED));
    }
  }

  @Test
  void locationClosed_zoneReconcilesShortlyAfter_closesMeanwhileShareTheRun(@TempDir Path dir)
      throws Exception {
    ZoneSettings base = ZoneFixture.settings(HOUR, "500", 1);
    ZoneSettings settings = new ZoneSettings(base.cycleInterval(), base.highValueThreshold(),
        base.maxRecounts(), base.scheme(), base.policy(), null, Duration.ofMillis(700));
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings, s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 26, 1));
      close(zone, "A-01-02-B");
      close(zone, "A-01-03-A");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (new io.dockcount.store.ConsoleQueries(f.store).latestRuns().isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(1500); // a second timer would have fired by now

      List<io.dockcount.store.ConsoleQueries.RunTotals> runs =
          new io.dockcount.store.ConsoleQueries(f.store).runHistory(10);
      assertEquals(1, runs.size(), "both closes in one run: " + runs);
      assertEquals("AFTER_CLOSE", runs.get(0).trigger());
      assertEquals(2, status(zone).openTasks(), "the short line and the one counted zero");
    }
  }

  @Test
  void confirmOrAcceptALocationTheZoneDoesNotHave_saysSoNotThatItIsOpen(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();

      zone.tell(new Zone.ConfirmLocation("A-09-09-Z", "ivan", probe.getRef()));
      StatusReply<Zone.LocationChanged> unknown = probe.receiveMessage(Duration.ofSeconds(10));
      zone.tell(new Zone.ConfirmLocation("A-01-02-B", "ivan", probe.getRef()));
      StatusReply<Zone.LocationChanged> onBook = probe.receiveMessage(Duration.ofSeconds(10));

      assertEquals("no location A-09-09-Z in zone A: not on its book, and nothing was counted "
          + "there (a typo?)", unknown.getError().getMessage());
      assertEquals("location A-01-02-B is open (being counted, or not counted yet; close it, or "
          + "its zone, first): it cannot be confirmed now",
          onBook.getError().getMessage());
    }
  }

  @Test
  void recountAskedFor_closedWithoutOne_supervisorTaskSaysSoAtOnce(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> alerts.getRef().tell(a.line()))) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 26, 1));
      close(zone, "A-01-02-B");
      reconcile(zone);

      close(zone, "A-01-02-B"); // closed again, nobody recounted

      // A recount's close reconciles at once: the supervisor hears now, not a cycle later.
      alerts.fishForMessage(Duration.ofSeconds(10), line -> line.contains("supervisor: the "
          + "recount closed with nothing scanned (found empty, or closed with its zone)")
          ? akka.actor.testkit.typed.javadsl.FishingOutcomes
              .complete() : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
      assertEquals(2L, f.store.counts().get("recon_run"));
    }
  }

  @Test
  void closedLocation_skuNotScanned_isCountedZero_openLocationStaysMissing(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      close(zone, "A-01-03-A");

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(1, run.byStatus().get(Status.SHORT));
      assertEquals(1, run.byStatus().get(Status.MISSING));
      assertEquals(1, run.tasksCreated());
    }
  }

  @Test
  void closingWithHighValueVariance_reconcilesAtOnce(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "200", 1),
        a -> alerts.getRef().tell(a.line()))) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-03-A", "0777", 4, 1));

      close(zone, "A-01-03-A");

      String alert = alerts.receiveMessage(Duration.ofSeconds(10));
      assertTrue(alert.contains("sku 0777 short -6 EA value -240.00"), alert);
      assertEquals(1L, f.store.counts().get("recon_run"));
    }
  }

  @Test
  void negativeQuantity_isRefused(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();

      zone.tell(new Zone.RecordCount(count("A-01-02-B", "00913", -3, 1), probe.getRef()));

      assertTrue(probe.receiveMessage().getError().getMessage().contains("negative"));
    }
  }

  @Test
  void unitError_readsTheNumberKeyed_alsoAfterARestart(@TempDir Path dir) throws Exception {
    // 1 EA keyed against a book of 12 with a case of 12: 1 CS would match. The unit keyed is
    // what tells it, so it must come back from the journal too.
    Path reports = dir.resolve("reports");
    List<MasterData.BookLine> book = List.of(
        new MasterData.BookLine("A-01-02-B", "00913", "", 12));
    String flagged = "00913,A-01-02-B,A,01,02,B,12,1,-11,";
    try (ZoneFixture f = new ZoneFixture(kit, dir, withReports(reports), s -> { })) {
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, book, HOUR), name());
      record(zone, count("A-01-02-B", "00913", 1, 1));
      reconcile(zone);
      assertTrue(lines(reports).lines().anyMatch(l -> l.startsWith(flagged)
          && l.contains("probable_unit_error") && l.contains("1 EA counted; 1 CS would match")),
          () -> lines(reports));
      kit.stop(zone);

      ActorRef<Zone.Command> again = kit.spawn(Zone.create("A", f.deps, book, HOUR), name());
      record(again, count("A-01-03-A", "00913", 1, 2));
      reconcile(again);

      assertTrue(lines(reports).lines().anyMatch(l -> l.startsWith(flagged)
          && l.contains("probable_unit_error")), () -> lines(reports));
    }
  }

  @Test
  void valueOf10To17AndMore_runSavedWithItsValuesExactly(@TempDir Path dir) {
    // An EAN-13 in the WMS's cost column, and 67,434 EA counted off book: 2.7 x 10^17.
    MasterData master = new MasterData(Map.of("F1", new MasterData.Item("F1", "wrong cost",
        new java.math.BigDecimal("4006381333931"), null)), Map.of(), Map.of(), List.of());
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        s -> { })) {
      ZoneDeps deps = new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), master, null,
          f.deps.settings(), f.deps.alerts());
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", deps, List.of(), HOUR), name());
      record(zone, count("A-01-02-B", "F1", 67_434, 1));
      assertTrue(close(zone, "A-01-02-B").isSuccess());

      Zone.RunCompleted run = reconcile(zone);

      java.math.BigDecimal value = new java.math.BigDecimal("270166318872303054");
      assertEquals(0, value.compareTo(run.netValue()), run::toString);
      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      assertEquals(0, value.compareTo(q.latestRuns().get(0).netValue()), "saved");
      assertEquals(0, value.compareTo(q.tasks(true).get(0).value()), "and its task");
    }
  }

  @Test
  void runsThatCannotBeSaved_toldOnce_andOnceMoreWhenARunIsSavedAgain(@TempDir Path dir)
      throws Exception {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> alerts.getRef().tell(a.kind() + " " + a.line()))) {
      ActorRef<Zone.Command> zone = spawnA(f, name());
      record(zone, count("A-01-02-B", "00913", 12, 1));
      // A fault of the store's own that refuses this zone's runs and nothing else.
      sql(f, "ALTER TABLE recon_run ADD CONSTRAINT no_runs_of_a CHECK (zone <> 'A')");
      TestProbe<Zone.RunCompleted> waiter = kit.createTestProbe();

      zone.tell(new Zone.Reconcile(waiter.getRef()));
      String told = alerts.receiveMessage(Duration.ofSeconds(10));
      record(zone, count("A-01-02-B", "00913", 1, 2));
      zone.tell(new Zone.Reconcile(waiter.getRef()));

      assertTrue(told.startsWith("RUN_FAILED ALERT zone A reconciliation cannot be saved"), told);
      assertTrue(told.contains("NO_RUNS_OF_A"), "the store's words: " + told);
      alerts.expectNoMessage(Duration.ofMillis(500)); // the second failure is not told again
      waiter.expectNoMessage(Duration.ZERO);

      sql(f, "ALTER TABLE recon_run DROP CONSTRAINT no_runs_of_a");
      zone.tell(new Zone.Reconcile(waiter.getRef()));

      assertEquals("RUN_FAILED ALERT cleared: zone A reconciliation is saved again",
          alerts.receiveMessage(Duration.ofSeconds(10)));
      Zone.RunCompleted run = waiter.receiveMessage(Duration.ofSeconds(10));
      assertEquals(Map.of(Status.SHORT, 1, Status.MISSING, 1), run.byStatus(), "both counts");
      assertEquals(1, f.store.counts().get("recon_run"));
    }
  }

  /** Runs {@code statement} on the zone's store through a second connection of this process. */
  private static void sql(ZoneFixture f, String statement) throws java.sql.SQLException {
    String url = "jdbc:h2:file:" + f.store.settings().path().toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
        java.sql.Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static String lines(Path reports) {
    try {
      return java.nio.file.Files.readString(reports.resolve("zone-A.csv"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
