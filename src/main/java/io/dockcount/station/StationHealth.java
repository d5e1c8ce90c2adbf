package io.dockcount.station;

import java.time.Duration;
import java.util.Optional;

/**
 * Issue 4 item 5 for one station: whether its scanner is online and whether it has gone quiet
 * while a count is under way there. Pure: the caller passes the time (nanoseconds from any fixed
 * origin) and sends the alerts returned. Each condition alerts once until it clears.
 */
final class StationHealth {
  private final String station;
  private final String zone;
  private final long silenceNanos;
  private boolean online = true;
  private boolean silentAlerted;
  private long lastHeard;

  StationHealth(String station, String zone, Duration silence, long now) {
    this(station, zone, silence, now, false);
  }

  /**
   * As above; {@code offlineReported}: the scanner was reported offline before a restart, and
   * not back since, so its being offline now is no new alert (its coming back is).
   */
  StationHealth(String station, String zone, Duration silence, long now,
      boolean offlineReported) {
    this.station = station;
    this.zone = zone;
    this.silenceNanos = silence.toNanos();
    this.lastHeard = now;
    this.online = !offlineReported;
  }

  /** A frame arrived. */
  void heard(long now) {
    lastHeard = now;
    silentAlerted = false;
  }

  /** The scanner is lost; returns the alert the first time. */
  Optional<String> offline(String reason, long now) {
    if (!online) {
      return Optional.empty();
    }
    online = false;
    return Optional.of(station + " scanner offline (zone " + zone + "): " + reason);
  }

  /** The scanner is (back) online; returns an alert when it had been reported offline. */
  Optional<String> online(String device, long now) {
    boolean wasOffline = !online;
    online = true;
    lastHeard = now;
    return wasOffline ? Optional.of(station + " scanner back online at " + device)
        : Optional.empty();
  }

  /**
   * Returns the silence alert when a counter is logged in, the scanner is online and nothing
   * came for the silence time.
   */
  Optional<String> check(String counter, String location, long now) {
    // LIMITATION: "its zone is open" is read as "a counter is logged in at the station"; the
    // link does not ask the zone whether locations are still open.
    long silentFor = now - lastHeard;
    if (!online || silentAlerted || counter.isEmpty() || silentFor < silenceNanos) {
      return Optional.empty();
    }
    silentAlerted = true;
    return Optional.of(station + " silent for " + Duration.ofNanos(silentFor).toSeconds()
        + " s while " + counter + " is counting" + (location.isEmpty() ? "" : " at " + location)
        + " (zone " + zone + ")");
  }
}
