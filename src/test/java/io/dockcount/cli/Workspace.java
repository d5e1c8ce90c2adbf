package io.dockcount.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of input files for one {@code dockcount reconcile} run, and the run's outcome.
 *
 * <p>Inputs are written with the default headers unless a test writes its own file. The run goes
 * through {@link Main#run}, the same entry point as the jar, with stdout and stderr captured.
 */
final class Workspace {
  static final String BOOK = "sku,location,book_qty";
  static final String COUNTS = "sku,location,count_qty,count_uom";
  static final String UOM = "sku,uom,qty_per_uom";
  static final String ITEMS = "sku,unit_cost";

  private final Path dir;

  Workspace(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Writes {@code name} as the given lines, each ended by LF. */
  Path write(String name, String... lines) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  Workspace book(String... rows) {
    write("book.csv", withHeader(BOOK, rows));
    return this;
  }

  Workspace counts(String... rows) {
    write("counts.csv", withHeader(COUNTS, rows));
    return this;
  }

  Workspace uom(String... rows) {
    write("uom.csv", withHeader(UOM, rows));
    return this;
  }

  Workspace items(String... rows) {
    write("items.csv", withHeader(ITEMS, rows));
    return this;
  }

  private static String[] withHeader(String header, String... rows) {
    String[] lines = new String[rows.length + 1];
    lines[0] = header;
    System.arraycopy(rows, 0, lines, 1, rows.length);
    return lines;
  }

  /**
   * Runs reconcile on book.csv, counts.csv, uom.csv and items.csv (an empty UOM table or item
   * master when the test wrote none) into {@code out}, with {@code extra} options.
   */
  Run reconcile(String... extra) {
    if (!Files.exists(dir.resolve("uom.csv"))) {
      uom();
    }
    if (!Files.exists(dir.resolve("items.csv"))) {
      items();
    }
    return reconcile(dir.resolve("book.csv"), dir.resolve("counts.csv"), dir.resolve("uom.csv"),
        dir.resolve("items.csv"), extra);
  }

  /** Runs reconcile on the given files into {@code out}, with {@code extra} options. */
  Run reconcile(Path book, Path counts, Path uom, Path items, String... extra) {
    List<String> args = new ArrayList<>(List.of("reconcile",
        "--book", book.toString(),
        "--counts", counts.toString(),
        "--uom", uom.toString(),
        "--items", items.toString(),
        "--out", dir.resolve("out").toString()));
    args.addAll(Arrays.asList(extra));
    return run(dir.resolve("out"), args.toArray(String[]::new));
  }

  /** Runs the command line as given, capturing what it prints. */
  static Run run(Path out, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      code = Main.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(code, stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8), out);
  }

  /** The outcome of one run: exit code, what it printed, and its report directory. */
  record Run(int exitCode, String stdout, String stderr, Path out) {
    String text(String report) {
      try {
        return Files.readString(out.resolve(report), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Returns the rows of a CSV report as header-to-value maps. */
    List<Map<String, String>> rows(String report) {
      try (CsvReader<NamedCsvRecord> r = CsvReader.builder()
          .ofNamedCsvRecord(out.resolve(report))) {
        return r.stream().map(NamedCsvRecord::getFieldsAsMap).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Returns the recon.csv row of the SKU at the location; fails when there is none. */
    Map<String, String> recon(String sku, String location) {
      return only(rows("recon.csv").stream()
          .filter(r -> r.get("sku").equals(sku) && r.get("location").equals(location)),
          sku + " at " + location + " in recon.csv");
    }

    /** Returns the recon_lots.csv row of the SKU, location and lot. */
    Map<String, String> lot(String sku, String location, String lot) {
      return only(rows("recon_lots.csv").stream().filter(r -> r.get("sku").equals(sku)
          && r.get("location").equals(location) && r.get("lot").equals(lot)),
          sku + " at " + location + " lot " + lot + " in recon_lots.csv");
    }

    /** Returns the recount task of the SKU at the location, or null. */
    Map<String, String> task(String sku, String location) {
      return rows("recount_tasks.csv").stream()
          .filter(r -> r.get("sku").equals(sku) && r.get("location").equals(location))
          .findFirst().orElse(null);
    }

    List<Map<String, String>> exceptions() {
      return rows("exceptions.csv");
    }

    private static Map<String, String> only(Stream<Map<String, String>> rows, String what) {
      List<Map<String, String>> found = rows.toList();
      if (found.size() != 1) {
        throw new AssertionError("expected one row for " + what + ", found " + found.size());
      }
      return found.get(0);
    }
  }
}
