package io.dockcount.zone;

import static io.dockcount.zone.ZoneFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's query: every location a zone knows, with state, round and live counts. */
final class ZoneDetailTest {
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
  void detail_countedAndClosedLocations_withLiveCounts(@TempDir Path dir) {
    try (ZoneFixture f = new ZoneFixture(kit, dir, ZoneFixture.settings(Duration.ofHours(1),
        "500", 1), line -> { })) {
      ActorRef<Zone.Command> zone = kit.spawn(Zone.create("A", f.deps, f.book("A"),
          Duration.ofHours(1)), "zone-A");
      TestProbe<StatusReply<Zone.CountRecorded>> counted = kit.createTestProbe();
      TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
      TestProbe<Zone.ZoneDetail> detail = kit.createTestProbe();
      zone.tell(new Zone.RecordCount(count("A-01-02-B", "00913", 12, 1), counted.getRef()));
      zone.tell(new Zone.RecordCount(count("A-01-02-B", "00913", 6, 2), counted.getRef()));
      zone.tell(new Zone.RecordCount(count("A-01-03-A", "0777", 10, 3), counted.getRef()));
      for (int i = 0; i < 3; i++) {
        assertTrue(counted.receiveMessage(WAIT).isSuccess());
      }
      zone.tell(new Zone.CloseLocation("A-01-03-A", "ana", closed.getRef()));
      assertTrue(closed.receiveMessage(WAIT).isSuccess());

      zone.tell(new Zone.GetDetail(detail.getRef()));
      Zone.ZoneDetail d = detail.receiveMessage(WAIT);

      assertEquals("A", d.zone());
      assertEquals(Map.of(
          "A-01-02-B", new Zone.LocationDetail(LocationState.OPEN, 0, 2),
          "A-01-03-A", new Zone.LocationDetail(LocationState.CLOSED, 0, 1)), d.locations());
      assertEquals(0, d.openTasks());
      // The left-open check's light query: only the location still taking counts, with its
      // current round's records; the closed one is not being counted.
      TestProbe<Zone.BeingCounted> being = kit.createTestProbe();
      zone.tell(new Zone.GetBeingCounted(being.getRef()));
      assertEquals(new Zone.BeingCounted("A", Map.of("A-01-02-B", 2), Map.of("A-01-02-B", 0)),
          being.receiveMessage(WAIT));
    }
  }
}
