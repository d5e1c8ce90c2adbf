package io.dockcount.core.station;

import io.dockcount.core.barcode.BarcodeTable;
import java.util.Objects;

/**
 * What a station looks a product scan up in: the barcode table, the conversion to eaches and
 * the book's lots. Replaced as a whole when the master data in force changes (a WMS delivery of
 * barcodes or units), so a scan is looked up in one version of them, never a mix.
 *
 * @param barcodes what each barcode stands for
 * @param eaches conversion to eaches, or null to leave a count's eaches empty
 * @param lotBook the book's lots, or null to keep every scanned lot as it is
 */
public record Lookups(BarcodeTable barcodes, EachesTable eaches, LotBook lotBook) {
  public Lookups {
    Objects.requireNonNull(barcodes, "barcodes");
  }
}
