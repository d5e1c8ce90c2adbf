package io.dockcount.bench;

import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Gtin;
import io.dockcount.core.station.EachesTable;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The made-up items and the scanner traffic the benchmarks replay: what real scanners send, in
 * a fixed mix, every product scan one that a station accepts as a count.
 *
 * <p>Per 10 product scans: 5 EAN-13 with {@code ]E0}, 2 GS1-128 ({@code ]C1}) with GTIN, lot
 * and expiry, 1 GS1-128 pallet label (SSCC + content GTIN + count, a fresh SSCC each time), 1
 * plain EAN-13 without AIM id after a {@code QTY:} label, 1 GS1 DataMatrix ({@code ]d2}) with
 * GTIN and serial. A station opens a new location every 20 product scans.
 */
final class BenchScans {
  static final String GS = "\u001d";
  static final int ITEMS = 2_000;

  final List<String> skus = new ArrayList<>();
  final List<String> eans = new ArrayList<>();
  final List<String> caseGtins = new ArrayList<>();
  final BarcodeTable table;
  final EachesTable eaches;

  BenchScans() {
    BarcodeTable.Builder b = BarcodeTable.builder();
    Symbols symbols = new Symbols();
    UomTable uom = new UomTable();
    for (int i = 0; i < ITEMS; i++) {
      String sku = String.format("%07d", 10_000 + i * 7);
      String ean = withCheck(String.format("40%010d", 123_000 + i));
      String caseGtin = withCheck("1" + ean.substring(0, 12));
      skus.add(sku);
      eans.add(ean);
      caseGtins.add(caseGtin);
      require(b.add(ean, sku, "EA"));
      require(b.add(caseGtin, sku, "CS"));
      uom.put(symbols.intern(sku), uom.unitId("CS"), 12);
    }
    table = b.build();
    eaches = EachesTable.snapshot(uom, symbols);
  }

  /** A fresh station session over the bench items, as a station actor would own it. */
  StationSession session(String station, String zone) {
    return new StationSession(station, zone, StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, eaches, null);
  }

  /** The master data (items, units, barcodes, a book line per item at each location). */
  MasterData master(List<String> locations) {
    Map<String, MasterData.Item> items = new HashMap<>();
    Map<String, Map<String, Long>> units = new HashMap<>();
    Map<String, MasterData.Barcode> barcodes = new HashMap<>();
    for (int i = 0; i < ITEMS; i++) {
      String sku = skus.get(i);
      items.put(sku, new MasterData.Item(sku, "bench item " + i, new BigDecimal("3.25"), "B"));
      units.put(sku, Map.of("CS", 12L));
      barcodes.put(eans.get(i), new MasterData.Barcode(eans.get(i), sku, "EA"));
      barcodes.put(caseGtins.get(i), new MasterData.Barcode(caseGtins.get(i), sku, "CS"));
    }
    List<MasterData.BookLine> book = new ArrayList<>();
    for (int l = 0; l < locations.size(); l++) {
      book.add(new MasterData.BookLine(locations.get(l), skus.get(l % ITEMS), "", 24));
    }
    return new MasterData(items, units, barcodes, book);
  }

  /**
   * Returns the frames (text, terminator not included) of one station: badge, then
   * {@code products} product scans in the mix above, with location labels in zone
   * {@code zone}.
   *
   * @return the frames; {@link Script#products} says which of them are product scans
   */
  Script script(int station, String zone, int products, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> frames = new ArrayList<>();
    List<Boolean> product = new ArrayList<>();
    add(frames, product, "BADGE:E" + (1000 + station), false);
    long sscc = station * 10_000_000L;
    for (int p = 0; p < products; p++) {
      if (p % 20 == 0) {
        add(frames, product, "LOC:" + zone + String.format("-%02d-%02d-%s", 1 + station,
            1 + (p / 20) % 40, "ABCDE".charAt((p / 800) % 5)), false);
      }
      int item = rnd.nextInt(ITEMS);
      switch (p % 10) {
        case 0, 2, 4, 6, 8 -> add(frames, product, "]E0" + eans.get(item), true);
        case 1, 5 -> add(frames, product, "]C1" + "01" + caseGtins.get(item) + "17271231"
            + "10L" + (p % 997) + GS + "3012", true);
        case 3 -> add(frames, product, "]C1" + "00" + sscc(++sscc) + "02" + caseGtins.get(item)
            + "37" + (1 + p % 40) + GS + "10LOT" + (p % 31), true);
        case 7 -> {
          add(frames, product, "QTY:" + (1 + p % 9), false);
          add(frames, product, eans.get(item), true);
        }
        default -> add(frames, product, "]d2" + "01" + "0" + eans.get(item) + "21SN" + p + GS
            + "10B7", true);
      }
    }
    return new Script(List.copyOf(frames), List.copyOf(product));
  }

  /** One station's frames and which are product scans. */
  record Script(List<String> frames, List<Boolean> products) {
    int productCount() {
      return (int) products.stream().filter(b -> b).count();
    }
  }

  private static void add(List<String> frames, List<Boolean> product, String frame,
      boolean isProduct) {
    frames.add(frame);
    product.add(isProduct);
  }

  private static String sscc(long serial) {
    return withCheck("0" + "6141411" + String.format("%09d", serial % 1_000_000_000L));
  }

  static String withCheck(String digits) {
    return digits + Gtin.checkDigit(digits, digits.length());
  }

  private static void require(String problem) {
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }
}
