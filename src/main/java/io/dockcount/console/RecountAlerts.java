package io.dockcount.console;

import io.dockcount.store.ConsoleQueries;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the console sends a recount alert again when a supervisor asks. The alerts issue's
 * notifier implements it by putting the alert back in its outbox ({@code io.dockcount.alert});
 * until then {@link #logging()} writes it to the log.
 */
public interface RecountAlerts {

  /**
   * Sends the alert of an open recount task again. Must not block; the stage completes when
   * the alert is handed over (queued), not when it is delivered.
   *
   * @param requestedBy the supervisor (or token) who asked
   */
  CompletionStage<Void> resend(ConsoleQueries.Task task, String requestedBy);

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
