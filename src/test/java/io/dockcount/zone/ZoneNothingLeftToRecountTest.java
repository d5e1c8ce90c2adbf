package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
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
 * A location waiting for its recount whose every task a newer book made pointless (the book no
 * longer lists the SKU there, and nothing of it was counted): it leaves RECOUNT_REQUESTED as a
 * location whose recount found nothing to recount does, not waiting for a recount of nothing.
 */
final class ZoneNothingLeftToRecountTest {
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
  void lastTaskDoneByANewerBook_locationSettledAndJournalled_noRecountAskedAgain(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String name = "zone-A-" + ids.incrementAndGet();
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          zoneA(BOOK), HOUR), name);
      // 5 of 0777 counted, 00913 not found: 30 short, a task, and the location waits for its
      // recount.
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(1, reconcile(zone).tasksCreated());
      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(zone, "A-01-02-B"));
      long later = f.store.saveMasterData(WITHOUT, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, WITHOUT, zoneA(WITHOUT))));

      Zone.RunCompleted run = reconcile(zone);
      Zone.RunCompleted next = reconcile(zone);

      ConsoleQueries q = new ConsoleQueries(f.store);
      assertEquals(List.of(), q.tasks(true), "nothing left to recount");
      assertEquals(LocationState.RESOLVED, stateOf(zone, "A-01-02-B"),
          "nothing left to recount there: settled, as a recount that matched leaves it");
      assertEquals(0, run.tasksCreated() + next.tasksCreated(),
          () -> "no recount asked again: " + run.alerts() + next.alerts());
      kit.stop(zone);
      ActorRef<Zone.Command> again = kit.spawn(Zone.create("A",
          withBook(f, WITHOUT, later), zoneA(WITHOUT), HOUR), name);
      assertEquals(LocationState.RESOLVED, stateOf(again, "A-01-02-B"), "journalled");
      StatusReply<Zone.LocationChanged> confirmed =
          move(again, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
    }
  }

  @Test
  void lastTaskDoneByANewerBook_whileItsRecountIsUnderWay_leftForItsCounterToClose(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          zoneA(BOOK), HOUR), "zone-A-" + ids.incrementAndGet());
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(1, reconcile(zone).tasksCreated());
      // The recount has begun: a counter is scanning there.
      count(zone, "0777", 5);
      long later = f.store.saveMasterData(WITHOUT, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, WITHOUT, zoneA(WITHOUT))));

      reconcile(zone);

      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(zone, "A-01-02-B"),
          "its counter closes it; the recount's scans are not set aside");
    }
  }

  @Test
  void taskOfALineANewerBookDropped_locationSentBackByASupervisor_staysSentBack(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long morning = f.store.saveMasterData(ZoneFixture.MASTER, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A",
          withBook(f, ZoneFixture.MASTER, morning), zoneA(ZoneFixture.MASTER), HOUR),
          "zone-A-" + ids.incrementAndGet());
      // Found empty twice: at the recount limit, 30 short of 00913 is the supervisor's to decide.
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      assertEquals(LocationState.CLOSED, stateOf(zone, "A-01-02-B"), "to decide");
      long later = f.store.saveMasterData(NOTHING_THERE, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, NOTHING_THERE,
          zoneA(NOTHING_THERE))));

      // The supervisor sends it back before any run weighed the newer book.
      assertTrue(move(zone, r -> new Zone.RequestRecount("A-01-02-B", "maria", r))
          .isSuccess());
      reconcile(zone);
      reconcile(zone);

      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(zone, "A-01-02-B"),
          "a supervisor's send-back is not undone by the run");
    }
  }

  @Test
  void sentBackThenStoppedBeforeItsRun_newerBookDroppedTheTask_restartDoesNotUndoTheSendBack(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String name = "zone-A-" + ids.incrementAndGet();
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          zoneA(BOOK), HOUR), name);
      // 0777 counted right, 00913 not found twice: at the recount limit, the supervisor's.
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      assertEquals(LocationState.CLOSED, stateOf(zone, "A-01-02-B"), "to decide");
      kit.stop(zone);
      // The supervisor's send-back is on disk, but the service stopped before the run it
      // started was saved; the WMS then delivered a book without 00913 there.
      f.journal.append(new JournalEntry.LocationEvent("A", "A-01-02-B",
          LocationState.RECOUNT_REQUESTED.name(), 2, "maria", "recount asked by supervisor"))
          .toCompletableFuture().join();
      long later = f.store.saveMasterData(WITHOUT, "book 10:00", "h-1000");

      ActorRef<Zone.Command> again = kit.spawn(Zone.create("A", withBook(f, WITHOUT, later),
          zoneA(WITHOUT), HOUR), name + "-again");
      Zone.RunCompleted run = reconcile(again);
      reconcile(again);

      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(again, "A-01-02-B"),
          "a supervisor's send-back is not undone by the run after a restart");
      List<String> open = new ConsoleQueries(f.store).tasks(true).stream()
          .map(t -> t.sku() + "@" + t.round()).toList();
      assertEquals(List.of("0777@2"), open,
          "the lost run's work done: the old task closed, the location's line sent back");
      assertEquals(1, run.tasksCreated());
    }
  }

  @Test
  void sentBackTaskOfALineANewerBookDropped_recountFindsItAfterAll_varianceOnTheQueue(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          zoneA(BOOK), HOUR), "zone-A-" + ids.incrementAndGet());
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);
      assertTrue(move(zone, r -> new Zone.RequestRecount("A-01-02-B", "maria", r))
          .isSuccess());
      reconcile(zone); // 00913 tasked in recount 2, as sent back
      long later = f.store.saveMasterData(WITHOUT, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, WITHOUT, zoneA(WITHOUT))));
      reconcile(zone); // the newer book no longer lists 00913 there

      // The recount the supervisor asked for finds the 30 after all: stock off the book.
      count(zone, "0777", 5);
      count(zone, "00913", 30);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      reconcile(zone);

      List<ConsoleQueries.Task> open = new ConsoleQueries(f.store).tasks(true);
      assertEquals(List.of("00913@2:30"), open.stream()
          .map(t -> t.sku() + "@" + t.round() + ":" + t.variance()).toList(),
          "the recount's +30 is the supervisor's to decide, on the queue");
      assertEquals(LocationState.CLOSED, stateOf(zone, "A-01-02-B"));
      assertTrue(open.get(0).reason().startsWith(io.dockcount.store.RunRecord.DECIDE),
          open.get(0).reason());
    }
  }

  @Test
  void recountTheRunAsked_sentBackByASupervisor_recordedSoANewerBookDoesNotSettleIt(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String name = "zone-A-" + ids.incrementAndGet();
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          zoneA(BOOK), HOUR), name);
      count(zone, "0777", 5);
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(1, reconcile(zone).tasksCreated(), "the run asks recount 1 of 00913");

      // The supervisor wants that recount whatever comes: sent back, then asked again.
      StatusReply<Zone.LocationChanged> sent =
          move(zone, r -> new Zone.RequestRecount("A-01-02-B", "maria", r));
      StatusReply<Zone.LocationChanged> again =
          move(zone, r -> new Zone.RequestRecount("A-01-02-B", "maria", r));

      assertTrue(sent.isSuccess() && !sent.getValue().already(), () -> "recorded: " + sent);
      assertTrue(sent.getValue().note().startsWith("recorded: recount 1"),
          sent.getValue().note());
      assertEquals(1, sent.getValue().round(), "the same recount, not another round");
      assertTrue(again.isSuccess() && again.getValue().already(), () -> "a repeat: " + again);
      ConsoleQueries.LocationEvent last = new ConsoleQueries(f.store).locationStates().stream()
          .filter(e -> e.location().equals("A-01-02-B")).findFirst().orElseThrow();
      assertEquals(List.of("RECOUNT_REQUESTED", "1", "maria"),
          List.of(last.state(), String.valueOf(last.round()), last.byWhom()), "journalled once");
      assertEquals(1, supervisorEvents(f, "A-01-02-B"), "the repeat journalled nothing");
      ZoneState replayed = ZoneState.replay(f.store.loadZone("A", morning));
      ZoneState read = ZoneState.recover(f.store, "A", morning);
      for (ZoneState rebuilt : List.of(replayed, read)) {
        assertTrue(rebuilt.sentBackBySupervisor("A-01-02-B"), "a rebuilt state knows whose");
        assertEquals(LocationState.RECOUNT_REQUESTED, rebuilt.location("A-01-02-B").state());
        assertEquals(1, rebuilt.location("A-01-02-B").round());
      }

      // A newer book drops 00913 there: the run would settle a recount of its own asking.
      long later = f.store.saveMasterData(WITHOUT, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, WITHOUT, zoneA(WITHOUT))));
      reconcile(zone);
      reconcile(zone);
      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(zone, "A-01-02-B"),
          "the supervisor's send-back stands");
      kit.stop(zone);
      ActorRef<Zone.Command> restarted = kit.spawn(Zone.create("A",
          withBook(f, WITHOUT, later), zoneA(WITHOUT), HOUR), name + "-again");
      reconcile(restarted);
      assertEquals(LocationState.RECOUNT_REQUESTED, stateOf(restarted, "A-01-02-B"),
          "and across a restart");
      assertEquals(List.of("00913@1"), new ConsoleQueries(f.store).tasks(true).stream()
          .map(t -> t.sku() + "@" + t.round()).toList(), "the supervisor's recount is queued");
    }
  }

  @Test
  void runWeighingASendBack_oldTaskOfALineANewerBookDropped_markedDoneOnce() {
    // Counted twice at the recount limit (0777 right, 00913 never found), 00913 left to a
    // supervisor, who sent it back; the book in force no longer lists 00913 there.
    ZoneState state = new ZoneState();
    long seq = 0;
    state.applyCount(++seq, "DOCK-1", seq, "A-01-02-B", "0777", 5, 0, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-02-B", LocationState.CLOSED, 0);
    state.applyEvent(++seq, "A-01-02-B", LocationState.RECOUNT_REQUESTED, 1);
    state.applyCount(++seq, "DOCK-1", seq, "A-01-02-B", "0777", 5, 1, 1L, null, "EA");
    state.applyEvent(++seq, "A-01-02-B", LocationState.CLOSED, 1);
    io.dockcount.store.RunRecord.TaskKey old =
        new io.dockcount.store.RunRecord.TaskKey("A-01-02-B", "00913", 1);
    state.addTask(new io.dockcount.store.RunRecord.NewTask(old, -30L, null,
        io.dockcount.store.RunRecord.DECIDE + "variance stands after 1 recount(s)"));
    state.applyEvent(++seq, "A-01-02-B", LocationState.RECOUNT_REQUESTED, 2, "maria");
    ZoneReconciler reconciler = new ZoneReconciler("A", WITHOUT, zoneA(WITHOUT),
        ZoneFixture.settings(HOUR, "500", 1));

    io.dockcount.store.RunRecord run = reconciler.plan(state, Zone.REQUESTED, 1L, false,
        java.util.Set.of("A-01-02-B"), java.util.Set.of(), java.util.Set.of()).run();

    assertEquals(List.of(old), run.doneTasks(), "the send-back's old task, once");
    assertEquals(List.of("0777@2"), run.newTasks().stream()
        .map(t -> t.key().sku() + "@" + t.key().round()).toList(), "the location sent back");
  }

  /** The location events at {@code location} journalled by maria, from the store. */
  private static long supervisorEvents(ZoneFixture f, String location) {
    return f.store.loadZone("A").journal().stream()
        .filter(e -> e instanceof io.dockcount.store.Store.StoredEvent ev
            && ev.location().equals(location) && "maria".equals(ev.byWhom()))
        .count();
  }

  /** A newer book that lists nothing at A-01-02-B. */
  private static final MasterData NOTHING_THERE = bookOf(
      new MasterData.BookLine("A-01-03-A", "0777", "", 10));

  /** The book: 30 of 00913 and 5 of 0777 at A-01-02-B, 10 of 0777 at A-01-03-A. */
  private static final MasterData BOOK = bookOf(
      new MasterData.BookLine("A-01-02-B", "00913", "", 30),
      new MasterData.BookLine("A-01-02-B", "0777", "", 5),
      new MasterData.BookLine("A-01-03-A", "0777", "", 10));

  /** A newer book that no longer lists 00913 at A-01-02-B. */
  private static final MasterData WITHOUT = bookOf(
      new MasterData.BookLine("A-01-02-B", "0777", "", 5),
      new MasterData.BookLine("A-01-03-A", "0777", "", 10));

  private static MasterData bookOf(MasterData.BookLine... lines) {
    return new MasterData(ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(),
        ZoneFixture.MASTER.barcodes(), List.of(lines));
  }

  private static final AtomicInteger sequence = new AtomicInteger();

  private static void count(ActorRef<Zone.Command> zone, String sku, long eaches) {
    TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(ZoneFixture.count("A-01-02-B", sku, eaches,
        sequence.incrementAndGet()), counted.getRef()));
    assertTrue(counted.receiveMessage(WAIT).isSuccess());
  }

  private static List<MasterData.BookLine> zoneA(MasterData master) {
    return master.book().stream().filter(b -> b.location().startsWith("A-")).toList();
  }

  private static ZoneFixture quiet(Path dir) {
    return new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1), a -> { });
  }

  private static ZoneDeps withBook(ZoneFixture f, MasterData master, long snapshot) {
    return new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), master, snapshot,
        f.deps.settings(), f.deps.alerts());
  }

  private static StatusReply<Zone.LocationChanged> move(ActorRef<Zone.Command> zone,
      Function<ActorRef<StatusReply<Zone.LocationChanged>>, Zone.Command> command) {
    TestProbe<StatusReply<Zone.LocationChanged>> probe = kit.createTestProbe();
    zone.tell(command.apply(probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  private static Zone.RunCompleted reconcile(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    return done.receiveMessage(WAIT);
  }

  private static LocationState stateOf(ActorRef<Zone.Command> zone, String location) {
    TestProbe<Zone.ZoneStatus> probe = kit.createTestProbe();
    zone.tell(new Zone.GetStatus(probe.getRef()));
    return probe.receiveMessage(WAIT).locations().get(location);
  }
}
