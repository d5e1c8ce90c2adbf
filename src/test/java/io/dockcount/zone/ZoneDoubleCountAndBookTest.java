package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.core.CountRecord;
import io.dockcount.core.Status;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 5 (a pallet or serialized unit counts once per round, at any station) and field
 * report F17 (the book moved between the count and the reconciliation).
 */
final class ZoneDoubleCountAndBookTest {
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

  private static ActorRef<Zone.Command> spawn(ZoneDeps deps) {
    List<MasterData.BookLine> book = deps.master().book().stream()
        .filter(b -> b.location().startsWith("A-")).toList();
    return kit.spawn(Zone.create("A", deps, book, HOUR), "zone-A-u" + ids.incrementAndGet());
  }

  private static StatusReply<Zone.CountRecorded> send(ActorRef<Zone.Command> zone,
      CountRecord r) {
    TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(r, probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  private static CountRecord pallet(String station, long seq, String location, String sscc) {
    return new CountRecord(station, "ana", location, "00913", "CS", BigDecimal.ONE, 12, "",
        "]C100" + sscc, seq, "15412345000010", "", sscc);
  }

  private static CountRecord serialized(String station, long seq, String serial) {
    return new CountRecord(station, "ana", "A-01-03-A", "0777", "EA", BigDecimal.ONE, 1, "",
        "]C1010777" + serial, seq, "00000000007771", serial, "");
  }

  @Test
  void pallet_countedAtOneStation_isRefusedAtAnother_untilVoided(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = spawn(f.deps);
      StatusReply<Zone.CountRecorded> first =
          send(zone, pallet("DOCK-1", 1, "A-01-02-B", "354123450000000014"));

      StatusReply<Zone.CountRecorded> second =
          send(zone, pallet("DOCK-2", 1, "A-01-03-A", "354123450000000014"));

      assertTrue(first.isSuccess());
      assertTrue(second.isError());
      assertTrue(second.getError().getMessage().startsWith("SSCC 354123450000000014 already "
          + "counted at A-01-02-B by DOCK-1"), second.getError().getMessage());
      TestProbe<StatusReply<Zone.CountVoided>> voided = kit.createTestProbe();
      zone.tell(new Zone.VoidCount("A-01-02-B", first.getValue().seq(), "DOCK-1", "ana",
          "wrong bin", voided.getRef()));
      assertTrue(voided.receiveMessage(WAIT).isSuccess());
      assertTrue(send(zone, pallet("DOCK-2", 2, "A-01-03-A", "354123450000000014")).isSuccess());
      voided.awaitAssert(WAIT, () -> {
        assertEquals(1L, f.store.counts().get("rejected_scan"));
        return null;
      });
    }
  }

  @Test
  void pallet_heldByItsLocationsRound_notByRoundNumbersOfOtherLocations(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = spawn(f.deps);
      String sscc = "354123450000000014";
      assertTrue(send(zone, pallet("DOCK-1", 1, "A-01-02-B", sscc)).isSuccess());
      assertTrue(send(zone, pallet("DOCK-2", 9, "A-01-02-B", sscc)).getError().getMessage()
          .endsWith("in this count round: it counts once here"), "no advice to recount here");
      // A-01-03-A is in its recount (its round 1): the pallet counted at A-01-02-B in that
      // location's round 0 still stands, so it is not counted a second time here.
      recount(zone, "A-01-03-A");

      StatusReply<Zone.CountRecorded> elsewhere = send(zone, pallet("DOCK-2", 1, "A-01-03-A",
          sscc));

      assertTrue(elsewhere.isError());
      assertTrue(elsewhere.getError().getMessage().contains("already counted at A-01-02-B"),
          elsewhere.getError().getMessage());
      // Recounting A-01-02-B sets its first count aside: the pallet counts anew, once.
      recount(zone, "A-01-02-B");
      assertTrue(send(zone, pallet("DOCK-1", 2, "A-01-02-B", sscc)).isSuccess());
      assertTrue(send(zone, pallet("DOCK-2", 2, "A-01-03-A", sscc)).isError());
    }
  }

  private static ActorRef<Zone.Command> spawn(String zone, ZoneDeps deps) {
    List<MasterData.BookLine> book = deps.master().book().stream()
        .filter(b -> b.location().startsWith(zone + "-")).toList();
    return kit.spawn(Zone.create(zone, deps, book, HOUR),
        "zone-" + zone + "-u" + ids.incrementAndGet());
  }

  @Test
  void pallet_countedInOneZone_refusedInAnother_untilItsLocationIsRecounted_evenAfterRestart(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String sscc = "354123450000000014";
      ActorRef<Zone.Command> a = spawn("A", f.deps);
      ActorRef<Zone.Command> b = spawn("B", f.deps);
      assertTrue(send(a, pallet("DOCK-1", 1, "A-01-02-B", sscc)).isSuccess());

      StatusReply<Zone.CountRecorded> inB = send(b, pallet("DOCK-2", 1, "B-01-01-A", sscc));

      assertTrue(inB.isError());
      assertEquals("SSCC " + sscc + " already counted in zone A at A-01-02-B; if it was moved, "
          + "ask a supervisor to recount A-01-02-B (one under way: it counts here once that "
          + "recount closes without it)", inB.getError().getMessage());
      // Sent to recount, A-01-02-B still holds it: its figures take that count until the
      // recount there counts the SKU or closes, so zone B may not count it meanwhile.
      recount(a, "A-01-02-B");
      assertTrue(send(b, pallet("DOCK-2", 2, "B-01-01-A", sscc)).isError(),
          "one pallet never in the figures of two locations");
      // The recount closes without it (it was moved): it may be counted where it is now.
      closeLocation(a, "A-01-02-B");
      assertTrue(send(b, pallet("DOCK-2", 3, "B-01-01-A", sscc)).isSuccess());
      StatusReply<Zone.CountRecorded> backInA = send(a, pallet("DOCK-1", 2, "A-01-03-A", sscc));
      assertTrue(backInA.isError());
      assertTrue(backInA.getError().getMessage().contains("already counted in zone B at "
          + "B-01-01-A"), backInA.getError().getMessage());

      // After a restart (a register of claims of its own) the zones read who holds it from
      // their journals.
      kit.stop(a);
      kit.stop(b);
      ZoneDeps restarted = restarted(f);
      ActorRef<Zone.Command> b2 = spawn("B", restarted);
      assertTrue(send(b2, pallet("DOCK-2", 3, "B-01-01-A", sscc)).getValue().duplicate(),
          "zone B has read its journal");
      ActorRef<Zone.Command> a2 = spawn("A", restarted);
      StatusReply<Zone.CountRecorded> afterRestart =
          send(a2, pallet("DOCK-1", 3, "A-01-03-A", sscc));
      assertTrue(afterRestart.isError());
      assertTrue(afterRestart.getError().getMessage().contains("already counted in zone B"),
          afterRestart.getError().getMessage());
    }
  }

  @Test
  void pallet_recountCountsItsSkuWithoutIt_anotherZoneMayCountItAtOnce(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String sscc = "354123450000000014";
      ActorRef<Zone.Command> a = spawn("A", f.deps);
      ActorRef<Zone.Command> b = spawn("B", f.deps);
      assertTrue(send(a, pallet("DOCK-1", 1, "A-01-02-B", sscc)).isSuccess());
      recount(a, "A-01-02-B");
      // The recount counts 00913 there, loose: the figures take that, not the pallet.
      assertTrue(send(a, ZoneFixture.count("A-01-02-B", "00913", 6, 2)).isSuccess());

      StatusReply<Zone.CountRecorded> inB = send(b, pallet("DOCK-2", 1, "B-01-01-A", sscc));

      assertTrue(inB.isSuccess(), () -> inB.getError().getMessage());
    }
  }

  @Test
  void pallet_afterARestart_zoneReadyFirstRefusesWhatAnotherStillStartingHolds(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String sscc = "354123450000000014";
      ActorRef<Zone.Command> b = spawn("B", f.deps);
      assertTrue(send(b, pallet("DOCK-2", 1, "B-01-01-A", sscc)).isSuccess());
      kit.stop(b);
      // The restart: one read of the journal for every zone; only zone A has started so far.
      ZoneDeps restarted = restarted(f);
      ZoneRecovery recovery = ZoneRecovery.start(restarted);
      List<MasterData.BookLine> bookOfA = restarted.master().book().stream()
          .filter(l -> l.location().startsWith("A-")).toList();
      ActorRef<Zone.Command> a = kit.spawn(Zone.create("A", restarted,
          () -> new Zone.ZoneBook(restarted.snapshotId(), restarted.master(), bookOfA), HOUR,
          recovery), "zone-A-u" + ids.incrementAndGet());

      StatusReply<Zone.CountRecorded> inA = send(a, pallet("DOCK-1", 1, "A-01-02-B", sscc));

      assertTrue(inA.isError(), "zone B has not started, but its journal was read");
      assertTrue(inA.getError().getMessage().contains("already counted in zone B at B-01-01-A"),
          inA.getError().getMessage());
    }
  }

  /** A fixture with the usual settings (one recount, 500.00 high value) and no alert heard. */
  private static ZoneFixture quiet(Path dir) {
    return new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1), a -> { });
  }

  /** The fixture's zone dependencies as a restart has them: a register of claims of its own. */
  private static ZoneDeps restarted(ZoneFixture f) {
    return new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), f.deps.master(),
        f.deps.snapshotId(), f.deps.settings(), f.deps.alerts());
  }

  private static void closeLocation(ActorRef<Zone.Command> zone, String location) {
    assertTrue(move(zone, r -> new Zone.CloseLocation(location, "ana", r)).isSuccess());
  }

  private static void recount(ActorRef<Zone.Command> zone, String location) {
    closeLocation(zone, location);
    TestProbe<StatusReply<Zone.LocationChanged>> changed = kit.createTestProbe();
    zone.tell(new Zone.RequestRecount(location, "maria", changed.getRef()));
    StatusReply<Zone.LocationChanged> recount = changed.receiveMessage(WAIT);
    assertTrue(recount.isSuccess(), () -> recount.getError().getMessage());
  }

  @Test
  void pallet_whileItsLocationAwaitsItsRecount_refusedElsewhereInTheZone_countedByTheRecount(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      String sscc = "354123450000000014";
      ActorRef<Zone.Command> zone = spawn(f.deps);
      assertTrue(send(zone, pallet("DOCK-1", 1, "A-01-02-B", sscc)).isSuccess());
      recount(zone, "A-01-02-B");

      StatusReply<Zone.CountRecorded> elsewhere =
          send(zone, pallet("DOCK-2", 1, "A-01-03-A", sscc));
      StatusReply<Zone.CountRecorded> byTheRecount =
          send(zone, pallet("DOCK-1", 2, "A-01-02-B", sscc));
      StatusReply<Zone.CountRecorded> elsewhereAgain =
          send(zone, pallet("DOCK-2", 2, "A-01-03-A", sscc));

      assertTrue(elsewhere.isError(), "the figures still take its count at A-01-02-B");
      assertEquals("SSCC " + sscc + " already counted at A-01-02-B by DOCK-1 (journal record "
          + "1); A-01-02-B is to be recounted: once its recount is closed without it, it counts "
          + "here", elsewhere.getError().getMessage().replaceAll("record \\d+", "record 1"));
      assertTrue(byTheRecount.isSuccess(), "the recount counts it anew, in place of round 0");
      assertTrue(elsewhereAgain.isError());
      assertTrue(elsewhereAgain.getError().getMessage().endsWith("if it was moved, ask a "
          + "supervisor to recount A-01-02-B"), elsewhereAgain.getError().getMessage());
    }
  }

  /**
   * Counts 20 of 30 at A-01-02-B on the morning book and sends it to its recount (round 1, the
   * last one); the recount counts {@code recounted} under that book, a new book of 24 comes in
   * force before its counter closes it, and the zone reconciles. Returns the open tasks.
   */
  private static List<io.dockcount.store.ConsoleQueries.Task> recountedThenTheBookChanged(
      ZoneFixture f, long recounted) {
    recountedThenTheBookChangedIn(f, recounted);
    return new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
  }

  /** As {@link #recountedThenTheBookChanged}; returns the zone. */
  private static ActorRef<Zone.Command> recountedThenTheBookChangedIn(ZoneFixture f,
      long recounted) {
    Closed closed = countedAndClosedOn(f, 30, 20);
    assertEquals(1, reconcile(closed.zone()).tasksCreated(), "10 short: to recount");
    assertTrue(send(closed.zone(), ZoneFixture.count("A-01-02-B", "00913", recounted, 2))
        .isSuccess());
    long changed = f.store.saveMasterData(bookOf(24), "book 10:00", "h-1000");
    closed.zone().tell(inForce(changed, bookOf(24)));
    closeLocation(closed.zone(), "A-01-02-B");
    reconcile(closed.zone());
    reconcile(closed.zone());
    return closed.zone();
  }

  @Test
  void recountAtTheLimitMatchesTheBookAsItNowStands_afterABookChange_nothingLeftToDecide(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      List<io.dockcount.store.ConsoleQueries.Task> open = recountedThenTheBookChanged(f, 24);

      assertEquals(List.of(), open, "no decision: the recount found what the book now says");
      io.dockcount.store.ConsoleQueries.Line line = new io.dockcount.store.ConsoleQueries(
          f.store).latestLines("A").stream().filter(l -> l.location().equals("A-01-02-B"))
          .findFirst().orElseThrow();
      assertEquals("matched", line.status(), line::toString);
      assertEquals(Long.valueOf(24), line.book(), line::toString);
      assertEquals(Long.valueOf(24), line.counted(), line::toString);
    }
  }

  @Test
  void recountAtTheLimitMatchedTheBookWhenCounted_thenTheBookChanged_decisionSaysSo(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      List<io.dockcount.store.ConsoleQueries.Task> open = recountedThenTheBookChanged(f, 30);

      assertEquals(1, open.size(), open::toString);
      assertEquals("supervisor: the recount matched the book as it was when counted (30 EA), "
          + "but the book changed under it (24 EA now), at the recount limit: send it back to "
          + "count it again, or accept it: the variance against the book as it now stands, "
          + "+6 EA, is posted", open.get(0).reason());
      assertEquals(Long.valueOf(6), open.get(0).variance(), open::toString);
      assertEquals(1, open.get(0).round(), open::toString);
    }
  }

  @Test
  void recountAtTheLimitOffBothBooks_afterABookChange_decisionSaysTheBookChangedUnderIt(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      List<io.dockcount.store.ConsoleQueries.Task> open = recountedThenTheBookChanged(f, 21);

      assertEquals(1, open.size(), open::toString);
      assertEquals("supervisor: the book changed under the recount (30 EA when counted, 24 EA "
          + "now; counted 21 EA), at the recount limit: send it back to count it again, or "
          + "accept it: the variance against the book as it now stands, -3 EA, is posted",
          open.get(0).reason());
      assertTrue(!open.get(0).reason().contains("variance stands"), open::toString);
    }
  }

  @Test
  void sentBackBeforeAnyRun_recountFindsTheSameShort_saidToStand(@TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> alerts.getRef().tell(a.line()))) {
      Closed closed = countedAndClosed(f, 20); // 20 of 30
      // The supervisor sends it back at once, before any run has tasked the short.
      assertTrue(move(closed.zone(), r -> new Zone.RequestRecount("A-01-02-B", "maria", r))
          .isSuccess());
      assertTrue(send(closed.zone(), ZoneFixture.count("A-01-02-B", "00913", 20, 2))
          .isSuccess());
      closeLocation(closed.zone(), "A-01-02-B");

      reconcile(closed.zone());

      alerts.fishForMessage(WAIT, line -> line.contains("sent back by a supervisor")
          ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
      String decide = alerts.receiveMessage(WAIT);
      assertTrue(decide.contains("supervisor: variance stands after 1 recount(s)"), decide);
    }
  }

  @Test
  void serializedUnit_countsOncePerRound_plainUnitsAllCount_evenAfterRestart(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = spawn(f.deps);
      assertTrue(send(zone, serialized("DOCK-1", 1, "SN-0001")).isSuccess());
      assertTrue(send(zone, serialized("DOCK-1", 2, "SN-0002")).isSuccess());
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 1, 3)).isSuccess());
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 1, 4)).isSuccess());
      kit.stop(zone);

      ActorRef<Zone.Command> again = spawn(f.deps);
      StatusReply<Zone.CountRecorded> rescanned = send(again, serialized("DOCK-3", 1, "SN-0001"));

      assertTrue(rescanned.isError());
      assertTrue(rescanned.getError().getMessage().contains("serial SN-0001 already counted"));
      assertEquals(4L, f.store.counts().get("count_record"));
      Store.StoredCount stored = (Store.StoredCount) f.store.loadZone("A").journal().get(0);
      assertEquals("SN-0001", stored.record().serial());
      assertEquals("00000000007771", stored.record().gtin());
    }
  }

  @Test
  void bookChangedBetweenCountAndReconcile_lineGoesToRecount_noVariancePosted(
      @TempDir Path dir) {
    TestProbe<String> alerts = kit.createTestProbe();
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> alerts.getRef().tell(a.line()))) {
      // 08:00 snapshot: 30 EA of 00913 at A-01-02-B; the counter counts 30.
      long morning = f.store.saveMasterData(ZoneFixture.MASTER, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, ZoneFixture.MASTER, morning));
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 30, 1)).isSuccess());
      kit.stop(zone);
      // 09:10: a pick of one case (12 EA) is posted; the service reloads the book.
      MasterData afterPick = AFTER_PICK;
      long later = f.store.saveMasterData(afterPick, "book 09:10", "h-0910");
      ActorRef<Zone.Command> reloaded = spawn(withBook(f, afterPick, later));
      TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
      reloaded.tell(new Zone.CloseLocation("A-01-02-B", "ana", closed.getRef()));
      assertTrue(closed.receiveMessage(WAIT).isSuccess());

      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted run = done.receiveMessage(WAIT);

      assertTrue(later > morning);
      assertEquals(1, run.tasksCreated());
      assertEquals(1, run.alerts().size());
      assertTrue(run.alerts().get(0).contains("(A-01-02-B) sku 00913")
          && run.alerts().get(0).endsWith("book changed since count (30 EA when counted, "
              + "18 EA now): recount, no variance posted"), run.alerts().get(0));
      assertEquals(1, run.byStatus().get(Status.OVER));
      // Its one variance is posted by none: the zone's value is unknown, not a known 0.00.
      assertNull(run.netValue(), "no variance posted, and no other valued: unknown");
      assertNull(run.absValue(), "unknown too");
      assertEquals(1, new io.dockcount.store.ConsoleQueries(f.store).latestRuns().get(0)
          .linesWithoutValue(), "and the zone's figures say one line is left out of them");
      assertTrue(run.alerts().get(0).contains("counted 30 EA, book 18 EA now"),
          "no variance or value in the alert either: " + run.alerts().get(0));
    }
  }

  /**
   * Counts A-01-02-B to its book, closes it (resolved: matched), then restarts the zone on the
   * book after a pick: the settled location's book changed.
   */
  private static ActorRef<Zone.Command> settledThenPicked(ZoneFixture f) {
    ActorRef<Zone.Command> zone = countedAndClosed(f, 30).zone();
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    assertEquals(0, done.receiveMessage(WAIT).tasksCreated(), "matched: resolved, no task");
    kit.stop(zone);
    long later = f.store.saveMasterData(AFTER_PICK, "book 09:10", "h-0910");
    return spawn(withBook(f, AFTER_PICK, later));
  }

  /** A zone on the morning book (snapshot {@code morning}), A-01-02-B counted and closed. */
  private record Closed(ActorRef<Zone.Command> zone, long morning) {}

  /** Counts {@code eaches} of 00913 (30 on book) at A-01-02-B on the morning book, closes it. */
  private static Closed countedAndClosed(ZoneFixture f, long eaches) {
    return countedAndClosed(f, ZoneFixture.MASTER, eaches);
  }

  /** As above, on a morning book of {@code onBook} of 00913 there. */
  private static Closed countedAndClosedOn(ZoneFixture f, long onBook, long eaches) {
    return countedAndClosed(f, bookOf(onBook), eaches);
  }

  private static Closed countedAndClosed(ZoneFixture f, MasterData book, long eaches) {
    long morning = f.store.saveMasterData(book, "book 08:00", "h-0800");
    ActorRef<Zone.Command> zone = spawn(withBook(f, book, morning));
    assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", eaches, 1)).isSuccess());
    assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
    return new Closed(zone, morning);
  }

  /** Asserts that the one task changed once, from the figures of a 10 short. */
  private static void changedOnceFromTenShort(io.dockcount.store.ConsoleQueries q) {
    assertEquals(1, q.taskChanges().size(), "updated once: the figures before kept");
    String before = q.taskChanges().values().iterator().next();
    assertTrue(before.contains("-10 EA") && !before.contains("; run "), before);
  }

  /** Sends a location command and returns its answer. */
  private static StatusReply<Zone.LocationChanged> move(ActorRef<Zone.Command> zone,
      java.util.function.Function<ActorRef<StatusReply<Zone.LocationChanged>>, Zone.Command>
          command) {
    TestProbe<StatusReply<Zone.LocationChanged>> changed = kit.createTestProbe();
    zone.tell(command.apply(changed.getRef()));
    return changed.receiveMessage(WAIT);
  }

  @Test
  void bookChangedAfterLocationSettled_sentBackToRecountNotLeftSettled(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> reloaded = settledThenPicked(f);
      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();

      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted run = done.receiveMessage(WAIT);
      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted again = done.receiveMessage(WAIT);

      assertEquals(1, run.tasksCreated(), "the settled line goes back to recount");
      assertTrue(run.alerts().get(0).contains("book changed since count"), run.alerts().get(0));
      assertEquals(0, again.tasksCreated(), "once");
    }
  }

  @Test
  void bookChangedAfterLocationSettled_atTheRecountLimit_aSupervisorIsToldNotSilent(
      @TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 0),
        a -> { })) {
      ActorRef<Zone.Command> reloaded = settledThenPicked(f);
      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();

      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted run = done.receiveMessage(WAIT);
      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted again = done.receiveMessage(WAIT);

      assertEquals(1, run.tasksCreated(), "no recount past the limit: a task to decide");
      assertEquals(1, run.alerts().size(), run.alerts()::toString);
      assertTrue(run.alerts().get(0).contains(": supervisor: the book changed after the "
          + "location was settled, at the recount limit"), run.alerts().get(0));
      assertEquals(0, again.tasksCreated());
      assertEquals(List.of(), again.alerts(), "told once, not at every cycle");
      // Settled no more: the task stays for the supervisor, and no confirmation goes through.
      StatusReply<Zone.LocationChanged> confirm =
          move(reloaded, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(confirm.isError());
      assertTrue(confirm.getError().getMessage().contains("closed and not yet resolved"),
          confirm.getError().getMessage());
      assertTrue(move(reloaded, r -> new Zone.ResolveLocation("A-01-02-B", "maria",
          "the book is right", r)).isSuccess(), "decided again");
    }
  }

  @Test
  void bookChangedAfterLocationConfirmed_finalNoRecountNoAlert(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosed(f, 30).zone();
      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
      zone.tell(new Zone.Reconcile(done.getRef()));
      done.receiveMessage(WAIT);
      StatusReply<Zone.LocationChanged> confirmed =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
      kit.stop(zone);
      long later = f.store.saveMasterData(AFTER_PICK, "book 09:10", "h-0910");
      ActorRef<Zone.Command> reloaded = spawn(withBook(f, AFTER_PICK, later));

      reloaded.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted run = done.receiveMessage(WAIT);

      assertEquals(0, run.tasksCreated(), "signed off: final");
      assertEquals(List.of(), run.alerts());
    }
  }

  @Test
  void bookMovedBetweenAcceptAndConfirm_confirmRefusedNotPostingTheAcceptedFigures(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // 20 counted of 30: the supervisor accepts -10.
      Closed closed = countedAndClosed(f, 20);
      ActorRef<Zone.Command> zone = closed.zone();
      long morning = closed.morning();
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "theft", r))
          .isSuccess());
      // A pick of 12 the WMS posted before the count reaches the zone's book: 18 now.
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(morning, AFTER_PICK,
          AFTER_PICK.book().stream().filter(b -> b.location().startsWith("A-")).toList())));

      StatusReply<Zone.LocationChanged> confirm =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));

      assertTrue(confirm.isError());
      assertEquals("location A-01-02-B: the book moved since it was settled (sku 00913: "
          + "book/counted 30/20 then, 18/20 now), so the settled figures no longer hold; send "
          + "it back for a recount rather than post them",
          confirm.getError().getMessage());
      assertTrue(move(zone, r -> new Zone.RequestRecount("A-01-02-B", "maria", r)).isSuccess(),
          "the way on: send it back");
    }
  }

  @Test
  void newerBookBetweenAcceptAndTheNextRun_confirmRefusedNotPostingAgainstTheOldBook(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // 20 counted of 30: the supervisor accepts -10.
      ActorRef<Zone.Command> zone = countedAndClosed(f, 20).zone();
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "theft", r))
          .isSuccess());
      // A newer WMS book (25 there) is in force before the zone's next run.
      long newer = f.store.saveMasterData(bookOf(25), "book 09:30", "h-0930");
      zone.tell(inForce(newer, bookOf(25)));

      StatusReply<Zone.LocationChanged> confirm =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));

      assertTrue(confirm.isError(), "posting -10 against a book of 30 that is now 25");
      assertEquals("location A-01-02-B: a newer WMS book changed it since it was settled (sku "
          + "00913: book 30 EA then, 25 EA now) and the zone has not reconciled on it yet; "
          + "confirm it after the zone's next reconciliation, which sends it back to decide if "
          + "the settled variance no longer holds (nothing was posted)",
          confirm.getError().getMessage());
      // The run on the newer book sends it back to decide: no confirming the old figures.
      reconcile(zone);
      assertTrue(move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r)).isError());
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "theft", r))
          .isSuccess(), "accepted again, on the book of 25");
      // A newer book that leaves the location alone does not stand in the way.
      long same = f.store.saveMasterData(bookOf(25), "book 09:40", "h-0940");
      zone.tell(inForce(same, bookOf(25)));
      assertTrue(move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r)).isSuccess());
    }
  }

  @Test
  void settledByACleanCount_bookMovedBeforeTheCount_confirmRefused(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 30); // 30 of 30: settled by the run, no decision
      reconcile(closed.zone());
      // A pick of 12, dated before the count, reaches the book: the count was 12 over.
      closed.zone().tell(inForce(closed.morning(), AFTER_PICK));

      StatusReply<Zone.LocationChanged> confirm =
          move(closed.zone(), r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));

      assertTrue(confirm.isError());
      assertTrue(confirm.getError().getMessage().startsWith("location A-01-02-B: the book "
          + "moved since it was settled (sku 00913: book/counted 30/30 then, 18/30 now)"),
          confirm.getError().getMessage());
    }
  }

  @Test
  void settledByACleanCount_bookMovedBeforeTheCount_theNextRunSendsItBackWithATaskAndAlert(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 30);
      reconcile(closed.zone()); // 30 of 30: settled
      // A pick of 12 dated before the count: the count was 12 over the book it was taken on.
      closed.zone().tell(inForce(closed.morning(), AFTER_PICK));

      Zone.RunCompleted run = reconcile(closed.zone());

      // Not left settled with a recountable line and no task (as a new book's change is not).
      assertEquals(1, run.tasksCreated(), run::toString);
      assertEquals(1, run.alerts().size(), run::toString);
      assertTrue(run.alerts().get(0).contains("book moved since it was settled (a WMS movement "
          + "dated before the count): over"), run.alerts().get(0));
      List<io.dockcount.store.ConsoleQueries.Task> open =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
      assertEquals(1, open.size(), open::toString);
      assertTrue(move(closed.zone(), r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r))
          .isError(), "sent back for a recount: nothing to confirm");
      // Sent back once: the next run makes no second task for it.
      assertEquals(0, reconcile(closed.zone()).tasksCreated());
    }
  }

  @Test
  void movedAfterSettling_thenADeliveryOfBarcodesOnly_confirmStillRefused(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 30);
      reconcile(closed.zone()); // 30 of 30: settled
      closed.zone().tell(inForce(closed.morning(), AFTER_PICK)); // a pick dated before
      long barcodes = f.store.saveMasterData(ZoneFixture.MASTER, "barcodes", "h-bc");
      closed.zone().tell(inForce(barcodes, AFTER_PICK)); // a new snapshot, the same book

      StatusReply<Zone.LocationChanged> confirm =
          move(closed.zone(), r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));

      assertTrue(confirm.isError(), "the movement still stands between settling and now");
      assertTrue(confirm.getError().getMessage().contains("the book moved since it was "
          + "settled"), confirm.getError().getMessage());
    }
  }

  @Test
  void acceptedThenRestarted_aMovementAfterTheRestart_confirmRefused(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 20);
      assertTrue(move(closed.zone(), r -> new Zone.ResolveLocation("A-01-02-B", "maria",
          "theft", r)).isSuccess());

      // A pick dated before the count reaches the book after the restart.
      StatusReply<Zone.LocationChanged> confirm = confirmAfterRestartAndPull(f, closed);

      assertTrue(confirm.isError(), "what it was settled on is kept with its journal");
      assertTrue(confirm.getError().getMessage().startsWith("location A-01-02-B: the book "
          + "moved since it was settled (sku 00913: book/counted 30/20 then, 18/20 now)"),
          confirm.getError().getMessage());
    }
  }

  @Test
  void acceptedByAVersionThatKeptNoFigures_aMovementAfterTheRestart_confirmRefused(
      @TempDir Path dir) throws Exception {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 20);
      assertTrue(move(closed.zone(), r -> new Zone.ResolveLocation("A-01-02-B", "maria",
          "theft", r)).isSuccess());
      kit.stop(closed.zone());
      // As a store settled before schema V11 has it: the event, without what it settled on.
      String url = "jdbc:h2:file:" + f.store.settings().path().toAbsolutePath()
          + ";DB_CLOSE_ON_EXIT=FALSE";
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
          java.sql.Statement st = c.createStatement()) {
        assertEquals(1, st.executeUpdate("UPDATE location_event SET settled = NULL "
            + "WHERE settled IS NOT NULL"));
      }

      StatusReply<Zone.LocationChanged> confirm = confirmAfterRestartAndPull(f, closed);

      assertTrue(confirm.isError(), "a pick dated before the count moved the book since");
      assertTrue(confirm.getError().getMessage().contains("the book moved since it was "
          + "settled (a WMS movement; it was settled by an earlier version, which did not keep "
          + "the figures)"), confirm.getError().getMessage());
    }
  }

  @Test
  void settledMovedThenRestarted_theFirstPullMovesTheStartUpBookAgain_confirmRefused(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 30);
      reconcile(closed.zone()); // 30 of 30: settled on a book of 30
      closed.zone().tell(inForce(closed.morning(), AFTER_PICK)); // then moved to 18

      StatusReply<Zone.LocationChanged> confirm = confirmAfterRestartAndPull(f, closed);

      assertTrue(confirm.isError(), "the mark was in memory: the book settled on is not");
      assertTrue(confirm.getError().getMessage().contains("book/counted 30/30 then, 18/30 "
          + "now"), confirm.getError().getMessage());
    }
  }

  @Test
  void movedBeforeSettlingThenRestarted_theFirstPullGivesTheSettledBook_confirmed(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 20);
      closed.zone().tell(inForce(closed.morning(), AFTER_PICK)); // 18 before anyone decides
      assertTrue(move(closed.zone(), r -> new Zone.ResolveLocation("A-01-02-B", "maria",
          "two over", r)).isSuccess());

      StatusReply<Zone.LocationChanged> confirm = confirmAfterRestartAndPull(f, closed);

      assertTrue(confirm.isSuccess(), () -> "settled on 18, and 18 it is: "
          + confirm.getError().getMessage());
    }
  }

  /**
   * Stops the zone and starts it again, on the morning snapshot's own book as a restart does,
   * then the WMS sync's first pull moves that book to AFTER_PICK; returns the answer to
   * confirming A-01-02-B.
   */
  private static StatusReply<Zone.LocationChanged> confirmAfterRestartAndPull(ZoneFixture f,
      Closed closed) {
    kit.stop(closed.zone());
    ActorRef<Zone.Command> restarted = spawn(withBook(f, ZoneFixture.MASTER, closed.morning()));
    restarted.tell(inForce(closed.morning(), AFTER_PICK));
    return move(restarted, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
  }

  @Test
  void restartThenTheWmsRestoresAMovedBook_noBookChangeForCountsUnderTheStartUpBook(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosed(f, 18); // under the morning book, already 18 in force
      kit.stop(closed.zone());
      // The restart: first the start-up files' book (stored again), then the WMS's, moved.
      long startUp = f.store.saveMasterData(ZoneFixture.MASTER, "start-up again", "h-start");
      ActorRef<Zone.Command> zone = spawn(withBook(f, ZoneFixture.MASTER, startUp));
      long wms = f.store.saveMasterData(ZoneFixture.MASTER, "wms snapshot", "h-wms");
      zone.tell(inForce(wms, AFTER_PICK));

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(Integer.valueOf(1), run.byStatus().get(Status.MATCHED), run::toString);
      assertTrue(run.alerts().stream().noneMatch(a -> a.contains("book changed")),
          run.alerts()::toString);
    }
  }

  /** The fixture's master data with the book {@code eachesOf00913} at A-01-02-B. */
  private static MasterData bookOf(long eachesOf00913) {
    return new MasterData(ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(),
        ZoneFixture.MASTER.barcodes(), List.of(
            new MasterData.BookLine("A-01-02-B", "00913", "", eachesOf00913),
            new MasterData.BookLine("A-01-03-A", "0777", "", 10)));
  }

  private static Zone.BookUpdated inForce(long snapshot, MasterData master) {
    return new Zone.BookUpdated(new Zone.ZoneBook(snapshot, master, master.book().stream()
        .filter(b -> b.location().startsWith("A-")).toList()));
  }

  private static Zone.RunCompleted reconcile(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    return done.receiveMessage(WAIT);
  }

  @Test
  void movedBookThenADeliveryWithTheSameBook_noBookChange_liveAndAfterARestart(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // Snapshot 1 says 30; a pick of 12 the WMS posted moves the book in force to 18.
      long first = f.store.saveMasterData(bookOf(30), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(30), first));
      zone.tell(inForce(first, AFTER_PICK));
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 18, 1)).isSuccess());
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      // A delivery of barcodes only: a new snapshot, the same book (moved the same way).
      long barcodes = f.store.saveMasterData(bookOf(30), "barcodes 09:00", "h-0900");
      zone.tell(inForce(barcodes, AFTER_PICK));

      Zone.RunCompleted live = reconcile(zone);
      kit.stop(zone);
      ActorRef<Zone.Command> restarted = spawn(withBook(f, AFTER_PICK, barcodes));
      Zone.RunCompleted afterRestart = reconcile(restarted);
      kit.stop(restarted);
      // Then the WMS really changes the book: 36 in its snapshot, 24 with the pick.
      long changed = f.store.saveMasterData(bookOf(36), "book 10:00", "h-1000");
      ActorRef<Zone.Command> again = spawn(withBook(f, bookOf(24), changed));
      Zone.RunCompleted afterChange = reconcile(again);

      assertEquals(Integer.valueOf(1), live.byStatus().get(Status.MATCHED), live::toString);
      assertEquals(0, live.tasksCreated(), live.alerts()::toString);
      assertEquals(Integer.valueOf(1), afterRestart.byStatus().get(Status.MATCHED));
      assertEquals(0, afterRestart.tasksCreated(), afterRestart.alerts()::toString);
      assertEquals(1, afterChange.tasksCreated());
      assertTrue(afterChange.alerts().get(0).endsWith("book changed since count (18 EA when "
          + "counted, 24 EA now): recount, no variance posted"), afterChange.alerts().get(0));
    }
  }

  @Test
  void taskMadeThenTheBookChangesUnderItsCount_taskTakesTheLineAsItStandsOnce(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosedOn(f, 30, 20).zone();
      assertEquals(1, reconcile(zone).tasksCreated(), "10 short");
      long changed = f.store.saveMasterData(bookOf(24), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(24)));

      reconcile(zone);
      reconcile(zone);
      kit.stop(zone);
      reconcile(spawn(withBook(f, bookOf(24), changed))); // and after a restart

      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      io.dockcount.store.ConsoleQueries.Task task = q.tasks(true).get(0);
      assertEquals("book changed since count (30 EA when counted, 24 EA now): recount, no "
          + "variance posted", task.reason());
      assertEquals(null, task.variance(), "no variance posted");
      assertEquals(null, task.value());
      assertEquals(Long.valueOf(24), task.book(), "the task's line as it stands: " + task);
      assertEquals(Long.valueOf(20), task.counted());
      assertTrue(task.flags().contains("book_changed"), task::toString);
      changedOnceFromTenShort(q);
    }
  }

  @Test
  void closedEmptyThenANewerBookDropsTheLine_itsTaskLeavesTheQueue(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // Counted empty: the book's 30 of 00913 at A-01-02-B count 0, a task of 30 short.
      long morning = f.store.saveMasterData(bookOf(30), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(30), morning));
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(1, reconcile(zone).tasksCreated(), "30 short");
      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      assertEquals(1, q.tasks(true).size());
      // The WMS's next book lists nothing of it there (moved out, say): book and count agree.
      MasterData without = new MasterData(ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(),
          ZoneFixture.MASTER.barcodes(), List.of(
              new MasterData.BookLine("A-01-03-A", "0777", "", 10)));
      long later = f.store.saveMasterData(without, "book 10:00", "h-1000");
      zone.tell(inForce(later, without));

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(0, run.tasksCreated(), run.alerts()::toString);
      assertEquals(List.of(), q.tasks(true), "no line is left to recount");

      // Nothing is left to recount there: settled by that run, so it can be confirmed.
      StatusReply<Zone.LocationChanged> confirmed =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
    }
  }

  @Test
  void locationOffTheBookClosedEmpty_isResolvedAndCanBeConfirmed(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // A bin the book does not list, opened and closed with nothing scanned: found empty.
      long morning = f.store.saveMasterData(bookOf(30), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(30), morning));
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-09-09-A", "ana", r)).isSuccess());

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(0, run.tasksCreated(), run.alerts()::toString);
      StatusReply<Zone.LocationChanged> confirmed =
          move(zone, r -> new Zone.ConfirmLocation("A-09-09-A", "ivan", r));
      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
    }
  }

  @Test
  void taskMadeThenAMovementMovesItsBook_taskTakesTheLineAsItStandsOnce(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosedOn(f, 50, 40);
      long first = closed.morning();
      ActorRef<Zone.Command> zone = closed.zone();
      assertEquals(1, reconcile(zone).tasksCreated(), "10 short");
      // A pick of 5 the WMS posted, dated before the count: the same snapshot, moved to 45.
      zone.tell(inForce(first, bookOf(45)));

      reconcile(zone);
      reconcile(zone);
      kit.stop(zone);
      ActorRef<Zone.Command> restarted = spawn(withBook(f, bookOf(50), first));
      restarted.tell(inForce(first, bookOf(45)));
      reconcile(restarted); // and after a restart

      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      io.dockcount.store.ConsoleQueries.Task task = q.tasks(true).get(0);
      assertEquals(Long.valueOf(-5), task.variance(), task::toString);
      assertEquals(Long.valueOf(45), task.book(), task::toString);
      assertEquals(0, new java.math.BigDecimal("-12.50").compareTo(task.value()), task::toString);
      changedOnceFromTenShort(q);
    }
  }

  @Test
  void taskMovedUnderItsClosedCount_notStillCounting_untilItsRecountIsUnderWay(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      Closed closed = countedAndClosedOn(f, 50, 40);
      ActorRef<Zone.Command> zone = closed.zone();
      assertEquals(1, reconcile(zone).tasksCreated(), "10 short: waits for its recount");
      // A pick of 5 the WMS posted, dated before the count: the task takes the line as moved.
      zone.tell(inForce(closed.morning(), bookOf(45)));
      reconcile(zone);
      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      io.dockcount.store.ConsoleQueries.Task moved = q.tasks(true).get(0);
      // Then the recount starts: one scan of it, not closed yet.
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 30, 2)).isSuccess());
      reconcile(zone);
      io.dockcount.store.ConsoleQueries.Line recounting = q.latestLines("A").stream()
          .filter(l -> l.location().equals("A-01-02-B")).findFirst().orElseThrow();

      assertEquals(Long.valueOf(-5), moved.variance(), moved::toString);
      assertEquals("", moved.flags(), "its count is closed; only its book moved: " + moved);
      assertTrue(recounting.flags().contains("still_counting"), recounting::toString);
    }
  }

  @Test
  void countedAfterAMovement_thenANewBookThatIncludesIt_noBookChange(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long first = f.store.saveMasterData(bookOf(10), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(10), first));
      zone.tell(inForce(first, bookOf(8))); // a pick of 2, applied before anyone counted
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 8, 1)).isSuccess());
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(Integer.valueOf(1), reconcile(zone).byStatus().get(Status.MATCHED));
      // The WMS's next book has the pick in it: 8, what the count was compared with.
      long next = f.store.saveMasterData(bookOf(8), "book 10:00", "h-1000");
      zone.tell(inForce(next, bookOf(8)));

      Zone.RunCompleted run = reconcile(zone);

      assertEquals(Integer.valueOf(1), run.byStatus().get(Status.MATCHED), run::toString);
      assertEquals(0, run.tasksCreated(), run.alerts()::toString);
      assertTrue(run.alerts().stream().noneMatch(a -> a.contains("book changed")),
          run.alerts()::toString);
    }
  }

  @Test
  void countedAfterAMovement_restartThenANewBookThatIncludesIt_noBookChange(@TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long first = f.store.saveMasterData(bookOf(10), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(10), first));
      zone.tell(inForce(first, bookOf(8))); // a pick of 2, applied before anyone counted
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 8, 1)).isSuccess());
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      assertEquals(Integer.valueOf(1), reconcile(zone).byStatus().get(Status.MATCHED));
      kit.stop(zone);
      // The restart has the snapshot's own book (10), and the WMS sync's first pull brings the
      // next book, which has the pick in it, before it moves the earlier one again.
      ActorRef<Zone.Command> restarted = spawn(withBook(f, bookOf(10), first));
      long next = f.store.saveMasterData(bookOf(8), "book 10:00", "h-1000");
      restarted.tell(inForce(next, bookOf(8)));

      Zone.RunCompleted afterRestart = reconcile(restarted);
      kit.stop(restarted);
      // Started again on the newer book itself.
      Zone.RunCompleted onTheNewBook = reconcile(spawn(withBook(f, bookOf(8), next)));

      for (Zone.RunCompleted run : List.of(afterRestart, onTheNewBook)) {
        assertEquals(Integer.valueOf(1), run.byStatus().get(Status.MATCHED), run::toString);
        assertEquals(0, run.tasksCreated(), run.alerts()::toString);
        assertTrue(run.alerts().stream().noneMatch(a -> a.contains("book changed")),
            run.alerts()::toString);
      }
    }
  }

  /**
   * A count under an earlier snapshot, a newer book, then a movement under the newer one: the
   * book the count was compared with is the earlier book as it stood in force (10), after a
   * restart too, not that book shifted by the movement made since (h77, seed 3 of
   * ZoneRestartAfterDeliveriesTest).
   */
  @Test
  void countedThenANewerBookThenAMovement_restart_theBookWhenCountedStaysTheSame(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long first = f.store.saveMasterData(bookOf(10), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(10), first));
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 10, 1)).isSuccess());
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-02-B", "ana", r)).isSuccess());
      long next = f.store.saveMasterData(bookOf(12), "book 10:00", "h-1000");
      zone.tell(inForce(next, bookOf(12)));
      zone.tell(inForce(next, bookOf(14))); // a receipt of 2 after the count, under the new one
      reconcile(zone);
      List<io.dockcount.store.ConsoleQueries.Line> live =
          new io.dockcount.store.ConsoleQueries(f.store).latestLines("A");
      kit.stop(zone);

      // Started again on the newer snapshot's own book; the WMS sync moves it again.
      ActorRef<Zone.Command> restarted = spawn(withBook(f, bookOf(12), next));
      restarted.tell(inForce(next, bookOf(14)));
      reconcile(restarted);
      List<io.dockcount.store.ConsoleQueries.Line> afterRestart =
          new io.dockcount.store.ConsoleQueries(f.store).latestLines("A");

      assertTrue(live.stream().anyMatch(l -> l.reason() != null
          && l.reason().contains("(10 EA when counted, 14 EA now)")), live::toString);
      assertEquals(live, afterRestart);
    }
  }

  @Test
  void acceptedBeforeItsRecount_thenTheBookChanges_theCountStandsNotCountedZero(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosedOn(f, 10, 7).zone();
      reconcile(zone); // 3 short: sent to recount (round 1)
      // Accepted by a supervisor before anyone recounted it: settled in round 1, no counts.
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "count error",
          r)).isSuccess());
      long changed = f.store.saveMasterData(bookOf(12), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(12)));

      reconcile(zone); // at the recount limit: back to a supervisor to decide again
      reconcile(zone);

      io.dockcount.store.ConsoleQueries.Line line = new io.dockcount.store.ConsoleQueries(
          f.store).latestLines("A").stream().filter(l -> l.location().equals("A-01-02-B"))
          .findFirst().orElseThrow();
      assertEquals(Long.valueOf(7), line.counted(), "the count of round 0 stands: " + line);
      assertTrue(!line.flags().contains("counted_zero"), line::toString);
      // Sent back rather than accepted again: a recount of its own, told like any send-back.
      StatusReply<Zone.LocationChanged> back = move(zone, r -> new Zone.RequestRecount(
          "A-01-02-B", "maria", r));
      assertTrue(back.isSuccess(), () -> back.getError().getMessage());
      assertEquals(2, back.getValue().round(), "a round after the one decided");
      reconcile(zone);
      List<io.dockcount.store.ConsoleQueries.Task> open =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
      assertEquals(1, open.size(), open::toString);
      assertEquals(2, open.get(0).round(), open::toString);
      assertTrue(open.get(0).reason().startsWith("sent back by a supervisor"), open::toString);
    }
  }

  @Test
  void acceptedThenTheBookChanges_acceptedAgainAndConfirmed_postsTheVarianceAgainstTheBookNow(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosedOn(f, 10, 7).zone();
      reconcile(zone); // 3 short: sent to recount (round 1, the last)
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "count error",
          r)).isSuccess());
      long changed = f.store.saveMasterData(bookOf(12), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(12)));
      reconcile(zone); // at the recount limit: back to a supervisor to decide again
      reconcile(zone); // and a cycle before the supervisor gets to it
      List<io.dockcount.store.ConsoleQueries.Task> open =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);

      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "accepted "
          + "again", r)).isSuccess());
      StatusReply<Zone.LocationChanged> confirmed =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      List<io.dockcount.store.WmsLedger.Outgoing> adjustments =
          new io.dockcount.store.WmsLedger(f.store).pendingAdjustments();

      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
      assertEquals(1, adjustments.size(), adjustments::toString);
      assertEquals("A-01-02-B", adjustments.get(0).location());
      assertEquals(Long.valueOf(-5), adjustments.get(0).variance(), "7 counted, 12 now");
      assertEquals(0, new BigDecimal("-12.50").compareTo(adjustments.get(0).varianceValue()),
          adjustments::toString);
      assertEquals(1, open.size(), open::toString);
      assertTrue(open.get(0).reason().endsWith("accept it again: the variance against the "
          + "book as it now stands, -5 EA, is posted"), open.get(0)::reason);
    }
  }

  @Test
  void acceptedFromItsDecision_thenTheBookChanges_backToDecideAndPostsTheVarianceAgainstItNow(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosedOn(f, 30, 20).zone();
      assertEquals(1, reconcile(zone).tasksCreated(), "10 short: to recount (round 1)");
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 20, 2)).isSuccess());
      closeLocation(zone, "A-01-02-B");
      reconcile(zone); // the variance stands: a supervisor decides (round 1's task)
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "short 10",
          r)).isSuccess());
      long changed = f.store.saveMasterData(bookOf(24), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(24)));

      reconcile(zone);
      reconcile(zone);
      List<io.dockcount.store.ConsoleQueries.Task> open =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
      StatusReply<Zone.LocationChanged> confirmNow =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "accepted "
          + "again", r)).isSuccess());
      reconcile(zone);
      io.dockcount.store.ConsoleQueries.Line after = new io.dockcount.store.ConsoleQueries(
          f.store).latestLines("A").stream().filter(l -> l.location().equals("A-01-02-B"))
          .findFirst().orElseThrow();
      List<io.dockcount.store.ConsoleQueries.Task> openAfter =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
      StatusReply<Zone.LocationChanged> confirmed =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      List<io.dockcount.store.WmsLedger.Outgoing> adjustments =
          new io.dockcount.store.WmsLedger(f.store).pendingAdjustments();

      assertEquals(1, open.size(), "back to a supervisor: " + open);
      assertTrue(open.get(0).reason().contains("the book changed after the location was "
          + "settled"), open::toString);
      assertTrue(confirmNow.isError(), "the figures settled on no longer hold");
      assertTrue(confirmed.isSuccess(), () -> confirmed.getError().getMessage());
      assertEquals(1, adjustments.size(), adjustments::toString);
      assertEquals(Long.valueOf(-4), adjustments.get(0).variance(), "20 counted, 24 now");
      assertEquals("accepted on the book as it now stands, which changed under the count (30 "
          + "EA when counted, 24 EA now)", after.reason(), "no decision left: " + after);
      assertEquals(List.of(), openAfter, "accepted on this book: not asked again");
    }
  }

  /** The latest line of 00913 at A-01-02-B as the console and zone-A.csv read it. */
  private static io.dockcount.store.ConsoleQueries.Line lineAtB(ZoneFixture f) {
    return new io.dockcount.store.ConsoleQueries(f.store).latestLines("A").stream()
        .filter(l -> l.location().equals("A-01-02-B")).findFirst().orElseThrow();
  }

  /**
   * Counts 17 of 20 at A-01-02-B, reconciles (sent to recount, round 1, the last), accepts it
   * on its count with no recount done, and brings a book of 18 in force: back to decide.
   */
  private static ActorRef<Zone.Command> acceptedOnItsCountThenBookOf18(ZoneFixture f) {
    ActorRef<Zone.Command> zone = countedAndClosedOn(f, 20, 17).zone();
    reconcile(zone);
    assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "COUNT_ERROR",
        r)).isSuccess());
    long changed = f.store.saveMasterData(bookOf(18), "book 10:00", "h-1000");
    zone.tell(inForce(changed, bookOf(18)));
    return zone;
  }

  @Test
  void acceptedOnItsCount_bookChanges_decisionNamesNoRecountAndNoRecountLimit(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = acceptedOnItsCountThenBookOf18(f);

      reconcile(zone); // back to a supervisor to decide again
      String task = new io.dockcount.store.ConsoleQueries(f.store).tasks(true).get(0).reason();
      reconcile(zone); // a cycle before the supervisor gets to it
      String lineWaiting = lineAtB(f).reason();

      String expected = "supervisor: the book changed after the location was settled on its "
          + "count, with the recount asked of it not done (20 EA when counted, 18 EA now; "
          + "counted 17 EA): send it back to count it again, or accept it again: the variance "
          + "against the book as it now stands, -1 EA, is posted";
      assertEquals(expected, task);
      assertEquals(expected, lineWaiting, "the same while it waits for the supervisor");
    }
  }

  @Test
  void acceptedOnItsCount_bookChanges_acceptedAgainAndConfirmed_lineReportAndExportAgree(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = acceptedOnItsCountThenBookOf18(f);
      reconcile(zone); // back to a supervisor to decide again
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "BOOK_ERROR",
          r)).isSuccess());
      assertTrue(move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r)).isSuccess());

      reconcile(zone);

      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      io.dockcount.store.ConsoleQueries.Line line = lineAtB(f);
      List<io.dockcount.store.ConsoleQueries.Decided> decided = q.decidedVariances();
      List<io.dockcount.store.WmsLedger.Outgoing> exported =
          new io.dockcount.store.WmsLedger(f.store).pendingAdjustments();
      assertEquals(Long.valueOf(-1), line.variance(), "confirmed: -1 was posted; " + line);
      assertEquals(0, new BigDecimal("-2.50").compareTo(line.value()), line::toString);
      assertEquals("accepted on the book as it now stands, which changed under the count (20 EA "
          + "when counted, 18 EA now)", line.reason());
      assertEquals(0, q.latestRuns().get(0).linesWithoutValue(), "valued: "
          + q.latestRuns());
      assertEquals(1, decided.size(), decided::toString);
      assertEquals(Long.valueOf(-1), decided.get(0).line().variance(), decided::toString);
      assertEquals("CONFIRMED", decided.get(0).confirmation().state());
      assertEquals("BOOK_ERROR", decided.get(0).decision().note());
      assertEquals(1, exported.size(), exported::toString);
      assertEquals(Long.valueOf(-1), exported.get(0).variance(), exported::toString);
      assertEquals(0, line.value().compareTo(exported.get(0).varianceValue()),
          exported::toString);
      assertEquals(0, line.value().compareTo(decided.get(0).line().value()),
          decided::toString);
    }
  }

  @Test
  void confirmed_thenTheWmsBookTakesTheAdjustment_lineSaysItStandsAsPostedNotToRecount(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      ActorRef<Zone.Command> zone = countedAndClosedOn(f, 20, 17).zone();
      reconcile(zone); // 3 short: sent to recount (round 1, the last)
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "COUNT_ERROR",
          r)).isSuccess());
      assertTrue(move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r)).isSuccess());
      reconcile(zone);
      // The WMS posts the -3 and sends its book: 17 there now.
      long changed = f.store.saveMasterData(bookOf(17), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(17)));

      Zone.RunCompleted run = reconcile(zone);

      io.dockcount.store.ConsoleQueries q = new io.dockcount.store.ConsoleQueries(f.store);
      io.dockcount.store.ConsoleQueries.Line line = lineAtB(f);
      List<io.dockcount.store.ConsoleQueries.Decided> decided = q.decidedVariances();
      List<io.dockcount.store.WmsLedger.Outgoing> exported =
          new io.dockcount.store.WmsLedger(f.store).pendingAdjustments();
      assertEquals("book changed since count (20 EA when counted, 17 EA now): confirmed before "
          + "it changed, its adjustment stands as posted; no recount", line.reason());
      assertEquals(null, line.variance(), "what was posted was against the book then");
      assertEquals(0, run.tasksCreated(), run.alerts()::toString);
      assertEquals(List.of(), q.tasks(true));
      assertEquals(1, decided.size(), decided::toString);
      assertEquals(Long.valueOf(-3), decided.get(0).line().variance(), decided::toString);
      assertEquals(1, exported.size(), exported::toString);
      assertEquals(Long.valueOf(-3), exported.get(0).variance(), exported::toString);
    }
  }

  @Test
  void recountAtTheLimitMatchedTheOldBook_acceptedAndConfirmed_lineKeepsThePostedVariance(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      // Recounted 30, the book when counted; 24 now: to decide.
      ActorRef<Zone.Command> zone = recountedThenTheBookChangedIn(f, 30);
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "BOOK_ERROR",
          r)).isSuccess());
      reconcile(zone);
      io.dockcount.store.ConsoleQueries.Line accepted = lineAtB(f);
      assertTrue(move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r)).isSuccess());

      reconcile(zone);

      io.dockcount.store.ConsoleQueries.Line confirmed = lineAtB(f);
      List<io.dockcount.store.ConsoleQueries.Decided> decided =
          new io.dockcount.store.ConsoleQueries(f.store).decidedVariances();
      List<io.dockcount.store.WmsLedger.Outgoing> exported =
          new io.dockcount.store.WmsLedger(f.store).pendingAdjustments();
      assertEquals(accepted.reason(), confirmed.reason(), "confirming changes nothing");
      assertEquals("accepted on the book as it now stands, which changed under the count (30 EA "
          + "when counted, 24 EA now)", confirmed.reason());
      assertEquals(Long.valueOf(6), confirmed.variance(), confirmed::toString);
      assertEquals(0, new BigDecimal("15.00").compareTo(confirmed.value()), confirmed::toString);
      assertEquals(1, exported.size(), exported::toString);
      assertEquals(Long.valueOf(6), exported.get(0).variance());
      assertEquals(0, confirmed.value().compareTo(exported.get(0).varianceValue()));
      assertEquals(1, decided.size(), decided::toString);
      assertEquals(Long.valueOf(6), decided.get(0).line().variance());
      assertEquals(0, confirmed.value().compareTo(decided.get(0).line().value()));
    }
  }

  /** The blocking pool, but the next job after {@link #holdNext} waits that long first. */
  private static final class HeldBackExecutor implements java.util.concurrent.Executor {
    private final java.util.concurrent.Executor pool;
    private final java.util.concurrent.atomic.AtomicLong next =
        new java.util.concurrent.atomic.AtomicLong();

    HeldBackExecutor(java.util.concurrent.Executor pool) {
      this.pool = pool;
    }

    void holdNext(Duration d) {
      next.set(d.toMillis());
    }

    @Override
    public void execute(Runnable job) {
      long wait = next.getAndSet(0);
      if (wait == 0) {
        pool.execute(job);
        return;
      }
      java.util.concurrent.CompletableFuture.runAsync(job,
          java.util.concurrent.CompletableFuture.delayedExecutor(wait,
              java.util.concurrent.TimeUnit.MILLISECONDS, pool));
    }
  }

  @Test
  void acceptedFromItsDecision_itsTasksClosedSlowly_aBookChangeRightAfterStillReopensIt(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long morning = f.store.saveMasterData(bookOf(30), "book 08:00", "h-0800");
      HeldBackExecutor blocking = new HeldBackExecutor(ZoneFixture.blocking(kit));
      ActorRef<Zone.Command> zone = spawn(new ZoneDeps(f.store, f.journal, blocking, bookOf(30),
          morning, f.deps.settings(), f.deps.alerts()));
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 20, 1)).isSuccess());
      closeLocation(zone, "A-01-02-B");
      reconcile(zone); // 10 short: to recount (round 1, the last)
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 20, 2)).isSuccess());
      closeLocation(zone, "A-01-02-B");
      reconcile(zone); // the variance stands: a supervisor decides (round 1's task)
      // The store write that marks the decided task done, after the accept, is slow.
      blocking.holdNext(Duration.ofMillis(800));
      assertTrue(move(zone, r -> new Zone.ResolveLocation("A-01-02-B", "maria", "short 10",
          r)).isSuccess());
      long changed = f.store.saveMasterData(bookOf(24), "book 10:00", "h-1000");
      zone.tell(inForce(changed, bookOf(24)));

      reconcile(zone); // back to decide: the task opens again
      reconcile(zone); // a run after the slow write has landed

      List<io.dockcount.store.ConsoleQueries.Task> open =
          new io.dockcount.store.ConsoleQueries(f.store).tasks(true);
      assertEquals(1, open.size(), "the decision's task, open again: " + open);
      assertTrue(open.get(0).reason().contains("the book changed after the location was "
          + "settled"), open::toString);
      StatusReply<Zone.LocationChanged> confirm =
          move(zone, r -> new Zone.ConfirmLocation("A-01-02-B", "ivan", r));
      assertTrue(confirm.isError(), "to decide again, not settled");
    }
  }

  @Test
  void locationFirstCountedAfterABookWasRead_nextDeliveryClaimsNoBookChangeThere(
      @TempDir Path dir) {
    try (ZoneFixture f = quiet(dir)) {
      long first = f.store.saveMasterData(bookOf(30), "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = spawn(withBook(f, bookOf(30), first));
      assertTrue(send(zone, ZoneFixture.count("A-01-02-B", "00913", 30, 1)).isSuccess());
      // A delivery: the stored books are read at the locations counted so far, A-01-02-B.
      long second = f.store.saveMasterData(bookOf(30), "book 09:00", "h-0900");
      zone.tell(inForce(second, bookOf(30)));
      reconcile(zone);
      // A-01-03-A is first counted now, under the second book, to its book of 10.
      assertTrue(send(zone, ZoneFixture.count("A-01-03-A", "0777", 10, 2)).isSuccess());
      assertTrue(move(zone, r -> new Zone.CloseLocation("A-01-03-A", "ana", r)).isSuccess());
      long third = f.store.saveMasterData(bookOf(30), "book 10:00", "h-1000");
      zone.tell(inForce(third, bookOf(30)));

      Zone.RunCompleted live = reconcile(zone);
      kit.stop(zone);
      // The same after a restart under the third book, then a count at a third location.
      ActorRef<Zone.Command> restarted = spawn(withBook(f, bookOf(30), third));
      assertTrue(send(restarted, ZoneFixture.count("A-01-04-C", "0777", 0, 3)).isSuccess());
      long fourth = f.store.saveMasterData(bookOf(30), "book 11:00", "h-1100");
      restarted.tell(inForce(fourth, bookOf(30)));
      Zone.RunCompleted afterRestart = reconcile(restarted);

      assertTrue(live.alerts().stream().noneMatch(a -> a.contains("book changed")),
          live.alerts()::toString);
      assertEquals(0, live.tasksCreated(), live.alerts()::toString);
      assertTrue(afterRestart.alerts().stream().noneMatch(a -> a.contains("book changed")),
          afterRestart.alerts()::toString);
    }
  }

  /** The fixture's book after a pick of one case (12 EA) of 00913 at A-01-02-B: 18 EA left. */
  private static final MasterData AFTER_PICK = new MasterData(ZoneFixture.MASTER.items(),
      ZoneFixture.MASTER.uom(), ZoneFixture.MASTER.barcodes(),
      List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 18),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10)));

  private static ZoneDeps withBook(ZoneFixture f, MasterData master, long snapshot) {
    return new ZoneDeps(f.store, f.journal, ZoneFixture.blocking(kit), master, snapshot,
        f.deps.settings(), f.deps.alerts());
  }
}
