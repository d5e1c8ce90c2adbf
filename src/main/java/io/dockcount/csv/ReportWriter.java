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
import java.util.ArrayList;
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

  private ReportWriter() {}

  /** Writes {@code recon.csv}: one row per SKU + location, by location then SKU. */
  public static void writeRecon(ReconResult r, Path file) throws IOException {
    int[] order = r.order();
    // A large report is formatted in two halves on two threads, then the second half is
    // appended to the first; formatting, not the disk, is what bounds this step.
    int half = order.length < PARALLEL_ROWS ? order.length : order.length / 2;
    Path tail = file.resolveSibling("." + file.getFileName() + ".part2");
    CompletableFuture<Void> second = half == order.length ? null
        : CompletableFuture.runAsync(() -> {
          try {
            atomically(tail, out -> writeRows(r, order, half, order.length, out, false));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try {
      atomically(file, out -> {
        writeRows(r, order, 0, half, out, true);
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

  private static void writeRows(ReconResult r, int[] order, int from, int to, OutputStream out,
      boolean header) throws IOException {
    ByteLineWriter w = new ByteLineWriter(out);
    if (header) {
      for (String h : RECON_HEADER.split(",")) {
        w.field(h);
      }
      w.endLine();
    }
    ReconRows rows = new ReconRows(r, w);
    for (int i = from; i < to; i++) {
      rows.write(order[i]);
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

    void write(int p) throws IOException {
      int sku = r.skuId(p);
      int loc = r.locationId(p);
      w.field(skus.arena(), skus.offset(sku), skus.length(sku));
      place(loc);
      quantities(p);
      if (items.hasCost(sku)) {
        w.decimal(items.costUnscaled(sku), items.costScale(sku));
      } else {
        w.empty();
      }
      if (r.hasValue(p)) {
        w.decimal(r.valueUnscaled(p), r.valueScale(p));
      } else {
        w.empty();
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
      w.endLine();
    }

    /** Writes {@code location,zone,aisle,bay,level}. */
    private void place(int loc) throws IOException {
      byte[] a = locs.arena();
      int off = locs.offset(loc);
      int len = locs.length(loc);
      if (isAscii(a, off, len)) {
        w.field(a, off, len);
      } else {
        // Not locs.get(): its String cache is not safe to fill from two threads. Decoding
        // and encoding again writes what the code decodes to, as every other report does.
        w.field(new String(a, off, len, StandardCharsets.UTF_8));
      }
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
        b = ByteLineWriter.escape(name);
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

  /** Returns {@code variance / book * 100} in hundredths, rounded half away from zero. */
  static long percentHundredths(long variance, long book) {
    long scaled = Math.multiplyExact(Math.abs(variance), 10_000L);
    long q = scaled / book;
    if ((scaled % book) * 2 >= book) {
      q++;
    }
    return variance < 0 ? -q : q;
  }

  /** Writes {@code recon_lots.csv}: one row per SKU + location + lot. */
  public static void writeLots(ReconResult r, Path file) throws IOException {
    csv(file, w -> {
      w.writeRecord("sku", "location", "lot", "zone", "book_qty", "counted_qty", "variance_qty",
          "unit_cost", "variance_value", "status", "flags");
      for (ReconLine l : r.lotLines()) {
        w.writeRecord(l.sku(), l.location(), l.lot(), l.zone(), text(l.bookQty()),
            text(l.countedQty()), text(l.varianceQty()), money(l.unitCost()),
            money(l.varianceValue()), l.status().label(), Flag.format(l.flags()));
      }
    });
  }

  /** Writes {@code recount_tasks.csv}: highest absolute value first, no value last. */
  public static void writeTasks(ReconResult r, Path file) throws IOException {
    csv(file, w -> {
      w.writeRecord("rank", "zone", "aisle", "bay", "level", "location", "sku", "book_qty",
          "counted_qty", "variance_qty", "variance_pct", "unit_cost", "variance_value", "status",
          "flags", "reason");
      int rank = 0;
      for (int p : r.tasks()) {
        ReconLine l = r.line(p);
        LocationScheme.Parts parts = l.parts();
        List<String> row = new ArrayList<>(16);
        row.add(Integer.toString(++rank));
        row.add(parts == null ? "" : parts.zone());
        row.add(parts == null ? "" : parts.aisle());
        row.add(parts == null ? "" : parts.bay());
        row.add(parts == null ? "" : parts.level());
        row.add(l.location());
        row.add(l.sku());
        row.add(text(l.bookQty()));
        row.add(text(l.countedQty()));
        row.add(text(l.varianceQty()));
        row.add(l.variancePct() == null ? "" : l.variancePct().toPlainString());
        row.add(money(l.unitCost()));
        row.add(money(l.varianceValue()));
        row.add(l.status().label());
        row.add(Flag.format(l.flags()));
        row.add(l.reason());
        w.writeRecord(row);
      }
    });
  }

  /** Writes {@code exceptions.csv}: every rejected input row. */
  public static void writeExceptions(List<Rejection> rejections, Path file) throws IOException {
    csv(file, w -> {
      w.writeRecord("file", "line", "field", "value", "reason");
      for (Rejection x : rejections) {
        w.writeRecord(x.file(), Long.toString(x.line()), x.field(), x.value(), x.reason());
      }
    });
  }

  /** Formats money exactly, with at least two decimals; empty for unknown. */
  public static String money(BigDecimal v) {
    if (v == null) {
      return "";
    }
    return (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
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
