package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.ConsoleQueries;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zone run's net and absolute value as reconcile's summary gives them: unknown (null) when
 * it has variances and none has a value, partial with the lines left out when some have none,
 * a known 0 when it has no variance. Both as the run replies and as it is saved.
 */
final class ZoneRunValueTest {
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

  /** Counts at A-01-02-B (book: 30 of 00913 at 2.50), closes it and reconciles zone A. */
  private static Zone.RunCompleted countAndReconcile(ZoneFixture f, long widgets, long unpriced) {
    ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"), HOUR),
        "zone-A-" + ids.incrementAndGet());
    long seq = 0;
    record(zone, ZoneFixture.count("A-01-02-B", "00913", widgets, ++seq));
    if (unpriced > 0) {
      record(zone, ZoneFixture.count("A-01-02-B", "ZZ999", unpriced, ++seq));
    }
    TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
    zone.tell(new Zone.CloseLocation("A-01-02-B", "ana", closed.getRef()));
    assertTrue(closed.receiveMessage(WAIT).isSuccess());
    TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
    zone.tell(new Zone.Reconcile(done.getRef()));
    return done.receiveMessage(WAIT);
  }

  private static void record(ActorRef<Zone.Command> zone, io.dockcount.core.CountRecord r) {
    TestProbe<StatusReply<Zone.CountRecorded>> probe = kit.createTestProbe();
    zone.tell(new Zone.RecordCount(r, probe.getRef()));
    assertTrue(probe.receiveMessage(WAIT).isSuccess());
  }

  @Test
  void run_everyVarianceWithoutCost_valueUnknownNotZero(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      Zone.RunCompleted run = countAndReconcile(f, 30, 4);

      assertNull(run.netValue(), run::toString);
      assertNull(run.absValue(), run::toString);
      assertEquals(1, run.linesWithoutValue());
      ConsoleQueries.RunTotals saved = new ConsoleQueries(f.store).latestRuns().get(0);
      assertNull(saved.netValue(), "saved as unknown: " + saved);
      assertNull(saved.absValue(), "saved as unknown: " + saved);
      assertEquals(1, saved.linesWithoutValue());
    }
  }

  @Test
  void run_someVariancesWithoutCost_partialValueAndTheLinesLeftOut(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      Zone.RunCompleted run = countAndReconcile(f, 28, 4);

      assertEquals(new BigDecimal("-5.00"), run.netValue());
      assertEquals(new BigDecimal("5.00"), run.absValue());
      assertEquals(1, run.linesWithoutValue());
      ConsoleQueries.RunTotals saved = new ConsoleQueries(f.store).latestRuns().get(0);
      assertEquals(new BigDecimal("-5.00"), saved.netValue());
      assertEquals(new BigDecimal("5.00"), saved.absValue());
      assertEquals(1, saved.linesWithoutValue());
    }
  }

  @Test
  void run_noVariance_aKnownZero(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      Zone.RunCompleted run = countAndReconcile(f, 30, 0);

      assertEquals(0, BigDecimal.ZERO.compareTo(run.netValue()), run::toString);
      assertEquals(0, BigDecimal.ZERO.compareTo(run.absValue()), run::toString);
      assertEquals(0, run.linesWithoutValue());
      ConsoleQueries.RunTotals saved = new ConsoleQueries(f.store).latestRuns().get(0);
      assertEquals(new BigDecimal("0.00"), saved.netValue());
      assertEquals(new BigDecimal("0.00"), saved.absValue());
      assertEquals(0, saved.linesWithoutValue());
    }
  }
}
