package io.dockcount.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Book lines in packed arrays (location, SKU and lot as dictionary ids, eaches as a long), read
 * as a {@code List<BookLine>} in the order the lines were added, each record made on access:
 * about 20 bytes a line plus the dictionaries, where a record with its three strings took
 * about 200.
 *
 * <p>Filled through {@link #add} by one loader, then only read ({@link TextKeys}).
 */
final class BookTable extends AbstractList<MasterData.BookLine> implements RandomAccess {
  final TextKeys locations;
  final TextKeys skus;
  final TextKeys lots = new TextKeys(16);
  private int size;
  private int[] location;
  private int[] sku;
  private int[] lot;
  private long[] eaches;
  /** When summing: open addressing over line numbers by (location, SKU, lot); else null. */
  private int[] keyTable;
  /** True when {@link #skus} belongs to another table that others may be reading. */
  private boolean borrowedSkus;

  BookTable(int expected) {
    this(new TextKeys(expected / 2), expected);
  }

  /** A book whose SKUs are ids of {@code skus}, which other tables of one loader may share. */
  BookTable(TextKeys skus, int expected) {
    int n = Math.max(8, expected);
    locations = new TextKeys(n / 2);
    this.skus = skus;
    location = new int[n];
    sku = new int[n];
    lot = new int[n];
    eaches = new long[n];
    lots.intern("");
  }

  /**
   * Returns an empty table for a part of {@code whole}'s lines ({@link #addLine}): it uses the
   * same SKU ids, and leaves that dictionary as it is when trimmed.
   */
  static BookTable partOf(BookTable whole, int expected) {
    BookTable t = new BookTable(whole.skus, expected);
    t.borrowedSkus = true;
    return t;
  }

  /** Adds line {@code i} of {@code whole}, this table being {@link #partOf} it. */
  void addLine(BookTable whole, int i) {
    if (whole.skus != skus) {
      throw new IllegalArgumentException("not a part of this book");
    }
    if (size == location.length) {
      grow();
    }
    location[size] = locations.intern(whole.locations, whole.location[i]);
    sku[size] = whole.sku[i];
    lot[size] = lots.intern(whole.lots, whole.lot[i]);
    eaches[size] = whole.eaches[i];
    size++;
  }

  private void grow() {
    int n = size + (size >> 1) + 1;
    location = Arrays.copyOf(location, n);
    sku = Arrays.copyOf(sku, n);
    lot = Arrays.copyOf(lot, n);
    eaches = Arrays.copyOf(eaches, n);
  }

  void add(String locationCode, String skuCode, String lotCode, long qty) {
    if (size == location.length) {
      grow();
    }
    location[size] = locations.intern(locationCode);
    sku[size] = skus.intern(skuCode);
    lot[size] = lots.intern(lotCode);
    eaches[size] = qty;
    size++;
  }

  /** Adds a line whose texts are UTF-8 bytes in {@code buf} (a stored block's reader). */
  void add(byte[] buf, int locFrom, int locLen, int skuFrom, int skuLen, int lotFrom,
      int lotLen, long qty) {
    if (size == location.length) {
      grow();
    }
    location[size] = locations.intern(buf, locFrom, locLen);
    sku[size] = skus.intern(buf, skuFrom, skuLen);
    lot[size] = lots.intern(buf, lotFrom, lotLen);
    eaches[size] = qty;
    size++;
  }

  /**
   * Adds eaches to the line of the same location, SKU and lot, or adds a line when there is
   * none: the lines keep the order in which their keys first appeared. A table is either filled
   * by {@code add} or by {@code merge}, never both.
   */
  void merge(String locationCode, String skuCode, String lotCode, long qty) {
    if (keyTable == null) {
      if (size > 0) {
        throw new IllegalStateException("merge into a book filled by add");
      }
      keyTable = new int[16];
    }
    int loc = locations.intern(locationCode);
    int s = skus.intern(skuCode);
    int l = lots.intern(lotCode);
    int mask = keyTable.length - 1;
    int slot = keyHash(loc, s, l) & mask;
    for (int e; (e = keyTable[slot]) != 0; slot = (slot + 1) & mask) {
      int i = e - 1;
      if (location[i] == loc && sku[i] == s && lot[i] == l) {
        eaches[i] += qty;
        return;
      }
    }
    add(locationCode, skuCode, lotCode, qty);
    keyTable[slot] = size;
    if (size * 2 > keyTable.length) {
      rehash();
    }
  }

  private static int keyHash(int loc, int s, int l) {
    int h = (loc * 31 + s) * 31 + l;
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void rehash() {
    keyTable = new int[keyTable.length * 2];
    int mask = keyTable.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = keyHash(location[i], sku[i], lot[i]) & mask;
      while (keyTable[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keyTable[slot] = i + 1;
    }
  }

  BookTable trim() {
    keyTable = null;
    locations.dropIndex(); // the book is read by line, never searched by location or lot
    if (!borrowedSkus) {
      skus.trim();
    }
    lots.dropIndex();
    location = Arrays.copyOf(location, size);
    sku = Arrays.copyOf(sku, size);
    lot = Arrays.copyOf(lot, size);
    eaches = Arrays.copyOf(eaches, size);
    return this;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public MasterData.BookLine get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return new MasterData.BookLine(locations.get(location[i]), skus.get(sku[i]),
        lots.get(lot[i]), eaches[i]);
  }

  int locationId(int i) {
    return location[i];
  }

  int skuId(int i) {
    return sku[i];
  }

  int lotId(int i) {
    return lot[i];
  }

  long eaches(int i) {
    return eaches[i];
  }

  /** Returns the location of line {@code i}, without making the line's other texts. */
  String location(int i) {
    return locations.get(location[i]);
  }

  /** Returns the number of distinct locations. */
  int locationCount() {
    return locations.size();
  }
}
