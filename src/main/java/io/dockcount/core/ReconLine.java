package io.dockcount.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One reconciled line, as objects: for tests, the zone actors and small reports. The CLI's
 * million-line writer reads {@link ReconResult} directly instead.
 *
 * @param lot the lot, or null for a SKU + location line
 * @param parts zone, aisle, bay and level, or null when the location does not fit the scheme
 * @param bookQty eaches on book, or null when the book has no line
 * @param countedQty eaches counted, or null when never counted
 * @param varianceQty counted minus book, or null when never counted
 * @param unitCost the unit cost, or null when unknown
 * @param varianceValue variance times cost, exact; null when never counted or cost unknown
 * @param flags bits of {@link Flag}
 * @param reason why the line is to be recounted, or null
 */
public record ReconLine(
    String sku,
    String location,
    String lot,
    LocationScheme.Parts parts,
    Long bookQty,
    Long countedQty,
    Long varianceQty,
    BigDecimal unitCost,
    BigDecimal varianceValue,
    Status status,
    int flags,
    String reason) {

  public boolean has(Flag flag) {
    return flag.in(flags);
  }

  public String zone() {
    return parts == null ? "" : parts.zone();
  }

  /** Returns the variance as a percentage of a positive book, 2 decimals, or null. */
  public BigDecimal variancePct() {
    return variancePct(varianceQty, bookQty);
  }

  /**
   * Returns {@code variance} as a percentage of a positive {@code book}, or null. Cut to 2
   * decimals toward zero, never rounded up: a shown -2.00 has reached a 2 % limit, and a line
   * the limit did not reach (-1.995 %) shows -1.99, not a figure that looks recountable.
   */
  public static BigDecimal variancePct(Long variance, Long book) {
    if (variance == null || book == null || book <= 0) {
      return null;
    }
    return BigDecimal.valueOf(variance * 100).divide(BigDecimal.valueOf(book), 2,
        RoundingMode.DOWN);
  }
}
