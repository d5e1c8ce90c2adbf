package io.dockcount.app;

import io.dockcount.core.BookQuantity;
import io.dockcount.core.DecimalReader;
import io.dockcount.core.KeyText;
import io.dockcount.core.PackLevels;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.UnitCode;
import io.dockcount.core.UnitCost;
import io.dockcount.core.UomChains;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.core.station.StationRules;
import io.dockcount.csv.ColumnMap;
import io.dockcount.csv.CsvScanner;
import io.dockcount.csv.DecimalStyle;
import io.dockcount.csv.ReconcileInputs;
import io.dockcount.csv.RowSource;
import io.dockcount.store.MasterData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads the service's master data files (book, items, UOM, barcodes) with the {@code reconcile}
 * command's CSV reader and column names, so one column mapping serves both.
 *
 * <p>Columns: book {@code sku, location, book_qty [, lot]}; items {@code sku, unit_cost
 * [, description, class]}; UOM {@code sku, uom, qty_per_uom [, base_uom]} (a factor
 * counting another unit, {@code PL,40,CS}, is resolved to eaches through its chain, as
 * reconcile resolves it); barcodes {@code barcode, sku [, uom]}. A bad row is skipped and
 * described in {@link Loaded#rejections()}; a missing file or column stops the load. Rows
 * that disagree are never settled by a guess: a SKU given two costs or two classes has none,
 * a unit given two factors for a SKU has none (its scans are refused), and a barcode given two
 * meanings is unknown. Of two descriptions the first is kept.
 */
public final class MasterDataFiles {
  /** The stations' own labels, which a barcode row must not read as. */
  private static final StationRules STATION_LABELS = StationRules.defaults();

  /**
   * The loaded data, a hash of the files' bytes, the rows that were skipped, how many of those
   * were book rows, and notes on rows kept as written that look damaged (a barcode that lost
   * its leading zero).
   */
  public record Loaded(MasterData data, String contentHash, String source,
      List<String> rejections, int bookRowsRejected, List<String> notes) {}

  private final ColumnMap columns;
  private final DecimalReader number = new DecimalReader();
  private final List<String> rejections = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** The line of each barcode kept in a unit other than each, in file order. */
  private final Map<String, Long> barcodeLines = new java.util.LinkedHashMap<>();
  private int bookRowsRejected;
  /** Filled row by row: the rows go straight into packed storage, never into maps. */
  private final MasterData.Builder data = MasterData.builder();
  /**
   * SKUs given two costs or two classes, SKU-unit keys given two factors, codes given two
   * meanings.
   */
  private final Set<String> noCost = new HashSet<>();
  private final Set<String> noClass = new HashSet<>();
  private final Set<String> noFactor = new HashSet<>();
  private final Set<String> noCode = new HashSet<>();
  /**
   * SKU and unit spelling read as each (PC) that the UOM table gave another factor, with that
   * row's spelling and factor ({@code PC = 10}).
   */
  private final Map<String, String> eachConflicts = new HashMap<>();
  /** The same disputes as reconcile words them ({@link UnitCode#eachDisputed}), by the key. */
  private final Map<String, String> eachDisputes = new HashMap<>();
  /** The units the UOM table names (canonical), rows refused or not: a site's own codes. */
  private final Set<String> tableUnits = new HashSet<>();
  /**
   * The file being read's columns that its first values made no unit column (headed Units, or
   * a unit column of plain numbers): a unit below their figures refuses its row, as in
   * reconcile.
   */
  private List<ColumnMap.Unread> unread = List.of();
  /** The item rows whose cost has a unit column, read before the UOM table can say of it. */
  private final List<CostUnit> costUnits = new ArrayList<>();
  /** The UOM rows counting another unit or a spelling of each, resolved after the table. */
  private final UomChains<ChainRow> chains = new UomChains<>();

  private final VariableMeasure layouts;
  /** The files' numbers are written with a decimal comma, as the site declares. */
  private final boolean decimalComma;

  private MasterDataFiles(ColumnMap columns, VariableMeasure layouts, boolean decimalComma) {
    this.columns = columns;
    this.layouts = layouts;
    this.decimalComma = decimalComma;
  }

  /**
   * Names an input file that is not there, and for a relative path where it was looked for:
   * the working directory, which under a shell is rarely the config file's.
   */
  public static String notThere(Path file) {
    return file + (file.isAbsolute() ? "" : " (" + file.toAbsolutePath().normalize()
        + ": a relative path is read from the working directory)") + ": no such file";
  }

  /**
   * Refuses the start naming every configured file that is not there, one line each (book,
   * items, uom, barcodes), as {@code check-config} lists them: named one at a time, a site
   * missing two files found the second only after restarting for the first.
   */
  private static void missing(ServiceSettings.Inputs in) {
    StringJoiner lines = new StringJoiner("\n");
    String[] kinds = {"book", "items", "uom", "barcodes"};
    Path[] files = {in.book(), in.items(), in.uom(), in.barcodes()};
    for (int i = 0; i < files.length; i++) {
      if (files[i] != null && Files.isDirectory(files[i])) {
        lines.add("dockcount.inputs." + kinds[i] + ": " + files[i] + ": a directory, not a file");
      } else if (files[i] != null && !Files.exists(files[i])) {
        lines.add("dockcount.inputs." + kinds[i] + ": " + notThere(files[i]));
      }
    }
    if (lines.length() > 0) {
      throw new IllegalArgumentException(lines.toString());
    }
  }

  /**
   * Loads the configured files; the book is required, the others optional.
   *
   * @throws IllegalArgumentException naming the file when one is missing or lacks a column
   */
  public static Loaded load(ServiceSettings.Inputs in, ColumnMap columns) {
    return load(in, columns, false);
  }

  /**
   * Loads the configured files; without a book file when {@code bookFromWms} (a WMS source is
   * configured: the zones start when it delivers a book), else the book is required.
   *
   * @throws IllegalArgumentException naming the file when one is missing or lacks a column
   */
  public static Loaded load(ServiceSettings.Inputs in, ColumnMap columns, boolean bookFromWms) {
    return load(in, columns, bookFromWms, VariableMeasure.NONE);
  }

  /**
   * Loads the files as {@link #load(ServiceSettings.Inputs, ColumnMap, boolean)} does, with the
   * site's variable-measure layouts: a barcode they read whose unit is a weight or measure is
   * rejected with its line, and its scans are held saying why.
   *
   * @throws IllegalArgumentException naming the file when one is missing or lacks a column
   */
  public static Loaded load(ServiceSettings.Inputs in, ColumnMap columns, boolean bookFromWms,
      VariableMeasure layouts) {
    return load(in, columns, bookFromWms, layouts, false);
  }

  /**
   * Loads the files as {@link #load(ServiceSettings.Inputs, ColumnMap, boolean,
   * VariableMeasure)} does; with {@code decimalComma} (the site's {@code
   * dockcount.reconcile.decimal-comma}) their numbers are read as {@code reconcile
   * --decimal-comma} reads its files: {@code 2,50} is 2.50, a dot only groups thousands
   * ({@code 1.000,5}), and {@code 2.5} is refused.
   *
   * @throws IllegalArgumentException naming the file when one is missing or lacks a column
   */
  public static Loaded load(ServiceSettings.Inputs in, ColumnMap columns, boolean bookFromWms,
      VariableMeasure layouts, boolean decimalComma) {
    if (in.book() == null && !bookFromWms) {
      throw new IllegalArgumentException("dockcount.inputs.book is not set: the service needs "
          + "a book file, or a WMS source (dockcount.wms) that delivers one");
    }
    missing(in);
    MasterDataFiles f = new MasterDataFiles(columns, layouts, decimalComma);
    // The UOM table first: a cost per case is per each through its factor.
    if (in.uom() != null) {
      f.uom(in.uom());
      f.refuseSmallerPacks(in.uom());
      f.recheckChains(in.uom());
      f.sortByLine(in.uom());
    }
    int uomRejections = f.rejections.size();
    if (in.items() != null) {
      f.items(in.items());
      f.refuseCostsPerDisputedEach(in.items());
    }
    // Said in the order items, UOM, as before the table was read first.
    java.util.Collections.rotate(f.rejections, f.rejections.size() - uomRejections);
    if (in.barcodes() != null) {
      f.barcodes(in.barcodes());
    }
    int before = f.rejections.size();
    if (in.book() != null) {
      f.book(in.book());
    }
    f.bookRowsRejected = f.rejections.size() - before;
    List<Path> files = new ArrayList<>();
    for (Path p : new Path[] {in.book(), in.items(), in.uom(), in.barcodes()}) {
      if (p != null) {
        files.add(p);
      }
    }
    MasterData data = f.data.build();
    f.noteBarcodesWithoutFactor(data, in.barcodes());
    return new Loaded(data, hash(files, decimalComma),
        in.book() == null ? "no start-up book (the WMS delivers it)" : in.book().toString(),
        List.copyOf(f.rejections), f.bookRowsRejected, List.copyOf(f.notes));
  }

  /**
   * Notes each barcode whose unit its SKU has no factor for: the row is kept (the factor may
   * come with a WMS delivery), but until then every scan of it is refused at the station.
   */
  private void noteBarcodesWithoutFactor(MasterData data, Path file) {
    java.util.SortedMap<Long, String> byLine = new java.util.TreeMap<>();
    for (MasterData.Barcode b : data.barcodesWithoutFactor()) {
      Long line = barcodeLines.get(b.code());
      if (line != null) {
        byLine.put(line, file.getFileName() + ":" + line + ": barcode " + b.code() + " counts "
            + UnitCode.named(b.unit(), b.written()) + " of sku " + b.sku() + ", for which the "
            + "UOM table gives no factor: its scans will be refused until it gives one");
      }
    }
    notes.addAll(byLine.values());
  }

  private void items(Path file) {
    read(file, "items", List.of("sku", "unit_cost"), List.of("description", "class",
        "cost_uom"), (s, col, line) -> {
          String sku = s.text(col[0]).strip();
          BigDecimal cost = null;
          // Refused alone, in reconcile's words: the row's description and class still apply.
          String refused = null;
          if (!s.isBlank(col[1]) && !number.read(s.text(col[1]))) {
            refused = UnitCost.notPlainNumber(number.error());
          } else if (!s.isBlank(col[1]) && number.toBigDecimal().signum() < 0) {
            refused = UnitCost.NEGATIVE;
          } else if (!s.isBlank(col[1]) && col[4] >= 0 && !s.isBlank(col[4])
              && !UnitCode.isEach(s.text(col[4]))) {
            // 24.00 a case of 12 is 2.00 an each, as reconcile reads it; never 24.00 an each.
            UnitCost.PerEach per = UnitCost.perEach(number.toBigDecimal(), s.text(col[4]),
                s.header().get(col[4]).strip(), s.text(col[1]).strip(), sku,
                unit -> data.factor(sku, unit), decimalComma);
            refused = per.ok() ? null : per.problem() + UnitCost.UNKNOWN;
            cost = per.cost();
          } else if (!s.isBlank(col[1])) {
            cost = number.toBigDecimal();
            if (col[4] >= 0) {
              // Per PC is per each unless the UOM table, read next, gives PC another factor.
              costUnits.add(new CostUnit(line, sku, s.isBlank(col[4]) ? UnitCode.EACH
                  : UnitCode.squeezed(s.text(col[4])), s.header().get(col[4]).strip(),
                  optional(s, col[3])));
            }
          }
          String perUnit = cost == null ? null : hiddenUnit(s, sku);
          if (perUnit != null) {
            refused = perUnit + UnitCost.UNKNOWN;
            cost = null;
          }
          MasterData.Item had = data.itemOf(sku);
          String skuClass = optional(s, col[3]);
          // One reason per row, as reconcile gives it: a clash first, with the cost's fault.
          String classClash = null;
          if (skuClass != null && noClass.contains(sku)) {
            classClash = ItemMaster.twoClasses(sku);
          } else if (skuClass != null && had != null && had.skuClass() != null
              && !had.skuClass().equals(skuClass)) {
            // Either class would pick its recount rule by a guess, as in reconcile.
            classClash = ItemMaster.classAgain(sku, had.skuClass());
            noClass.add(sku);
            data.itemConflict(sku);
          }
          String costClash = null;
          if (had != null && cost != null && noCost.contains(sku)) {
            costClash = ItemMaster.twoCosts(sku);
          } else if (had != null && cost != null && had.unitCost() != null
              && had.unitCost().compareTo(cost) != 0) {
            // Valuing with either cost would be a guess: the SKU has none, as in reconcile.
            costClash = ItemMaster.costAgain(sku, had.unitCost());
            noCost.add(sku);
            data.itemConflict(sku);
          }
          boolean clash = classClash != null || costClash != null;
          if (classClash != null) {
            String costToo = costClash != null ? costClash : refused;
            reject(file, line, costToo == null ? classClash : classClash + "; " + costToo);
          } else if (costClash != null) {
            reject(file, line, costClash);
          } else if (refused != null) {
            reject(file, line, UnitCost.classKept(refused, skuClass));
          }
          if (clash) {
            // Refused whole, as reconcile refuses it: a row at odds with the item master takes
            // nothing to it, neither the class nor the cost beside the one in dispute.
            skuClass = noClass.contains(sku) || had == null ? null : had.skuClass();
            cost = noCost.contains(sku) || had == null ? null : had.unitCost();
          } else if (had != null) {
            // The same again, or none: the first stands; a row without one takes none away.
            skuClass = had.skuClass() != null ? had.skuClass() : skuClass;
            cost = cost == null || had.unitCost() != null ? had.unitCost() : cost;
          }
          String description = had != null && had.description() != null ? had.description()
              : optional(s, col[2]);
          data.item(sku, description, cost, skuClass);
        });
  }

  private void uom(Path file) {
    int[] denominator = {-2}; // found at the first row: SAP's Nenner beside its Zähler, or -1
    read(file, "uom", List.of("sku", "uom", "qty_per_uom"), List.of("base_uom"),
        (s, col, line) -> {
      tableUnits.add(UnitCode.canonical(s.text(col[1])));
      if (denominator[0] == -2) {
        denominator[0] = ColumnMap.denominatorColumn(s.header(), col);
        String note = denominator[0] < 0 ? null
            : ColumnMap.factorHeadersNotUtf8(s.header(), col[2], denominator[0]);
        if (note != null) {
          notes.add(file.getFileName() + ":1: " + note);
        }
      }
      if (!number.read(s.text(col[2]))) {
        reject(file, line, "qty_per_uom '" + s.text(col[2]).strip() + "' is not a plain number: "
            + number.error());
        return;
      }
      long factor = number.wholeValue();
      if (factor <= 0) {
        reject(file, line, "qty_per_uom must be a whole number of eaches above 0");
        return;
      }
      if (denominator[0] >= 0) {
        // 1 G = 1/1000 KG: the numerator alone would count a gram as a kilogram's eaches.
        long d = number.read(s.text(denominator[0])) ? number.wholeValue() : Long.MIN_VALUE;
        if (d <= 0 || factor % d != 0) {
          reject(file, line, s.text(col[2]).strip() + "/" + s.text(denominator[0]).strip()
              + " (" + s.header().get(col[2]).strip() + " over "
              + s.header().get(denominator[0]).strip() + ") is not a whole number of eaches "
              + "above 0: the table must state eaches per unit");
          return;
        }
        factor /= d;
      }
      String sku = s.text(col[0]).strip();
      String hidden = hiddenUnit(s, null); // PL,40 with CS below a base unit column of figures
      if (hidden != null) {
        reject(file, line, "sku " + sku + ": " + hidden);
        return;
      }
      String unit = UnitCode.canonical(s.text(col[1]));
      String eachProblem = unit.equals(UnitCode.EACH)
          ? UnitCode.eachWithFactor(s.text(col[1]), factor) : null;
      if (eachProblem != null) {
        // PC = 10 where PC reads as each: a barcode row in PC for this SKU is refused below,
        // and a WMS book row or cost in PC while this table is in force.
        String written = UnitCode.squeezed(s.text(col[1]));
        eachDisputes.putIfAbsent(sku + '\0' + UnitCode.eachWord(written),
            UnitCode.eachDisputed(written, factor, file.getFileName().toString(), line));
        eachConflicts.putIfAbsent(sku + '\0' + UnitCode.eachWord(written), written + " = "
            + factor + " EA");
        data.disputeEach(sku, written, factor);
        chains.dispute(sku, written, factor);
        reject(file, line, "sku " + sku + ": " + eachProblem);
        return;
      }
      if (noFactor.contains(sku + '\0' + unit)) {
        reject(file, line, "sku " + sku + " already has two factors for " + unit + ": it has "
            + "none until the UOM table gives one");
        return;
      }
      String base = col[3] < 0 || s.isBlank(col[3]) ? "" : s.text(col[3]);
      // EA,1,PL is one each whatever its base, as reconcile reads it (chained, its factor of
      // 1 could never be withdrawn, and the recheck of chains would never end).
      if (!base.isEmpty() && !UnitCode.isEach(base) && !unit.equals(UnitCode.EACH)
          && !UnitCode.canonical(base).equals(unit)) {
        // PL = 40 CS: known in eaches once CS is, which a later row may give.
        chains.add(sku, unit, factor, UnitCode.canonical(base), chainRow(s, col[3], line));
        return;
      }
      if (!base.isEmpty() && UnitCode.isEach(base)
          && !UnitCode.squeezed(base).equals(UnitCode.EACH)) {
        // CS,12,PC: sure only if no row of the table gives PC another factor (PC,10).
        chains.addEachBased(sku, unit, factor, base, chainRow(s, col[3], line));
      }
      String twice = putFactor(sku, unit, factor);
      if (twice != null) {
        reject(file, line, twice);
      }
    });
    chains.resolve(new ChainTable(file));
  }

  /**
   * Puts the UOM file's rejections, all made so far, in line order: a row resolved through a
   * chain, or refused as a pack smaller than its inner, is settled after the whole table.
   */
  private void sortByLine(Path file) {
    int from = file.getFileName().toString().length() + 1; // after "uom.csv:"
    rejections.sort(java.util.Comparator.comparingLong(
        r -> Long.parseLong(r.substring(from, r.indexOf(':', from)))));
  }

  /** Withdraws a unit read through a pack refused since (a pallet of 40 cases of 4). */
  private void recheckChains(Path file) {
    chains.recheck(new ChainTable(file));
  }

  /**
   * Sets a SKU's factor; returns why its row is rejected when the unit already had another
   * (counting with either would be a guess, so it has none and its scans are refused), or null.
   */
  private String putFactor(String sku, String unit, long factor) {
    String key = sku + '\0' + unit;
    if (noFactor.contains(key)) {
      return "sku " + sku + " already has two factors for " + unit + ": it has none until the "
          + "UOM table gives one";
    }
    long had = data.uom(sku, unit, factor);
    if (had != 0 && had != factor) {
      data.withdrawUom(sku, unit);
      noFactor.add(key);
      return "sku " + sku + " already has " + had + " EA per " + unit + ": with two factors "
          + unit + " has none (its scans are refused) until the UOM table gives one";
    }
    return null;
  }

  /** Where a UOM row resolved after the table is: its line, and its base unit as written. */
  private record ChainRow(long line, String field, String written) {}

  private static ChainRow chainRow(RowSource s, int baseColumn, long line) {
    return new ChainRow(line, s.header().get(baseColumn).strip(), s.text(baseColumn).strip());
  }

  /** The factors being loaded, as {@link UomChains} resolves the file's chains into them. */
  private final class ChainTable extends UomChains.ByCode<ChainRow> {
    private final Path file;

    ChainTable(Path file) {
      this.file = file;
    }

    @Override
    protected long factor(String sku, String unit) {
      return data.factor(sku, unit);
    }

    @Override
    public String put(UomChains.Link<ChainRow> row, long eaches) {
      return putFactor(row.sku(), row.unit(), eaches);
    }

    @Override
    public void withdraw(UomChains.Link<ChainRow> row) {
      data.withdrawUom(row.sku(), row.unit());
      noFactor.add(row.sku() + '\0' + row.unit());
    }

    @Override
    public void rejected(UomChains.Rejection<ChainRow> r) {
      ChainRow where = r.row().origin();
      reject(file, where.line(), r.problem() == UomChains.Problem.TWO_FACTORS ? r.reason()
          : "sku " + r.row().sku() + ": " + where.field() + " " + where.written() + ": "
          + r.reason());
    }
  }

  /**
   * Withdraws the factors of outer packs of fewer eaches than a pack they hold, and of the
   * pallet above them ({@link PackLevels#refused}: CS,4 beside IP,6), as reconcile does: their
   * rows are rejected, the file read again for their lines only when there is one.
   */
  private void refuseSmallerPacks(Path file) {
    Map<String, String> why = new java.util.LinkedHashMap<>(); // by SKU and unit
    for (Map.Entry<String, Map<String, Long>> e : data.uomMap().entrySet()) {
      PackLevels.refused(e.getValue()).forEach((unit, reason) ->
          why.put(e.getKey() + '\0' + unit, reason));
    }
    if (why.isEmpty()) {
      return;
    }
    // A row already rejected (through a unit with no factor, a bad number) is not again.
    String prefix = file.getFileName() + ":";
    Set<String> rejectedLines = new HashSet<>();
    for (String r : rejections) {
      if (r.startsWith(prefix)) {
        rejectedLines.add(r.substring(0, r.indexOf(':', prefix.length())));
      }
    }
    try (RowSource s = CsvScanner.open(file)) {
      int[] col = columns.resolve("uom", file.getFileName().toString(), s.header(),
          List.of("sku", "uom", "qty_per_uom"), List.of());
      int width = Math.max(col[0], col[1]);
      while (s.next()) {
        if (s.problem() == null && s.fieldCount() > width
            && !rejectedLines.contains(prefix + s.line())) {
          String sku = s.text(col[0]).strip();
          String reason = why.get(sku + '\0' + UnitCode.canonical(s.text(col[1])));
          if (reason != null) {
            reject(file, s.line(), "sku " + sku + ": " + reason);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    for (String key : why.keySet()) {
      int cut = key.indexOf('\0');
      data.withdrawUom(key.substring(0, cut), key.substring(cut + 1));
      noFactor.add(key);
    }
  }

  /**
   * Refuses each item cost per a spelling of each that the UOM table gives the SKU another
   * factor ({@code PC,10}), as reconcile does: the SKU keeps a cost only from a row per each
   * that is not in doubt.
   */
  private void refuseCostsPerDisputedEach(Path file) {
    Set<String> sure = new HashSet<>();
    List<CostUnit> disputed = new ArrayList<>();
    for (CostUnit c : costUnits) {
      String uomSays = c.unit().equals(UnitCode.EACH) ? null
          : eachConflicts.get(c.sku() + '\0' + UnitCode.eachWord(c.unit()));
      if (uomSays == null) {
        sure.add(c.sku());
      } else {
        disputed.add(c);
        reject(file, c.line(), UnitCost.classKept(UnitCost.perDisputedEach(c.unit(), c.header(),
            eachDisputes.get(c.sku() + '\0' + UnitCode.eachWord(c.unit()))) + UnitCost.UNKNOWN,
            c.skuClass()));
      }
    }
    for (CostUnit c : disputed) {
      MasterData.Item had = data.itemOf(c.sku());
      if (!sure.contains(c.sku()) && had != null && had.unitCost() != null) {
        data.item(c.sku(), had.description(), null, had.skuClass());
        noCost.add(c.sku());
      }
    }
  }

  /** An item row's cost and the unit it is per, as written ({@code PC}), for the check above. */
  private record CostUnit(long line, String sku, String unit, String header, String skuClass) {}

  private void barcodes(Path file) {
    read(file, "barcodes", List.of("barcode", "sku"), List.of("uom"), (s, col, line) -> {
      String written = s.text(col[0]).strip();
      // Kept under its lookup key: 5412345000013 and 05412345000013 are one GTIN, and two
      // rows for it with different meanings are a conflict, not two barcodes.
      String refusal = BarcodeTable.refusal(written);
      if (refusal == null) {
        refusal = STATION_LABELS.shadowedBarcode(written);
      }
      if (refusal != null) {
        reject(file, line, refusal);
        return;
      }
      String lost = BarcodeTable.lostLeadingZeros(written);
      if (lost != null) {
        notes.add(file.getFileName() + ":" + line + ": " + lost);
      }
      String code = BarcodeTable.key(written);
      String unit = col[2] < 0 || s.isBlank(col[2]) ? UnitCode.EACH
          : UnitCode.canonical(s.text(col[2]));
      String sku = s.text(col[1]).strip();
      String unitWritten = col[2] < 0 ? "" : UnitCode.squeezed(s.text(col[2]));
      String measured = layouts.unitProblem(written, sku, unit);
      if (measured != null) {
        data.refuseBarcode(new MasterData.RefusedBarcode(code, sku, unit, measured));
        reject(file, line, measured);
        return;
      }
      String uomSays = eachConflicts.get(sku + '\0' + UnitCode.eachWord(unitWritten));
      if (uomSays != null) {
        // Kept with the reason, so its scans are held for the SKU and say why, not "unknown".
        data.refuseBarcode(new MasterData.RefusedBarcode(code, sku, unitWritten, unitWritten
            + " of sku " + sku + " is in doubt: the UOM table gives " + uomSays + ", but "
            + unitWritten + " reads as one each; not counted until the tables agree"));
        reject(file, line, "barcode " + named(written, code) + " counts " + unitWritten
            + " of sku " + sku + ", which the UOM table gives another factor than the each "
            + unitWritten + " is read as: its scans are held until the tables agree");
        return;
      }
      MasterData.RefusedBarcode held = data.refusedBarcodeOf(code);
      if (held != null) {
        reject(file, line, "barcode " + named(written, code) + " already counts "
            + held.unit() + " of sku " + held.sku() + ", which is in doubt: its scans are "
            + "held until the tables agree");
        return;
      }
      if (noCode.contains(code)) {
        data.withdrawBarcode(code, sku, unit); // a third meaning is named at its scans too
        reject(file, line, "barcode " + named(written, code) + " already stands for two items: "
            + "it is unknown until the barcode table gives one");
        return;
      }
      MasterData.Barcode had = data.barcodeOf(code);
      if (had != null && (!had.sku().equals(sku) || !had.unit().equals(unit))) {
        // A scan of it would count one of two things: it is refused as unknown instead.
        data.withdrawBarcode(code, sku, unit);
        noCode.add(code);
        reject(file, line, "barcode " + named(written, code) + " already stands for "
            + had.unit() + " of sku " + had.sku() + ", not " + unit + " of " + sku
            + ": with two meanings it is unknown (its scans are refused) until the barcode "
            + "table gives one");
        return;
      }
      // Its unit as written too, for a station to name it so (PAL (read as PL)).
      data.barcode(code, sku, unit, unitWritten.isEmpty() ? unit : unitWritten);
      if (!unit.equals(UnitCode.EACH)) {
        barcodeLines.putIfAbsent(code, line);
      }
    });
  }

  /** Names a barcode as the file wrote it, with its GTIN-14 when that differs. */
  private static String named(String written, String key) {
    return written.equals(key) ? written : written + " (GTIN " + key + ")";
  }

  private void book(Path file) {
    Set<String> convertedFrom = new java.util.TreeSet<>();
    int[] converted = {0};
    read(file, "book", List.of("sku", "location", "book_qty"), List.of("lot", "book_uom"),
        (s, col, line) -> {
      String written = s.text(col[2]).strip();
      if (written.isEmpty()) {
        reject(file, line, "book_qty is blank: unknown, not 0");
        return;
      }
      if (!number.read(written)) {
        reject(file, line, "book_qty '" + written + "' is not a plain number: "
            + number.error());
        return;
      }
      String sku = s.text(col[0]).strip();
      String hidden = number.unscaled() == 0 ? null : hiddenUnit(s, sku); // 0 is 0 of any
      if (hidden != null) {
        reject(file, line, hidden);
        return;
      }
      String unitWritten = col[4] < 0 || s.isBlank(col[4]) ? "" : s.text(col[4]);
      boolean each = unitWritten.isEmpty() || UnitCode.isEach(unitWritten);
      if (each) {
        String squeezed = UnitCode.squeezed(unitWritten);
        String uomSays = eachConflicts.get(sku + '\0' + UnitCode.eachWord(squeezed));
        if (uomSays != null && number.unscaled() != 0) { // 0 PC is 0 eaches either way
          reject(file, line, "book_qty is in " + squeezed + " of sku " + sku + ", which the UOM "
              + "table makes " + uomSays);
          return;
        }
      }
      // 10 CS is converted as reconcile converts it; read as eaches it would be a book of 10.
      String unit = each ? UnitCode.EACH : UnitCode.canonical(unitWritten);
      BookQuantity.Eaches qty = BookQuantity.inEaches(number, written, sku, unit,
          unitWritten, data.factor(sku, unit));
      if (!qty.ok()) {
        reject(file, line, qty.problem());
        return;
      }
      if (!each) {
        convertedFrom.add(UnitCode.named(unit, UnitCode.squeezed(unitWritten)));
        converted[0]++;
      }
      data.bookLine(s.text(col[1]).strip(), sku, lotOrEmpty(s, col[3]), qty.eaches());
    });
    if (converted[0] > 0) {
      notes.add(file.getFileName() + ": " + converted[0] + (converted[0] == 1 ? " row in a unit"
          : " rows in units") + " other than each (" + String.join(", ", convertedFrom)
          + ") converted to eaches with the UOM table");
    }
  }

  private interface Row {
    void read(RowSource s, int[] col, long line);
  }

  private void read(Path file, String kind, List<String> required, List<String> optional,
      Row row) {
    String name = file.getFileName().toString();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("dockcount.inputs." + kind + ": " + file
          + ": a directory, not a file");
    }
    unread = List.of();
    try (RowSource s = CsvScanner.open(file)) {
      int[] col = columns.resolve(kind, name, s.header(), required, optional);
      List<ColumnMap.Unread> judged = new ArrayList<>(0);
      if (kind.equals("book")) {
        col[4] = unlessFigures(file, kind, s.header(), ColumnMap.bookUnitColumn(s.header(), col),
            judged);
        if (col[4] < 0) {
          col[4] = unitsColumn(file, s.header(), col, "book.book_uom", "the book's unit column",
              judged);
        }
      }
      if (kind.equals("uom")) {
        col[3] = unlessFigures(file, kind, s.header(),
            ColumnMap.factorUnitColumn(s.header(), col), judged);
      }
      if (kind.equals("items")) {
        col[4] = unlessFigures(file, kind, s.header(), ColumnMap.costUnitColumn(s.header(),
            new int[] {col[0], col[1], col[3], col[4]}), judged);
        if (col[4] < 0) {
          col[4] = unitsColumn(file, s.header(), col, "items.cost_uom",
              "the unit each cost is per", judged);
        }
      }
      unread = List.copyOf(judged);
      number.decimalComma(decimalComma, DecimalStyle.SERVICE_DECLARATION);
      number.groupingAmbiguous(!decimalComma && DecimalStyle.dotMayGroup(s.delimiter(), file));
      List<String> fields = new java.util.ArrayList<>(required);
      fields.addAll(optional);
      while (s.next()) {
        ReconcileInputs.FieldAlone alone = kind.equals("items")
            ? ReconcileInputs.itemFieldAlone(s, col[0], col[1], col[3]) : null;
        if (alone != null) {
          // A cost or class alone unreadable is refused alone, as reconcile refuses it.
          reject(file, s.line(), fields.get(alone.column() == col[1] ? 1 : 3) + " '"
              + s.text(alone.column()) + "' " + alone.reason());
        }
        RowSource r = alone == null ? s : alone.rest();
        String notUtf8 = r.problem() == null ? r.notUtf8() : null;
        if (r.problem() != null) {
          reject(file, r.line(), "unreadable row: " + r.problem());
        } else if (r.fieldCount() != r.header().size()) {
          // 1,000 unquoted is two fields: taking the first would read a thousand as one.
          reject(file, r.line(), "row has " + r.fieldCount() + " fields, the header has "
              + r.header().size());
        } else if (notUtf8 != null) {
          reject(file, r.line(), notUtf8);
        } else if (ColumnMap.isHeaderAgain(r.header(), r.fieldCount(), r::text)) {
          // Said as reconcile says it, not as a quantity that is no number.
          reject(file, r.line(), ColumnMap.HEADER_AGAIN);
        } else if (faultyField(r, col, fields) >= 0) {
          int c = faultyField(r, col, fields);
          String field = c < fields.size() ? fields.get(c) : r.header().get(col[c]);
          reject(file, r.line(), field + " '" + r.text(col[c]) + "' "
              + ReconcileInputs.textFault(r, col[c]));
        } else if (r.lastLine() != r.line() && ReconcileInputs.holdsRows(r, r.header().size())) {
          // A ditto or inch mark that opened a quote a later row closes, or a note quoting a
          // record: nothing tells which, so the record is rejected whole, as reconcile does.
          reject(file, r.line(), "a quoted field runs the row over lines " + r.line() + " to "
              + r.lastLine() + " and holds lines shaped like rows (a stray quote that swallowed "
              + "rows, or a quoted record?): rejected whole");
        } else if (ReconcileInputs.blankKey(r, col[0])) {
          reject(file, r.line(), required.get(0) + " is blank");
        } else if (!kind.equals("items") && ReconcileInputs.blankKey(r, col[1])) {
          // The second key: a book row's location, a UOM row's unit, a barcode's SKU. A
          // factor of no unit or a barcode of no SKU was once kept without a word; reconcile
          // and a WMS delivery refuse them.
          reject(file, r.line(), fields.get(1) + " is blank");
        } else if (errorValueKey(r, col, fields) >= 0) {
          // A lookup that failed: as a key, every such row one item or one bin, as reconcile.
          int c = errorValueKey(r, col, fields);
          reject(file, r.line(), fields.get(c) + " '" + r.text(col[c]).strip() + "' "
              + KeyText.ERROR_VALUE);
        } else {
          row.read(r, col, r.line());
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("dockcount.inputs." + kind + ": " + notThere(file),
          e);
    } catch (ColumnMap.MissingColumnException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the column headed {@code Units} whose first rows name units, as {@code reconcile}
   * finds it ({@link ColumnMap#unitsColumn}), or -1; a note says it is read as {@code readAs}.
   *
   * @throws IllegalArgumentException when its words name no unit known, nor one the UOM file
   *     names: the service starts unattended, and a note would not keep 2 cases of a site's
   *     own code from being 2 eaches
   */
  private int unitsColumn(Path file, List<String> header, int[] col, String field,
      String readAs, List<ColumnMap.Unread> judged) {
    String name = file.getFileName().toString();
    ColumnMap.UnitsColumn units = ColumnMap.unitsColumn(header, col, c -> firstValues(file, c),
        () -> tableUnits, name, field);
    String refusal = units.refusal(name, field);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    judged.addAll(units.unread());
    String note = units.notice(name, field, readAs);
    if (note != null) {
      notes.add(note);
    }
    return units.read();
  }

  /**
   * Returns {@code column}, a unit column of a {@code kind} file found by its header, or -1
   * when its first rows hold plain numbers only ({@link ColumnMap#figuresOnly}), as reconcile
   * reads it: then a note says so, and the column joins {@code judged}, where a unit further
   * down refuses its row.
   */
  private int unlessFigures(Path file, String kind, List<String> header, int column,
      List<ColumnMap.Unread> judged) {
    if (column < 0) {
      return column;
    }
    ColumnMap.Unread figures;
    try (RowSource s = CsvScanner.open(file)) {
      figures = columns.figuresOnly(kind, header, column, ColumnMap.firstRows(s, column));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (figures == null) {
      return column;
    }
    notes.add(figures.note(file.getFileName().toString()));
    judged.add(figures);
    return -1;
  }

  /**
   * Returns why the row is refused for what may be a unit in a column that its first values
   * made no unit column ({@link ColumnMap.Unread#refuses}): its quantity may be in that unit,
   * its cost per it, or its factor count it. Null when it holds none. A spelling of each
   * ({@code PC}) refuses the row of {@code sku} whose UOM table gives it another factor, and
   * any UOM row's ({@code sku} null): the table it is in is not all read yet.
   */
  private String hiddenUnit(RowSource s, String sku) {
    return ColumnMap.Unread.refusalIn(unread, c -> c < s.fieldCount() ? s.text(c) : null,
        w -> sku == null || eachConflicts.containsKey(sku + '\0'
            + UnitCode.eachWord(UnitCode.squeezed(w))));
  }

  /**
   * The text of column {@code c} where it is not blank in the file's readable rows, the first
   * 16 such: a column blank at the top may name units further down.
   */
  private static List<String> firstValues(Path file, int c) {
    try (RowSource s = CsvScanner.open(file)) {
      return ColumnMap.filledValues(s, c);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the index in {@code col} of the first field read that no key, number or unit could
   * be, as reconcile checks it ({@link ReconcileInputs#textFault}: a stray quote, {@code
   * A-01-01"} unquoted, or a control character), or -1. A description is not checked: an inch
   * mark is text there.
   */
  private static int faultyField(RowSource s, int[] col, List<String> fields) {
    for (int i = 0; i < col.length; i++) {
      if (col[i] >= 0 && col[i] < s.fieldCount()
          && !(i < fields.size() && fields.get(i).equals("description"))
          && ReconcileInputs.textFault(s, col[i]) != null) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index in {@code col} of a SKU or location that is a spreadsheet's error value. */
  private static int errorValueKey(RowSource s, int[] col, List<String> fields) {
    for (int i = 0; i < col.length && i < fields.size(); i++) {
      String field = fields.get(i);
      if (KeyText.ERROR_VALUE_FIELDS.contains(field)
          && ReconcileInputs.spreadsheetError(s, col[i])) {
        return i;
      }
    }
    return -1;
  }

  private void reject(Path file, long line, String why) {
    rejections.add(file.getFileName() + ":" + line + ": " + why);
  }

  private static String optional(RowSource s, int col) {
    return col < 0 || s.isBlank(col) ? null : s.text(col).strip();
  }

  private static String lotOrEmpty(RowSource s, int col) {
    String v = optional(s, col);
    return v == null ? "" : v;
  }

  /**
   * Hashes the files' bytes; with a decimal comma declared, that too: the same bytes then read
   * otherwise ({@code 1.000} a thousand), and must not be taken for the snapshot stored before.
   */
  private static String hash(List<Path> files, boolean decimalComma) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (decimalComma) {
        sha.update("decimal comma\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      for (Path p : files) {
        sha.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
