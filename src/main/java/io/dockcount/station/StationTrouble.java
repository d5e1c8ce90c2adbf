package io.dockcount.station;

/**
 * Where a station's health problems go as alerts (scanner offline, station silent while a
 * count is under way, station stopped). Each problem is raised once until it clears; the
 * station layer knows nothing of SMS or Slack, the service's notifier does.
 */
@FunctionalInterface
public interface StationTrouble {

  /** Ignores the problems (they are still printed and logged). */
  StationTrouble NONE = (zone, station, line) -> { };

  /**
   * Raises one problem. Must not block.
   *
   * @param line the health line, naming the station and the problem
   */
  void raise(String zone, String station, String line);

  /**
   * Records that the station's scanner is back (kept, so that a restart knows the outage it
   * reported has ended); nobody is told. Must not block.
   */
  default void cleared(String zone, String station, String line) {}

  /**
   * Raises a location being counted that no station has open ({@link LocationClaims}): left
   * open by a stop or restart, or for longer than allowed. Once per location until a station
   * opens it again or it closes. Must not block; by default only printed and logged.
   *
   * @param line says which location, how many counts, and what to do
   */
  default void leftOpen(String zone, String location, String line) {}

  /**
   * Whether the last thing recorded of the station, before this start, is its scanner going
   * offline: the same outage, if it is still offline now, is not raised a second time.
   */
  default boolean offlineWhenStopped(String station) {
    return false;
  }
}
