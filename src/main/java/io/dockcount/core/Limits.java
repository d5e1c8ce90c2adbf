package io.dockcount.core;

import java.math.BigDecimal;

/**
 * Recount limits for one side of a variance (short or over). A null limit is not tested.
 *
 * @param qty absolute variance in eaches at or above which the line is recounted
 * @param value absolute variance value at or above which the line is recounted
 * @param pct absolute variance as a percentage of book at or above which the line is recounted
 */
public record Limits(Long qty, BigDecimal value, BigDecimal pct) {
  /** No limits: no variance on this side is recounted for its size ({@code qty = 1}: all). */
  public static final Limits NONE = new Limits(null, null, null);

  public Limits {
    requireNonNegative("qty", qty == null ? null : BigDecimal.valueOf(qty));
    requireNonNegative("value", value);
    requireNonNegative("pct", pct);
  }

  public boolean isEmpty() {
    return qty == null && value == null && pct == null;
  }

  private static void requireNonNegative(String name, BigDecimal v) {
    if (v != null && v.signum() < 0) {
      throw new IllegalArgumentException(name + " limit must not be negative: " + v);
    }
  }
}
