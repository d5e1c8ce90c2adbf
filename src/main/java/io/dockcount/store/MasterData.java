package io.dockcount.store;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The book snapshot and master data a service run works from, as immutable values keyed by text
 * (SKUs and locations keep their leading zeros). Actors share one instance; each zone builds its
 * own {@code core} tables from it when it reconciles, since those are single-owner.
 *
 * @param items by SKU
 * @param uom eaches per canonical unit code, by SKU; each (EA) is implied
 * @param barcodes by code
 * @param book the book lines, in eaches
 */
// LIMITATION: held as String-keyed records and maps, the 1M-book-line workload's master data
// takes about 350 MB of heap; the core's packed tables are needed to run it in 512 MB.
public record MasterData(
    Map<String, Item> items,
    Map<String, Map<String, Long>> uom,
    Map<String, Barcode> barcodes,
    List<BookLine> book) {

  /** A SKU's master record; a null cost is unknown, never 0. */
  public record Item(String sku, String description, BigDecimal unitCost, String skuClass) {}

  /** What a barcode stands for. */
  public record Barcode(String code, String sku, String unit) {}

  /** Eaches on book of a SKU (and lot, '' for none) at a location; may be negative. */
  public record BookLine(String location, String sku, String lot, long eaches) {
    public BookLine {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(lot, "lot");
    }
  }

  public MasterData {
    items = Map.copyOf(items);
    uom = Map.copyOf(uom);
    barcodes = Map.copyOf(barcodes);
    book = List.copyOf(book);
  }

  /** Returns eaches per {@code unit} (a canonical code) of the SKU, or 0 when unknown. */
  public long factor(String sku, String unit) {
    if (unit.equals("EA")) {
      return 1;
    }
    Map<String, Long> units = uom.get(sku);
    Long f = units == null ? null : units.get(unit);
    return f == null ? 0 : f;
  }
}
