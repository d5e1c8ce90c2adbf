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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the item master, UOM table, book and counts of a run into the domain core, converting
 * every count to eaches on the way, and keeps every row it could not use as a {@link Rejection}.
 *
 * <p>Two threads share the work: one reads the item master and the UOM table while the other
 * reads the book; the counts, which need the unit factors, come last. Each side has its own SKU
 * dictionary, so no structure is shared while both run; the master data is then re-keyed to the
 * book's dictionary. Each bad row is rejected on its own, with file, line, field and reason;
 * the rest of the file is used. A missing file or a missing required column stops the load with
 * an {@link InputProblem}.
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

  /** Which CSV reader to use: the hand-written one, or FastCSV for comparison. */
  public enum Reader {
    SCANNER,
    FASTCSV
  }

  private final ColumnMap columns;
  private final Progress progress;
  private final Reader reader;
  private final Map<String, Long> rowsRead = new LinkedHashMap<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private BinMaster bins;
  private Reconciliation reconciliation;
  private ItemMaster items;
  private UomTable uom;

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
    in.run(files);
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

  /** Returns every rejected row, in the order items, UOM, book, counts, each by line. */
  public List<Rejection> rejections() {
    return rejections;
  }

  /** Returns the data rows read per file name, in the order items, UOM, book, counts. */
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

  private void run(InputFiles files) {
    if (files.locations() != null) {
      bins = BinMaster.load(files.locations(), files.warehouse(), columns);
    }
    boolean byLot = hasColumn(files.book(), "book", "lot")
        && hasColumn(files.counts(), "counts", "lot");
    for (Path p : List.of(files.items(), files.uom(), files.book(), files.counts())) {
      requireFile(p);
    }
    int itemLines;
    int uomLines;
    int bookLines;
    int countLines;
    try {
      itemLines = CsvScanner.estimateLines(files.items());
      uomLines = CsvScanner.estimateLines(files.uom());
      bookLines = CsvScanner.estimateLines(files.book());
      countLines = CsvScanner.estimateLines(files.counts());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MasterSide master = new MasterSide(itemLines, uomLines);
    // The master data side runs on its own thread; it shares nothing with the floor side until
    // join() returns. Reading files needs no interruption, so the thread is simply awaited.
    CompletableFuture<Void> masterDone = CompletableFuture.runAsync(() -> {
      master.readItems(files.items());
      master.readUom(files.uom());
    }, runnable -> {
      Thread t = new Thread(runnable, "dockcount-master-data");
      t.setDaemon(true);
      t.start();
    });
    FloorSide floor = new FloorSide(byLot, bookLines, countLines);
    floor.reconciliation.reserve(bookLines, countLines);
    Throwable floorFailure = null;
    try {
      floor.readBook(files.book());
    } catch (RuntimeException e) {
      floorFailure = e;
    }
    try {
      masterDone.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (floorFailure != null) {
      throw (RuntimeException) floorFailure;
    }
    floor.readCounts(files.counts(), master);
    int[] toMaster = floor.masterIds(master);
    items = master.items.rekeyed(toMaster);
    uom = master.uom.rekeyed(toMaster);
    reconciliation = floor.reconciliation;
    rowsRead.putAll(master.rows);
    rowsRead.putAll(floor.rows);
    rejections.addAll(master.rejections);
    rejections.addAll(floor.rejections);
  }

  /** What one thread needs to read files: its own number reader, caches and rejections. */
  private abstract class Side {
    final Symbols skus;
    final DecimalReader number = new DecimalReader();
    final LastKey lastSku = new LastKey();
    final List<Rejection> rejections = new ArrayList<>();
    final Map<String, Long> rows = new LinkedHashMap<>();

    Side(int expectedSkus) {
      this.skus = new Symbols(expectedSkus, expectedSkus * 12);
    }

    void read(Path file, String kind, List<String> required, List<String> optional,
        RowReader rowReader) {
      String name = file.getFileName().toString();
      long count = 0;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int[] col = columns.resolve(kind, name, s.header(), required, optional);
        int width = s.header().size();
        while (s.next()) {
          count++;
          if ((count & 0xFFFF) == 0) {
            progress.reading(name, s.progress());
          }
          if (s.problem() != null) {
            rejections.add(new Rejection(name, s.line(), "", "", "unreadable row: "
                + s.problem()));
          } else if (s.fieldCount() > width && !extraFieldsBlank(s, width)) {
            rejections.add(new Rejection(name, s.line(), "", "", "row has " + s.fieldCount()
                + " fields, the header has " + width));
          } else {
            rowReader.row(s, col, name);
          }
        }
        progress.reading(name, 1.0);
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      rows.put(name, count);
    }

    int sku(RowSource s, int col, String file) {
      if (s.isBlank(col)) {
        reject(file, s, "sku", col, "blank sku");
        return -1;
      }
      return lastSku.intern(skus, s.buffer(), s.start(col), s.length(col));
    }

    void reject(String file, RowSource s, String field, int col, String reason) {
      rejections.add(new Rejection(file, s.line(), field, col < 0 ? "" : s.text(col), reason));
    }
  }

  /** Item master and UOM table. */
  private final class MasterSide extends Side {
    final ItemMaster items = new ItemMaster();
    final UomTable uom;

    MasterSide(int itemLines, int uomLines) {
      super(itemLines);
      this.uom = new UomTable(uomLines);
    }

    void readItems(Path file) {
      read(file, "items", List.of("sku", "unit_cost"), List.of("class"), (s, col, name) -> {
        int sku = sku(s, col[0], name);
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
          reject(name, s, "unit_cost", col[1], "unit cost is not a plain number: "
              + number.error());
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

    void readUom(Path file) {
      UnitCache units = new UnitCache(uom);
      read(file, "uom", List.of("sku", "uom", "qty_per_uom"), List.of(), (s, col, name) -> {
        int sku = sku(s, col[0], name);
        if (sku < 0) {
          return;
        }
        if (s.isBlank(col[1])) {
          reject(name, s, "uom", col[1], "blank unit");
          return;
        }
        int unit = units.id(s, col[1]);
        String code = uom.unitCode(unit);
        if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
          reject(name, s, "qty_per_uom", col[2], "factor is not a plain number: "
              + number.error());
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
  }

  /** Book and counts, keyed by the floor's own SKU and location dictionaries. */
  private final class FloorSide extends Side {
    final Symbols locations;
    final LastKey lastLocation = new LastKey();
    final Reconciliation reconciliation;
    private int[] masterOf = new int[0];

    FloorSide(boolean byLot, int bookLines, int countLines) {
      super(bookLines / 2);
      this.locations = new Symbols(bookLines / 4, bookLines / 4 * 12);
      this.reconciliation = new Reconciliation(skus, locations, byLot ? new Symbols() : null);
    }

    void readBook(Path file) {
      Symbols lots = reconciliation.lots();
      read(file, "book", List.of("sku", "location", "book_qty"), List.of("lot"),
          (s, col, name) -> {
            int sku = sku(s, col[0], name);
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
              reject(name, s, "book_qty", col[2], "book quantity is not a whole number of "
                  + "eaches");
              return;
            }
            reconciliation.addBook(sku, loc, lot(lots, s, col[3]), qty);
          });
    }

    void readCounts(Path file, MasterSide master) {
      Symbols lots = reconciliation.lots();
      UomTable uom = master.uom;
      UnitCache units = new UnitCache(uom);
      read(file, "counts", List.of("sku", "location", "count_qty", "count_uom"), List.of("lot"),
          (s, col, name) -> {
            int sku = sku(s, col[0], name);
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
            int unit = units.id(s, col[3]);
            long factor = uom.factor(masterId(sku, master), unit);
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

    /** Returns the master data's id of a floor SKU, or -1 when the master has none. */
    int masterId(int sku, MasterSide master) {
      if (sku >= masterOf.length) {
        int old = masterOf.length;
        masterOf = Arrays.copyOf(masterOf, Math.max(sku + 1, old * 2 + 1024));
        Arrays.fill(masterOf, old, masterOf.length, -2);
      }
      int m = masterOf[sku];
      if (m == -2) {
        m = master.skus.find(skus.arena(), skus.offset(sku), skus.length(sku));
        masterOf[sku] = m;
      }
      return m;
    }

    /** Returns the master id of every floor SKU. */
    int[] masterIds(MasterSide master) {
      int[] ids = new int[skus.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = masterId(i, master);
      }
      return ids;
    }

    int location(RowSource s, int col, String file) {
      if (s.isBlank(col)) {
        reject(file, s, "location", col, "blank location");
        return -1;
      }
      if (bins == null) {
        return lastLocation.intern(locations, s.buffer(), s.start(col), s.length(col));
      }
      BinMaster.Resolution r = bins.resolve(s.text(col));
      if (r.code() == null) {
        reject(file, s, "location", col, r.problem());
        return -1;
      }
      return locations.intern(r.code());
    }
  }

  /** Canonical unit ids of the raw unit spellings met in one file. */
  private static final class UnitCache {
    private final UomTable uom;
    private final Symbols raw = new Symbols();
    private int[] canonical = new int[16];

    UnitCache(UomTable uom) {
      this.uom = uom;
    }

    int id(RowSource s, int col) {
      int before = raw.size();
      int r = raw.intern(s.buffer(), s.start(col), s.length(col));
      if (r >= canonical.length) {
        canonical = Arrays.copyOf(canonical, canonical.length * 2);
      }
      if (r == before) {
        canonical[r] = uom.unitId(raw.get(r));
      }
      return canonical[r];
    }
  }

  @FunctionalInterface
  private interface RowReader {
    void row(RowSource s, int[] col, String file);
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

  private static void requireFile(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new InputProblem(file + ": no such file", null);
    }
  }

  private static CsvScanner open(Path file) throws IOException {
    try {
      return CsvScanner.open(file);
    } catch (NoSuchFileException e) {
      throw new InputProblem(file + ": no such file", e);
    }
  }

  private static int lot(Symbols lots, RowSource s, int col) {
    if (lots == null) {
      return -1;
    }
    return col < 0 || s.isBlank(col) ? lots.intern("") : lots.intern(s.buffer(), s.start(col),
        s.length(col));
  }

  /**
   * Remembers the last key looked up in a column: files list a SKU's units, or a location's
   * partial counts, on consecutive rows, and a byte compare is cheaper than a hash lookup.
   */
  private static final class LastKey {
    private byte[] bytes = new byte[64];
    private int len = -1;
    private int id;
    private Symbols owner;

    int intern(Symbols dict, byte[] buf, int start, int length) {
      if (owner == dict && length == len
          && Arrays.equals(bytes, 0, length, buf, start, start + length)) {
        return id;
      }
      id = dict.intern(buf, start, length);
      if (length > bytes.length) {
        bytes = new byte[length];
      }
      System.arraycopy(buf, start, bytes, 0, length);
      len = length;
      owner = dict;
      return id;
    }
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
