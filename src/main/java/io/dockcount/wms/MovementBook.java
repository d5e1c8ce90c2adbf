package io.dockcount.wms;

import io.dockcount.core.LocationScheme;
import io.dockcount.store.MasterData;
import io.dockcount.store.WmsLedger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies WMS movements to the book, each up to its location's count time. Pure: no actor, no
 * I/O.
 *
 * <p>A movement counts only after the snapshot of its zone was taken in (earlier ones are in
 * that snapshot). At a location not counted yet it is applied: the count will see its result. At
 * a counted location it is applied when it happened before the count was closed, and reported,
 * not applied, when it happened after (the counter could not have seen it), or when the count
 * time is not trustworthy because the clock was known to be unsynchronized.
 */
final class MovementBook {
  /** The book with movements applied, the zones it changed, and the movements not applied. */
  record Result(List<MasterData.BookLine> book, Set<String> zones, int applied,
      Map<String, String> reported) {}

  private MovementBook() {}

  /**
   * @param book the book in force (every zone)
   * @param since per zone, when its snapshot was taken in
   * @param movements in time order
   * @param countTimes per location, its latest close
   */
  static Result apply(List<MasterData.BookLine> book, Map<String, Instant> since,
      LocationScheme scheme, List<WmsLedger.Movement> movements,
      Map<String, WmsLedger.CountTime> countTimes) {
    MasterData.Builder lines = summing(book);
    Set<String> zones = new TreeSet<>();
    Map<String, String> reported = new LinkedHashMap<>();
    int applied = 0;
    for (WmsLedger.Movement m : movements) {
      LocationScheme.Parts p = scheme.parse(m.location());
      if (p == null) {
        reported.put(m.id(), describe(m) + ": location fits no zone; not applied");
        continue;
      }
      Instant from = since.get(p.zone());
      if (from != null && !m.movedAt().isAfter(from)) {
        continue;
      }
      WmsLedger.CountTime counted = countTimes.get(m.location());
      if (counted != null && "no".equals(counted.clockSynced())) {
        reported.put(m.id(), describe(m) + ": " + m.location() + " was counted while the "
            + "clock was not synchronized, so the count time is unknown; not applied");
      } else if (counted != null && m.movedAt().isAfter(counted.at())) {
        reported.put(m.id(), describe(m) + ": after the count of " + m.location() + " ("
            + counted.at() + "); not applied: recount if it matters");
      } else {
        lines.bookLineSummed(m.location(), m.sku(), m.lot(), m.qty());
        zones.add(p.zone());
        applied++;
      }
    }
    return new Result(lines.bookList(), Set.copyOf(zones), applied, reported);
  }

  /**
   * Returns {@code book} as {@link #apply} returns a book no movement touched: a SKU's lines at
   * one location and lot summed, in the builder's order. A WMS lists them as it pleases, so
   * only this form tells whether movements changed a book.
   */
  static List<MasterData.BookLine> summed(List<MasterData.BookLine> book) {
    return summing(book).bookList();
  }

  /** Summed in packed storage: a 1M-line book is never a map of records. */
  private static MasterData.Builder summing(List<MasterData.BookLine> book) {
    MasterData.Builder lines = MasterData.builder();
    for (MasterData.BookLine b : book) {
      lines.bookLineSummed(b.location(), b.sku(), b.lot(), b.eaches());
    }
    return lines;
  }

  static String describe(WmsLedger.Movement m) {
    return "movement " + m.id() + " (" + m.kind() + " " + (m.qty() > 0 ? "+" : "") + m.qty()
        + " EA of " + m.sku() + " at " + m.location() + ", " + m.movedAt() + ")";
  }
}
