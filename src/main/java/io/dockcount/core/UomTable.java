package io.dockcount.core;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** Returned by {@link #put} when the unit was {@link #withdraw withdrawn} for the SKU. */
  public static final long WITHDRAWN = -1;

  private final Symbols units;
  private final int each;
  /** A re-keyed table shares its entries with the table it came from, so it takes no puts. */
  private final boolean view;
  // Per SKU a short chain of (unit, factor) entries: a SKU has a handful of units, and the rows
  // of one SKU usually arrive together, so a chain sits in one or two cache lines. An entry is
  // two adjacent longs, unit and next entry in the first, factor in the second: a lookup in a
  // table of millions misses the cache once per entry, not once per field (docs/BENCHMARKS.md).
  private int[] head = new int[0];
  private int entries;
  private long[] entry;

  public UomTable() {
    this(1024);
  }

  /** A table with room for about {@code expectedEntries} (SKU, unit) factors. */
  public UomTable(int expectedEntries) {
    this.units = new Symbols();
    this.view = false;
    this.each = units.intern(UnitCode.EACH);
    entry = new long[2 * Math.max(16, expectedEntries)];
  }

  private UomTable(UomTable source) {
    this.units = source.units;
    this.view = true;
    this.each = source.each;
    this.entries = source.entries;
    this.entry = source.entry;
  }

  /** Returns the id of the canonical form of {@code rawUnit}. */
  public int unitId(String rawUnit) {
    return units.intern(UnitCode.canonical(rawUnit));
  }

  /** Returns the id of a canonical unit code, or -1 when the table has never seen it. */
  public int findUnit(String canonicalCode) {
    return units.find(canonicalCode);
  }

  /** Returns the canonical code of a unit id. */
  public String unitCode(int unitId) {
    return units.get(unitId);
  }

  public int eachUnit() {
    return each;
  }

  /**
   * Sets the factor of a unit for a SKU. Returns the factor already set when it differs (the
   * caller reports the conflict and, as a rule, {@link #withdraw withdraws} the unit), {@link
   * #WITHDRAWN} when the unit was withdrawn, otherwise {@link #NO_FACTOR}.
   */
  public long put(int sku, int unitId, long eachesPerUnit) {
    if (eachesPerUnit <= 0) {
      throw new IllegalArgumentException("factor must be positive: " + eachesPerUnit);
    }
    if (view) {
      throw new IllegalStateException("a re-keyed table is read-only");
    }
    int at = find(sku, unitId);
    if (at >= 0) {
      long factor = entry[2 * at + 1];
      return factor == eachesPerUnit ? NO_FACTOR : factor;
    }
    if (sku >= head.length) {
      int old = head.length;
      head = Arrays.copyOf(head, Math.max(sku + 1, old * 2));
      Arrays.fill(head, old, head.length, -1);
    }
    if (2 * entries == entry.length) {
      entry = Arrays.copyOf(entry, 2 * (entries + (entries >> 1)));
    }
    int e = entries++;
    entry[2 * e] = link(unitId, head[sku]);
    entry[2 * e + 1] = eachesPerUnit;
    head[sku] = e;
    return NO_FACTOR;
  }

  /**
   * Takes the factor of a unit away from a SKU for good: the table gave it two, and counting
   * with either would be a guess. {@link #factor} then has none, and a later {@link #put} of
   * the unit returns {@link #WITHDRAWN}.
   */
  public void withdraw(int sku, int unitId) {
    int at = find(sku, unitId);
    if (at >= 0) {
      entry[2 * at + 1] = WITHDRAWN;
    }
  }

  /** Returns eaches per unit for the SKU, or {@link #NO_FACTOR} when the table has none. */
  public long factor(int sku, int unitId) {
    if (unitId == each) {
      return 1;
    }
    for (int e = sku < head.length ? head[sku] : -1; e >= 0; ) {
      long link = entry[2 * e];
      if ((int) (link >>> 32) == unitId) {
        return Math.max(NO_FACTOR, entry[2 * e + 1]);
      }
      e = (int) link;
    }
    return NO_FACTOR;
  }

  /**
   * Sets {@code out[i]} to the SKU's factor in {@code unitIds[i]} ({@link #NO_FACTOR} when it
   * has none), reading the SKU's units once: a check of a few units of every SKU of a large
   * table reads each SKU's chain once rather than once per unit.
   */
  public void factors(int sku, int[] unitIds, long[] out) {
    java.util.Arrays.fill(out, 0, unitIds.length, NO_FACTOR);
    for (int e = sku < head.length ? head[sku] : -1; e >= 0; e = (int) entry[2 * e]) {
      int unit = (int) (entry[2 * e] >>> 32);
      for (int i = 0; i < unitIds.length; i++) {
        if (unit == unitIds[i]) {
          out[i] = Math.max(NO_FACTOR, entry[2 * e + 1]);
        }
      }
    }
    for (int i = 0; i < unitIds.length; i++) {
      if (unitIds[i] == each) {
        out[i] = 1;
      }
    }
  }

  /** Returns the entry of the unit for the SKU, withdrawn or not, or -1. */
  private int find(int sku, int unitId) {
    for (int e = sku < head.length ? head[sku] : -1; e >= 0; e = (int) entry[2 * e]) {
      if ((int) (entry[2 * e] >>> 32) == unitId) {
        return e;
      }
    }
    return -1;
  }

  /** The first long of an entry: its unit, and the SKU's entry before it (-1 for none). */
  private static long link(int unitId, int next) {
    return (long) unitId << 32 | (next & 0xFFFFFFFFL);
  }

  /**
   * Returns this table re-keyed for another SKU dictionary: SKU {@code i} of the result has the
   * factors of this table's SKU {@code idMap[i]} (none when {@code idMap[i] < 0}). Unit ids are
   * kept.
   */
  public UomTable rekeyed(int[] idMap) {
    // The entries are shared, not copied: a chain read from another head is the same chain.
    UomTable t = new UomTable(this);
    t.head = new int[idMap.length];
    for (int i = 0; i < idMap.length; i++) {
      int from = idMap[i];
      t.head[i] = from >= 0 && from < head.length ? head[from] : -1;
    }
    return t;
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
}
