package io.dockcount.console;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether each station's scanner is connected now, for the stations page. The station wiring
 * answers it from {@code StationActor.GetStatus}; {@link #unknown()} answers nothing, and the
 * page then shows activity from the journal only.
 */
public interface StationStatus {

  /** Returns connected (true) or not (false) by station name; stations left out are unknown. */
  CompletionStage<Map<String, Boolean>> connected();

  /** Returns a source that knows no station. */
  static StationStatus unknown() {
    return () -> CompletableFuture.completedFuture(Map.of());
  }
}
