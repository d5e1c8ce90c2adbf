package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.ConsoleQueries;
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
 * A location settled, recounted at the recount limit because the WMS moved its book, and
 * accepted by a supervisor on the book as it now stands: its decision stays taken, across
 * a restart too (RecountRandomTest seed 11, 300 steps).
 */
final class ZoneAcceptAfterBookChangeTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String AT = "A-01-02-B";
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
  void acceptedAtTheLimitAfterABookChange_restarted_noTaskOpensAgain(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "200", 2),
        a -> { })) {
      String name = "zone-A-" + ids.incrementAndGet();
      long morning = f.store.saveMasterData(BOOK, "book 08:00", "h-0800");
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", withBook(f, BOOK, morning),
          BOOK.book(), HOUR), name);
      // The first count is 2 over on 0777; its recount matches: settled.
      count(zone, "00913", 123);
      count(zone, "0777", 7);
      close(zone);
      reconcile(zone);
      count(zone, "00913", 123);
      count(zone, "0777", 5);
      close(zone);
      reconcile(zone);
      assertEquals(List.of(), open(f), "settled");
      // The WMS moves 00913 there: recounted (recount 2, the limit), which finds none of it.
      long later = f.store.saveMasterData(MOVED, "book 10:00", "h-1000");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(later, MOVED, MOVED.book())));
      reconcile(zone);
      count(zone, "0777", 4);
      close(zone);
      reconcile(zone);
      assertEquals(List.of("00913@2", "0777@2"), open(f), "to decide");

      assertTrue(move(zone, r -> new Zone.ResolveLocation(AT, "maria", "accepted", r))
          .isSuccess());
      reconcile(zone);
      assertEquals(List.of(), open(f), "accepted: nothing left to decide");
      // A later delivery moves stock at another location only.
      long evening = f.store.saveMasterData(ELSEWHERE, "book 16:00", "h-1600");
      zone.tell(new Zone.BookUpdated(new Zone.ZoneBook(evening, ELSEWHERE, ELSEWHERE.book())));
      reconcile(zone);

      assertEquals(List.of(), open(f), "its book did not change since it was accepted");
    }
  }

  private static final MasterData BOOK = bookOf(123, 10);
  private static final MasterData MOVED = bookOf(125, 10);
  private static final MasterData ELSEWHERE = bookOf(125, 15);

  /** {@code widgets} of 00913 and 5 of 0777 at A-01-02-B, {@code drills} at A-01-03-A. */
  private static MasterData bookOf(long widgets, long drills) {
    return new MasterData(ZoneFixture.MASTER.items(), ZoneFixture.MASTER.uom(),
        ZoneFixture.MASTER.barcodes(), List.of(new MasterData.BookLine(AT, "00913", "", widgets),
            new MasterData.BookLine(AT, "0777", "", 5),
            new MasterData.BookLine("A-01-03-A", "0777", "", drills)));
  }

  private static List<String> open(ZoneFixture f) {
    return new ConsoleQueries(f.store).tasks(true).stream()
        .map(t -> t.sku() + "@" + t.round()).toList();
  }

  private static final AtomicInteger sequence = new AtomicInteger();

  private static void count(ActorRef<Zone.Command> zone, String sku, long eaches) {
    TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(ZoneFixture.count(AT, sku, eaches,
        sequence.incrementAndGet()), counted.getRef()));
    assertTrue(counted.receiveMessage(WAIT).isSuccess());
  }

  private static void close(ActorRef<Zone.Command> zone) {
    assertTrue(move(zone, r -> new Zone.CloseLocation(AT, "ana", r)).isSuccess());
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

  private static void reconcile(ActorRef<Zone.Command> zone) {
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    done.receiveMessage(WAIT);
  }
}
