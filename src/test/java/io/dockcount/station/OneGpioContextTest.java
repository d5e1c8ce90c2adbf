package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.scan.ScannerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Pi4J context per process (Pi4J's mock platform here): the radio relays and the station
 * lights are made on the context the caller hands in; the service releases the relays when it
 * stops but leaves the context to its owner, who shuts it down last.
 */
@Timeout(60)
final class OneGpioContextTest {
  private static final Config RADIO = ConfigFactory.parseString("dockcount.alerts.radio { "
      + "enabled = true, provider = mock-digital-output, expected-chip-labels = [], "
      + "ptt-pin = 17, chime-pin = -1, speech.enabled = false }");

  @Test
  void radioAndLights_shareTheCallersContext_relaysReleasedBeforeItShutsDown(@TempDir Path dir) {
    WiredService wired = new WiredService(dir,
        List.of(ScannerSettings.forPath("DOCK-1", "A", dir.resolve("no-such-tty").toString())),
        Map.of("DOCK-1", new StationSettings.Pins(5, 6)), "1h", RADIO);
    try {
      // Both registered in the one context the caller made: relays and lights alike.
      DigitalOutput ptt = wired.pi4j.registry().get("dockcount-radio-ptt", DigitalOutput.class);
      assertTrue(wired.pi4j.registry().exists("station-DOCK-1-good"));
      ptt.on(); // as if an announcement were under way when the service stops
      wired.service.stop();

      assertEquals(DigitalState.LOW, ptt.state(), "the service released the PTT relay");
      assertTrue(wired.pi4j.registry().exists("station-DOCK-1-good"),
          "the context outlives the service: its owner shuts it down");
    } finally {
      wired.pi4j.shutdown();
    }
    assertFalse(wired.pi4j.registry().exists("dockcount-radio-ptt"));
  }

  @Test
  void radioEnabled_withoutAContext_isAConfigError(@TempDir Path dir) {
    Config config = RADIO.withFallback(ConfigFactory.parseMap(Map.of(
        "dockcount.store.path", dir.resolve("dockcount").toString(),
        "dockcount.backup.dir", dir.resolve("backup").toString(),
        "akka.loglevel", "WARNING"))).withFallback(ConfigFactory.load()).resolve();
    ServiceSettings settings = ServiceSettings.from(config, LocationScheme.dashed(),
        RecountPolicy.standard());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Service.start(settings, config, WiredService.MASTER, "test book", "h1", a -> { }));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.radio.enabled"), e.getMessage());
  }
}
