package io.dockcount.zone;

import static io.dockcount.zone.ZoneFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.ConsoleQueries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a zone does at start about the closes its last run has not seen: a stop or crash between
 * a close and its after-close run must not leave the location's lines and tasks to the cycle.
 */
final class ZoneStartTest {
  private static final Duration HOUR = Duration.ofHours(1);
  /** Long enough for the zone to be stopped before its own after-close timer fires. */
  private static final Duration AFTER_CLOSE = Duration.ofMillis(1500);
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

  private static ZoneSettings settings() {
    ZoneSettings base = ZoneFixture.settings(HOUR, "500", 1);
    return new ZoneSettings(base.cycleInterval(), base.highValueThreshold(), base.maxRecounts(),
        base.scheme(), base.policy(), null, AFTER_CLOSE);
  }

  private static ActorRef<Zone.Command> spawnA(ZoneFixture f, String name) {
    return kit.spawn(Zone.create("A", f.deps, f.book("A"), HOUR), name);
  }

  private static void record(ActorRef<Zone.Command> zone, io.dockcount.core.CountRecord r) {
    TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(r, probe.getRef()));
    assertTrue(probe.receiveMessage(Duration.ofSeconds(10)).isSuccess());
  }

  private static void close(ActorRef<Zone.Command> zone, String location) {
    TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();
    zone.tell(new Zone.CloseLocation(location, "ana", probe.getRef()));
    assertTrue(probe.receiveMessage(Duration.ofSeconds(10)).isSuccess());
  }

  private static long openTasks(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.ZoneStatus> probe = kit.createTestProbe();
    zone.tell(new Zone.GetStatus(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).openTasks();
  }

  private static List<ConsoleQueries.RunTotals> runs(ZoneFixture f) {
    return new ConsoleQueries(f.store).runHistory(10);
  }

  /** Waits until {@code n} runs are saved, and returns them. */
  private static List<ConsoleQueries.RunTotals> awaitRuns(ZoneFixture f, int n) {
    TestProbe<Object> clock = kit.createTestProbe();
    return clock.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
      List<ConsoleQueries.RunTotals> runs = runs(f);
      assertEquals(n, runs.size(), () -> "runs: " + runs);
      return runs;
    });
  }

  @Test
  void closedJustBeforeAStop_reconciledTheAfterCloseWaitAfterTheStart_notAtTheCycle(
      @TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings(), s -> { })) {
      String name = "zone-A-" + ids.incrementAndGet();
      ActorRef<Zone.Command> zone = spawnA(f, name);
      record(zone, count("A-01-02-B", "00913", 7, 1));
      close(zone, "A-01-02-B");
      kit.stop(zone); // before its after-close run: the run is lost with the stop

      assertEquals(List.of(), runs(f), "stopped before its after-close run");
      ActorRef<Zone.Command> again = spawnA(f, name);

      List<ConsoleQueries.RunTotals> runs = awaitRuns(f, 1);
      assertEquals("AFTER_CLOSE", runs.get(0).trigger());
      // The run is saved before the zone takes its tasks in (RunSaved): asked at once, it may
      // not have them yet.
      kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100),
          () -> {
            assertEquals(1, openTasks(again),
                "the short line's recount task, an hour before the cycle");
            return null;
          });
    }
  }

  @Test
  void nothingClosedSinceTheLastRun_startsNoRun_countsWaitForTheCycle(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings(), s -> { })) {
      String name = "zone-A-" + ids.incrementAndGet();
      ActorRef<Zone.Command> zone = spawnA(f, name);
      record(zone, count("A-01-02-B", "00913", 7, 1));
      close(zone, "A-01-02-B");
      awaitRuns(f, 1);
      record(zone, count("A-01-03-A", "0777", 2, 2)); // a count, no close, since that run
      kit.stop(zone);

      ActorRef<Zone.Command> again = spawnA(f, name);
      openTasks(again); // started
      TestProbe<Object> clock = kit.createTestProbe();
      clock.expectNoMessage(AFTER_CLOSE.multipliedBy(2));

      assertEquals(1, runs(f).size(), () -> "a run at a start with no close pending: " + runs(f));
    }
  }

  @Test
  void throughTheRouter_aCloseLostWithTheStop_reconciledAfterTheStart(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings(), s -> { })) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(ZoneRouter.create(f.deps));
      TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
      router.tell(new ZoneRouter.Route(new Zone.RecordCount(count("A-01-02-B", "00913", 7, 1),
          counted.getRef())));
      assertTrue(counted.receiveMessage(Duration.ofSeconds(10)).isSuccess());
      TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
      router.tell(new ZoneRouter.Route(new Zone.CloseLocation("A-01-02-B", "ana",
          closed.getRef())));
      assertTrue(closed.receiveMessage(Duration.ofSeconds(10)).isSuccess());
      kit.stop(router);

      assertEquals(List.of(), runs(f), "stopped before its after-close run");
      kit.spawn(ZoneRouter.create(f.deps)); // its zones read the journal once, together

      List<ConsoleQueries.RunTotals> runs = awaitRuns(f, 1);
      assertEquals("AFTER_CLOSE", runs.get(0).trigger());
      assertEquals("A", runs.get(0).zone());
    }
  }

  /**
   * A location the version before left CLOSED through its runs (found empty where the book lists
   * nothing, which that version never resolved), and a zone started on this version with
   * nothing new since that run: the first scheduled cycle after the start resolves it, whether
   * the zone has a book snapshot (as {@code run} always gives it) or none.
   */
  @Test
  void leftClosedByTheVersionBefore_resolvedByTheFirstCycleAfterTheStart(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, settings(), s -> { })) {
      long snapshot = f.store.saveMasterData(ZoneFixture.MASTER, "start-up", "h-start");
      for (Long book : new Long[] {snapshot, null}) {
        String location = book == null ? "A-09-09-B" : "A-09-09-A";
        ZoneDeps deps = new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit),
            ZoneFixture.MASTER, book, settings(), s -> { });
        String name = "zone-A-" + ids.incrementAndGet();
        ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", deps, f.book("A"), HOUR), name);
        close(zone, location); // off the book, nothing scanned: found empty
        kit.stop(zone); // before its after-close run
        // The run of the version before: it saw the close and left the location CLOSED.
        f.store.saveRun(new io.dockcount.store.RunRecord("A", "SCHEDULED", f.store.lastSeq(),
            book, List.of(), null, null, 0, List.of(), List.of(), List.of(), List.of()));

        ActorRef<Zone.Command> again = kit.spawn(Zone.create("A", deps, f.book("A"),
            Duration.ofMillis(300)), name);

        kit.createTestProbe().awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100),
            () -> {
              assertEquals(LocationState.RESOLVED, stateOf(again, location),
                  () -> "book snapshot " + book);
              return null;
            });
        kit.stop(again);
      }
    }
  }

  private static LocationState stateOf(ActorRef<Zone.Command> zone, String location) {
    TestProbe<Zone.ZoneStatus> probe = kit.createTestProbe();
    zone.tell(new Zone.GetStatus(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(10)).locations().get(location);
  }
}
