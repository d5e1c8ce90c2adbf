package io.dockcount.core;

import com.carrotsearch.hppc.sorting.IndirectSort;
import java.util.Arrays;

/**
 * The book and the counts of one run, joined on SKU + location (and lot, when both sides carry
 * lots), ready to be reconciled.
 *
 * <p>Book lines and count records are added in eaches, already converted by the caller through
 * the {@link UomTable}. Several count records for one key add up (partial counts); so do several
 * book lines. Keys are ids of the caller's {@link Symbols}.
 *
 * <p>How it joins: rather than a hash table of pairs, each row becomes one long made of its
 * location's rank, its SKU's rank (and its lot's rank) in report order, plus its row number; the
 * book's and the counts' longs are sorted, and one merge pass builds the lines already in report
 * order. Every later pass (classification, reports) then reads memory in sequence. For a
 * million lines this is several times faster than hashing pairs (docs/BENCHMARKS.md).
 *
 * <p>Not thread-safe: fill it from one thread, then call {@link #reconcile} once the inputs are
 * complete.
 */
public final class Reconciliation {
  static final byte ON_BOOK = 1;
  static final byte COUNTED = 2;
  /** Some book rows of the pair were rejected: the book quantity leaves them out. */
  static final byte BOOK_REJECTED = 4;
  /** Some count rows of the pair were rejected: the counted quantity leaves them out. */
  static final byte COUNT_REJECTED = 8;
  /** A count record's keyed unit not known (added without one), or a line with no count. */
  public static final short UNIT_UNKNOWN = -1;
  /** A line whose count records were keyed in more than one unit. */
  public static final short UNIT_MIXED = -2;
  /** On a rejected row only: it marks a line that exists for other rows, and makes none. */
  private static final byte NO_LINE_OF_ITS_OWN = 64;

  final Symbols skus;
  final Symbols locations;
  final Symbols lots;

  private final Rows book;
  private final Rows counts;
  /** Pairs of rejected rows ({@link #skuLocation}), and per row which side it was from. */
  private long[] rejectedPair = new long[16];
  private byte[] rejectedSide = new byte[16];
  /** The lot of each rejected row, or -1 when not known or not compared by lot. */
  private int[] rejectedLot = new int[16];
  private int rejected;
  /**
   * Rejected rows of which only the SKU ({@link #skuAnywhere}) or only the location
   * ({@link #atLocation}) could be read, with their side: they flag lines, and make none.
   */
  private int[] wholeKey = new int[0];
  private byte[] wholeKeySide = new byte[0];
  private int wholeKeys;
  private static final byte ANY_LOCATION = 16;
  /** SKUs a rejected book row gives a lot that could not be read (see {@link #addLotKept}). */
  private final java.util.BitSet lotKept = new java.util.BitSet();

  // The joined lines, in report order (location, SKU): filled by join().
  int pairs;
  int[] pairSku;
  int[] pairLoc;
  long[] pairBook;
  long[] pairCount;
  byte[] pairBits;
  /**
   * Per line, the unit all its count records were keyed in (a UOM table unit id), or
   * {@link #UNIT_UNKNOWN} (a record that did not say, or none), or {@link #UNIT_MIXED}.
   */
  short[] pairUnit;
  int[] locRank;
  int[] skuRank;

  // Lot lines, in report order (location, SKU, lot), when compared by lot.
  int lotLines;
  int[] lotPair = new int[0];
  int[] lotId = new int[0];
  long[] lotBook = new long[0];
  long[] lotCount = new long[0];
  byte[] lotBits = new byte[0];
  /** Per lot line, the unit its count records were keyed in, as {@link #pairUnit} per line. */
  short[] lotUnit = new short[0];

  /**
   * @param lots the lot dictionary when book and counts both carry lots, else null; the empty
   *     lot is the one "no lot" key
   */
  public Reconciliation(Symbols skus, Symbols locations, Symbols lots) {
    this.skus = skus;
    this.locations = locations;
    this.lots = lots;
    this.book = new Rows(lots != null, false);
    this.counts = new Rows(lots != null, true);
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
    book.add(sku, location, lot, eaches);
  }

  /** Adds a count record of {@code eaches}; lot is ignored unless by lot. */
  public void addCount(int sku, int location, int lot, long eaches) {
    counts.add(sku, location, lot, eaches);
  }

  /**
   * Adds a count record keyed in {@code unit}, a unit id of the UOM table this is reconciled
   * with ({@link #UNIT_UNKNOWN} when not known, {@link #UNIT_MIXED} for records in several).
   */
  public void addCount(int sku, int location, int lot, long eaches, short unit) {
    counts.add(sku, location, lot, eaches, unit);
  }

  /**
   * Adds a block of count records at once, taking it as it is (no copy): the caller must not
   * use it afterwards. Without lots compared, the block's lots are ignored.
   */
  public void addCounts(RowBlock block) {
    if (lots != null && !block.hasLots()) {
      throw new IllegalArgumentException("compared by lot: every count needs a lot");
    }
    counts.adopt(block);
  }

  /** Returns a SKU id and a location id as one long, for {@link RowBlock#add}. */
  public static long skuLocation(int sku, int location) {
    return ((long) sku << 32) | (location & 0xFFFFFFFFL);
  }

  /**
   * Notes that a row of the pair was rejected (its quantity or unit could not be used): the
   * pair's line is flagged, since its quantity leaves that row out. A pair with no other row
   * gets a line with no quantities.
   *
   * @param bookSide true for a book row, false for a count record
   */
  public void addRejected(int sku, int location, boolean bookSide) {
    addRejected(sku, location, -1, bookSide);
  }

  /**
   * Notes a rejected book row that may be the pair's (its location named several, as an
   * ambiguous bin name does): a line the pair has for its other rows gets an unknown book, so
   * stock counted there is not taken as found where the book has none; compared by lot, so
   * does the lot line of its {@code lot} there. Alone, it makes no line: the row keeps its own
   * elsewhere.
   */
  public void addPossibleBook(int sku, int location, int lot) {
    addRejectedWhereLine(sku, location, lot, true);
  }

  /**
   * Notes a rejected row that may be the pair's (its fields were shifted, so its SKU and
   * location are one reading of several): the pair's line, when it has one, is flagged as
   * {@link #addRejected(int, int, int, boolean)} does; alone, it makes no line.
   */
  public void addRejectedWhereLine(int sku, int location, int lot, boolean bookSide) {
    addRejected(sku, location, lot, bookSide);
    rejectedSide[rejected - 1] |= NO_LINE_OF_ITS_OWN;
  }

  /**
   * Notes a rejected row as {@link #addRejected(int, int, boolean)} does; compared by lot, its
   * lot's line is flagged too ({@code lot} -1 when the row's lot could not be read).
   */
  public void addRejected(int sku, int location, int lot, boolean bookSide) {
    if (rejected == rejectedPair.length) {
      rejectedPair = Arrays.copyOf(rejectedPair, rejected * 2);
      rejectedSide = Arrays.copyOf(rejectedSide, rejected * 2);
      rejectedLot = Arrays.copyOf(rejectedLot, rejected * 2);
    }
    rejectedPair[rejected] = skuLocation(sku, location);
    rejectedLot[rejected] = lots == null ? -1 : lot;
    rejectedSide[rejected++] = bookSide ? BOOK_REJECTED : COUNT_REJECTED;
  }

  /**
   * Notes that a rejected book row of the SKU has a lot, unknown (a lookup that failed left
   * {@code #N/A}): the SKU is kept by lot, as a row with a lot read would say.
   */
  public void addLotKept(int sku) {
    lotKept.set(sku);
  }

  /**
   * Notes a rejected row whose SKU could be read but not its location (a stray quote cut the
   * row before it, or it is not UTF-8 text): the row may be any of the SKU's lines, so each
   * line the SKU has is flagged as {@link #addRejected(int, int, boolean)} flags one (a book
   * row makes their book unknown). It makes no line: where the row was is not known.
   */
  public void addRejectedSkuAnywhere(int sku, boolean bookSide) {
    addWholeKey(sku, (byte) ((bookSide ? BOOK_REJECTED : COUNT_REJECTED) | ANY_LOCATION));
  }

  /**
   * Notes a rejected row whose location could be read but not its SKU: each line at the
   * location is flagged, as {@link #addRejectedSkuAnywhere} flags each line of a SKU.
   */
  public void addRejectedAtLocation(int location, boolean bookSide) {
    addWholeKey(location, bookSide ? BOOK_REJECTED : COUNT_REJECTED);
  }

  private void addWholeKey(int key, byte side) {
    if (wholeKeys == wholeKey.length) {
      wholeKey = Arrays.copyOf(wholeKey, Math.max(16, wholeKeys * 2));
      wholeKeySide = Arrays.copyOf(wholeKeySide, wholeKey.length);
    }
    wholeKey[wholeKeys] = key;
    wholeKeySide[wholeKeys++] = side;
  }

  /** Returns the book rows added so far. */
  public int bookRows() {
    return book.n;
  }

  /** Returns the count records added so far. */
  public int countRows() {
    return counts.n;
  }

  /** Makes room for about {@code bookRows} book lines and {@code countRows} count records. */
  public void reserve(int bookRows, int countRows) {
    book.reserve(bookRows);
    counts.reserve(countRows);
  }

  /** Classifies, values and routes every line. */
  public ReconResult reconcile(ItemMaster items, UomTable uom, LocationScheme scheme,
      RecountPolicy policy) {
    // Reading zone, aisle, bay and level off each location needs only the location dictionary,
    // which the join only reads: do it alongside.
    java.util.concurrent.CompletableFuture<LocationScheme.Parts[]> parts =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> ReconResult.parseLocations(locations, scheme));
    join();
    return new ReconResult(this, items, uom, parts.join(), policy);
  }

  /** Returns the line index of the SKU at the location, or -1. Valid after a reconcile. */
  int pairOf(int sku, int location) {
    int lo = 0;
    int hi = pairs - 1;
    long want = ((long) locRank[location] << 32) | skuRank[sku];
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long have = ((long) locRank[pairLoc[mid]] << 32) | skuRank[pairSku[mid]];
      if (have < want) {
        lo = mid + 1;
      } else if (have > want) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  // ---- the join -------------------------------------------------------------------------

  private void join() {
    if (lots != null) {
      lotsOfSkusWithoutLotsAsInformation();
    }
    // The two dictionaries are independent: rank them side by side.
    java.util.concurrent.CompletableFuture<int[]> locs =
        java.util.concurrent.CompletableFuture.supplyAsync(locations::ranks);
    skuRank = skus.ranks();
    locRank = locs.join();
    int[] lotRank = lots == null ? null : lots.ranks();
    KeyLayout layout = new KeyLayout(locations.size(), skus.size(),
        lots == null ? 0 : lots.size(), Math.max(book.n, counts.n));
    // One side per thread, each sorted in place: a parallel sort of one array would need a
    // second array of its size to merge into.
    java.util.concurrent.CompletableFuture<Void> countsSorted =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> counts.sort(layout, locRank, skuRank, lotRank));
    book.sort(layout, locRank, skuRank, lotRank);
    countsSorted.join();
    // The keys hold the ranks: ids come back through these, not through the rows.
    int[] skuOf = byRank(skuRank);
    int[] locOf = byRank(locRank);
    int[] lotOf = lotRank == null ? null : byRank(lotRank);
    int[] distinct = countDistinct(book, counts, layout);
    int capacity = distinct[0];
    pairs = 0;
    pairSku = new int[capacity];
    pairLoc = new int[capacity];
    pairBook = new long[capacity];
    pairCount = new long[capacity];
    pairBits = new byte[capacity];
    pairUnit = new short[capacity];
    if (lots != null) {
      int lotCapacity = distinct[1];
      lotLines = 0;
      lotPair = new int[lotCapacity];
      lotId = new int[lotCapacity];
      lotBook = new long[lotCapacity];
      lotCount = new long[lotCapacity];
      lotBits = new byte[lotCapacity];
      lotUnit = new short[lotCapacity];
    }
    book.rewind();
    counts.rewind();
    long lastPair = -1;
    while (true) {
      long key = Math.min(book.key(), counts.key());
      if (key == Long.MAX_VALUE) {
        break;
      }
      long bookSum = book.take(key);
      byte bits = book.took() ? ON_BOOK : 0;
      long countSum = counts.take(key);
      bits |= counts.took() ? COUNTED : 0;
      short unit = counts.took() ? counts.takenUnit() : UNIT_UNKNOWN;
      long pairKey = layout.pairOf(key);
      if (pairKey != lastPair) {
        lastPair = pairKey;
        pairSku[pairs] = skuOf[layout.skuRank(key)];
        pairLoc[pairs] = locOf[layout.locRank(key)];
        pairUnit[pairs] = unit;
        pairs++;
      } else if (counts.took()) {
        // Another lot of the line: its unit joins those of the lots before.
        int q = pairs - 1;
        pairUnit[q] = (pairBits[q] & COUNTED) == 0 ? unit : joinUnits(pairUnit[q], unit);
      }
      int p = pairs - 1;
      pairBook[p] += bookSum;
      pairCount[p] += countSum;
      pairBits[p] |= bits;
      if (lots != null) {
        int l = lotLines++;
        lotPair[l] = p;
        lotId[l] = lotOf[layout.lotRank(key)];
        lotBook[l] = bookSum;
        lotCount[l] = countSum;
        lotBits[l] = bits;
        lotUnit[l] = unit;
      }
    }
    book.clear();
    counts.clear();
    markRejected();
    if (lots != null) {
      markRejectedLots(lotRank, lotOf);
    }
    markWholeKeys();
    forgetPartialBooks();
  }

  /**
   * A SKU the book carries only without a lot is not lot-controlled: a lot counted for it (read
   * off a GS1 DataBar label, say) is information (field report F03), so its count is compared
   * as "no lot" rather than as a lot the book lacks. A SKU not on book keeps its lots.
   */
  private void lotsOfSkusWithoutLotsAsInformation() {
    int none = lots.find("");
    if (none < 0) {
      return; // every book row has a lot: every SKU on book is lot-controlled
    }
    java.util.BitSet onBook = new java.util.BitSet(skus.size());
    java.util.BitSet withLot = new java.util.BitSet(skus.size());
    for (RowBlock b : book.blocks()) {
      for (int r = 0; r < b.n; r++) {
        int sku = (int) (b.skuLoc[r] >>> 32);
        onBook.set(sku);
        if (b.lot[r] != none) {
          withLot.set(sku);
        }
      }
    }
    // A rejected book row says as much of its lot as one read: the SKU is on book either way
    // (whatever stage refused the row), with a lot or without.
    for (int i = 0; i < rejected; i++) {
      if ((rejectedSide[i] & BOOK_REJECTED) != 0) {
        onBook.set((int) (rejectedPair[i] >>> 32));
        if (rejectedLot[i] >= 0 && rejectedLot[i] != none) {
          withLot.set((int) (rejectedPair[i] >>> 32));
        }
      }
    }
    withLot.or(lotKept);
    onBook.andNot(withLot);
    if (onBook.isEmpty()) {
      return;
    }
    for (RowBlock b : counts.blocks()) {
      for (int r = 0; r < b.n; r++) {
        if (b.lot[r] != none && onBook.get((int) (b.skuLoc[r] >>> 32))) {
          b.lot[r] = none;
        }
      }
    }
    for (int i = 0; i < rejected; i++) {
      if ((rejectedSide[i] & COUNT_REJECTED) != 0 && rejectedLot[i] >= 0
          && onBook.get((int) (rejectedPair[i] >>> 32))) {
        rejectedLot[i] = none;
      }
    }
  }

  /**
   * A line (or lot) some of whose book rows were rejected has a book of unknown quantity: the
   * rows read are only part of it. It is compared with nothing, as a line whose every book row
   * was rejected is, rather than given a variance against that part (a book of 10 + unknown,
   * counted 12, is not "over 2").
   */
  private void forgetPartialBooks() {
    for (int p = 0; p < pairs; p++) {
      if ((pairBits[p] & BOOK_REJECTED) != 0 && (pairBits[p] & ON_BOOK) != 0) {
        pairBits[p] &= ~ON_BOOK;
        pairBook[p] = 0;
      }
    }
    for (int l = 0; l < lotLines; l++) {
      if ((lotBits[l] & BOOK_REJECTED) != 0 && (lotBits[l] & ON_BOOK) != 0) {
        lotBits[l] &= ~ON_BOOK;
        lotBook[l] = 0;
      }
    }
  }

  /**
   * Flags the lines some of whose rows were rejected. A pair whose only rows were rejected still
   * gets a line: the book has something there, or somebody counted there, and either way the
   * pair must be looked at again.
   */
  private void markRejected() {
    long[] lineless = new long[rejected];
    int n = 0;
    for (int i = 0; i < rejected; i++) {
      int sku = (int) (rejectedPair[i] >> 32);
      int loc = (int) rejectedPair[i];
      int p = pairOf(sku, loc);
      if (p >= 0) {
        pairBits[p] |= rejectedSide[i] & ~NO_LINE_OF_ITS_OWN;
      } else if ((rejectedSide[i] & NO_LINE_OF_ITS_OWN) == 0) {
        lineless[n++] = ((long) locRank[loc] << 32) | skuRank[sku];
      }
    }
    if (n > 0) {
      insertLines(lineless, n);
      for (int i = 0; i < rejected; i++) {
        int p = pairOf((int) (rejectedPair[i] >> 32), (int) rejectedPair[i]);
        if (p >= 0) {
          pairBits[p] |= rejectedSide[i] & ~NO_LINE_OF_ITS_OWN;
        }
      }
    }
  }

  /**
   * Flags every line (and each of its lots: which lot the row had is not known either) of the
   * SKUs and at the locations of rejected rows whose other key could not be read. One pass over
   * the lines, and only when there are such rows.
   */
  private void markWholeKeys() {
    if (wholeKeys == 0) {
      return;
    }
    // Per SKU and per location, the sides whose rows were rejected there.
    byte[] bySku = new byte[skus.size()];
    byte[] byLoc = new byte[locations.size()];
    for (int i = 0; i < wholeKeys; i++) {
      byte side = (byte) (wholeKeySide[i] & ~ANY_LOCATION);
      if ((wholeKeySide[i] & ANY_LOCATION) != 0) {
        bySku[wholeKey[i]] |= side;
      } else {
        byLoc[wholeKey[i]] |= side;
      }
    }
    for (int p = 0; p < pairs; p++) {
      pairBits[p] |= bySku[pairSku[p]] | byLoc[pairLoc[p]];
    }
    for (int l = 0; l < lotLines; l++) {
      int p = lotPair[l];
      lotBits[l] |= bySku[pairSku[p]] | byLoc[pairLoc[p]];
    }
  }

  /**
   * Flags the lot lines some of whose rows were rejected, adding a line for a lot whose only
   * rows were rejected: compared by lot, that lot must be looked at again too.
   */
  private void markRejectedLots(int[] lotRank, int[] lotOf) {
    long[] missing = new long[rejected];
    int n = 0;
    int[] first = firstLotLines();
    for (int i = 0; i < rejected; i++) {
      if (rejectedLot[i] >= 0 && (rejectedSide[i] & NO_LINE_OF_ITS_OWN) == 0
          && lotLineOf(first, i) < 0) {
        int p = pairOf((int) (rejectedPair[i] >> 32), (int) rejectedPair[i]);
        missing[n++] = ((long) p << 32) | lotRank[rejectedLot[i]];
      }
    }
    if (n > 0) {
      insertLotLines(missing, n, lotRank, lotOf);
      first = firstLotLines();
    }
    for (int i = 0; i < rejected; i++) {
      int p = pairOf((int) (rejectedPair[i] >> 32), (int) rejectedPair[i]);
      byte side = (byte) (rejectedSide[i] & ~NO_LINE_OF_ITS_OWN);
      if (p < 0) {
        continue; // a possible book where nothing else is: it has no line here
      }
      if (rejectedLot[i] >= 0) {
        int l = lotLineOf(first, i);
        if (l >= 0) {
          lotBits[l] |= side;
        }
      } else if (side == BOOK_REJECTED) {
        // A book row whose lot could not be read may be any lot's: each one's book is unknown.
        for (int l = first[p]; l < first[p + 1]; l++) {
          lotBits[l] |= side;
        }
      }
    }
  }

  /** Returns, per line, the first of its lot lines; the lot lines of line p end at p + 1's. */
  private int[] firstLotLines() {
    int[] first = new int[pairs + 1];
    int l = 0;
    for (int p = 0; p <= pairs; p++) {
      while (l < lotLines && lotPair[l] < p) {
        l++;
      }
      first[p] = l;
    }
    return first;
  }

  /** Returns the lot line of rejected row {@code i}, or -1 when there is none yet. */
  private int lotLineOf(int[] first, int i) {
    int p = pairOf((int) (rejectedPair[i] >> 32), (int) rejectedPair[i]);
    for (int l = first[p]; l < first[p + 1]; l++) {
      if (lotId[l] == rejectedLot[i]) {
        return l;
      }
    }
    return -1;
  }

  /** Adds empty lot lines for {@code keys[0, n)} (line, lot rank), in report order. */
  private void insertLotLines(long[] keys, int n, int[] lotRank, int[] lotOf) {
    Arrays.sort(keys, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[distinct++] = keys[i];
      }
    }
    int total = lotLines + distinct;
    int[] pair = new int[total];
    int[] id = new int[total];
    long[] bookQty = new long[total];
    long[] countQty = new long[total];
    byte[] bits = new byte[total];
    short[] unit = new short[total];
    Arrays.fill(unit, UNIT_UNKNOWN);
    int k = 0;
    int w = 0;
    for (int l = 0; l <= lotLines; l++) {
      long have = l == lotLines ? Long.MAX_VALUE
          : ((long) lotPair[l] << 32) | lotRank[lotId[l]];
      while (k < distinct && keys[k] < have) {
        pair[w] = (int) (keys[k] >>> 32);
        id[w] = lotOf[(int) keys[k]];
        w++;
        k++;
      }
      if (l < lotLines) {
        pair[w] = lotPair[l];
        id[w] = lotId[l];
        bookQty[w] = lotBook[l];
        countQty[w] = lotCount[l];
        bits[w] = lotBits[l];
        unit[w] = lotUnit[l];
        w++;
      }
    }
    lotLines = total;
    lotUnit = unit;
    lotPair = pair;
    lotId = id;
    lotBook = bookQty;
    lotCount = countQty;
    lotBits = bits;
  }

  /** Adds empty lines for the pairs {@code keys[0, n)} (location rank, SKU rank), in order. */
  private void insertLines(long[] keys, int n) {
    Arrays.sort(keys, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[distinct++] = keys[i];
      }
    }
    int[] skuOf = byRank(skuRank);
    int[] locOf = byRank(locRank);
    int total = pairs + distinct;
    int[] sku = new int[total];
    int[] loc = new int[total];
    long[] bookQty = new long[total];
    long[] countQty = new long[total];
    byte[] bits = new byte[total];
    short[] unit = new short[total];
    Arrays.fill(unit, UNIT_UNKNOWN);
    int[] moved = new int[pairs];
    int k = 0;
    int w = 0;
    for (int p = 0; p <= pairs; p++) {
      long have = p == pairs ? Long.MAX_VALUE
          : ((long) locRank[pairLoc[p]] << 32) | skuRank[pairSku[p]];
      while (k < distinct && keys[k] < have) {
        sku[w] = skuOf[(int) keys[k]];
        loc[w] = locOf[(int) (keys[k] >>> 32)];
        w++;
        k++;
      }
      if (p < pairs) {
        sku[w] = pairSku[p];
        loc[w] = pairLoc[p];
        bookQty[w] = pairBook[p];
        countQty[w] = pairCount[p];
        bits[w] = pairBits[p];
        unit[w] = pairUnit[p];
        moved[p] = w++;
      }
    }
    for (int l = 0; l < lotLines; l++) {
      lotPair[l] = moved[lotPair[l]];
    }
    pairs = total;
    pairSku = sku;
    pairLoc = loc;
    pairBook = bookQty;
    pairCount = countQty;
    pairBits = bits;
    pairUnit = unit;
  }

  /** The unit of records keyed in {@code a}, then in {@code b}. */
  public static short joinUnits(short a, short b) {
    return a == b ? a : a == UNIT_UNKNOWN || b == UNIT_UNKNOWN ? UNIT_UNKNOWN : UNIT_MIXED;
  }

  private static int[] byRank(int[] rank) {
    int[] id = new int[rank.length];
    for (int i = 0; i < rank.length; i++) {
      id[rank[i]] = i;
    }
    return id;
  }

  /** Returns how many distinct pairs and distinct keys the two sorted sides hold. */
  private static int[] countDistinct(Rows a, Rows b, KeyLayout layout) {
    a.rewind();
    b.rewind();
    int keys = 0;
    int pairs = 0;
    long lastPair = -1;
    while (true) {
      long key = Math.min(a.key(), b.key());
      if (key == Long.MAX_VALUE) {
        return new int[] {pairs, keys};
      }
      a.skip(key);
      b.skip(key);
      keys++;
      if (layout.pairOf(key) != lastPair) {
        lastPair = layout.pairOf(key);
        pairs++;
      }
    }
  }

  /** How a row's ranks and row number are packed into one sortable long. */
  private static final class KeyLayout {
    final int locBits;
    final int skuBits;
    final int lotBits;
    final int rowBits;
    final boolean packed;

    KeyLayout(int locs, int skus, int lots, int rows) {
      this.locBits = bits(locs);
      this.skuBits = bits(skus);
      this.lotBits = lots == 0 ? 0 : bits(lots);
      this.rowBits = bits(rows);
      // 62 bits at most: a key is then below Long.MAX_VALUE, which the merge reads as the end.
      if (locBits + skuBits + lotBits > 62) {
        // LIMITATION: more than 2^62 location x SKU x lot combinations cannot be keyed in a long.
        throw new IllegalStateException("too many locations, SKUs and lots to join");
      }
      this.packed = locBits + skuBits + lotBits + rowBits <= 63;
    }

    long key(int locRank, int skuRank, int lotRank) {
      return ((((long) locRank << skuBits) | skuRank) << lotBits) | lotRank;
    }

    long pairOf(long key) {
      return key >>> lotBits;
    }

    int locRank(long key) {
      return (int) (key >>> (lotBits + skuBits));
    }

    int skuRank(long key) {
      return (int) ((key >>> lotBits) & ((1L << skuBits) - 1));
    }

    int lotRank(long key) {
      return (int) (key & ((1L << lotBits) - 1));
    }

    private static int bits(int n) {
      return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
    }
  }

  /**
   * Rows of one side (book or counts): appended one by one, or taken as whole blocks. Once
   * sorted, each block is read in key order and the blocks are merged as they are read.
   */
  private static final class Rows {
    private final boolean withLots;
    /** Whether rows added one by one keep their unit (count records do, book lines not). */
    private final boolean withUnits;
    private final java.util.List<RowBlock> blocks = new java.util.ArrayList<>();
    /** The block {@link #add} appends to, or null until the first add. */
    private RowBlock own;
    /** Rows in all blocks. */
    int n;
    /** Bits of the row number in a sorted long, below the key; 0 when not packed. */
    private int rowBits;
    private long rowMask;
    /** After {@link #sort}: the blocks, and per block the next sorted row and its key. */
    private RowBlock[] sorted = new RowBlock[0];
    private int[] at = new int[0];
    private long[] next = new long[0];
    private boolean took;
    private short takenUnit;

    Rows(boolean withLots, boolean withUnits) {
      this.withLots = withLots;
      this.withUnits = withUnits;
    }

    /** Drops the rows once joined: the lines hold everything from here on. */
    void clear() {
      n = 0;
      blocks.clear();
      own = null;
      sorted = new RowBlock[0];
      at = new int[0];
      next = new long[0];
    }

    void reserve(int rows) {
      ownBlock().reserve(rows);
    }

    void add(int s, int l, int t, long q) {
      add(s, l, t, q, UNIT_UNKNOWN);
    }

    void add(int s, int l, int t, long q, short unit) {
      ownBlock().add(skuLocation(s, l), t, q, unit);
      n++;
    }

    /** Returns the blocks holding the rows (before {@link #sort}). */
    java.util.List<RowBlock> blocks() {
      return blocks;
    }

    void adopt(RowBlock b) {
      if (!withLots) {
        b.lot = null;
      }
      blocks.add(b);
      n += b.n;
    }

    private RowBlock ownBlock() {
      if (own == null) {
        own = new RowBlock(withLots, withUnits, 1024);
        blocks.add(own);
      }
      return own;
    }

    /**
     * Sorts each block by key, in place: a row's SKU and location long becomes its key (with
     * the row number below it when both fit one long, else the order goes to its own array).
     */
    void sort(KeyLayout layout, int[] locRank, int[] skuRank, int[] lotRank) {
      rowBits = layout.packed ? layout.rowBits : 0;
      rowMask = (1L << rowBits) - 1;
      for (RowBlock b : blocks) {
        long[] k = b.skuLoc;
        for (int r = 0; r < b.n; r++) {
          long key = layout.key(locRank[(int) k[r]], skuRank[(int) (k[r] >> 32)],
              b.lot == null ? 0 : lotRank[b.lot[r]]);
          k[r] = layout.packed ? (key << rowBits) | r : key;
        }
        b.lot = null;
        if (layout.packed) {
          Arrays.sort(k, 0, b.n);
        } else {
          long[] unsorted = k;
          b.order = IndirectSort.mergesort(0, b.n,
              (x, y) -> Long.compare(unsorted[x], unsorted[y]));
          long[] sorted = new long[b.n];
          for (int r = 0; r < b.n; r++) {
            sorted[r] = unsorted[b.order[r]];
          }
          b.skuLoc = sorted;
        }
      }
      sorted = blocks.toArray(new RowBlock[0]);
      at = new int[sorted.length];
      next = new long[sorted.length];
    }

    /** Starts reading the sorted rows from the first. */
    void rewind() {
      for (int i = 0; i < sorted.length; i++) {
        at[i] = 0;
        next[i] = sorted[i].n > 0 ? sorted[i].skuLoc[0] >>> rowBits : Long.MAX_VALUE;
      }
    }

    /** Returns the smallest key not yet read, or Long.MAX_VALUE when all are read. */
    long key() {
      long min = Long.MAX_VALUE;
      for (long k : next) {
        min = Math.min(min, k);
      }
      return min;
    }

    /** Reads every row of {@code key}; returns the sum of their quantities. */
    long take(long key) {
      long sum = 0;
      took = false;
      short unit = UNIT_UNKNOWN;
      for (int i = 0; i < sorted.length; i++) {
        if (next[i] != key) {
          continue;
        }
        RowBlock b = sorted[i];
        long[] keys = b.skuLoc;
        short[] units = b.unit;
        int j = at[i];
        long k;
        while (j < b.n && ((k = keys[j]) >>> rowBits) == key) {
          int row = b.order == null ? (int) (k & rowMask) : b.order[j];
          sum += b.qty[row];
          short u = units == null ? UNIT_UNKNOWN : units[row];
          unit = took || j > at[i] ? joinUnits(unit, u) : u;
          j++;
        }
        at[i] = j;
        next[i] = j < b.n ? keys[j] >>> rowBits : Long.MAX_VALUE;
        took = true;
      }
      takenUnit = unit;
      return sum;
    }

    /**
     * Passes over every row of {@code key} without reading them: the quantities and units sit
     * in row order, one cache miss each in sorted order, and a count of keys needs neither.
     */
    void skip(long key) {
      for (int i = 0; i < sorted.length; i++) {
        if (next[i] != key) {
          continue;
        }
        long[] keys = sorted[i].skuLoc;
        int n = sorted[i].n;
        int j = at[i];
        while (j < n && keys[j] >>> rowBits == key) {
          j++;
        }
        at[i] = j;
        next[i] = j < n ? keys[j] >>> rowBits : Long.MAX_VALUE;
      }
    }

    /** Returns true when the last {@link #take} read a row. */
    boolean took() {
      return took;
    }

    /** Returns the unit the rows of the last {@link #take} were keyed in (see pairUnit). */
    short takenUnit() {
      return takenUnit;
    }
  }

  /**
   * Rows (book lines or count records) in arrays of one capacity: SKU and location as one long
   * ({@link #skuLocation}), which the join's sort turns into the sort key in place, the lot id
   * when lots are compared, and the eaches. A reader fills one and hands it over with
   * {@link #addCounts}, so the rows are never held twice.
   */
  public static final class RowBlock {
    int n;
    long[] skuLoc;
    int[] lot;
    long[] qty;
    /** Per row, the unit its quantity was keyed in, or null when rows do not say. */
    short[] unit;
    int[] order;

    /** A block with room for {@code capacity} rows; lots are kept only {@code withLots}. */
    public RowBlock(boolean withLots, int capacity) {
      this(withLots, false, capacity);
    }

    /** As above; with {@code withUnits}, each row keeps the unit it was keyed in. */
    public RowBlock(boolean withLots, boolean withUnits, int capacity) {
      skuLoc = new long[capacity];
      lot = withLots ? new int[capacity] : null;
      qty = new long[capacity];
      unit = withUnits ? new short[capacity] : null;
    }

    /** Makes room for {@code rows} rows in all; past that, {@link #add} grows by half. */
    public void reserve(int rows) {
      if (rows > skuLoc.length) {
        skuLoc = Arrays.copyOf(skuLoc, rows);
        qty = Arrays.copyOf(qty, rows);
        if (lot != null) {
          lot = Arrays.copyOf(lot, rows);
        }
        if (unit != null) {
          unit = Arrays.copyOf(unit, rows);
        }
      }
    }

    /** Appends a row; {@code lot} is ignored without lots. */
    public void add(long skuLocation, int lotId, long eaches) {
      if (n == skuLoc.length) {
        reserve(n + (n >> 1) + 1024);
      }
      skuLoc[n] = skuLocation;
      qty[n] = eaches;
      if (lot != null) {
        lot[n] = lotId;
      }
      n++;
    }

    /**
     * Appends a row keyed in unit {@code unitId} (a UOM table unit id, or one of the
     * {@code UNIT_} values); a block without units ignores it, and an id too large to keep
     * leaves the row's unit not known.
     */
    public void add(long skuLocation, int lotId, long eaches, int unitId) {
      add(skuLocation, lotId, eaches);
      if (unit != null) {
        unit[n - 1] = unitId <= Short.MAX_VALUE ? (short) unitId : UNIT_UNKNOWN;
      }
    }

    public int size() {
      return n;
    }

    /** Returns how many rows fit before the block grows. */
    public int capacity() {
      return skuLoc.length;
    }

    /** Removes the rows at {@code sorted} (ascending indexes), keeping the others in order. */
    public void remove(int[] sorted) {
      int to = 0;
      int next = 0;
      for (int r = 0; r < n; r++) {
        if (next < sorted.length && sorted[next] == r) {
          next++;
          continue;
        }
        skuLoc[to] = skuLoc[r];
        qty[to] = qty[r];
        if (lot != null) {
          lot[to] = lot[r];
        }
        if (unit != null) {
          unit[to] = unit[r];
        }
        to++;
      }
      n = to;
    }

    /** Returns row {@code r}'s quantity in eaches. */
    public long eaches(int r) {
      return qty[r];
    }

    public boolean hasLots() {
      return lot != null;
    }

    /** Returns row {@code r}'s SKU and location, as {@link #skuLocation} packs them. */
    public long skuLocation(int r) {
      return skuLoc[r];
    }

    /** Replaces row {@code r}'s SKU and location (a reader's provisional ids made final). */
    public void setSkuLocation(int r, long skuLocation) {
      skuLoc[r] = skuLocation;
    }

    public int lot(int r) {
      return lot[r];
    }

    public void setLot(int r, int lotId) {
      lot[r] = lotId;
    }
  }
}
