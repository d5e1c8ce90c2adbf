package io.dockcount.core;

import java.math.BigDecimal;
import java.util.function.ToLongFunction;

/**
 * A cost stated per another unit than each (24.00 a case of 12), as a cost per each: exact, or
 * none. A rounded cost would value every variance of the SKU wrongly, so a cost that is no
 * exact figure per each (10.00 a case of 7) is refused by its callers, never rounded.
 */
public final class UnitCost {
  /** The most decimals a cost per each keeps, as any cost read. */
  private static final int MAX_SCALE = 9;

  /**
   * A cost read per each ({@code cost}), with the unit it was per and its eaches; or why it has
   * none ({@code problem}). {@code count} says the unit was a count of eaches (per 100).
   */
  public record PerEach(BigDecimal cost, String unit, long eaches, boolean count,
      String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

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
   * Reads the cost {@code written} ({@code cost}) of {@code sku} per {@code per}, a unit or a
   * count of eaches (SAP's price unit, per 100) as its column {@code header} gives it, as a
   * cost per each, the unit's eaches from {@code eachesPer} (by canonical code, 0 for none):
   * the count service's reading of its start-up item file and of a WMS delivery's.
   */
  public static PerEach perEach(BigDecimal cost, String per, String header, String written,
      String sku, ToLongFunction<String> eachesPer) {
    return perEach(cost, per, header, written, sku, eachesPer, false);
  }

  /**
   * As {@link #perEach(BigDecimal, String, String, String, String, ToLongFunction)}, for a file
   * whose numbers have a decimal comma ({@code decimalComma}): its price unit may group
   * thousands by dots ({@code 1.000}), as a German SAP list prints it.
   */
  public static PerEach perEach(BigDecimal cost, String per, String header, String written,
      String sku, ToLongFunction<String> eachesPer, boolean decimalComma) {
    long count = count(per.strip(), decimalComma);
    boolean isCount = count >= 0;
    String unit = isCount ? per.strip() + " EA" : UnitCode.canonical(per);
    long eaches = isCount ? count : eachesPer.applyAsLong(unit);
    if (eaches <= 0) {
      return new PerEach(null, unit, 0, isCount, "unit_cost is per " + named(per, unit, isCount)
          + " (" + header + "), which has no factor for sku " + sku + " in the UOM table");
    }
    BigDecimal each = perEach(cost, eaches);
    return each != null ? new PerEach(each, unit, eaches, isCount, null)
        : new PerEach(null, unit, eaches, isCount, "unit_cost is per "
            + named(per, unit, isCount) + " (" + header + ")" + (isCount ? "" : " of " + eaches
            + " EA") + ": " + written + " / " + eaches + " is no exact cost per each (state the "
            + "cost per each)");
  }

  /**
   * The cost unit as the file writes it ({@code KAR (read as CT)}), so a unit spelt the site's
   * way shows; built for a refused cost only, not for every row read.
   */
  private static String named(String per, String unit, boolean isCount) {
    return isCount ? unit : UnitCode.asWritten(per);
  }

  /**
   * Returns how many eaches a cost unit column's value states when it is a count (SAP's price
   * unit, a price per 100), or -1 when it is a unit code.
   */
  public static long count(String per) {
    return count(per, false);
  }

  /**
   * As {@link #count(String)}, where {@code decimalComma} files group a price unit's thousands
   * by dots: {@code 1.000} is then a thousand, as the cost beside it ({@code 1.234,50}) is read,
   * never a unit named {@code 1.000}.
   */
  public static long count(String per, boolean decimalComma) {
    if (per.matches("[0-9]{1,12}")) {
      return Long.parseLong(per);
    }
    return decimalComma && per.matches("[0-9]{1,3}(\\.[0-9]{3}){1,3}")
        ? Long.parseLong(per.replace(".", "")) : -1;
  }
}
