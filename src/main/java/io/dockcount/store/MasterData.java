package io.dockcount.store;

import io.dockcount.core.UnitCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The book snapshot and master data a service run works from, immutable, keyed by text (SKUs and
 * locations keep their leading zeros). Actors share one instance; each zone builds its own
 * {@code core} tables from it when it reconciles, since those are single-owner.
 *
 * <p>Held packed: each kind is a set of primitive arrays over dictionaries of UTF-8 texts, so the
 * 1M-book-line workload (1 000 000 book lines, 500 000 items, 2 000 000 UOM rows) takes about
 * 70 MB, not the 337 MB of String-keyed maps it took before (docs/bench/service.md). The accessors
 * are read-only views over that storage: {@link #items()}, {@link #uom()} and
 * {@link #barcodes()} are maps whose values, and {@link #book()} a list whose lines, are made on
 * each access. A lookup ({@code get}) is cheap; iterating a whole view makes a record per entry,
 * so hot paths use the narrower methods here ({@link #factor}, {@link #cost},
 * {@link #skuClass}, {@link #bookLinesWithLot()}, {@link #bookByZone}). The maps iterate in key
 * order (UTF-8 bytes, which is code point order); the book in the order its lines were added.
 *
 * <p>Loaders fill a {@link Builder} row by row, so loading never holds the big maps either. The
 * constructor taking maps and a list is for small data and tests; given the views of another
 * instance it shares their storage instead of copying it (so a new book with the same items
 * costs only the book).
 */
public final class MasterData {
  private final ItemTable items;
  private final UomRows uom;
  private final CodeTable barcodes;
  private final BookTable book;
  /**
   * Spellings of each the UOM table gave another factor ({@code PC,10}), by SKU and each word
   * ({@link UnitCode#eachWord}): "PC = 10 EA". Kept with the table they came from.
   */
  private final Map<String, String> eachDisputes;
  /**
   * SKUs the item master gave two costs or two classes, and SKUs the UOM table gave two
   * factors for a unit or a factor to a spelling of each: their lines are flagged
   * {@code master_data_conflict}, as reconcile flags them. Each set goes with its file.
   */
  private final Set<String> itemConflicts;
  private final Set<String> uomConflicts;

  /** A SKU's master record; a null cost is unknown, never 0. */
  public record Item(String sku, String description, BigDecimal unitCost, String skuClass) {}

  /**
   * What a barcode stands for: {@code unit} of {@code sku}, the unit's canonical code, and
   * {@code written} the unit as its row wrote it ({@link io.dockcount.core.UnitCode#squeezed}),
   * for the station to name it so ({@code PAL (read as PL)}).
   */
  public record Barcode(String code, String sku, String unit, String written) {
    /** A barcode whose unit is written as the code it is read as. */
    public Barcode(String code, String sku, String unit) {
      this(code, sku, unit, unit);
    }
  }

  /**
   * A barcode row that cannot be counted as written, kept so that a scan of the code says
   * {@code reason} (a sentence for the counter and supervisor) and is held for the SKU,
   * instead of being called unknown. {@code unit} is as the row wrote it.
   */
  public record RefusedBarcode(String code, String sku, String unit, String reason) {}

  /** Eaches on book of a SKU (and lot, '' for none) at a location; may be negative. */
  public record BookLine(String location, String sku, String lot, long eaches) {
    public BookLine {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(lot, "lot");
    }
  }

  /**
   * Packs the given data; views of another {@code MasterData} are shared, not copied.
   *
   * @param items by SKU
   * @param uom eaches per canonical unit code, by SKU; each (EA) is implied
   * @param barcodes by code
   * @param book the book lines, in eaches
   */
  public MasterData(Map<String, Item> items, Map<String, Map<String, Long>> uom,
      Map<String, Barcode> barcodes, List<BookLine> book) {
    this(packItems(items), packUom(uom), packBarcodes(barcodes), packBook(book), Map.of(),
        Set.of(), Set.of());
  }

  private MasterData(ItemTable items, UomRows uom, CodeTable barcodes, BookTable book,
      Map<String, String> eachDisputes, Set<String> itemConflicts, Set<String> uomConflicts) {
    this.items = items;
    this.uom = uom;
    this.barcodes = barcodes;
    this.book = book;
    this.eachDisputes = Map.copyOf(eachDisputes);
    this.itemConflicts = Set.copyOf(itemConflicts);
    this.uomConflicts = Set.copyOf(uomConflicts);
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Items by SKU (read-only). */
  public Map<String, Item> items() {
    return items;
  }

  /** Eaches per canonical unit code, by SKU; each (EA) is implied (read-only). */
  public Map<String, Map<String, Long>> uom() {
    return uom;
  }

  /** Barcodes by code (read-only). */
  public Map<String, Barcode> barcodes() {
    return barcodes;
  }

  /**
   * Returns the codes the master data gave two meanings (two SKUs or units), in code order,
   * each with the meanings it was given: no barcode, so a scan of one is refused, naming
   * them. Known as read from files, and from a stored barcodes block (which keeps them).
   */
  public Map<String, List<Barcode>> barcodesWithTwoMeanings() {
    return barcodes.withdrawnCodes();
  }

  /**
   * Returns the barcode rows kept out with a reason ({@link RefusedBarcode}), in code order.
   * Known as read from files only: a WMS delivery with such a row is refused whole.
   */
  public List<RefusedBarcode> refusedBarcodes() {
    return barcodes.refusedCodes();
  }

  /** The book lines in eaches, in the order they were loaded (read-only). */
  public List<BookLine> book() {
    return book;
  }

  /**
   * Returns the barcodes that count a unit their SKU has no factor for, by code: kept, but
   * every scan of them is refused until a factor comes.
   */
  public List<Barcode> barcodesWithoutFactor() {
    List<Barcode> out = new ArrayList<>();
    for (Barcode b : barcodes().values()) {
      if (factor(b.sku(), b.unit()) == 0) {
        out.add(b);
      }
    }
    out.sort(java.util.Comparator.comparing(Barcode::code));
    return out;
  }

  /** Returns eaches per {@code unit} (a canonical code) of the SKU, or 0 when unknown. */
  public long factor(String sku, String unit) {
    if (unit.equals("EA")) {
      return 1;
    }
    return uom.factor(sku, unit);
  }

  /** Returns the unit cost of a SKU, or null when it is unknown or the SKU is not listed. */
  public BigDecimal cost(String sku) {
    return items.cost(sku);
  }

  /** Returns the class of a SKU, or null when it has none or the SKU is not listed. */
  public String skuClass(String sku) {
    return items.skuClass(sku);
  }

  /** Returns this data with another book: the items, UOM and barcodes are shared. */
  public MasterData withBook(List<BookLine> lines) {
    return new MasterData(items, uom, barcodes, packBook(lines), eachDisputes, itemConflicts,
        uomConflicts);
  }

  /**
   * Returns what the UOM table says of {@code written}, a unit a row of the SKU is in, when it
   * is a spelling of each the table gave another factor ({@code PC,10}): "PC = 10 EA". Null
   * otherwise. A book row or cost in it is then 10 eaches or one, and read as neither.
   */
  public String eachDispute(String sku, String written) {
    if (eachDisputes.isEmpty() || written == null || written.isBlank()) {
      return null;
    }
    String squeezed = UnitCode.squeezed(written);
    return squeezed.equals(UnitCode.EACH) || !UnitCode.isEach(squeezed) ? null
        : eachDisputes.get(disputeKey(sku, squeezed));
  }

  /** Returns the disputed spellings of each, as {@link #withEachDisputes} takes them. */
  public Map<String, String> eachDisputes() {
    return eachDisputes;
  }

  /**
   * Returns this data with the disputes of the UOM table it holds: those of another table, or
   * none when a delivered table replaced the one they came from (it has none: the delivery
   * with one is refused).
   */
  public MasterData withEachDisputes(Map<String, String> disputes) {
    return new MasterData(items, uom, barcodes, book, disputes, itemConflicts, uomConflicts);
  }

  /**
   * Returns this data, built from a WMS delivery over {@code base}, with what {@code base}'s own
   * files disagreed about where those files are still in force: its disputed spellings of each
   * and its UOM conflicts unless a UOM table was delivered, its item conflicts unless an item
   * master was (a delivery that disagrees with itself is refused, so it brings none).
   */
  public MasterData withConflictsOf(MasterData base, boolean itemsDelivered,
      boolean uomDelivered) {
    return new MasterData(items, uom, barcodes, book,
        uomDelivered ? Map.of() : base.eachDisputes, itemsDelivered ? Set.of()
            : base.itemConflicts, uomDelivered ? Set.of() : base.uomConflicts);
  }

  /**
   * Returns true when the item master or UOM table disagreed about the SKU (two costs, two
   * classes, two factors for a unit, a factor for a spelling of each).
   */
  public boolean hasConflict(String sku) {
    return itemConflicts.contains(sku) || uomConflicts.contains(sku);
  }

  private static String disputeKey(String sku, String squeezed) {
    return sku + '\0' + UnitCode.eachWord(squeezed);
  }

  /** Returns the number of distinct locations on the book. */
  public int bookLocationCount() {
    return book.locationCount();
  }

  /** Returns the book lines that name a lot, in book order (made without touching the rest). */
  public List<BookLine> bookLinesWithLot() {
    List<BookLine> out = new ArrayList<>();
    for (int i = 0; i < book.size(); i++) {
      if (book.lotId(i) != 0) {
        out.add(book.get(i));
      }
    }
    return out;
  }

  /**
   * Returns the book lines at each location and SKU that some line names a lot for: those
   * naming a lot, and those there without one (stock the book keeps there with no lot), in book
   * order. Made without touching the rest: a book with no lot costs one pass over its ids.
   */
  public List<BookLine> bookLinesWhereLotsAre() {
    java.util.Set<Long> pairs = new java.util.HashSet<>();
    for (int i = 0; i < book.size(); i++) {
      if (book.lotId(i) != 0) {
        pairs.add(pairKey(i));
      }
    }
    List<BookLine> out = new ArrayList<>();
    for (int i = 0; i < book.size() && !pairs.isEmpty(); i++) {
      if (book.lotId(i) != 0 || pairs.contains(pairKey(i))) {
        out.add(book.get(i));
      }
    }
    return out;
  }

  private long pairKey(int line) {
    return (long) book.locationId(line) << 32 | book.skuId(line) & 0xffffffffL;
  }

  /**
   * Splits the book by zone: each zone's lines, in book order, as a packed read-only list, by
   * zone name. {@code zoneOf} is asked once per distinct location; a null zone drops the
   * location's lines. This is the cheap way to hand each zone its book: iterating
   * {@link #book()} into lists keeps a record and three strings per line.
   */
  public SortedMap<String, List<BookLine>> bookByZone(Function<String, String> zoneOf) {
    return splitByZone(book, zoneOf);
  }

  /**
   * Returns the distinct locations of {@code lines}, in the order they first appear: for a
   * packed book a read-only view of its location dictionary (each text decoded on access, so
   * the view costs no heap), else a new list.
   */
  public static List<String> locationsOf(List<BookLine> lines) {
    if (lines instanceof BookTable t) {
      return new LocationView(t.locations);
    }
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    lines.forEach(l -> seen.add(l.location()));
    return List.copyOf(seen);
  }

  /** A packed book's locations by id: ids are given in order of first appearance. */
  private static final class LocationView extends java.util.AbstractList<String>
      implements java.util.RandomAccess {
    private final TextKeys keys;

    LocationView(TextKeys keys) {
      this.keys = keys;
    }

    @Override
    public String get(int i) {
      if (i < 0 || i >= keys.size()) {
        throw new IndexOutOfBoundsException(i);
      }
      return keys.get(i);
    }

    @Override
    public int size() {
      return keys.size();
    }
  }

  /**
   * Returns {@code lines} as an unmodifiable list without copying a packed book (whose lines
   * are made on access; {@code List.copyOf} would make a record of each), else a copy.
   */
  public static List<BookLine> frozen(List<BookLine> lines) {
    return lines instanceof BookTable ? lines : List.copyOf(lines);
  }

  /** Splits any book as {@link #bookByZone} does (packed per zone, whatever it was). */
  public static SortedMap<String, List<BookLine>> splitByZone(List<BookLine> lines,
      Function<String, String> zoneOf) {
    Map<String, BookTable> zones = new HashMap<>();
    if (lines instanceof BookTable t) {
      BookTable[] byLocation = new BookTable[t.locationCount()];
      boolean[] asked = new boolean[t.locationCount()];
      for (int i = 0; i < t.size(); i++) {
        int loc = t.locationId(i);
        if (!asked[loc]) {
          asked[loc] = true;
          String zone = zoneOf.apply(t.location(i));
          byLocation[loc] = zone == null ? null
              : zones.computeIfAbsent(zone, z -> BookTable.partOf(t, 1024));
        }
        if (byLocation[loc] != null) {
          byLocation[loc].addLine(t, i); // ids and bytes copied: no record, no String
        }
      }
    } else {
      for (BookLine b : lines) {
        String zone = zoneOf.apply(b.location());
        if (zone != null) {
          zones.computeIfAbsent(zone, z -> new BookTable(1024))
              .add(b.location(), b.sku(), b.lot(), b.eaches());
        }
      }
    }
    SortedMap<String, List<BookLine>> out = new TreeMap<>();
    zones.forEach((z, t) -> out.put(z, t.trim()));
    return out;
  }

  ItemTable itemTable() {
    return items;
  }

  UomRows uomRows() {
    return uom;
  }

  CodeTable codeTable() {
    return barcodes;
  }

  BookTable bookTable() {
    return book;
  }

  // ---- packing ------------------------------------------------------------------------------

  private static ItemTable packItems(Map<String, Item> items) {
    if (items instanceof ItemTable t) {
      return t;
    }
    ItemTable t = new ItemTable(items.size());
    items.forEach((sku, i) -> t.put(sku, i.description(), i.unitCost(), i.skuClass()));
    return t.trim();
  }

  private static UomRows packUom(Map<String, Map<String, Long>> uom) {
    if (uom instanceof UomRows t) {
      return t;
    }
    UomRows t = new UomRows(uom.size() * 2);
    uom.forEach((sku, units) -> units.forEach((unit, f) -> t.put(sku, unit, f)));
    return t.trim();
  }

  private static CodeTable packBarcodes(Map<String, Barcode> barcodes) {
    if (barcodes instanceof CodeTable t) {
      return t;
    }
    CodeTable t = new CodeTable(barcodes.size());
    barcodes.forEach((code, b) -> t.put(code, b.sku(), b.unit(), b.written()));
    return t.trim();
  }

  private static BookTable packBook(List<BookLine> book) {
    if (book instanceof BookTable t) {
      return t;
    }
    BookTable t = new BookTable(book.size());
    for (BookLine b : book) {
      t.add(b.location(), b.sku(), b.lot(), b.eaches());
    }
    return t.trim();
  }

  /**
   * Fills master data row by row, straight into its packed form. A later row for the same key
   * replaces the earlier one, as a map's {@code put} would; each method says what was there so
   * that a loader can report the clash. Not thread-safe: one loader fills it, then builds.
   */
  public static final class Builder {
    /** One dictionary of SKUs for all four kinds: each SKU's bytes are kept once. */
    private final TextKeys skus = new TextKeys(1024);
    private ItemTable items;
    private UomRows uom;
    private CodeTable barcodes;
    private BookTable book;
    private final Map<String, String> eachDisputes = new HashMap<>();
    private final Set<String> itemConflicts = new java.util.HashSet<>();
    private final Set<String> uomConflicts = new java.util.HashSet<>();

    private Builder() {}

    /** Notes that the item master gave the SKU two costs or two classes. */
    public void itemConflict(String sku) {
      itemConflicts.add(sku);
    }

    /**
     * Notes that the UOM table gives {@code written}, a spelling of each other than EA, the
     * {@code factor} of another unit for the SKU ({@link MasterData#eachDispute}).
     */
    public void disputeEach(String sku, String written, long factor) {
      uomConflicts.add(sku); // EA given another factor too: it stays one each
      String squeezed = UnitCode.squeezed(written);
      if (!squeezed.equals(UnitCode.EACH) && UnitCode.isEach(squeezed)) {
        eachDisputes.putIfAbsent(disputeKey(sku, squeezed), squeezed + " = " + factor + " EA");
      }
    }

    /** Sets the item of a SKU; returns whether the SKU had one already. */
    public boolean item(String sku, String description, BigDecimal unitCost, String skuClass) {
      if (items == null) {
        items = new ItemTable(skus, 1024);
      }
      return items.put(sku, description, unitCost, skuClass);
    }

    /**
     * Sets eaches per {@code unit} (a canonical code) of a SKU; returns the factor it had, or 0.
     *
     * @throws IllegalArgumentException when the factor is not above 0 (loaders reject it first)
     */
    public long uom(String sku, String unit, long eachesPerUnit) {
      if (uom == null) {
        uom = new UomRows(skus, 4096);
      }
      return uom.put(sku, unit, eachesPerUnit);
    }

    /** Returns the item of a SKU set so far, or null. */
    public Item itemOf(String sku) {
      return items == null ? null : items.get(sku);
    }

    /** Returns eaches per {@code unit} (a canonical code) of a SKU so far, or 0 when unknown. */
    public long factor(String sku, String unit) {
      return unit.equals("EA") ? 1 : uom == null ? 0 : uom.factor(sku, unit);
    }

    /** Takes a unit away from a SKU (two factors for it were given); returns whether it had it. */
    public boolean withdrawUom(String sku, String unit) {
      uomConflicts.add(sku);
      return uom != null && uom.withdraw(sku, unit);
    }

    /** Returns what a barcode stands for so far, or null. */
    public Barcode barcodeOf(String code) {
      return barcodes == null ? null : barcodes.find(code);
    }

    /**
     * Takes a barcode out: it was given {@code sku} / {@code unit} besides what it stands for
     * (or stood for, when taken out already). Every meaning it was given is kept, for the
     * refusal of its scans. Returns whether it stood for something until now.
     */
    public boolean withdrawBarcode(String code, String sku, String unit) {
      return barcodes != null && barcodes.withdraw(code, sku, unit);
    }

    /**
     * Keeps a barcode row out with the reason it cannot be counted as written; a scan of its
     * code is then held, saying the reason. A code that stands for something is left as is.
     */
    public void refuseBarcode(RefusedBarcode row) {
      if (barcodes == null) {
        barcodes = new CodeTable(skus, 1024);
      }
      barcodes.refuse(row);
    }

    /** Returns the refused row kept for a code ({@link #refuseBarcode}), or null. */
    public RefusedBarcode refusedBarcodeOf(String code) {
      return barcodes == null ? null : barcodes.refusedOf(code);
    }

    /** Sets what a barcode stands for; returns the SKU it stood for, or null when new. */
    public String barcode(String code, String sku, String unit) {
      return barcode(code, sku, unit, unit);
    }

    /**
     * As {@link #barcode(String, String, String)}, the unit {@code written} by its row as
     * {@link io.dockcount.core.UnitCode#squeezed} gives it ({@code PAL} for {@code PL}).
     */
    public String barcode(String code, String sku, String unit, String written) {
      if (barcodes == null) {
        barcodes = new CodeTable(skus, 1024);
      }
      return barcodes.put(code, sku, unit, written);
    }

    /** Adds a book line (lines of one SKU at one location add up when stored). */
    public void bookLine(String location, String sku, String lot, long eaches) {
      bookFor(location, sku, lot).add(location, sku, lot, eaches);
    }

    /**
     * Adds eaches to the book line of the same location, SKU and lot, or adds the line: lines
     * keep the order their keys first appeared in. A book is filled either by this or by
     * {@link #bookLine}, not both.
     */
    public void bookLineSummed(String location, String sku, String lot, long eaches) {
      bookFor(location, sku, lot).merge(location, sku, lot, eaches);
    }

    /** Checks a book line's key and returns the book, made on the first line. */
    private BookTable bookFor(String location, String sku, String lot) {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(lot, "lot");
      if (book == null) {
        book = new BookTable(skus, 4096);
      }
      return book;
    }

    /** Returns the items so far as a packed, read-only map (empty when none were added). */
    public Map<String, Item> itemMap() {
      items = (items == null ? new ItemTable(skus, 0) : items).trim();
      return items;
    }

    /** Returns the UOM rows so far as a packed, read-only map. */
    public Map<String, Map<String, Long>> uomMap() {
      uom = (uom == null ? new UomRows(skus, 0) : uom).trim();
      return uom;
    }

    /** Returns the barcodes so far as a packed, read-only map. */
    public Map<String, Barcode> barcodeMap() {
      barcodes = (barcodes == null ? new CodeTable(skus, 0) : barcodes).trim();
      return barcodes;
    }

    /** Returns the book lines so far as a packed, read-only list. */
    public List<BookLine> bookList() {
      book = (book == null ? new BookTable(skus, 0) : book).trim();
      return book;
    }

    /** Returns the data; the builder must not be used after this. */
    public MasterData build() {
      return new MasterData((ItemTable) itemMap(), (UomRows) uomMap(),
          (CodeTable) barcodeMap(), (BookTable) bookList(), eachDisputes, itemConflicts,
          uomConflicts);
    }
  }
}
