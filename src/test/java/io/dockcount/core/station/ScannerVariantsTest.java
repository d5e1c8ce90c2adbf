package io.dockcount.core.station;

import static io.dockcount.core.station.StationFixture.counted;
import static io.dockcount.core.station.StationFixture.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Variants of field reports F01-F07 as hostile scanners and label sheets send them: AIM
 * identifiers, FNC1 in its several spellings, logistic and catch-weight labels, GTIN forms,
 * stray bytes. Each goes through framer, decoder, barcode table and session, as at a station.
 */
final class ScannerVariantsTest {
  private static final String GS = "\u001d";

  /** Feeds {@code reads} after a badge and location label, returning the events of the reads. */
  private static List<StationEvent> atA0102(String... reads) {
    StationFixture f = new StationFixture().at("A-01-02");
    return f.feed(reads);
  }

  private static CountRecord onlyCount(List<StationEvent> events) {
    assertEquals(1, events.size(), events.toString());
    return ((StationEvent.Counted) events.get(0)).record();
  }

  private static RejectedScan onlyRejection(List<StationEvent> events) {
    assertEquals(1, events.size(), events.toString());
    assertEquals(Feedback.BAD, events.get(0).feedback());
    return rejected(events.get(0));
  }

  @ParameterizedTest(name = "GS1 lot then expiry, FNC1 as {0}")
  @ValueSource(strings = {"]C1|GS", "]d2|GS", "]Q3|GS", "]e0|GS", "|leading GS"})
  void gs1_everyGs1IdentifierWithRealGs_sameItemLotAndExpiry(String form) {
    String aim = form.substring(0, form.indexOf('|'));
    String lead = aim.isEmpty() ? GS : "";

    CountRecord r = onlyCount(atA0102(aim + lead + "0105412345000013" + "10ABC123" + GS
        + "17290331\r"));

    assertEquals("00913", r.sku());
    assertEquals("EA", r.unit());
    assertEquals(1, r.eaches().getAsLong());
    assertEquals("ABC123", r.lot());
    assertEquals(LocalDate.of(2029, 3, 31), r.expiry());
  }

  @ParameterizedTest(name = "FNC1 written as {0}")
  @ValueSource(strings = {"<GS>", "<gs>", "{GS}", "[GS]", "<FNC1>", "^]", "\\x1d", "\\035"})
  void gs1_separatorSentAsText_refusedAsScannerSetupNeverALotRunningOn(String standIn) {
    RejectedScan rej = onlyRejection(atA0102("]C10105412345000013" + "10ABC123" + standIn
        + "17290331\r"));

    assertEquals(RejectedScan.Kind.SCANNER_SETUP, rej.kind());
    assertEquals(BarcodeDecoder.SEPARATOR_AS_TEXT, rej.reason());
    assertTrue(rej.detail().contains(standIn), rej.detail());
  }

  @Test
  void gs1_separatorAsTextWithAimOff_refusedTheSameWay() {
    RejectedScan rej = onlyRejection(atA0102("0105412345000013" + "10ABC123<GS>17290331\r"));

    assertEquals(RejectedScan.Kind.SCANNER_SETUP, rej.kind());
    assertEquals(BarcodeDecoder.SEPARATOR_AS_TEXT, rej.reason());
  }

  @ParameterizedTest(name = "AIM id through a non-US layout: {0}")
  @ValueSource(strings = {"+E05412345000013", "$E05412345000013", "+C10105412345000013",
      "+Q30105412345000013", "+I115412345000010"})
  void keyboardLayout_aimBracketTypedAsAnotherKey_refusedAsLayoutMismatch(String scan) {
    RejectedScan rej = onlyRejection(atA0102(scan + "\r"));

    assertEquals(RejectedScan.Kind.SCANNER_SETUP, rej.kind());
    assertEquals(BarcodeDecoder.LAYOUT_MISMATCH, rej.reason());
    assertEquals(scan, rej.detail());
  }

  @ParameterizedTest(name = "text {0}")
  @ValueSource(strings = {"+CASE-12", "$E0ABC", "+12345"})
  void keyboardLayout_plusOrDollarBeforeNoBarcodeData_stillJustAnUnknownBarcode(String scan) {
    RejectedScan rej = onlyRejection(atA0102(scan + "\r"));

    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rej.kind());
  }

  @Test
  void gs1_variableLengthLastWithTrailingGs_lotEndsAtTheGs() {
    CountRecord r = onlyCount(atA0102("]C10105412345000013" + "10ABC123" + GS + "\r"));

    assertEquals("ABC123", r.lot());
    assertEquals(1, r.quantity());
  }

  @Test
  void gs1_lotAndSerial_bothKeptOneEach() {
    CountRecord r = onlyCount(atA0102("]C10105412345000013" + "10L0042" + GS + "21S0099\r"));

    assertEquals("L0042", r.lot());
    assertEquals("S0099", r.serial());
    assertEquals(1, r.eaches().getAsLong());
  }

  @Test
  void gs1_elementStringWithoutGs1AimId_refusedAsSetupNamingWhatItReads() {
    List<StationEvent> events = atA0102("0115412345000010\r",
        "0105412345000013" + "10ABC123" + GS + "17290331\r", "]d10115412345000010\r",
        "]C00105412345000013" + "10ABC\r");

    assertEquals(4, events.size());
    for (StationEvent e : events.subList(0, 2)) {
      RejectedScan rej = rejected(e);
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rej.kind());
      assertEquals(BarcodeDecoder.GS1_WITHOUT_AIM, rej.reason());
    }
    assertEquals("0115412345000010 reads as (01) 15412345000010", rejected(events.get(0))
        .detail());
    // The scanner names a symbol printed without FNC1: the label's fault, not the scanner's.
    for (StationEvent e : events.subList(2, 4)) {
      RejectedScan rej = rejected(e);
      assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rej.kind());
      assertEquals(BarcodeDecoder.GS1_NOT_MARKED, rej.reason());
    }
    assertEquals("0115412345000010 reads as (01) 15412345000010, under ]d1",
        rejected(events.get(2)).detail());
  }

  @Test
  void upcA_numberSystemOrCheckDigitNotSent_refusedAsScannerSetupNeverAnUnknownBarcode() {
    List<StationEvent> events = atA0102("12345678905\r", "01234567890\r", "5512345\r");

    for (StationEvent e : events.subList(0, 2)) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
      assertEquals(BarcodeDecoder.GTIN_DIGIT_DROPPED, rejected(e).reason());
    }
    assertEquals("12345678905 is 11 digits, one short of a UPC-A (012345678905 with its"
        + " leading 0 dropped?)", rejected(events.get(0)).detail());
    assertEquals("01234567890 is 11 digits, one short of a UPC-A (its check digit not sent?)",
        rejected(events.get(1)).detail());
    // 7 digits are as often a site's own code: unknown, as before
    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rejected(events.get(2)).kind());
  }

  @Test
  void aimPrefix_doubledByTheScannersPrefixSetting_refusedAsScannerSetup() {
    List<StationEvent> events = atA0102("]C1]E05412345000013\r", "]E0]E05412345000013\r",
        "]C1]C10105412345000013\r");

    for (StationEvent e : events) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
      assertEquals(BarcodeDecoder.TWO_AIM_IDS, rejected(e).reason());
    }
  }

  @Test
  void codeId_makersOwnLetterBeforeTheGtin_refusedAsScannerSetupNamingTheGtin() {
    List<StationEvent> events = atA0102("d5412345000013\r", "c012345678905\r",
        "X15412345000010\r", "A12345670\r");

    for (StationEvent e : events.subList(0, 3)) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
      assertEquals(BarcodeDecoder.VENDOR_CODE_ID, rejected(e).reason());
    }
    assertEquals("d5412345000013 reads as GTIN 05412345000013 after 'd'",
        rejected(events.get(0)).detail());
    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rejected(events.get(3)).kind());
  }

  @Test
  void spaces_aroundAGtinFromAPrefixOrSuffix_refusedAsScannerSetupNeverUnknownBarcode() {
    List<StationEvent> events = atA0102("5412345000013 \r", "  15412345000010\r",
        "ABC 12 \r");

    for (StationEvent e : events.subList(0, 2)) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
      assertEquals(BarcodeDecoder.SPACES_AROUND, rejected(e).reason());
    }
    assertEquals("'5412345000013 ' holds GTIN 05412345000013 between spaces",
        rejected(events.get(0)).detail());
    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rejected(events.get(2)).kind());
  }

  @Test
  void gs1_textListedExactlyInTheTable_stillCountsAsThatRow() {
    BarcodeTable table = BarcodeTable.read(new StringReader("0105412345000013,INT-7,EA\n"))
        .table();
    StationSession s = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, null, null);
    s.onFrame(raw("BADGE:E1"));
    s.onFrame(raw("LOC:A-01-02"));

    StationEvent e = s.onFrame(raw("0105412345000013"));

    assertEquals("INT-7", ((StationEvent.Counted) e).record().sku());
  }

  @Test
  void pallet_contentGtinWithCount_countsCasesInEachesAndRefusesCountBesideItsOwnGtin() {
    List<StationEvent> events = atA0102("]C10215412345000010" + "3748\r",
        "]C10115412345000010" + "3748\r", "]C10215412345000010\r",
        "]C10215412345000010" + "3048\r");

    CountRecord r = counted(events).get(0);
    assertEquals("CS", r.unit());
    assertEquals(48, r.quantity());
    assertEquals(576, r.eaches().getAsLong());
    assertTrue(rejected(events.get(1)).detail().contains("(01) may not appear with AI (37)"));
    assertTrue(rejected(events.get(2)).detail().contains("(02) needs one of (37)"));
    assertTrue(rejected(events.get(3)).detail().contains("(02) needs one of (37)"),
        "(30) is no count of contents");
    assertEquals(1, counted(events).size());
  }

  @Test
  void catchWeight_netWeightNeverACount_keyedPackagesCountAndAi30Counts() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("]C10195412345000016" + "3103000189\r",
        "QTY:3\r", "]C10195412345000016" + "3103000189\r",
        "]C10195412345000016" + "3103000189" + "302\r",
        "]C10105412345000013" + "3103000189\r");

    assertEquals(RejectedScan.Kind.PROCEDURE, rejected(events.get(0)).kind());
    assertTrue(rejected(events.get(0)).reason().contains("key the count"));
    List<CountRecord> c = counted(events);
    assertEquals(List.of(3L, 2L, 1L), c.stream().map(r -> r.eaches().getAsLong()).toList());
    assertTrue(c.stream().allMatch(r -> r.unit().equals("EA") && r.sku().equals("00913")));
  }

  @Test
  void catchWeight_variableMeasureGtinListedInKilograms_heldNeverOneKgPerPackage() {
    BarcodeTable table = BarcodeTable.read(new StringReader("95412345000016,00913,KG\n"))
        .table();
    EachesTable eaches = EachesTable.of(Map.of("00913", Map.of("KG", 1L)));
    StationSession s = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, eaches, null);
    s.onFrame(raw("BADGE:E1"));
    s.onFrame(raw("LOC:A-01-02"));

    StationEvent withCount = s.onFrame(raw("]C10195412345000016" + "3103000189" + "302"));
    s.onFrame(raw("QTY:1"));
    StationEvent keyed = s.onFrame(raw("]C10195412345000016" + "3103000189"));

    for (StationEvent e : List.of(withCount, keyed)) {
      RejectedScan rej = rejected(e);
      assertEquals(RejectedScan.Kind.HELD, rej.kind());
      assertEquals("00913", rej.sku());
      assertTrue(rej.reason().startsWith("variable-measure GTIN 95412345000016 (SKU 00913) is"
          + " listed in unit KG, a weight or measure"), rej.reason());
    }
  }

  @Test
  void gtinForms_eightTwelveThirteenFourteenOfOneItem_oneSkuZerosKept() {
    BarcodeTable table = BarcodeTable.read(new StringReader("""
        55123457,8800,EA
        0000055123457,8800,EA
        000055123457,8800,EA
        00000055123457,8800,EA
        """)).table();
    StationSession s = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, null, null);
    s.onFrame(raw("BADGE:E1"));
    s.onFrame(raw("LOC:A-01-02"));

    List<StationEvent> events = new ArrayList<>();
    for (String scan : List.of("]E455123457", "55123457", "]E00000055123457",
        "]C10100000055123457", "]I100000055123457")) {
      events.add(s.onFrame(raw(scan)));
    }

    assertEquals(1, table.size());
    assertEquals(5, counted(events).size(), events.toString());
    assertTrue(counted(events).stream().allMatch(r -> r.sku().equals("8800")
        && r.gtin().equals("00000055123457")));
  }

  @ParameterizedTest(name = "bad check digit {0}")
  @ValueSource(strings = {"5412345000014", "]E05412345000014", "]C10105412345000014",
      "]I115412345000011", "]E455123458"})
  void checkDigit_wrongInAnyCarrier_refusedAsBadReadSayingTheExpectedDigit(String scan) {
    RejectedScan rej = onlyRejection(atA0102(scan + "\r"));

    assertEquals(RejectedScan.Kind.BAD_READ, rej.kind());
    assertTrue(rej.detail().contains("check digit"), rej.detail());
    assertTrue(rej.detail().contains("expected"), rej.detail());
  }

  @ParameterizedTest(name = "ITF-14 indicator {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
  void itf14_unlistedIndicator_refusedNamingTheEachNeverCountedAsIt(int indicator) {
    String body = indicator + "541234500001";
    String gtin = body + io.dockcount.core.barcode.Gtin.checkDigit(body, 13);

    RejectedScan rej = onlyRejection(atA0102("]I1" + gtin + "\r"));

    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rej.kind());
    assertTrue(rej.detail().contains("grouping of GTIN 05412345000013, which is EA of 00913"),
        rej.detail());
  }

  @Test
  void twoSkus_oneBarcode_everyFormRefusedNamingBothMeanings() {
    BarcodeTable table = BarcodeTable.read(new StringReader("""
        5412345000013,00913,EA
        05412345000013,913,EA
        """)).table();
    StationSession s = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, null, null);
    s.onFrame(raw("BADGE:E1"));
    s.onFrame(raw("LOC:A-01-02"));

    for (String scan : List.of("]E05412345000013", "]C10105412345000013")) {
      RejectedScan rej = rejected(s.onFrame(raw(scan)));
      assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rej.kind());
      assertTrue(rej.reason().contains("EA of 00913 and EA of 913"), rej.reason());
    }
  }

  @Test
  void quantityBeforeLocation_refusedAtOnceSoItNeverGoesUnseenWithALaterScan() {
    StationFixture f = new StationFixture();

    List<StationEvent> events = f.feed("BADGE:E042\r", "QTY:5\r", "DIG:3\r",
        "LOC:A-01-02\r", "5412345000013\r", "DIG:2\r", "DIG:5\r", "5412345000013\r");

    for (StationEvent e : events.subList(1, 3)) {
      assertEquals(RejectedScan.Kind.PROCEDURE, rejected(e).kind());
      assertEquals(StationSession.QUANTITY_BEFORE_LOCATION, rejected(e).reason());
    }
    assertInstanceOf(StationEvent.LocationOpened.class, events.get(3));
    assertEquals(List.of(1L, 25L), counted(events).stream().map(CountRecord::quantity)
        .toList());
  }

  @Test
  void bytes_byteOrderMarkAndLatin1_refusedAsScannerSetupEachSayingWhich() {
    StationFixture f = new StationFixture().at("A-01-02");
    byte[] latin1 = "]E05412345000013 \u00e9\r".getBytes(StandardCharsets.ISO_8859_1);
    List<StationEvent> events = new ArrayList<>(f.feed("5412345\uFEFF000013\r"));
    for (Framer.Output o : f.framer.accept(latin1, 0, latin1.length)) {
      events.add(f.session.onFrame(o.raw()));
    }

    assertEquals(BarcodeDecoder.BYTE_ORDER_MARK, rejected(events.get(0)).reason());
    assertEquals(StationSession.NOT_TEXT, rejected(events.get(1)).reason());
    for (StationEvent e : events) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
    }
  }

  @Test
  void bytes_nulBelEscAndA2kLine_refusedWithRawBytesKept() {
    List<StationEvent> events = atA0102("541234\u00005000013\r", "9".repeat(2048) + "\r",
        "]E05412345000013\u0007\r", "\u001b[0m]E05412345000013\r");

    RejectedScan nul = rejected(events.get(0));
    assertEquals("control byte 0x00 in frame", nul.reason());
    assertEquals("541234\\x005000013", nul.raw().escaped());
    RejectedScan longLine = rejected(events.get(1));
    assertEquals("frame longer than 512 bytes (2048 received)", longLine.reason());
    assertEquals(512, longLine.raw().length());
    assertEquals("control byte 0x07 in frame", rejected(events.get(2)).reason());
    assertEquals("control byte 0x1b in frame", rejected(events.get(3)).reason());
    assertEquals(4, events.size());
  }

  @Test
  void terminators_crLfCrLf_oneScan() {
    CountRecord r = onlyCount(atA0102("]E05412345000013\r\n\r\n"));

    assertEquals("00913", r.sku());
    assertNull(r.lot());
  }

  private static io.dockcount.core.barcode.RawBytes raw(String text) {
    return io.dockcount.core.barcode.RawBytes.ofText(text);
  }
}
