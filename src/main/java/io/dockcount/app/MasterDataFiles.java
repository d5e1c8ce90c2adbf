package io.dockcount.app;

import io.dockcount.core.DecimalReader;
import io.dockcount.core.UnitCode;
import io.dockcount.csv.ColumnMap;
import io.dockcount.csv.CsvScanner;
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
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the service's master data files (book, items, UOM, barcodes) with the {@code reconcile}
 * command's CSV reader and column names, so one column mapping serves both.
 *
 * <p>Columns: book {@code sku, location, book_qty [, lot]}; items {@code sku, unit_cost
 * [, description, class]}; UOM {@code sku, uom, qty_per_uom}; barcodes {@code barcode, sku
 * [, uom]}. A bad row is skipped and described in {@link Loaded#rejections()}; a missing file
 * or column stops the load.
 */
public final class MasterDataFiles {
  /** The loaded data, a hash of the files' bytes, and the rows that were skipped. */
  public record Loaded(MasterData data, String contentHash, String source,
      List<String> rejections) {}

  private final ColumnMap columns;
  private final DecimalReader number = new DecimalReader();
  private final List<String> rejections = new ArrayList<>();
  /** Filled row by row: the rows go straight into packed storage, never into maps. */
  private final MasterData.Builder data = MasterData.builder();

  private MasterDataFiles(ColumnMap columns) {
    this.columns = columns;
  }

  /**
   * Loads the configured files; the book is required, the others optional.
   *
   * @throws IllegalArgumentException naming the file when one is missing or lacks a column
   */
  public static Loaded load(ServiceSettings.Inputs in, ColumnMap columns) {
    if (in.book() == null) {
      throw new IllegalArgumentException("dockcount.inputs.book is not set: the service needs "
          + "a book file");
    }
    MasterDataFiles f = new MasterDataFiles(columns);
    if (in.items() != null) {
      f.items(in.items());
    }
    if (in.uom() != null) {
      f.uom(in.uom());
    }
    if (in.barcodes() != null) {
      f.barcodes(in.barcodes());
    }
    f.book(in.book());
    List<Path> files = new ArrayList<>();
    for (Path p : new Path[] {in.book(), in.items(), in.uom(), in.barcodes()}) {
      if (p != null) {
        files.add(p);
      }
    }
    return new Loaded(f.data.build(), hash(files), in.book().toString(),
        List.copyOf(f.rejections));
  }

  private void items(Path file) {
    read(file, "items", List.of("sku", "unit_cost"), List.of("description", "class"),
        (s, col, line) -> {
          String sku = s.text(col[0]).strip();
          BigDecimal cost = null;
          if (!s.isBlank(col[1])) {
            if (!number.read(s.text(col[1]))) {
              reject(file, line, "unit_cost is not a plain number: " + number.error());
              return;
            }
            cost = number.toBigDecimal();
          }
          data.item(sku, optional(s, col[2]), cost, optional(s, col[3]));
        });
  }

  private void uom(Path file) {
    read(file, "uom", List.of("sku", "uom", "qty_per_uom"), List.of(), (s, col, line) -> {
      long factor = number.read(s.text(col[2])) ? number.wholeValue() : Long.MIN_VALUE;
      if (factor <= 0) {
        reject(file, line, "qty_per_uom must be a whole number of eaches above 0");
        return;
      }
      data.uom(s.text(col[0]).strip(), UnitCode.canonical(s.text(col[1])), factor);
    });
  }

  private void barcodes(Path file) {
    read(file, "barcodes", List.of("barcode", "sku"), List.of("uom"), (s, col, line) -> {
      String code = s.text(col[0]).strip();
      String unit = col[2] < 0 || s.isBlank(col[2]) ? UnitCode.EACH
          : UnitCode.canonical(s.text(col[2]));
      data.barcode(code, s.text(col[1]).strip(), unit);
    });
  }

  private void book(Path file) {
    read(file, "book", List.of("sku", "location", "book_qty"), List.of("lot"), (s, col, line) -> {
      long qty = number.read(s.text(col[2])) ? number.wholeValue() : Long.MIN_VALUE;
      if (qty == Long.MIN_VALUE) {
        reject(file, line, "book_qty is not a whole number of eaches (blank is unknown, not 0)");
        return;
      }
      data.bookLine(s.text(col[1]).strip(), s.text(col[0]).strip(), lotOrEmpty(s, col[3]), qty);
    });
  }

  private interface Row {
    void read(RowSource s, int[] col, long line);
  }

  private void read(Path file, String kind, List<String> required, List<String> optional,
      Row row) {
    String name = file.getFileName().toString();
    try (RowSource s = CsvScanner.open(file)) {
      int[] col = columns.resolve(kind, name, s.header(), required, optional);
      while (s.next()) {
        if (s.problem() != null) {
          reject(file, s.line(), "unreadable row: " + s.problem());
        } else if (s.isBlank(col[0])) {
          reject(file, s.line(), required.get(0) + " is blank");
        } else {
          row.read(s, col, s.line());
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (ColumnMap.MissingColumnException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
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

  private static String hash(List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
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
