package io.dockcount.csv;

import io.dockcount.core.DecimalReader;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.Reconciliation;
import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the item master, UOM table, book and counts of a run into the domain core, converting
 * every count to eaches on the way, and keeps every row it could not use as a {@link Rejection}.
 *
 * <p>Files are read in that order, because a count needs its SKU's unit factors. Each bad row
 * is rejected on its own, with file, line, field and reason; the rest of the file is used. A
 * missing file or a missing required column stops the load with an {@link InputProblem}.
 */
public final class ReconcileInputs {
  /** A problem that stops the run: one line naming the file. */
  public static final class InputProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputProblem(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Receives how far the current file has been read, for a progress display. */
  @FunctionalInterface
  public interface Progress {
    void reading(String file, double fraction);

    Progress NONE = (file, fraction) -> {};
  }

  private final Symbols skus = new Symbols();
  private final Symbols locations = new Symbols();
  private final UomTable uom = new UomTable();
  private final ItemMaster items = new ItemMaster();
  private final List<Rejection> rejections = new ArrayList<>();
  private final Map<String, Long> rowsRead = new LinkedHashMap<>();
  private final DecimalReader number = new DecimalReader();
  private final ColumnMap columns;
  private final Progress progress;
  private final Reader reader;
  private Reconciliation reconciliation;
  private BinMaster bins;

  /** Which CSV reader to use: the hand-written one, or FastCSV for comparison. */
  public enum Reader {
    SCANNER,
    FASTCSV
  }

  private ReconcileInputs(ColumnMap columns, Progress progress, Reader reader) {
    this.columns = columns;
    this.progress = progress;
    this.reader = reader;
  }

  /** Loads all files of a run with the hand-written reader. */
  public static ReconcileInputs load(InputFiles files, ColumnMap columns, Progress progress) {
    return load(files, columns, progress, Reader.SCANNER);
  }

  /** Loads all files of a run. */
  public static ReconcileInputs load(InputFiles files, ColumnMap columns, Progress progress,
      Reader reader) {
    ReconcileInputs in = new ReconcileInputs(columns, progress, reader);
    if (files.locations() != null) {
      in.bins = BinMaster.load(files.locations(), files.warehouse(), columns);
    }
    in.readItems(files.items());
    in.readUom(files.uom());
    boolean bookLots = in.hasColumn(files.book(), "book", "lot");
    boolean countLots = in.hasColumn(files.counts(), "counts", "lot");
    in.reconciliation = new Reconciliation(in.skus, in.locations,
        bookLots && countLots ? new Symbols() : null);
    in.readBook(files.book());
    in.readCounts(files.counts());
    return in;
  }

  public Reconciliation reconciliation() {
    return reconciliation;
  }

  public UomTable uom() {
    return uom;
  }

  public ItemMaster items() {
    return items;
  }

  /** Returns every rejected row, in the order read (items, UOM, book, counts). */
  public List<Rejection> rejections() {
    return rejections;
  }

  /** Returns the data rows read per file name, in the order read. */
  public Map<String, Long> rowsRead() {
    return rowsRead;
  }

  /** Returns the rejected rows per file name. */
  public Map<String, Long> rejectedPerFile() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String f : rowsRead.keySet()) {
      m.put(f, 0L);
    }
    for (Rejection r : rejections) {
      m.merge(r.file(), 1L, Long::sum);
    }
    return m;
  }

  // ---- items ----------------------------------------------------------------------------

  private void readItems(Path file) {
    read(file, "items", List.of("sku", "unit_cost"), List.of("class"), (s, col, name) -> {
      int sku = key(s, col[0], name, "sku");
      if (sku < 0) {
        return;
      }
      if (!s.isBlank(col[2])) {
        items.setClass(sku, s.text(col[2]).strip());
      }
      if (s.isBlank(col[1])) {
        return; // cost unknown: valued as unknown, never as 0
      }
      if (!number.read(s.buffer(), s.start(col[1]), s.length(col[1]))) {
        reject(name, s, "unit_cost", col[1], "unit cost is not a plain number: " + number.error());
      } else if (number.unscaled() < 0) {
        reject(name, s, "unit_cost", col[1], "negative unit cost");
      } else if (items.hasCost(sku)) {
        reject(name, s, "unit_cost", col[1], "SKU " + skus.get(sku)
            + " already has a cost: the first row is used");
      } else {
        items.setCost(sku, number.unscaled(), number.scale());
      }
    });
  }

  // ---- UOM ------------------------------------------------------------------------------

  private void readUom(Path file) {
    Symbols rawUnits = new Symbols();
    int[][] canonical = {new int[16]};
    read(file, "uom", List.of("sku", "uom", "qty_per_uom"), List.of(), (s, col, name) -> {
      int sku = key(s, col[0], name, "sku");
      if (sku < 0) {
        return;
      }
      if (s.isBlank(col[1])) {
        reject(name, s, "uom", col[1], "blank unit");
        return;
      }
      int unit = unit(rawUnits, canonical, s, col[1]);
      String code = uom.unitCode(unit);
      if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
        reject(name, s, "qty_per_uom", col[2], "factor is not a plain number: " + number.error());
        return;
      }
      long factor = number.wholeValue();
      if (factor == Long.MIN_VALUE) {
        reject(name, s, "qty_per_uom", col[2], s.text(col[2]) + " is not a whole number of "
            + "eaches per " + code + ": the table must state eaches per unit, never a rounded "
            + "fraction");
      } else if (factor <= 0) {
        reject(name, s, "qty_per_uom", col[2], "factor must be at least 1 each per " + code);
      } else if (unit == uom.eachUnit()) {
        if (factor != 1) {
          reject(name, s, "qty_per_uom", col[2], "EA is the base unit: its factor is always 1");
        }
      } else {
        long existing = uom.put(sku, unit, factor);
        if (existing != UomTable.NO_FACTOR) {
          reject(name, s, "qty_per_uom", col[2], "SKU " + skus.get(sku) + " already has "
              + existing + " EA per " + code + ": the first row is used");
        }
      }
    });
  }

  /** Returns the canonical unit id of a raw unit field, caching raw spellings. */
  private int unit(Symbols rawUnits, int[][] canonical, RowSource s, int col) {
    int before = rawUnits.size();
    int raw = rawUnits.intern(s.buffer(), s.start(col), s.length(col));
    if (raw >= canonical[0].length) {
      canonical[0] = Arrays.copyOf(canonical[0], canonical[0].length * 2);
    }
    if (raw == before) {
      canonical[0][raw] = uom.unitId(rawUnits.get(raw));
    }
    return canonical[0][raw];
  }

  // ---- book -----------------------------------------------------------------------------

  private void readBook(Path file) {
    Symbols lots = reconciliation.lots();
    read(file, "book", List.of("sku", "location", "book_qty"), List.of("lot"), (s, col, name) -> {
      int sku = key(s, col[0], name, "sku");
      int loc = sku < 0 ? -1 : location(s, col[1], name);
      if (loc < 0) {
        return;
      }
      if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
        String why = s.isBlank(col[2]) ? "book quantity is blank (unknown, not 0)"
            : "book quantity is not a plain number: " + number.error();
        reject(name, s, "book_qty", col[2], why);
        return;
      }
      long qty = number.wholeValue();
      if (qty == Long.MIN_VALUE) {
        reject(name, s, "book_qty", col[2], "book quantity is not a whole number of eaches");
        return;
      }
      reconciliation.addBook(sku, loc, lot(lots, s, col[3]), qty);
    });
  }

  // ---- counts ---------------------------------------------------------------------------

  private void readCounts(Path file) {
    Symbols lots = reconciliation.lots();
    Symbols rawUnits = new Symbols();
    int[][] canonical = {new int[16]};
    read(file, "counts", List.of("sku", "location", "count_qty", "count_uom"), List.of("lot"),
        (s, col, name) -> {
          int sku = key(s, col[0], name, "sku");
          int loc = sku < 0 ? -1 : location(s, col[1], name);
          if (loc < 0) {
            return;
          }
          if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
            String why = s.isBlank(col[2]) ? "count quantity is blank"
                : "count quantity is not a plain number: " + number.error();
            reject(name, s, "count_qty", col[2], why);
            return;
          }
          if (number.unscaled() < 0) {
            reject(name, s, "count_qty", col[2], "negative count");
            return;
          }
          if (s.isBlank(col[3])) {
            reject(name, s, "count_uom", col[3], "blank unit");
            return;
          }
          int unit = unit(rawUnits, canonical, s, col[3]);
          long factor = uom.factor(sku, unit);
          if (factor == UomTable.NO_FACTOR) {
            reject(name, s, "count_uom", col[3], "unit " + uom.unitCode(unit)
                + " has no factor for SKU " + skus.get(sku) + " in the UOM table");
            return;
          }
          long eaches = number.timesExact(factor);
          if (eaches == Long.MIN_VALUE) {
            reject(name, s, "count_qty", col[2], s.text(col[2]) + " " + uom.unitCode(unit)
                + " x " + factor + " EA does not resolve to whole eaches");
            return;
          }
          reconciliation.addCount(sku, loc, lot(lots, s, col[4]), eaches);
        });
  }

  // ---- shared ---------------------------------------------------------------------------

  @FunctionalInterface
  private interface RowReader {
    void row(RowSource s, int[] col, String file);
  }

  private void read(Path file, String kind, List<String> required, List<String> optional,
      RowReader rowReader) {
    String name = file.getFileName().toString();
    long rows = 0;
    long t0 = System.nanoTime();
    try (RowSource s = reader == Reader.FASTCSV ? openFastCsv(file) : open(file)) {
      int[] col = columns.resolve(kind, name, s.header(), required, optional);
      int width = s.header().size();
      while (s.next()) {
        rows++;
        if ((rows & 0xFFFF) == 0) {
          progress.reading(name, s.progress());
        }
        if (s.problem() != null) {
          rejections.add(new Rejection(name, s.line(), "", "", "unreadable row: " + s.problem()));
        } else if (s.fieldCount() > width && !extraFieldsBlank(s, width)) {
          rejections.add(new Rejection(name, s.line(), "", "", "row has " + s.fieldCount()
              + " fields, the header has " + width));
        } else {
          rowReader.row(s, col, name);
        }
      }
      progress.reading(name, 1.0);
      if (System.getenv("DOCKCOUNT_TIMINGS") != null) {
        System.err.printf("timing   read %s %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
      }
    } catch (ColumnMap.MissingColumnException e) {
      throw new InputProblem(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
    rowsRead.put(name, rows);
  }

  private static boolean extraFieldsBlank(RowSource s, int width) {
    for (int i = width; i < s.fieldCount(); i++) {
      if (!s.isBlank(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean hasColumn(Path file, String kind, String field) {
    try (CsvScanner s = open(file)) {
      String want = columns.header(kind, field);
      return s.header().stream().anyMatch(h -> h.strip().equalsIgnoreCase(want));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RowSource openFastCsv(Path file) throws IOException {
    open(file).close();
    return FastCsvSource.open(file);
  }

  private static CsvScanner open(Path file) throws IOException {
    try {
      return CsvScanner.open(file);
    } catch (NoSuchFileException e) {
      throw new InputProblem(file + ": no such file", e);
    }
  }

  private int key(RowSource s, int col, String file, String field) {
    if (s.isBlank(col)) {
      reject(file, s, field, col, "blank " + field.replace('_', ' '));
      return -1;
    }
    return skus.intern(s.buffer(), s.start(col), s.length(col));
  }

  private int location(RowSource s, int col, String file) {
    if (s.isBlank(col)) {
      reject(file, s, "location", col, "blank location");
      return -1;
    }
    if (bins == null) {
      return locations.intern(s.buffer(), s.start(col), s.length(col));
    }
    String name = s.text(col);
    BinMaster.Resolution r = bins.resolve(name);
    if (r.code() == null) {
      reject(file, s, "location", col, r.problem());
      return -1;
    }
    return locations.intern(r.code());
  }

  private static int lot(Symbols lots, RowSource s, int col) {
    if (lots == null) {
      return -1;
    }
    return col < 0 || s.isBlank(col) ? lots.intern("") : lots.intern(s.buffer(), s.start(col),
        s.length(col));
  }

  private void reject(String file, RowSource s, String field, int col, String reason) {
    String value = col < 0 ? "" : s.text(col);
    rejections.add(new Rejection(file, s.line(), field, value, reason));
  }

  /** The bin master: bin names to unique location codes. */
  static final class BinMaster {
    /** A resolved location code, or the reason there is none. */
    record Resolution(String code, String problem) {}

    private final Map<String, List<String>> byName = new HashMap<>();
    private final Map<String, Resolution> cache = new HashMap<>();

    static BinMaster load(Path file, String warehouse, ColumnMap columns) {
      BinMaster m = new BinMaster();
      String name = file.getFileName().toString();
      try (CsvScanner s = open(file)) {
        int[] col = columns.resolve("locations", name, s.header(), List.of("name", "location"),
            List.of("warehouse"));
        if (warehouse != null && col[2] < 0) {
          throw new InputProblem(name + ": a warehouse was given but the bin master has no "
              + "warehouse column (map one with --columns locations.warehouse=NAME)", null);
        }
        while (s.next()) {
          if (s.problem() != null || s.isBlank(col[0]) || s.isBlank(col[1])) {
            continue;
          }
          if (warehouse != null && !warehouse.equals(s.text(col[2]).strip())) {
            continue;
          }
          String code = s.text(col[1]).strip();
          m.byName.computeIfAbsent(s.text(col[0]).strip(), k -> new ArrayList<>()).add(code);
          m.byName.computeIfAbsent(code, k -> new ArrayList<>()).add(code);
        }
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      m.byName.replaceAll((k, v) -> v.stream().distinct().toList());
      return m;
    }

    Resolution resolve(String name) {
      return cache.computeIfAbsent(name.strip(), n -> {
        List<String> codes = byName.get(n);
        if (codes == null) {
          return new Resolution(null, "location '" + n + "' is not in the bin master");
        }
        if (codes.size() > 1) {
          return new Resolution(null, "ambiguous location '" + n + "' ("
              + String.join(", ", codes) + "): not attached to either");
        }
        return new Resolution(codes.get(0), null);
      });
    }
  }
}
