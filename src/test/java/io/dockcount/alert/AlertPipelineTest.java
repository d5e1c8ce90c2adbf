package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import io.dockcount.zone.Zone;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A location closing with a high-value variance keys the radio and texts the supervisor. */
final class AlertPipelineTest {
  private static ActorTestKit kit;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create(com.typesafe.config.ConfigFactory.load());
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @Test
  void highValueClose_keysTheRelay_andSendsTheSms_withZoneAisleBayLevel(@TempDir Path dir)
      throws Exception {
    try (AlertPipeline p = new AlertPipeline(kit, dir, 3)) {
      p.countShort(2);
      TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();

      long t0 = p.close(2, closed);
      long keyed = p.nextKeyed(Duration.ofSeconds(10));
      LocalHttp.Received sms = p.http.take(Duration.ofSeconds(10));

      assertTrue(closed.receiveMessage(Duration.ofSeconds(10)).isSuccess());
      assertTrue(keyed > t0 && sms.nanos() > t0);
      Alert a = p.alerts.get(0);
      assertEquals(Alert.Kind.HIGH_VALUE, a.kind());
      assertEquals(java.util.List.of("A", "01", "02", "C", "A-01-02-C", "0777"),
          java.util.List.of(a.zone(), a.aisle(), a.bay(), a.level(), a.location(), a.sku()));
      assertEquals(-6L, a.varianceQty());
      assertEquals(0, new BigDecimal("-240.00").compareTo(a.value()));
      assertEquals(0, a.round());
      assertEquals("dockcount HIGH VALUE: zone A aisle 01 bay 02 level C (A-01-02-C) sku 0777 "
          + "-6 EA value -240.00, first count", sms.form().get("Body"));
    }
  }
}
