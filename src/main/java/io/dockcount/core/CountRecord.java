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
    long sequence) {

  public CountRecord {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(qty, "qty");
    Objects.requireNonNull(lot, "lot");
    Objects.requireNonNull(raw, "raw");
  }
}
