package io.dockcount.store;

import io.dockcount.core.CountRecord;
import java.util.Objects;

/**
 * A record appended to the journal through the group commit. Each gets the next number of the
 * store's one sequence when it is written; the number, not the wall clock, orders the journal.
 */
public sealed interface JournalEntry {

  /**
   * A count accepted by a zone, in count round {@code round} of its location, while book
   * snapshot {@code snapshotId} (or none) was in force.
   */
  record Count(String zone, CountRecord record, int round, Long snapshotId)
      implements JournalEntry {
    public Count {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(record, "record");
    }
  }

  /** Takes back the count numbered {@code voidOf}; the counted record itself stays. */
  record Void(String zone, long voidOf, String station, String counter, String reason)
      implements JournalEntry {}

  /**
   * A location entering {@code state} (a {@code LocationState} name) in count round round;
   * {@code settled}, for a location settled, what it was settled on (the zone's own text, or
   * null), kept so that a zone starting again still has it.
   */
  record LocationEvent(String zone, String location, String state, int round, String byWhom,
      String note, String settled) implements JournalEntry {
    public LocationEvent(String zone, String location, String state, int round, String byWhom,
        String note) {
      this(zone, location, state, round, byWhom, note, null);
    }
  }

  /**
   * A refused scan, kept for the supervisor. One a station held for a supervisor and its zone
   * took note of names that {@code zone} and the count round it was held in ({@code
   * heldRound}); others have neither (null).
   */
  record Rejected(String station, String counter, String location, String sku, String raw,
      String reason, String zone, Integer heldRound) implements JournalEntry {
    public Rejected(String station, String counter, String location, String sku, String raw,
        String reason) {
      this(station, counter, location, sku, raw, reason, null, null);
    }
  }
}
