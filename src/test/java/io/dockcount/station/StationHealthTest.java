package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Station health on a manual clock (nanoseconds). */
final class StationHealthTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void silentWhileCounting_alertsOnce_untilAScanArrives() {
    StationHealth h = new StationHealth("DOCK-1", "A", Duration.ofMinutes(10), 0);

    Optional<String> early = h.check("E042", "A-01-02-B", 599 * SECOND);
    Optional<String> due = h.check("E042", "A-01-02-B", 600 * SECOND);
    Optional<String> again = h.check("E042", "A-01-02-B", 900 * SECOND);
    h.heard(901 * SECOND);
    Optional<String> afterScan = h.check("E042", "A-01-02-B", 1501 * SECOND);

    assertTrue(early.isEmpty());
    assertEquals(Optional.of("DOCK-1 silent for 600 s while E042 is counting at A-01-02-B "
        + "(zone A)"), due);
    assertTrue(again.isEmpty());
    assertTrue(afterScan.isPresent());
  }

  @Test
  void nobodyLoggedIn_isNotSilence() {
    StationHealth h = new StationHealth("DOCK-1", "A", Duration.ofSeconds(1), 0);

    assertTrue(h.check("", "", 3600 * SECOND).isEmpty());
  }

  @Test
  void offlineReportedBeforeARestart_stillOffline_noSecondAlert_backOnlineSaysSo() {
    StationHealth h = new StationHealth("DOCK-2", "B", Duration.ofSeconds(60), 0, true);

    Optional<String> stillLost = h.offline("device not present", 10 * SECOND);
    Optional<String> back = h.online("/dev/ttyACM1", 20 * SECOND);

    assertTrue(stillLost.isEmpty(), "the outage told before the restart, not told again");
    assertEquals(Optional.of("DOCK-2 scanner back online at /dev/ttyACM1"), back);
  }

  @Test
  void offline_alertsOnce_backOnline_saysSo_andSilenceCountsFromThen() {
    StationHealth h = new StationHealth("DOCK-2", "B", Duration.ofSeconds(60), 0);

    Optional<String> lost = h.offline("device gone", 10 * SECOND);
    Optional<String> stillLost = h.offline("device gone", 20 * SECOND);
    Optional<String> silentWhileOffline = h.check("E077", "", 500 * SECOND);
    Optional<String> back = h.online("/dev/ttyACM1", 600 * SECOND);
    Optional<String> justBack = h.check("E077", "", 630 * SECOND);

    assertEquals(Optional.of("DOCK-2 scanner offline (zone B): device gone"), lost);
    assertTrue(stillLost.isEmpty());
    assertTrue(silentWhileOffline.isEmpty());
    assertEquals(Optional.of("DOCK-2 scanner back online at /dev/ttyACM1"), back);
    assertTrue(justBack.isEmpty());
  }

  @Test
  void silenceCheckedEveryTenthOfItsTime_atMost30s() {
    assertEquals(Duration.ofSeconds(30),
        StationLink.silenceCheckEvery(Duration.ofMinutes(10)));
    assertEquals(Duration.ofSeconds(12),
        StationLink.silenceCheckEvery(Duration.ofMinutes(2)));
    assertEquals(Duration.ofMillis(100),
        StationLink.silenceCheckEvery(Duration.ofMillis(500)));
  }
}
