package io.dockcount.console;

import io.dockcount.alert.Alert;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.Money;
import io.dockcount.store.ConsoleQueries;
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
    return (task, requestedBy) -> {
      LocationScheme.Parts p = scheme.parse(task.location());
      String line = line(task, requestedBy, p);
      LoggerFactory.getLogger(RecountAlerts.class).warn("{}", line); // as a zone logs its own
      raise.accept(new Alert(Alert.Kind.RECOUNT, task.zone(), p == null ? "" : p.aisle(),
          p == null ? "" : p.bay(), p == null ? "" : p.level(), task.location(), task.sku(),
          task.variance(), task.value(), task.round(), line));
      return CompletableFuture.completedFuture(null);
    };
  }

  /**
   * The re-sent alert's line, worded as a zone's: zone, aisle, bay, level (a dash for a part
   * the location lacks), location, SKU, the line's status, the signed variance and value (or,
   * for a line nobody counted, its book), and the task's reason.
   *
   * @param p the location's parts, or null when it does not fit the scheme
   */
  static String line(ConsoleQueries.Task task, String requestedBy, LocationScheme.Parts p) {
    String figures;
    if (task.variance() == null) {
      figures = "book " + (task.book() == null ? "?" : task.book()) + " EA, not counted";
    } else {
      String value = task.value() == null ? "unknown (no cost)"
          : Money.exact(task.value());
      figures = (task.variance() > 0 ? "+" : "") + task.variance() + " EA value " + value;
    }
    return "ALERT (re-sent by " + requestedBy + ") zone " + task.zone()
        + " aisle " + part(p == null ? "" : p.aisle()) + " bay " + part(p == null ? "" : p.bay())
        + " level " + part(p == null ? "" : p.level()) + " (" + task.location() + ") sku "
        + task.sku() + (task.lineStatus() == null ? "" : " " + task.lineStatus()) + " "
        + figures + ": " + task.reason();
  }

  private static String part(String s) {
    return s.isEmpty() ? "-" : s;
  }

  /**
   * Returns an implementation that logs the alert at WARN, as the zones print theirs, its
   * location split by the dashed scheme ({@code A-01-02-B}).
   */
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
    log.warn("{}", RecountAlerts.line(task, requestedBy,
        LocationScheme.dashed().parse(task.location())));
    return CompletableFuture.completedFuture(null);
  }
}
