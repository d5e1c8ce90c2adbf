package io.dockcount.station;

import io.dockcount.core.station.Feedback;

/**
 * What one scan at a station finally did, once the zone has answered: the signal the counter
 * got, and for a count the journal number it is stored under.
 *
 * @param station the station id
 * @param sequence the station session's scan number
 * @param feedback good only when the zone acknowledged the scan as durable (or it needed no
 *     zone, such as a badge)
 * @param kind COUNT, VOID, CLOSE, REJECTED or LABEL (badge, location, quantity, logout)
 * @param journalSeq the journal record of a stored count or void, otherwise -1
 * @param detail the reason of a bad outcome, or what was done
 */
public record StationOutcome(String station, long sequence, Feedback feedback, String kind,
    long journalSeq, String detail) {
  /** The journal number of a scan that was not stored. */
  public static final long NOT_STORED = -1;
  /** The journal number of a count the zone did not confirm in time: it may yet be stored. */
  public static final long MAYBE_STORED = -2;

  /** One line for consoles and logs: {@code FEEDBACK DOCK-1 12 GOOD COUNT 345 ...}. */
  public String line() {
    return "FEEDBACK " + station + " " + sequence + " " + feedback + " " + kind + " "
        + journalSeq + " " + detail;
  }
}
