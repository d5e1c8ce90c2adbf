package io.dockcount.csv;

import io.dockcount.core.DecimalReader;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.KeyText;
import io.dockcount.core.PackLevels;
import io.dockcount.core.Reconciliation;
import io.dockcount.core.Symbols;
import io.dockcount.core.UnitCode;
import io.dockcount.core.UnitCost;
import io.dockcount.core.UomChains;
import io.dockcount.core.UomTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /** Per-file read times on stderr when DOCKCOUNT_TIMINGS is set: for profiling only. */
  private static final boolean TIMINGS = System.getenv("DOCKCOUNT_TIMINGS") != null;

  private static final List<String> COUNT_COLUMNS =
      List.of("sku", "location", "count_qty", "count_uom");
  /** A counts file smaller than this is read in one pass: a second thread would not pay. */
  private static final long SPLIT_BYTES = 8L << 20;

  /**
   * More eaches than one row can mean: such a number is a barcode scanned or keyed into the
   * quantity field. The bound also keeps quantities and their values within a long.
   */
  private static final long MAX_EACHES = UomChains.MAX_EACHES;
  private static final String TOO_MANY = UomChains.TOO_MANY;
  /** What to do when a repeated count_id is no repeat: ids each station numbers on its own. */
  private static final String OWN_NUMBERS = " (an id is one within its station column; ids "
      + "each export numbers on its own are no record ids: --columns counts.count_id= leaves "
      + "them unread)";

  /** Which CSV reader to use: the hand-written one, or FastCSV for comparison. */
  public enum Reader {
    SCANNER,
    FASTCSV
  }

  private final ColumnMap columns;
  /** The unit of every count when the counts file has no unit column, or null. */
  private String countsUnit;
  /** The files' numbers are written with a decimal comma, as the user declared. */
  private boolean decimalComma;
  private final Progress progress;
  private final Reader reader;
  private final Map<String, Long> rowsRead = new LinkedHashMap<>();
  /** How each input file is named in reports: its file name, or its path when names clash. */
  private final Map<Path, String> names = new HashMap<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private final long splitBytes;
  private int countsParts;
  private BinMaster bins;
  private Reconciliation reconciliation;
  private ItemMaster items;
  private UomTable uom;
  /** The UOM table's file, whose units say a Units column of a site's own codes is one. */
  private Path uomFile;

  private ReconcileInputs(ColumnMap columns, Progress progress, Reader reader, long splitBytes) {
    this.columns = columns;
    this.progress = progress;
    this.reader = reader;
    this.splitBytes = splitBytes;
  }

  /** Loads all files of a run with the hand-written reader. */
  public static ReconcileInputs load(InputFiles files, ColumnMap columns, Progress progress) {
    return load(files, columns, progress, Reader.SCANNER);
  }

  /** Loads all files of a run. */
  public static ReconcileInputs load(InputFiles files, ColumnMap columns, Progress progress,
      Reader reader) {
    return load(files, columns, progress, reader, SPLIT_BYTES);
  }

  /** Loads all files, reading a counts file of {@code splitBytes} or more in two halves. */
  static ReconcileInputs load(InputFiles files, ColumnMap columns, Progress progress,
      Reader reader, long splitBytes) {
    ReconcileInputs in = new ReconcileInputs(columns, progress, reader, splitBytes);
    in.run(files);
    return in;
  }

  private final List<String> unusable = new ArrayList<>();

  /** Count rows left out because a later round recounted their line: listed, not bad input. */
  private int replacedByRecount;
  private String countsName;

  public Reconciliation reconciliation() {
    return reconciliation;
  }

  public UomTable uom() {
    return uom;
  }

  public ItemMaster items() {
    return items;
  }

  /** Returns in how many parts the counts file was read (for tests). */
  int countsParts() {
    return countsParts;
  }

  /**
   * Returns every rejected row, in the order items, UOM, book, counts, bin master, each by
   * line.
   */
  public List<Rejection> rejections() {
    return rejections;
  }

  /** Returns the data rows read per file name, in the order items, UOM, book, counts. */
  public Map<String, Long> rowsRead() {
    return rowsRead;
  }

  /** Returns the data rows read from {@code file}, 0 for one not read or with a header only. */
  public long rowsRead(Path file) {
    return rowsRead.getOrDefault(nameOf(file), 0L);
  }

  /**
   * Returns the rows of {@link #rejections} that a recount of a later round replaced: listed
   * with the rest for the audit, but no fault of the input, so not counted as rejected.
   */
  public int replacedByRecount() {
    return replacedByRecount;
  }

  /**
   * Returns the rejected rows per file name, the rows a recount replaced left out. A row refused
   * for two of its fields (an item's cost and its class) has two entries in exceptions.csv and
   * is one row rejected.
   */
  public Map<String, Long> rejectedPerFile() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String f : rowsRead.keySet()) {
      m.put(f, 0L);
    }
    Map<String, Set<Long>> lines = new HashMap<>();
    for (Rejection r : rejections) {
      if (lines.computeIfAbsent(r.file(), f -> new HashSet<>()).add(r.line())) {
        m.merge(r.file(), 1L, Long::sum);
      }
    }
    if (replacedByRecount > 0) {
      m.merge(countsName, -(long) replacedByRecount, Long::sum);
    }
    return m;
  }

  /** When the last {@link #stamp} was printed. */
  private long stampAt = System.nanoTime();

  /** Prints how long the step that just ended took, when DOCKCOUNT_TIMINGS is set. */
  private void stamp(String what) {
    if (TIMINGS) {
      long now = System.nanoTime();
      System.err.printf("timing   step %-18s %6d ms%n", what, (now - stampAt) / 1_000_000);
      stampAt = now;
    }
  }

  private void run(InputFiles files) {
    try {
      read(files);
    } catch (InputProblem e) {
      if (!(e.getCause() instanceof ColumnMap.MissingColumnException)) {
        throw e;
      }
      String others = otherFilesLackingColumns(files, e.getMessage());
      if (others.isEmpty()) {
        throw e;
      }
      throw new InputProblem(e.getMessage() + others, e.getCause());
    }
  }

  /**
   * Returns, a line each, the other input files whose headers lack a column every run needs,
   * once one file stopped the run so: an export with headers of its own lacks them in all four
   * files, and learning them one run at a time takes four runs. Only the columns every reading
   * requires are looked for, so nothing is named that the run would have found.
   */
  private String otherFilesLackingColumns(InputFiles files, String already) {
    StringBuilder out = new StringBuilder();
    for (Needed n : needed(files)) {
      String name = nameOf(n.file());
      if (already.startsWith(name + ":") || !Files.isRegularFile(n.file())) {
        continue;
      }
      try (RowSource s = open(n.file())) {
        columns.resolve(n.kind(), name, s.header(), n.required(), List.of());
      } catch (ColumnMap.MissingColumnException e) {
        out.append('\n').append(e.getMessage()).append(headerBelow(n.file(), n.kind(),
            n.required()));
      } catch (IOException | UncheckedIOException | InputProblem e) {
        continue; // said by the run that reads it, once this one is mended
      }
    }
    return out.toString();
  }

  /** An input file, its kind and the columns every reading of it needs, in reading order. */
  private record Needed(Path file, String kind, List<String> required) {}

  private static List<Needed> needed(InputFiles files) {
    return List.of(new Needed(files.items(), "items", List.of("sku", "unit_cost")),
        new Needed(files.uom(), "uom", List.of("sku", "uom", "qty_per_uom")),
        new Needed(files.book(), "book", List.of("sku", "location", "book_qty")),
        new Needed(files.counts(), "counts", COUNT_COLUMNS.subList(0, 3)));
  }

  private void read(InputFiles files) {
    stamp("enter");
    nameFiles(files);
    countsUnit = files.countsUnit();
    decimalComma = files.decimalComma();
    if (files.locations() != null) {
      requireFile(files.locations(), "locations");
      bins = BinMaster.load(files.locations(), nameOf(files.locations()), files.warehouse(),
          columns, blankTailOf(files.locations()));
    }
    requireFiles(files);
    uomFile = files.uom();
    boolean bookLots = hasColumn(files.book(), "book", "lot");
    boolean countLots = hasColumn(files.counts(), "counts", "lot");
    boolean byLot = bookLots && countLots;
    if (bookLots != countLots) {
      noteLotsOnOneSide(bookLots ? files.book() : files.counts(),
          bookLots ? files.counts() : files.book(), bookLots ? "counts" : "book");
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
    stamp("estimates");
    MasterSide master = new MasterSide(itemLines, uomLines);
    // The master data side runs on its own thread; it shares nothing with the floor side until
    // join() returns. Reading files needs no interruption, so the thread is simply awaited.
    CompletableFuture<Void> masterDone = CompletableFuture.runAsync(() -> {
      master.read(files.items(), files.uom());
    }, runnable -> {
      Thread t = new Thread(runnable, "dockcount-master-data");
      t.setDaemon(true);
      t.start();
    });
    stamp("master started");
    FloorSide floor = new FloorSide(byLot, bookLines, countLines);
    // The counts come in blocks the halves fill (see readCounts): room for the book only.
    floor.reconciliation.reserve(bookLines, 0);
    Throwable floorFailure = null;
    try {
      floor.readBook(files.book());
    } catch (RuntimeException e) {
      floorFailure = e;
    }
    stamp("book read");
    try {
      masterDone.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    stamp("master joined");
    if (floorFailure != null) {
      throw (RuntimeException) floorFailure;
    }
    floor.settleBookUnits(master, nameOf(files.book()));
    if (floor.rows.getOrDefault(nameOf(files.book()), 0L) == 0) {
      // An empty book would make every count "unexpected": an export that went wrong.
      throw new InputProblem(nameOf(files.book()) + ": the book has no rows", null);
    }
    noteWhenNothingUsable(nameOf(files.book()), "book", floor.reconciliation.bookRows(),
        floor.rows.get(nameOf(files.book())), floor.rejections);
    int bookRejections = floor.rejections.size();
    floor.readCounts(files.counts(), master);
    noteWhenNothingUsable(nameOf(files.counts()), "counts",
        floor.reconciliation.countRows(), floor.rows.get(nameOf(files.counts())),
        floor.rejections.subList(bookRejections, floor.rejections.size()));
    stamp("counts read");
    int[] toMaster = floor.masterIds(master);
    noteCostsUnderOtherZeros(toMaster, master, floor, files.items());
    items = master.items.rekeyed(toMaster);
    uom = master.uom.rekeyed(toMaster);
    reconciliation = floor.reconciliation;
    stamp("rekeyed");
    rowsRead.putAll(master.rows);
    rowsRead.putAll(floor.rows);
    rejections.addAll(master.rejections);
    rejections.addAll(floor.rejections);
    if (bins != null) {
      rowsRead.put(nameOf(files.locations()), bins.rows);
      rejections.addAll(bins.rejected);
    }
    rejections.replaceAll(this::namedAsWritten);
  }

  /**
   * Each input file's columns read, by the field they are read as, with the header the file
   * gives them (filled by the readers, which run on two threads).
   */
  private final Map<String, Map<String, String>> headersAsWritten =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Notes the headers of the columns {@code col} found for {@code fields} in that order. */
  private void noteHeaders(String file, List<String> header, List<String> fields, int[] col) {
    Map<String, String> m = headersAsWritten.computeIfAbsent(file, f -> new HashMap<>());
    for (int i = 0; i < fields.size() && i < col.length; i++) {
      if (col[i] >= 0 && col[i] < header.size()) {
        m.put(fields.get(i), header.get(col[i]).strip());
      }
    }
  }

  /**
   * A rejection naming its field by the file's own header where it differs from the field's
   * name ({@code Qty Counted} mapped by --columns to count_qty), as the user finds it.
   */
  private Rejection namedAsWritten(Rejection r) {
    Map<String, String> m = headersAsWritten.get(r.file());
    String written = m == null ? null : m.get(r.field());
    return written == null || written.isEmpty() || written.equalsIgnoreCase(r.field()) ? r
        : new Rejection(r.file(), r.line(), written, r.value(), r.reason());
  }

  /**
   * Notes a book or counts file none of whose rows could be used: every line is then missing or
   * unexpected, reports that are no reconciliation, and the cause is usually one column mapped
   * to the wrong header. The run still writes its reports (the rejected rows are in
   * exceptions.csv); {@link #unusable} says why they are not to be trusted.
   */
  private void noteWhenNothingUsable(String name, String kind, int used, Long read,
      List<Rejection> rejected) {
    if (used > 0) {
      return;
    }
    if (read == null || read == 0) {
      unusable.add(name + ": the " + kind + " file has no rows");
      return;
    }
    Rejection first = rejected.isEmpty() ? null : rejected.get(0);
    unusable.add(name + ": none of its " + read + (read == 1 ? " row" : " rows")
        + " could be used" + (first == null ? "" : "; the first, line " + first.line()
            + (first.field().isEmpty() ? "" : " " + first.field()) + ": " + first.reason())
        + (first != null && (first.reason().contains("leading zeros lost")
            || first.reason().contains("scientific notation")) ? ""
            : first != null && first.reason().endsWith(COUNTS_UNIT_GIVEN)
            ? " (is it the unit the sheet was counted in?)"
            : " (is each column mapped to the right header?)"));
  }

  /** Ends the reason of a count refused in the unit --counts-unit gave its sheet. */
  private static final String COUNTS_UNIT_GIVEN = "(the unit --counts-unit gives every count)";

  /**
   * Returns why this run's reports are no reconciliation (an input none of whose rows could be
   * used), or nothing.
   */
  public List<String> unusable() {
    return unusable;
  }

  /** What the run should know of how a file was read, to be said on stderr (see notices). */
  private final List<String> notices = java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * Returns what the run should know of how its files were read: a file whose rows end with
   * blank fields the header lacks, where a stray separator cannot be seen in every row.
   */
  public List<String> notices() {
    synchronized (notices) {
      return notices.stream().sorted().toList(); // files are read on two threads
    }
  }

  /**
   * Notes the SKUs of the book and counts that the item master lacks but has, with a cost,
   * without their leading zeros ({@code 913} for {@code 00913}): a spreadsheet dropped them in
   * one file, and the lines read "missing cost" for that alone.
   */
  private void noteCostsUnderOtherZeros(int[] toMaster, MasterSide master, FloorSide floor,
      Path itemsFile) {
    List<String> found = new ArrayList<>();
    int more = 0;
    for (int sku = 0; sku < toMaster.length; sku++) {
      if (toMaster[sku] >= 0) {
        continue;
      }
      String code = floor.skus.get(sku);
      String other = floor.masterCodeUnpadded(code);
      if (other != null && master.items.hasCost(floor.masterIdOfOnly(other))) {
        if (found.size() < 5) {
          found.add(code + " (items have " + other + ")");
        } else {
          more++;
        }
      }
    }
    if (!found.isEmpty()) {
      notices.add(nameOf(itemsFile) + ": no cost for SKU " + String.join(", ", found)
          + (more > 0 ? " and " + more + " more" : "") + ": leading zeros lost in one of the "
          + "files? Those lines are flagged missing_cost");
    }
    found.clear();
    more = 0;
    for (int sku = 0; sku < toMaster.length; sku++) {
      String other = toMaster[sku] >= 0 ? null : floor.masterCodeShortened(floor.skus.get(sku));
      if (other != null && master.items.hasCost(floor.masterIdOfOnly(other))) {
        if (found.size() < 5) {
          found.add(floor.skus.get(sku) + " (items have " + other + ")");
        } else {
          more++;
        }
      }
    }
    if (!found.isEmpty()) {
      notices.add(nameOf(itemsFile) + ": no cost for SKU " + String.join(", ", found)
          + (more > 0 ? " and " + more + " more" : "") + ": " + SHORTENED + " Those lines are "
          + "flagged missing_cost");
    }
  }

  /** Why a master SKU in scientific notation may be a long one of the floor's. */
  private static final String SHORTENED = "a spreadsheet's scientific notation, its digits "
      + "lost?";

  private void noteBlankTail(Path file, int blankTail) {
    if (blankTail > 0) {
      notices.add(nameOf(file) + ": its rows end with " + blankTail + " more separator"
          + (blankTail == 1 ? "" : "s") + " than its header, read as blank columns; a row "
          + "whose unquoted 1,200 uses up that blank cannot be told from the others (quote such "
          + "numbers, or export without the trailing separator)");
    }
  }

  /**
   * Names each input by its file name, or by its path as given when two inputs share a file
   * name (a book and counts both called export.csv must not be counted as one file).
   */
  private void nameFiles(InputFiles files) {
    List<Path> all = new ArrayList<>(List.of(files.items(), files.uom(), files.book(),
        files.counts()));
    if (files.locations() != null) {
      all.add(files.locations());
    }
    Map<String, Integer> uses = new HashMap<>();
    for (Path p : all) {
      uses.merge(p.getFileName().toString(), 1, Integer::sum);
    }
    for (Path p : all) {
      String name = p.getFileName().toString();
      names.put(p, uses.get(name) > 1 ? p.toString() : name);
    }
  }

  private String nameOf(Path file) {
    return names.getOrDefault(file, file.getFileName().toString());
  }

  /** What one thread needs to read files: its own number reader, caches and rejections. */
  private abstract class Side {
    /** This side's SKU dictionary (the master side's is let go once the floor has its ids). */
    Symbols skus;
    final DecimalReader number = new DecimalReader();
    final LastKey lastSku = new LastKey();
    final List<Rejection> rejections = new ArrayList<>();
    final Map<String, Long> rows = new LinkedHashMap<>();
    /**
     * The file being read's columns that its first values made no unit column (headed Units,
     * or a unit column of plain numbers), or null (most files: then its rows are not looked at
     * for units there).
     */
    HiddenUnits hidden;

    Side(int expectedSkus) {
      this.skus = new Symbols(expectedSkus, expectedSkus * 12);
    }

    void read(Path file, String kind, List<String> required, List<String> optional,
        RowReader rowReader) {
      read(file, kind, required, optional, rowReader, null);
    }

    /**
     * Returns {@code column}, a unit column of a {@code kind} file found by its header, or -1
     * when its first rows hold plain numbers only ({@link ColumnMap#figuresOnly}): then stderr
     * says so, and the column joins {@code unread}, where a unit further down refuses its row.
     */
    private int unlessFigures(int column, String kind, RowSource s, FirstRows sample,
        String name, List<ColumnMap.Unread> unread) {
      ColumnMap.Unread figures = column < 0 ? null
          : columns.figuresOnly(kind, s.header(), column, sample.values(column));
      if (figures == null) {
        return column;
      }
      notices.add(figures.note(name));
      unread.add(figures);
      return -1;
    }

    /**
     * Returns the column headed {@code Units} whose first rows name units ({@link
     * ColumnMap#unitsColumn}), or -1; stderr says it is read as {@code readAs}, or, its words
     * naming no unit known nor one the UOM table names, that it is not, and how to map it as
     * {@code field}. The Units columns judged no unit column join {@code unread}.
     */
    private int unitWordsColumn(List<String> header, int[] col, Path file, String name,
        String field, String readAs, List<ColumnMap.Unread> unread) {
      ColumnMap.UnitsColumn units = ColumnMap.unitsColumn(header, col, c -> filledValues(file, c),
          ReconcileInputs.this::tableUnits, name, field);
      String notice = units.notice(name, field, readAs);
      if (notice != null) {
        notices.add(notice);
      }
      unread.addAll(units.unread());
      return units.read();
    }

    /**
     * Reads a file; {@code onMalformed}, when given, also sees each row rejected for its shape
     * (too few or too many fields), so a readable SKU and location can still mark their line.
     */
    void read(Path file, String kind, List<String> required, List<String> optional,
        RowReader rowReader, MalformedReader onMalformed) {
      String name = nameOf(file);
      long count = 0;
      long started = System.nanoTime();
      int rejectionsBefore = rejections.size();
      hidden = null;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int[] col = columns.resolve(kind, name, s.header(), required, optional);
        FirstRows sample = firstRows(file);
        // Columns read as no unit column by their first values: a unit below refuses its row.
        List<ColumnMap.Unread> unread = new ArrayList<>(0);
        if (kind.equals("book")) {
          // A "Unit" column of figures is no unit of measure: not read as one (it would
          // refuse every row), and said, in case it is.
          col[4] = unlessFigures(ColumnMap.bookUnitColumn(s.header(), col), "book", s, sample,
              name, unread);
          if (col[4] < 0) {
            col[4] = unitWordsColumn(s.header(), col, file, name, "book.book_uom",
                "the book's unit column", unread);
          }
          if (col[4] >= 0 && s.header().get(col[4]).indexOf('\uFFFD') >= 0) {
            notices.add(name + ": its column '" + s.header().get(col[4]).strip() + "' is not "
                + "UTF-8 text (a Windows-1252 export?), but names a unit: read as the book's unit "
                + "column; save the file as UTF-8");
          }
        }
        if (kind.equals("items")) {
          col[3] = unlessFigures(ColumnMap.costUnitColumn(s.header(), col), "items", s, sample,
              name, unread);
          if (col[3] < 0) {
            col[3] = unitWordsColumn(s.header(), col, file, name, "items.cost_uom",
                "the unit each cost is per", unread);
          }
        }
        if (kind.equals("uom")) {
          col[3] = unlessFigures(ColumnMap.factorUnitColumn(s.header(), col), "uom", s, sample,
              name, unread);
        }
        hidden = unread.isEmpty() ? null
            : new HiddenUnits(unread);
        List<String> fields = new ArrayList<>(required);
        fields.addAll(optional);
        noteHeaders(name, s.header(), fields, col);
        number.decimalComma(decimalComma);
        number.groupingAmbiguous(!decimalComma && DecimalStyle.dotMayGroup(s.delimiter(), file));
        int width = s.header().size();
        int blankTail = sample.blankTail();
        noteBlankTail(file, blankTail);
        SplitThousands split = kind.equals("book") || kind.equals("uom")
            ? sample.splitThousands(col, col[2], width + blankTail) : SplitThousands.NONE;
        HeaderEcho header = new HeaderEcho(s.header(), col, kind.equals("items") ? col[1]
            : col[2]);
        while (s.next()) {
          count++;
          if ((count & 0xFFFF) == 0) {
            progress.reading(name, s.progress());
          }
          if (header.repeatedBy(s)) {
            rejections.add(header.rejection(name, s));
            continue;
          }
          FieldAlone alone = kind.equals("items") ? itemFieldAlone(s, col[0], col[1], col[2])
              : null;
          if (alone != null) {
            rejections.add(new Rejection(name, s.line(), s.header().get(alone.column()),
                s.text(alone.column()), alone.reason()));
            rowReader.row(alone.rest(), col, name);
            continue;
          }
          readRow(s, col, width, blankTail, split, name, rejections, rowReader, onMalformed);
        }
        noteJoined(name, s.byteOrderMarks(), s.byteOrderMarkLine());
        progress.reading(name, 1.0);
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage() + headerBelow(file, kind, required), e);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      HeaderEcho.stopOnReordered(rejections, rejectionsBefore);
      rows.put(name, count);
      if (TIMINGS) {
        System.err.printf("timing   read %-14s %6d ms on %s%n", name,
            (System.nanoTime() - started) / 1_000_000, Thread.currentThread().getName());
      }
    }

    int sku(RowSource s, int col, String file) {
      if (blankKey(s, col)) {
        String why = blankSkuReason(s);
        reject(file, s, why.equals(EMPTY_ROW) ? "" : "sku", col, why);
        return -1;
      }
      return lastSku.intern(skus, s.buffer(), s.start(col), s.length(col));
    }

    void reject(String file, RowSource s, String field, int col, String reason) {
      rejections.add(new Rejection(file, s.line(), field, col < 0 ? "" : s.text(col), reason));
    }
  }

  /**
   * Returns where a line below a file's first names every {@code required} field of
   * {@code kind} (an ERP or spreadsheet report puts its title and date above its header), as a
   * sentence to add to the missing column's refusal; empty when none of its first lines does.
   */
  private String headerBelow(Path file, String kind, List<String> required) {
    List<String> names = new ArrayList<>();
    for (String field : required) {
      names.add(columns.header(kind, field).strip().toLowerCase(java.util.Locale.ROOT));
    }
    try (RowSource s = open(file)) {
      if (lowerCase(s.header()).containsAll(names)) {
        return ""; // the refusal is of something else: a header repeated below is an echo
      }
      for (int n = 0; n < 16 && s.next(); n++) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < s.fieldCount(); i++) {
          fields.add(s.text(i));
        }
        if (lowerCase(fields).containsAll(names)) {
          return "; line " + s.line() + " holds the header (a report's title above it?): "
              + "delete the lines above it";
        }
      }
    } catch (IOException | RuntimeException e) {
      return ""; // the refusal stands as it is
    }
    return "";
  }

  private static Set<String> lowerCase(List<String> header) {
    Set<String> out = new HashSet<>();
    for (String h : header) {
      out.add(h.strip().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  /**
   * Says where lines of a file began with a byte order mark: each is the first line of an
   * export joined to it ({@code cat}), whose rows add up with the file's (a book joined to
   * itself doubles), and the mark, skipped, leaves no other trace of the join.
   */
  private void noteJoined(String name, int marks, long firstLine) {
    if (marks > 0) {
      notices.add(name + ": " + (marks == 1 ? "line " + firstLine + " starts" : marks
          + " lines start, the first line " + firstLine + ",") + " with a byte order mark: an "
          + "export joined to the file? Its rows are read as the file's, and add up with them");
    }
  }

  /** Says a row of separators only (a spreadsheet's empty row) as such, not as a blank SKU. */
  private static String blankSkuReason(RowSource s) {
    for (int i = 0; i < s.fieldCount(); i++) {
      if (!s.isBlank(i)) {
        return "blank sku";
      }
    }
    return EMPTY_ROW;
  }

  /** The reason for a field that is not UTF-8 text. */
  private static final String NOT_UTF8_TEXT = "not UTF-8 text (a file saved as Latin-1 or "
      + "Windows-1252?): save the file as UTF-8";

  /** The reason for a key, number or unit holding a quote ({@link RowSource#QUOTE}). */
  private static final String STRAY_QUOTE = "holds a double quote, which no key, number or unit "
      + "has: the export's quoting is broken (a stray quote?); correct the row or export the "
      + "file again";

  /**
   * Returns why field {@code c} can be no key, number or unit (not UTF-8, a control character or
   * a stray quote in it: {@link RowSource#textCheck}), or null. The service's WMS rows are
   * checked by it too ({@link TextRow}).
   */
  public static String textFault(RowSource s, int c) {
    int text = s.textCheck(c);
    return text == -1 ? null : text == RowSource.NOT_UTF8 ? NOT_UTF8_TEXT
        : text == RowSource.QUOTE ? STRAY_QUOTE : controlChar(text);
  }

  /** The reason for a key, number or unit holding the control character {@code c}. */
  private static String controlChar(int c) {
    return c > 0x7F ? String.format("holds the invisible line break U+%04X, which no key, "
        + "number or unit has (one typed or pasted into a cell?)", c)
        : String.format("holds the control character 0x%02X, which no key, number or unit "
        + "has (a damaged or binary file?)", c);
  }

  /**
   * An item row's cost or class that alone cannot be read ({@link #itemFieldAlone}).
   *
   * @param column the field's column
   * @param reason why it is refused, saying the rest of the row is kept
   * @param rest the row with that field empty, to read as any row
   */
  public record FieldAlone(int column, String reason, RowSource rest) {}

  /**
   * Returns the cost or class of an item row (columns {@code costCol}, {@code classCol}; -1
   * for none) that alone is not UTF-8 text (a Windows-1252 {@code £1.50}) or holds a stray
   * quote, or null when the row has no such field, or another fault: it is read, or rejected,
   * as any row. The other still applies (a class keeps its recount rule, a cost its value), in
   * {@code reconcile} and in the service's start-up item file alike. Called per item row; it
   * allocates only for a row it refuses.
   */
  public static FieldAlone itemFieldAlone(RowSource s, int skuCol, int costCol, int classCol) {
    if (s.problem() != null || s.fieldCount() != s.header().size()) {
      return null;
    }
    // The cost and the class only: a cost whose unit is unreadable is no cost per each.
    int cost = unreadableText(s, costCol);
    int klass = unreadableText(s, classCol);
    if ((cost == -1) == (klass == -1) || s.textCheck(skuCol) != -1) {
      return null; // neither, or both: the row says nothing usable
    }
    int bad = cost != -1 ? costCol : classCol;
    int why = cost != -1 ? cost : klass;
    return new FieldAlone(bad, (why == RowSource.QUOTE ? STRAY_QUOTE : NOT_UTF8_TEXT)
        + "; the rest of the row is kept", new RowCopy(s, bad));
  }

  /**
   * Returns field {@code c}'s fault ({@link RowSource#NOT_UTF8} or {@link RowSource#QUOTE})
   * when it has one of those, else -1.
   */
  private static int unreadableText(RowSource s, int c) {
    int text = c >= 0 && c < s.fieldCount() ? s.textCheck(c) : -1;
    return text == RowSource.NOT_UTF8 || text == RowSource.QUOTE ? text : -1;
  }

  /** The reason for a row of separators only: the whole row, so it names no field. */
  private static final String EMPTY_ROW = "empty row (separators only)";

  /** Item master and UOM table. */
  private final class MasterSide extends Side {
    final ItemMaster items;
    final UomTable uom;
    /** Why a SKU and unit ({@code sku << 32 | unit}) have no factor, where a row said one. */
    private final Map<Long, String> refused = new HashMap<>();
    /** Spellings read as each that the UOM table gave another factor, by SKU: see below. */
    private final Map<String, String> eachConflicts = new HashMap<>();

    MasterSide(int itemLines, int uomLines) {
      super(itemLines);
      this.items = new ItemMaster(itemLines);
      // EA rows take no entry, and UOM tables usually list EA for every SKU: room for three
      // quarters of the rows holds the rest without growing.
      this.uom = new UomTable(uomLines / 4 * 3);
    }

    /**
     * Returns why {@code sku} has no factor in {@code unit} although the table has a row for it
     * (the row was rejected, or the unit was given two factors), or null.
     */
    String refusedFactor(int sku, int unit) {
      return refused.get(factorKey(sku, unit));
    }

    /**
     * Returns why counts of {@code sku} written in {@code written} (a spelling read as each,
     * such as PC) are refused: the UOM table gave that spelling, or another form of its word
     * (PCS, PIECE), another factor. Null otherwise.
     */
    String eachConflict(int sku, String written) {
      return eachConflicts.isEmpty() || sku < 0 ? null
          : eachConflicts.get(eachConflictKey(sku, written));
    }

    private static String eachConflictKey(int sku, String written) {
      return sku + "\n" + UnitCode.eachWord(written);
    }

    /** Notes where the factor of {@code sku} in {@code unit} was rejected (the first place). */
    private void refuseFactor(int sku, int unit, String name, RowSource s) {
      if (unit >= 0 && unit != uom.eachUnit()) {
        refused.putIfAbsent(factorKey(sku, unit),
            "its row was rejected (" + name + " line " + s.line() + ")");
      }
    }

    private static long factorKey(int sku, int unit) {
      return ((long) sku << 32) | (unit & 0xFFFFFFFFL);
    }

    /**
     * Reads the UOM table, then the item master (a cost per case is per each through the
     * table's factor), and keeps their rows and rejections in the order items, UOM.
     */
    void read(Path itemsFile, Path uomFile) {
      readUom(uomFile);
      int uomRejections = rejections.size();
      Long uomRows = rows.remove(nameOf(uomFile));
      readItems(itemsFile);
      java.util.Collections.rotate(rejections, rejections.size() - uomRejections);
      if (uomRows != null) {
        rows.put(nameOf(uomFile), uomRows);
      }
    }

    void readItems(Path file) {
      // Per field, the first row that gives a value is used; a later row giving another value
      // is a conflict the reader must see (the same value again loses nothing).
      UnitCache units = new UnitCache(uom);
      read(file, "items", List.of("sku", "unit_cost"), List.of("class", "cost_uom"),
          (s, col, name) -> {
        int sku = sku(s, col[0], name);
        if (sku < 0) {
          return;
        }
        boolean hasCost = !s.isBlank(col[1]);
        // A cost that cannot be read is refused alone: the row's class still applies, or the
        // SKU's lines would fall to the zone or default recount rules without a word.
        String costUnusable = null;
        if (hasCost && !number.read(s.buffer(), s.start(col[1]), s.length(col[1]))) {
          // Quoted spaces are as blank as an empty cell: no cost, and nothing to reject.
          costUnusable = number.error().equals("blank") ? null
              : UnitCost.notPlainNumber(number.error());
          hasCost = false;
        } else if (hasCost && number.unscaled() < 0) {
          costUnusable = UnitCost.NEGATIVE;
        }
        // The cost per each, unscaled and its scale: no object per row of a million.
        long costUnscaled = number.unscaled();
        int costScale = number.scale();
        if (hasCost && costUnusable == null && col[3] >= 0 && !s.isBlank(col[3])) {
          String per = s.text(col[3]).strip();
          long count = UnitCost.count(per, decimalComma); // SAP's price unit: per 100
          boolean quantity = count >= 0;
          int unitId = quantity ? -1 : units.id(s, col[3]);
          long eaches = quantity ? count : uom.factor(sku, unitId);
          String unit = quantity ? per + " EA" : uom.unitCode(unitId);
          String header = s.header().get(col[3]).strip();
          String disputed = quantity ? null : eachConflict(sku, UnitCode.squeezed(per));
          if (disputed != null) {
            costUnusable = UnitCost.perDisputedEach(UnitCode.squeezed(per), header, disputed)
                + UnitCost.UNKNOWN;
          } else if (quantity && eaches == 0) {
            costUnusable = UnitCost.noEaches(unit, header) + UnitCost.UNKNOWN;
          } else if (eaches <= 0 && !decimalComma && UnitCost.dotGrouped(per)) {
            costUnusable = UnitCost.dotsUndeclared(per, header) + UnitCost.UNKNOWN;
          } else if (eaches <= 0) {
            costUnusable = UnitCost.noFactor(quantity ? unit : UnitCode.asWritten(per), header,
                skus.get(sku), refusedFactor(sku, unitId)) + UnitCost.UNKNOWN;
          } else {
            BigDecimal cost = UnitCost.perEach(BigDecimal.valueOf(costUnscaled, costScale),
                eaches);
            if (cost != null) {
              costUnscaled = cost.unscaledValue().longValueExact();
              costScale = cost.scale();
            } else {
              costUnusable = UnitCost.notExact(quantity ? unit : UnitCode.asWritten(per),
                  header, quantity ? -1 : eaches, s.text(col[1]).strip(), eaches)
                  + UnitCost.UNKNOWN;
            }
          }
        }
        ColumnMap.Unread perUnit = hasCost && costUnusable == null && hidden != null
            ? hidden.in(s) : null;
        if (hasCost && costUnusable == null && hidden != null && perUnit == null) {
          // PC below a Units column of figures: per each, unless the table disputes PC.
          ColumnMap.Unread each = hidden.eachIn(s);
          perUnit = each == null || eachConflict(sku, UnitCode.squeezed(s.text(each.column())))
              == null ? null : each;
        }
        if (perUnit != null) {
          costUnusable = perUnit.refusal(s.text(perUnit.column())) + UnitCost.UNKNOWN;
        }
        if (costUnusable != null) {
          hasCost = false;
        }
        String skuClass = s.isBlank(col[2]) ? "" : s.text(col[2]).strip();
        String earlierClass = items.skuClass(sku);
        // Two classes or two costs for one SKU: either would be a guess, so it has neither.
        String classConflict = null;
        if (!skuClass.isEmpty() && items.classWithdrawn(sku)) {
          classConflict = ItemMaster.twoClasses(skus.get(sku));
        } else if (!skuClass.isEmpty() && earlierClass != null && !earlierClass.equals(skuClass)) {
          classConflict = ItemMaster.classAgain(skus.get(sku), earlierClass);
          items.withdrawClass(sku);
        }
        String costConflict = null;
        if (hasCost && items.costWithdrawn(sku)) {
          costConflict = ItemMaster.twoCosts(skus.get(sku));
        } else if (hasCost && items.hasCost(sku) && items.cost(sku)
            .compareTo(BigDecimal.valueOf(costUnscaled, costScale)) != 0) {
          costConflict = ItemMaster.costAgain(skus.get(sku), items.cost(sku));
          items.withdrawCost(sku);
        }
        if (classConflict != null) {
          String costToo = costConflict != null ? costConflict : costUnusable;
          reject(name, s, "class", col[2],
              costToo == null ? classConflict : classConflict + "; " + costToo);
          return;
        }
        if (costConflict != null) {
          reject(name, s, "unit_cost", col[1], costConflict);
          return;
        }
        if (!skuClass.isEmpty() && earlierClass == null && !items.classWithdrawn(sku)) {
          items.setClass(sku, skuClass);
        }
        if (costUnusable != null) {
          reject(name, s, perUnit == null ? "unit_cost" : perUnit.header(),
              perUnit == null ? col[1] : perUnit.column(),
              UnitCost.classKept(costUnusable, skuClass));
          return;
        }
        if (hasCost && !items.hasCost(sku)) {
          // A cost unknown stays unknown.
          items.setCost(sku, costUnscaled, costScale);
        }
      });
    }

    /**
     * Reads the row's denominator (SAP's UOM table states a unit as numerator over denominator,
     * 1 G = 1/1000 KG) into {@link #number}; returns why the factor, {@code numerator} over it,
     * is no whole number of eaches, or null when it is (then {@code number} holds the
     * denominator).
     */
    private String overDenominator(RowSource s, int numeratorCol, int col, long numerator,
        String code) {
      String header = s.header().get(col).strip();
      if (!number.read(s.buffer(), s.start(col), s.length(col))) {
        return header + " is not a plain number: " + number.error() + " (the factor is "
            + s.header().get(numeratorCol).strip() + " over " + header + ")";
      }
      long d = number.wholeValue();
      if (d <= 0 || d == Long.MIN_VALUE || numerator % d != 0) {
        return s.text(numeratorCol).strip() + "/" + s.text(col).strip() + " is not a whole "
            + "number of eaches per " + code + " (the factor is "
            + s.header().get(numeratorCol).strip() + " over " + header + "): the table must "
            + "state eaches per unit, never a rounded fraction";
      }
      return null;
    }

    void readUom(Path file) {
      UnitCache units = new UnitCache(uom);
      int[] denominator = {-2}; // found at the first row: the file's column, or -1
      int[] base = {-1}; // the column of the unit a factor counts (base_uom), or -1
      UomChains<ChainedFactor> chained = new UomChains<>();
      int rejectedBefore = rejections.size();
      read(file, "uom", List.of("sku", "uom", "qty_per_uom"), List.of("base_uom"),
          (s, col, name) -> {
        if (denominator[0] == -2) {
          denominator[0] = ColumnMap.denominatorColumn(s.header(), col);
          base[0] = col[3];
          String note = denominator[0] < 0 ? null
              : ColumnMap.factorHeadersNotUtf8(s.header(), col[2], denominator[0]);
          if (note != null) {
            notices.add(name + ": " + note);
          }
        }
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
          refuseFactor(sku, unit, name, s);
          return;
        }
        long factor = number.wholeValue();
        if (denominator[0] >= 0 && factor != Long.MIN_VALUE && factor > 0) {
          String why = overDenominator(s, col[2], denominator[0], factor, code);
          if (why != null) {
            reject(name, s, s.header().get(denominator[0]).strip(), denominator[0], why);
            refuseFactor(sku, unit, name, s);
            return;
          }
          factor /= number.wholeValue();
        }
        // CS under a base unit column of figures: the factor may count cases, not eaches.
        ColumnMap.Unread below = hidden == null || factor == Long.MIN_VALUE || factor <= 0
            ? null : hidden.in(s);
        if (below == null && hidden != null && factor != Long.MIN_VALUE && factor > 0) {
          below = hidden.eachIn(s); // PC: the table giving it a factor may not be all read
        }
        if (factor == Long.MIN_VALUE || factor <= 0 || below != null) {
          refuseFactor(sku, unit, name, s);
        }
        if (below != null) {
          reject(name, s, below.header(), below.column(), below.refusal(s.text(below.column())));
        } else if (factor == Long.MIN_VALUE) {
          reject(name, s, "qty_per_uom", col[2], s.text(col[2]) + " is not a whole number of "
              + "eaches per " + code + ": the table must state eaches per unit, never a rounded "
              + "fraction");
        } else if (factor <= 0) {
          reject(name, s, "qty_per_uom", col[2], "factor must be at least 1 each per " + code);
        } else if (unit == uom.eachUnit()) {
          String why = UnitCode.eachWithFactor(s.text(col[1]), factor);
          if (why != null) {
            reject(name, s, "qty_per_uom", col[2], why);
            // EA stays one each, its base unit, whatever the row says; the SKU's lines say
            // its master data disagrees, as for a synonym of each given a factor.
            items.markConflict(sku);
            String written = UnitCode.squeezed(s.text(col[1]));
            if (!written.equals(UnitCode.EACH)) {
              eachConflicts.putIfAbsent(eachConflictKey(sku, written),
                  UnitCode.eachDisputed(written, factor, name, s.line()));
            }
          }
        } else if (col[3] >= 0 && !s.isBlank(col[3]) && units.id(s, col[3]) != uom.eachUnit()
            && units.id(s, col[3]) != unit) {
          // A factor in another unit (40 CS per PL) is known in eaches once that unit's is,
          // which may be listed later: it waits for the whole table.
          int via = units.id(s, col[3]);
          chained.add(skus.get(sku), code, factor, uom.unitCode(via), new ChainedFactor(sku,
              unit, via, s.line(), s.header().get(col[3]).strip(), s.text(col[3]),
              s.text(col[2])));
        } else {
          String twice = putFactor(sku, unit, factor, name, s.line());
          if (twice != null) {
            reject(name, s, "qty_per_uom", col[2], twice);
          }
        }
      });
      if (base[0] >= 0 && !eachConflicts.isEmpty()) {
        refuseDisputedEachBase(file, nameOf(file), base[0]);
      }
      ChainTable table = new ChainTable(nameOf(file));
      chained.resolve(table); // rejections said to the table as they are made
      refuseSmallerPacks(file, nameOf(file));
      chained.recheck(table); // a unit read through a pack refused just above
      // The rows of chained factors are rejected after the table: in line order with the rest.
      rejections.subList(rejectedBefore, rejections.size())
          .sort(java.util.Comparator.comparingLong(Rejection::line));
    }

    /**
     * Withdraws each factor counted in a spelling of each ({@code CS,12,PC}) that the table gives
     * the SKU another factor ({@code PC,10}): 12 or 120 eaches would be a guess. Their rows are
     * rejected; read again only when the table gave such a spelling a factor.
     */
    private void refuseDisputedEachBase(Path file, String name, int baseColumn) {
      Set<Long> withdrawn = new HashSet<>();
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int[] col = columns.resolve("uom", name, s.header(), List.of("sku", "uom",
            "qty_per_uom"), List.of());
        int width = Math.max(baseColumn, Math.max(col[0], col[1]));
        while (s.next()) {
          if (s.problem() != null || s.fieldCount() <= width || s.isBlank(baseColumn)) {
            continue;
          }
          String written = UnitCode.squeezed(s.text(baseColumn));
          int sku = skus.find(s.buffer(), s.start(col[0]), s.length(col[0]));
          int unit = uom.findUnit(UnitCode.canonical(s.text(col[1])));
          String disputed = written.equals(UnitCode.EACH) || !UnitCode.isEach(written)
              || unit < 0 || unit == uom.eachUnit() ? null : eachConflict(sku, written);
          long key = factorKey(sku, unit);
          if (disputed == null
              || uom.factor(sku, unit) == UomTable.NO_FACTOR && !withdrawn.contains(key)) {
            continue;
          }
          String code = uom.unitCode(unit);
          rejections.add(new Rejection(name, s.line(), s.header().get(baseColumn).strip(),
              s.text(baseColumn), code + " is given as " + s.text(col[2]).strip() + " "
              + written + ": " + disputed + " " + code + " has none until the table agrees"));
          refused.putIfAbsent(key, "its row was rejected (" + name + " line " + s.line() + ")");
          uom.withdraw(sku, unit);
          items.markConflict(sku);
          withdrawn.add(key);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
    }

    /**
     * The UOM table as {@link UomChains} resolves a chain of levels in it: the rows carry their
     * ids, so no code is looked up again; a row refused names where ({@link #refused}).
     */
    private final class ChainTable implements UomChains.Factors<ChainedFactor> {
      private final String name;

      ChainTable(String name) {
        this.name = name;
      }

      @Override
      public long via(UomChains.Link<ChainedFactor> row) {
        return uom.factor(row.origin().sku(), row.origin().via());
      }

      @Override
      public long own(UomChains.Link<ChainedFactor> row) {
        return uom.factor(row.origin().sku(), row.origin().unit());
      }

      @Override
      public String put(UomChains.Link<ChainedFactor> row, long eaches) {
        ChainedFactor c = row.origin();
        return putFactor(c.sku(), c.unit(), eaches, name, c.line());
      }

      @Override
      public void withdraw(UomChains.Link<ChainedFactor> row) {
        uom.withdraw(row.origin().sku(), row.origin().unit());
        items.markConflict(row.origin().sku());
      }

      @Override
      public String whyNone(UomChains.Link<ChainedFactor> row) {
        return refusedFactor(row.origin().sku(), row.origin().via());
      }

      @Override
      public void rejected(UomChains.Rejection<ChainedFactor> r) {
        ChainedFactor c = r.row().origin();
        if (r.problem() == UomChains.Problem.TWO_FACTORS) {
          // putFactor noted why the unit has none.
          rejections.add(new Rejection(name, c.line(), "qty_per_uom", c.factorText(),
              r.reason()));
          return;
        }
        rejections.add(new Rejection(name, c.line(), c.field(), c.written(), r.reason()));
        refused.putIfAbsent(factorKey(c.sku(), c.unit()),
            "its row was rejected (" + name + " line " + c.line() + ")");
      }
    }

    /**
     * Withdraws each factor of an outer pack that is fewer eaches than the pack it holds (CS =
     * 4, IP = 6: a table giving each level in the next one down, its column saying so left out
     * of the export), and the pallet's above it, which may count that pack too: counting with
     * them would be a guess. Their rows are rejected, read again for their lines only when
     * there is one.
     */
    private void refuseSmallerPacks(Path file, String name) {
      int pallet = uom.findUnit("PL");
      // Only the pairs whose units the table has at all, their ids found once.
      List<String[]> pairs = new ArrayList<>();
      List<int[]> ids = new ArrayList<>();
      for (List<String> levels : PackLevels.HOLDS) {
        String[] pair = levels.toArray(new String[0]);
        int outer = uom.findUnit(pair[0]);
        int inner = uom.findUnit(pair[1]);
        if (outer >= 0 && inner >= 0) {
          pairs.add(pair);
          ids.add(new int[] {outer, inner});
        }
      }
      Map<Long, String> why = new java.util.LinkedHashMap<>();
      // Each SKU's units read once: the outer and inner of every pair, then the pallet.
      int[] units = new int[pairs.size() * 2 + 1];
      for (int i = 0; i < pairs.size(); i++) {
        units[2 * i] = ids.get(i)[0];
        units[2 * i + 1] = ids.get(i)[1];
      }
      units[units.length - 1] = pallet;
      long[] factor = new long[units.length];
      for (int sku = 0; sku < skus.size() && !pairs.isEmpty(); sku++) {
        uom.factors(sku, units, factor);
        for (int i = 0; i < pairs.size(); i++) {
          String[] pair = pairs.get(i);
          int outer = ids.get(i)[0];
          long fo = factor[2 * i];
          long fi = factor[2 * i + 1];
          if (fo == UomTable.NO_FACTOR || fi == UomTable.NO_FACTOR || fo >= fi) {
            continue;
          }
          why.putIfAbsent(factorKey(sku, outer), pair[0] + " is " + fo + " EA, fewer than the "
              + fi + " EA of " + pair[1] + ", which it holds: a factor per " + pair[1]
              + " read as eaches (" + fo + " " + pair[1] + ")? " + pair[0] + " has none until "
              + "the table states it in eaches, or says which unit it counts (base_uom)");
          if (outer != pallet && pallet >= 0 && factor[units.length - 1] != UomTable.NO_FACTOR) {
            why.putIfAbsent(factorKey(sku, pallet), "PL holds " + pair[0] + ", whose factor is "
                + "refused (" + fo + " EA, fewer than the " + fi + " EA of " + pair[1] + "): "
                + "PL may count " + pair[0] + " too, so it has none until the table agrees");
          }
        }
      }
      if (why.isEmpty()) {
        return;
      }
      // A row already rejected (its factor through a unit with none, a bad number) is one
      // rejected row: it is not listed again.
      Set<Long> rejectedLines = new HashSet<>();
      for (Rejection j : rejections) {
        if (j.file().equals(name)) {
          rejectedLines.add(j.line());
        }
      }
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int[] col = columns.resolve("uom", name, s.header(), List.of("sku", "uom",
            "qty_per_uom"), List.of());
        int width = Math.max(col[0], Math.max(col[1], col[2]));
        while (s.next()) {
          if (s.problem() != null || s.fieldCount() <= width
              || rejectedLines.contains(s.line())) {
            continue;
          }
          int sku = skus.find(s.buffer(), s.start(col[0]), s.length(col[0]));
          int unit = uom.findUnit(UnitCode.canonical(s.text(col[1])));
          String reason = sku < 0 || unit < 0 ? null : why.get(factorKey(sku, unit));
          if (reason != null) {
            rejections.add(new Rejection(name, s.line(), "qty_per_uom", s.text(col[2]), reason));
            refused.putIfAbsent(factorKey(sku, unit),
                "its row was rejected (" + name + " line " + s.line() + ")");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      for (long key : why.keySet()) {
        uom.withdraw((int) (key >> 32), (int) key);
        items.markConflict((int) (key >> 32));
      }
    }

    /** Sets the factor of a unit for a SKU, or rejects it as a second one for that unit. */
    /**
     * Sets the factor of a SKU's unit; returns why its row is rejected (the unit was given two
     * factors, so it has none), or null. The caller names the row: no text is made per row.
     */
    private String putFactor(int sku, int unit, long factor, String name, long line) {
      long existing = uom.put(sku, unit, factor);
      if (existing == UomTable.NO_FACTOR) {
        return null;
      }
      // Two factors for one unit: counting with either would be a guess, so it has none,
      // and counts in that unit are rejected, their lines recounted.
      String code = uom.unitCode(unit);
      if (existing == UomTable.WITHDRAWN) {
        return "SKU " + skus.get(sku) + " already has two factors for " + code + ": it has none "
            + "until the UOM table gives one";
      }
      uom.withdraw(sku, unit);
      items.markConflict(sku);
      refused.put(factorKey(sku, unit), "the UOM table gives it two factors (" + existing
          + " and " + factor + " EA, " + name + " line " + line + "), so neither is used");
      return "SKU " + skus.get(sku) + " already has " + existing + " EA per " + code + ": with "
          + "two factors " + code + " has none until the UOM table gives one (counts in " + code
          + " are rejected)";
    }
  }

  /**
   * Where a UOM row whose factor counts another unit of its SKU ({@code PL = 40 CS}) came from,
   * with its ids; {@code field} and {@code written} name the unit column as read.
   */
  private record ChainedFactor(int sku, int unit, int via, long line, String field,
      String written, String factorText) {}

  /** Book and counts, keyed by the floor's own SKU and location dictionaries. */
  private final class FloorSide extends Side {
    final Symbols locations;
    final LastKey lastLocation = new LastKey();
    /** Returned by {@link #location} for a bin name the bin master does not resolve. */
    static final int UNRESOLVED_BIN = -3;
    final Reconciliation reconciliation;
    final int countLines;
    private int[] masterOf = new int[0];
    /** After {@link #keepMasterKeysFloorLacks}: the master SKUs the floor lacks, and their ids. */
    private Symbols masterOnly;
    private int[] masterOnlyIds;

    FloorSide(boolean byLot, int bookLines, int countLines) {
      super(bookLines / 2);
      this.countLines = countLines;
      this.locations = new Symbols(bookLines / 4, bookLines / 4 * 12);
      this.reconciliation = new Reconciliation(skus, locations, byLot ? new Symbols() : null);
    }

    /** The book rows whose unit is a spelling of each other than EA ({@code PC}, {@code UNIT}). */
    private final UnitBookRows eachSpelled = new UnitBookRows();
    private final EachUnits eachUnits = new EachUnits();

    /**
     * Refuses the book rows in a spelling of each ({@code PC}) that the SKU's UOM table gives
     * another factor: neither one each nor that factor is sure, as for a count in it. Their
     * line's book is unknown. Runs once the master side is read.
     */
    /**
     * Settles the book rows set aside by their unit, once the master side is read: a spelling
     * of each the UOM table disputes, and a unit other than each. Rejections stay in line order.
     */
    void settleBookUnits(MasterSide master, String name) {
      int before = rejections.size();
      refuseDisputedEachBook(master, name);
      refuseDisputedEachBelow(master, name);
      convertOtherUnitBook(master, name);
      if (rejections.size() > before) {
        rejections.sort(java.util.Comparator.comparingLong(Rejection::line)); // book rows only
      }
    }

    private void refuseDisputedEachBook(MasterSide master, String name) {
      UnitBookRows e = eachSpelled;
      for (int i = 0; i < e.size; i++) {
        String written = eachUnits.written(e.unit[i]);
        String conflict = master.eachConflict(masterId(e.sku[i], master), written);
        if (conflict != null) {
          rejections.add(new Rejection(name, e.line[i], "book_uom", written, "book quantity "
              + "is in " + written + " of SKU " + skus.get(e.sku[i]) + ": " + conflict));
          reconciliation.addRejected(e.sku[i], e.loc[i], e.lot[i], true);
        }
      }
    }

    /**
     * Book rows holding a spelling of each ({@code PC}) in a column read as no unit column,
     * and that column, each: read in eaches, and refused as {@link ColumnMap.Unread#refuses}
     * refuses a unit there where the SKU's UOM table gives that spelling another factor.
     */
    private final UnitBookRows eachBelow = new UnitBookRows();
    private final List<ColumnMap.Unread> eachBelowColumns = new ArrayList<>(0);

    private void refuseDisputedEachBelow(MasterSide master, String name) {
      UnitBookRows e = eachBelow;
      for (int i = 0; i < e.size; i++) {
        if (master.eachConflict(masterId(e.sku[i], master), eachUnits.written(e.unit[i]))
            != null) {
          ColumnMap.Unread u = eachBelowColumns.get(i);
          String text = eachUnits.text(e.unit[i]);
          rejections.add(new Rejection(name, e.line[i], u.header(), text,
              u.refusal(text)));
          reconciliation.addRejected(e.sku[i], e.loc[i], e.lot[i], true);
        }
      }
    }

    /** Book rows in a unit other than each, converted once the UOM table is read. */
    private final OtherUnitBookRows otherUnit = new OtherUnitBookRows();
    /** Their quantities as written, for the reason of a row that cannot be converted. */
    private final Symbols otherUnitQuantities = new Symbols();

    /**
     * Converts the book rows in a unit other than each (10 CS) to eaches with the SKU's factor
     * in the UOM table, as a count in that unit is converted. A row whose unit has no factor
     * for its SKU, or whose eaches are not whole, is rejected and its line's book is unknown:
     * no factor is guessed. Runs once the master side is read; says on stderr how many rows
     * were converted, and from which units.
     */
    private void convertOtherUnitBook(MasterSide master, String name) {
      OtherUnitBookRows o = otherUnit;
      Set<String> from = new TreeSet<>();
      int converted = 0;
      // Per spelling met (a book may hold a million rows in a handful of units): its code,
      // and how the note names it, as the file writes it (KAR (read as CT)).
      Map<Integer, String> codes = new HashMap<>();
      Map<Integer, String> shown = new HashMap<>();
      for (int i = 0; i < o.size; i++) {
        String written = eachUnits.text(o.unit[i]);
        Integer spelling = o.unit[i];
        String code = codes.computeIfAbsent(spelling, u -> UnitCode.canonical(written));
        int m = masterId(o.sku[i], master);
        int unit = master.uom.findUnit(code);
        long factor = m < 0 || unit < 0 ? UomTable.NO_FACTOR : master.uom.factor(m, unit);
        String quantity = otherUnitQuantities.get(o.quantity[i]);
        String why = null;
        String field = "book_qty";
        long eaches = 0;
        if (factor == UomTable.NO_FACTOR && o.unscaled[i] != 0) {
          String refused = unit < 0 || m < 0 ? null : master.refusedFactor(m, unit);
          field = "book_uom";
          why = "book quantity is in " + UnitCode.asWritten(written) + ", which has no factor"
              + " for SKU " + skus.get(o.sku[i]) + " in the UOM table"
              + (refused != null ? ": " + refused : unitsListed(master.uom, m));
        } else if (factor != UomTable.NO_FACTOR) {
          BigDecimal exact = BigDecimal.valueOf(o.unscaled[i], o.scale[i])
              .multiply(BigDecimal.valueOf(factor));
          if (exact.abs().compareTo(BigDecimal.valueOf(MAX_EACHES)) > 0) {
            why = TOO_MANY;
          } else if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            why = quantity.strip() + " " + UnitCode.asWritten(written) + " x " + factor
                + " EA does not resolve to whole eaches";
          } else {
            eaches = exact.longValue();
          }
        } // else zero of a unit with no factor: zero eaches, nothing guessed
        if (why != null) {
          rejections.add(new Rejection(name, o.line[i], field,
              field.equals("book_uom") ? written : quantity, why));
          reconciliation.addRejected(o.sku[i], o.loc[i], o.lot[i], true);
          continue;
        }
        reconciliation.addBook(o.sku[i], o.loc[i], o.lot[i], eaches);
        converted++;
        from.add(shown.computeIfAbsent(spelling, u -> UnitCode.asWritten(written)));
      }
      if (converted > 0) {
        notices.add(name + ": " + converted + (converted == 1 ? " row in a unit" : " rows in "
            + "units") + " other than each (" + String.join(", ", from) + ") converted to "
            + "eaches with the UOM table");
      }
    }

    void readBook(Path file) {
      Symbols lots = reconciliation.lots();
      read(file, "book", List.of("sku", "location", "book_qty"), List.of("lot", "book_uom"),
          (s, col, name) -> {
            int sku = sku(s, col[0], name);
            if (sku < 0) {
              flagLocationOfBlankSku(s, col);
              return;
            }
            int loc = location(s, col[1], name);
            if (loc == -1) {
              if (!zeroQuantity(s, col[2])) {
                reconciliation.addRejectedSkuAnywhere(sku, true); // the stock is somewhere
              }
              return;
            }
            boolean errorLot = lots != null && spreadsheetError(s, col[3]);
            if (loc == UNRESOLVED_BIN) {
              // Rejected, but not lost: the line stays, under the bin name as the file gives it.
              int lot = errorLot ? -1 : lot(lots, s, col[3]);
              if (errorLot) {
                reconciliation.addLotKept(sku);
              }
              reconciliation.addRejected(sku, binName(s, col[1]), lot, true);
              // The stock is at one of the bins an ambiguous name may be: at each, the book
              // is unknown, so a count there is not stock found where the book has none.
              for (String code : bins.resolve(s.text(col[1])).candidates()) {
                reconciliation.addPossibleBook(sku, locations.intern(code), lot);
              }
              return;
            }
            if (errorLot) {
              // Its book is of some lot, which one not known: the line's book is unknown, and
              // no lot line is made.
              reject(name, s, "lot", col[3], errorValue(s, col[3], "a lot"));
              reconciliation.addRejected(sku, loc, -1, true);
              reconciliation.addLotKept(sku);
              return;
            }
            int unit = col[4] < 0 ? -1 : eachUnits.id(s, col[4]);
            if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
              String why = s.isBlank(col[2]) ? "book quantity is blank (unknown, not 0)"
                  : "book quantity is not a plain number: " + number.error();
              reject(name, s, "book_qty", col[2], why);
              reconciliation.addRejected(sku, loc, lot(lots, s, col[3]), true);
              return;
            }
            if (hidden != null && number.unscaled() != 0) {
              // CS under a Units column of figures: its quantity may be cases (0 is 0 of any).
              ColumnMap.Unread u = hidden.in(s);
              if (u != null) {
                reject(name, s, u.header(), u.column(), u.refusal(s.text(u.column())));
                reconciliation.addRejected(sku, loc, lot(lots, s, col[3]), true);
                return;
              }
              u = hidden.eachIn(s);
              if (u != null) {
                // PC there: eaches, unless the SKU's UOM table, read beside the book, gives PC
                // another factor (refuseDisputedEachBelow).
                eachBelow.add(sku, loc, lot(lots, s, col[3]), s.line(), eachUnits.id(s,
                    u.column()));
                eachBelowColumns.add(u);
              }
            }
            if (!eachUnits.isEach(unit)) {
              // 10 CS is converted once the UOM table is read (convertOtherUnitBook), never
              // read as a book of 10 eaches.
              otherUnit.add(sku, loc, lot(lots, s, col[3]), s.line(), unit, number,
                  otherUnitQuantities.intern(s.buffer(), s.start(col[2]), s.length(col[2])));
              return;
            }
            long qty = number.wholeValue();
            if (qty == Long.MIN_VALUE) {
              reject(name, s, "book_qty", col[2], "book quantity is not a whole number of "
                  + "eaches");
              reconciliation.addRejected(sku, loc, lot(lots, s, col[3]), true);
              return;
            }
            if (Math.abs(qty) > MAX_EACHES) {
              reject(name, s, "book_qty", col[2], TOO_MANY);
              reconciliation.addRejected(sku, loc, lot(lots, s, col[3]), true);
              return;
            }
            if (qty != 0 && eachUnits.spelledOtherwise(unit)) {
              // PC for each: whether this SKU's UOM table gives PC another factor is known
              // once the master side is read (refuseDisputedEachBook). A row already rejected
              // for its quantity is not rejected again, and 0 PC is 0 eaches either way.
              eachSpelled.add(sku, loc, lot(lots, s, col[3]), s.line(), unit);
            }
            reconciliation.addBook(sku, loc, lot(lots, s, col[3]), qty);
          }, (s, col, name, sure) -> {
            // A malformed row's book quantity is unknown: its line must say so.
            if (col[0] < 0) {
              reconciliation.addRejectedAtLocation(knownLocation(s, col[1]), true);
              return;
            }
            int sku = lastSku.intern(skus, s.buffer(), s.start(col[0]), s.length(col[0]));
            if (col[1] < 0) {
              reconciliation.addRejectedSkuAnywhere(sku, true);
              return;
            }
            int loc = knownLocation(s, col[1]);
            if (loc >= 0 && sure) {
              reconciliation.addRejected(sku, loc, true);
            } else if (loc >= 0) {
              reconciliation.addRejectedWhereLine(sku, loc, -1, true);
            }
          });
    }

    /**
     * A book row with a location but no SKU holds stock of some SKU there: each line at the
     * location has a book of unknown quantity. Unless its quantity is 0, as a WMS lists an
     * empty bin: that row says nothing of the lines there.
     */
    private void flagLocationOfBlankSku(RowSource s, int[] col) {
      if (!blankKey(s, col[1]) && !zeroQuantity(s, col[2])) {
        reconciliation.addRejectedAtLocation(knownLocation(s, col[1]), true);
      }
    }

    /** Whether a rejected book row's quantity reads as 0: it adds nothing to any line. */
    private boolean zeroQuantity(RowSource s, int col) {
      return number.read(s.buffer(), s.start(col), s.length(col)) && number.unscaled() == 0;
    }

    /**
     * Returns the id of a location as {@link #location} would, without rejecting: for a bin
     * name the bin master does not resolve, the name's own.
     */
    private int knownLocation(RowSource s, int col) {
      if (bins == null) {
        return lastLocation.intern(locations, s.buffer(), s.start(col), s.length(col));
      }
      BinMaster.Resolution r = bins.resolve(s.text(col));
      return r.code() == null ? binName(s, col) : locations.intern(r.code());
    }

    /** Returns the location id of a bin name as written (stripped), for its rejected row. */
    private int binName(RowSource s, int col) {
      return locations.intern(s.text(col).strip());
    }

    /**
     * Reads the counts, the largest file, in two halves on two threads when it is large: the
     * first half from the header, the second from the first line break past the middle. The
     * halves look keys up in the dictionaries the book filled and keep keys new to them aside;
     * the keys are then added in file order, so ids, rows and rejections are what one pass
     * would give. The split is used only if the first half, parsing as one pass would, ends a
     * record exactly there (a quoted line break can hide a record boundary); otherwise the
     * first half reads on to the end and the second is dropped.
     */
    void readCounts(Path file, MasterSide master) {
      masterOf = new int[skus.size() + 1024];
      Arrays.fill(masterOf, -2);
      for (int i = 0; i < skus.size(); i++) {
        masterId(i, master); // filled now: the halves only read it
      }
      keepMasterKeysFloorLacks(master);
      String name = nameOf(file);
      long started = System.nanoTime();
      CountsPart first = new CountsPart(master, 0);
      CountsPart second = null;
      int idColumn;
      int roundColumn;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int[] col = countColumns(name, s.header());
        noteHeaders(name, s.header(), List.of("sku", "location", "count_qty", "count_uom", "lot",
            "count_id", "round"), col);
        idColumn = col[5];
        roundColumn = col[6];
        if (idColumn < 0 && !columns.isMapped("counts", "count_id")) {
          noteUnreadIds(name, s.header());
        }
        boolean dotMayGroup = DecimalStyle.dotMayGroup(s.delimiter(), file);
        first.dotMayGroup = dotMayGroup;
        FirstRows sample = firstRows(file);
        int blankTail = sample.blankTail();
        noteBlankTail(file, blankTail);
        first.blankTail = blankTail;
        SplitThousands thousands = sample.splitThousands(col, col[2],
            s.header().size() + blankTail);
        first.split = thousands;
        long split = s instanceof CsvScanner cs && bins == null
            ? splitPoint(file, cs.position()) : -1;
        // Each half gets room for its share of the estimated rows, so that no row array is
        // grown by copying: a copied array of a million rows is garbage G1 must make room for.
        long dataStart = s instanceof CsvScanner cs ? cs.position() : 0;
        double share = split > 0 ? (double) (split - dataStart)
            / Math.max(1, Files.size(file) - dataStart) : 1.0;
        first.reserve((int) (countLines * share) + 1024);
        CompletableFuture<CountsPart> half = null;
        if (split > 0) {
          CsvScanner head = (CsvScanner) s;
          half = CompletableFuture.supplyAsync(() -> {
            CountsPart part = new CountsPart(master, 1);
            part.dotMayGroup = dotMayGroup;
            part.blankTail = blankTail;
            part.split = thousands;
            part.reserve((int) (countLines * (1.0 - share)) + 1024);
            try (CsvScanner rest = CsvScanner.continuing(file, split, head)) {
              part.read(rest, col, name, -1);
              part.bomLine = rest.byteOrderMarkLine();
              part.boms = rest.byteOrderMarks();
            } catch (IOException e) {
              throw new UncheckedIOException(name + ": " + e.getMessage(), e);
            }
            return part;
          }, runnable -> {
            Thread t = new Thread(runnable, "dockcount-counts-2");
            t.setDaemon(true);
            t.start();
          });
        }
        boolean splitHeld;
        try {
          splitHeld = first.read(s, col, name, split);
          first.bomLine = s.byteOrderMarkLine();
          first.boms = s.byteOrderMarks();
        } finally {
          // The second half's thread reads the file: wait for it on every path.
          if (half != null) {
            try {
              second = half.join();
            } catch (CompletionException e) {
              throw e.getCause() instanceof RuntimeException r ? r : e;
            }
          }
        }
        if (splitHeld) {
          second.lineOffset = ((CsvScanner) s).nextLine() - 1;
        } else {
          second = null;
        }
        long bomLine = first.bomLine >= 0 || second == null || second.bomLine < 0
            ? first.bomLine : second.bomLine + second.lineOffset;
        noteJoined(name, first.boms + (second == null ? 0 : second.boms), bomLine);
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage() + headerBelow(file, "counts",
            COUNT_COLUMNS.subList(0, countsUnit == null ? 4 : 3)), e);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      countsParts = second == null ? 1 : 2;
      CountsPart[] parts = second == null ? new CountsPart[] {first}
          : new CountsPart[] {first, second};
      for (CountsPart part : parts) {
        part.finishIds();
      }
      List<Rejection> repeated = idColumn < 0
          || CountIds.allRising(Arrays.stream(parts).map(p -> p.ids).toArray(CountIds[]::new))
          ? List.of() : leaveOutRepeatedIds(file, name, idColumn, parts);
      if (roundColumn >= 0) {
        // Read again only for a file with rounds: no work per row otherwise.
        List<Rejection> earlier = leaveOutEarlierRounds(file, name, roundColumn, parts, repeated);
        if (!earlier.isEmpty()) {
          repeated = new ArrayList<>(repeated);
          repeated.addAll(earlier);
        }
      }
      int countsFrom = rejections.size();
      long count = 0;
      for (CountsPart part : parts) {
        count += part.handOver();
      }
      HeaderEcho.stopOnReordered(rejections, countsFrom);
      if (!repeated.isEmpty()) {
        rejections.addAll(repeated);
        rejections.subList(countsFrom, rejections.size())
            .sort(java.util.Comparator.comparingLong(Rejection::line));
      }
      rows.put(name, count);
      progress.reading(name, 1.0);
      if (TIMINGS) {
        System.err.printf("timing   read %-14s %6d ms in %d part(s)%n", name,
            (System.nanoTime() - started) / 1_000_000, second == null ? 1 : 2);
      }
    }

    /** A row rejected for its own fault, with the round it gives ({@code -1}: none). */
    private record FaultyRound(long line, int round, String text) {}

    /** Returns the file's lines of the rows the parts rejected for their own fault. */
    private static Map<Long, int[]> faultyRows(CountsPart[] parts) {
      Map<Long, int[]> lines = new HashMap<>();
      for (int p = 0; p < parts.length; p++) {
        CountsPart part = parts[p];
        for (int i = 0; i < part.rejectedPairs; i++) {
          if (part.rejectedAt[i] >= 0) {
            lines.put(part.rejected.get(part.rejectedAt[i]).line() + part.lineOffset,
                new int[] {p, i});
          }
        }
      }
      return lines;
    }

    private static String replacedReason(int round, int last, long lastLine) {
      return "a count of round " + round + ", replaced by the SKU and location's recount of "
          + "round " + last + " (line " + lastLine + "): a recount replaces the counts before "
          + "it, never adds to them";
    }

    /** Returns how many count rows the parts accepted. */
    private int acceptedRows(CountsPart[] parts) {
      int accepted = 0;
      for (CountsPart p : parts) {
        accepted += p.rows.size();
      }
      return accepted;
    }

    /**
     * Returns the file's lines of the rows the parts rejected and of {@code more} (lines of the
     * whole file already), in order: a second read of the file passes over them.
     */
    private long[] leftOutLines(CountsPart[] parts, List<Rejection> more) {
      int n = more.size();
      for (CountsPart p : parts) {
        n += p.rejected.size();
      }
      long[] lines = new long[n];
      int at = 0;
      for (CountsPart p : parts) {
        for (Rejection j : p.rejected) {
          lines[at++] = j.line() + p.lineOffset;
        }
      }
      for (Rejection j : more) {
        lines[at++] = j.line();
      }
      Arrays.sort(lines);
      return lines;
    }

    /**
     * Leaves out each count record whose {@code count_id} an earlier row of the file has: the
     * same record read twice (an export appended to an earlier one) would count double. A
     * repeat with the same SKU, location, lot and eaches is only reported; one with other
     * figures also marks its line, since which of the two is right is for a recount to say.
     * Returns the rejections, by line.
     *
     * <p>Only the ids' order was watched while reading; ids out of order are read again here,
     * each accepted row's in turn (the rejected rows are known by line), so that rows and ids
     * line up without a key held per row through the read.
     */
    private List<Rejection> leaveOutRepeatedIds(Path file, String name, int idColumn,
        CountsPart[] parts) {
      int accepted = acceptedRows(parts);
      long[] rejectedLines = leftOutLines(parts, List.of());
      long[] keys = new long[accepted];
      int[] lines = new int[accepted];
      int n = 0;
      int skip = 0;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        while (s.next()) {
          long line = s.line();
          while (skip < rejectedLines.length && rejectedLines[skip] < line) {
            skip++;
          }
          if (skip < rejectedLines.length && rejectedLines[skip] == line) {
            continue;
          }
          if (n == accepted) {
            throw new IllegalStateException(name + ": more accepted rows on a second read");
          }
          keys[n] = CountIds.keyOf(s.buffer(), s.start(idColumn), s.length(idColumn));
          lines[n++] = Math.toIntExact(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      if (n != accepted) {
        throw new IllegalStateException(name + ": " + n + " accepted rows on a second read, "
            + accepted + " on the first");
      }
      long[] repeated = CountIds.repeatedKeys(keys, n);
      if (repeated.length == 0) {
        return List.of();
      }
      // The rows holding a repeated key, in file order; their ids' text is read once more,
      // which also tells two long ids of one hash apart.
      int[] candidates = new int[16];
      int c = 0;
      for (int k = 0; k < n; k++) {
        if (Arrays.binarySearch(repeated, keys[k]) >= 0) {
          if (c == candidates.length) {
            candidates = Arrays.copyOf(candidates, c * 2);
          }
          candidates[c++] = k;
        }
      }
      long[] candidateLines = new long[c];
      for (int i = 0; i < c; i++) {
        candidateLines[i] = lines[candidates[i]];
      }
      String[] station = new String[c];
      String[] text = idsOnLines(file, name, idColumn, candidateLines, station);
      Map<String, Integer> firstOf = new HashMap<>();
      List<Rejection> out = new ArrayList<>();
      List<List<Integer>> leftOut = new ArrayList<>();
      for (int p = 0; p < parts.length; p++) {
        leftOut.add(new ArrayList<>());
      }
      for (int i = 0; i < c; i++) {
        // An id is a record's within its station: stations that each number from 1 repeat
        // one another's ids, never one another's records.
        Integer first = text[i] == null ? null
            : firstOf.putIfAbsent(station[i] + '\n' + CountIds.canonical(text[i]), i);
        if (first == null) {
          continue;
        }
        String also = text[i].equals(text[first]) ? "is on line " + candidateLines[first]
            + " too" : "is " + text[first] + " of line " + candidateLines[first] + " written as "
            + "a number (its leading zeros dropped, or a .0 added, by a spreadsheet or script?)";
        int[] was = partRow(parts, candidates[first]);
        int[] is = partRow(parts, candidates[i]);
        Reconciliation.RowBlock a = parts[was[0]].rows;
        Reconciliation.RowBlock b = parts[is[0]].rows;
        boolean same = a.skuLocation(was[1]) == b.skuLocation(is[1])
            && a.eaches(was[1]) == b.eaches(is[1])
            && (!a.hasLots() || a.lot(was[1]) == b.lot(is[1]));
        if (same) {
          out.add(new Rejection(name, candidateLines[i], "count_id", text[i], "count_id "
              + text[i] + " " + also + ", with the same SKU, location, lot and eaches: one "
              + "count record read twice (an export appended to another?) is counted once"
              + OWN_NUMBERS));
        } else {
          out.add(new Rejection(name, candidateLines[i], "count_id", text[i], "count_id "
              + text[i] + " " + also + ", with other figures: a count record counts once, so "
              + "this row is left out, and its line and the first row's are recounted"
              + OWN_NUMBERS));
          // Which of the two records is right is unknown: both their lines are recounted.
          long sl = b.skuLocation(is[1]);
          parts[is[0]].notePair((int) (sl >> 32), (int) sl, b.hasLots() ? b.lot(is[1]) : -1);
          long earlier = a.skuLocation(was[1]);
          parts[was[0]].notePair((int) (earlier >> 32), (int) earlier,
              a.hasLots() ? a.lot(was[1]) : -1);
        }
        leftOut.get(is[0]).add(is[1]);
      }
      for (int p = 0; p < parts.length; p++) {
        if (!leftOut.get(p).isEmpty()) {
          parts[p].rows.remove(leftOut.get(p).stream().mapToInt(Integer::intValue).toArray());
        }
      }
      return out;
    }

    /**
     * Leaves out each count row of an earlier round than the last its SKU and location have
     * (the counts file's {@code round}: 0 the first count, 1 its recount...; a blank one is 0):
     * a recount replaces the counts before it, and added to them it would show the line over
     * by all they found. Rows of one round add up, as partial counts. A row whose round is no
     * whole number is left out and marks its line, which count it is being unknown. Returns
     * the rejections; {@code repeated} are the rows already left out as repeated ids.
     */
    private List<Rejection> leaveOutEarlierRounds(Path file, String name, int roundColumn,
        CountsPart[] parts, List<Rejection> repeated) {
      int accepted = acceptedRows(parts);
      long[] skip = leftOutLines(parts, repeated);
      int[] round = new int[accepted];
      long[] lines = new long[accepted];
      // The text of a round that is no whole number, or is written otherwise (01, 1.0): few.
      Map<Integer, String> written = new HashMap<>();
      java.util.BitSet blank = new java.util.BitSet();
      // Rows rejected for a fault of their own (a unit with no factor...): one of an earlier
      // round than its line's last is replaced all the same, and no longer marks the line.
      Map<Long, int[]> faulty = faultyRows(parts);
      List<FaultyRound> faultyRounds = new ArrayList<>();
      int n = 0;
      int next = 0;
      boolean later = false;
      String header;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        header = s.header().get(roundColumn).strip();
        while (s.next()) {
          while (next < skip.length && skip[next] < s.line()) {
            next++;
          }
          if (next < skip.length && skip[next] == s.line()) {
            if (faulty.containsKey(s.line()) && roundColumn < s.fieldCount()) {
              String t = s.text(roundColumn).strip();
              byte[] b = t.getBytes(StandardCharsets.UTF_8);
              faultyRounds.add(new FaultyRound(s.line(), t.isEmpty() ? 0 : roundOf(b, 0,
                  b.length), t));
            }
            continue;
          }
          if (n == accepted) {
            throw new IllegalStateException(name + ": more accepted rows on a second read");
          }
          boolean has = roundColumn < s.fieldCount();
          round[n] = has ? roundOf(s.buffer(), s.start(roundColumn), s.length(roundColumn)) : 0;
          if (has && (round[n] < 0 || s.length(roundColumn) > 1)) {
            // Not one digit: read from its text (quoted, padded, 10, 01, 1.0), kept when odd.
            String t = s.text(roundColumn).strip();
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            round[n] = roundOf(b, 0, b.length);
            if (round[n] < 0 || !t.isEmpty() && !t.equals(Integer.toString(round[n]))) {
              written.put(n, t);
            }
          }
          if (!has || s.isBlank(roundColumn)) {
            blank.set(n);
          }
          later |= round[n] != 0;
          lines[n++] = s.line();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      if (n != accepted) {
        throw new IllegalStateException(name + ": " + n + " accepted rows on a second read, "
            + accepted + " on the first");
      }
      if (!later) {
        return List.of(); // every row a first count
      }
      // SKU + location: the row of its last round, for pairs recounted (round above 0).
      Map<Long, Integer> lastOf = new HashMap<>();
      for (int k = 0; k < n; k++) {
        if (round[k] > 0) {
          int[] pr = partRow(parts, k);
          lastOf.merge(parts[pr[0]].rows.skuLocation(pr[1]), k,
              (was, is) -> round[is] > round[was] ? is : was);
        }
      }
      List<Rejection> out = new ArrayList<>();
      List<List<Integer>> leftOut = new ArrayList<>();
      for (int p = 0; p < parts.length; p++) {
        leftOut.add(new ArrayList<>());
      }
      for (int k = 0; k < n; k++) {
        int[] pr = partRow(parts, k);
        Reconciliation.RowBlock rows = parts[pr[0]].rows;
        Integer last = lastOf.isEmpty() ? null : lastOf.get(rows.skuLocation(pr[1]));
        String text = blank.get(k) ? "" : written.getOrDefault(k, Integer.toString(round[k]));
        if (round[k] < 0) {
          out.add(new Rejection(name, lines[k], header, text, header + " is not a whole "
              + "number: which count this row belongs to is unknown"));
          long sl = rows.skuLocation(pr[1]);
          parts[pr[0]].notePair((int) (sl >> 32), (int) sl,
              rows.hasLots() ? rows.lot(pr[1]) : -1);
        } else if (last != null && round[k] < round[last]) {
          out.add(new Rejection(name, lines[k], header, text,
              replacedReason(round[k], round[last], lines[last])));
          replacedByRecount++;
          countsName = name;
        } else {
          continue;
        }
        leftOut.get(pr[0]).add(pr[1]);
      }
      for (FaultyRound f : faultyRounds) {
        int[] at = faulty.get(f.line());
        CountsPart part = parts[at[0]];
        Integer last = lastOf.get(part.rejectedPair[at[1]]);
        if (f.round() >= 0 && last != null && f.round() < round[last]) {
          part.replaceFaulty(at[1], header, f.text(),
              replacedReason(f.round(), round[last], lines[last]));
          replacedByRecount++;
          countsName = name;
        }
      }
      for (int p = 0; p < parts.length; p++) {
        if (!leftOut.get(p).isEmpty()) {
          parts[p].rows.remove(leftOut.get(p).stream().mapToInt(Integer::intValue).toArray());
        }
      }
      return out;
    }

    /**
     * Returns the count round in {@code b[start, start+len)}: a whole number of up to 9 digits,
     * a {@code .0} after it allowed (a spreadsheet's 1.0), spaces around it; 0 when blank; -1
     * when it is none.
     */
    private static int roundOf(byte[] b, int start, int len) {
      int from = start;
      int to = start + len;
      while (from < to && (b[from] == ' ' || b[from] == '\t')) {
        from++;
      }
      while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
        to--;
      }
      int value = 0;
      int i = from;
      for (; i < to && i - from < 9 && b[i] >= '0' && b[i] <= '9'; i++) {
        value = value * 10 + (b[i] - '0');
      }
      if (i < to && b[i] == '.' && i > from) {
        for (i++; i < to && b[i] == '0'; i++) {
          // a whole number saved as 1.0, 1.00
        }
      }
      return i == to ? value : -1;
    }

    /** Returns {part, row} of the {@code k}-th accepted row of the parts, in order. */
    private static int[] partRow(CountsPart[] parts, int k) {
      int p = 0;
      while (k >= parts[p].rows.size()) {
        k -= parts[p].rows.size();
        p++;
      }
      return new int[] {p, k};
    }

    /**
     * Returns the count_id on each of {@code lines} (ascending), trimmed, or null if none; sets
     * {@code station} to each line's station (the counts file's {@code station} column, trimmed,
     * "" without one).
     */
    private String[] idsOnLines(Path file, String name, int idColumn, long[] lines,
        String[] station) {
      String[] text = new String[lines.length];
      Arrays.fill(station, "");
      int next = 0;
      try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
        int stationColumn = columns.resolve("counts", name, s.header(), List.of(),
            List.of("station"))[0];
        while (next < lines.length && s.next()) {
          while (next < lines.length && lines[next] < s.line()) {
            next++; // not found where it was read: left in, as it was counted
          }
          if (next < lines.length && lines[next] == s.line() && idColumn < s.fieldCount()) {
            station[next] = stationColumn >= 0 && stationColumn < s.fieldCount()
                ? s.text(stationColumn).strip() : "";
            text[next++] = s.text(idColumn).strip();
          }
        }
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
      }
      return text;
    }

    /**
     * Returns where a second reader of {@code file} could start, the first byte after the first
     * line feed past the middle of the data, or -1 when the file is too small to split.
     */
    private long splitPoint(Path file, long dataStart) throws IOException {
      long size = Files.size(file);
      if (size - dataStart < splitBytes) {
        return -1;
      }
      long middle = dataStart + (size - dataStart) / 2;
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long at = middle;
        while (at < size) {
          buf.clear();
          int n = ch.read(buf, at);
          if (n <= 0) {
            break;
          }
          for (int i = 0; i < n; i++) {
            if (buf.get(i) == '\n') {
              long next = at + i + 1;
              return next < size ? next : -1;
            }
          }
          at += n;
        }
      }
      return -1;
    }

    /**
     * Returns the counts file's columns: sku, location, count_qty, count_uom, lot, count_id
     * (-1 for an optional one the file lacks). With a unit for every count, the file has no
     * unit column (-1): one it has too would say otherwise on some rows, so it is refused.
     */
    private int[] countColumns(String name, List<String> header) {
      if (countsUnit == null) {
        try {
          return columns.resolve("counts", name, header, COUNT_COLUMNS,
              List.of("lot", "count_id", "round"));
        } catch (ColumnMap.MissingColumnException e) {
          if (!e.getMessage().contains("counts.count_uom (header: ")) {
            throw e;
          }
          String unit = null;
          for (int i = 0; unit == null && i < header.size(); i++) {
            if (ColumnMap.isUnitHeader(header.get(i))
                || ColumnMap.words(header.get(i)).equals("units")) {
              unit = header.get(i).strip();
            }
          }
          throw new ColumnMap.MissingColumnException(e.getMessage() + (unit == null ? ""
              : " (its column '" + unit + "' names a unit: --columns counts.count_uom=" + unit
                  + ")") + ", or give --counts-unit UNIT for a sheet whose every count is in "
              + "one unit");
        }
      }
      int[] col = columns.resolve("counts", name, header, COUNT_COLUMNS.subList(0, 3),
          List.of("lot", "count_id", "count_uom", "round"));
      String unitColumn = col[5] >= 0 ? header.get(col[5]) : null;
      for (int i = 0; unitColumn == null && i < header.size(); i++) {
        // The book's unit headers, and Units too: here a column too many only stops the run.
        boolean read = i == col[0] || i == col[1] || i == col[2] || i == col[3] || i == col[4]
            || i == col[6];
        if (!read && (ColumnMap.isUnitHeader(header.get(i))
            || ColumnMap.words(header.get(i)).equals("units"))) {
          unitColumn = header.get(i);
        }
      }
      if (unitColumn != null) {
        throw new ColumnMap.MissingColumnException(name + ": has a unit column ('"
            + unitColumn + "'), and the counts unit is set to " + countsUnit
            + " too: leave the counts unit out, and map that column with --columns "
            + "counts.count_uom=NAME if it is not named count_uom");
      }
      return new int[] {col[0], col[1], col[2], -1, col[3], col[4], col[6]};
    }

    /** One half of the counts file: its rows, rejections and the keys new to the floor. */
    private final class CountsPart {
      final MasterSide master;
      final boolean reportsProgress;
      final DecimalReader number = new DecimalReader();
      final PartKeys skuKeys = new PartKeys(skus);
      final PartKeys locKeys = new PartKeys(locations);
      final PartKeys lotKeys;
      final PartUnits units;
      final List<Rejection> rejected = new ArrayList<>();
      int[] masterOfNew = new int[16];
      long lineOffset;
      long rowsRead;
      /** The part's first line (its own numbering) that began with a byte order mark, or -1. */
      long bomLine = -1;
      int boms;
      /** Whether {@code 1.000} in the file may be one thousand (see {@link DecimalStyle}). */
      boolean dotMayGroup;
      /** The blank fields a row may end with past the header's width (see blankTail). */
      int blankTail;
      /** The quantity column's guard against an unquoted 1,200 (see splitThousands). */
      SplitThousands split = SplitThousands.NONE;
      /** The rows, with this part's provisional ids until {@link #merge}. */
      Reconciliation.RowBlock rows;
      /** Returned by {@link #locationId} for a bin name the bin master does not resolve. */
      private static final int UNRESOLVED = Integer.MIN_VALUE;
      /** A rejected row of the pair: its line is flagged, made when it has none. */
      private static final byte PAIR = 0;
      /** One reading of a shifted row: flags the pair's line, makes none. */
      private static final byte WHERE_LINE = 1;
      /** Only the SKU could be read: flags each line of the SKU. */
      private static final byte SKU_ANYWHERE = 2;
      /** Only the location could be read: flags each line at the location. */
      private static final byte AT_LOCATION = 3;
      /** A row a recount of a later round replaced, faulty or not: flags nothing. */
      private static final byte REPLACED = 4;
      /** SKU and location ids of the rows rejected once one or both were known. */
      long[] rejectedPair = new long[0];
      /** The lot id of each rejected pair's row, or -1. */
      int[] rejectedLot = new int[0];
      /** What each rejected pair flags: {@link #PAIR} and the kinds below it. */
      byte[] rejectedKind = new byte[0];
      /** For a {@link #PAIR} a rejected row made, its index in {@link #rejected}; else -1. */
      int[] rejectedAt = new int[0];
      int rejectedPairs;
      /** The count_id keys of the rows, when the file has that column. */
      final CountIds ids = new CountIds();
      int idColumn = -1;

      CountsPart(MasterSide master, int index) {
        this.master = master;
        this.reportsProgress = index == 0;
        this.lotKeys = reconciliation.lots() == null ? null : new PartKeys(reconciliation.lots());
        this.rows = new Reconciliation.RowBlock(lotKeys != null, true, 0);
        this.units = new PartUnits(master.uom);
        Arrays.fill(masterOfNew, -2);
      }

      /**
       * Reads rows until the end, or until the source stands exactly at byte {@code stopAt}
       * between two records (then returns true); -1 reads to the end.
       */
      boolean read(RowSource s, int[] col, String name, long stopAt) throws IOException {
        CsvScanner scanner = stopAt >= 0 ? (CsvScanner) s : null;
        int width = s.header().size();
        number.decimalComma(decimalComma);
        number.groupingAmbiguous(dotMayGroup);
        idColumn = col[5];
        // Made once, not per row: a million rows would each allocate the two references.
        RowReader rowReader = this::row;
        MalformedReader onMalformed = this::malformed;
        HeaderEcho header = new HeaderEcho(s.header(), col, col[2]);
        while (s.next()) {
          rowsRead++;
          if (reportsProgress && (rowsRead & 0xFFFF) == 0) {
            progress.reading(name, scanner == null ? s.progress()
                : Math.min(1.0, (double) scanner.position() / stopAt));
          }
          if (header.repeatedBy(s)) {
            rejected.add(header.rejection(name, s));
          } else {
            readRow(s, col, width, blankTail, split, name, rejected, rowReader, onMalformed);
          }
          if (scanner != null && scanner.position() >= stopAt) {
            if (scanner.position() == stopAt) {
              return true;
            }
            scanner = null; // the split fell inside a record: read on to the end
          }
        }
        return false;
      }

      private void row(RowSource s, int[] col, String name) {
        if (blankKey(s, col[0])) {
          String why = blankSkuReason(s);
          reject(name, s, why.equals(EMPTY_ROW) ? "" : "sku", col[0], why);
          if (!blankKey(s, col[1])) {
            // A count of some SKU there: any line at the location may lack it.
            notePair(0, knownLocationId(s, col[1]), -1, AT_LOCATION);
          }
          return;
        }
        int skuId = skuKeys.id(s.buffer(), s.start(col[0]), s.length(col[0]));
        if (blankKey(s, col[1])) {
          reject(name, s, "location", col[1], "blank location");
          notePair(skuId, 0, -1, SKU_ANYWHERE); // any line of the SKU may lack it
          return;
        }
        int locId = locationId(s, col[1]);
        boolean errorLot = lotKeys != null && spreadsheetError(s, col[4]);
        int lotId = errorLot ? -1 : lotId(s, col);
        if (locId == UNRESOLVED) {
          // Rejected, but not lost: the line stays, under the bin name as the file gives it.
          rejectPair(skuId, locKeys.id(s.text(col[1]).strip()), lotId, name, s, "location",
              col[1], bins.resolve(s.text(col[1])).problem());
          return;
        }
        if (errorLot) {
          // Its lot unknown, the row flags its line and makes no lot line.
          rejectPair(skuId, locId, -1, name, s, "lot", col[4], errorValue(s, col[4], "a lot"));
          return;
        }
        if (!number.read(s.buffer(), s.start(col[2]), s.length(col[2]))) {
          String why = s.isBlank(col[2]) ? "count quantity is blank"
              : "count quantity is not a plain number: " + number.error();
          rejectPair(skuId, locId, lotId, name, s, "count_qty", col[2], why);
          return;
        }
        if (number.unscaled() < 0) {
          rejectPair(skuId, locId, lotId, name, s, "count_qty", col[2], "negative count");
          return;
        }
        if (col[3] >= 0 && s.isBlank(col[3])) {
          if (number.unscaled() == 0) {
            acceptZero(s, skuId, locId, lotId, name);
          } else {
            rejectPair(skuId, locId, lotId, name, s, "count_uom", col[3], "blank unit");
          }
          return;
        }
        int raw = col[3] >= 0 ? units.raw(s, col[3]) : units.raw(countsUnit);
        int unit = units.unit(raw);
        int m = masterSku(skuId);
        long factor = unit < 0 || m < 0 ? UomTable.NO_FACTOR : master.uom.factor(m, unit);
        if (unit == master.uom.eachUnit()) {
          factor = 1;
          String conflict = master.eachConflict(m, units.written(raw));
          if (conflict != null && number.unscaled() == 0) {
            acceptZero(s, skuId, locId, lotId, name);
            return;
          }
          if (conflict != null) {
            rejectPair(skuId, locId, lotId, name, s, "count_uom", col[3], "unit "
                + units.written(raw) + " of SKU " + s.text(col[0]) + ": " + conflict);
            return;
          }
        }
        if (factor == UomTable.NO_FACTOR && number.unscaled() == 0) {
          acceptZero(s, skuId, locId, lotId, name);
          return;
        }
        if (factor == UomTable.NO_FACTOR) {
          String refused = unit < 0 || m < 0 ? null : master.refusedFactor(m, unit);
          String unpadded = refused != null ? null
              : masterSkuUnpadded(s.text(col[0]), master, unit);
          String shortened = refused != null || unpadded != null ? null
              : masterSkuShortened(s.text(col[0]), master, unit);
          rejectPair(skuId, locId, lotId, name, s, "count_uom", col[3], "unit "
              + UnitCode.asWritten(units.written(raw)) + " has no factor for SKU "
              + s.text(col[0]) + " in the UOM table"
              + (refused != null ? ": " + refused : unpadded != null ? " (it has one for SKU "
                  + unpadded + ": leading zeros lost in one of the files?)"
                  : shortened != null ? " (it has one for SKU " + shortened + ": " + SHORTENED
                  + ")" : unitsListed(master.uom, m)));
          return;
        }
        long eaches = number.timesExact(factor);
        if (eaches == Long.MIN_VALUE) {
          boolean tooMany = BigDecimal.valueOf(number.unscaled(), number.scale())
              .multiply(BigDecimal.valueOf(factor)).abs()
              .compareTo(BigDecimal.valueOf(MAX_EACHES)) > 0;
          rejectPair(skuId, locId, lotId, name, s, "count_qty", col[2], tooMany ? TOO_MANY
              : s.text(col[2]) + " " + UnitCode.asWritten(units.written(raw)) + " x " + factor
                  + " EA does not resolve to whole eaches");
          return;
        }
        if (eaches > MAX_EACHES) {
          rejectPair(skuId, locId, lotId, name, s, "count_qty", col[2], TOO_MANY);
          return;
        }
        accept(s, skuId, locId, lotId, eaches, unit, name);
      }

      /**
       * Takes a count of 0 whose unit is blank, or has no factor (or a disputed one) for its
       * SKU, as 0 EA: zero of any unit is zero eaches, so nothing is guessed, and the zero
       * still counts (field report F12: a zero counted off book makes no unexpected line). Its
       * unit is not known to the table, so a line it is part of was not keyed in one unit.
       */
      private void acceptZero(RowSource s, int skuId, int locId, int lotId, String name) {
        accept(s, skuId, locId, lotId, 0, Reconciliation.UNIT_UNKNOWN, name);
      }

      /** Adds a row whose figures were read, unless its count_id cannot be trusted. */
      private void accept(RowSource s, int skuId, int locId, int lotId, long eaches, int unit,
          String name) {
        if (idColumn >= 0) {
          if (CountIds.scientific(s.buffer(), s.start(idColumn), s.length(idColumn))) {
            rejectPair(skuId, locId, lotId, name, s, "count_id", idColumn, "count_id "
                + s.text(idColumn).strip() + " is in scientific notation (a spreadsheet or "
                + "script shortened it; its digits are lost): a repeat of this count cannot be "
                + "told from another count, so the row is left out and its line recounted "
                + "(export the ids as text)");
            return;
          }
          ids.add(s.buffer(), s.start(idColumn), s.length(idColumn));
        }
        rows.add(Reconciliation.skuLocation(skuId, locId), lotId, eaches, unit);
      }

      /** Returns the id of the row's lot (the "no lot" key when blank), or -1 without lots. */
      private int lotId(RowSource s, int[] col) {
        if (lotKeys == null) {
          return -1;
        }
        return col[4] < 0 || s.isBlank(col[4]) ? lotKeys.id("")
            : lotKeys.id(s.buffer(), s.start(col[4]), s.length(col[4]));
      }

      /** Marks the line of a row rejected for its shape: its count leaves the row out. */
      private void malformed(RowSource s, int[] col, String name, boolean sure) {
        if (col[0] < 0) {
          notePair(0, knownLocationId(s, col[1]), -1, AT_LOCATION);
          return;
        }
        int skuId = skuKeys.id(s.buffer(), s.start(col[0]), s.length(col[0]));
        if (col[1] < 0) {
          notePair(skuId, 0, -1, SKU_ANYWHERE);
          return;
        }
        // Its lot may be what the row's fault cut.
        notePair(skuId, knownLocationId(s, col[1]), -1, sure ? PAIR : WHERE_LINE);
      }

      /** Returns the row's location id, a bin name the bin master lacks under its own name. */
      private int knownLocationId(RowSource s, int col) {
        int locId = locationId(s, col);
        return locId == UNRESOLVED ? locKeys.id(s.text(col).strip()) : locId;
      }

      /**
       * Returns the id of the row's location (negative while new to the floor), or
       * {@link #UNRESOLVED} when the bin master does not resolve its name.
       */
      private int locationId(RowSource s, int col) {
        if (bins == null) {
          return locKeys.id(s.buffer(), s.start(col), s.length(col));
        }
        BinMaster.Resolution r = bins.resolve(s.text(col));
        return r.code() == null ? UNRESOLVED : locKeys.id(r.code());
      }

      /** Returns the master id of a SKU of this part (shared or new), or -1. */
      private int masterSku(int id) {
        if (id >= 0) {
          return masterOf[id];
        }
        int k = PartKeys.localIndex(id);
        if (k >= masterOfNew.length) {
          int old = masterOfNew.length;
          masterOfNew = Arrays.copyOf(masterOfNew, Math.max(k + 1, old * 2));
          Arrays.fill(masterOfNew, old, masterOfNew.length, -2);
        }
        if (masterOfNew[k] == -2) {
          Symbols l = skuKeys.local;
          masterOfNew[k] = findMaster(master, l.arena(), l.offset(k), l.length(k));
        }
        return masterOfNew[k];
      }

      /** Makes room for {@code n} rows in all; past that, the block grows by half. */
      void reserve(int n) {
        rows.reserve(n);
      }

      private void reject(String file, RowSource s, String field, int col, String reason) {
        boolean given = col < 0 && field.equals("count_uom");
        // The sheet has no unit column: the analyst's --counts-unit is what was refused.
        rejected.add(new Rejection(file, s.line(), field, given ? countsUnit : col >= 0
            ? s.text(col) : "", given ? reason + " " + COUNTS_UNIT_GIVEN : reason));
      }

      /** Rejects a row whose SKU and location are known: its line is flagged too. */
      private void rejectPair(int skuId, int locId, int lotId, String file, RowSource s,
          String field, int col, String reason) {
        reject(file, s, field, col, reason);
        notePair(skuId, locId, lotId);
        rejectedAt[rejectedPairs - 1] = rejected.size() - 1;
      }

      private void notePair(int skuId, int locId, int lotId) {
        notePair(skuId, locId, lotId, PAIR);
      }

      /**
       * Notes a rejected row's keys; for {@link #SKU_ANYWHERE} the location and for
       * {@link #AT_LOCATION} the SKU is a placeholder 0.
       */
      private void notePair(int skuId, int locId, int lotId, byte kind) {
        if (rejectedPairs == rejectedPair.length) {
          rejectedPair = Arrays.copyOf(rejectedPair, Math.max(16, rejectedPairs * 2));
          rejectedLot = Arrays.copyOf(rejectedLot, rejectedPair.length);
          rejectedKind = Arrays.copyOf(rejectedKind, rejectedPair.length);
          rejectedAt = Arrays.copyOf(rejectedAt, rejectedPair.length);
        }
        rejectedAt[rejectedPairs] = -1;
        rejectedKind[rejectedPairs] = kind;
        rejectedLot[rejectedPairs] = lotId;
        rejectedPair[rejectedPairs++] = Reconciliation.skuLocation(skuId, locId);
      }

      /**
       * Adds this part's new keys to the floor's dictionaries and gives its rows and rejected
       * pairs their ids there, in place: the arrays then go to the reconciliation as they are,
       * so the rows are never held twice.
       */
      void finishIds() {
        int[] skuMap = skuKeys.addNewKeys();
        int[] locMap = locKeys.addNewKeys();
        int[] lotMap = lotKeys == null ? null : lotKeys.addNewKeys();
        for (int r = 0, n = rows.size(); r < n; r++) {
          rows.setSkuLocation(r, finalPair(rows.skuLocation(r), skuMap, locMap));
          if (lotMap != null && rows.lot(r) < -1) {
            rows.setLot(r, lotMap[PartKeys.localIndex(rows.lot(r))]);
          }
        }
        for (int i = 0; i < rejectedPairs; i++) {
          rejectedPair[i] = finalPair(rejectedPair[i], skuMap, locMap);
          if (lotMap != null && rejectedLot[i] < -1) {
            rejectedLot[i] = lotMap[PartKeys.localIndex(rejectedLot[i])];
          }
        }
      }

      private static long finalPair(long sl, int[] skuMap, int[] locMap) {
        return Reconciliation.skuLocation(PartKeys.resolve((int) (sl >> 32), skuMap),
            PartKeys.resolve((int) sl, locMap));
      }

      /**
       * Lists rejected pair {@code i}'s row as one a recount replaced, with the fault it had:
       * replaced, it no longer marks its line.
       */
      void replaceFaulty(int i, String header, String round, String replaced) {
        Rejection was = rejected.get(rejectedAt[i]);
        rejectedKind[i] = REPLACED;
        rejected.set(rejectedAt[i], new Rejection(was.file(), was.line(), header, round,
            replaced + " (the row was faulty too: " + was.reason() + ")"));
      }

      /** Adds this part's rows and rejections to the floor side; returns the rows read. */
      long handOver() {
        reconciliation.addCounts(rows);
        for (int i = 0; i < rejectedPairs; i++) {
          int sku = (int) (rejectedPair[i] >> 32);
          int loc = (int) rejectedPair[i];
          switch (rejectedKind[i]) {
            case WHERE_LINE -> reconciliation.addRejectedWhereLine(sku, loc, rejectedLot[i], false);
            case SKU_ANYWHERE -> reconciliation.addRejectedSkuAnywhere(sku, false);
            case AT_LOCATION -> reconciliation.addRejectedAtLocation(loc, false);
            case REPLACED -> { } // its fault does not matter: a recount replaced it
            default -> reconciliation.addRejected(sku, loc, rejectedLot[i], false);
          }
        }
        rows = null;
        for (Rejection j : rejected) {
          rejections.add(lineOffset == 0 ? j : new Rejection(j.file(), j.line() + lineOffset,
              j.field(), j.value(), j.reason()));
        }
        return rowsRead;
      }
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
        m = findMaster(master, skus.arena(), skus.offset(sku), skus.length(sku));
        masterOf[sku] = m;
      }
      return m;
    }

    /** Returns the master id of a SKU key, or -1. */
    int findMaster(MasterSide master, byte[] buf, int start, int len) {
      if (masterOnly == null) {
        return master.skus.find(buf, start, len);
      }
      int id = masterOnly.find(buf, start, len);
      return id < 0 ? -1 : masterOnlyIds[id];
    }

    /**
     * Once every SKU of the book has its master id, keeps only the master SKUs the book lacks
     * (a count may name one) and lets the master's dictionary go: the SKUs of a million-line
     * run take tens of MB, and the counts need that room.
     */
    void keepMasterKeysFloorLacks(MasterSide master) {
      Symbols all = master.skus;
      Symbols only = new Symbols(Math.max(16, all.size() - skus.size()), 1 << 12);
      int[] ids = new int[Math.max(16, all.size() - skus.size())];
      for (int m = 0; m < all.size(); m++) {
        if (skus.find(all.arena(), all.offset(m), all.length(m)) < 0) {
          int id = only.intern(all.arena(), all.offset(m), all.length(m));
          if (id >= ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
          }
          ids[id] = m;
        }
      }
      masterOnly = only;
      masterOnlyIds = ids;
      master.skus = null;
    }

    /** Master SKUs the floor lacks, by their text without leading zeros: built when first asked. */
    private Map<String, Integer> masterOnlyUnpadded;

    /**
     * Returns the master SKU the floor lacks that is {@code sku} but for leading zeros (the
     * item master or UOM table went through a spreadsheet that dropped them), or null.
     */
    synchronized String masterSkuUnpadded(String sku, MasterSide master, int unit) {
      return withFactor(masterCodeUnpadded(sku), master, unit);
    }

    /** Returns the master-only SKU {@code other} when it has a factor in {@code unit}, or null. */
    private String withFactor(String other, MasterSide master, int unit) {
      return other == null || unit < 0
          || master.uom.factor(masterIdOfOnly(other), unit) == UomTable.NO_FACTOR ? null
          : other;
    }

    /**
     * Returns the master SKU the floor lacks that is {@code sku} but for leading zeros, or
     * null; the table of them is built on the first call.
     */
    synchronized String masterCodeUnpadded(String sku) {
      if (masterOnly == null) {
        return null;
      }
      if (masterOnlyUnpadded == null) {
        masterOnlyUnpadded = new HashMap<>();
        for (int id = 0; id < masterOnly.size(); id++) {
          masterOnlyUnpadded.putIfAbsent(KeyText.withoutLeadingZeros(masterOnly.get(id)), id);
        }
      }
      Integer id = masterOnlyUnpadded.get(KeyText.withoutLeadingZeros(sku.strip()));
      return id == null || masterOnly.get(id).equals(sku) ? null : masterOnly.get(id);
    }

    /** Master SKUs the floor lacks that show a number in scientific notation, by that number. */
    private Map<BigDecimal, Integer> masterOnlyScientific;
    /** The precisions (significant digits) those numbers are shown in. */
    private final Set<Integer> scientificPrecisions = new TreeSet<>();

    /**
     * Returns the master SKU the floor lacks that is {@code sku} as a spreadsheet showed it in
     * scientific notation ({@code 3.54158E+11} for {@code 354157840820}), or null; the table of
     * them is built on the first call.
     */
    synchronized String masterCodeShortened(String sku) {
      if (masterOnly == null) {
        return null;
      }
      if (masterOnlyScientific == null) {
        masterOnlyScientific = new HashMap<>();
        for (int id = 0; id < masterOnly.size(); id++) {
          BigDecimal shown = KeyText.scientificValue(masterOnly.get(id));
          if (shown != null) {
            masterOnlyScientific.putIfAbsent(shown, id);
            scientificPrecisions.add(shown.precision());
          }
        }
      }
      String code = sku.strip();
      if (masterOnlyScientific.isEmpty() || code.length() < 12
          || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      for (int precision : scientificPrecisions) {
        BigDecimal rounded = new BigDecimal(code).round(new java.math.MathContext(precision,
            java.math.RoundingMode.HALF_UP)).stripTrailingZeros();
        Integer id = masterOnlyScientific.get(rounded);
        if (id != null) {
          return masterOnly.get(id);
        }
      }
      return null;
    }

    /** As {@link #masterSkuUnpadded}, for a SKU the master shows in scientific notation. */
    synchronized String masterSkuShortened(String sku, MasterSide master, int unit) {
      return withFactor(masterCodeShortened(sku), master, unit);
    }

    /** The master id of a SKU {@link #masterCodeUnpadded} returned. */
    int masterIdOfOnly(String code) {
      return masterOnlyIds[masterOnly.find(code)];
    }

    /** Returns the master id of every floor SKU. */
    int[] masterIds(MasterSide master) {
      int[] ids = new int[skus.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = masterId(i, master);
      }
      return ids;
    }

    /**
     * Returns the row's location id; -1 when blank, or {@link #UNRESOLVED_BIN} when the bin
     * master does not resolve its name (both rejected).
     */
    int location(RowSource s, int col, String file) {
      if (blankKey(s, col)) {
        reject(file, s, "location", col, "blank location");
        return -1;
      }
      if (bins == null) {
        return lastLocation.intern(locations, s.buffer(), s.start(col), s.length(col));
      }
      BinMaster.Resolution r = bins.resolve(s.text(col));
      if (r.code() == null) {
        reject(file, s, "location", col, r.problem());
        return UNRESOLVED_BIN;
      }
      return locations.intern(r.code());
    }
  }

  /**
   * Key lookups of one reader thread against a dictionary that no thread adds to meanwhile:
   * a key found there has its id; a new key gets a negative id, {@code -2 - i}, for entry
   * {@code i} of this reader's own dictionary, until {@link #addNewKeys()} adds them for real.
   */
  private static final class PartKeys {
    final Symbols shared;
    final Symbols local = new Symbols();
    private final LastKey last = new LastKey();

    PartKeys(Symbols shared) {
      this.shared = shared;
    }

    int id(byte[] buf, int start, int len) {
      return last.lookUp(this, buf, start, len);
    }

    int id(String key) {
      byte[] b = key.getBytes(StandardCharsets.UTF_8);
      return id(b, 0, b.length);
    }

    int find(byte[] buf, int start, int len) {
      int id = shared.find(buf, start, len);
      return id >= 0 ? id : -2 - local.intern(buf, start, len);
    }

    static int localIndex(int id) {
      return -2 - id;
    }

    static int resolve(int id, int[] map) {
      return id >= 0 ? id : map[localIndex(id)];
    }

    /** Adds the new keys to the shared dictionary, in order; returns their ids there. */
    int[] addNewKeys() {
      int[] map = new int[local.size()];
      for (int i = 0; i < map.length; i++) {
        map[i] = shared.intern(local.arena(), local.offset(i), local.length(i));
      }
      return map;
    }
  }

  /**
   * Unit ids of the raw unit spellings one reader thread meets, found in a UOM table that no
   * thread changes meanwhile; a unit the table has never heard of is -1.
   */
  private static final class PartUnits {
    private final UomTable uom;
    private final Symbols raw = new Symbols();
    private int[] unit = new int[16];
    private final List<String> written = new ArrayList<>();
    private int fixed = -1;

    PartUnits(UomTable uom) {
      this.uom = uom;
    }

    int raw(RowSource s, int col) {
      return raw(s.buffer(), s.start(col), s.length(col));
    }

    /** The id of the counts unit, for a file without a unit column (one per run). */
    int raw(String unit) {
      if (fixed < 0) {
        byte[] b = unit.getBytes(StandardCharsets.UTF_8);
        fixed = raw(b, 0, b.length);
      }
      return fixed;
    }

    private int raw(byte[] buf, int start, int length) {
      int before = raw.size();
      int r = raw.intern(buf, start, length);
      if (r == before) {
        if (r >= unit.length) {
          unit = Arrays.copyOf(unit, unit.length * 2);
        }
        String canonical = UnitCode.canonical(raw.get(r));
        written.add(UnitCode.squeezed(raw.get(r)));
        unit[r] = uom.findUnit(canonical);
      }
      return r;
    }

    int unit(int rawId) {
      return unit[rawId];
    }

    /** Returns the spelling as written (upper-cased, no spaces), before synonyms fold. */
    String written(int rawId) {
      return written.get(rawId);
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

  /**
   * Sees a row rejected for its shape whose SKU and location ({@code col[0]}, {@code col[1]})
   * can be read: when {@code sure}, they are the row's, and its line is flagged (made if the
   * pair has none); otherwise they are one reading of a row whose fields were shifted, and
   * only a line the pair has anyway is flagged. With {@code col[1]} -1 only the SKU could be
   * read, and every line of the SKU is flagged; with {@code col[0]} -1, every line at the
   * location. Neither makes a line.
   */
  private interface MalformedReader {
    void row(RowSource s, int[] col, String file, boolean sure);
  }

  /** Returns true when the row ends before a column the run reads. */
  private static boolean lacksUsedField(RowSource s, int[] col) {
    for (int c : col) {
      if (c >= s.fieldCount()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The header's names in the columns a run reads: a row holding exactly those is the header
   * again (files joined with {@code cat}), not a row about a SKU called "sku".
   */
  private static final class HeaderEcho {
    /** Why a header repeated in another column order stops the run (see {@link #reordered}). */
    static final String REORDERED = "the header again, in another column order";
    /** Why another export's header whose rows do not fit this file's stops the run. */
    static final String OTHER_COLUMNS = "another export's header, with other columns";

    private final int[] col;
    private final byte[][] names;
    /** The header's names, trimmed and in lower case, in order, and the longest's length. */
    private final List<String> lower = new ArrayList<>();
    /** The same as bytes, an array: read per row, where an iterator would be garbage. */
    private final byte[][] lowerBytes;
    private final int longest;
    /** The names of the first two columns read (SKU and location), trimmed, lower case. */
    private final byte[] firstKey;
    private final byte[] secondKey;

    /** The column of the file's figure (quantity, cost): a header has a name there. */
    private final int figure;

    HeaderEcho(List<String> header, int[] col, int figure) {
      this.col = col;
      this.figure = figure;
      this.names = new byte[col.length][];
      for (int i = 0; i < col.length; i++) {
        names[i] = col[i] < 0 ? null : header.get(col[i]).getBytes(StandardCharsets.UTF_8);
      }
      firstKey = fold(header.get(col[0])).getBytes(StandardCharsets.UTF_8);
      secondKey = fold(header.get(col[1])).getBytes(StandardCharsets.UTF_8);
      int max = 0;
      lowerBytes = new byte[header.size()][];
      for (int i = 0; i < header.size(); i++) {
        String n = fold(header.get(i));
        lower.add(n);
        lowerBytes[i] = n.getBytes(StandardCharsets.UTF_8);
        max = Math.max(max, header.get(i).getBytes(StandardCharsets.UTF_8).length);
      }
      this.longest = max;
    }

    /** Whether the bytes, spaces and a byte order mark aside, are a column name in any case. */
    private boolean isAName(byte[] b, int from, int len) {
      for (int i = 0; i < lowerBytes.length; i++) {
        if (isName(b, from, len, lowerBytes[i])) {
          return true;
        }
      }
      return false;
    }

    /** Whether the bytes, spaces and a byte order mark aside, are {@code lowerName} in any case. */
    private static boolean isName(byte[] b, int from, int len, byte[] lowerName) {
      int end = from + len;
      if (len >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB
          && b[from + 2] == (byte) 0xBF) {
        from += 3;
      }
      while (from < end && b[from] == ' ') {
        from++;
      }
      while (end > from && b[end - 1] == ' ') {
        end--;
      }
      return lowerName.length == end - from && equalsIgnoringAsciiCase(b, from, lowerName);
    }

    /** Whether some field of the row is {@code lowerName}; no more than a length test per field. */
    private static boolean holdsName(RowSource s, byte[] lowerName) {
      for (int i = 0; i < s.fieldCount(); i++) {
        int len = s.length(i);
        // A name may come with a byte order mark and a few spaces, never with more.
        if (len >= lowerName.length && len <= lowerName.length + 7
            && isName(s.buffer(), s.start(i), len, lowerName)) {
          return true;
        }
      }
      return false;
    }

    private static boolean equalsIgnoringAsciiCase(byte[] b, int from, byte[] lowerName) {
      for (int i = 0; i < lowerName.length; i++) {
        byte c = b[from + i];
        if (c >= 'A' && c <= 'Z') {
          c = (byte) (c + ('a' - 'A'));
        }
        if (c != lowerName[i]) {
          return false;
        }
      }
      return true;
    }

    private static String fold(String s) {
      String t = s.startsWith("\uFEFF") ? s.substring(1) : s;
      return t.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns whether the row is the header again (files joined with their headers): the same
     * names in the used columns, or the header's names in another letter case or order.
     */
    boolean repeatedBy(RowSource s) {
      // A row whose figure starts with a digit is data: one byte ends the test for nearly
      // every row (the tests below read names, field by field).
      if (figure >= 0 && figure < s.fieldCount() && s.length(figure) > 0) {
        byte first = s.buffer()[s.start(figure)];
        if (first >= '0' && first <= '9') {
          return false;
        }
      }
      return sameAsHeader(s) || looksLikeHeader(s) || otherHeader(s);
    }

    /**
     * Another export's header (one without a column this file has, or with one more): a row
     * holding the names of the SKU and location columns (the first two read), anywhere. No
     * row of data names its SKU "sku" and its location "location".
     */
    private boolean otherHeader(RowSource s) {
      // The quantity's field first: a number in nearly every row, it ends the test at once.
      return holdsName(s, firstKey) && holdsName(s, secondKey) && !holdsFigure(s);
    }

    /** Whether field {@code c} of the row is a plain number (digits, a point, a minus). */
    private static boolean figureAt(RowSource s, int c) {
      if (c < 0 || c >= s.fieldCount() || s.length(c) == 0) {
        return false;
      }
      byte[] b = s.buffer();
      int from = s.start(c);
      int end = from + s.length(c);
      for (int j = from; j < end; j++) {
        if (!(b[j] >= '0' && b[j] <= '9' || b[j] == '.' || b[j] == '-' && j == from)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether a field of the row is a plain number: a header has names only, and a row of data
     * whose other columns hold the words "SKU" and "Location" has its quantity.
     */
    private static boolean holdsFigure(RowSource s) {
      for (int i = 0; i < s.fieldCount(); i++) {
        if (figureAt(s, i)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the row holds the header's names, no more and no fewer, in any order. */
    private boolean sameNames(RowSource s) {
      if (s.fieldCount() != lower.size()) {
        return false;
      }
      List<String> row = new ArrayList<>(lower.size());
      for (int i = 0; i < s.fieldCount(); i++) {
        row.add(fold(s.text(i)));
      }
      return new java.util.HashSet<>(row).equals(new java.util.HashSet<>(lower));
    }

    /**
     * Whether another export's header has a column this run reads in another place than this
     * file's header: the rows after it would be read in the wrong columns.
     */
    private boolean movesAReadColumn(RowSource s) {
      for (int i = 0; i < col.length; i++) {
        if (col[i] < 0) {
          continue;
        }
        String name = lower.get(col[i]);
        for (int f = 0; f < s.fieldCount(); f++) {
          if (f != col[i] && fold(s.text(f)).equals(name)) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean sameAsHeader(RowSource s) {
      for (int i = 0; i < col.length; i++) {
        int c = col[i];
        if (c < 0) {
          continue;
        }
        if (c >= s.fieldCount()) {
          return false;
        }
        byte[] b = s.buffer();
        int from = s.start(c);
        int len = s.length(c);
        if (c == 0 && len >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB
            && b[from + 2] == (byte) 0xBF) {
          from += 3; // the second file's byte order mark
          len -= 3;
        }
        if (len != names[i].length
            || !Arrays.equals(b, from, from + len, names[i], 0, names[i].length)) {
          return false;
        }
      }
      return true;
    }

    /** The header's names as a whole, in any case and order; cheap for a data row. */
    private boolean looksLikeHeader(RowSource s) {
      if (s.fieldCount() != lower.size() || s.length(0) > longest + 8
          || !isAName(s.buffer(), s.start(0), s.length(0))) {
        return false; // a data row: its first field is no column name (nothing allocated)
      }
      return sameNames(s);
    }

    /** Whether a row {@link #repeatedBy} found has the header's names in another order. */
    boolean reordered(RowSource s) {
      for (int i = 0; i < lower.size() && i < s.fieldCount(); i++) {
        if (!fold(s.text(i)).equals(lower.get(i))) {
          return true;
        }
      }
      return false;
    }

    /**
     * Returns why the rows after another export's header, its columns read where this file's
     * are, still cannot be read as this file's: a column the run reads has another name there
     * (a {@code station} where this file has its {@code count_id}), or it has more columns,
     * so that each of its rows would be refused for its width. Null when neither.
     */
    private String misfit(RowSource s) {
      for (int c : col) {
        if (c >= 0 && c < s.fieldCount() && !fold(s.text(c)).equals(lower.get(c))) {
          return "'" + s.text(c).strip() + "' where this file's header has '"
              + s.header().get(c).strip() + "', so the rows after it would be read in the "
              + "wrong columns";
        }
      }
      for (int i = lower.size(); i < s.fieldCount(); i++) {
        if (!s.isBlank(i)) {
          return s.fieldCount() + " columns where this file's header has " + lower.size()
              + " ('" + s.text(i).strip() + "' past its last), so each row after it would be "
              + "refused for its width";
        }
      }
      return null;
    }

    private static List<String> rowText(RowSource s) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < s.fieldCount(); i++) {
        row.add(s.text(i));
      }
      return row;
    }

    Rejection rejection(String file, RowSource s) {
      boolean otherShape = !sameAsHeader(s) && !sameNames(s);
      if (otherShape ? movesAReadColumn(s) : reordered(s)) {
        return new Rejection(file, s.line(), "header", String.join(",", rowText(s)), REORDERED
            + (otherShape ? " (another export's, with other columns)" : "")
            + ": the rows after it would be read in the wrong columns (join exports with the "
            + "same header, or reconcile them one by one)");
      }
      String misfit = misfit(s);
      if (misfit != null) {
        return new Rejection(file, s.line(), "header", String.join(",", rowText(s)),
            OTHER_COLUMNS + ": " + misfit + " (join exports with the same header, or reconcile "
                + "them one by one)");
      }
      return new Rejection(file, s.line(), "", "", otherShape ? "another export's header ("
          + s.fieldCount() + " columns, this file's has " + lower.size() + "; files joined "
          + "with their headers?): not a row" : ColumnMap.HEADER_AGAIN);
    }

    /** Stops the run when the rejections hold a header in another order (see rejection). */
    static void stopOnReordered(List<Rejection> rejections, int from) {
      for (int i = from; i < rejections.size(); i++) {
        Rejection r = rejections.get(i);
        if (r.field().equals("header") && (r.reason().startsWith(REORDERED)
            || r.reason().startsWith(OTHER_COLUMNS))) {
          throw new InputProblem(r.file() + ": line " + r.line() + ": " + r.reason()
              + ": " + r.value(), null);
        }
      }
    }
  }

  /**
   * Hands a readable row of the header's width to {@code rowReader}; rejects any other. A row
   * may end in up to {@code blankTail} blank fields past the header (see {@link #blankTail}).
   */
  private static void readRow(RowSource s, int[] col, int width, int blankTail,
      SplitThousands split, String name, List<Rejection> rejections, RowReader rowReader,
      MalformedReader onMalformed) {
    if (s.problem() != null) {
      rejections.add(new Rejection(name, s.line(), "", preview(s), "unreadable row: "
          + s.problem()));
      // The fields before the quote are whole. The ones after it are where the header puts
      // them only when the row has the header's width (no separator inside the cut text).
      int cut = s.problemField();
      boolean aligned = s.fieldCount() == width || s.fieldCount() > width
          && s.fieldCount() <= width + blankTail && extraFieldsBlank(s, width);
      flagReadable(s, col, name, onMalformed, wholeKey(s, col[0], cut, aligned),
          wholeKey(s, col[1], cut, aligned));
      return;
    }
    boolean wrongWidth = s.fieldCount() > width
        && (s.fieldCount() > width + blankTail || !extraFieldsBlank(s, width))
        || s.fieldCount() < width && lacksUsedField(s, col);
    if (s.lastLine() != s.line() && !wrongWidth && !usedFieldHoldsLineBreak(s, col)
        && holdsRows(s, width)) {
      // Lines shaped like rows inside one quoted text field: a stray quote (a ditto or inch
      // mark) that swallowed rows up to a later quote, or a note quoting a record. Nothing
      // tells which: the record is rejected whole and never read as rows, and each line its
      // rows may be is flagged (none is made).
      int broken = firstFieldWithLineBreak(s);
      rejections.add(new Rejection(name, s.line(), "", preview(s), "a quoted field runs the row "
          + "over lines " + s.line() + " to " + s.lastLine() + " and holds lines shaped like "
          + "rows (a stray quote that swallowed rows, or a quoted record?): rejected whole; the "
          + "lines its rows may be are flagged"));
      flagReadable(s, col, name, onMalformed, col[0] < broken && hasKey(s, col[0]),
          col[1] < broken && hasKey(s, col[1]));
      flagSwallowed(s, broken, col, width, name, onMalformed);
      return;
    }
    if (s.lastLine() != s.line() && (wrongWidth || usedFieldHoldsLineBreak(s, col))) {
      // A quoted field over several lines that leaves the row malformed, or puts a line break
      // into a key or number, is a stray quote: reject its first line, read on from the next.
      long last = s.lastLine();
      int broken = firstFieldWithLineBreak(s);
      if (s.cutAtFirstLine()) {
        rejections.add(new Rejection(name, s.line(), "", preview(s), "a quote on this line "
            + "runs the row over lines " + s.line() + " to " + last + " (a stray quote?): the "
            + "line is rejected and the next line is read as a new row"));
        // Only the fields before the one the quote opened are the line's own, and whole.
        flagReadable(s, col, name, onMalformed, col[0] < broken && hasKey(s, col[0]),
            col[1] < broken && hasKey(s, col[1]));
        return;
      }
    }
    for (int c : col) {
      int text = c >= 0 ? s.textCheck(c) : -1;
      if (text == RowSource.NOT_UTF8) {
        rejections.add(new Rejection(name, s.line(), s.header().get(c), s.text(c),
            NOT_UTF8_TEXT));
        // The bad byte may be in another field; a key it is in cannot be read.
        flagReadable(s, col, name, onMalformed, hasKey(s, col[0]), hasKey(s, col[1]));
        return;
      }
      if (text == RowSource.QUOTE) {
        rejections.add(new Rejection(name, s.line(), s.header().get(c), s.text(c),
            STRAY_QUOTE));
        // Its line is flagged by the keys that hold none, the one the quote is in unreadable.
        flagReadable(s, col, name, onMalformed, hasKey(s, col[0]) && !s.strayQuote(col[0]),
            hasKey(s, col[1]) && !s.strayQuote(col[1]));
        return;
      }
      if (text >= 0) {
        rejections.add(new Rejection(name, s.line(), s.header().get(c), s.text(c),
            controlChar(text)));
        // Its line is flagged: the one its SKU and location name without the character.
        RowSource clean = onMalformed == null ? null : new WithoutControlChars(s);
        if (clean != null) {
          flagReadable(clean, col, name, onMalformed, hasKey(clean, col[0]),
              hasKey(clean, col[1]));
        }
        return;
      }
    }
    if (wrongWidth) {
      String span = s.lastLine() == s.line() ? "" : " (a quoted field runs the row over lines "
          + s.line() + " to " + s.lastLine() + ": a stray quote?)";
      boolean spaces = s.fieldCount() == 1 && s.isBlank(0);
      boolean wide = s.fieldCount() > width;
      OtherSeparatorFields other = spaces || wide || !span.isEmpty() ? null
          : OtherSeparatorFields.of(s, width);
      if (!wide && span.isEmpty() && separatorLine(s)) {
        rejections.add(new Rejection(name, s.line(), "", preview(s), "a spreadsheet's sep= "
            + "line again (files joined with their first lines?): not a row"));
        return;
      }
      // The row as read is its value: with no field to blame, it shows which row it was.
      rejections.add(new Rejection(name, s.line(), "", spaces ? "" : preview(s), spaces
          ? "empty row (spaces only)"
          : "row has " + s.fieldCount() + (s.fieldCount() == 1 ? " field" : " fields")
              + ", the header has " + width + span + (wide && span.isEmpty()
                  ? " (a separator inside an unquoted field?)" : "")
              + (other == null ? "" : otherSeparator(other, s.delimiter()))));
      if (other != null) {
        // Its keys are where its own separator puts them: that line is flagged (none made,
        // as the other export's header is such a row too).
        if (onMalformed != null && hasKey(other, col[0]) && hasKey(other, col[1])) {
          onMalformed.row(other, col, name, false);
        }
      } else if (onMalformed != null && s.lastLine() == s.line()) {
        if (wide) {
          flagShifted(s, col, width, name, onMalformed);
        } else {
          flagReadable(s, col, name, onMalformed, hasKey(s, col[0]), hasKey(s, col[1]));
        }
      }
    } else if (spreadsheetError(s, col[0]) || onMalformed != null
        && spreadsheetError(s, col[1])) {
      // The SKU (any file's) or location (the book's and counts') a failed formula left.
      int c = spreadsheetError(s, col[0]) ? col[0] : col[1];
      rejections.add(new Rejection(name, s.line(), s.header().get(c), s.text(c),
          errorValue(s, c, c == col[0] ? "a SKU" : "a location")));
      flagReadable(s, col, name, onMalformed, c != col[0] && hasKey(s, col[0]),
          c != col[1] && hasKey(s, col[1]));
    } else if (split.suspect(s)) {
      rejections.add(new Rejection(name, s.line(), s.header().get(split.qty),
          s.text(split.qty) + s.delimiter() + s.text(split.next), s.header().get(split.qty)
              + " " + s.text(split.qty) + " is followed by " + s.text(split.next) + " in "
              + (split.next < width ? "'" + s.header().get(split.next) + "'" : "the field past "
                  + "the header") + ", which this file leaves blank: a number written with an "
              + "unquoted thousands separator? Write it without one (1200), or quote it"));
      flagReadable(s, col, name, onMalformed, hasKey(s, col[0]), hasKey(s, col[1]));
    } else {
      rowReader.row(s, col, name);
    }
  }

  /**
   * Names the units the UOM table has for a SKU other than each, with their factors, for a
   * count in a unit it has none for: {@code "; it has CASE12 = 12 EA"} shows a unit the table
   * spells otherwise. Empty when it has none. Made for rejected rows only.
   */
  private static String unitsListed(UomTable uom, int sku) {
    if (sku < 0) {
      return "";
    }
    Set<String> units = new TreeSet<>(); // by code: unit ids follow the order files were read
    for (int u : uom.unitsOf(sku)) {
      if (u != uom.eachUnit()) {
        units.add(uom.unitCode(u) + " = " + uom.factor(sku, u) + " EA");
      }
    }
    return units.isEmpty() ? "" : "; it has " + String.join(", ", units);
  }

  /**
   * Whether the row is a spreadsheet's first line naming its separator ({@code sep=;}), as a
   * second export joined to the file brings it: split at its own separator, {@code sep=} and
   * a blank field, or {@code sep=,} whole in a file of semicolons.
   */
  private static boolean separatorLine(RowSource s) {
    if (s.fieldCount() > 2 || s.fieldCount() == 2 && !s.isBlank(1)) {
      return false;
    }
    String first = s.text(0).strip();
    if (first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    return first.length() <= 5 && first.regionMatches(true, 0, "sep=", 0, 4);
  }

  /** Says that a row's fields are separated otherwise than its file's, and what to do. */
  private static String otherSeparator(OtherSeparatorFields row, char own) {
    return ": split at " + separatorName(row.separator()) + " it has the header's width, where "
        + "this file separates fields by " + separatorName(own) + " (an export in another "
        + "format joined to this one? save it as this file is, or reconcile it apart)";
  }

  private static String separatorName(char c) {
    return c == '\t' ? "tabs" : "'" + c + "'";
  }

  /**
   * Hands a rejected row's readable keys to {@code onMalformed}: both, as the row's own pair;
   * one alone with the other's column -1, so that every line of the SKU (or at the location)
   * is flagged, since the row may be any of them. A row neither of whose keys can be read
   * flags nothing (which line it was is not known at all); it is in exceptions.csv.
   */
  private static void flagReadable(RowSource s, int[] col, String name,
      MalformedReader onMalformed, boolean skuReadable, boolean locationReadable) {
    if (onMalformed == null || !skuReadable && !locationReadable) {
      return;
    }
    if (skuReadable && locationReadable) {
      onMalformed.row(s, col, name, true);
      return;
    }
    int[] one = col.clone(); // a rejected row only: no cost to the rows read
    one[skuReadable ? 1 : 0] = -1;
    onMalformed.row(s, one, name, true);
  }

  /**
   * Returns whether field {@code c} of a row a quote made unreadable is a whole key: before the
   * field the quote cut ({@code cut}), or after it in a row of the header's width, holding no
   * quote or delimiter.
   */
  private static boolean wholeKey(RowSource s, int c, int cut, boolean aligned) {
    return c < cut ? hasKey(s, c) : c > cut && aligned && hasCleanKey(s, c);
  }

  /** Returns the first field holding a line break (only a quote puts one in), or the count. */
  private static int firstFieldWithLineBreak(RowSource s) {
    byte[] b = s.buffer();
    for (int c = 0; c < s.fieldCount(); c++) {
      for (int i = s.start(c), end = i + s.length(c); i < end; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
          return c;
        }
      }
    }
    return s.fieldCount();
  }

  /**
   * Returns the start of an unreadable row as read (its fields joined by the delimiter, up to
   * its first line break or 120 characters), so that exceptions.csv shows which row it was.
   */
  private static String preview(RowSource s) {
    String raw = s.rawLine(120);
    if (raw != null) {
      return raw;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.fieldCount() && b.length() <= 120; i++) {
      b.append(i == 0 ? "" : String.valueOf(s.delimiter())).append(s.text(i));
    }
    int cut = 0;
    while (cut < Math.min(b.length(), 120) && b.charAt(cut) != '\n' && b.charAt(cut) != '\r') {
      cut++;
    }
    return cut < b.length() ? b.substring(0, cut) + "..." : b.toString();
  }

  /**
   * Returns true when field {@code c} of a row cut short by a quote is a whole key: present,
   * valid UTF-8, and holding no quote, delimiter or line break (which a cut field would).
   */
  private static boolean hasCleanKey(RowSource s, int c) {
    if (!hasKey(s, c)) {
      return false;
    }
    byte[] b = s.buffer();
    for (int i = s.start(c), end = i + s.length(c); i < end; i++) {
      byte x = b[i];
      if (x == '"' || x == ',' || x == ';' || x == '\t' || x == '\n' || x == '\r') {
        return false;
      }
    }
    return true;
  }

  /** Why field {@code c}, a spreadsheet's error value, is refused as {@code what} key. */
  private static String errorValue(RowSource s, int c, String what) {
    return s.text(c).strip() + " " + KeyText.ERROR_VALUE_OF + ", not " + what;
  }

  /**
   * Whether field {@code c} is a spreadsheet's error value ({@code #N/A}): one compare else.
   * The count service's files and deliveries refuse such a key as reconcile does.
   */
  public static boolean spreadsheetError(RowSource s, int c) {
    return c >= 0 && c < s.fieldCount() && s.length(c) > 0
        && KeyText.isSpreadsheetError(s.buffer(), s.start(c), s.length(c));
  }

  /** Returns true when the row has field {@code c}, not blank, in valid UTF-8. */
  private static boolean hasKey(RowSource s, int c) {
    return c >= 0 && c < s.fieldCount() && !blankKey(s, c) && s.isUtf8(c);
  }

  /**
   * Whether a SKU or location field is blank for a key: empty, or holding only spaces, tabs and
   * invisible characters (a quoted {@code "   "}, a no-break or zero-width space, a byte order
   * mark) or an empty spreadsheet text guard {@code =""}. Read as a key, it would make a line
   * nobody can see. A field that starts otherwise costs one byte compare.
   */
  public static boolean blankKey(RowSource s, int c) {
    if (s.isBlank(c)) {
      return true;
    }
    byte[] b = s.buffer();
    int i = s.start(c);
    int end = i + s.length(c);
    byte first = b[i];
    if (first == '=') {
      return end - i == 3 && b[i + 1] == '"' && b[i + 2] == '"';
    }
    if (first != ' ' && first != '\t' && first != (byte) 0xC2 && first != (byte) 0xE2
        && first != (byte) 0xE3 && first != (byte) 0xEF) {
      return false;
    }
    while (i < end) {
      int n = invisibleAt(b, i, end);
      if (n == 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** Returns the length of the space or invisible character at {@code i}, or 0 for another. */
  private static int invisibleAt(byte[] b, int i, int end) {
    int c0 = b[i] & 0xFF;
    if (c0 == ' ' || c0 == '\t') {
      return 1;
    }
    int c1 = i + 1 < end ? b[i + 1] & 0xFF : -1;
    int c2 = i + 2 < end ? b[i + 2] & 0xFF : -1;
    if (c0 == 0xC2 && c1 == 0xA0) {
      return 2; // U+00A0
    }
    boolean spaceOrMark = c0 == 0xE2 && (c1 == 0x80 && (c2 >= 0x80 && c2 <= 0x8F
        || c2 >= 0xA8 && c2 <= 0xAF) || c1 == 0x81 && (c2 == 0x9F || c2 == 0xA0));
    if (spaceOrMark || c0 == 0xE3 && c1 == 0x80 && c2 == 0x80 // U+2000-200F, 2028-202F, U+3000
        || c0 == 0xEF && c1 == 0xBB && c2 == 0xBF) { // U+FEFF
      return 3;
    }
    return 0;
  }

  /** Returns true when a field the run reads holds a line break (only a quote puts one in). */
  private static boolean usedFieldHoldsLineBreak(RowSource s, int[] col) {
    byte[] b = s.buffer();
    for (int c : col) {
      if (c >= 0 && c < s.fieldCount()) {
        for (int i = s.start(c), end = i + s.length(c); i < end; i++) {
          if (b[i] == '\n' || b[i] == '\r') {
            return true;
          }
        }
      }
    }
    return false;
  }


  /**
   * Whether a field that runs over several lines holds a line with as many separators as a row
   * has ({@code width - 1}, in a file of three columns or more): rows a stray quote (a ditto
   * mark, an inch mark) swallowed up to a later quote, never a description's own lines.
   */
  public static boolean holdsRows(RowSource s, int width) {
    if (width < 3) {
      return false;
    }
    byte[] b = s.buffer();
    byte delimiter = (byte) s.delimiter();
    for (int c = 0; c < s.fieldCount(); c++) {
      int separators = -1; // counted from the field's first line break on
      for (int i = s.start(c), end = i + s.length(c); i < end; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
          separators = 0;
        } else if (b[i] == delimiter && separators >= 0 && ++separators >= width - 1) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Flags the existing lines that the row-shaped lines inside field {@code broken} may be
   * ({@link #holdsRows}), each read as a row of its own; none is made.
   */
  private static void flagSwallowed(RowSource s, int broken, int[] col, int width, String name,
      MalformedReader onMalformed) {
    if (onMalformed == null || broken >= s.fieldCount()) {
      return;
    }
    String text = s.text(broken);
    String[] lines = text.split("\r\n|\r|\n");
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(java.util.regex.Pattern.quote(
          String.valueOf(s.delimiter())), -1);
      if (fields.length < width || Math.max(col[0], col[1]) >= fields.length) {
        continue;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int[] starts = new int[fields.length];
      int[] lengths = new int[fields.length];
      for (int f = 0; f < fields.length; f++) {
        byte[] b = fields[f].strip().getBytes(StandardCharsets.UTF_8);
        starts[f] = bytes.size();
        bytes.write(b, 0, b.length);
        lengths[f] = b.length;
      }
      RowSource row = new SwallowedRow(s, new FieldRuns.Fields(bytes.toByteArray(), starts,
          lengths));
      if (hasKey(row, col[0]) && hasKey(row, col[1])) {
        onMalformed.row(row, col, name, false);
      }
    }
  }

  /**
   * A copy of the current record, field {@code emptied} left empty (-1 for none): a row kept
   * past the source's next one, or without a field it must not be read with.
   */
  private static final class RowCopy extends RecordCopy {
    RowCopy(RowSource row, int emptied) {
      super(row, emptied(row, emptied));
    }

    /** Empty as the scanner says it (spaces inside quotes are text). */
    @Override
    public boolean isBlank(int field) {
      return field < 0 || field >= fieldCount() || length(field) == 0;
    }

    private static Fields emptied(RowSource row, int field) {
      int n = row.fieldCount();
      int[] starts = new int[n];
      int[] lengths = new int[n];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < n; i++) {
        starts[i] = out.size();
        if (i != field) {
          out.write(row.buffer(), row.start(i), row.length(i));
        }
        lengths[i] = out.size() - starts[i];
      }
      return new Fields(out.toByteArray(), starts, lengths);
    }
  }

  /** A line inside a quoted field, read as the row it is shaped like (see flagSwallowed). */
  private static final class SwallowedRow extends RecordCopy {
    SwallowedRow(RowSource row, Fields fields) {
      super(row, fields);
    }
  }

  /** The most fields a shifted row's SKU or location is looked for to the right of its own. */
  private static final int MAX_SHIFT = 3;

  /**
   * Flags the line of a row with more fields than the header: a separator inside an unquoted
   * field (a name, a thousands separator) shifted every field after it, and which ones is not
   * known. Its SKU and location are each where the header puts them or up to {@code extra}
   * fields to the right; when every reading of both agrees, the row's pair is sure. Otherwise
   * each reading is handed on as not sure: it flags a line the pair has, and makes none (a
   * description or a date is never taken for a location).
   */
  private static void flagShifted(RowSource s, int[] col, int width, String name,
      MalformedReader onMalformed) {
    int extra = Math.min(s.fieldCount() - width, MAX_SHIFT);
    int sku = col[0];
    int loc = col[1];
    if (sameToTheRight(s, sku, extra) && sameToTheRight(s, loc, extra)) {
      if (hasKey(s, sku) && hasKey(s, loc)) {
        onMalformed.row(s, col, name, true);
      }
      return;
    }
    int[] reading = col.clone();
    for (int a = 0; a <= extra; a++) {
      for (int b = 0; b <= extra; b++) {
        // A separator before both shifts the later of the two at least as far.
        if (sku < loc ? a > b : b > a) {
          continue;
        }
        reading[0] = sku + a;
        reading[1] = loc + b;
        if (hasKey(s, reading[0]) && hasKey(s, reading[1])) {
          onMalformed.row(s, reading, name, false);
        }
      }
    }
    flagSplitKeys(s, col, extra, name, onMalformed);
  }

  /**
   * Flags the lines a shifted row names when the separator was inside its SKU or location
   * itself ({@code A,01} unquoted): each reading joins the fields the key may have been split
   * into, {@code a} fields right of its own with {@code j} more for the SKU, {@code b} and
   * {@code k} for the location; a reading flags a line the pair has, and makes none.
   */
  private static void flagSplitKeys(RowSource s, int[] col, int extra, String name,
      MalformedReader onMalformed) {
    int sku = col[0];
    int loc = col[1];
    int[] reading = new int[col.length];
    Arrays.fill(reading, -1);
    reading[0] = 0;
    reading[1] = 1;
    for (int a = 0; a <= extra; a++) {
      for (int j = 0; a + j <= extra; j++) {
        for (int b = 0; b <= extra; b++) {
          for (int k = j == 0 ? 1 : 0; b + k <= extra; k++) {
            // The separators before and inside the first key shift the second as far.
            if (sku < loc ? b < a + j : a < b + k) {
              continue;
            }
            RowSource joined = new JoinedFields(s, sku + a, sku + a + j, loc + b, loc + b + k);
            if (hasKey(joined, 0) && hasKey(joined, 1)) {
              onMalformed.row(joined, reading, name, false);
            }
          }
        }
      }
    }
  }

  /** Whether field {@code c} and the {@code extra} fields after it hold the same bytes. */
  private static boolean sameToTheRight(RowSource s, int c, int extra) {
    for (int i = 1; i <= extra; i++) {
      if (s.length(c + i) != s.length(c) || !Arrays.equals(s.buffer(), s.start(c),
          s.start(c) + s.length(c), s.buffer(), s.start(c + i), s.start(c + i) + s.length(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean extraFieldsBlank(RowSource s, int width) {
    for (int i = width; i < s.fieldCount(); i++) {
      if (!s.isBlank(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Says that lots are not compared because only {@code withLots} has them, naming a column of
   * {@code without} (of {@code kind}) that may hold them under another header: a count of ten
   * under lot L1 against five each of L1 and L2 then matches, where by lot it would not.
   */
  private void noteLotsOnOneSide(Path withLots, Path without, String kind) {
    String maybe = null;
    try (CsvScanner s = open(without)) {
      for (String h : s.header()) {
        String w = ColumnMap.words(ColumnMap.camelApart(h.strip()));
        // The lot word last, or before an id word: Lot Size or Lot Expiry holds no lot.
        if (maybe == null && w.matches("(.* )?(lot|batch|charge|lote|lotto|partij)"
            + "( (id|no|nr|number|num|code|nummer))?")) {
          maybe = h.strip();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(nameOf(without) + ": " + e.getMessage(), e);
    }
    notices.add(nameOf(withLots) + " has lots and " + nameOf(without) + " has no '"
        + columns.header(kind, "lot") + "' column, so lines are compared without their lots"
        + (maybe == null ? "" : " (its column '" + maybe + "' may hold them: --columns " + kind
            + ".lot=" + maybe + ")"));
  }

  /**
   * Says when the counts have no count_id column but one headed like it ({@code Count ID},
   * {@code CountId}, {@code Record ID}): its ids go unread, so a record the file holds twice
   * (exports appended) counts twice, where read as ids it would count once. Never a line
   * number: each sheet or journal numbers its own lines, and read as ids the second sheet's
   * would be taken for repeats of the first's.
   */
  private void noteUnreadIds(String name, List<String> header) {
    for (String h : header) {
      String w = ColumnMap.words(ColumnMap.camelApart(h.strip()));
      if (w.matches("(count|record|scan|entry|tag) (id|no|nr|number)")) {
        notices.add(name + ": its column '" + h.strip() + "' is not read as count_id, so a "
            + "record repeated in the file adds up: --columns counts.count_id=" + h.strip()
            + " to count each record once");
        return;
      }
    }
  }

  private boolean hasColumn(Path file, String kind, String field) {
    try (CsvScanner s = open(file)) {
      String want = columns.header(kind, field);
      return s.header().stream().anyMatch(h -> h.strip().equalsIgnoreCase(want));
    } catch (IOException e) {
      throw new UncheckedIOException(nameOf(file) + ": " + e.getMessage(), e);
    }
  }

  private static void requireFile(Path file, String option) {
    String problem = fileProblem(file, option);
    if (problem != null) {
      throw new InputProblem(problem, null);
    }
  }

  private static String fileProblem(Path file, String option) {
    if (Files.isDirectory(file)) {
      return file + ": a directory, not a file (--" + option + ")";
    }
    return Files.isRegularFile(file) ? null : file + ": no such file (--" + option + ")";
  }

  /**
   * Refuses the run when an input file is missing, naming every one missing and every other
   * lacking a required column ({@link #otherFilesLackingColumns}), a line each: mending a path
   * only to learn of the next file's header in the next run takes a run per file.
   */
  private void requireFiles(InputFiles files) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Path> option : List.of(Map.entry("book", files.book()),
        Map.entry("counts", files.counts()), Map.entry("uom", files.uom()),
        Map.entry("items", files.items()))) {
      String problem = fileProblem(option.getValue(), option.getKey());
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      String said = String.join("\n", problems);
      throw new InputProblem(said + otherFilesLackingColumns(files, said), null);
    }
  }

  /**
   * Returns the units the UOM table's rows name (canonical codes), read from its file: the
   * book is read beside the table, not after it, and a column of a site's own codes is rare
   * enough for one more pass. Empty when the table has no such column (it is refused then).
   */
  private Set<String> tableUnits() {
    Set<String> units = new HashSet<>();
    String name = nameOf(uomFile);
    try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(uomFile) : open(uomFile)) {
      int unit = columns.resolve("uom", name, s.header(), List.of("sku", "uom", "qty_per_uom"),
          List.of())[1];
      while (s.next()) {
        if (s.problem() == null && unit < s.fieldCount() && !s.isBlank(unit)) {
          units.add(UnitCode.canonical(s.text(unit)));
        }
      }
    } catch (ColumnMap.MissingColumnException e) {
      return units; // the master side refuses the table, naming what it lacks
    } catch (IOException e) {
      throw new UncheckedIOException(uomFile + ": " + e.getMessage(), e);
    }
    return units;
  }

  /**
   * Returns the first 16 values of column {@code c} that are not blank, in readable rows: a
   * column headed {@code Units} blank in the first rows may name units further down, and read
   * as none, 2 cases would be 2 eaches. Asked only of such a column; a file where it is blank
   * throughout is read once more to its end.
   */
  private List<String> filledValues(Path file, int c) {
    try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
      return ColumnMap.filledValues(s, c);
    } catch (IOException e) {
      throw new UncheckedIOException(nameOf(file) + ": " + e.getMessage(), e);
    }
  }

  /** The {@link FirstRows#blankTail} of a file read before the others (the bin master). */
  private int blankTailOf(Path file) {
    try {
      return firstRows(file).blankTail();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns copies of the file's first rows, read once for the checks that look at them. */
  private FirstRows firstRows(Path file) throws IOException {
    try (RowSource s = reader == Reader.FASTCSV ? FastCsvSource.open(file) : open(file)) {
      List<RowSource> rows = new ArrayList<>();
      for (int n = 0; n < 16 && s.next(); n++) {
        if (s.problem() == null) {
          rows.add(new RowCopy(s, -1)); // an unreadable row says nothing of the file's habits
        }
      }
      return new FirstRows(s.header(), s.delimiter(), rows);
    }
  }

  /** A file's first readable rows (at most 16 of the first 16), and what they tell of it. */
  private record FirstRows(List<String> header, char delimiter, List<RowSource> rows) {
    /**
     * How many blank fields past the header's width the file's rows end with as a habit (an
     * export that ends each data row, but not its header, with a separator): the fewest among
     * its first rows of at least the header's width, 0 when one has no more. A row with more,
     * or with anything in them, has a field too many: a separator inside an unquoted field.
     */
    int blankTail() {
      int width = header.size();
      int fewest = Integer.MAX_VALUE;
      for (RowSource s : rows) {
        if (s.fieldCount() < width) {
          continue; // an empty or short row says nothing of the habit
        }
        if (s.fieldCount() == width) {
          return 0;
        }
        if (extraFieldsBlank(s, width)) {
          fewest = Math.min(fewest, s.fieldCount() - width);
        }
      }
      return fewest == Integer.MAX_VALUE ? 0 : fewest;
    }

    /**
     * Returns the guard of a quantity column ({@link SplitThousands}) when the column after it
     * is not read and an unquoted 1,200 would keep a row's width there; otherwise {@link
     * SplitThousands#NONE}. That is a field past the header the first rows leave blank, or a
     * text column of the header that rows leaving it blank end before (a writer that drops
     * blank trailing fields). Where they write it blank, a split number is a field too many,
     * which the width check refuses, and 200 in a row of the header's width is a note. Either
     * way the column's first rows must hold only what the guard suspects, or nothing.
     */
    SplitThousands splitThousands(int[] col, int qty, int width) {
      int next = qty + 1;
      if (next >= width) {
        return SplitThousands.NONE;
      }
      for (int c : col) {
        if (c == next) {
          return SplitThousands.NONE; // a column the run reads is checked for itself
        }
      }
      // Only a comma can split an unquoted number, and only a column of free text (a note)
      // is blank but for a stray "200": a weight or height column holds figures of its own.
      if (delimiter != ',' || next < header.size() && !isTextHeader(header.get(next))) {
        return SplitThousands.NONE;
      }
      boolean inHeader = next < header.size();
      SplitThousands guard = new SplitThousands(qty, next, inHeader ? next + 1 : -1);
      int blank = 0;
      int endBefore = 0;
      for (RowSource s : rows) {
        if (s.fieldCount() <= next) {
          endBefore += s.fieldCount() == next ? 1 : 0;
          continue;
        }
        if (s.isBlank(next)) {
          blank++;
        } else if (!guard.suspect(s)) {
          return SplitThousands.NONE; // the column holds something of its own
        }
      }
      return (inHeader ? endBefore : blank) > 0 ? guard : SplitThousands.NONE;
    }

    /**
     * Returns the column's text in the first rows, blank where a row is too short: as {@link
     * ColumnMap#firstRows} reads them, from the copies already made.
     */
    List<String> values(int c) {
      List<String> out = new ArrayList<>(rows.size());
      for (RowSource s : rows) {
        if (!ColumnMap.isHeaderAgain(header, s.fieldCount(), s::text)) {
          out.add(s.fieldCount() <= c ? "" : s.text(c));
        }
      }
      return out;
    }
  }

  /**
   * A quantity column followed by one the run does not read and the file leaves blank (a note):
   * a row with 1 to 3 digits in the one and exactly 3 in the other is a number written with an
   * unquoted thousands separator ({@code 1,200}), which would read as 1 with the rest in the
   * note. Such a row has the file's usual width, so nothing else tells it apart. A note of the
   * header is suspect only in a row that ends with it: in a row with fields after it, a split
   * number would be a field too many.
   */
  static final class SplitThousands {
    static final SplitThousands NONE = new SplitThousands(-1, -1, -1);
    final int qty;
    final int next;
    /** The width of a suspect row, or -1 for any (a field past the header). */
    private final int endsAt;

    private SplitThousands(int qty, int next, int endsAt) {
      this.qty = qty;
      this.next = next;
      this.endsAt = endsAt;
    }

    boolean suspect(RowSource s) {
      return next >= 0 && s.fieldCount() > next && (endsAt < 0 || s.fieldCount() == endsAt)
          && digits(s, qty, 1, 3) && digits(s, next, 3, 3) && s.buffer()[s.start(next)] != '-';
    }

    /** Whether the field is {@code min} to {@code max} digits, a minus sign before them aside. */
    private static boolean digits(RowSource s, int col, int min, int max) {
      byte[] b = s.buffer();
      int from = s.start(col);
      int end = from + s.length(col);
      if (from < end && b[from] == '-') {
        from++;
      }
      if (end - from < min || end - from > max) {
        return false;
      }
      for (int i = from; i < end; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return false;
        }
      }
      return true;
    }
  }

  /** Words of a header of free text, where a stray figure stands out. */
  private static final Set<String> TEXT_WORDS = Set.of("note", "notes", "comment", "comments",
      "remark", "remarks", "description", "desc", "memo", "text", "info", "reason",
      "observation", "observations", "bemerkung", "kommentar");

  private static boolean isTextHeader(String header) {
    for (String w : ColumnMap.words(header).split(" ")) {
      if (TEXT_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static CsvScanner open(Path file) throws IOException {
    try {
      return CsvScanner.open(file);
    } catch (NoSuchFileException e) {
      throw new InputProblem(file + ": no such file", e);
    }
  }

  /**
   * The columns that a file's first values made no unit column ({@link ColumnMap.Unread}:
   * headed Units, or a unit column of plain numbers), and what each spelling met in each says
   * of its row, remembered: a column of a million figures holds a few hundred distinct ones.
   */
  private static final class HiddenUnits {
    /** A spelling that refuses its row ({@link ColumnMap.Unread#refuses}). */
    private static final byte REFUSES = 1;
    /** A spelling of each but EA ({@link ColumnMap.Unread#eachSpelled}). */
    private static final byte EACH_SPELLED = 2;
    private final List<ColumnMap.Unread> columns;
    private final Symbols[] raw;
    /** Per column and spelling: 0 when it names no unit, else REFUSES or EACH_SPELLED. */
    private final byte[][] says;

    HiddenUnits(List<ColumnMap.Unread> columns) {
      this.columns = columns;
      this.raw = new Symbols[columns.size()];
      this.says = new byte[columns.size()][16];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = new Symbols();
      }
    }

    /** Returns the first of the columns whose value refuses the row, or null. */
    ColumnMap.Unread in(RowSource s) {
      return first(s, REFUSES);
    }

    /**
     * Returns the first of the columns whose value is a spelling of each but EA ({@code PC}),
     * or null: the row is read in eaches unless its SKU's UOM table disputes that spelling.
     */
    ColumnMap.Unread eachIn(RowSource s) {
      return first(s, EACH_SPELLED);
    }

    private ColumnMap.Unread first(RowSource s, byte what) {
      for (int i = 0; i < columns.size(); i++) {
        int c = columns.get(i).column();
        if (c < s.fieldCount() && !s.isBlank(c) && says(s, i, c) == what) {
          return columns.get(i);
        }
      }
      return null;
    }

    private byte says(RowSource s, int i, int c) {
      int before = raw[i].size();
      int r = raw[i].intern(s.buffer(), s.start(c), s.length(c));
      if (r >= says[i].length) {
        says[i] = Arrays.copyOf(says[i], says[i].length * 2);
      }
      if (r == before) {
        ColumnMap.Unread u = columns.get(i);
        String v = raw[i].get(r);
        says[i][r] = u.refuses(v) ? REFUSES : u.eachSpelled(v) ? EACH_SPELLED : 0;
      }
      return says[i][r];
    }
  }

  /** Whether a unit field is each (or blank), remembered per spelling met. */
  private static final class EachUnits {
    private final Symbols raw = new Symbols();
    private boolean[] each = new boolean[16];
    private boolean[] otherSpelling = new boolean[16];

    /** Returns the id of the field's spelling, or -1 when it is blank (each). */
    int id(RowSource s, int col) {
      if (s.isBlank(col)) {
        return -1;
      }
      int before = raw.size();
      int r = raw.intern(s.buffer(), s.start(col), s.length(col));
      if (r >= each.length) {
        each = Arrays.copyOf(each, each.length * 2);
        otherSpelling = Arrays.copyOf(otherSpelling, otherSpelling.length * 2);
      }
      if (r == before) {
        each[r] = UnitCode.isEach(raw.get(r));
        otherSpelling[r] = each[r] && !UnitCode.squeezed(raw.get(r)).equals(UnitCode.EACH);
      }
      return r;
    }

    /** Whether spelling {@code id} is each, blank (-1) included. */
    boolean isEach(int id) {
      return id < 0 || each[id];
    }

    /** Whether spelling {@code id} is one of each other than {@code EA} ({@code PC}). */
    boolean spelledOtherwise(int id) {
      return id >= 0 && otherSpelling[id];
    }

    /** Returns a spelling by its id, squeezed ({@code PC}). */
    String written(int id) {
      return UnitCode.squeezed(raw.get(id));
    }

    /** Returns a spelling by its id as the file has it. */
    String text(int id) {
      return raw.get(id);
    }
  }

  /** Book rows set aside by their unit, as columns (a book may have a million). */
  private static class UnitBookRows {
    int size;
    int[] sku = new int[16];
    int[] loc = new int[16];
    int[] lot = new int[16];
    int[] unit = new int[16];
    long[] line = new long[16];

    void add(int sku, int loc, int lot, long line, int unit) {
      if (size == this.sku.length) {
        grow(size + (size >> 1));
      }
      this.sku[size] = sku;
      this.loc[size] = loc;
      this.lot[size] = lot;
      this.unit[size] = unit;
      this.line[size++] = line;
    }

    void grow(int n) {
      sku = Arrays.copyOf(sku, n);
      loc = Arrays.copyOf(loc, n);
      lot = Arrays.copyOf(lot, n);
      unit = Arrays.copyOf(unit, n);
      line = Arrays.copyOf(line, n);
    }
  }

  /** Book rows in a unit other than each, with their quantities, converted later. */
  private static final class OtherUnitBookRows extends UnitBookRows {
    long[] unscaled = new long[16];
    int[] scale = new int[16];
    /** The quantity as written: an id of the side's dictionary of them. */
    int[] quantity = new int[16];

    void add(int sku, int loc, int lot, long line, int unit, DecimalReader number, int written) {
      int at = size;
      add(sku, loc, lot, line, unit);
      unscaled[at] = number.unscaled();
      scale[at] = number.scale();
      quantity[at] = written;
    }

    @Override
    void grow(int n) {
      super.grow(n);
      unscaled = Arrays.copyOf(unscaled, n);
      scale = Arrays.copyOf(scale, n);
      quantity = Arrays.copyOf(quantity, n);
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
    private Object owner;

    int intern(Symbols dict, byte[] buf, int start, int length) {
      if (owner == dict && length == len
          && Arrays.equals(bytes, 0, length, buf, start, start + length)) {
        return id;
      }
      return remember(dict, dict.intern(buf, start, length), buf, start, length);
    }

    int lookUp(PartKeys keys, byte[] buf, int start, int length) {
      if (owner == keys && length == len
          && Arrays.equals(bytes, 0, length, buf, start, start + length)) {
        return id;
      }
      return remember(keys, keys.find(buf, start, length), buf, start, length);
    }

    private int remember(Object dict, int found, byte[] buf, int start, int length) {
      id = found;
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
    /**
     * A resolved location code, or the reason there is none and, for an ambiguous name, the
     * codes it could be.
     */
    record Resolution(String code, String problem, List<String> candidates) {
      Resolution(String code, String problem) {
        this(code, problem, List.of());
      }
    }

    private final Map<String, List<String>> byName = new HashMap<>();
    private final Map<String, Resolution> cache = new HashMap<>();
    /** The bin names and codes by {@link KeyText#looseLocation}, made at the first miss. */
    private Map<String, Set<String>> loose;
    /** Bin names whose row was rejected, and where. */
    private final Map<String, String> refused = new HashMap<>();
    /** Bin names and codes listed only for another warehouse than the one chosen: which. */
    private final Map<String, String> elsewhere = new HashMap<>();
    /** With no warehouse chosen: the warehouses each bin name is listed in, in order. */
    private final Map<String, Set<String>> warehousesOf = new HashMap<>();
    private String warehouse;
    /** Rows read, and the rows that could not be used. */
    long rows;
    final List<Rejection> rejected = new ArrayList<>();

    static BinMaster load(Path file, String name, String warehouse, ColumnMap columns,
        int blankTail) {
      BinMaster m = new BinMaster();
      m.warehouse = warehouse;
      try (CsvScanner s = open(file)) {
        int[] col = columns.resolve("locations", name, s.header(), List.of("name", "location"),
            List.of("warehouse"));
        if (warehouse != null && col[2] < 0) {
          throw new InputProblem(name + ": a warehouse was given but the bin master has no "
              + "warehouse column (map one with --columns locations.warehouse=NAME)", null);
        }
        Set<String> warehouses = new TreeSet<>();
        while (s.next()) {
          m.rows++;
          String why = s.problem() != null ? "unreadable row: " + s.problem()
              : wrongWidth(s, col, warehouse != null, blankTail);
          int field = -1;
          for (int i = 0; why == null && i < 2; i++) {
            why = s.isBlank(col[i]) ? (i == 0 ? "blank bin name" : "blank location")
                : spreadsheetError(s, col[i]) ? s.text(col[i]).strip() + " is a spreadsheet's "
                    + "error value (a formula that failed), not a " + (i == 0 ? "bin name"
                        : "location")
                : textFault(s, col[i]);
            field = col[i];
          }
          if (why != null) {
            // A row of the wrong width is shown as read, as in the other files.
            String value = field >= 0 ? s.text(field) : s.problem() == null ? preview(s) : "";
            m.rejected.add(new Rejection(name, s.line(), field < 0 ? ""
                : field == col[0] ? "name" : "location", value, why));
            // The key that is readable names the rejected row, to say so where it is used.
            int other = field == col[1] ? col[0] : field == col[0] ? col[1] : -1;
            if (other >= 0 && !s.isBlank(other) && textFault(s, other) == null) {
              m.refused.putIfAbsent(s.text(other).strip(), name + " line " + s.line());
            }
            continue;
          }
          if (warehouse != null && !warehouse.equals(s.text(col[2]).strip())) {
            String other = s.text(col[2]).strip();
            warehouses.add(other);
            m.elsewhere.putIfAbsent(s.text(col[0]).strip(), other);
            m.elsewhere.putIfAbsent(s.text(col[1]).strip(), other);
            continue;
          }
          String code = s.text(col[1]).strip();
          if (warehouse == null && col[2] >= 0 && !s.isBlank(col[2])) {
            m.warehousesOf.computeIfAbsent(s.text(col[0]).strip(), k -> new TreeSet<>())
                .add(s.text(col[2]).strip());
          }
          m.byName.computeIfAbsent(s.text(col[0]).strip(), k -> new ArrayList<>()).add(code);
          m.byName.computeIfAbsent(code, k -> new ArrayList<>()).add(code);
        }
        if (warehouse != null && m.byName.isEmpty()) {
          // A misspelt warehouse would otherwise reject every row as "not in the bin master".
          throw new InputProblem(name + ": no bin in warehouse '" + warehouse + "' (warehouses: "
              + String.join(", ", warehouses) + ")", null);
        }
        if (m.byName.isEmpty()) {
          // Every location of book and counts would be refused as "not in the bin master".
          throw new InputProblem(name + ": the bin master has no bin to map to: " + (m.rows == 0
              ? "it has a header and no rows" : "none of its " + m.rows + " rows could be used ("
              + "line " + m.rejected.get(0).line() + ": " + m.rejected.get(0).reason() + ")")
              + "; give the bin list, or leave --locations out", null);
        }
      } catch (ColumnMap.MissingColumnException e) {
        throw new InputProblem(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      m.byName.replaceAll((k, v) -> v.stream().distinct().toList());
      return m;
    }

    /**
     * Why a row of another width than the header's is refused, or null: as in any input file,
     * one with more fields (unless every row ends in that many blank ones), since which field a
     * separator shifted is not known, and one that ends before a column read (the warehouse
     * is read only with --warehouse).
     */
    private static String wrongWidth(CsvScanner s, int[] col, boolean byWarehouse,
        int blankTail) {
      int width = s.header().size();
      boolean wide = s.fieldCount() > width && (s.fieldCount() > width + blankTail
          || !extraFieldsBlank(s, width));
      boolean cut = s.fieldCount() <= Math.max(col[0], col[1])
          || byWarehouse && s.fieldCount() <= col[2];
      if (!wide && !cut) {
        return null;
      }
      return "row has " + s.fieldCount() + (s.fieldCount() == 1 ? " field" : " fields")
          + ", the header has " + width + (wide ? " (a separator inside an unquoted field?)"
              : "");
    }

    /**
     * The bins of the master whose name or code is {@code name} but for letter case, spaces or
     * the leading zeros of its parts (the usual trace of a spreadsheet, or of a label keyed by
     * hand), said as a hint; never attached to: "" when there is none.
     */
    private String writtenOtherwise(String name) {
      if (loose == null) {
        loose = new HashMap<>();
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
          loose.computeIfAbsent(KeyText.looseLocation(e.getKey()), k -> new TreeSet<>())
              .add("'" + e.getKey() + "'" + (e.getValue().equals(List.of(e.getKey())) ? ""
                  : " (" + String.join(", ", e.getValue()) + ")"));
        }
      }
      Set<String> like = loose.get(KeyText.looseLocation(name));
      return like == null ? "" : "; it has " + String.join(" and ", like) + ", the same but for "
          + "letter case, spaces or leading zeros: keyed another way?";
    }

    /**
     * Says which warehouses list a name the bin master gives several locations, when no
     * warehouse was chosen and they are more than one: choosing one may resolve it.
     */
    private String warehouseHint(String name) {
      Set<String> in = warehousesOf.get(name);
      return in == null || in.size() < 2 ? "" : "; the bin master lists it in warehouses "
          + String.join(", ", in) + ": choose one with --warehouse";
    }

    Resolution resolve(String name) {
      return cache.computeIfAbsent(name.strip(), n -> {
        List<String> codes = byName.get(n);
        if (codes == null) {
          String where = refused.get(n);
          String other = elsewhere.get(n);
          if (where == null && other != null) {
            return new Resolution(null, "location '" + n + "' is a bin of warehouse '"
                + other + "', not of '" + warehouse + "' (--warehouse)");
          }
          return new Resolution(null, "location '" + n + "' is not in the bin master"
              + (where == null ? writtenOtherwise(n)
                  : ": its row there was rejected (" + where + ")"));
        }
        if (codes.size() > 1) {
          return new Resolution(null, "ambiguous location '" + n + "' ("
              + String.join(", ", codes) + "): not attached to " + (codes.size() == 2 ? "either"
              : "any of them") + warehouseHint(n), codes);
        }
        return new Resolution(codes.get(0), null);
      });
    }
  }
}
