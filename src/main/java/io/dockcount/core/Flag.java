package io.dockcount.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Facts about a reconciliation line that a reader must see beside its status. */
public enum Flag {
  /** The count would match the book had it been entered in another of the SKU's units. */
  PROBABLE_UNIT_ERROR,
  /** The SKU has no unit cost: the variance has no value (it is not valued at 0). */
  MISSING_COST,
  /** Counted zero against a positive book (on a line: the line's, or one of its lots'). */
  COUNTED_ZERO,
  /**
   * The book quantity is negative (compared as it is, never clamped to 0); on a line: the
   * line's, or one of its lots'.
   */
  NEGATIVE_BOOK,
  /** A lot differs from a lot on the other side only by leading zeros. */
  POSSIBLE_LOST_LEADING_ZERO,
  /** The lots of the SKU + location differ more than its total does (one short, another over). */
  LOT_VARIANCE,
  /** The location code does not fit the location scheme: no zone, aisle, bay or level. */
  LOCATION_UNPARSED,
  /** Count rows of the line were rejected: the counted quantity leaves them out. */
  COUNT_ROWS_REJECTED,
  /** Book rows of the line were rejected: the book quantity leaves them out. */
  BOOK_ROWS_REJECTED,
  /**
   * A missing line and an unexpected line whose SKU and location differ only in letter case or
   * the SKU's leading zeros: probably one item, keyed one way on the book and another counted.
   */
  POSSIBLE_KEY_MISMATCH,
  /**
   * The item master or UOM table disagreed about the SKU (two costs, classes or factors for one
   * unit, or a factor for a spelling read as each): none of them is used, and the rows are in
   * the exceptions.
   */
  MASTER_DATA_CONFLICT,
  /**
   * The book changed for the line since it was counted, during the count or after (field report
   * F17): the count is compared with neither book, no variance is posted, and the line is
   * recounted.
   */
  BOOK_CHANGED,
  /**
   * The location is still being counted (a count or recount under way, not closed): the
   * counted quantity so far, so the line is provisional and no recount is asked for yet.
   */
  STILL_COUNTING,
  /**
   * With {@link #STILL_COUNTING}: a recount is under way at the location and has not counted
   * this SKU yet, so the counted figure is the earlier round's, not the recount's. Were the
   * recount closed now, the SKU would count 0 (a recount counts the whole location).
   */
  NOT_RECOUNTED_YET;

  private final int bit = 1 << ordinal();

  public int bit() {
    return bit;
  }

  public boolean in(int flags) {
    return (flags & bit) != 0;
  }

  /** Returns the flags as a {@code |}-separated lower-case list, empty for none. */
  public static String format(int flags) {
    if (flags == 0) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (Flag f : values()) {
      if (f.in(flags)) {
        names.add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    return String.join("|", names);
  }
}
