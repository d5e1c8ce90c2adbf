package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** When the service may stop for its planned restart: run long enough, idle, in the window. */
final class PlannedRestartTest {
  private static final PlannedRestart NIGHT = new PlannedRestart(Duration.ofDays(6),
      Duration.ofMinutes(30), LocalTime.of(2, 0), LocalTime.of(5, 0));
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void due_onlyWhenRunLongEnoughIdleAndInsideTheWindow() {
    assertTrue(NIGHT.due(WEEK, HOUR, LocalTime.of(3, 0)));
    assertTrue(NIGHT.due(Duration.ofDays(6), Duration.ofMinutes(30), LocalTime.of(2, 0)),
        "each bound is reached at its value");

    assertFalse(NIGHT.due(Duration.ofDays(5), HOUR, LocalTime.of(3, 0)), "not run long enough");
    assertFalse(NIGHT.due(WEEK, Duration.ofMinutes(29), LocalTime.of(3, 0)), "a recent scan");
    assertFalse(NIGHT.due(WEEK, HOUR, LocalTime.of(5, 0)), "the window's end is outside it");
    assertFalse(NIGHT.due(WEEK, HOUR, LocalTime.of(1, 59)));
    assertFalse(NIGHT.due(WEEK, HOUR, LocalTime.of(14, 0)));
  }

  @Test
  void window_passingMidnight_andAllDay() {
    LocalTime[] w = PlannedRestart.window("k", "22:30-04:00");
    PlannedRestart late = new PlannedRestart(WEEK, HOUR, w[0], w[1]);
    LocalTime[] all = PlannedRestart.window("k", " 00:00 - 24:00 ");
    PlannedRestart anyTime = new PlannedRestart(WEEK, HOUR, all[0], all[1]);

    assertTrue(late.inWindow(LocalTime.of(23, 0)));
    assertTrue(late.inWindow(LocalTime.of(0, 0)));
    assertTrue(late.inWindow(LocalTime.of(3, 59)));
    assertFalse(late.inWindow(LocalTime.of(4, 0)));
    assertFalse(late.inWindow(LocalTime.of(22, 29)));
    assertTrue(anyTime.inWindow(LocalTime.of(12, 0)));
    assertTrue(anyTime.inWindow(LocalTime.MIDNIGHT));
  }

  @Test
  void off_neverDue() {
    assertFalse(PlannedRestart.OFF.enabled());
    assertFalse(PlannedRestart.OFF.due(Duration.ofDays(365), Duration.ofDays(365),
        LocalTime.NOON));
  }
}
