package io.dockcount.store;

import io.dockcount.core.ReconLine;
import java.math.BigDecimal;
import java.util.List;

/**
 * One zone reconciliation to save: its lines, the recount tasks it opens and closes, the location
 * states it moves to and the alerts it raises. Saved in one transaction.
 *
 * @param trigger {@code SCHEDULED} or {@code HIGH_VALUE}
 * @param throughSeq the last journal number the run saw
 * @param snapshotId the book snapshot compared against, or null
 * @param netValue the valued variances' sum, or null when the run has variance lines and none
 *     of them has a value (no cost, or the book changed since the count): unknown, not 0
 * @param absValue their absolute sum, null when {@code netValue} is
 * @param linesWithoutValue the variance lines these totals leave out
 */
public record RunRecord(
    String zone,
    String trigger,
    long throughSeq,
    Long snapshotId,
    List<ReconLine> lines,
    BigDecimal netValue,
    BigDecimal absValue,
    int linesWithoutValue,
    List<NewTask> newTasks,
    List<TaskKey> doneTasks,
    List<JournalEntry.LocationEvent> events,
    List<io.dockcount.alert.Alert> alerts,
    List<NewTask> updatedTasks) {

  /**
   * How the reason of a task opened because its zone closed with the line never counted
   * begins; such a task takes the figures of the count made after all ({@code updatedTasks}).
   */
  public static final String ZONE_CLOSED = "zone closed: ";

  /**
   * How the reason of a task opened because a supervisor sent its location back begins; like a
   * zone-closed task, it takes the figures of the recount when that comes.
   */
  public static final String SENT_BACK = "sent back by a supervisor: ";

  /**
   * The start of the reason of a task that asks a supervisor to decide (the recount limit is
   * reached), not the floor to count: the WMS is not sent it as a recount.
   */
  public static final String DECIDE = "supervisor: ";

  /**
   * How the reason of a line whose book changed since its count begins: the book now differs
   * from the book the count was taken under, whether it changed while the location was being
   * counted or long after it was closed or settled (reasons stored before read "book changed
   * during count"; both begin "book changed").
   */
  public static final String BOOK_CHANGED = "book changed since count";

  /**
   * How the reason of a settled line begins when a WMS movement dated before its count has
   * since moved its book (the same snapshot, corrected): the figures it was settled on no
   * longer hold, and the line is off by the reason that follows.
   */
  public static final String MOVED_SINCE_SETTLED = "book moved since it was settled (a WMS "
      + "movement dated before the count): ";

  /** Whether a task with this reason waits for a count's figures (see the two prefixes). */
  public static boolean awaitsCount(String reason) {
    return reason.startsWith(ZONE_CLOSED) || reason.startsWith(SENT_BACK);
  }

  public RunRecord {
    lines = List.copyOf(lines);
    newTasks = List.copyOf(newTasks);
    updatedTasks = List.copyOf(updatedTasks);
    doneTasks = List.copyOf(doneTasks);
    events = List.copyOf(events);
    alerts = List.copyOf(alerts);
  }

  /** A run that updates no task. */
  public RunRecord(String zone, String trigger, long throughSeq, Long snapshotId,
      List<ReconLine> lines, BigDecimal netValue, BigDecimal absValue, int linesWithoutValue,
      List<NewTask> newTasks, List<TaskKey> doneTasks, List<JournalEntry.LocationEvent> events,
      List<io.dockcount.alert.Alert> alerts) {
    this(zone, trigger, throughSeq, snapshotId, lines, netValue, absValue, linesWithoutValue,
        newTasks, doneTasks, events, alerts, List.of());
  }

  /** A recount task identity: at most one per SKU, location and count round. */
  public record TaskKey(String location, String sku, int round) {}

  /** A recount task to open. */
  public record NewTask(TaskKey key, Long variance, BigDecimal value, String reason) {}
}
