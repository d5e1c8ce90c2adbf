package io.dockcount.wms;

import io.dockcount.store.MasterData;
import java.util.List;
import java.util.Map;

/**
 * A checked delivery from the WMS: the kinds it held (a null field is a kind it did not hold),
 * the SHA-256 of its content and where it came from.
 */
public record WmsData(
    Map<String, MasterData.Item> items,
    Map<String, Map<String, Long>> uom,
    Map<String, MasterData.Barcode> barcodes,
    List<MasterData.BookLine> book,
    String contentHash,
    String source) {

  /** Returns the kinds held, comma-separated, in {@link WmsSettings#KINDS} order. */
  public String kinds() {
    StringBuilder b = new StringBuilder();
    Object[] parts = {items, uom, barcodes, book};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != null) {
        b.append(b.length() == 0 ? "" : ",").append(WmsSettings.KINDS.get(i));
      }
    }
    return b.toString();
  }
}
