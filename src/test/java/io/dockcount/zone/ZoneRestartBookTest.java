package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zone stopped and started again shows the lines it showed before: here, a line counted under
 * an earlier snapshot whose book a newer one changed keeps its book change, whichever book the
 * zone is rebuilt on first. The service rebuilds its zones on the start-up files' book, and the
 * WMS sync brings the snapshot in force back a moment later; a zone restarted by supervision is
 * rebuilt on the book in force, which may be newer than the one it was spawned with.
 */
final class ZoneRestartBookTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
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

  @Test
  void restartOnTheStartUpBook_thenTheSnapshotInForceComesBack_bookChangeKept(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Counted c = countedUnderTwoSnapshots(f);
      List<String> before = linesOfASecondRun(c.zone(), f);
      kit.stop(c.zone());

      ActorRef<Zone.Command> restarted = spawn(deps(f, c.startUp()), book(c.startUp(), 30));
      restarted.tell(new Zone.BookUpdated(book(c.wms(), 18)));
      List<String> after = lines(reconcile(restarted), f);

      assertTrue(before.get(0).contains("flags=book_changed"), before::toString);
      assertEquals(before, after);
    }
  }

  @Test
  void restartedOnANewerBookThanItWasSpawnedWith_bookChangeKept(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Counted c = countedUnderTwoSnapshots(f);
      List<String> before = linesOfASecondRun(c.zone(), f);
      kit.stop(c.zone());

      // As supervision restarts a zone: its dependencies from its spawn, its book in force now.
      ActorRef<Zone.Command> restarted = spawn(deps(f, c.startUp()), book(c.wms(), 18));
      List<String> after = lines(reconcile(restarted), f);

      assertTrue(before.get(0).contains("flags=book_changed"), before::toString);
      assertEquals(before, after);
    }
  }

  /**
   * A WMS movement (the same snapshot, another quantity) after a location was counted and
   * closed, then the zone restarted by supervision on the moved book it is given: its lines are
   * those it showed before the restart.
   */
  @Test
  void restartedBySupervisionAfterAMovement_showsTheSameLines(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long startUp = f.store.saveMasterData(master(30), "start-up files", "h-start");
      ActorRef<Zone.Command> zone = spawn(deps(f, startUp), book(startUp, 30));
      count(zone, "A-01-02-B", "00913", 30, 1);
      count(zone, "A-01-03-A", "0777", 10, 2);
      zone.tell(new Zone.BookUpdated(book(startUp, 33)));
      List<String> before = linesOfASecondRun(zone, f);
      kit.stop(zone);

      ActorRef<Zone.Command> restarted = spawn(deps(f, startUp), book(startUp, 33));
      List<String> after = lines(reconcile(restarted), f);

      assertTrue(before.stream().anyMatch(l -> l.contains("location=A-01-02-B")
          && l.contains("bookEaches=33, countedEaches=30")), before::toString);
      assertEquals(before, after);
    }
  }

  /** A zone, its start-up snapshot and the WMS snapshot that replaced it. */
  private record Counted(ActorRef<Zone.Command> zone, long startUp, long wms) {}

  /**
   * Counts A-01-02-B to its book of 30 under the start-up snapshot; then a WMS snapshot says 18
   * there, and A-01-03-A is counted under it (so that snapshot is one counts were taken under).
   */
  private static Counted countedUnderTwoSnapshots(ZoneFixture f) {
    long startUp = f.store.saveMasterData(master(30), "start-up files", "h-start");
    ActorRef<Zone.Command> zone = spawn(deps(f, startUp), book(startUp, 30));
    count(zone, "A-01-02-B", "00913", 30, 1);
    long wms = f.store.saveMasterData(master(18), "wms delivery", "h-wms");
    zone.tell(new Zone.BookUpdated(book(wms, 18)));
    count(zone, "A-01-03-A", "0777", 10, 2);
    return new Counted(zone, startUp, wms);
  }

  private static void count(ActorRef<Zone.Command> zone, String location, String sku,
      long eaches, long seq) {
    TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(ZoneFixture.count(location, sku, eaches, seq),
        counted.getRef()));
    assertTrue(counted.receiveMessage(WAIT).isSuccess());
    StatusReply<Zone.LocationChanged> closed =
        move(zone, r -> new Zone.CloseLocation(location, "ana", r));
    assertTrue(closed.isSuccess(), closed::toString);
  }

  /** A first run moves the zone on (a location goes to recount); the second shows its lines. */
  private static List<String> linesOfASecondRun(ActorRef<Zone.Command> zone, ZoneFixture f) {
    reconcile(zone);
    return lines(reconcile(zone), f);
  }

  private static List<String> lines(Zone.RunCompleted run, ZoneFixture f) {
    return f.store.runLines(run.runId()).stream().map(Store.StoredLine::toString).toList();
  }

  private static Zone.RunCompleted reconcile(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    return done.receiveMessage(WAIT);
  }

  private static StatusReply<Zone.LocationChanged> move(ActorRef<Zone.Command> zone,
      Function<ActorRef<StatusReply<Zone.LocationChanged>>, Zone.Command> command) {
    TestProbe<StatusReply<Zone.LocationChanged>> changed = kit.createTestProbe();
    zone.tell(command.apply(changed.getRef()));
    return changed.receiveMessage(WAIT);
  }

  private static ActorRef<Zone.Command> spawn(ZoneDeps deps, Zone.ZoneBook book) {
    return kit.spawn(Zone.create("A", deps, () -> book, HOUR), "zone-A-r" + ids.incrementAndGet());
  }

  /** The fixture's master data with {@code eachesOf00913} of 00913 at A-01-02-B. */
  private static MasterData master(long eachesOf00913) {
    return new MasterData(ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(),
        ZoneFixture.MASTER.barcodes(), List.of(
            new MasterData.BookLine("A-01-02-B", "00913", "", eachesOf00913),
            new MasterData.BookLine("A-01-03-A", "0777", "", 10)));
  }

  private static Zone.ZoneBook book(long snapshot, long eachesOf00913) {
    MasterData master = master(eachesOf00913);
    return new Zone.ZoneBook(snapshot, master, master.book());
  }

  /** Dependencies as the router gives them, on {@code snapshot}'s master data. */
  private static ZoneDeps deps(ZoneFixture f, long snapshot) {
    return new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), master(30), snapshot,
        f.deps.settings(), f.deps.alerts());
  }

  private static ZoneFixture quiet(Path dir) {
    return new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1), a -> { });
  }
}
