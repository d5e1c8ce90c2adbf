package io.dockcount.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.dockcount.core.Flag;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.ReconResult;
import io.dockcount.core.Status;
import io.dockcount.core.Symbols;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes the reports of a reconciliation into a directory: {@code recon.csv},
 * {@code recon_lots.csv} (when compared by lot), {@code recount_tasks.csv} and
 * {@code exceptions.csv}.
 *
 * <p>Every file is written to a temporary name in the same directory and then renamed, so a
 * reader never sees half a report, and the same inputs always give byte-identical files.
 */
public final class ReportWriter {
  static final String RECON_HEADER = "sku,location,zone,aisle,bay,level,book_qty,counted_qty,"
      + "variance_qty,variance_pct,unit_cost,variance_value,status,flags,recount";

  static final String TASKS_HEADER = "rank,zone,aisle,bay,level,location,sku,book_qty,"
      + "counted_qty,variance_qty,variance_pct,unit_cost,variance_value,status,flags,reason";

  private ReportWriter() {}

  /** Writes {@code recon.csv}: one row per SKU + location, by location then SKU. */
  public static void writeRecon(ReconResult r, Path file) throws IOException {
    // Lines are in report order already: line i is row i.
    int size = r.size();
    // A large report is formatted in two halves on two threads, then the second half is
    // appended to the first; formatting, not the disk, is what bounds this step.
    int half = size < PARALLEL_ROWS ? size : size / 2;
    Path tail = file.resolveSibling("." + file.getFileName() + ".part2");
    CompletableFuture<Void> second = half == size ? null
        : CompletableFuture.runAsync(() -> {
          try {
            atomically(tail, out -> writeRows(r, half, size, out, false));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try {
      atomically(file, out -> {
        writeRows(r, 0, half, out, true);
        if (second != null) {
          joinQuietly(second);
          out.flush();
          Files.copy(tail, out);
        }
      });
    } finally {
      if (second != null) {
        joinQuietly(second);
      }
      Files.deleteIfExists(tail);
    }
  }

  private static final int PARALLEL_ROWS = 200_000;

  private static void writeRows(ReconResult r, int from, int to, OutputStream out,
      boolean header) throws IOException {
    ByteLineWriter w = new ByteLineWriter(out);
    if (header) {
      for (String h : RECON_HEADER.split(",")) {
        w.field(h);
      }
      w.endLine();
    }
    ReconRows rows = new ReconRows(r, w);
    for (int p = from; p < to; p++) {
      rows.write(p);
    }
    w.flush();
  }

  private static void joinQuietly(CompletableFuture<Void> f) throws IOException {
    try {
      f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }

  /** Formats {@code recon.csv} rows; what repeats (locations, status words) is encoded once. */
  private static final class ReconRows {
    private static final byte[][] STATUS = new byte[Status.values().length][];

    static {
      for (Status st : Status.values()) {
        STATUS[st.ordinal()] = st.label().getBytes(StandardCharsets.US_ASCII);
      }
    }

    private final ReconResult r;
    private final ByteLineWriter w;
    private final Symbols skus;
    private final Symbols locs;
    private final ItemMaster items;
    /** The escaped bytes of each zone, aisle, bay and level name: few, shared Strings. */
    private final java.util.IdentityHashMap<String, byte[]> partBytes =
        new java.util.IdentityHashMap<>();

    ReconRows(ReconResult r, ByteLineWriter w) {
      this.r = r;
      this.w = w;
      this.skus = r.skus();
      this.locs = r.locations();
      this.items = r.items();
    }

    /** Writes the {@code recon.csv} row of pair {@code p}. */
    void write(int p) throws IOException {
      int sku = r.skuId(p);
      int loc = r.locationId(p);
      text(skus.arena(), skus.offset(sku), skus.length(sku));
      location(loc);
      parts(loc);
      figures(p);
      w.endLine();
    }

    /** Writes the {@code recount_tasks.csv} row of pair {@code p}, ranked {@code rank}. */
    void writeTask(int rank, int p) throws IOException {
      int sku = r.skuId(p);
      int loc = r.locationId(p);
      w.field(rank);
      parts(loc);
      location(loc);
      text(skus.arena(), skus.offset(sku), skus.length(sku));
      figures(p);
      w.endLine();
    }

    /** Writes the quantities, cost, value, status, flags and recount reason. */
    private void figures(int p) throws IOException {
      int sku = r.skuId(p);
      quantities(p);
      if (items.hasCost(sku)) {
        w.decimal(items.costUnscaled(sku), items.costScale(sku));
      } else {
        w.empty();
      }
      long value = r.hasValue(p) ? r.valueUnscaled(p) : 0;
      if (!r.hasValue(p)) {
        w.empty();
      } else if (value != ReconResult.BEYOND_LONG) {
        w.decimal(value, r.valueScale(p));
      } else {
        w.field(money(r.value(p)));
      }
      w.preformatted(STATUS[r.status(p).ordinal()]);
      int flags = r.flags(p);
      if (flags == 0) {
        w.empty();
      } else {
        w.field(Flag.format(flags));
      }
      String reason = r.reason(p);
      if (reason == null) {
        w.empty();
      } else {
        w.field(reason);
      }
    }

    private void location(int loc) throws IOException {
      text(locs.arena(), locs.offset(loc), locs.length(loc));
    }

    /**
     * Writes a key's bytes as the text they decode to (the same bytes, when ASCII), with an
     * apostrophe before one a spreadsheet would run as a formula ({@link SpreadsheetText}).
     */
    private void text(byte[] a, int off, int len) throws IOException {
      if (SpreadsheetText.startsFormula(a, off, len)) {
        w.field(SpreadsheetText.cell(new String(a, off, len, StandardCharsets.UTF_8)));
      } else if (isAscii(a, off, len)) {
        w.field(a, off, len);
      } else {
        // Not Symbols.get(): its String cache is not safe to fill from two threads. Decoding
        // and encoding again writes what the key decodes to, as the other reports do.
        w.field(new String(a, off, len, StandardCharsets.UTF_8));
      }
    }

    /** Writes {@code zone,aisle,bay,level}. */
    private void parts(int loc) throws IOException {
      LocationScheme.Parts parts = r.parts(loc);
      if (parts == null) {
        for (int i = 0; i < 4; i++) {
          w.empty();
        }
        return;
      }
      w.preformatted(partBytes(parts.zone()));
      w.preformatted(partBytes(parts.aisle()));
      w.preformatted(partBytes(parts.bay()));
      w.preformatted(partBytes(parts.level()));
    }

    private byte[] partBytes(String name) {
      byte[] b = partBytes.get(name);
      if (b == null) {
        b = ByteLineWriter.escape(SpreadsheetText.cell(name));
        partBytes.put(name, b);
      }
      return b;
    }

    private static boolean isAscii(byte[] a, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (a[i] < 0) {
          return false;
        }
      }
      return true;
    }

    /** Writes book, counted, variance and variance percent. */
    private void quantities(int p) throws IOException {
      if (r.onBook(p)) {
        w.field(r.book(p));
      } else {
        w.empty();
      }
      if (!r.counted(p)) {
        w.empty();
        w.empty();
        w.empty();
        return;
      }
      w.field(r.countedQty(p));
      if (!r.hasVariance(p)) {
        w.empty(); // the book is unknown: its rows were rejected
        w.empty();
        return;
      }
      long variance = r.variance(p);
      w.field(variance);
      long book = r.book(p);
      if (!r.onBook(p) || book <= 0) {
        w.empty();
      } else {
        w.decimal(percentHundredths(variance, book), 2);
      }
    }
  }

  /**
   * Returns {@code variance / book * 100} in hundredths, cut toward zero as
   * {@link io.dockcount.core.ReconLine#variancePct} does: the percent limits compare the exact
   * figure, so a rounded-up one could show a limit reached that was not.
   */
  static long percentHundredths(long variance, long book) {
    long q = Math.multiplyExact(Math.abs(variance), 10_000L) / book;
    return variance < 0 ? -q : q;
  }

  /** Writes {@code recon_lots.csv}: one row per SKU + location + lot. */
  public static void writeLots(ReconResult r, Path file) throws IOException {
    csv(file, w -> {
      w.writeRecord("sku", "location", "lot", "zone", "book_qty", "counted_qty", "variance_qty",
          "unit_cost", "variance_value", "status", "flags");
      for (ReconLine l : r.lotLines()) {
        w.writeRecord(SpreadsheetText.cell(l.sku()), SpreadsheetText.cell(l.location()),
            SpreadsheetText.cell(l.lot()), SpreadsheetText.cell(l.zone()), text(l.bookQty()),
            text(l.countedQty()), text(l.varianceQty()), money(l.unitCost()),
            money(l.varianceValue()), l.status().label(), Flag.format(l.flags()));
      }
    });
  }

  /** Writes {@code recount_tasks.csv}: highest absolute value first, no value last. */
  public static void writeTasks(ReconResult r, Path file) throws IOException {
    atomically(file, out -> {
      ByteLineWriter w = new ByteLineWriter(out);
      for (String h : TASKS_HEADER.split(",")) {
        w.field(h);
      }
      w.endLine();
      ReconRows rows = new ReconRows(r, w);
      int rank = 0;
      for (int p : r.tasks()) {
        rows.writeTask(++rank, p);
      }
      w.flush();
    });
  }

  /** Writes {@code exceptions.csv}: every rejected input row. */
  public static void writeExceptions(List<Rejection> rejections, Path file) throws IOException {
    csv(file, w -> {
      w.writeRecord("file", "line", "field", "value", "reason");
      for (Rejection x : rejections) {
        w.writeRecord(x.file(), Long.toString(x.line()), SpreadsheetText.cell(x.field()),
            SpreadsheetText.cell(visible(x.value())), SpreadsheetText.cell(x.reason()));
      }
    });
  }

  /**
   * Returns a rejected value with its control characters (NUL, bell, a line break...) written
   * as {@code \xNN}, and the line breaks beyond ASCII (U+2028...) as a Java escape of their
   * code point: the row stays one readable line, and the characters are still told.
   */
  static String visible(String value) {
    if (value == null || value.chars().noneMatch(c -> c < 0x20 || c == 0x7F || lineBreak(c))) {
      return value;
    }
    StringBuilder b = new StringBuilder(value.length() + 8);
    value.chars().forEach(c -> {
      if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\x%02X", c));
      } else if (lineBreak(c)) {
        b.append(String.format("\\u%04X", c));
      } else {
        b.append((char) c);
      }
    });
    return b.toString();
  }

  private static boolean lineBreak(int c) {
    return c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /**
   * Formats money exactly, with at least two decimals and no zeros past them, as
   * {@link ByteLineWriter#decimal} does; empty for unknown.
   */
  public static String money(BigDecimal v) {
    return v == null ? "" : io.dockcount.core.Money.exact(v);
  }

  private static String text(Long v) {
    return v == null ? "" : v.toString();
  }

  // ---- atomic files ---------------------------------------------------------------------

  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  @FunctionalInterface
  interface CsvBody {
    void write(CsvWriter w) throws IOException;
  }

  static void csv(Path file, CsvBody body) throws IOException {
    atomically(file, out -> {
      try (Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
          CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer)) {
        body.write(w);
      }
    });
  }

  /** Writes {@code file} through a temporary file in its directory and a rename. */
  public static void atomically(Path file, Body body) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not createTempFile: its owner-only permissions would carry over to the report.
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE), 1 << 16)) {
        body.write(out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
