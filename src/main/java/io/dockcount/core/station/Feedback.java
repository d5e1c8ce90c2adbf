package io.dockcount.core.station;

/** What the station shows the counter after a scan; the adapter makes it a beep or a light. */
public enum Feedback {
  /** Accepted: short beep, green. */
  GOOD,
  /** Refused: long beep, red; the reason is recorded for the supervisor. */
  BAD
}
