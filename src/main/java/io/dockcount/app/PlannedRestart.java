package io.dockcount.app;

import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the service stops by itself so that its supervisor (systemd) starts it again: H2 gives a
 * running file's dead space back only at a clean stop (docs/STORE.md), so a service left at the
 * dock for weeks would otherwise grow its file, and its backups, until someone restarts it.
 *
 * <p>It stops only once it has run {@code after}, at a local time within {@code from} to
 * {@code to} (a window may pass midnight), and when no station has had a scan taken in for
 * {@code idle}: a counter never finds the stations restarting under a scan.
 *
 * @param after how long the service runs before it may restart; zero: never
 * @param idle how long no scan may have been stored before it does
 * @param from the start of the window, local time
 * @param to the end of the window (exclusive), local time; equal to {@code from}: all day
 */
public record PlannedRestart(Duration after, Duration idle, LocalTime from, LocalTime to) {
  /** The exit code of a planned restart: EX_TEMPFAIL, which the systemd unit restarts. */
  public static final int EXIT_CODE = 75;

  private static final Pattern WINDOW =
      Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

  /** Never restarts. */
  public static final PlannedRestart OFF =
      new PlannedRestart(Duration.ZERO, Duration.ZERO, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  public boolean enabled() {
    return !after.isZero();
  }

  /**
   * Says whether the service should restart now, having run {@code uptime}, its last scan
   * stored {@code quiet} ago, at local time {@code now}.
   */
  public boolean due(Duration uptime, Duration quiet, LocalTime now) {
    return enabled() && uptime.compareTo(after) >= 0 && quiet.compareTo(idle) >= 0
        && inWindow(now);
  }

  boolean inWindow(LocalTime now) {
    if (from.equals(to)) {
      return true;
    }
    return from.isBefore(to) ? !now.isBefore(from) && now.isBefore(to)
        : !now.isBefore(from) || now.isBefore(to);
  }

  /**
   * Reads a window written {@code HH:MM-HH:MM} (local time, {@code 24:00} for midnight at its
   * end); throws naming {@code key} and what is wrong otherwise.
   */
  static LocalTime[] window(String key, String text) {
    Matcher m = WINDOW.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " must be a window of local time written "
          + "HH:MM-HH:MM (02:00-05:00), was '" + text + "'");
    }
    return new LocalTime[] {time(key, text, m.group(1), m.group(2)),
        time(key, text, m.group(3), m.group(4))};
  }

  private static LocalTime time(String key, String text, String hours, String minutes) {
    int h = Integer.parseInt(hours);
    int min = Integer.parseInt(minutes);
    if (h == 24 && min == 0) {
      return LocalTime.MIDNIGHT;
    }
    if (h > 23 || min > 59) {
      throw new IllegalArgumentException(key + ": " + hours + ":" + minutes + " is no time of "
          + "day, in '" + text + "'");
    }
    return LocalTime.of(h, min);
  }
}
