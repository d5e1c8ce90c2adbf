package io.dockcount.core;

import com.carrotsearch.hppc.LongIntHashMap;
import java.util.Arrays;

/**
 * The book and the counts of one run, joined on SKU + location (and lot, when both sides carry
 * lots), ready to be reconciled.
 *
 * <p>Book lines and count records are added in eaches, already converted by the caller through
 * the {@link UomTable}. Several count records for one key add up (partial counts); so do several
 * book lines. Keys are ids of the caller's {@link Symbols}, so a million lines cost a few
 * primitive arrays, not a million objects.
 *
 * <p>Not thread-safe: fill it from one thread, then call {@link #reconcile} once the inputs are
 * complete.
 */
public final class Reconciliation {
  static final byte ON_BOOK = 1;
  static final byte COUNTED = 2;

  final Symbols skus;
  final Symbols locations;
  final Symbols lots;

  private final LongIntHashMap pairIndex = new LongIntHashMap();
  int pairs;
  int[] pairSku = new int[1024];
  int[] pairLoc = new int[1024];
  long[] pairBook = new long[1024];
  long[] pairCount = new long[1024];
  byte[] pairBits = new byte[1024];

  private final LongIntHashMap lotIndex;
  int lotLines;
  int[] lotPair = new int[0];
  int[] lotId = new int[0];
  long[] lotBook = new long[0];
  long[] lotCount = new long[0];
  byte[] lotBits = new byte[0];

  /**
   * @param lots the lot dictionary when book and counts both carry lots, else null; the empty
   *     lot is the one "no lot" key
   */
  public Reconciliation(Symbols skus, Symbols locations, Symbols lots) {
    this.skus = skus;
    this.locations = locations;
    this.lots = lots;
    this.lotIndex = lots == null ? null : new LongIntHashMap();
  }

  /** Returns true when lines are compared per lot. */
  public boolean byLot() {
    return lots != null;
  }

  public Symbols skus() {
    return skus;
  }

  public Symbols locations() {
    return locations;
  }

  public Symbols lots() {
    return lots;
  }

  /** Adds a book line of {@code eaches} (may be negative); lot is ignored unless by lot. */
  public void addBook(int sku, int location, int lot, long eaches) {
    int p = pair(sku, location);
    pairBook[p] += eaches;
    pairBits[p] |= ON_BOOK;
    if (lots != null) {
      int l = lotLine(p, lot);
      lotBook[l] += eaches;
      lotBits[l] |= ON_BOOK;
    }
  }

  /** Adds a count record of {@code eaches}; lot is ignored unless by lot. */
  public void addCount(int sku, int location, int lot, long eaches) {
    int p = pair(sku, location);
    pairCount[p] += eaches;
    pairBits[p] |= COUNTED;
    if (lots != null) {
      int l = lotLine(p, lot);
      lotCount[l] += eaches;
      lotBits[l] |= COUNTED;
    }
  }

  /** Returns the number of SKU + location pairs. */
  public int pairCount() {
    return pairs;
  }

  /** Classifies, values and routes every line. */
  public ReconResult reconcile(ItemMaster items, UomTable uom, LocationScheme scheme,
      RecountPolicy policy) {
    return new ReconResult(this, items, uom, scheme, policy);
  }

  private int pair(int sku, int location) {
    long key = ((long) sku << 32) | (location & 0xffffffffL);
    int slot = pairIndex.indexOf(key);
    if (pairIndex.indexExists(slot)) {
      return pairIndex.indexGet(slot);
    }
    int p = pairs++;
    if (p == pairSku.length) {
      int n = p * 2;
      pairSku = Arrays.copyOf(pairSku, n);
      pairLoc = Arrays.copyOf(pairLoc, n);
      pairBook = Arrays.copyOf(pairBook, n);
      pairCount = Arrays.copyOf(pairCount, n);
      pairBits = Arrays.copyOf(pairBits, n);
    }
    pairSku[p] = sku;
    pairLoc[p] = location;
    pairIndex.indexInsert(slot, key, p);
    return p;
  }

  int pairOf(int sku, int location) {
    return pairIndex.getOrDefault(((long) sku << 32) | (location & 0xffffffffL), -1);
  }

  int lotLineOf(int pair, int lot) {
    return lotIndex.getOrDefault(((long) pair << 32) | (lot & 0xffffffffL), -1);
  }

  private int lotLine(int pair, int lot) {
    long key = ((long) pair << 32) | (lot & 0xffffffffL);
    int slot = lotIndex.indexOf(key);
    if (lotIndex.indexExists(slot)) {
      return lotIndex.indexGet(slot);
    }
    int l = lotLines++;
    if (l >= lotPair.length) {
      int n = Math.max(1024, l * 2);
      lotPair = Arrays.copyOf(lotPair, n);
      lotId = Arrays.copyOf(lotId, n);
      lotBook = Arrays.copyOf(lotBook, n);
      lotCount = Arrays.copyOf(lotCount, n);
      lotBits = Arrays.copyOf(lotBits, n);
    }
    lotPair[l] = pair;
    lotId[l] = lot;
    lotIndex.indexInsert(slot, key, l);
    return l;
  }
}
