package io.dockcount.core.station;

import io.dockcount.core.barcode.RawBytes;

/**
 * What one scan did at a station. Every frame a station receives gives exactly one event, with
 * the station's next sequence number and the bytes received, so nothing is dropped silently.
 */
public sealed interface StationEvent {
  long sequence();

  RawBytes raw();

  /** Good for everything but a rejection. */
  default Feedback feedback() {
    return Feedback.GOOD;
  }

  /** A count was accepted. */
  record Counted(CountRecord record) implements StationEvent {
    @Override
    public long sequence() {
      return record.sequence();
    }

    @Override
    public RawBytes raw() {
      return record.raw();
    }
  }

  /** The scan was refused and counts nothing. */
  record Rejected(RejectedScan scan) implements StationEvent {
    @Override
    public long sequence() {
      return scan.sequence();
    }

    @Override
    public RawBytes raw() {
      return scan.raw();
    }

    @Override
    public Feedback feedback() {
      return Feedback.BAD;
    }
  }

  /** A void control scan cancelled an earlier count, which the zone must take back. */
  record Voided(long sequence, RawBytes raw, CountRecord voided) implements StationEvent {}

  /** A badge scan: {@code counter} is now counting at this station. */
  record CounterChanged(long sequence, RawBytes raw, String counter) implements StationEvent {}

  /**
   * A location label: counts now go to {@code location}; {@code previous} may be empty, and
   * {@code previousRecords} scans were counted there (the label closes it).
   */
  record LocationOpened(long sequence, RawBytes raw, String location, String previous,
      int previousRecords) implements StationEvent {}

  /**
   * The counter closed {@code location}, having counted {@code records} scans there (voided
   * ones not included). Closing with 0 records says the location was counted and found empty.
   */
  record LocationClosed(long sequence, RawBytes raw, String location, int records)
      implements StationEvent {}

  /**
   * A quantity was keyed and the next product scan counts that many; -1 when the counter
   * cleared it (a CLEAR with nothing keyed is a {@link Rejected} scan: nothing to clear).
   * {@code replaced} is the quantity a quantity label put aside, one keyed before and not used
   * yet (-1: none), so that the counter is told the new one counts, not both.
   */
  record QuantityPending(long sequence, RawBytes raw, long quantity, long replaced)
      implements StationEvent {
    public QuantityPending(long sequence, RawBytes raw, long quantity) {
      this(sequence, raw, quantity, -1);
    }

    /** What the station's feedback says of it. */
    public String text() {
      if (quantity < 0) {
        return "quantity cleared";
      }
      return "quantity " + quantity + " for the next product scan"
          + (replaced < 0 ? "" : " (replaces the keyed " + replaced + ", which is not counted)");
    }
  }

  /** The counter logged out; location and pending quantity are cleared. */
  record LoggedOut(long sequence, RawBytes raw, String counter) implements StationEvent {}
}
