package io.dockcount.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each zone's saved runs by id, for finding "the zone's last run before a journal number" (the
 * run a decision took its figures from) by binary search, not one subquery per row.
 */
final class RunIds {
  /**
   * The {@code recon_line} rows of a decision's run that settling the location posts: its
   * non-zero variances, not a line sent to recount because its book changed since its count
   * (its reason begins "book changed": {@link RunRecord#BOOK_CHANGED}, or "book changed during
   * count" as older versions stored it). One predicate for the console's adjustments.csv and
   * the WMS export, so the two never disagree on what was posted.
   */
  static final String POSTED = "variance IS NOT NULL AND variance <> 0 AND (reason IS NULL OR "
      + "reason NOT LIKE 'book changed%')";

  private RunIds() {}

  /** Each zone's run ids, ascending. */
  static Map<String, long[]> byZone(Connection c) throws SQLException {
    Map<String, List<Long>> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT zone, id FROM recon_run ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
      }
    }
    Map<String, long[]> out = new HashMap<>();
    ids.forEach((zone, list) -> out.put(zone, list.stream().mapToLong(Long::longValue)
        .toArray()));
    return out;
  }

  /** The last of the ascending {@code runs} below {@code seq}, or -1 (none, or no runs). */
  static long before(long[] runs, long seq) {
    if (runs == null) {
      return -1;
    }
    int i = Arrays.binarySearch(runs, seq);
    int below = (i >= 0 ? i : -i - 1) - 1;
    return below >= 0 ? runs[below] : -1;
  }
}
