package io.dockcount.core;

import java.math.BigDecimal;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

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
    if (isCount && eaches == 0) {
      return new PerEach(null, unit, 0, true, noEaches(unit, header));
    }
    if (eaches <= 0 && !decimalComma && dotGrouped(per.strip())) {
      return new PerEach(null, unit, 0, false, dotsUndeclared(per.strip(), header));
    }
    if (eaches <= 0) {
      return new PerEach(null, unit, 0, isCount, noFactor(named(per, unit, isCount), header,
          sku, null));
    }
    BigDecimal each = perEach(cost, eaches);
    return each != null ? new PerEach(each, unit, eaches, isCount, null)
        : new PerEach(null, unit, eaches, isCount, notExact(named(per, unit, isCount), header,
            isCount ? -1 : eaches, written, eaches));
  }

  /*
   * The reasons a cost is refused, in the words every reader of an item master gives them
   * (reconcile's exceptions, the service's start-up file and WMS deliveries): one file, one
   * reason, wherever it is read.
   */

  /** Why a cost that is no plain number ({@code error}, as DecimalReader says) is refused. */
  public static String notPlainNumber(String error) {
    return "unit cost is not a plain number: " + error;
  }

  /**
   * Why a cost per {@code written}, a spelling of each ({@code header} its column), is refused:
   * the UOM table gives it another factor for the SKU, as {@code dispute} says ({@link
   * UnitCode#eachDisputed}).
   */
  public static String perDisputedEach(String written, String header, String dispute) {
    return "unit cost is per " + written + " (" + header + "): " + dispute;
  }

  /** Why a negative cost is refused: valued with it, a shortage would look like a gain. */
  public static final String NEGATIVE = "negative unit cost";

  /**
   * Why a cost per {@code unit} (as written, {@code header} its column) has no cost per each:
   * {@code sku} has no factor for it; {@code why} says why a row of the table giving one was
   * refused, or is null.
   */
  public static String noFactor(String unit, String header, String sku, String why) {
    return "unit cost is per " + unit + " (" + header + "), which has no factor for SKU " + sku
        + " in the UOM table" + (why == null ? "" : ": " + why);
  }

  /**
   * Why a cost per a price unit of 0 ({@code unit}, as written with EA, {@code header} its
   * column) is refused: it counts no eaches, so no cost per each follows, and the UOM table is
   * not what lacks one.
   */
  public static String noEaches(String unit, String header) {
    return "unit cost is per " + unit + " (" + header + "): a price unit counts the eaches the "
        + "cost is for, and 0 counts none (state the price unit, or leave it blank for per each)";
  }

  /**
   * Why a cost {@code written} per {@code unit} of {@code eaches} eaches is refused: it is no
   * exact cost per each. {@code of} is the eaches to name after the unit, -1 when the unit is
   * a count of them already ({@code 7 EA}).
   */
  public static String notExact(String unit, String header, long of, String written,
      long eaches) {
    return "unit cost is per " + unit + " (" + header + ")" + (of < 0 ? "" : " of " + of
        + " EA") + ": " + written + " / " + eaches + " is no exact cost per each (state the "
        + "cost per each)";
  }

  /**
   * Said after {@link #noFactor} or {@link #notExact} where the rest of the row is read: the
   * SKU's cost stays unknown (a WMS delivery refused whole keeps the item master in force).
   */
  public static final String UNKNOWN = "; its cost is unknown";

  /** Returns {@code why} a row's cost is refused, saying that its class (if any) is kept. */
  public static String classKept(String why, String skuClass) {
    return skuClass == null || skuClass.isEmpty() ? why
        : why + " (the row's class " + skuClass + " is kept)";
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
   * never a unit named {@code 1.000}. A group led by a zero ({@code 01.000}) is no count, as
   * {@link DecimalReader} reads no such number: whether it was 1 or 1000 is not for us to say.
   */
  public static long count(String per, boolean decimalComma) {
    if (WHOLE.matcher(per).matches()) {
      return Long.parseLong(per);
    }
    return decimalComma && dotGrouped(per) ? Long.parseLong(per.replace(".", "")) : -1;
  }

  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,12}");
  private static final Pattern DOT_GROUPED =
      Pattern.compile("[1-9][0-9]{0,2}(\\.[0-9]{3}){1,3}");

  /** Returns true when {@code per} is a whole number whose thousands dots group (1.000). */
  public static boolean dotGrouped(String per) {
    return DOT_GROUPED.matcher(per).matches();
  }

  /**
   * Why a cost per {@code per}, a number grouped by dots ({@link #dotGrouped}) in a file not
   * read with a decimal comma, is refused where no unit is named so ({@code header} its
   * column): a thousand as a German SAP list prints it, or 1 with decimals; the UOM table is
   * not what falls short.
   */
  public static String dotsUndeclared(String per, String header) {
    return "unit cost is per " + per + " (" + header + "): a price unit grouped by dots is a "
        + "count only in a file read with a decimal comma, as a German SAP list is (reconcile "
        + "--decimal-comma, or, for the count service, dockcount.reconcile.decimal-comma = "
        + "true); else write it without dots";
  }
}
