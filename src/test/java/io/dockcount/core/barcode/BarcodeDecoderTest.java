package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class BarcodeDecoderTest {
  private final BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(2026);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "012345678905, '', 00012345678905", // UPC-A, AIM off
      "]E00012345678905, ]E0, 00012345678905", // EAN-13 form of the UPC-A
      "]E0012345678905, ]E0, 00012345678905", // UPC-A as 12 digits under ]E0
      "]E455123457, ]E4, 00000055123457", // EAN-8
      "]E004252614, ]E0, 00042100005264", // UPC-E (8 digits under ]E0), as its UPC-A
      "04252614, '', 00042100005264", // UPC-E, AIM off: no valid EAN-8
      "55123457, '', 00000055123457",
      "]E3541234500001312, ]E3, 05412345000013", // EAN-13 + 2-digit add-on
      "]I115412345000010, ]I1, 15412345000010", // ITF-14
      "]I31541234500001, ]I3, 15412345000010", // ITF-14, check digit checked and not sent
      "]I35412345000013, ]I3, 54123450000138", // not EAN-13 5412345000013 of the each
      "15412345000010, '', 15412345000010",
  })
  void decode_plainGtinForms_normaliseToGtin14(String text, String aim, String gtin14) {
    BarcodeDecoder.Result r = decoder.decode(text);

    assertTrue(r.ok(), r.error());
    assertEquals(DecodedBarcode.Kind.GTIN, r.barcode().kind());
    assertEquals(aim, r.barcode().aimId());
    assertEquals(gtin14, r.barcode().gtin());
  }

  @Test
  void decode_gs1DataBarWithLot_gtinAndLot() {
    BarcodeDecoder.Result r = decoder.decode("]e0010001234567890510ABC123");

    assertTrue(r.ok(), r.error());
    assertEquals(DecodedBarcode.Kind.GS1, r.barcode().kind());
    assertEquals("00012345678905", r.barcode().gtin());
    assertEquals("ABC123", r.barcode().lot());
  }

  @Test
  void decode_gs1WeightFirst_exactKilograms() {
    BarcodeDecoder.Result r = decoder.decode("]C1" + "3103000189" + "0105412345000013" + "10XYZ");

    assertTrue(r.ok(), r.error());
    assertEquals(new BigDecimal("0.189"), r.barcode().netWeightKg());
    assertEquals("XYZ", r.barcode().lot());
    assertEquals("05412345000013", r.barcode().gtin());
  }

  @Test
  void decode_gs1ExpiryDayZero_endOfMonth() {
    BarcodeDecoder.Result r = decoder.decode("]d2" + "0105412345000013" + "17290200");

    assertEquals(LocalDate.of(2029, 2, 28), r.barcode().expiry());
  }

  @Test
  void decode_gs1SerialAndCount() {
    BarcodeDecoder.Result r = decoder.decode("]Q3" + "0105412345000013" + "21S77\u001d3012");

    assertTrue(r.ok(), r.error());
    assertEquals("S77", r.barcode().serial());
    assertEquals(12, r.barcode().count());
  }

  @Test
  void decode_leadingGsWithoutAim_isGs1() {
    BarcodeDecoder.Result r = decoder.decode("\u001d0105412345000013");

    assertEquals(DecodedBarcode.Kind.GS1, r.barcode().kind());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\u00e1\u0159\u00ed\u010d+\u0159\u017e\u011b\u00fd\u00e9\u00e9\u00e1\u00fd"
          + "|scanner/keyboard layout mismatch",
      "\u00e7\u00e0&\u00e9\"'|scanner/keyboard layout mismatch", // AZERTY digit row
      "&\"'(-_&\"|scanner/keyboard layout mismatch",
      "5412345000014|bad check digit in GTIN 5412345000014",
      "]E05412345000014|bad check digit",
      "]E054123450000130|EAN/UPC ]E0 with 14 digits",
      "]E45512345|EAN-8 ]E4 with 7 digits",
      "]E004252615|bad check digit in UPC-E 04252615 (its UPC-A 042100005265",
      "]E024252614|UPC-E 24252614 with number system 2",
      "01234565|8 digits without an AIM identifier are both a valid EAN-8 (00000001234565) "
          + "and a valid UPC-E (UPC-A 012345000065)",
      "]E05412A45000013|non-digit in EAN/UPC",
      "]E112|add-on symbol ]E1 alone",
      "]C12312345|unknown or unsupported GS1 AI",
      "]C1|no data after AIM identifier",
      "]X|malformed AIM",
      "]C0AB\u001dC|GS separator in a non-GS1 symbol",
      "AB\u0007C|control character 0x07",
  })
  void decode_badScan_rejectedWithReason(String text, String reason) {
    BarcodeDecoder.Result r = decoder.decode(text);

    assertFalse(r.ok());
    assertNull(r.barcode());
    assertTrue(r.error().contains(reason), r.error());
  }

  @Test
  void decode_itfWithoutItsCheckDigit_otherLengthsAreNoGtin() {
    BarcodeDecoder.Result r = decoder.decode("]I3541234500001");

    assertTrue(r.ok(), r.error());
    assertEquals(DecodedBarcode.Kind.TEXT, r.barcode().kind());
    assertNull(r.barcode().gtin());
  }

  @Test
  void decode_layoutGarbage_reasonIsTheSupervisorText() {
    String f14 = "\u00e1\u0159\u00ed\u010d+\u0159\u017e\u011b\u00fd\u00e9\u00e9\u00e1\u00fd";

    assertEquals("scanner/keyboard layout mismatch \u2014 set scanner to USB serial (CDC) mode",
        decoder.decode(f14).error());
  }

  @Test
  void decode_internalLabel_isTextKeptExactly() {
    BarcodeDecoder.Result r = decoder.decode("]C0LOC:A-01-02");

    assertEquals(DecodedBarcode.Kind.TEXT, r.barcode().kind());
    assertEquals("LOC:A-01-02", r.barcode().data());
    assertEquals("0012345", decoder.decode("0012345").barcode().data());
  }
}
