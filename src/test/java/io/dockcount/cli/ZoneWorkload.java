package io.dockcount.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random small warehouses for {@link ReconcileZoneDifferentialTest}: one zone per case, each
 * with its own SKUs (so no two cases share a UOM row or a cost), written as one set of files
 * that both {@code reconcile} and the service's start-up read.
 *
 * <p>Counts are whole numbers of a unit, as a station keys them ({@code QTY:<n>}); a count in
 * a unit the SKU has no factor for is one a station holds for a supervisor.
 */
final class ZoneWorkload {
  /** One count row: what a station would send for one scan. */
  record Count(String sku, String location, long qty, String unit) {}

  /** One zone: its locations on the book, the counts sent there, and where they were sent. */
  record Case(String zone, List<Count> counts, Set<String> countedLocations) {}

  private static final String[] CASE_UNITS = {"CS", "CASE", "Case", "cs", "CA"};
  private static final String[] PALLET_UNITS = {"PL", "PALLET", "PLT", "PAL"};
  private static final String[] INNER_UNITS = {"IP", "INNER"};
  private static final String[] EACH_UNITS = {"EA", "EACH", "PC", "ea"};
  private static final String[] BOOK_EACH = {"", "EA", "EACH"};
  private static final String[] CLASSES = {"A", "B", "C"};
  private static final String[] COSTS = {"2.50", "40.00", "0.0845", "1.25", "0.10", "12.00",
      "199.99", "0.068"};

  final List<Case> cases = new ArrayList<>();
  private final StringBuilder book = new StringBuilder("sku,location,book_qty,book_uom\n");
  private final StringBuilder uom = new StringBuilder("sku,uom,qty_per_uom\n");
  private final StringBuilder items = new StringBuilder("sku,unit_cost,class,cost_uom\n");
  private final StringBuilder counts = new StringBuilder("sku,location,count_qty,count_uom\n");
  /** The EAN-13 a station scans for each SKU and unit as written, in the order first used. */
  final Map<String, String> barcodes = new LinkedHashMap<>();
  private final Random rnd;
  private final boolean conflicts;

  private ZoneWorkload(long seed, boolean conflicts) {
    this.rnd = new Random(seed);
    this.conflicts = conflicts;
  }

  /**
   * @param conflicts whether the item master and UOM table may disagree with themselves (two
   *     costs, two factors, PC given a factor): a WMS delivery holding such a row is refused
   */
  static ZoneWorkload generate(long seed, int cases, boolean conflicts) {
    if (cases < 1 || cases > 26 * 26) {
      throw new IllegalArgumentException("cases must be 1 to 676: " + cases);
    }
    ZoneWorkload w = new ZoneWorkload(seed, conflicts);
    for (int i = 0; i < cases; i++) {
      w.cases.add(w.oneCase(i));
    }
    return w;
  }

  /**
   * Writes the files, comma-separated with decimal points, or (with {@code decimalComma}) as a
   * decimal-comma locale exports them: semicolons between fields, {@code 1,5} and
   * {@code 0,0845}.
   */
  void write(Path dir, boolean decimalComma) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve("book.csv"), book, decimalComma);
    write(dir.resolve("uom.csv"), uom, decimalComma);
    write(dir.resolve("items.csv"), items, decimalComma);
    write(dir.resolve("counts.csv"), counts, decimalComma);
    StringBuilder codes = new StringBuilder("barcode,sku,uom\n");
    barcodes.forEach((key, code) -> codes.append(code).append(',').append(key.replace('\0', ','))
        .append('\n'));
    Files.writeString(dir.resolve("barcodes.csv"), codes, StandardCharsets.UTF_8);
  }

  private Case oneCase(int i) {
    // Letters only: a zone named by a number would differ from another case's by its zeros.
    String zone = "Q" + (char) ('A' + i / 26) + (char) ('A' + i % 26);
    List<String> skus = new ArrayList<>();
    Map<String, Long> caseOf = new LinkedHashMap<>();
    int nSku = 2 + rnd.nextInt(3);
    for (int k = 0; k < nSku; k++) {
      String number = Integer.toString(100 + i * 10 + k);
      String sku = rnd.nextInt(5) == 0 ? "W-" + number : "0".repeat(rnd.nextInt(4)) + number;
      skus.add(sku);
      master(sku, caseOf);
    }
    Map<String, Map<String, Long>> bookAt = new LinkedHashMap<>();
    int nLoc = 2 + rnd.nextInt(3);
    for (int j = 0; j < nLoc; j++) {
      String location = zone + "-0" + (j + 1) + "-0" + (1 + rnd.nextInt(3)) + "-"
          + "ABC".charAt(rnd.nextInt(3));
      Map<String, Long> lines = new LinkedHashMap<>();
      for (String sku : skus) {
        if (lines.isEmpty() || rnd.nextInt(3) > 0) {
          long qty = bookQty();
          lines.put(sku, qty);
          bookRows(sku, location, qty, caseOf.get(sku));
        }
      }
      bookAt.put(location, lines);
    }
    List<Count> sent = new ArrayList<>();
    Set<String> counted = new LinkedHashSet<>();
    for (var at : bookAt.entrySet()) {
      if (rnd.nextInt(5) == 0) {
        continue; // nobody counts it: missing lines once the zone closes
      }
      String location = at.getKey();
      for (var line : at.getValue().entrySet()) {
        if (rnd.nextInt(8) > 0) {
          countRows(line.getKey(), location, line.getValue(), caseOf.get(line.getKey()), sent);
        }
      }
      if (rnd.nextInt(6) == 0) {
        // Stock of another of the zone's SKUs found where the book has none of it.
        String sku = skus.get(rnd.nextInt(skus.size()));
        if (!at.getValue().containsKey(sku)) {
          countRows(sku, location, 1 + rnd.nextInt(20), caseOf.get(sku), sent);
        }
      }
      if (rnd.nextInt(12) == 0) {
        // A SKU keyed without its leading zeros, as a spreadsheet leaves it.
        String sku = at.getValue().keySet().iterator().next();
        String bare = sku.replaceFirst("^0+", "");
        if (!bare.equals(sku)) {
          sent.add(new Count(bare, location, 1 + rnd.nextInt(9), "EA"));
        }
      }
    }
    if (rnd.nextInt(4) == 0) {
      // A location the book does not have, in a zone it has: stock found off book.
      String sku = skus.get(rnd.nextInt(skus.size()));
      sent.add(new Count(sku, zone + "-09-01-A", rnd.nextInt(15), "EA"));
    }
    for (Count c : sent) {
      counted.add(c.location());
      barcodes.computeIfAbsent(c.sku() + '\0' + c.unit(), k -> ean13(barcodes.size()));
      counts.append(c.sku()).append(',').append(c.location()).append(',').append(c.qty())
          .append(',').append(c.unit()).append('\n');
    }
    return new Case(zone, sent, counted);
  }

  private void master(String sku, Map<String, Long> caseOf) {
    if (rnd.nextInt(4) > 0) {
      long f = new long[] {4, 6, 12, 24}[rnd.nextInt(4)];
      uomRow(sku, pick(CASE_UNITS), f);
      if (conflicts && rnd.nextInt(20) == 0) {
        // Two factors for one unit: the case has none (master_data_conflict).
        uomRow(sku, "CS", f * 2);
      } else {
        caseOf.put(sku, f);
      }
      if (rnd.nextInt(3) == 0) {
        uomRow(sku, pick(PALLET_UNITS), f * (5 + rnd.nextInt(2) * 5));
      }
      if (rnd.nextInt(3) == 0) {
        uomRow(sku, pick(INNER_UNITS), 2);
      }
    }
    if (conflicts && rnd.nextInt(12) == 0) {
      // A site's own pack spelled as each: its PC counts are refused or held, never 1 or 10.
      uomRow(sku, "PC", 10);
    }
    int c = rnd.nextInt(10);
    if (c == 0) {
      return; // not in the item master: no cost
    }
    String cls = rnd.nextInt(3) == 0 ? "" : pick(CLASSES);
    String cost = c == 1 ? "" : pick(COSTS);
    String per = "";
    if (!cost.isEmpty() && caseOf.containsKey(sku) && rnd.nextInt(4) == 0) {
      // The cost of a case, as an ERP prices it: 24.00 a case of 12 is 2.00 an each.
      cost = new BigDecimal(cost).multiply(BigDecimal.valueOf(caseOf.get(sku))).toPlainString();
      per = pick(CASE_UNITS);
    }
    items.append(sku).append(',').append(cost).append(',').append(cls).append(',').append(per)
        .append('\n');
    if (conflicts && rnd.nextInt(20) == 0) {
      // Two costs or two classes: the SKU has neither (master_data_conflict).
      items.append(sku).append(',').append(rnd.nextBoolean() ? "3.75" : pick(COSTS))
          .append(',').append(rnd.nextBoolean() ? cls : pick(CLASSES)).append(",\n");
    }
  }

  private void uomRow(String sku, String unit, long factor) {
    uom.append(sku).append(',').append(unit).append(',').append(factor).append('\n');
  }

  private long bookQty() {
    int r = rnd.nextInt(12);
    return r == 0 ? 0 : r == 1 ? -1 - rnd.nextInt(10) : 1 + rnd.nextInt(60);
  }

  private void bookRows(String sku, String location, long qty, Long caseSize) {
    int r = rnd.nextInt(10);
    if (caseSize != null && qty > 0 && r < 3 && (qty * 2) % caseSize == 0) {
      // In cases, a half case written as a fraction (18 EA is 1.5 CS of 12).
      BigDecimal cases = BigDecimal.valueOf(qty).divide(BigDecimal.valueOf(caseSize));
      row(book, sku, location, cases.toPlainString(), pick(CASE_UNITS));
    } else if (r < 5 && qty > 1) {
      long part = 1 + rnd.nextInt((int) qty - 1);
      row(book, sku, location, Long.toString(part), pick(BOOK_EACH));
      row(book, sku, location, Long.toString(qty - part), pick(BOOK_EACH));
    } else if (qty == 0 && r < 7) {
      // An empty bin listed in a unit the SKU has no factor for: zero of any unit is zero.
      row(book, sku, location, "0", rnd.nextBoolean() ? "BX" : pick(CASE_UNITS));
    } else {
      row(book, sku, location, Long.toString(qty), pick(BOOK_EACH));
    }
    if (rnd.nextInt(15) == 0) {
      row(book, sku, location, "0", "BX"); // a second row of nothing, in a unit without factor
    }
  }

  private static void row(StringBuilder sb, String sku, String location, String qty,
      String unit) {
    sb.append(sku).append(',').append(location).append(',').append(qty).append(',')
        .append(unit).append('\n');
  }

  private void countRows(String sku, String location, long bookQty, Long caseSize,
      List<Count> sent) {
    long book = Math.max(bookQty, 0);
    int r = rnd.nextInt(20);
    long eaches;
    if (r < 7) {
      eaches = book;
    } else if (r < 11) {
      eaches = Math.max(0, book + rnd.nextInt(7) - 3);
    } else if (r < 13) {
      eaches = 0;
    } else if (r < 15 && caseSize != null && book > 0) {
      // The number keyed in the wrong unit: the book's eaches counted as cases, or its cases
      // counted as eaches.
      if (book % caseSize == 0 && rnd.nextBoolean()) {
        sent.add(new Count(sku, location, book / caseSize, pick(EACH_UNITS)));
      } else {
        sent.add(new Count(sku, location, book, pick(CASE_UNITS)));
      }
      return;
    } else if (r < 16) {
      // A unit the SKU has no factor for: refused by reconcile, held at a station.
      sent.add(new Count(sku, location, 1 + rnd.nextInt(3), "BX"));
      if (rnd.nextBoolean()) {
        return;
      }
      eaches = book;
    } else {
      eaches = rnd.nextInt(80);
    }
    if (caseSize != null && eaches > 0 && eaches % caseSize == 0 && rnd.nextInt(5) < 2) {
      sent.add(new Count(sku, location, eaches / caseSize, pick(CASE_UNITS)));
    } else if (eaches > 1 && rnd.nextInt(5) == 0) {
      long part = 1 + rnd.nextInt((int) eaches - 1);
      sent.add(new Count(sku, location, part, pick(EACH_UNITS)));
      sent.add(new Count(sku, location, eaches - part, pick(EACH_UNITS)));
    } else {
      sent.add(new Count(sku, location, eaches, pick(EACH_UNITS)));
    }
  }

  private static void write(Path file, CharSequence csv, boolean decimalComma)
      throws IOException {
    String text = csv.toString();
    if (decimalComma) {
      // No field holds a comma or semicolon, so each comma is a separator.
      StringBuilder sb = new StringBuilder();
      for (String line : text.split("\n")) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
          if (fields[i].matches("-?[0-9]+\\.[0-9]+")) {
            fields[i] = fields[i].replace('.', ',');
          }
        }
        sb.append(String.join(";", fields)).append('\n');
      }
      text = sb.toString();
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The {@code n}th EAN-13 of a made-up company prefix, with its check digit. */
  static String ean13(int n) {
    String body = "541" + String.format("%09d", n);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return body + (10 - sum % 10) % 10;
  }

  /** The barcode a station scans for a count. */
  String barcodeOf(Count c) {
    return barcodes.get(c.sku() + '\0' + c.unit());
  }

  private String pick(String[] options) {
    return options[rnd.nextInt(options.length)];
  }
}
