package io.dockcount.core.station;

import io.dockcount.core.barcode.RawBytes;

/**
 * A scan that counted nothing, kept with its bytes and reason for the supervisor.
 *
 * @param station the station id
 * @param zone the zone the station is bound to
 * @param sequence the station's scan number
 * @param counter the counter logged in, or empty
 * @param location the open location, or empty
 * @param kind what sort of problem it is
 * @param reason the supervisor-facing reason, a fixed text per kind of fault
 * @param detail the particulars (codes, lots, positions), may be empty
 * @param raw the bytes received
 * @param sku the SKU the scan named, or empty when it named none the station could read
 */
public record RejectedScan(String station, String zone, long sequence, String counter,
    String location, Kind kind, String reason, String detail, RawBytes raw, String sku) {

  /** A refused scan that names no SKU (an unreadable or unknown barcode, a scan out of order). */
  public RejectedScan(String station, String zone, long sequence, String counter,
      String location, Kind kind, String reason, String detail, RawBytes raw) {
    this(station, zone, sequence, counter, location, kind, reason, detail, raw, "");
  }

  /** Sorts of rejection, so a supervisor view can group them. */
  public enum Kind {
    /** Unreadable, damaged or incomplete data, bad check digits. */
    BAD_READ,
    /** The scanner is set up wrong (keyboard layout, character set). */
    SCANNER_SETUP,
    /** A valid barcode that the barcode table does not know. */
    UNKNOWN_BARCODE,
    /** A scan out of order: no badge, no location, nothing to void. */
    PROCEDURE,
    /** Already counted in this session (a pallet SSCC). */
    DUPLICATE,
    /** Readable, but contradicts the book: held for the supervisor, not posted. */
    HELD
  }
}
