package io.dockcount.core.station;

import static io.dockcount.core.station.StationFixture.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.RawBytes;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Good scans that look like the scanner-setup faults a station refuses (a {@code +} or
 * {@code $} where an AIM id's {@code ]} was, 11 digits, a letter before a GTIN, digits that
 * read as GS1 data, spaces, NUL padding): a site's own codes as barcodes.csv lists them, the
 * count sheet's labels in every form, an AIM-off site's retail codes, must stay green.
 */
final class ScannerSetupGoodScansTest {
  /** A site's own codes, each shaped like one of the refusals. */
  private static final String SITE_CODES = """
      barcode,sku,uom
      05412345000013,00913,EA
      +CASE-12,S-PLUS,EA
      $PALLET,S-DOLLAR,EA
      10203040506,S-11DIGITS,EA
      PART 0042,S-SPACED,EA
      0212345,S-02,EA
      0112345678,S-01,EA
      00123456789012345678,S-00,EA
      P012345678905,S-LETTER,EA
      AB12345678901,S-TWOLETTERS,EA
      10ABC,S-10,EA
      """;

  private static StationSession session(StationRules rules) {
    BarcodeTable table = BarcodeTable.read(new StringReader(SITE_CODES)).table();
    return new StationSession("DOCK-9", "A", rules, BarcodeDecoder.withSupportedAis(2026),
        table, null, null);
  }

  private static List<StationEvent> feed(StationSession s, String... scans) {
    List<StationEvent> events = new ArrayList<>();
    for (String scan : scans) {
      events.add(s.onFrame(RawBytes.ofText(scan)));
    }
    return events;
  }

  private static List<StationEvent> atA0102(String... scans) {
    StationSession s = session(StationRules.defaults());
    feed(s, "BADGE:E042", "LOC:A-01-02");
    return feed(s, scans);
  }

  private static CountRecord counted(StationEvent e) {
    assertEquals(Feedback.GOOD, e.feedback(), e.toString());
    return assertInstanceOf(StationEvent.Counted.class, e).record();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource(delimiter = '|', value = {
      "+CASE-12|S-PLUS", "$PALLET|S-DOLLAR", "10203040506|S-11DIGITS", "PART 0042|S-SPACED",
      "0212345|S-02", "0112345678|S-01", "00123456789012345678|S-00", "P012345678905|S-LETTER",
      "AB12345678901|S-TWOLETTERS", "10ABC|S-10", "]C0+CASE-12|S-PLUS", "]A0$PALLET|S-DOLLAR",
      "]C010203040506|S-11DIGITS", "]A0PART 0042|S-SPACED", "]C0P012345678905|S-LETTER"})
  void siteCode_shapedLikeASetupFaultAndListed_countsAsItsRow(String scan, String sku) {
    CountRecord r = counted(atA0102(scan).get(0));

    assertEquals(sku, r.sku());
    assertEquals(1, r.quantity());
  }

  @Test
  void aimOffSite_retailCodesAndLeadingGs_countAsTheirGtins() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013\r", "012345000065\r", "55123457\r",
        "\u001d0105412345000013" + "10L7\u001d17290331\r");

    List<String> skus = events.stream().map(e -> counted(e).sku()).toList();
    assertEquals(List.of("00913", "7700", "8800", "00913"), skus);
    assertEquals("L7", counted(events.get(3)).lot());
  }

  @Test
  void gs1DataBarExpandedAndDigitalLink_plusInALotIsData() {
    List<StationEvent> events = atA0102("]e00105412345000013" + "10AB+1\u001d17290331",
        "]Q1https://id.gs1.org/01/05412345000013/10/AB+1?17=290331",
        "https://example.com/shop/01/05412345000013/10/AB+1");

    for (StationEvent e : events) {
      assertEquals("AB+1", counted(e).lot());
      assertEquals("00913", counted(e).sku());
    }
  }

  @Test
  void digitalLink_spaceInALotOrAfterTheLink_refusedNeverCountedWithoutIt() {
    List<StationEvent> events = atA0102(
        "]Q1https://id.gs1.org/01/05412345000013/10/AB%20C",
        "]Q1https://id.gs1.org/01/05412345000013/10/ABC ");

    assertEquals(RejectedScan.Kind.BAD_READ, rejected(events.get(0)).kind());
    assertTrue(rejected(events.get(0)).detail().contains("invalid character in AI (10)"),
        rejected(events.get(0)).detail());
    assertEquals(BarcodeDecoder.SPACES_AROUND, rejected(events.get(1)).reason());
  }

  @ParameterizedTest(name = "with AIM ids on: ''{0}''")
  @ValueSource(strings = {"]E05412345000013 ", "]C10105412345000013 ", "]I115412345000010  ",
      "]Q1https://id.gs1.org/01/05412345000013/10/ABC ", "]e00105412345000013" + "10AB "})
  void spaces_afterAScanWithItsAimId_scannerSetupNeverUnreadable(String scan) {
    RejectedScan rej = rejected(atA0102(scan).get(0));

    assertEquals(RejectedScan.Kind.SCANNER_SETUP, rej.kind());
    assertEquals(BarcodeDecoder.SPACES_AROUND, rej.reason());
    assertTrue(rej.detail().contains(scan.strip().substring(3)), rej.detail());
  }

  @ParameterizedTest(name = "label {0}")
  @ValueSource(strings = {"BADGE:12345678901", "BADGE:d5412345000013", "badge:E7",
      "]C0BADGE:0105412345000013", "LOC:10203040506", "]C0LOC:A-01-03", "]Q1loc:A-01-03",
      "]d1LOC:A-01-03"})
  void label_shapedLikeASetupFault_stillTheLabel(String label) {
    StationSession s = session(StationRules.defaults());
    feed(s, "BADGE:E042", "LOC:A-01-02");

    StationEvent e = s.onFrame(RawBytes.ofText(label));

    assertEquals(Feedback.GOOD, e.feedback(), e.toString());
    assertTrue(e instanceof StationEvent.CounterChanged || e instanceof StationEvent
        .LocationOpened, e.toString());
  }

  @Test
  void quantitySheet_everyForm_keysTheNextCount() {
    List<StationEvent> events = atA0102("QTY:12", "5412345000013", "qty:3", "]C0+CASE-12",
        "]C0QTY:4", "]E05412345000013", "]Q1DIG:7", "]Q1dig:2", "P012345678905", "DIG:0",
        "CTL:CLEAR", "QTY:0", "10203040506");

    List<Long> counts = events.stream().filter(e -> e instanceof StationEvent.Counted)
        .map(e -> counted(e).quantity()).toList();
    assertEquals(List.of(12L, 3L, 4L, 72L, 0L), counts);
    assertEquals(Feedback.GOOD, events.get(10).feedback(), "CTL:CLEAR with DIG:0 keyed");
  }

  @Test
  void location_codeWithSpacesUnderASitePattern_opens() {
    StationRules rules = new StationRules("BADGE:", "LOC:",
        LocationScheme.of("(?<zone>[A-Z]) (?<aisle>[0-9]{2}) (?<bay>[0-9]{2})"), "QTY:", "DIG:",
        "CTL:", 99_999);
    StationSession s = session(rules);

    List<StationEvent> events = feed(s, "BADGE:E042", "]A0LOC:A 01 02", "PART 0042");

    assertEquals("A 01 02", assertInstanceOf(StationEvent.LocationOpened.class, events.get(1))
        .location());
    assertEquals("A 01 02", counted(events.get(2)).location());
  }

  @Test
  void framing_stxEtxWithNulPaddingAndCrNulLf_everyScanCounts() {
    StationFixture etx = new StationFixture(null, Framer.Terminator.ETX);
    StationFixture crLf = new StationFixture();

    List<StationEvent> framed = etx.feed("\u0000\u0002BADGE:E042\u0003\u0000\u0000",
        "\u0002LOC:A-01-02\u0003\u0000", "\u0002]E05412345000013\u0003\u0000\u0000");
    List<StationEvent> lines = crLf.feed("\u0000BADGE:E042\r\u0000\n", "LOC:A-01-02\r\u0000\n",
        "]E05412345000013\r\u0000\n");

    for (List<StationEvent> events : List.of(framed, lines)) {
      assertEquals(3, events.size(), events.toString());
      assertEquals("00913", counted(events.get(2)).sku());
    }
  }

  /**
   * A label printed from a file that starts with a byte order mark carries it before its text
   * (after the AIM id when the scanner sends one): read as the label, as the file readers drop
   * one at the start of a line. One inside the data stays refused.
   */
  @Test
  void byteOrderMark_beforeTheTextOrAfterTheAimId_droppedTheLabelReads() {
    StationFixture f = new StationFixture();

    List<StationEvent> events = f.feed("\uFEFFBADGE:E042\r", "]C0\uFEFFLOC:A-01-02\r",
        "\uFEFF5412345000013\r", "]E0\uFEFF5412345000013\r", "54123450\uFEFF00013\r",
        "\uFEFF\uFEFF5412345000013\r");

    assertInstanceOf(StationEvent.CounterChanged.class, events.get(0));
    assertEquals("A-01-02", assertInstanceOf(StationEvent.LocationOpened.class, events.get(1))
        .location());
    assertEquals("00913", counted(events.get(2)).sku());
    assertEquals("00913", counted(events.get(3)).sku());
    for (StationEvent e : events.subList(4, 6)) {
      assertEquals(BarcodeDecoder.BYTE_ORDER_MARK, rejected(e).reason());
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
    }
  }

  @Test
  void badge_withASpaceAfterItsId_refusedNeverAnotherCounter() {
    StationSession s = session(StationRules.defaults());

    List<StationEvent> events = feed(s, "BADGE:E042 ", "BADGE: E042", "LOC:A-01-02");

    for (StationEvent e : events.subList(0, 2)) {
      assertEquals(StationSession.BADGE_WITH_SPACE, rejected(e).reason());
    }
    assertEquals("'E042 '", rejected(events.get(0)).detail());
    assertEquals("scan your badge first", rejected(events.get(2)).reason());
    assertEquals("", s.counter());
  }

  @Test
  void label_aimBracketTypedAsPlusOrDollar_layoutMismatchAndNothingCountsAtTheOldLocation() {
    StationSession s = session(StationRules.defaults());
    feed(s, "BADGE:E042", "LOC:A-01-02");

    List<StationEvent> events = feed(s, "+C0LOC:A-01-04", "5412345000013", "$C0QTY:5",
        "+Q1BADGE:E7");

    for (StationEvent e : List.of(events.get(0), events.get(2), events.get(3))) {
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
      assertEquals(BarcodeDecoder.LAYOUT_MISMATCH, rejected(e).reason());
    }
    // The counter has moved on to A-01-04: the scan after its refused label counts nowhere.
    assertEquals(RejectedScan.Kind.PROCEDURE, rejected(events.get(1)).kind());
    assertEquals("E042", s.counter());
  }

  @Test
  void location_latin1Label_refusedAsNotTextNeverAnotherLocation() {
    StationFixture f = new StationFixture();
    f.feed("BADGE:E042\r");
    byte[] latin1 = "LOC:K\u00dcHL-01\r".getBytes(StandardCharsets.ISO_8859_1);

    List<StationEvent> events = new ArrayList<>();
    for (Framer.Output o : f.framer.accept(latin1, 0, latin1.length)) {
      events.add(f.session.onFrame(o.raw()));
    }

    assertEquals(StationSession.NOT_TEXT, rejected(events.get(0)).reason());
    assertEquals("", f.session.location());
  }
}
