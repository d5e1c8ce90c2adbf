package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.MasterData;
import io.dockcount.store.WmsLedger;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi upgraded mid-count: a store the version before (schema 16) wrote, opened and counted on
 * by this one. The store ({@code stores/v16-mid-count.zip}, see {@code stores/README.md}) holds
 * a WMS barcode delivery, a run of zone A whose only variance has no cost (saved then as 0), and
 * a count at A-01-03-A made after that run, its location still being counted.
 */
final class StoreWrittenBeforeTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
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
  void storeOfTheVersionBefore_readsItsRunDeliveryAndCountsAndGoesOnCounting(@TempDir Path dir)
      throws IOException {
    unzip("/stores/v16-mid-count.zip", dir);

    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      ConsoleQueries.RunTotals before = new ConsoleQueries(f.store).latestRuns().get(0);
      assertNull(before.netValue(), "its one variance has no cost: unknown, not 0: " + before);
      assertNull(before.absValue());
      assertEquals(1, before.linesWithoutValue());
      Map<String, MasterData.Barcode> codes =
          new WmsLedger(f.store).withDeliveredMaster(ZoneFixture.MASTER).barcodes();
      assertEquals(new MasterData.Barcode("25412345000017", "00913", "PL", "PL"),
          codes.get("25412345000017"), "no spelling stored then: its code");
      assertEquals(3, codes.size());

      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"), HOUR),
          "zone-A");
      TestProbe<Zone.ZoneStatus> status = kit.createTestProbe();
      zone.tell(new Zone.GetStatus(status.getRef()));
      Zone.ZoneStatus s = status.receiveMessage(WAIT);
      assertEquals(LocationState.RECOUNT_REQUESTED, s.locations().get("A-01-02-B"),
          "its variance tasked: " + s);
      assertEquals(3, s.liveRecords(), "the count at A-01-03-A too");
      assertEquals(1, s.runs());
      TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
      zone.tell(new Zone.CloseLocation("A-01-03-A", "ana", closed.getRef()));
      assertTrue(closed.receiveMessage(WAIT).isSuccess());
      TestProbe<Zone.RunCompleted> done = kit.createTestProbe();
      zone.tell(new Zone.Reconcile(done.getRef()));
      Zone.RunCompleted run = done.receiveMessage(WAIT);

      // The count made before the upgrade is in it: 7 of the 10 drills at 40.00.
      assertEquals(new BigDecimal("-120.00"), run.netValue(), run::toString);
      assertEquals(new BigDecimal("120.00"), run.absValue());
      assertEquals(1, run.linesWithoutValue(), "ZZ999 still has no cost");
      assertEquals(List.of(before.runId(), run.runId()), new ConsoleQueries(f.store)
          .runHistory(10).stream().map(ConsoleQueries.RunTotals::runId).toList());
    }
  }

  @Test
  void storeOfTheVersionBefore_aRecountItsRunAsked_isReadAsARunsNotASupervisorsSendBack(
      @TempDir Path dir) throws IOException {
    unzip("/stores/v16-mid-count.zip", dir);

    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      ZoneState upgraded = ZoneState.recover(f.store, "A", f.deps.snapshotId());

      // Who asked is read from the rows the version before wrote (location_event.by_whom): a
      // run's recount may be settled by a later run, a supervisor's send-back never is.
      assertEquals(LocationState.RECOUNT_REQUESTED, upgraded.location("A-01-02-B").state());
      assertTrue(!upgraded.sentBackBySupervisor("A-01-02-B"), "its run asked for it");
      assertEquals(java.util.Set.of(), upgraded.sendBacksNotWeighed());
    }
  }

  @Test
  void storeOfTheVersionBefore_recountItsRunAsked_sentBackNow_recordedAsTheSupervisors(
      @TempDir Path dir) throws IOException {
    unzip("/stores/v16-mid-count.zip", dir);

    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(HOUR, "500", 1),
        a -> { })) {
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"), HOUR),
          "zone-A-sent-back");
      TestProbe<StatusReply<Zone.LocationChanged>> sent = kit.createTestProbe();
      zone.tell(new Zone.RequestRecount("A-01-02-B", "maria", sent.getRef()));
      StatusReply<Zone.LocationChanged> reply = sent.receiveMessage(WAIT);
      kit.stop(zone);

      assertTrue(reply.isSuccess() && !reply.getValue().already(), reply::toString);
      assertTrue(reply.getValue().note().startsWith("recorded: "), reply.getValue().note());
      ZoneState reread = ZoneState.recover(f.store, "A", f.deps.snapshotId());
      assertEquals(LocationState.RECOUNT_REQUESTED, reread.location("A-01-02-B").state());
      assertTrue(reread.sentBackBySupervisor("A-01-02-B"), "now the supervisor's");
    }
  }

  private static void unzip(String resource, Path dir) throws IOException {
    try (InputStream raw = StoreWrittenBeforeTest.class.getResourceAsStream(resource);
        ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Files.copy(zip, dir.resolve(e.getName()));
      }
    }
  }
}
