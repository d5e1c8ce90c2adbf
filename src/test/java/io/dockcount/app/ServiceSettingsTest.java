package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ServiceSettingsTest {
  private static ServiceSettings read(String overrides) {
    Config c = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load());
    return ServiceSettings.from(c, LocationScheme.dashed(), RecountPolicy.standard());
  }

  private static String error(String overrides) {
    return assertThrows(IllegalArgumentException.class, () -> read(overrides)).getMessage();
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    ServiceSettings s = read("");

    assertEquals(Duration.ofMinutes(15), s.cycleInterval());
    assertEquals(new BigDecimal("500.00"), s.highValueThreshold());
    assertTrue(s.store().sync());
    assertEquals(Duration.ZERO, s.store().groupCommitWindow());
    assertEquals(null, s.inputs().book());
    assertEquals(16, s.store().keepRunLines());
    assertEquals(Duration.ofMinutes(1), s.zoneSettings().afterClose());
  }

  @Test
  void badValues_nameTheSetting() {
    assertTrue(error("dockcount.store.max-batch = 0")
        .startsWith("dockcount.store.max-batch must be between 1 and 10000, was 0"));
    assertEquals("dockcount.cycle.interval needs a unit, such as 15m, 30s or 500ms; was 15",
        error("dockcount.cycle.interval = 15"));
    assertTrue(error("dockcount.cycle.interval = 0s")
        .startsWith("dockcount.cycle.interval must be longer than 0"));
    assertTrue(error("dockcount.cycle.high-value-threshold = \"1,000\"")
        .startsWith("dockcount.cycle.high-value-threshold must be a plain decimal"));
    assertTrue(error("dockcount.store.path = \" \"")
        .startsWith("dockcount.store.path must not be blank"));
    assertTrue(error("dockcount.backup.interval = soon").contains("backup.interval"));
    assertTrue(error("dockcount.store.keep-run-lines = 1")
        .startsWith("dockcount.store.keep-run-lines must be between 2 and 100000, was 1"));
  }

  @Test
  void bareZero_isZeroInAnyUnit_asTheReadmeWritesAfterClose() {
    // README and application.conf: "`0` leaves them to the cycle"; it was refused as needing a
    // unit (found writing the zones-vs-reconcile differential test's site config).
    assertEquals(Duration.ZERO, read("dockcount.cycle.after-close = 0").zoneSettings()
        .afterClose());
    assertTrue(error("dockcount.cycle.interval = 0")
        .startsWith("dockcount.cycle.interval must be longer than 0"));
  }

  @Test
  void plannedRestart_offByDefault_onInThePackagedSiteConfig_badWindowNamed() throws Exception {
    String site = java.nio.file.Files.readString(java.nio.file.Path.of("systemd",
        "dockcount.conf"));

    assertEquals(PlannedRestart.OFF, read("").plannedRestart());
    assertEquals(PlannedRestart.OFF, read("dockcount.store.restart-after = 0").plannedRestart());
    PlannedRestart packaged = read(site).plannedRestart();
    assertEquals(new PlannedRestart(Duration.ofDays(6), Duration.ofMinutes(30),
        java.time.LocalTime.of(2, 0), java.time.LocalTime.of(5, 0)), packaged);
    assertEquals("dockcount.store.restart-hours must be a window of local time written "
        + "HH:MM-HH:MM (02:00-05:00), was '2am'",
        error("dockcount.store { restart-after = 6d, restart-hours = 2am }"));
    assertEquals("dockcount.store.restart-hours: 25:00 is no time of day, in '23:00-25:00'",
        error("dockcount.store { restart-after = 6d, restart-hours = \"23:00-25:00\" }"));
    assertTrue(error("dockcount.store { restart-after = 6d, restart-idle = 0s }")
        .startsWith("dockcount.store.restart-idle must be longer than 0"));
    assertEquals("dockcount.store.restart-after needs a unit, such as 15m, 30s or 500ms; was 6",
        error("dockcount.store.restart-after = 6"));
    assertTrue(error("dockcount.store.restart-after = -1d")
        .startsWith("dockcount.store.restart-after must not be negative"));
    // A word meant to turn it off is named with the one that does, never a parser's message.
    assertEquals("dockcount.store.restart-after must be a duration such as 6d or 12h, or off, "
        + "was 'OFF'", error("dockcount.store.restart-after = OFF"));
    assertEquals("dockcount.store.restart-after must be a duration such as 6d or 12h, or off, "
        + "was 'never'", error("dockcount.store.restart-after = never"));
  }
}
