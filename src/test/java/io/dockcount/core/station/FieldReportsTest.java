package io.dockcount.core.station;

import static io.dockcount.core.station.StationFixture.counted;
import static io.dockcount.core.station.StationFixture.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.ItemMaster;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.ReconResult;
import io.dockcount.core.Reconciliation;
import io.dockcount.core.RecountPolicy;
import io.dockcount.core.Status;
import io.dockcount.core.Symbols;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.RawBytes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field reports F01-F07 and F14, each through framer, decoder, barcode table and session. */
final class FieldReportsTest {
  @ParameterizedTest(name = "F01 ending {0}")
  @ValueSource(strings = {"\\r\\n", "\\r", "\\n", "\\t", "\\r\\r"})
  void f01_anyTerminatorVariant_exactlyOneScanOfOneEach(String ending) {
    String bytes = ending.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    StationFixture f = new StationFixture(null, Framer.Terminator.CR, Framer.Terminator.LF,
        Framer.Terminator.TAB).at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013" + bytes);

    assertEquals(1, events.size(), events.toString());
    CountRecord r = counted(events).get(0);
    assertEquals("00913", r.sku());
    assertEquals("05412345000013", r.gtin());
    assertEquals("EA", r.unit());
    assertEquals(1, r.quantity());
    assertEquals("A-01-02", r.location());
  }

  @Test
  void f02_scanSplitOverThreeReads_oneScanOnlyAfterTheTerminator() {
    StationFixture f = new StationFixture().at("A-01-02");

    assertTrue(f.feed("]E0541").isEmpty());
    assertTrue(f.feed("2345").isEmpty());
    List<StationEvent> events = f.feed("000013\r");

    assertEquals(1, events.size());
    CountRecord r = counted(events).get(0);
    assertEquals("]E0", r.aimId());
    assertEquals("00913", r.sku());
    assertEquals(1, r.quantity());
    assertEquals(RawBytes.ofText("]E05412345000013"), r.raw());
  }

  @Test
  void f02_unterminatedScanAfterSilence_rejectedIncompleteWithRawBytes() {
    StationFixture f = new StationFixture().at("A-01-02");
    assertTrue(f.feed("]E05412").isEmpty());

    Framer.BadFrame bad = f.framer.flushIncomplete("no terminator within 2000 ms");
    StationEvent e = f.session.onBadFrame(bad.raw(), bad.reason());

    RejectedScan r = rejected(e);
    assertEquals(RawBytes.ofText("]E05412"), r.raw());
    assertTrue(r.reason().startsWith("incomplete scan"), r.reason());
    assertEquals(Feedback.BAD, e.feedback());
    assertTrue(counted(f.feed("]E05412345000013\r")).size() == 1, "station keeps counting");
  }

  @Test
  void f03_upcEanDataBarEan8_resolveThroughGtin14AndSkuKeepsZeros() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<CountRecord> records = counted(f.feed("012345678905\r", "]E00012345678905\r",
        "]e0010001234567890510ABC123\r", "]E455123457\r"));

    assertEquals(4, records.size());
    for (CountRecord r : records.subList(0, 3)) {
      assertEquals("0012345", r.sku());
      assertEquals("00012345678905", r.gtin());
    }
    assertEquals(3, records.subList(0, 3).stream().mapToLong(CountRecord::quantity).sum());
    assertEquals("ABC123", records.get(2).lot());
    assertNull(records.get(0).lot());
    assertEquals("8800", records.get(3).sku());
    assertEquals(1, records.get(3).eaches().getAsLong());
  }

  @Test
  void f04_gs1128WithGroupSeparator_gtinLotExpiry() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("]C10105412345000013" + "10ABC123" + "\u001d"
        + "17290331" + "\r");

    CountRecord r = counted(events).get(0);
    assertEquals("00913", r.sku());
    assertEquals("ABC123", r.lot());
    assertEquals(LocalDate.of(2029, 3, 31), r.expiry());
    assertEquals(1, r.eaches().getAsLong());
  }

  @Test
  void f04_aisInAnotherOrder_weightFirst() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("]C1" + "3103000189" + "0105412345000013" + "10XYZ\r");

    CountRecord r = counted(events).get(0);
    assertEquals("05412345000013", r.gtin());
    assertEquals("XYZ", r.lot());
    assertEquals("00913", r.sku());
  }

  @Test
  void f05Kind_lotNotOnBook_reasonSaysTheLikelyCause() {
    Set<String> onBook = Set.of("ABC123", "0898984");

    assertEquals("lot not on book \u2014 check scanner GS/FNC1 setting",
        StationSession.lotNotOnBook("ABC12317290331", onBook));
    assertEquals("lot not on book \u2014 check scanner GS/FNC1 setting",
        StationSession.lotNotOnBook("XYZ9915290331", onBook), "runs into a best-before AI");
    assertEquals("lot not on book \u2014 on book as ABC123 (another letter case)",
        StationSession.lotNotOnBook("abc123", onBook));
    assertEquals("lot not on book \u2014 on book as 0898984 (leading zeros differ)",
        StationSession.lotNotOnBook("898984", onBook));
    assertEquals("lot not on book \u2014 a lot the book does not have here",
        StationSession.lotNotOnBook("NEW7", onBook));
  }

  @Test
  void f05_missingSeparator_lotNotGuessedAndScanHeldNotPosted() {
    LotBook book = (location, sku) -> Map.of("A-01-02|00913", Set.of("ABC123"))
        .get(location + "|" + sku);
    StationFixture f = new StationFixture(book).at("A-01-02");

    List<StationEvent> events = f.feed("]C10105412345000013" + "10ABC123" + "17290331" + "\r");

    RejectedScan r = rejected(events.get(0));
    assertEquals("lot not on book \u2014 check scanner GS/FNC1 setting", r.reason());
    assertEquals(RejectedScan.Kind.HELD, r.kind());
    assertTrue(r.detail().contains("lot ABC12317290331"), r.detail());
    assertEquals(Feedback.BAD, events.get(0).feedback());
    assertEquals(RawBytes.ofText("]C10105412345000013" + "10ABC123" + "17290331"), r.raw());
    assertTrue(counted(f.feed("]C10105412345000013" + "10ABC123" + "\u001d17290331\r"))
        .size() == 1, "the lot on book is counted");
  }

  @Test
  void f06_palletLabel_576EachesOnceAndRepeatRejected() {
    StationFixture f = new StationFixture().at("A-01-02");
    String label = "]C1" + "00005412345000000015" + "0215412345000010" + "3748" + "\r";

    List<StationEvent> events = f.feed(label, label);

    CountRecord r = counted(events).get(0);
    assertEquals("00913", r.sku());
    assertEquals("CS", r.unit());
    assertEquals(48, r.quantity());
    assertEquals(576, r.eaches().getAsLong());
    assertEquals("005412345000000015", r.sscc());
    RejectedScan again = rejected(events.get(1));
    assertEquals("pallet already counted", again.reason());
    assertEquals(RejectedScan.Kind.DUPLICATE, again.kind());
    assertEquals(576, counted(events).stream().mapToLong(c -> c.eaches().getAsLong()).sum());
  }

  @Test
  void f07_unitAndCaseScans_26EachesShortFourAndRecount() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<CountRecord> records = counted(f.feed("]E05412345000013\r", "]E05412345000013\r",
        "]C10115412345000010\r", "]C10115412345000010\r"));

    assertEquals(26, records.stream().mapToLong(c -> c.eaches().getAsLong()).sum());
    ReconLine line = reconcile(f, records, "A-01-02", "00913", 30, "2.50");
    assertEquals(Status.SHORT, line.status());
    assertEquals(-4, line.varianceQty());
    assertEquals(0, new BigDecimal("-10.00").compareTo(line.varianceValue()));
    assertTrue(line.reason() != null, "recount task expected");
  }

  @Test
  void f14_keyboardLayoutGarbage_rejectedWithSupervisorReasonAndCdcScanCounts() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed(
        "\u00e1\u0159\u00ed\u010d+\u0159\u017e\u011b\u00fd\u00e9\u00e9\u00e1\u00fd\n",
        "8594156270087\n");

    RejectedScan r = rejected(events.get(0));
    assertEquals("scanner/keyboard layout mismatch \u2014 set scanner to USB serial (CDC) mode",
        r.reason());
    assertEquals(RejectedScan.Kind.SCANNER_SETUP, r.kind());
    assertEquals(Feedback.BAD, events.get(0).feedback());
    assertEquals("5501", counted(events).get(0).sku());
    assertEquals(1, counted(events).size());
  }

  private static ReconLine reconcile(StationFixture f, List<CountRecord> records,
      String location, String sku, long book, String cost) {
    Symbols locations = new Symbols();
    Reconciliation recon = new Reconciliation(f.skus, locations, null);
    recon.addBook(f.skus.find(sku), locations.intern(location), 0, book);
    for (CountRecord r : records) {
      recon.addCount(f.skus.find(r.sku()), locations.intern(r.location()), 0,
          r.eaches().getAsLong());
    }
    ItemMaster items = new ItemMaster();
    BigDecimal c = new BigDecimal(cost);
    items.setCost(f.skus.find(sku), c.unscaledValue().longValueExact(), c.scale());
    ReconResult result = recon.reconcile(items, f.uom, LocationScheme.dashed(),
        RecountPolicy.standard());
    return result.line(sku, location);
  }
}
