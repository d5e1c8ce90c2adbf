package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.station.CountRecord;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.RejectedScan;
import io.dockcount.core.station.StationEvent;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a station says when its zone answers a count late. */
final class ZoneStepsTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** A router whose zone answers only the {@code answerFrom}-th and later asks of a count. */
  private static Behavior<ZoneRouter.Command> slowZone(int answerFrom, AtomicInteger asks) {
    return Behaviors.receive(ZoneRouter.Command.class)
        .onMessage(ZoneRouter.Route.class, m -> {
          if (m.command() instanceof Zone.RecordCount rc && asks.incrementAndGet() >= answerFrom) {
            rc.replyTo().tell(StatusReply.success(new Zone.CountRecorded("A", 41, "DOCK-1",
                rc.record().sequence(), asks.get() > 1)));
          }
          return Behaviors.same();
        })
        .build();
  }

  private static StationOutcome count(Path dir, int answerFrom, AtomicInteger asks)
      throws Exception {
    CountRecord r = new CountRecord("DOCK-1", "A", 3, "E042", "A-01-02-B", "00913", "EA", 1,
        OptionalLong.of(1), null, null, null, null, "05412345000013", "]E0",
        RawBytes.ofText("]E05412345000013"));
    return withSteps(dir, answerFrom, asks,
        steps -> steps.count(new StationEvent.Counted(r), 3, 0));
  }

  /** Runs one step of a station whose zone is {@link #slowZone} and returns its outcome. */
  private static StationOutcome withSteps(Path dir, int answerFrom, AtomicInteger asks,
      java.util.function.Function<ZoneSteps, CompletionStage<StationOutcome>> step)
      throws Exception {
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      ActorRef<ZoneRouter.Command> router = kit.spawn(slowZone(answerFrom, asks));
      StationLink.Deps deps = new StationLink.Deps(router, kit.spawn(Behaviors.ignore()),
          new GroupCommitter(store, blocking), Indicator.None.INSTANCE, a -> { },
          StationTrouble.NONE, o -> { }, Duration.ofMillis(300), Duration.ofMillis(100),
          Duration.ofHours(1), 0, false);
      return step.apply(new ZoneSteps("DOCK-1", deps, kit.scheduler())).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      blocking.shutdown();
    }
  }

  @Test
  void logout_closeOfALocationAnotherStationFinishedUnanswered_lightAndLogSaySoNotJustLoggedOut(
      @TempDir Path dir) throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZoneSteps.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      // A zone that never answers the close; the real registry of who has what open.
      ActorRef<ZoneRouter.Command> router = kit.spawn(slowZone(1, new AtomicInteger()));
      ActorRef<LocationClaims.Command> claims = kit.spawn(LocationClaims.create(router));
      claims.tell(new LocationClaims.Claim("DOCK-3", "A-01-03-A"));
      claims.tell(new LocationClaims.Claim("DOCK-1", "A-01-03-A"));
      var released = kit.<LocationClaims.Released>createTestProbe();
      claims.tell(new LocationClaims.Release("DOCK-3", "A-01-03-A", "E077", 0,
          released.getRef()));
      assertEquals(false, released.receiveMessage().last(), "done here: DOCK-1 is still there");
      StationLink.Deps deps = new StationLink.Deps(router, claims,
          new GroupCommitter(store, blocking), Indicator.None.INSTANCE, a -> { },
          StationTrouble.NONE, o -> { }, Duration.ofMillis(300), Duration.ofMillis(100),
          Duration.ofHours(1), 0, false);

      StationOutcome o = new ZoneSteps("DOCK-1", deps, kit.scheduler())
          .logout(new StationEvent.LoggedOut(9, RawBytes.ofText("CTL:LOGOUT"), "E042"),
              "A-01-03-A")
          .toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertEquals(Feedback.GOOD, o.feedback(), "the logout stands");
      assertEquals("logged out; close of A-01-03-A not confirmed yet: see a supervisor",
          o.detail());
      java.util.List<String> warned;
      synchronized (logged) {
        warned = logged.list.stream()
            .filter(ev -> ev.getLevel() == ch.qos.logback.classic.Level.WARN)
            .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
      }
      assertEquals(1, warned.size(), () -> "warnings: " + warned);
      assertTrue(warned.get(0).startsWith("DOCK-1: logout: the close of A-01-03-A"),
          warned.get(0));
      assertTrue(warned.get(0).contains("not confirmed within 300 ms"), warned.get(0));
    } finally {
      logger.detachAppender(logged);
      blocking.shutdown();
    }
  }

  @Test
  void logout_closeUnansweredOfALocationNotTheOneAtHand_lightNamesTheOneBeingClosed(
      @TempDir Path dir) throws Exception {
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      // DOCK-1 is last at A-01-03-A, which DOCK-3 finished; its own count is at A-01-04-A.
      ActorRef<ZoneRouter.Command> router = kit.spawn(slowZone(1, new AtomicInteger()));
      ActorRef<LocationClaims.Command> claims = kit.spawn(LocationClaims.create(router));
      claims.tell(new LocationClaims.Claim("DOCK-3", "A-01-03-A"));
      claims.tell(new LocationClaims.Claim("DOCK-1", "A-01-03-A"));
      claims.tell(new LocationClaims.Claim("DOCK-1", "A-01-04-A"));
      var released = kit.<LocationClaims.Released>createTestProbe();
      claims.tell(new LocationClaims.Release("DOCK-3", "A-01-03-A", "E077", 0,
          released.getRef()));
      released.receiveMessage();
      ZoneSteps steps = new ZoneSteps("DOCK-1", deps(router, claims, store, blocking), kit
          .scheduler());
      var silent = kit.<LocationClaims.Command>createTestProbe();
      ZoneSteps unanswered = new ZoneSteps("DOCK-2", deps(router, silent.getRef(), store,
          blocking), kit.scheduler());

      StationOutcome o = steps.logout(new StationEvent.LoggedOut(9,
          RawBytes.ofText("CTL:LOGOUT"), "E042"), "A-01-04-A")
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      StationOutcome none = unanswered.logout(new StationEvent.LoggedOut(3,
          RawBytes.ofText("CTL:LOGOUT"), "E043"), "A-01-05-A")
          .toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertEquals("logged out; close of A-01-03-A not confirmed yet: see a supervisor",
          o.detail(), "the close in doubt is of A-01-03-A; A-01-04-A was only let go");
      assertEquals("logged out; not confirmed whether A-01-05-A was closed: see a supervisor",
          none.detail(), "no answer: no close is known to have been under way");
    } finally {
      blocking.shutdown();
    }
  }

  private static StationLink.Deps deps(ActorRef<ZoneRouter.Command> router,
      ActorRef<LocationClaims.Command> claims, Store store, ExecutorService blocking) {
    return new StationLink.Deps(router, claims, new GroupCommitter(store, blocking),
        Indicator.None.INSTANCE, a -> { }, StationTrouble.NONE, o -> { },
        Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofHours(1), 0, false);
  }

  @Test
  void rejected_unreadableWithAKeyedQuantityDropped_lightGivesTheCauseThenTheQuantity(
      @TempDir Path dir) throws Exception {
    RejectedScan scan = new RejectedScan("DOCK-1", "A", 4, "E042", "A-01-02-B",
        RejectedScan.Kind.BAD_READ, "unreadable barcode (the keyed 5 is dropped: key it again)",
        "bad check digit in GTIN 5412345000014 (expected 3)",
        RawBytes.ofText("]E05412345000014"), "");

    StationOutcome o = withSteps(dir, 1, new AtomicInteger(),
        steps -> steps.rejected(new StationEvent.Rejected(scan)));

    assertEquals(Feedback.BAD, o.feedback());
    assertEquals("unreadable barcode: bad check digit in GTIN 5412345000014 (expected 3) (the "
        + "keyed 5 is dropped: key it again)", o.detail());
  }

  @Test
  void count_firstAskUnanswered_askedAgainWithTheSameRecordGoodOnceStored(@TempDir Path dir)
      throws Exception {
    AtomicInteger asks = new AtomicInteger();

    StationOutcome o = count(dir, 2, asks);

    assertEquals(2, asks.get(), "the same record asked again, not a new scan");
    assertEquals(Feedback.GOOD, o.feedback(), o.detail());
  }

  @Test
  void count_neverAnswered_redSayingNotToScanAgain(@TempDir Path dir) throws Exception {
    AtomicInteger asks = new AtomicInteger();

    StationOutcome o = count(dir, Integer.MAX_VALUE, asks);

    assertEquals(Feedback.BAD, o.feedback());
    assertTrue(o.detail().contains("do not scan it again"), o.detail());
  }
}
