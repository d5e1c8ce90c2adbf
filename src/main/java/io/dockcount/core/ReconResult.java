package io.dockcount.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one reconciliation: a status, flags, variance, value and recount reason for
 * every SKU + location pair (and every lot line when compared by lot), in report order.
 *
 * <p>Lines are addressed by pair index; {@link #order()} lists the pairs sorted by location then
 * SKU (byte-wise, so the same inputs always give the same order), and {@link #tasks()} the pairs
 * to recount, highest absolute value first and lines without a value last.
 */
public final class ReconResult {
  private static final int TOP = 10;
  private static final Status[] STATUSES = Status.values();
  private static final int REJECTED_ROWS =
      Flag.COUNT_ROWS_REJECTED.bit() | Flag.BOOK_ROWS_REJECTED.bit();

  private final Reconciliation r;
  private final ItemMaster items;
  private final UomTable uom;
  private final LocationScheme.Parts[] parts;
  private final byte[] status;
  private final int[] flags;
  private final String[] reasons;
  private final int[] tasks;
  private final byte[] lotStatus;
  private final int[] lotFlags;
  /**
   * A line's flags its lots carry too: what holds for the SKU or location (no cost, master
   * data in conflict, location not parsed, the pair maybe keyed another way on one side) and
   * for the line's total (a probable unit error).
   */
  private static final int LINE_FLAGS_OF_LOTS = Flag.MISSING_COST.bit()
      | Flag.MASTER_DATA_CONFLICT.bit() | Flag.LOCATION_UNPARSED.bit()
      | Flag.PROBABLE_UNIT_ERROR.bit() | Flag.POSSIBLE_KEY_MISMATCH.bit();
  private final int[] lotOrder;
  /**
   * Per line, what the first of its lots keyed in another unit shows ({@code lot L1: 1 EA
   * counted; ...}), or null: a line's total may match no unit where one lot's count does.
   */
  private String[] lotUnitErrors;
  private final Summary summary;

  /** Counts and totals over all lines. Percentages have 2 decimals; null when undefined. */
  public record Summary(
      int lines,
      Map<Status, Integer> byStatus,
      BigDecimal netValue,
      BigDecimal absValue,
      int varianceLinesWithoutValue,
      int countedLinesWithoutBook,
      int linesWithoutUsableCount,
      int locationsCounted,
      int locationsAccurate,
      int locationsNotCounted,
      BigDecimal locationAccuracyPct,
      BigDecimal valueAccuracyPct,
      int locationsUnparsed,
      int recountTasks,
      int unitErrors,
      int linesWithRejectedRows,
      List<Integer> top,
      int varianceLinesWithValue) {
    /**
     * Whether there are variances and none of them has a value (no cost known): the net and
     * absolute values, 0 then, would read as variances worth nothing.
     */
    public boolean noVarianceValued() {
      return noneValued(varianceLinesWithValue, varianceLinesWithoutValue);
    }

    /**
     * The rule {@link #noVarianceValued} applies, for totals kept elsewhere (the count
     * service's runs leave out more lines than this summary does): with variance lines and none
     * of them valued, the net and absolute values are unknown, never 0. No variance at all is
     * a known 0.
     */
    public static boolean noneValued(int linesWithValue, int linesWithoutValue) {
      return linesWithValue == 0 && linesWithoutValue > 0;
    }
  }

  ReconResult(Reconciliation r, ItemMaster items, UomTable uom, LocationScheme.Parts[] parts,
      RecountPolicy policy) {
    this.r = r;
    this.items = items;
    this.uom = uom;
    int n = r.pairs;
    this.parts = parts;
    this.status = new byte[n];
    this.flags = new int[n];
    this.reasons = new String[n];
    if (r.lots != null) {
      this.lotStatus = new byte[r.lotLines];
      this.lotFlags = new int[r.lotLines];
      classifyLots();
      this.lotOrder = new int[r.lotLines];
      for (int l = 0; l < r.lotLines; l++) {
        lotOrder[l] = l;
      }
    } else {
      this.lotStatus = new byte[0];
      this.lotFlags = new int[0];
      this.lotOrder = new int[0];
    }
    // Before the recount reasons: a book line partly counted under another spelling of its key
    // is recounted whatever its variance.
    KeyMismatches.mark(r, flags);
    for (int p = 0; p < n; p++) {
      classify(p, policy);
    }
    for (int l = 0; l < lotFlags.length; l++) {
      int p = r.lotPair[l];
      boolean ofALot = lotUnitErrors != null && lotUnitErrors[p] != null;
      lotFlags[l] |= flags[p] & LINE_FLAGS_OF_LOTS
          & (ofALot ? ~Flag.PROBABLE_UNIT_ERROR.bit() : ~0);
    }
    this.tasks = sortTasks();
    this.summary = summarize();
  }

  // ---- accessors by pair index ----------------------------------------------------------

  /**
   * Returns pair indices in report order (location, then SKU). The join leaves the pairs in
   * that order, so this is {@code 0, 1, ..., size() - 1}: a new array on each call.
   */
  public int[] order() {
    int[] order = new int[r.pairs];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Returns the pairs to recount, in task order. */
  public int[] tasks() {
    return tasks;
  }

  public Summary summary() {
    return summary;
  }

  public int size() {
    return r.pairs;
  }

  public boolean byLot() {
    return r.lots != null;
  }

  public Status status(int p) {
    return STATUSES[status[p]];
  }

  public int flags(int p) {
    return flags[p];
  }

  public String reason(int p) {
    return reasons[p];
  }

  public int skuId(int p) {
    return r.pairSku[p];
  }

  public int locationId(int p) {
    return r.pairLoc[p];
  }

  public Symbols skus() {
    return r.skus;
  }

  public Symbols locations() {
    return r.locations;
  }

  public boolean onBook(int p) {
    return (r.pairBits[p] & Reconciliation.ON_BOOK) != 0;
  }

  public boolean counted(int p) {
    return (r.pairBits[p] & Reconciliation.COUNTED) != 0;
  }

  public long book(int p) {
    return r.pairBook[p];
  }

  public long countedQty(int p) {
    return r.pairCount[p];
  }

  /** Counted minus book (book 0 when not on book); meaningless unless counted. */
  public long variance(int p) {
    return r.pairCount[p] - r.pairBook[p];
  }

  /** Returns the zone, aisle, bay and level of a location id, or null when unparsed. */
  public LocationScheme.Parts parts(int locationId) {
    return parts[locationId];
  }

  /** Returns true when the line has a variance value: counted and the SKU has a cost. */
  public boolean hasValue(int p) {
    return hasVariance(p) && items.hasCost(r.pairSku[p]);
  }

  /**
   * Returns true when the line has a variance: counted, and either on book or with no book rows
   * at all. A pair whose only book rows were rejected has an unknown book, so no variance.
   */
  public boolean hasVariance(int p) {
    return counted(p) && (onBook(p) || (r.pairBits[p] & Reconciliation.BOOK_REJECTED) == 0);
  }

  /** Returned by {@link #valueUnscaled} when the value does not fit a long: use {@link #value}. */
  public static final long BEYOND_LONG = Long.MIN_VALUE;

  /**
   * Returns the variance value unscaled, at {@link #valueScale}, or {@link #BEYOND_LONG} when
   * it does not fit a long (a quantity near 10^12 times a cost with many decimals).
   */
  public long valueUnscaled(int p) {
    long v = variance(p);
    long c = items.costUnscaled(r.pairSku[p]);
    long hi = Math.multiplyHigh(v, c);
    long lo = v * c;
    return (hi == 0 && lo >= 0 || hi == -1 && lo < 0) && lo != BEYOND_LONG ? lo : BEYOND_LONG;
  }

  /** Returns the variance value, exact; null when the line has none. */
  public BigDecimal value(int p) {
    if (!hasValue(p)) {
      return null;
    }
    long u = valueUnscaled(p);
    return u != BEYOND_LONG ? BigDecimal.valueOf(u, valueScale(p))
        : BigDecimal.valueOf(variance(p)).multiply(items.cost(r.pairSku[p]));
  }

  public int valueScale(int p) {
    return items.costScale(r.pairSku[p]);
  }

  public ItemMaster items() {
    return items;
  }

  /** Returns the pair as a {@link ReconLine}. */
  public ReconLine line(int p) {
    int sku = r.pairSku[p];
    boolean counted = counted(p);
    return new ReconLine(r.skus.get(sku), r.locations.get(r.pairLoc[p]), null,
        parts[r.pairLoc[p]], onBook(p) ? book(p) : null, counted ? countedQty(p) : null,
        hasVariance(p) ? variance(p) : null, items.cost(sku),
        value(p),
        status(p), flags[p], reasons[p]);
  }

  /** Returns every pair as a {@link ReconLine}, in report order. */
  public List<ReconLine> lines() {
    List<ReconLine> out = new ArrayList<>(r.pairs);
    for (int p = 0; p < r.pairs; p++) {
      out.add(line(p));
    }
    return out;
  }

  /** Returns the line of the SKU at the location, or null when there is none. */
  public ReconLine line(String sku, String location) {
    int s = r.skus.find(sku);
    int l = r.locations.find(location);
    int p = s < 0 || l < 0 ? -1 : r.pairOf(s, l);
    return p < 0 ? null : line(p);
  }

  // ---- lots -----------------------------------------------------------------------------

  /** Returns the lot lines in report order (location, SKU, lot); empty unless by lot. */
  public int[] lotOrder() {
    return lotOrder;
  }

  /** Returns lot line {@code l} as a {@link ReconLine}. */
  public ReconLine lotLine(int l) {
    int p = r.lotPair[l];
    int sku = r.pairSku[p];
    boolean onBook = (r.lotBits[l] & Reconciliation.ON_BOOK) != 0;
    boolean counted = lotCounted(l);
    boolean known = counted && lotBookKnown(l);
    long variance = r.lotCount[l] - r.lotBook[l];
    BigDecimal cost = items.cost(sku);
    return new ReconLine(r.skus.get(sku), r.locations.get(r.pairLoc[p]), r.lots.get(r.lotId[l]),
        parts[r.pairLoc[p]], onBook ? r.lotBook[l] : null, counted ? r.lotCount[l] : null,
        known ? variance : null, cost,
        known && cost != null ? cost.multiply(BigDecimal.valueOf(variance)) : null,
        STATUSES[lotStatus[l]], lotFlags[l], null);
  }

  /**
   * Returns true when lot line {@code l}'s count is known: it was counted, or its line was and
   * this lot got no count (counted as zero), unless that lot's only count rows were rejected.
   */
  private boolean lotCounted(int l) {
    byte bits = r.lotBits[l];
    return (bits & Reconciliation.COUNTED) != 0
        || (bits & Reconciliation.COUNT_REJECTED) == 0 && counted(r.lotPair[l]);
  }

  /** Returns true unless lot line {@code l}'s only book rows were rejected. */
  private boolean lotBookKnown(int l) {
    byte bits = r.lotBits[l];
    return (bits & Reconciliation.ON_BOOK) != 0 || (bits & Reconciliation.BOOK_REJECTED) == 0;
  }

  /** Returns every lot line in report order. */
  public List<ReconLine> lotLines() {
    List<ReconLine> out = new ArrayList<>(lotOrder.length);
    for (int l : lotOrder) {
      out.add(lotLine(l));
    }
    return out;
  }

  // ---- classification -------------------------------------------------------------------

  private void classify(int p, RecountPolicy policy) {
    boolean onBook = onBook(p);
    boolean counted = counted(p);
    long book = r.pairBook[p];
    long count = r.pairCount[p];
    long variance = count - book;
    Status s;
    if (!counted) {
      // Not counted (its count rows, if any, rejected): missing when the book has a line there,
      // even one whose quantity was rejected; unexpected when only rejected counts are there.
      s = onBook || (r.pairBits[p] & Reconciliation.BOOK_REJECTED) != 0 ? Status.MISSING
          : Status.UNEXPECTED;
    } else if (!onBook) {
      // A zero count off book matches, unless the book has a line whose quantity was unknown.
      s = count == 0 && hasVariance(p) ? Status.MATCHED : Status.UNEXPECTED;
    } else {
      s = variance == 0 ? Status.MATCHED : variance < 0 ? Status.SHORT : Status.OVER;
    }
    status[p] = (byte) s.ordinal();
    int sku = r.pairSku[p];
    int f = flags[p];
    if (onBook && book < 0) {
      f |= Flag.NEGATIVE_BOOK.bit();
    }
    if (counted && onBook && book > 0 && count == 0) {
      f |= Flag.COUNTED_ZERO.bit();
    }
    if (counted && !items.hasCost(sku)) {
      f |= Flag.MISSING_COST.bit();
    }
    if (parts[r.pairLoc[p]] == null) {
      f |= Flag.LOCATION_UNPARSED.bit();
    }
    if ((r.pairBits[p] & Reconciliation.COUNT_REJECTED) != 0) {
      f |= Flag.COUNT_ROWS_REJECTED.bit();
    }
    if (items.hasConflict(sku)) {
      f |= Flag.MASTER_DATA_CONFLICT.bit();
    }
    if ((r.pairBits[p] & Reconciliation.BOOK_REJECTED) != 0) {
      f |= Flag.BOOK_ROWS_REJECTED.bit();
    }
    String unitError = null;
    if (counted && onBook && variance != 0 && book > 0 && count > 0) {
      unitError = unitError(sku, count, book, r.pairUnit[p]);
    }
    if (unitError == null && lotUnitErrors != null) {
      unitError = lotUnitErrors[p];
    }
    if (unitError != null) {
      f |= Flag.PROBABLE_UNIT_ERROR.bit();
    }
    flags[p] = f;
    if (s != Status.MATCHED || f != 0) {
      LocationScheme.Parts lp = parts[r.pairLoc[p]];
      BigDecimal value = value(p);
      reasons[p] = policy.reason(s, book, hasVariance(p) ? variance : 0, value, f,
          lp == null ? null : lp.zone(), items.skuClass(sku), unitError);
    }
  }

  /**
   * Returns a description when the count and the book would agree had one of them been in
   * another of the SKU's units, else null: the number keyed read in another unit (1 EA keyed
   * against a book of 12 for a case of 12; 12 CS keyed against a book of 12 EA), or the book
   * read in a larger unit (24 EA counted against a book of 2: 2 CS). {@code keyedUnit}: the
   * unit every count record of the line was keyed in; a line keyed in several units (or whose
   * records did not say) is read only the second way: which number was keyed is not guessed.
   */
  private String unitError(int sku, long count, long book, short keyedUnit) {
    List<Integer> units = uom.unitsOf(sku);
    long fk = keyedUnit >= 0 ? uom.factor(sku, keyedUnit) : 0;
    for (int meant : fk > 0 ? units : List.<Integer>of()) {
      long fm = uom.factor(sku, meant);
      // The number keyed (count / fk, a fraction such as 0.5 CS included) read as fm eaches.
      if (fm != fk && sameProduct(count, fm, book, fk)) {
        String keyed = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(fk),
            MathContext.DECIMAL128).stripTrailingZeros().toPlainString();
        String as = uom.unitCode(keyedUnit);
        return (fk == 1 ? keyed + " " + as + " counted" : count + " EA counted (" + keyed
            + " " + as + ")") + "; " + keyed + " " + unitsOfSize(sku, units, fm)
            + " would match the book of " + book + " EA";
      }
    }
    for (int larger : units) {
      long f = uom.factor(sku, larger);
      if (f > 1 && book * f == count) {
        String as = unitsOfSize(sku, units, f);
        return count + " EA counted = " + book + " " + as + "; the book of " + book
            + " EA may be in " + as;
      }
    }
    return null;
  }

  /** Whether a x b == c x d, false when either product is past a long. */
  private static boolean sameProduct(long a, long b, long c, long d) {
    try {
      return Math.multiplyExact(a, b) == Math.multiplyExact(c, d);
    } catch (ArithmeticException e) {
      return false; // more eaches than any count or book holds
    }
  }

  /** Returns the SKU's units of {@code factor} eaches, as {@code CS/DZ}; EA for 1. */
  private String unitsOfSize(int sku, List<Integer> units, long factor) {
    if (factor == 1) {
      return UnitCode.EACH;
    }
    List<String> names = new ArrayList<>();
    for (int u : units) {
      if (uom.factor(sku, u) == factor) {
        names.add(uom.unitCode(u));
      }
    }
    names.sort(null);
    return String.join("/", names);
  }

  private void classifyLots() {
    long[] lotVariance = new long[r.pairs];
    for (int l = 0; l < r.lotLines; l++) {
      int p = r.lotPair[l];
      byte bits = r.lotBits[l];
      boolean onBook = (bits & Reconciliation.ON_BOOK) != 0;
      boolean bookKnown = lotBookKnown(l);
      long variance = r.lotCount[l] - r.lotBook[l];
      Status s;
      if (!lotCounted(l)) {
        // As for a line: missing where the book has the lot (its quantity known or not),
        // unexpected where only rejected counts name it.
        s = onBook || !bookKnown ? Status.MISSING : Status.UNEXPECTED;
      } else if (!onBook) {
        s = r.lotCount[l] == 0 && bookKnown ? Status.MATCHED : Status.UNEXPECTED;
      } else {
        // A book lot with no count at a counted pair was counted as zero: short, not missing.
        s = variance == 0 ? Status.MATCHED : variance < 0 ? Status.SHORT : Status.OVER;
      }
      lotStatus[l] = (byte) s.ordinal();
      if ((bits & Reconciliation.COUNT_REJECTED) != 0) {
        lotFlags[l] |= Flag.COUNT_ROWS_REJECTED.bit();
      }
      if ((bits & Reconciliation.BOOK_REJECTED) != 0) {
        lotFlags[l] |= Flag.BOOK_ROWS_REJECTED.bit();
      }
      // A lot's negative book or counted zero is recounted as a line's would be, though the
      // line's total may hide it (field reports F11, F16): the line carries the flag too.
      int cases = 0;
      if (onBook && bookKnown && r.lotBook[l] < 0) {
        cases |= Flag.NEGATIVE_BOOK.bit();
      }
      // Keyed zero only: a book lot with no count row at a counted line is short, and the
      // line's own variance (or its lots') decides whether that is recounted.
      if (onBook && bookKnown && (bits & Reconciliation.COUNTED) != 0 && r.lotBook[l] > 0
          && r.lotCount[l] == 0) {
        cases |= Flag.COUNTED_ZERO.bit();
      }
      lotFlags[l] |= cases;
      flags[p] |= cases;
      if (onBook && bookKnown && lotCounted(l) && variance != 0 && r.lotBook[l] > 0
          && r.lotCount[l] > 0) {
        String error = unitError(r.pairSku[p], r.lotCount[l], r.lotBook[l], r.lotUnit[l]);
        if (error != null) {
          lotFlags[l] |= Flag.PROBABLE_UNIT_ERROR.bit();
          if (lotUnitErrors == null) {
            lotUnitErrors = new String[r.pairs];
          }
          if (lotUnitErrors[p] == null) {
            lotUnitErrors[p] = "lot " + r.lots.get(r.lotId[l]) + ": " + error;
          }
        }
      }
      if (s != Status.MATCHED && s != Status.MISSING && bookKnown && lotCounted(l)) {
        lotVariance[p] += Math.abs(variance);
      }
    }
    // Lots do not match when their variances are more than the pair's: some lot short and
    // another over (the total may even match), not one lot carrying the pair's variance. A
    // line whose book is unknown (book rows rejected) has no total to compare them with.
    for (int p = 0; p < r.pairs; p++) {
      if (hasVariance(p) && lotVariance[p] > Math.abs(r.pairCount[p] - r.pairBook[p])) {
        flags[p] |= Flag.LOT_VARIANCE.bit();
      }
    }
    markLostZeros();
  }

  /**
   * Flags lots on one side that equal a lot on the other side but for leading zeros, or that
   * are another way of writing it ({@link KeyText#oneKey}: letter case, a float's
   * {@code .0}, a spreadsheet's {@code 1.23457E+12}...).
   */
  private void markLostZeros() {
    int i = 0;
    while (i < r.lotLines) {
      int j = i;
      while (j < r.lotLines && r.lotPair[j] == r.lotPair[i]) {
        j++;
      }
      for (int a = i; a < j; a++) {
        for (int b = i; b < j; b++) {
          int sides = Reconciliation.ON_BOOK | Reconciliation.COUNTED;
          // A book lot (counted or not) against a lot counted off book: 4 keyed AB1 and 6
          // keyed ab1 is a lot counted under two spellings, as much as 10 keyed ab1 is.
          if ((r.lotBits[a] & Reconciliation.ON_BOOK) == 0
              || (r.lotBits[b] & sides) != Reconciliation.COUNTED) {
            continue;
          }
          String bookLot = r.lots.get(r.lotId[a]);
          String countLot = r.lots.get(r.lotId[b]);
          int bit = sameButZeros(bookLot, countLot) ? Flag.POSSIBLE_LOST_LEADING_ZERO.bit()
              : KeyText.oneKey(bookLot, countLot)
                  ? Flag.POSSIBLE_KEY_MISMATCH.bit()
              : 0;
          lotFlags[a] |= bit;
          lotFlags[b] |= bit;
          flags[r.lotPair[a]] |= bit;
        }
      }
      i = j;
    }
  }

  private static boolean sameButZeros(String a, String b) {
    return !a.equals(b) && !a.isEmpty() && !b.isEmpty()
        && KeyText.withoutLeadingZeros(a).equals(KeyText.withoutLeadingZeros(b));
  }

  // ---- ordering -------------------------------------------------------------------------

  static LocationScheme.Parts[] parseLocations(Symbols locations, LocationScheme scheme) {
    LocationScheme.Parts[] result = new LocationScheme.Parts[locations.size()];
    PartNames names = new PartNames();
    byte[] arena = locations.arena();
    for (int id = 0; id < result.length; id++) {
      int off = locations.offset(id);
      int len = locations.length(id);
      LocationScheme.Parts p = scheme.isDashed() ? names.dashed(arena, off, len) : NOT_PLAIN;
      if (p == NOT_PLAIN) {
        p = scheme.parse(new String(arena, off, len, java.nio.charset.StandardCharsets.UTF_8));
        if (p != null) {
          p = new LocationScheme.Parts(names.shared(p.zone()), names.shared(p.aisle()),
              names.shared(p.bay()), names.shared(p.level()));
        }
      }
      result[id] = p;
    }
    return result;
  }

  /** Returned by {@link PartNames#dashed} for a code it leaves to {@link LocationScheme}. */
  private static final LocationScheme.Parts NOT_PLAIN = new LocationScheme.Parts("", "", "", "");

  /**
   * One String per distinct zone, aisle, bay and level name: they repeat across thousands of
   * locations. Plain codes (printable ASCII, no spaces) are split on their bytes, which makes
   * no garbage per location; they need no trimming, and a blank part is an empty one.
   */
  private static final class PartNames {
    private final Symbols bytes = new Symbols();
    private String[] strings = new String[64];
    private final java.util.Map<String, String> shared = new java.util.HashMap<>();
    private final int[] start = new int[4];
    private final int[] length = new int[4];

    String shared(String s) {
      return shared.computeIfAbsent(s, k -> k);
    }

    /** Parses a plain code as the dashed scheme would; NOT_PLAIN for any other code. */
    LocationScheme.Parts dashed(byte[] a, int off, int len) {
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (a[i] <= ' ' || a[i] >= 0x7F) {
          return NOT_PLAIN;
        }
      }
      if (len == 0) {
        return NOT_PLAIN;
      }
      int parts = 0;
      int from = off;
      for (int i = off; i <= end; i++) {
        if (i == end || a[i] == '-') {
          if (parts == 4 || i == from) {
            return null; // more than four parts, or an empty one
          }
          start[parts] = from;
          length[parts] = i - from;
          parts++;
          from = i + 1;
        }
      }
      return new LocationScheme.Parts(name(a, 0, parts), name(a, 1, parts), name(a, 2, parts),
          name(a, 3, parts));
    }

    private String name(byte[] a, int part, int parts) {
      if (part >= parts) {
        return "";
      }
      int id = bytes.intern(a, start[part], length[part]);
      if (id >= strings.length) {
        strings = Arrays.copyOf(strings, strings.length * 2);
      }
      String s = strings[id];
      if (s == null) {
        s = shared(new String(a, start[part], length[part],
            java.nio.charset.StandardCharsets.US_ASCII));
        strings[id] = s;
      }
      return s;
    }
  }

  private int[] sortTasks() {
    int n = 0;
    for (int p = 0; p < r.pairs; p++) {
      if (reasons[p] != null) {
        n++;
      }
    }
    int[] list = new int[n];
    n = 0;
    for (int p = 0; p < r.pairs; p++) {
      if (reasons[p] != null) {
        list[n++] = p;
      }
    }
    // Highest absolute value first, lines without a value last; a tie in report order.
    int[] byRank = com.carrotsearch.hppc.sorting.IndirectSort.mergesort(0, n, (i, j) -> {
      int a = list[i];
      int b = list[j];
      if (hasValue(a) != hasValue(b)) {
        return hasValue(a) ? -1 : 1;
      }
      return hasValue(a) ? compareAbsValue(b, a) : Integer.compare(a, b);
    });
    int[] tasks = new int[n];
    for (int i = 0; i < n; i++) {
      tasks[i] = list[byRank[i]];
    }
    return tasks;
  }

  // ---- summary --------------------------------------------------------------------------

  private Summary summarize() {
    int[] perStatus = new int[STATUSES.length];
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal abs = BigDecimal.ZERO;
    ExactSum bookValue = new ExactSum();
    int withoutValue = 0;
    int withValue = 0;
    int withoutBook = 0;
    int withoutCount = 0;
    int unitErrors = 0;
    int unparsed = 0;
    int withRejected = 0;
    // 1 counted, 2 inaccurate, 4 has a line (a location read only from rejected rows has
    // none), 8 unparsed
    byte[] locState = new byte[r.locations.size()];
    for (int p = 0; p < r.pairs; p++) {
      Status s = STATUSES[status[p]];
      perStatus[status[p]]++;
      if (Flag.PROBABLE_UNIT_ERROR.in(flags[p])) {
        unitErrors++;
      }
      if ((flags[p] & REJECTED_ROWS) != 0) {
        withRejected++;
      }
      int loc = r.pairLoc[p];
      if (Flag.LOCATION_UNPARSED.in(flags[p]) && (locState[loc] & 8) == 0) {
        unparsed++; // counted once per location, however many SKUs it has
        locState[loc] |= 8;
      }
      locState[loc] |= 4;
      if ((r.pairBits[p] & Reconciliation.COUNT_REJECTED) != 0) {
        locState[loc] |= 1; // counted, though its rows were rejected
      }
      if (counted(p)) {
        locState[loc] |= 1;
        int sku = r.pairSku[p];
        if (items.hasCost(sku)) {
          long bookAbs = onBook(p) ? Math.abs(book(p)) : 0;
          bookValue.addProduct(bookAbs, items.costUnscaled(sku), items.costScale(sku));
        }
      }
      // A line whose lots differ (one short, another over) is not accurate though its total is,
      // nor is one with count rows rejected: the rows read matched, the rest is unknown.
      if (s != Status.MATCHED || Flag.LOT_VARIANCE.in(flags[p])
          || (r.pairBits[p] & Reconciliation.COUNT_REJECTED) != 0) {
        locState[loc] |= 2;
      }
      if (counted(p) && !hasVariance(p)) {
        withoutBook++; // its book rows were rejected: no variance, so no part of the accuracy
      } else if (!counted(p) && (r.pairBits[p] & Reconciliation.COUNT_REJECTED) != 0) {
        withoutCount++; // counted, but every count row rejected: no part of it either
      }
      if (hasVariance(p) && variance(p) != 0) {
        if (hasValue(p)) {
          BigDecimal v = value(p);
          net = net.add(v);
          abs = abs.add(v.abs());
          withValue++;
        } else {
          withoutValue++;
        }
      }
    }
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    for (Status s : STATUSES) {
      byStatus.put(s, perStatus[s.ordinal()]);
    }
    int counted = 0;
    int accurate = 0;
    int notCounted = 0;
    for (byte st : locState) {
      if ((st & 1) != 0) {
        counted++;
        if ((st & 2) == 0) {
          accurate++;
        }
      } else if (st != 0) {
        notCounted++;
      }
    }
    BigDecimal locPct = counted == 0 ? null : pct(accurate, counted);
    BigDecimal bookTotal = bookValue.total();
    BigDecimal valuePct = bookTotal.signum() == 0 ? null
        : bookTotal.subtract(abs).multiply(BigDecimal.valueOf(100))
            .divide(bookTotal, 2, RoundingMode.FLOOR);
    return new Summary(r.pairs, byStatus, net, abs, withoutValue, withoutBook, withoutCount,
        counted,
        accurate, notCounted,
        locPct, valuePct, unparsed, tasks.length, unitErrors, withRejected,
        topVariances(), withValue);
  }

  /** Returns the pairs with the largest absolute variance value, largest first. */
  private List<Integer> topVariances() {
    int[] top = new int[TOP];
    int n = 0;
    for (int p = 0; p < r.pairs; p++) {
      if (!hasValue(p) || variance(p) == 0) {
        continue;
      }
      if (n < TOP) {
        top[n++] = p;
      } else if (compareAbsValue(p, top[n - 1]) > 0) {
        top[n - 1] = p;
      } else {
        continue;
      }
      for (int i = n - 1; i > 0 && compareAbsValue(top[i], top[i - 1]) > 0; i--) {
        int t = top[i];
        top[i] = top[i - 1];
        top[i - 1] = t;
      }
    }
    List<Integer> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(top[i]);
    }
    return List.copyOf(result);
  }

  /** Orders by absolute value; on a tie the line earlier in report order is the larger. */
  private int compareAbsValue(int a, int b) {
    long ua = valueUnscaled(a);
    long ub = valueUnscaled(b);
    int c = valueScale(a) == valueScale(b) && ua != BEYOND_LONG && ub != BEYOND_LONG
        ? Long.compare(Math.abs(ua), Math.abs(ub))
        : value(a).abs().compareTo(value(b).abs());
    return c != 0 ? c : Integer.compare(b, a);
  }

  /** Sums decimals of small scales exactly in longs, one per scale, spilling on overflow. */
  private static final class ExactSum {
    private final long[] byScale = new long[10];
    private BigDecimal spilled = BigDecimal.ZERO;

    /** Adds {@code qty} times a decimal of {@code unscaled} at {@code scale}, exactly. */
    void addProduct(long qty, long unscaled, int scale) {
      long hi = Math.multiplyHigh(qty, unscaled);
      long lo = qty * unscaled;
      if ((hi == 0 && lo >= 0 || hi == -1 && lo < 0) && lo != Long.MIN_VALUE) {
        add(lo, scale);
      } else {
        spilled = spilled.add(BigDecimal.valueOf(qty).multiply(BigDecimal.valueOf(unscaled,
            scale)));
      }
    }

    void add(long unscaled, int scale) {
      try {
        byScale[scale] = Math.addExact(byScale[scale], unscaled);
      } catch (ArithmeticException overflow) {
        spilled = spilled.add(BigDecimal.valueOf(byScale[scale], scale))
            .add(BigDecimal.valueOf(unscaled, scale));
        byScale[scale] = 0;
      }
    }

    BigDecimal total() {
      BigDecimal t = spilled;
      for (int s = 0; s < byScale.length; s++) {
        t = t.add(BigDecimal.valueOf(byScale[s], s));
      }
      return t;
    }
  }

  /**
   * Accuracies are cut down, never rounded up (as is the value accuracy): one inaccurate location
   * in 30,000 reads 99.99 %, not 100.00 %.
   */
  private static BigDecimal pct(long part, long whole) {
    return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2,
        RoundingMode.FLOOR);
  }
}
