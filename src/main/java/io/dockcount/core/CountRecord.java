package io.dockcount.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One count as a station reports it: what a counter found at a location, already resolved to a
 * SKU and converted to eaches by the station layer.
 *
 * <p>SKU, location and lot are text exactly as labelled (leading zeros kept). {@code qty} is the
 * quantity in {@code unit} as entered; {@code eaches} is the same quantity in the SKU's base unit.
 * A quantity of zero is a count ("none here"), not the absence of one.
 *
 * @param station the station that read it (e.g. {@code DOCK-3})
 * @param counter who counted
 * @param lot the lot, or an empty string for none
 * @param raw the bytes the scanner sent, as text, kept for audit
 * @param sequence the station's own increasing number for this record: a record sent again with
 *     the same station and sequence is the same record
 * @param gtin the GTIN-14 scanned, or an empty string
 * @param serial the GS1 serial number (AI 21) of a serialized unit, or an empty string
 * @param sscc the SSCC (AI 00) of a pallet label, or an empty string
 */
public record CountRecord(
    String station,
    String counter,
    String location,
    String sku,
    String unit,
    BigDecimal qty,
    long eaches,
    String lot,
    String raw,
    long sequence,
    String gtin,
    String serial,
    String sscc) {

  public CountRecord {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(lot, "lot");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(gtin, "gtin");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(sscc, "sscc");
  }

  /** A count of plain (not serialized) units, without GTIN. */
  public CountRecord(String station, String counter, String location, String sku, String unit,
      BigDecimal qty, long eaches, String lot, String raw, long sequence) {
    this(station, counter, location, sku, unit, qty, eaches, lot, raw, sequence, "", "", "");
  }

  /**
   * Returns what makes this one physical unit that may be counted once per count round: the
   * SSCC of a pallet, or GTIN plus serial of a serialized unit; null for plain units.
   */
  public String unitIdentity() {
    if (!sscc.isEmpty()) {
      return "SSCC " + sscc;
    }
    return serial.isEmpty() ? null : "GTIN " + gtin + " serial " + serial;
  }
}
