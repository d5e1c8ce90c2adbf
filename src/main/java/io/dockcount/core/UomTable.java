package io.dockcount.core;

import com.carrotsearch.hppc.LongLongHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Eaches per unit, per SKU: the conversion every count goes through.
 *
 * <p>The base unit {@code EA} is 1 for every SKU and needs no row. Every other unit is known
 * only for the SKUs the table lists it for: a count in a unit with no factor for its SKU is an
 * error for the caller to report, never taken as 1:1. Factors are whole eaches; the loader
 * refuses fractional factors (a rounded reciprocal such as 0.083 per dozen) before they get
 * here.
 *
 * <p>SKUs are ids of the {@link Symbols} the caller shares with the rest of the run; units are
 * ids of this table's own dictionary of canonical codes.
 */
public final class UomTable {
  /** Returned by {@link #factor} when the unit has no factor for the SKU. */
  public static final long NO_FACTOR = 0;

  private final Symbols units = new Symbols();
  private final LongLongHashMap factors = new LongLongHashMap();
  private final int each;

  public UomTable() {
    this.each = units.intern(UnitCode.EACH);
  }

  /** Returns the id of the canonical form of {@code rawUnit}. */
  public int unitId(String rawUnit) {
    return units.intern(UnitCode.canonical(rawUnit));
  }

  /** Returns the canonical code of a unit id. */
  public String unitCode(int unitId) {
    return units.get(unitId);
  }

  /** Returns the number of distinct canonical units seen. */
  public int unitCount() {
    return units.size();
  }

  public int eachUnit() {
    return each;
  }

  /**
   * Sets the factor of a unit for a SKU. Returns the factor already set when it differs (the
   * caller reports the conflict and the first one stays), otherwise {@link #NO_FACTOR}.
   */
  public long put(int sku, int unitId, long eachesPerUnit) {
    if (eachesPerUnit <= 0) {
      throw new IllegalArgumentException("factor must be positive: " + eachesPerUnit);
    }
    long key = key(sku, unitId);
    long existing = factors.get(key);
    if (existing != NO_FACTOR) {
      return existing == eachesPerUnit ? NO_FACTOR : existing;
    }
    factors.put(key, eachesPerUnit);
    return NO_FACTOR;
  }

  /** Returns eaches per unit for the SKU, or {@link #NO_FACTOR} when the table has none. */
  public long factor(int sku, int unitId) {
    if (unitId == each) {
      return 1;
    }
    return factors.get(key(sku, unitId));
  }

  /** Returns every factor known for the SKU, 1 (each) included, in unit-id order. */
  public List<Long> factorsOf(int sku) {
    List<Long> result = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      long f = factor(sku, u);
      if (f != NO_FACTOR && !result.contains(f)) {
        result.add(f);
      }
    }
    return result;
  }

  /** Returns the units (ids) the SKU has a factor for, each included. */
  public List<Integer> unitsOf(int sku) {
    List<Integer> result = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      if (factor(sku, u) != NO_FACTOR) {
        result.add(u);
      }
    }
    return result;
  }

  private static long key(int sku, int unitId) {
    return ((long) sku << 20) | unitId;
  }
}
