package io.dockcount.core.station;

import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of eaches per unit per SKU, taken from a {@link UomTable}, so stations
 * on several threads can convert without touching the (single-owner) table and dictionary.
 */
public final class EachesTable {
  private final Map<String, Map<String, Long>> factors;

  private EachesTable(Map<String, Map<String, Long>> factors) {
    this.factors = factors;
  }

  /** Copies every factor the table has for the SKUs in {@code skus}. */
  public static EachesTable snapshot(UomTable uom, Symbols skus) {
    Map<String, Map<String, Long>> copy = new HashMap<>();
    for (int sku = 0; sku < skus.size(); sku++) {
      Map<String, Long> units = new HashMap<>();
      for (int unit : uom.unitsOf(sku)) {
        units.put(uom.unitCode(unit), uom.factor(sku, unit));
      }
      copy.put(skus.get(sku), Map.copyOf(units));
    }
    return new EachesTable(Map.copyOf(copy));
  }

  /** Copies eaches per canonical unit code, by SKU (as the service's master data holds them). */
  public static EachesTable of(Map<String, Map<String, Long>> factorsBySku) {
    Map<String, Map<String, Long>> copy = new HashMap<>();
    factorsBySku.forEach((sku, units) -> copy.put(sku, Map.copyOf(units)));
    return new EachesTable(Map.copyOf(copy));
  }

  /** Returns eaches per {@code unit} (canonical code) of {@code sku}, or 0 when unknown. */
  public long factor(String sku, String unit) {
    if (unit.equals(io.dockcount.core.UnitCode.EACH)) {
      return 1;
    }
    Map<String, Long> units = factors.get(sku);
    Long f = units == null ? null : units.get(unit);
    return f == null ? 0 : f;
  }
}
