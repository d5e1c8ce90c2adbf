package io.dockcount.core.station;

import io.dockcount.core.barcode.RawBytes;
import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One accepted count scan, as a station hands it to the zone that reconciles it.
 *
 * <p>Immutable. Text stays text: SKU {@code 0012345} and lot {@code 00392/174} keep their
 * zeros. Absent GS1 facts are null. {@code quantity} is in {@code unit}; {@code eaches} is the
 * same quantity in eaches when the station has a conversion table, otherwise empty.
 *
 * @param station the station id, e.g. {@code DOCK-3}
 * @param zone the zone the station is bound to
 * @param sequence the station's scan number (every frame gets one, accepted or not)
 * @param counter the badge of the counter logged in
 * @param location the location label scanned last
 * @param sku the SKU, text
 * @param unit canonical unit code ({@code EA}, {@code CS}, ...)
 * @param quantity how many {@code unit}s (0 is a count of zero)
 * @param eaches the quantity in eaches, if known
 * @param lot the batch/lot from the label; for a SKU that is not lot-controlled it is only
 *     information
 * @param expiry the expiry date from the label
 * @param serial the serial number from the label
 * @param sscc the SSCC of a pallet label
 * @param gtin the GTIN-14 scanned (the content GTIN for a pallet label)
 * @param aimId the symbology identifier the scanner sent, or empty
 * @param raw the bytes received, for audit
 */
public record CountRecord(String station, String zone, long sequence, String counter,
    String location, String sku, String unit, long quantity, OptionalLong eaches, String lot,
    LocalDate expiry, String serial, String sscc, String gtin, String aimId, RawBytes raw) {

  public CountRecord {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(eaches, "eaches");
    Objects.requireNonNull(raw, "raw");
  }
}
