package io.dockcount.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Eaches per canonical unit, per SKU, as chains of (unit, factor) entries in packed arrays,
 * read as a {@code Map<String, Map<String, Long>>}: a SKU's small map is made on access, while
 * {@link #factor} answers without making anything. Iteration is in SKU order (UTF-8 bytes).
 *
 * <p>Filled through {@link #put} by one loader, then only read ({@link TextKeys}).
 */
final class UomRows extends PackedMapView<Map<String, Long>> {
  private static final int WIDE = 0xFFFF;
  private static final long FACTOR = (1L << 48) - 1;

  private final TextKeys skus;
  private final TextKeys units = new TextKeys(16);
  /** Per SKU id the first entry of its chain, -1 when it has none. */
  private int[] head;
  private int skuCount;
  private int entries;
  /**
   * Per entry its unit id (high 16 bits) and factor (low 48 bits): 8 bytes a row. A row whose
   * unit id or factor does not fit has {@link #WIDE} as its unit and its values in {@link #wide}.
   */
  private long[] entry;
  private final Map<Integer, long[]> wide = new HashMap<>();
  private int[] entryNext;
  /** Entries unlinked by {@link #withdraw}: still in the arrays, no longer in any chain. */
  private int withdrawn;

  UomRows(int expectedRows) {
    this(new TextKeys(expectedRows / 2), expectedRows);
  }

  /** A table keyed by {@code skus}, which other tables of one loader may share. */
  UomRows(TextKeys skus, int expectedRows) {
    int n = Math.max(8, expectedRows);
    this.skus = skus;
    head = new int[n / 2];
    Arrays.fill(head, -1);
    entry = new long[n];
    entryNext = new int[n];
  }

  /**
   * Sets the factor of a canonical unit for a SKU, replacing any; returns the factor it had, or
   * 0 when it had none.
   */
  long put(String sku, String unit, long eachesPerUnit) {
    if (eachesPerUnit <= 0) {
      throw new IllegalArgumentException("factor must be above 0: " + eachesPerUnit);
    }
    int s = skus.intern(sku);
    int u = units.intern(unit);
    if (s >= head.length) {
      int old = head.length;
      head = Arrays.copyOf(head, Math.max(s + 1, old + (old >> 1)));
      Arrays.fill(head, old, head.length, -1);
    }
    for (int e = head[s]; e >= 0; e = entryNext[e]) {
      if (unit(e) == u) {
        long was = factor(e);
        set(e, u, eachesPerUnit);
        return was;
      }
    }
    if (entries == entry.length) {
      int n = entries + (entries >> 1) + 1;
      entry = Arrays.copyOf(entry, n);
      entryNext = Arrays.copyOf(entryNext, n);
    }
    if (head[s] < 0) {
      skuCount++;
    }
    int e = entries++;
    set(e, u, eachesPerUnit);
    entryNext[e] = head[s];
    head[s] = e;
    keysChanged();
    return 0;
  }

  /**
   * Takes the unit away from the SKU (the loader found two factors for it); returns whether it
   * was there.
   */
  boolean withdraw(String sku, String unit) {
    int s = skus.find(sku);
    int u = listed(s) ? units.find(unit) : -1;
    if (u < 0) {
      return false;
    }
    for (int e = head[s], before = -1; e >= 0; before = e, e = entryNext[e]) {
      if (unit(e) == u) {
        if (before < 0) {
          head[s] = entryNext[e];
        } else {
          entryNext[before] = entryNext[e];
        }
        withdrawn++;
        if (head[s] < 0) {
          skuCount--;
        }
        keysChanged();
        return true;
      }
    }
    return false;
  }

  private void set(int e, int unit, long factor) {
    if (unit < WIDE && factor < 1L << 48) {
      entry[e] = (long) unit << 48 | factor;
      wide.remove(e);
    } else {
      entry[e] = (long) WIDE << 48;
      wide.put(e, new long[] {unit, factor});
    }
  }

  private int unit(int e) {
    int u = (int) (entry[e] >>> 48);
    return u != WIDE ? u : (int) wide.get(e)[0];
  }

  private long factor(int e) {
    return (entry[e] >>> 48) != WIDE ? entry[e] & FACTOR : wide.get(e)[1];
  }

  /** Shrinks the arrays to the rows held. */
  UomRows trim() {
    skus.trim();
    units.trim();
    head = Arrays.copyOf(head, Math.min(skus.size(), head.length));
    entry = Arrays.copyOf(entry, entries);
    entryNext = Arrays.copyOf(entryNext, entries);
    return this;
  }

  /** Returns the number of (SKU, unit) rows. */
  int rows() {
    return entries - withdrawn;
  }

  /** Returns eaches per {@code unit} of the SKU, or 0 when the table has no such row. */
  long factor(String sku, String unit) {
    int s = skus.find(sku);
    int u = listed(s) ? units.find(unit) : -1;
    if (u < 0) {
      return 0;
    }
    for (int e = head[s]; e >= 0; e = entryNext[e]) {
      if (unit(e) == u) {
        return factor(e);
      }
    }
    return 0;
  }

  @Override
  public int size() {
    return skuCount;
  }

  @Override
  TextKeys keys() {
    return skus;
  }

  @Override
  boolean listed(int sku) {
    return sku >= 0 && sku < head.length && head[sku] >= 0;
  }

  @Override
  Map<String, Long> valueAt(int sku, String key) {
    return units(sku);
  }

  /** Returns the SKU's units and factors, by unit code. */
  Map<String, Long> units(int sku) {
    Map<String, Long> m = new TreeMap<>();
    for (int e = head[sku]; e >= 0; e = entryNext[e]) {
      m.put(units.get(unit(e)), factor(e));
    }
    return Collections.unmodifiableMap(m);
  }

  TextKeys skus() {
    return skus;
  }
}
