package io.dockcount.wms;

import io.dockcount.core.BookQuantity;
import io.dockcount.core.DecimalReader;
import io.dockcount.core.KeyText;
import io.dockcount.core.PackLevels;
import io.dockcount.core.UnitCode;
import io.dockcount.core.UnitCost;
import io.dockcount.core.UomChains;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.station.StationRules;
import io.dockcount.csv.ColumnMap;
import io.dockcount.csv.DecimalStyle;
import io.dockcount.csv.ReconcileInputs;
import io.dockcount.csv.TextRow;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole delivery and turns it into {@link WmsData}, with the rules of the service's
 * CSV files ({@link io.dockcount.app.MasterDataFiles}): SKUs, locations, lots and barcodes are
 * text (leading zeros kept); quantities are whole eaches (a book row in another unit is
 * converted with the UOM table, whose factors counting another unit, {@code PL,40,CS}, are
 * resolved through their chain as reconcile resolves them); costs are exact decimals; unit
 * codes are canonical. Unlike the
 * start-up files, a delivery is all or nothing: one bad row, a missing column or an empty book
 * rejects it, since half a book would replace a good one.
 *
 * <p>The content hash covers each kind's header and values (not where they came from), and the
 * factors a book row was converted with, so the same content delivered twice in a row, through
 * any source, is one snapshot.
 */
public final class SnapshotParser {
  /** The stations' own labels, which a barcode row must not read as. */
  private static final StationRules STATION_LABELS = StationRules.defaults();

  /** Most problems listed in one report; the count of the rest is given. */
  static final int MAX_PROBLEMS = 200;

  /** The outcome: data when {@code problems} is empty. */
  public record Parsed(WmsData data, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final ColumnMap columns;
  private final DecimalReader number = new DecimalReader();
  private final List<String> problems = new ArrayList<>();
  private int more;
  private Disputes disputes = (sku, unit) -> null;
  /** The units of the UOM table this delivery is read with: a site's own codes. */
  private java.util.function.Supplier<Set<String>> siteUnits = Set::of;
  /**
   * The table being read's columns that its first values made no unit column (headed Units,
   * or a unit column of plain numbers): a unit below their figures refuses the delivery, as
   * reconcile rejects its row.
   */
  private List<ColumnMap.Unread> unread = List.of();

  /**
   * The header of the items table's column its costs are per, as the file writes it ({@code
   * Price Unit}): a refused cost names it as reconcile and the start-up file do.
   */
  private String costUnitHeader = "cost_uom";

  private SnapshotParser(ColumnMap columns) {
    this.columns = columns;
  }

  /**
   * Checks the tables of one delivery (at most one per kind).
   *
   * @param source names the delivery in the store and in reports
   */
  public static Parsed parse(List<RawTable> tables, String source, ColumnMap columns) {
    return parse(tables, source, columns, Map.of());
  }

  /**
   * Checks the tables of one delivery; a book row in another unit than each is converted with
   * the delivery's UOM table, or {@code uomInForce} when it brings none.
   *
   * @param source names the delivery in the store and in reports
   */
  public static Parsed parse(List<RawTable> tables, String source, ColumnMap columns,
      Map<String, Map<String, Long>> uomInForce) {
    return new SnapshotParser(columns).run(tables, source, uomInForce, (sku, unit) -> null);
  }

  /**
   * Checks the tables of one delivery against the master data in force: its UOM table
   * converts a book row in another unit than each when the delivery brings none, and a book
   * row, cost or barcode in a spelling of each it disputes ({@code PC,10}) refuses the
   * delivery, as {@code reconcile} rejects such a row.
   *
   * @param source names the delivery in the store and in reports
   */
  public static Parsed parse(List<RawTable> tables, String source, ColumnMap columns,
      MasterData inForce) {
    return new SnapshotParser(columns).run(tables, source, inForce.uom(),
        inForce::eachDispute);
  }

  /** What a UOM table says of a unit as written for a SKU ({@link MasterData#eachDispute}). */
  private interface Disputes {
    String of(String sku, String written);
  }

  private Parsed run(List<RawTable> tables, String source,
      Map<String, Map<String, Long>> uomInForce, Disputes disputesInForce) {
    Map<String, RawTable> byKind = new HashMap<>();
    for (RawTable t : tables) {
      if (!WmsSettings.KINDS.contains(t.kind())) {
        problem(t.origin() + ": unknown kind of data '" + t.kind() + "'");
      } else if (byKind.putIfAbsent(t.kind(), t) != null) {
        problem(t.origin() + ": a second " + t.kind() + " table in one delivery");
      }
    }
    if (byKind.isEmpty() && problems.isEmpty()) {
      problem(source + ": nothing delivered");
    }
    RawTable it = byKind.get("items");
    RawTable um = byKind.get("uom");
    RawTable bc = byKind.get("barcodes");
    RawTable bk = byKind.get("book");
    Map<String, Map<String, Long>> uom = um == null ? null : uom(um);
    Map<String, Map<String, Long>> factors = uom != null ? uom : uomInForce;
    siteUnits = () -> unitsOf(factors);
    // A delivered table has no disputed spelling of each: one giving PC a factor is refused.
    disputes = um == null ? disputesInForce : (sku, unit) -> null;
    Map<String, MasterData.Item> items = it == null ? null : items(it, factors);
    List<MasterData.BookLine> book = bk == null ? null : book(bk, factors);
    WmsData data = new WmsData(items, uom,
        bc == null ? null : barcodes(bc), book, hash(byKind, factorsUsed), source);
    if (more > 0) {
      problems.add("... and " + more + " more problems");
    }
    return new Parsed(problems.isEmpty() ? data : null, List.copyOf(problems));
  }

  private interface RowReader {
    void read(RawTable.Row row, String[] v, String at);
  }

  private void each(RawTable t, List<String> required, List<String> optional, RowReader r) {
    int[] col;
    unread = List.of();
    try {
      col = columns.resolve(t.kind(), t.origin(), t.header(), required, optional);
      List<ColumnMap.Unread> judged = new ArrayList<>(0);
      if (t.kind().equals("book")) {
        col[4] = unlessFigures(t, ColumnMap.bookUnitColumn(t.header(), col), judged);
      }
      if (t.kind().equals("uom")) {
        col[3] = unlessFigures(t, ColumnMap.factorUnitColumn(t.header(), col), judged);
      }
      if (t.kind().equals("items")) {
        col[4] = unlessFigures(t, ColumnMap.costUnitColumn(t.header(), new int[] {col[0],
            col[1], col[3], col[4]}), judged);
      }
      if ((t.kind().equals("book") || t.kind().equals("items")) && col[4] < 0) {
        col[4] = unitsColumn(t, col, judged);
        if (col[4] == REFUSED) {
          return;
        }
      }
      unread = List.copyOf(judged);
      if (t.kind().equals("items") && col[4] >= 0) {
        costUnitHeader = t.header().get(col[4]).strip();
      }
    } catch (ColumnMap.MissingColumnException e) {
      problem(e.getMessage());
      return;
    }
    List<String> names = new ArrayList<>(required);
    names.addAll(optional);
    List<String> mustHave = required.stream().filter(f -> !f.equals("unit_cost")).toList();
    number.decimalComma(t.decimalComma(), DecimalStyle.SERVICE_DECLARATION);
    number.groupingAmbiguous(t.dotMayGroup());
    for (RawTable.Row row : t.rows()) {
      String at = t.origin() + ": " + row.where() + key(t, row, col, names) + ": ";
      if (row.problem() != null) {
        problem(at + "unreadable row: " + row.problem());
        continue;
      }
      if (headerAgain(t, row)) {
        // Said as reconcile and the start-up files say it, not as a quantity that is no number.
        problem(at + ColumnMap.HEADER_AGAIN);
        continue;
      }
      String[] v = fields(t, row, col, names, mustHave, at, this::problem);
      if (v != null) {
        r.read(row, v, at);
      }
    }
  }

  /** Returns the units {@code factors} gives some SKU a factor for (canonical codes). */
  private static Set<String> unitsOf(Map<String, Map<String, Long>> factors) {
    Set<String> units = new java.util.HashSet<>();
    if (factors != null) {
      factors.values().forEach(f -> units.addAll(f.keySet()));
    }
    return units;
  }

  /** What {@link #unitsColumn} returns when it refused the table. */
  private static final int REFUSED = -2;

  /**
   * Returns the book's or item master's column headed {@code Units} whose first rows name units,
   * as {@code reconcile} and the start-up files find it ({@link ColumnMap#unitsColumn}), or -1.
   * One whose words name no unit known, nor one the UOM table it is read with names, refuses
   * the delivery ({@link #REFUSED}): nobody reads a note on a delivery, and read without it 2
   * cases of a site's own code would be 2 eaches.
   */
  private int unitsColumn(RawTable t, int[] col, List<ColumnMap.Unread> judged) {
    boolean book = t.kind().equals("book");
    String field = book ? "book.book_uom" : "items.cost_uom";
    ColumnMap.UnitsColumn units = ColumnMap.unitsColumn(t.header(), col, c -> t.rows().stream()
        .filter(r -> !headerAgain(t, r))
        .map(r -> c < r.values().size() ? r.values().get(c) : null)
        .filter(v -> v != null && !v.isBlank()).limit(16).toList(),
        siteUnits, t.origin(), field);
    String refusal = units.refusal(t.origin(), field);
    if (refusal != null) {
      problem(refusal);
      return REFUSED;
    }
    judged.addAll(units.unread());
    return units.read();
  }

  /**
   * Returns {@code column}, a unit column of the table found by its header, or -1 when its
   * first rows hold plain numbers only ({@link ColumnMap#figuresOnly}), as reconcile and the
   * start-up files read it: then the column joins {@code judged}, where a unit further down
   * refuses the delivery. Nothing is noted: a delivery read so is read as reconcile reads it.
   */
  private int unlessFigures(RawTable t, int column, List<ColumnMap.Unread> judged) {
    if (column < 0) {
      return column;
    }
    List<String> first = t.rows().stream().limit(16)
        .filter(r -> r.problem() == null && !headerAgain(t, r))
        .map(r -> column < r.values().size() ? r.values().get(column) : "").toList();
    ColumnMap.Unread figures = columns.figuresOnly(t.kind(), t.header(), column, first);
    if (figures == null) {
      return column;
    }
    judged.add(figures);
    return -1;
  }

  /** Returns true when {@code r} is {@code t}'s header again ({@link ColumnMap#isHeaderAgain}). */
  private static boolean headerAgain(RawTable t, RawTable.Row r) {
    return ColumnMap.isHeaderAgain(t.header(), r.values().size(), r.values()::get);
  }

  /**
   * Returns why {@code row} is refused for a unit in a column of {@link #unread} (its quantity
   * may be in it, or its cost per it), or null. A spelling of each ({@code PC}) refuses the
   * row of {@code sku} whose UOM table gives it another factor, and any UOM row's ({@code sku}
   * null), as in the start-up files.
   */
  private String hiddenUnit(RawTable.Row row, String sku) {
    List<String> values = row.values();
    return ColumnMap.Unread.refusalIn(unread, c -> c < values.size() ? values.get(c) : null,
        w -> sku == null || disputes.of(sku, w) != null);
  }

  /**
   * Returns the fields of a row ({@code col}, named {@code names}) stripped, null where absent
   * or blank; or null when one of {@code mustHave} is blank or a field holds what no key, number
   * or unit has, each said to {@code problem} after {@code at}. A row from a file, a database or
   * an API is checked as the {@code reconcile} command checks a file's ({@link TextRow}): a key
   * of invisible characters or a spreadsheet's empty text guard {@code =""} is blank, and a
   * stray quote ({@code A-01-01"}) or a control character is refused, never kept in a key. A
   * description is free text, where an inch mark is at home.
   */
  static String[] fields(RawTable t, RawTable.Row row, int[] col, List<String> names,
      List<String> mustHave, String at, java.util.function.Consumer<String> problem) {
    TextRow text = new TextRow(row.values());
    List<String> keys = KEYS.getOrDefault(t.kind(), List.of());
    String[] v = new String[col.length];
    boolean usable = true;
    for (int i = 0; i < col.length; i++) {
      String name = names.get(i);
      String raw = col[i] < 0 || col[i] >= row.values().size() ? null : row.values().get(col[i]);
      String fault = raw == null || name.equals("description") ? null
          : ReconcileInputs.textFault(text, col[i]);
      if (fault == null && raw != null && KeyText.ERROR_VALUE_FIELDS.contains(name)
          && ReconcileInputs.spreadsheetError(text, col[i])) {
        fault = KeyText.ERROR_VALUE; // a lookup that failed: as a key, every such row one
      }
      if (fault != null) {
        problem.accept(at + name + " '" + raw.strip() + "' " + fault);
        usable = false;
      } else if (raw != null && !raw.isBlank()
          && !(keys.contains(name) && ReconcileInputs.blankKey(text, col[i]))) {
        v[i] = raw.strip();
      } else if (mustHave.contains(name)) {
        problem.accept(at + name + " is blank");
        usable = false;
      }
    }
    return usable ? v : null;
  }

  /** The fields that name a row of each kind in the WMS, in the order they are said. */
  private static final Map<String, List<String>> KEYS = Map.of(
      "book", List.of("sku", "location", "lot"), "items", List.of("sku"),
      "uom", List.of("sku", "uom"), "barcodes", List.of("barcode", "sku"),
      "movements", List.of("movement_id", "sku", "location", "lot"));

  /** Longest key value quoted in a report; a longer one is cut and marked. */
  private static final int KEY_CLIP = 40;

  /**
   * Returns the row's key as far as it is readable, {@code " (sku 00913, location A-01-02-B,
   * lot L7)"}, for a {@link RawTable#keyed()} table (a database or API row, which a position
   * alone does not find in the WMS); "" for a file's line or when no key field has a value.
   *
   * @param col the header index of each of {@code names}, -1 when absent
   */
  static String key(RawTable t, RawTable.Row row, int[] col, List<String> names) {
    if (!t.keyed()) {
      return "";
    }
    java.util.StringJoiner out = new java.util.StringJoiner(", ", " (", ")").setEmptyValue("");
    for (String k : KEYS.getOrDefault(t.kind(), List.of())) {
      int i = names.indexOf(k);
      String v = i < 0 || col[i] < 0 || col[i] >= row.values().size() ? null
          : row.values().get(col[i]);
      if (v != null && !v.isBlank()) {
        String s = v.strip();
        out.add(k + " " + (s.length() > KEY_CLIP ? s.substring(0, KEY_CLIP) + "..." : s));
      }
    }
    return out.toString();
  }

  private Map<String, MasterData.Item> items(RawTable t, Map<String, Map<String, Long>> uom) {
    MasterData.Builder out = MasterData.builder();
    each(t, List.of("sku", "unit_cost"), List.of("description", "class", "cost_uom"),
        (row, v, at) -> {
      BigDecimal cost = null;
      if (v[1] != null) {
        // Refused in the words reconcile and the start-up file refuse it with.
        String refused = !number.read(v[1]) ? UnitCost.notPlainNumber(number.error())
            : number.toBigDecimal().signum() < 0 ? UnitCost.NEGATIVE : null;
        if (refused != null) {
          problem(at + "unit_cost '" + v[1] + "': " + refused);
          return;
        }
        cost = number.toBigDecimal();
      }
      String hidden = cost == null ? null : hiddenUnit(row, v[0]);
      if (hidden != null) {
        problem(at + hidden);
        return;
      }
      String disputed = cost == null || v[4] == null ? null : disputes.of(v[0], v[4]);
      if (disputed != null) {
        problem(at + "unit_cost is per " + UnitCode.squeezed(v[4]) + " of sku " + v[0]
            + ", which the UOM table in force makes " + disputed + " but reads as each: 1 or "
            + "more eaches, a guess either way");
        return;
      }
      if (cost != null && v[4] != null && !UnitCode.isEach(v[4])) {
        // 24.00 a case of 12 is 2.00 an each, as reconcile reads it; never 24.00 an each.
        UnitCost.PerEach per = UnitCost.perEach(cost, v[4], costUnitHeader, v[1].strip(), v[0],
            unit -> factor(uom, v[0], unit), t.decimalComma());
        if (!per.ok()) {
          problem(at + per.problem());
          return;
        }
        if (!per.count()) {
          factorsUsed.add(v[0] + '\0' + per.unit() + '\0' + per.eaches());
        }
        cost = per.cost();
      }
      MasterData.Item had = out.itemOf(v[0]);
      String clash = had == null ? null : clash(had, cost, v[3]);
      if (clash != null) {
        problem(at + "sku " + v[0] + " is listed twice, " + clash);
      } else if (had != null) {
        // The same again, or none: the first stands, as reconcile and the start-up file read
        // it; a row without a cost or class takes none away.
        out.item(v[0], had.description() != null ? had.description() : v[2],
            had.unitCost() != null ? had.unitCost() : cost,
            had.skuClass() != null ? had.skuClass() : v[3]);
      } else {
        out.item(v[0], v[2], cost, v[3]);
      }
    });
    return out.itemMap();
  }

  /**
   * Returns how a second row of a SKU ({@code cost}, {@code skuClass}) is at odds with its
   * first ({@code had}): another cost or class, either a guess; null when it gives the same
   * again or none, which {@code reconcile} and the start-up file read without a word.
   */
  private static String clash(MasterData.Item had, BigDecimal cost, String skuClass) {
    if (cost != null && had.unitCost() != null && had.unitCost().compareTo(cost) != 0) {
      return "with the unit costs " + had.unitCost().toPlainString() + " and "
          + cost.toPlainString();
    }
    if (skuClass != null && had.skuClass() != null && !had.skuClass().equals(skuClass)) {
      return "with the classes " + had.skuClass() + " and " + skuClass;
    }
    return null;
  }

  private Map<String, Map<String, Long>> uom(RawTable t) {
    MasterData.Builder out = MasterData.builder();
    UomChains<Where> chains = new UomChains<>();
    // Where each SKU's unit was first given a factor: a refusal of the table says the line.
    Map<String, String> givenAt = new HashMap<>();
    each(t, List.of("sku", "uom", "qty_per_uom"), List.of("base_uom"), (row, v, at) -> {
      if (!number.read(v[2])) {
        problem(at + "qty_per_uom '" + v[2] + "' is not a plain number: " + number.error());
        return;
      }
      long factor = number.wholeValue();
      if (factor <= 0) {
        problem(at + "qty_per_uom '" + v[2] + "' must be a whole number of eaches above 0");
        return;
      }
      String hidden = hiddenUnit(row, null); // PL,40 with CS below a base unit column of figures
      if (hidden != null) {
        problem(at + "sku " + v[0] + ": " + hidden);
        return;
      }
      String unit = UnitCode.canonical(v[1]);
      String eachProblem = unit.equals(UnitCode.EACH) ? UnitCode.eachWithFactor(v[1], factor)
          : null;
      if (eachProblem != null) {
        problem(at + "sku " + v[0] + ": " + eachProblem);
        return;
      }
      if (v[3] != null && !UnitCode.isEach(v[3]) && !UnitCode.canonical(v[3]).equals(unit)) {
        // PL = 40 CS: known in eaches once CS is, which a later row may give.
        chains.add(v[0], unit, factor, UnitCode.canonical(v[3]), new Where(at, v[3]));
        return;
      }
      long was = out.uom(v[0], unit, factor);
      givenAt.putIfAbsent(v[0] + '\0' + unit, at);
      if (was != 0 && was != factor) {
        problem(at + "sku " + v[0] + " unit " + unit + " has two factors: " + was + " and "
            + factor);
      }
    });
    chains.resolve(new Chained(out, givenAt));
    // CS,4 beside IP,6: refused as reconcile and the start-up file refuse it, on its line.
    out.uomMap().forEach((sku, factors) -> PackLevels.refused(factors).forEach((unit, why) ->
        problem(givenAt.getOrDefault(sku + '\0' + unit, t.origin() + ": ") + "sku " + sku
            + ": " + why)));
    return out.uomMap();
  }

  /** A UOM row counting another unit: where it is, and that unit as written. */
  private record Where(String at, String written) {}

  /**
   * The delivery's UOM table as its chains resolve into it: a row that cannot resolve is a
   * problem, so the delivery is refused.
   */
  private final class Chained extends UomChains.ByCode<Where> {
    private final MasterData.Builder out;

    private final Map<String, String> givenAt;

    Chained(MasterData.Builder out, Map<String, String> givenAt) {
      this.out = out;
      this.givenAt = givenAt;
    }

    @Override
    protected long factor(String sku, String unit) {
      return out.factor(sku, unit);
    }

    @Override
    public String put(UomChains.Link<Where> row, long eaches) {
      long was = out.uom(row.sku(), row.unit(), eaches);
      givenAt.putIfAbsent(row.sku() + '\0' + row.unit(), row.origin().at());
      if (was != 0 && was != eaches) {
        out.withdrawUom(row.sku(), row.unit());
        return "sku " + row.sku() + " unit " + row.unit() + " has two factors: " + was
            + " and " + eaches + " (" + row.factor() + " " + row.via() + ")";
      }
      return null;
    }

    @Override
    public void withdraw(UomChains.Link<Where> row) {
      out.withdrawUom(row.sku(), row.unit());
    }

    @Override
    public void rejected(UomChains.Rejection<Where> r) {
      Where w = r.row().origin();
      problem(w.at() + (r.problem() == UomChains.Problem.TWO_FACTORS ? r.reason()
          : "sku " + r.row().sku() + ": base_uom '" + w.written() + "': " + r.reason()));
    }
  }

  private Map<String, MasterData.Barcode> barcodes(RawTable t) {
    MasterData.Builder out = MasterData.builder();
    each(t, List.of("barcode", "sku"), List.of("uom"), (row, v, at) -> {
      String unit = v[2] == null ? UnitCode.EACH : UnitCode.canonical(v[2]);
      // Kept under its lookup key, as the start-up files keep it: one GTIN in two forms
      // (5412345000013, 05412345000013) is one barcode.
      String refusal = BarcodeTable.refusal(v[0]);
      if (refusal == null) {
        refusal = STATION_LABELS.shadowedBarcode(v[0]);
      }
      if (refusal != null) {
        problem(at + refusal);
        return;
      }
      String disputed = v[2] == null ? null : disputes.of(v[1], v[2]);
      if (disputed != null) {
        problem(at + "barcode " + v[0] + " counts " + UnitCode.squeezed(v[2]) + " of sku "
            + v[1] + ", which the UOM table in force makes " + disputed + " but reads as each");
        return;
      }
      String code = BarcodeTable.key(v[0]);
      MasterData.Barcode was = out.barcodeOf(code);
      if (was != null && !was.sku().equals(v[1])) {
        problem(at + "barcode " + v[0] + " stands for both " + was.sku() + " and " + v[1]);
      } else if (was != null && !was.unit().equals(unit)) {
        problem(at + "barcode " + v[0] + " stands for both " + was.unit() + " and " + unit
            + " of " + v[1]);
      }
      out.barcode(code, v[1], unit, v[2] == null ? unit : UnitCode.squeezed(v[2]));
    });
    return out.barcodeMap();
  }

  /** Per book row or cost converted from another unit: its SKU, unit and factor, in order. */
  private final java.util.SortedSet<String> factorsUsed = new java.util.TreeSet<>();

  private List<MasterData.BookLine> book(RawTable t, Map<String, Map<String, Long>> uom) {
    MasterData.Builder out = MasterData.builder();
    each(t, List.of("sku", "location", "book_qty"), List.of("lot", "book_uom"), (row, v, at) -> {
      if (!number.read(v[2])) {
        problem(at + "book_qty '" + v[2] + "' is not a plain number: " + number.error());
        return;
      }
      String hidden = number.unscaled() == 0 ? null : hiddenUnit(row, v[0]); // 0 is 0 of any
      if (hidden != null) {
        problem(at + hidden);
        return;
      }
      String disputed = v[4] == null || number.unscaled() == 0 ? null
          : disputes.of(v[0], v[4]);
      if (disputed != null) {
        // 10 eaches or one: reconcile rejects the row, so its line's book is never a guess
        // (0 PC is 0 eaches either way).
        problem(at + "book_qty is in " + UnitCode.squeezed(v[4]) + " of sku " + v[0]
            + ", which the UOM table in force makes " + disputed + " but reads as each");
        return;
      }
      String unit = v[4] == null || UnitCode.isEach(v[4]) ? UnitCode.EACH
          : UnitCode.canonical(v[4]);
      // 10 CS is converted as reconcile converts it; read as eaches it would be a book of 10.
      long factor = factor(uom, v[0], unit);
      BookQuantity.Eaches qty = BookQuantity.inEaches(number, v[2], v[0], unit,
          v[4] == null ? unit : v[4], factor);
      if (!qty.ok()) {
        problem(at + qty.problem());
        return;
      }
      if (!unit.equals(UnitCode.EACH)) {
        factorsUsed.add(v[0] + '\0' + unit + '\0' + factor);
      }
      out.bookLine(v[1], v[0], v[3] == null ? "" : v[3], qty.eaches());
    });
    List<MasterData.BookLine> lines = out.bookList();
    if (lines.isEmpty() && t.rows().isEmpty()) {
      problem(t.origin() + ": the book has no rows; an empty book would empty every zone");
    }
    return lines;
  }

  /** Eaches per canonical {@code unit} of {@code sku} in a UOM table, 0 when it has none. */
  private static long factor(Map<String, Map<String, Long>> uom, String sku, String unit) {
    Map<String, Long> units = uom.get(sku);
    Long f = units == null ? null : units.get(unit);
    return f == null ? 0 : f;
  }

  private void problem(String text) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(text);
    } else {
      more++;
    }
  }

  /**
   * Hashes the tables, and the factors a book row in another unit was converted with: the same
   * book in cases is another book once the UOM table in force gives a case another factor. The
   * factors a delivered UOM table's chains resolve to follow from its own rows, hashed here.
   */
  private static String hash(Map<String, RawTable> byKind, java.util.SortedSet<String> factors) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (!factors.isEmpty()) {
        field(sha, "converted with");
        factors.forEach(f -> field(sha, f));
      }
      for (String kind : WmsSettings.KINDS) {
        RawTable t = byKind.get(kind);
        if (t == null) {
          continue;
        }
        // Length-prefixed fields: no two different tables hash the same bytes.
        field(sha, kind);
        if (t.decimalComma()) {
          // The same bytes read otherwise (2.5 refused, 1.000 a thousand): no duplicate.
          field(sha, "decimal comma");
        }
        t.header().forEach(h -> field(sha, h.strip().toLowerCase(java.util.Locale.ROOT)));
        for (RawTable.Row r : t.rows()) {
          field(sha, "\n" + r.values().size());
          r.values().forEach(v -> field(sha, v == null ? "\0" : v));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void field(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
    sha.update(b);
  }
}
