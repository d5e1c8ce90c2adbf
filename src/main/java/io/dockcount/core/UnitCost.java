package io.dockcount.core;

import java.math.BigDecimal;

/**
 * A cost stated per another unit than each (24.00 a case of 12), as a cost per each: exact, or
 * none. A rounded cost would value every variance of the SKU wrongly, so a cost that is no
 * exact figure per each (10.00 a case of 7) is refused by its callers, never rounded.
 */
public final class UnitCost {
  /** The most decimals a cost per each keeps, as any cost read. */
  private static final int MAX_SCALE = 9;

  private UnitCost() {}

  /**
   * Returns {@code cost} (of {@code eaches} eaches) per each, in at most 9 decimals and an
   * unscaled value that fits a long, or null when it is no such figure.
   */
  public static BigDecimal perEach(BigDecimal cost, long eaches) {
    if (eaches <= 0) {
      return null;
    }
    try {
      BigDecimal each = cost.divide(BigDecimal.valueOf(eaches));
      if (each.scale() > MAX_SCALE) {
        each = each.stripTrailingZeros();
      }
      return each.scale() <= MAX_SCALE && each.unscaledValue().bitLength() < 64 ? each : null;
    } catch (ArithmeticException e) {
      return null; // no terminating decimal
    }
  }

  /**
   * Returns how many eaches a cost unit column's value states when it is a count (SAP's price
   * unit, a price per 100), or -1 when it is a unit code.
   */
  public static long count(String per) {
    return per.matches("[0-9]{1,12}") ? Long.parseLong(per) : -1;
  }
}
