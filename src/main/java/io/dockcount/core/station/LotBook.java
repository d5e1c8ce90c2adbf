package io.dockcount.core.station;

import java.util.Set;

/**
 * The lots the book holds, so a station can hold a scan whose lot cannot be right (field
 * report F05: a scanner that drops the GS separator turns lot {@code ABC123} + expiry into lot
 * {@code ABC12317290331}).
 *
 * <p>Implementations must be safe to call from several stations at once.
 */
@FunctionalInterface
public interface LotBook {
  /**
   * Returns the lots on book for the SKU at the location, with {@code ""} among them when the
   * book also keeps some of it there without a lot; an empty set, null, or {@code ""} alone
   * when the SKU is not kept by lot there or the book does not say (then a scanned lot is kept
   * as information, and a scan with none is counted).
   */
  Set<String> lotsOnBook(String location, String sku);
}
