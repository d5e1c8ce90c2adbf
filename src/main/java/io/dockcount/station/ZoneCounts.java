package io.dockcount.station;

import io.dockcount.core.CountRecord;
import java.math.BigDecimal;

/**
 * The one place where a station's accepted scan becomes the count a zone journals: quantity as
 * scanned, eaches from the station's unit table, and the GTIN, serial and SSCC that let the zone
 * refuse a pallet or serialized unit counted twice. A scan whose unit has no eaches factor is
 * refused with its reason, never taken as one each.
 */
public final class ZoneCounts {
  /** A count for the zone, or why the scan cannot be one. */
  public record Converted(CountRecord record, String refusal) {
    public boolean ok() {
      return refusal == null;
    }
  }

  private ZoneCounts() {}

  /**
   * Converts a station record.
   *
   * @param zoneSequence the number the zone dedupes resends by; unique per station across
   *     restarts (see {@link StationLink})
   */
  public static Converted toZone(io.dockcount.core.station.CountRecord r, long zoneSequence) {
    if (r.eaches().isEmpty()) {
      return new Converted(null, "no eaches-per-unit factor for unit " + r.unit() + " of SKU "
          + r.sku());
    }
    CountRecord record = new CountRecord(r.station(), r.counter(), r.location(), r.sku(),
        r.unit(), BigDecimal.valueOf(r.quantity()), r.eaches().getAsLong(),
        r.lot() == null ? "" : r.lot(), Rejections.clip(r.raw().escaped()), zoneSequence,
        r.gtin() == null ? "" : r.gtin(), r.serial() == null ? "" : r.serial(),
        r.sscc() == null ? "" : r.sscc());
    return new Converted(record, null);
  }
}
