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

  /**
   * Returns a variance total as the service's texts show it: {@link #exact}, or {@code unknown}
   * for null (the variances it sums all lack a value: 0.00 would read as nothing at stake),
   * then how many variance lines it leaves out, since without them it is only part of the sum.
   */
  public static String total(BigDecimal v, int linesWithoutValue) {
    String lines = linesWithoutValue + " variance line" + (linesWithoutValue == 1 ? "" : "s");
    if (v == null) {
      return "unknown (" + lines + ", none valued)";
    }
    return linesWithoutValue == 0 ? exact(v) : exact(v) + " (+" + lines + " not valued)";
  }

  /** As {@link #exact}, with a plus sign on a positive amount ({@code +0.338}). */
  public static String signed(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "") + exact(v);
  }
}
