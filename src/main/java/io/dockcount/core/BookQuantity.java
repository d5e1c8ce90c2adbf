package io.dockcount.core;

/**
 * A book row's quantity in eaches, read in the unit the row gives (10 CS of 12 is 120), as a
 * count in that unit is read: never read as eaches when it is in another unit, never a factor
 * guessed. The count service's reading of its start-up book file and of a WMS delivery's.
 */
public final class BookQuantity {
  /** The eaches of a book row, or why it has none. */
  public record Eaches(long eaches, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  private BookQuantity() {}

  /**
   * Returns the eaches of the quantity {@code number} last read ({@code written}) in the
   * canonical {@code unit} of {@code sku}, {@code factor} eaches each (0 when the UOM table
   * gives none; ignored for {@code EA}). Zero of any unit is zero eaches. A problem names the
   * unit as the row spells it ({@code unitWritten}), and {@code unit} beside it if that differs.
   */
  public static Eaches inEaches(DecimalReader number, String written, String sku, String unit,
      String unitWritten, long factor) {
    if (unit.equals(UnitCode.EACH)) {
      long qty = number.wholeValue();
      return qty == Long.MIN_VALUE
          ? new Eaches(0, "book_qty '" + written + "' is not a whole number of eaches")
          : withinLimit(qty, written);
    }
    if (factor == 0 && number.unscaled() != 0) {
      return new Eaches(0, "book_qty is in " + UnitCode.asWritten(unitWritten)
          + ", which has no factor for sku " + sku + " in the UOM table");
    }
    long qty = factor == 0 ? 0 : number.timesExact(factor);
    if (qty == Long.MIN_VALUE && number.toBigDecimal().multiply(java.math.BigDecimal.valueOf(
        factor)).abs().compareTo(java.math.BigDecimal.valueOf(UomChains.MAX_EACHES)) > 0) {
      return new Eaches(0, "book_qty '" + written + " " + UnitCode.asWritten(unitWritten)
          + "': " + UomChains.TOO_MANY);
    }
    return qty != Long.MIN_VALUE ? withinLimit(qty, written + " " + unitWritten.strip())
        : new Eaches(0, "book_qty " + written + " " + UnitCode.asWritten(unitWritten) + " x "
            + factor + " EA is not a whole number of eaches");
  }

  /**
   * Returns {@code qty} eaches, or refuses more than {@link UomChains#MAX_EACHES} as
   * {@code reconcile} does: a figure that size is a code read as a quantity, and a book of it
   * would bury every variance of the zone.
   */
  private static Eaches withinLimit(long qty, String written) {
    return Math.abs(qty) <= UomChains.MAX_EACHES ? new Eaches(qty, null)
        : new Eaches(0, "book_qty '" + written + "': " + UomChains.TOO_MANY);
  }
}
