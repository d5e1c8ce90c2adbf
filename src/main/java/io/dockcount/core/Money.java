package io.dockcount.core;

import java.math.BigDecimal;

/** Money as people read it, and exactly: never rounded to cents. */
public final class Money {
  private Money() {}

  /**
   * Returns {@code v} with at least two decimals and no zeros past them: {@code 12.50},
   * {@code 0.338}, {@code -12.345}; never rounded, so a text, an SMS and a report agree.
   */
  public static String exact(BigDecimal v) {
    BigDecimal shown = v.scale() > 2 ? v.stripTrailingZeros() : v;
    return (shown.scale() < 2 ? shown.setScale(2) : shown).toPlainString();
  }

  /** As {@link #exact}, with a plus sign on a positive amount ({@code +0.338}). */
  public static String signed(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "") + exact(v);
  }
}
