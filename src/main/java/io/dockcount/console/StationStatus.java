package io.dockcount.console;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What each station knows now, for the stations page: whether its scanner is connected, when
 * it last read a scan (stored or not: with the store full, no scan is stored, and the journal
 * alone would show the station idle), who is logged in and where. The station wiring answers it
 * from {@code StationActor.GetStatus}; {@link #unknown()} answers nothing, and the page then
 * shows activity from the journal only.
 */
public interface StationStatus {

  /** One station now; {@code lastScan} null when it read none since the start. */
  record Live(boolean connected, Instant lastScan, String counter, String location) {}

  /** Returns each station's state by name; stations left out are unknown. */
  CompletionStage<Map<String, Live>> now();

  /** Returns a source that knows no station. */
  static StationStatus unknown() {
    return () -> CompletableFuture.completedFuture(Map.of());
  }
}
