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
   * Raises a location being counted in {@code round} that no station has open
   * ({@link LocationClaims}): found so at start, or for longer than allowed. Once per location
   * and round until a station opens it again or it closes, a restart included (see
   * {@link #leftOpenReported}). Must not block; by default only printed and logged.
   *
   * @param line says which location, how many counts, and what to do
   */
  default void leftOpen(String zone, String location, int round, String line) {}

  /**
   * Records that a location reported left open in {@code round} is open at a station again
   * (kept, so that a restart knows that report is over); nobody is told. Must not block.
   */
  default void leftOpenEnded(String zone, String location, int round, String line) {}

  /**
   * The locations whose left-open report, raised before this start, still stands (no station
   * opened them since), each as {@code location + '\n' + round}: found left open at start,
   * they are not raised a second time. Called once, at start, off the actors' threads; may
   * block.
   */
  default java.util.Set<String> leftOpenReported() {
    return java.util.Set.of();
  }

  /**
   * Whether the last thing recorded of the station, before this start, is its scanner going
   * offline: the same outage, if it is still offline now, is not raised a second time.
   */
  default boolean offlineWhenStopped(String station) {
    return false;
  }
}
