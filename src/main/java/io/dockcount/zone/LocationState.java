package io.dockcount.zone;

/**
 * Where a location is in its count. A location the zone has heard nothing about is {@link #OPEN}.
 *
 * <pre>
 *   OPEN --close--> CLOSED --reconciled, no variance--> RESOLVED --confirm--> CONFIRMED
 *                     |  \--variance, recounts left--> RECOUNT_REQUESTED --close--> CLOSED
 *                     \--variance, no recounts left: stays CLOSED, task to a supervisor
 *   CLOSED or RECOUNT_REQUESTED --supervisor resolves--> RESOLVED
 *   RECOUNT_REQUESTED by a run, its every task's line gone with a newer book --run--> RESOLVED
 *   CLOSED or RESOLVED --supervisor asks a recount--> RECOUNT_REQUESTED
 *   RECOUNT_REQUESTED by a run --supervisor sends it back--> the same, now the supervisor's
 *   OPEN, never counted --supervisor closes the zone--> NOT_COUNTED --close--> CLOSED
 * </pre>
 */
public enum LocationState {
  /** Being counted: counts are taken. */
  OPEN,
  /** The counter has finished; waits for the next reconciliation. Counts are refused. */
  CLOSED,
  /** A variance is to be recounted: counts are taken, in the next count round. */
  RECOUNT_REQUESTED,
  /** Reconciled with nothing left to recount, or resolved by a supervisor. */
  RESOLVED,
  /** Signed off by inventory control: final. */
  CONFIRMED,
  /**
   * On book but never counted when a supervisor closed its zone: its lines stay missing (not
   * counted is not counted zero) and go to recount tasks. Counts are taken, as when open.
   */
  NOT_COUNTED;

  /** Returns true when counts for the location are taken in this state. */
  public boolean takesCounts() {
    return this == OPEN || this == RECOUNT_REQUESTED || this == NOT_COUNTED;
  }
}
