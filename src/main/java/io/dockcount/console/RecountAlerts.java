package io.dockcount.console;

import io.dockcount.alert.Alert;
import io.dockcount.core.LocationScheme;
import io.dockcount.store.ConsoleQueries;
import java.math.RoundingMode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the console sends a recount alert again when a supervisor asks. {@code run} uses
 * {@link #raising}, which hands it to the service's notifier like any other alert;
 * {@link #logging()} only writes it to the log.
 */
public interface RecountAlerts {

  /**
   * Sends the alert of an open recount task again. Must not block; the stage completes when
   * the alert is handed over (queued), not when it is delivered.
   *
   * @param requestedBy the supervisor (or token) who asked
   */
  CompletionStage<Void> resend(ConsoleQueries.Task task, String requestedBy);

  /**
   * Returns an implementation that raises each re-send as a new recount alert (saved to the
   * alerts outbox, then sent on the recount channels at once). Each request is its own alert:
   * the policy does not fold it into an earlier one for the same location and round.
   *
   * @param raise the service's {@code raise}; must not block
   * @param scheme splits the location into aisle, bay and level for the message
   */
  static RecountAlerts raising(Consumer<Alert> raise, LocationScheme scheme) {
    // LIMITATION: the radio announcer says each location and round once per run of the service,
    // so a re-send is not spoken again where recount alerts go to the radio (not by default).
    return (task, requestedBy) -> {
      LocationScheme.Parts p = scheme.parse(task.location());
      String value = task.value() == null ? "unknown (no cost)"
          : task.value().setScale(2, RoundingMode.HALF_EVEN).toPlainString();
      String line = "ALERT (re-sent by " + requestedBy + ") zone " + task.zone() + " location "
          + task.location() + " sku " + task.sku() + " variance "
          + (task.variance() == null ? "?" : task.variance()) + " EA value " + value + ": "
          + task.reason();
      raise.accept(new Alert(Alert.Kind.RECOUNT, task.zone(), p == null ? "" : p.aisle(),
          p == null ? "" : p.bay(), p == null ? "" : p.level(), task.location(), task.sku(),
          task.variance(), task.value(), task.round(), line));
      return CompletableFuture.completedFuture(null);
    };
  }

  /** Returns an implementation that logs the alert at WARN, as the zones print theirs. */
  static RecountAlerts logging() {
    return LoggingRecountAlerts.INSTANCE;
  }
}

/** Writes re-sent alerts to the log. */
enum LoggingRecountAlerts implements RecountAlerts {
  INSTANCE;

  private static final Logger log = LoggerFactory.getLogger(RecountAlerts.class);

  @Override
  public CompletionStage<Void> resend(ConsoleQueries.Task task, String requestedBy) {
    log.warn("ALERT (re-sent by {}) zone {} location {} sku {} variance {} EA value {}: {}",
        requestedBy, task.zone(), task.location(), task.sku(), task.variance(),
        task.value() == null ? "unknown (no cost)" : task.value().toPlainString(),
        task.reason());
    return CompletableFuture.completedFuture(null);
  }
}
