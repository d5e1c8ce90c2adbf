package io.dockcount.app;

import io.dockcount.core.barcode.Gtin;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated master data and "what is really on the shelf" for the demo: three zones (A, B, C),
 * four locations each, two SKUs per location, every SKU with a case of 6 or 12. The same seed
 * always gives the same data.
 *
 * <p>Planted problems: a real shortage that a recount confirms (A-01-02-A), two cases keyed as
 * two eaches (B-02-01-A, a unit error), a high-value shortage that the recount finds was a
 * miscount (C-01-01-A), an item not on book (B-01-01-A), an empty location whose counter
 * scans nothing (C-02-02-A), a scan in pallets, which no SKU has a factor for (A-02-01-A).
 * Every SKU has GTIN barcodes for its each, case and pallet ({@link #gtin}).
 */
public final class DemoData {
  /** One scan a station sends: quantity in a unit; the station converts it to eaches. */
  public record Scan(String sku, String unit, long qty) {}

  /** The scans of one location, first count and recount. */
  public record LocationScript(String location, List<Scan> first, List<Scan> recount) {}

  public static final List<String> ZONES = List.of("A", "B", "C");

  private final MasterData master;
  private final Map<String, List<LocationScript>> scripts;

  private DemoData(MasterData master, Map<String, List<LocationScript>> scripts) {
    this.master = master;
    this.scripts = scripts;
  }

  public MasterData master() {
    return master;
  }

  /** Returns the scripts per zone, locations in order. */
  public Map<String, List<LocationScript>> scripts() {
    return scripts;
  }

  public static DemoData generate(long seed) {
    Random random = new Random(seed);
    Map<String, MasterData.Item> items = new LinkedHashMap<>();
    Map<String, Map<String, Long>> uom = new HashMap<>();
    Map<String, MasterData.Barcode> codes = new HashMap<>();
    List<MasterData.BookLine> book = new ArrayList<>();
    Map<String, List<LocationScript>> scripts = new LinkedHashMap<>();
    int n = 0;
    for (String zone : ZONES) {
      List<LocationScript> zoneScripts = new ArrayList<>();
      for (int aisle = 1; aisle <= 2; aisle++) {
        for (int bay = 1; bay <= 2; bay++) {
          String location = String.format("%s-%02d-%02d-A", zone, aisle, bay);
          List<Scan> first = new ArrayList<>();
          for (int k = 0; k < 2; k++) {
            String sku = String.format("%05d", 900 + n++);
            long perCase = random.nextBoolean() ? 12 : 6;
            BigDecimal cost = BigDecimal.valueOf(50 + random.nextInt(1950), 2);
            if (location.equals("C-01-01-A") && k == 0) {
              cost = new BigDecimal("89.90");
            }
            items.put(sku, new MasterData.Item(sku, "demo item " + sku, cost, null));
            uom.put(sku, Map.of("CS", perCase));
            for (String unit : List.of("EA", "CS", "PL")) {
              codes.put(gtin(sku, unit), new MasterData.Barcode(gtin(sku, unit), sku, unit));
            }
            long qty = perCase * (1 + random.nextInt(3)) + random.nextInt((int) perCase);
            if (location.equals("B-02-01-A") && k == 0) {
              qty = perCase * 2; // whole cases, so two eaches keyed is a clear unit error
            }
            book.add(new MasterData.BookLine(location, sku, "", qty));
            first.add(new Scan(sku, "CS", qty / perCase));
            if (qty % perCase != 0) {
              first.add(new Scan(sku, "EA", qty % perCase));
            }
          }
          zoneScripts.add(new LocationScript(location, first, first));
        }
      }
      scripts.put(zone, zoneScripts);
    }
    plantProblems(scripts, book);
    return new DemoData(new MasterData(items, uom, codes, book), scripts);
  }

  private static void plantProblems(Map<String, List<LocationScript>> scripts,
      List<MasterData.BookLine> book) {
    // A real shortage of 3: both counts find it.
    replace(scripts, "A-01-02-A", s -> shortBy(s, book, "A-01-02-A", 3),
        s -> shortBy(s, book, "A-01-02-A", 3));
    // A pallet scan the station cannot convert, then the same stock scanned correctly.
    replace(scripts, "A-02-01-A", s -> prepend(s, new Scan(s.get(0).sku(), "PL", 1)), s -> s);
    // Two cases keyed as two eaches; the recount scans the cases.
    replace(scripts, "B-02-01-A", s -> {
      List<Scan> out = new ArrayList<>(s);
      out.set(0, new Scan(s.get(0).sku(), "EA", s.get(0).qty()));
      return out;
    }, s -> s);
    // An item the book does not have here; the recount finds it again.
    String stray = book.get(0).sku();
    replace(scripts, "B-01-01-A", s -> prepend(s, new Scan(stray, "EA", 4)),
        s -> prepend(s, new Scan(stray, "EA", 4)));
    // Five expensive units missed at first, found at the recount.
    replace(scripts, "C-01-01-A", s -> shortBy(s, book, "C-01-01-A", 5), s -> s);
    // A location whose counter finds nothing, twice.
    replace(scripts, "C-02-02-A", s -> List.of(), s -> List.of());
  }

  /**
   * Returns the GTIN-14 printed on the SKU's each ({@code EA}, an EAN-13 with a leading 0),
   * case ({@code CS}, indicator 1) or pallet ({@code PL}, indicator 3): company prefix 5412345,
   * the SKU's five digits, check digit.
   */
  public static String gtin(String sku, String unit) {
    String indicator = switch (unit) {
      case "EA" -> "0";
      case "CS" -> "1";
      case "PL" -> "3";
      default -> throw new IllegalArgumentException("no demo GTIN for unit " + unit);
    };
    String body = indicator + "5412345" + sku;
    return body + Gtin.checkDigit(body, body.length());
  }

  private interface Edit {
    List<Scan> apply(List<Scan> scans);
  }

  private static void replace(Map<String, List<LocationScript>> scripts, String location,
      Edit first, Edit recount) {
    List<LocationScript> zone = scripts.get(location.substring(0, 1));
    for (int i = 0; i < zone.size(); i++) {
      LocationScript s = zone.get(i);
      if (s.location().equals(location)) {
        zone.set(i, new LocationScript(location, List.copyOf(first.apply(s.first())),
            List.copyOf(recount.apply(s.first()))));
      }
    }
  }

  private static List<Scan> prepend(List<Scan> scans, Scan extra) {
    List<Scan> out = new ArrayList<>();
    out.add(extra);
    out.addAll(scans);
    return out;
  }

  /** The first SKU's scans with {@code missing} eaches fewer, counted loose. */
  private static List<Scan> shortBy(List<Scan> scans, List<MasterData.BookLine> book,
      String location, long missing) {
    String sku = scans.get(0).sku();
    long onBook = book.stream().filter(b -> b.location().equals(location) && b.sku().equals(sku))
        .mapToLong(MasterData.BookLine::eaches).sum();
    List<Scan> out = new ArrayList<>();
    out.add(new Scan(sku, "EA", onBook - missing));
    scans.stream().filter(s -> !s.sku().equals(sku)).forEach(out::add);
    return out;
  }
}
