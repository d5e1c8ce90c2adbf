package io.dockcount.core;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Unit cost and SKU class per SKU id.
 *
 * <p>A cost is kept exactly as the item master wrote it (unscaled value and scale, so 0.0692
 * stays 0.0692). A SKU with no cost is <em>unknown</em>, never 0: its variance has no value and
 * is flagged. An explicit cost of 0.00 is a real cost.
 */
public final class ItemMaster {
  private static final byte UNKNOWN = -1;

  private long[] costUnscaled;
  private byte[] costScale;
  private int[] skuClass;
  private final Symbols classes = new Symbols();
  /** SKUs whose master rows disagreed (two costs, two classes, or two factors for one unit). */
  private final BitSet conflicts = new BitSet();
  /** SKUs given two costs: their cost is unknown for good, whatever later rows say. */
  private final BitSet costWithdrawn = new BitSet();
  /** SKUs given two classes: they have none for good, whatever later rows say. */
  private final BitSet classWithdrawn = new BitSet();

  public ItemMaster() {
    this(1024);
  }

  /** A master with room for SKU ids below {@code expectedSkus} before it grows. */
  public ItemMaster(int expectedSkus) {
    int n = Math.max(16, expectedSkus);
    costUnscaled = new long[n];
    costScale = filled(n);
    skuClass = new int[n];
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, UNKNOWN);
    return b;
  }

  /** Sets the unit cost of a SKU. */
  public void setCost(int sku, long unscaled, int scale) {
    ensure(sku);
    costUnscaled[sku] = unscaled;
    costScale[sku] = (byte) scale;
  }

  /** Sets the class of a SKU (ABC class, category: whatever the tolerances are keyed on). */
  public void setClass(int sku, String className) {
    ensure(sku);
    skuClass[sku] = className.isEmpty() ? 0 : classes.intern(className) + 1;
  }

  /** Notes that the master data gave the SKU two different costs, or two factors for a unit. */
  public void markConflict(int sku) {
    conflicts.set(sku);
  }

  /**
   * Takes the cost of a SKU away for good (the item master gave it two): its variances have no
   * value until the master agrees with itself. Marks the conflict too.
   */
  public void withdrawCost(int sku) {
    ensure(sku);
    costScale[sku] = UNKNOWN;
    costWithdrawn.set(sku);
    conflicts.set(sku);
  }

  /**
   * Takes the class of a SKU away for good (the item master gave it two): the zone or default
   * recount rules apply to it, as to a SKU with no class. Marks the conflict too.
   */
  public void withdrawClass(int sku) {
    ensure(sku);
    skuClass[sku] = 0;
    classWithdrawn.set(sku);
    conflicts.set(sku);
  }

  /** Returns true when the SKU's class was {@link #withdrawClass withdrawn}. */
  public boolean classWithdrawn(int sku) {
    return classWithdrawn.get(sku);
  }

  /** Returns true when the SKU's cost was {@link #withdrawCost withdrawn}. */
  public boolean costWithdrawn(int sku) {
    return costWithdrawn.get(sku);
  }

  /**
   * Returns true when the master data disagreed about the SKU: two costs, two classes or two
   * factors for a unit (each withdrawn).
   */
  public boolean hasConflict(int sku) {
    return conflicts.get(sku);
  }

  public boolean hasCost(int sku) {
    return sku < costScale.length && costScale[sku] != UNKNOWN;
  }

  public long costUnscaled(int sku) {
    return costUnscaled[sku];
  }

  public int costScale(int sku) {
    return costScale[sku];
  }

  /** Returns the cost, or null when unknown. */
  public BigDecimal cost(int sku) {
    return hasCost(sku) ? BigDecimal.valueOf(costUnscaled[sku], costScale[sku]) : null;
  }

  /** Returns the SKU's class, or null when it has none. */
  public String skuClass(int sku) {
    if (sku >= skuClass.length || skuClass[sku] == 0) {
      return null;
    }
    return classes.get(skuClass[sku] - 1);
  }

  /**
   * Returns this master re-keyed for another SKU dictionary: entry {@code i} of the result is
   * this master's entry {@code idMap[i]} (none when {@code idMap[i] < 0}).
   */
  public ItemMaster rekeyed(int[] idMap) {
    ItemMaster m = new ItemMaster(idMap.length);
    for (int i = 0; i < idMap.length; i++) {
      int from = idMap[i];
      if (from >= 0 && conflicts.get(from)) {
        m.conflicts.set(i);
      }
      if (from >= 0 && from < costScale.length) {
        m.costUnscaled[i] = costUnscaled[from];
        m.costScale[i] = costScale[from];
        String c = skuClass(from);
        if (c != null) {
          m.setClass(i, c);
        }
      }
    }
    return m;
  }

  private void ensure(int sku) {
    if (sku >= costScale.length) {
      int n = Math.max(sku + 1, costScale.length * 2);
      int old = costScale.length;
      costUnscaled = Arrays.copyOf(costUnscaled, n);
      costScale = Arrays.copyOf(costScale, n);
      Arrays.fill(costScale, old, n, UNKNOWN);
      skuClass = Arrays.copyOf(skuClass, n);
    }
  }

  /*
   * Why a row giving a SKU listed already another class or cost is refused, in the words every
   * reader of an item master says it with: either value would be a guess, so it has neither.
   */

  /** Why a class is refused for a SKU already given two. */
  public static String twoClasses(String sku) {
    return "SKU " + sku + " already has two classes: it has none (the zone or default recount "
        + "rules apply) until the item master gives one";
  }

  /** Why a class is refused for a SKU already given the class {@code had}. */
  public static String classAgain(String sku, String had) {
    return "SKU " + sku + " already has the class " + had + ": with two classes it has none "
        + "(the zone or default recount rules apply) until the item master gives one";
  }

  /** Why a cost is refused for a SKU already given two. */
  public static String twoCosts(String sku) {
    return "SKU " + sku + " already has two costs: its cost stays unknown until the item "
        + "master gives one";
  }

  /** Why a cost is refused for a SKU already given the cost {@code had}. */
  public static String costAgain(String sku, java.math.BigDecimal had) {
    return "SKU " + sku + " already has the cost " + had.toPlainString() + ": with two costs "
        + "its cost is unknown (its variances get no value) until the item master gives one";
  }
}
