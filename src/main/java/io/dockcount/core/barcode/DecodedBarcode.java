package io.dockcount.core.barcode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a scan says, before it is looked up: the symbology, the data, and the GS1 facts in it.
 * Absent facts are null (and {@code count} is 0).
 *
 * @param kind how the data was read
 * @param aimId the AIM symbology identifier, or an empty string when the scanner sent none
 * @param data the data after the identifier, exactly as received (for a GS1 Digital Link, the
 *     URI)
 * @param gtin the item's GTIN-14 (a plain EAN/UPC, or AI 01; for a variable-measure code read
 *     through the site's layout, its item's code with the price or weight zeroed)
 * @param contentGtin the GTIN-14 of the contents of a logistic unit (AI 02)
 * @param sscc the SSCC-18 of a logistic unit (AI 00)
 * @param lot batch/lot (AI 10), text
 * @param expiry expiry date (AI 17), day 00 already turned into the month's last day
 * @param serial serial number (AI 21)
 * @param count the number of items the label states (AI 37 with 02, or AI 30), 0 if none
 * @param netWeightKg net weight in kg (AI 310x, or a variable-measure code's weight), exact
 * @param elements every GS1 element in symbol order (empty for non-GS1 data)
 * @param layout the site's variable-measure layout the code was read through, or null: such a
 *     scan is one package of its item, whatever weight or price its digits held
 */
public record DecodedBarcode(Kind kind, String aimId, String data, String gtin,
    String contentGtin, String sscc, String lot, LocalDate expiry, String serial, long count,
    BigDecimal netWeightKg, List<Gs1Element> elements, VariableMeasure.Layout layout) {

  /** How the data was read. */
  public enum Kind {
    /** A plain EAN/UPC/ITF-14 carrying one GTIN. */
    GTIN,
    /** A GS1 element string. */
    GS1,
    /** Any other text (internal labels, badges, locations, control codes). */
    TEXT
  }

  public DecodedBarcode {
    elements = List.copyOf(elements);
  }

  /** A decoded barcode read through no variable-measure layout. */
  public DecodedBarcode(Kind kind, String aimId, String data, String gtin, String contentGtin,
      String sscc, String lot, LocalDate expiry, String serial, long count,
      BigDecimal netWeightKg, List<Gs1Element> elements) {
    this(kind, aimId, data, gtin, contentGtin, sscc, lot, expiry, serial, count, netWeightKg,
        elements, null);
  }

  /**
   * Returns true for GS1 data read from a GS1 Digital Link URI: {@code data} then holds the
   * address as scanned, and {@code elements} what it stands for. An element string starts with
   * an AI's digits or a GS, never with a URI scheme.
   */
  public boolean digitalLink() {
    return kind == Kind.GS1 && data.regionMatches(true, 0, "http", 0, 4);
  }

  static DecodedBarcode plainGtin(String aimId, String data, String gtin14) {
    return new DecodedBarcode(Kind.GTIN, aimId, data, gtin14, null, null, null, null, null, 0,
        null, List.of());
  }

  static DecodedBarcode variableMeasure(String aimId, String data, String itemGtin14,
      BigDecimal netWeightKg, VariableMeasure.Layout layout) {
    return new DecodedBarcode(Kind.GTIN, aimId, data, itemGtin14, null, null, null, null, null,
        0, netWeightKg, List.of(), layout);
  }

  static DecodedBarcode text(String aimId, String data) {
    return new DecodedBarcode(Kind.TEXT, aimId, data, null, null, null, null, null, null, 0,
        null, List.of());
  }
}
