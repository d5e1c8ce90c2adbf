package io.dockcount.store;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Items by SKU in packed arrays, read as a {@code Map<String, Item>} whose records are made on
 * access. A cost is its unscaled long and scale (exact); a description or class is an id in a
 * dictionary (repeated texts are kept once). Iteration is in SKU order (UTF-8 bytes).
 *
 * <p>Filled through {@link #put} by one loader, then only read ({@link TextKeys}).
 */
final class ItemTable extends PackedMapView<MasterData.Item> {
  private static final byte NO_COST = Byte.MIN_VALUE;
  /** A cost whose unscaled value or scale does not fit the arrays, kept as it came. */
  private static final byte BIG_COST = Byte.MIN_VALUE + 1;
  /** A SKU of the (shared) dictionary that has no item in this table. */
  private static final byte ABSENT = Byte.MIN_VALUE + 2;

  private final TextKeys skus;
  private final TextKeys texts = new TextKeys(1024);
  private int size;
  private long[] unscaled;
  private byte[] scale;
  private int[] description;
  private int[] skuClass;
  private final Map<Integer, BigDecimal> bigCosts = new HashMap<>();

  ItemTable(int expected) {
    this(new TextKeys(expected), expected);
  }

  /** A table keyed by {@code skus}, which other tables of one loader may share. */
  ItemTable(TextKeys skus, int expected) {
    int n = Math.max(8, expected);
    this.skus = skus;
    unscaled = new long[n];
    scale = new byte[n];
    Arrays.fill(scale, ABSENT);
    description = new int[n];
    skuClass = new int[n];
  }

  /** Sets the item of a SKU, replacing any; returns whether the SKU was there already. */
  boolean put(String sku, String description, BigDecimal cost, String skuClass) {
    int id = skus.intern(sku);
    if (id >= unscaled.length) {
      int n = Math.max(id + 1, unscaled.length + (unscaled.length >> 1));
      unscaled = Arrays.copyOf(unscaled, n);
      int old = scale.length;
      scale = Arrays.copyOf(scale, n);
      Arrays.fill(scale, old, n, ABSENT);
      this.description = Arrays.copyOf(this.description, n);
      this.skuClass = Arrays.copyOf(this.skuClass, n);
    }
    boolean had = scale[id] != ABSENT;
    if (!had) {
      size++;
    }
    bigCosts.remove(id);
    if (cost == null) {
      scale[id] = NO_COST;
    } else if (cost.scale() > Byte.MIN_VALUE + 1 && cost.scale() <= Byte.MAX_VALUE
        && cost.unscaledValue().bitLength() < 64) {
      unscaled[id] = cost.unscaledValue().longValue();
      scale[id] = (byte) cost.scale();
    } else {
      scale[id] = BIG_COST;
      bigCosts.put(id, cost);
    }
    this.description[id] = description == null ? -1 : texts.intern(description);
    this.skuClass[id] = skuClass == null ? -1 : texts.intern(skuClass);
    keysChanged();
    return had;
  }

  /** Shrinks the arrays to the items held; the table takes no more puts after this. */
  ItemTable trim() {
    int n = Math.min(skus.size(), unscaled.length);
    skus.trim();
    texts.dropIndex(); // descriptions and classes are read by id only
    unscaled = Arrays.copyOf(unscaled, n);
    scale = Arrays.copyOf(scale, n);
    description = Arrays.copyOf(description, n);
    skuClass = Arrays.copyOf(skuClass, n);
    return this;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  TextKeys keys() {
    return skus;
  }

  @Override
  boolean listed(int id) {
    return id >= 0 && id < scale.length && scale[id] != ABSENT;
  }

  /** Returns the cost of a SKU, or null when it has none or is not listed. */
  BigDecimal cost(String sku) {
    int id = skus.find(sku);
    return listed(id) ? cost(id) : null;
  }

  /** Returns the class of a SKU, or null when it has none or is not listed. */
  String skuClass(String sku) {
    int id = skus.find(sku);
    return listed(id) ? text(skuClass[id]) : null;
  }

  MasterData.Item item(int id) {
    return valueAt(id, skus.get(id));
  }

  @Override
  MasterData.Item valueAt(int id, String sku) {
    return new MasterData.Item(sku, text(description[id]), cost(id), text(skuClass[id]));
  }

  private BigDecimal cost(int id) {
    return switch (scale[id]) {
      case NO_COST -> null;
      case BIG_COST -> bigCosts.get(id);
      default -> BigDecimal.valueOf(unscaled[id], scale[id]);
    };
  }

  private String text(int id) {
    return id < 0 ? null : texts.get(id);
  }
}
