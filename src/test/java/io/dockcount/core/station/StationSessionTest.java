package io.dockcount.core.station;

import static io.dockcount.core.station.StationFixture.counted;
import static io.dockcount.core.station.StationFixture.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.UomTable;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.RawBytes;
import io.dockcount.core.barcode.VariableMeasure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class StationSessionTest {
  @Test
  void productScan_beforeBadge_rejectedAsProcedure() {
    StationFixture f = new StationFixture();

    RejectedScan r = rejected(f.feed("5412345000013\r").get(0));

    assertEquals(RejectedScan.Kind.PROCEDURE, r.kind());
    assertEquals("scan your badge first", r.reason());
    assertEquals(1, r.sequence());
  }

  @Test
  void productScan_beforeLocation_rejectedAsProcedure() {
    StationFixture f = new StationFixture();

    List<StationEvent> events = f.feed("BADGE:E042\r", "5412345000013\r");

    assertInstanceOf(StationEvent.CounterChanged.class, events.get(0));
    assertEquals("scan a location label first", rejected(events.get(1)).reason());
    assertEquals("E042", rejected(events.get(1)).counter());
  }

  @Test
  void eightDigitsBothEan8AndUpcE_withoutAimId_countedAsTheOneTheBarcodeTableLists() {
    StationFixture f = new StationFixture().at("A-01-02");

    // 01234565 is a valid EAN-8 and a valid UPC-E (UPC-A 012345000065); only the UPC-A is
    // listed, so the scan is that item: no counter can tell the two apart, the table can.
    List<StationEvent> events = f.feed("01234565\r");

    CountRecord c = counted(events).get(0);
    assertEquals("7700", c.sku());
    assertEquals(1, c.quantity());
  }

  @Test
  void eightDigitsBothEan8AndUpcE_bothListedOrNeither_refusedNamingTheAimSetting() {
    StationFixture f = new StationFixture().at("A-01-02");

    // 04210016: EAN-8 of 7710 and UPC-E of 042100001006, 7711: either would be a guess.
    RejectedScan both = rejected(f.feed("04210016\r").get(0));
    RejectedScan neither = rejected(f.feed("01700008\r").get(0));

    assertTrue(both.detail().contains("both a valid EAN-8"), both::toString);
    assertTrue(both.detail().contains("7710") && both.detail().contains("7711"),
        both::toString);
    assertTrue(neither.detail().contains("both a valid EAN-8"), neither::toString);
  }

  @Test
  void everyFrame_getsTheNextSequenceNumber() {
    StationFixture f = new StationFixture();

    List<StationEvent> events = f.feed("BADGE:E042\r", "LOC:A-01-02\r", "junk\r",
        "5412345000013\r", "CTL:VOID\r");

    assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
        events.stream().map(StationEvent::sequence).toList());
    assertEquals(4, counted(events).get(0).sequence());
  }

  @Test
  void keyedQuantity_appliesToNextScanOnly() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:12\r", "]E05412345000013\r", "]E05412345000013\r");

    assertEquals(12, ((StationEvent.QuantityPending) events.get(0)).quantity());
    assertEquals(List.of(12L, 1L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void secondQuantityLabel_replacesTheFirst_andItsFeedbackSaysSo() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:3\r", "QTY:5\r", "]E05412345000013\r");

    StationEvent.QuantityPending first = (StationEvent.QuantityPending) events.get(0);
    StationEvent.QuantityPending second = (StationEvent.QuantityPending) events.get(1);
    assertEquals("quantity 3 for the next product scan", first.text());
    assertEquals(3, second.replaced());
    assertEquals("quantity 5 for the next product scan (replaces the keyed 3, which is not "
        + "counted)", second.text());
    assertEquals(List.of(5L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void digitAfterAQuantity_addsToIt_noReplacementSaid() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:3\r", "DIG:5\r", "CTL:CLEAR\r");

    StationEvent.QuantityPending digit = (StationEvent.QuantityPending) events.get(1);
    assertEquals(35, digit.quantity());
    assertEquals("quantity 35 for the next product scan", digit.text());
    assertEquals("quantity cleared", ((StationEvent.QuantityPending) events.get(2)).text());
  }

  @Test
  void keyedQuantityTimesCase_countsInCasesAndEaches() {
    StationFixture f = new StationFixture().at("A-01-02");

    CountRecord r = counted(f.feed("DIG:1\r", "DIG:9\r", "]C10115412345000010\r")).get(0);

    assertEquals(19, r.quantity());
    assertEquals("CS", r.unit());
    assertEquals(228, r.eaches().getAsLong());
  }

  @Test
  void keyedZero_isACountOfZero() {
    StationFixture f = new StationFixture().at("A-01-02");

    CountRecord r = counted(f.feed("QTY:0\r", "5412345000013\r")).get(0);

    assertEquals(0, r.quantity());
    assertEquals(0, r.eaches().getAsLong());
  }

  @Test
  void keyedQuantity_clearedByARejectedScan() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:5\r", "4006381333931\r", "5412345000013\r");

    assertEquals(RejectedScan.Kind.UNKNOWN_BARCODE, rejected(events.get(1)).kind());
    assertEquals(1, counted(events).get(0).quantity());
  }

  @Test
  void quantity_badOrTooLarge_rejected() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:1x\r", "QTY:100000\r", "DIG:12\r", "CTL:CLEAR\r");

    assertEquals("not a quantity", rejected(events.get(0)).reason());
    assertTrue(rejected(events.get(1)).reason().startsWith("quantity above the station limit"));
    assertEquals("not a quantity", rejected(events.get(2)).reason());
    assertEquals("nothing to clear: no quantity keyed", rejected(events.get(3)).reason(),
        "a quantity above the limit is not kept for a CLEAR to drop");
  }

  @Test
  void clear_withNothingKeyed_refusedAsProcedureLikeTheOtherNoOpControls() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("CTL:CLEAR\r", "CTL:VOID\r", "QTY:5\r", "CTL:CLEAR\r",
        "CTL:CLEAR\r", "5412345000013\r");

    RejectedScan nothing = rejected(events.get(0));
    assertEquals(Feedback.BAD, events.get(0).feedback());
    assertEquals(RejectedScan.Kind.PROCEDURE, nothing.kind());
    assertEquals("nothing to clear: no quantity keyed", nothing.reason());
    assertEquals("A-01-02", nothing.location());
    assertEquals("nothing to void", rejected(events.get(1)).reason());
    assertEquals(Feedback.GOOD, events.get(3).feedback(), "a keyed quantity is cleared, green");
    assertEquals(-1, ((StationEvent.QuantityPending) events.get(3)).quantity());
    assertEquals("nothing to clear: no quantity keyed", rejected(events.get(4)).reason(),
        "cleared once, nothing is left for a second CLEAR");
    assertEquals(1, counted(events).get(0).quantity(), "the cleared 5 went with no product");
  }

  @Test
  void keyedQuantityWithPalletLabel_rejected() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events =
        f.feed("QTY:2\r", "]C1" + "00005412345000000015" + "0215412345000010" + "3748\r");

    assertEquals("a keyed quantity cannot apply to a pallet label (the keyed 2 is dropped: "
        + "scan the label alone)", rejected(events.get(1)).reason());
  }

  @Test
  void logisticLabelContentSymbol_scannedWithoutItsSscc_countsItsStatedCases() {
    // The content barcode of a GS1 logistic label: (02)(37)(10), its SSCC in another symbol.
    StationFixture f = new StationFixture().at("A-01-02");
    String content = "]C1" + "0215412345000010" + "3710" + "\u001d" + "10L1\r";

    List<StationEvent> events = f.feed(content, "QTY:2\r", content);

    CountRecord r = counted(events).get(0);
    assertEquals("00913", r.sku());
    assertEquals("CS", r.unit());
    assertEquals(10, r.quantity());
    assertEquals(120, r.eaches().getAsLong());
    assertEquals("L1", r.lot());
    assertEquals("a keyed quantity cannot apply to a label that states its own count (the "
        + "keyed 2 is dropped: scan the label alone)", rejected(events.get(2)).reason());
  }

  @Test
  void palletOfVariableMeasureItemWithoutCount_refusedWithoutAskingForAKeyedQuantity() {
    // SSCC + a variable-measure GTIN (indicator 9) and no AI 30: the label states no count, and
    // a pallet label takes no keyed one. Asking to key one sent the counter round in a loop.
    StationFixture f = new StationFixture().at("A-01-02");
    String pallet = "]C1" + "00005412345000000015" + "0195412345000016" + "\r";

    List<StationEvent> events = f.feed(pallet, "QTY:40\r", pallet);

    String expected = "variable-measure item (GTIN 95412345000016) whose label states no count"
        + " (AI 30), and a pallet label takes no keyed quantity: count what it holds";
    assertEquals(expected, rejected(events.get(0)).reason());
    assertEquals("00913", rejected(events.get(0)).sku());
    assertEquals(expected + " (the keyed 40 went with it: key it again)",
        rejected(events.get(2)).reason());
    assertTrue(counted(events).isEmpty());
  }

  @Test
  void keyedQuantityWithSerializedUnit_rejectedOneSerialCountsOne() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:3\r", "]C10105412345000013211234\r",
        "]C10105412345000013211235\r");

    assertEquals("a keyed quantity cannot apply to a serialized unit (the keyed 3 is dropped: "
        + "scan the label alone)", rejected(events.get(1)).reason());
    assertEquals(1, ((StationEvent.Counted) events.get(2)).record().quantity(),
        "the next serial, unkeyed, counts one");
  }

  @Test
  void void_lastCount_returnsItAndFreesItsPallet() {
    StationFixture f = new StationFixture().at("A-01-02");
    String pallet = "]C1" + "00005412345000000015" + "0215412345000010" + "3748\r";

    List<StationEvent> events = f.feed(pallet, "CTL:VOID\r", pallet, "CTL:VOID\r",
        "CTL:VOID\r");

    StationEvent.Voided voided = (StationEvent.Voided) events.get(1);
    assertEquals(3, voided.voided().sequence(), "badge and location were scans 1 and 2");
    assertEquals(2, counted(events).size(), "the voided pallet may be counted again");
    assertEquals(5, ((StationEvent.Voided) events.get(3)).voided().sequence());
    assertEquals("nothing to void", rejected(events.get(4)).reason());
  }

  @Test
  void void_rightAfterARedLight_takesNothingBackTheNextVoidDoes() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:10\r", "5412345000013\r", "9999999999994\r",
        "CTL:VOID\r", "CTL:VOID\r");

    assertEquals(10, counted(events).get(0).quantity());
    assertEquals("unknown barcode", rejected(events.get(2)).reason());
    assertEquals("the last scan was refused and counted nothing: nothing taken back; CTL:VOID "
        + "again takes back 10 EA of 00913 at A-01-02", rejected(events.get(3)).reason());
    assertEquals(10, ((StationEvent.Voided) events.get(4)).voided().quantity());
  }

  @Test
  void void_afterACountTheZoneRefused_namesAndTakesBackTheStoredOneBefore() {
    StationFixture f = new StationFixture().at("A-01-02");
    List<StationEvent> events = new java.util.ArrayList<>(f.feed("QTY:3\r", "5412345000013\r"));
    events.addAll(f.zoneAnswers(StationSession.Answer.REFUSED).feed(PALLET));
    events.addAll(f.zoneAnswers(StationSession.Answer.STORED).feed("9999999999994\r",
        "CTL:VOID\r", "CTL:VOID\r"));

    assertEquals("the last scan was refused and counted nothing: nothing taken back; CTL:VOID "
        + "again takes back 3 EA of 00913 at A-01-02", rejected(events.get(4)).reason(),
        "not the pallet the zone refused, which counted nothing either");
    assertEquals(3, ((StationEvent.Voided) events.get(5)).voided().quantity());
  }

  @Test
  void close_afterOnlyACountTheZoneRefused_foundEmpty() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.zoneAnswers(StationSession.Answer.REFUSED)
        .feed(PALLET, "CTL:CLOSE\r");

    assertEquals(0, ((StationEvent.LocationClosed) events.get(1)).records(),
        "nothing stored here: its close says found empty");
  }

  @Test
  void keyedQuantity_refusedProductSaysItWentWithIt_badgeRefusedWhileOneWaits() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:4\r", "9999999999994\r", "QTY:5\r",
        "BADGE:E0003\r", "CTL:CLEAR\r", "BADGE:E0003\r");

    assertEquals("unknown barcode (the keyed 4 went with it: key it again)",
        rejected(events.get(1)).reason());
    assertEquals("quantity 5 keyed and not used: scan its product, or CTL:CLEAR, then this "
        + "label again", rejected(events.get(3)).reason());
    assertInstanceOf(StationEvent.CounterChanged.class, events.get(5));
  }

  @Test
  void sameLocationLabelAgain_keepsWhatWasScannedThereForItsClose() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013\r", "LOC:A-01-02\r", "CTL:CLOSE\r");

    assertEquals(1, ((StationEvent.LocationClosed) events.get(2)).records(),
        "not 'found empty': a count was made here");
  }

  @Test
  void void_byTheNextCounter_refusedTheirOwnCountsOnly() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013\r", "BADGE:E077\r", "CTL:VOID\r",
        "5412345000013\r", "CTL:VOID\r", "CTL:VOID\r", "BADGE:E077\r", "CTL:VOID\r");

    assertEquals("nothing to void", rejected(events.get(2)).reason(),
        "E042's count is not E077's to void");
    assertEquals("E077", ((StationEvent.Voided) events.get(4)).voided().counter());
    assertEquals("nothing to void", rejected(events.get(5)).reason());
    assertEquals("nothing to void", rejected(events.get(7)).reason());
  }

  @Test
  void void_afterLogoutAndLogin_nothingToVoid() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013\r", "CTL:LOGOUT\r", "BADGE:E042\r",
        "CTL:VOID\r");

    assertEquals("nothing to void", rejected(events.get(3)).reason());
  }

  @Test
  void keyedQuantity_thenLocationOrClose_refusedQuantityKeptForItsProduct() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:5\r", "LOC:A-01-03\r", "CTL:CLOSE\r",
        "5412345000013\r", "QTY:7\r", "CTL:CLEAR\r", "LOC:A-01-03\r");

    RejectedScan label = rejected(events.get(1));
    assertEquals(RejectedScan.Kind.PROCEDURE, label.kind());
    assertEquals("quantity 5 keyed and not used: scan its product, or CTL:CLEAR, then this "
        + "label again", label.reason());
    assertEquals("A-01-03", label.detail());
    assertEquals("quantity 5 keyed and not used: scan its product, or CTL:CLEAR, then this "
        + "label again", rejected(events.get(2)).reason());
    CountRecord five = counted(events).get(0);
    assertEquals(5, five.quantity());
    assertEquals("A-01-02", five.location(), "the refused label left the location open");
    assertInstanceOf(StationEvent.LocationOpened.class, events.get(6));
    assertEquals("A-01-03", f.session.location());
  }

  @Test
  void pallet_afterItsLocationLabelAgain_leftToTheZoneWhichKnowsTheRound() {
    StationFixture f = new StationFixture().at("A-01-02");
    String pallet = "]C1" + "00005412345000000015" + "0215412345000010" + "3748\r";

    List<StationEvent> events = f.feed(pallet, pallet, "LOC:A-01-02\r", pallet);

    assertEquals(StationSession.PALLET_COUNTED, rejected(events.get(1)).reason(),
        "twice in one visit: refused at once");
    assertEquals(2, counted(events).size(), "a recount's label: the zone judges the round");
  }

  private static final String PALLET =
      "]C1" + "00005412345000000015" + "0215412345000010" + "3748\r";

  @Test
  void pallet_refusedByTheZone_isNotRememberedAsCounted() {
    StationFixture f =
        new StationFixture().at("A-01-02").zoneAnswers(StationSession.Answer.REFUSED);

    List<StationEvent> events = f.feed(PALLET, PALLET);

    assertEquals(2, counted(events).size(), "the refused count left nothing to refuse for");
  }

  @Test
  void pallet_storedByTheZone_repeatRefusedNamingTheStoredScan() {
    StationFixture f =
        new StationFixture().at("A-01-02").zoneAnswers(StationSession.Answer.REFUSED);
    List<StationEvent> refused = f.feed(PALLET);

    List<StationEvent> events = f.zoneAnswers(StationSession.Answer.STORED).feed(PALLET, PALLET);

    long stored = counted(events).get(0).sequence();
    assertEquals(4, stored);
    RejectedScan again = rejected(events.get(1));
    assertEquals(StationSession.PALLET_COUNTED, again.reason());
    assertEquals("SSCC 005412345000000015 counted at A-01-02 as scan 4", again.detail(),
        "not scan " + counted(refused).get(0).sequence() + ", which the zone refused");
  }

  @Test
  void pallet_notAnsweredYetOrNotInTime_repeatGoesToTheZone() {
    StationFixture f = new StationFixture().at("A-01-02").zoneAnswers(null);
    List<StationEvent> first = f.feed(PALLET);

    List<StationEvent> repeat = f.feed(PALLET);
    f.session.onCountAnswered(counted(first).get(0).sequence(),
        StationSession.Answer.UNKNOWN); // not in time
    List<StationEvent> third = f.feed(PALLET);

    assertEquals(1, counted(repeat).size(), "unanswered: the zone judges the repeat");
    assertEquals(1, counted(third).size(), "maybe stored: the zone's round rule judges it");
  }

  @Test
  void pallet_voidedBeforeItsAnswer_storedAnswerRemembersNothing() {
    StationFixture f = new StationFixture().at("A-01-02").zoneAnswers(null);
    List<StationEvent> first = f.feed(PALLET, "CTL:VOID\r");

    f.session.onCountAnswered(counted(first).get(0).sequence(), StationSession.Answer.STORED);
    List<StationEvent> again = f.feed(PALLET);

    assertInstanceOf(StationEvent.Voided.class, first.get(1));
    assertEquals(1, counted(again).size(), "voided: the pallet is free to count again");
  }

  @Test
  void close_reportsScansAtLocationAndNeedsANewLocation() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("5412345000013\r", "5412345000013\r", "CTL:VOID\r",
        "CTL:CLOSE\r", "5412345000013\r", "CTL:CLOSE\r");

    StationEvent.LocationClosed closed = (StationEvent.LocationClosed) events.get(3);
    assertEquals("A-01-02", closed.location());
    assertEquals(1, closed.records());
    assertEquals("scan a location label first", rejected(events.get(4)).reason());
    assertEquals("no location open", rejected(events.get(5)).reason());
  }

  @Test
  void newLocation_namesThePreviousOne() {
    StationFixture f = new StationFixture().at("A-01-02");

    StationEvent.LocationOpened opened =
        (StationEvent.LocationOpened) f.feed("LOC:A-01-03\r").get(0);

    assertEquals("A-01-02", opened.previous());
    assertEquals("A-01-03", f.session.location());
  }

  @Test
  void logout_clearsCounterAndLocation() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("CTL:LOGOUT\r", "5412345000013\r", "CTL:LOGOUT\r");

    assertEquals("E042", ((StationEvent.LoggedOut) events.get(0)).counter());
    assertEquals("scan your badge first", rejected(events.get(1)).reason());
    assertEquals("nobody is logged in", rejected(events.get(2)).reason());
  }

  @Test
  void badLabels_rejectedWithReasons() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("LOC:A--1\r", "CTL:DANCE\r", "BADGE:\r",
        "5412345000014\r");

    assertEquals("not a valid location code", rejected(events.get(0)).reason());
    assertEquals("unknown control code", rejected(events.get(1)).reason());
    assertEquals("empty badge", rejected(events.get(2)).reason());
    RejectedScan badRead = rejected(events.get(3));
    assertEquals(RejectedScan.Kind.BAD_READ, badRead.kind());
    assertTrue(badRead.detail().contains("bad check digit"), badRead.detail());
  }

  @Test
  void locationLabelRefusedHere_productsAfterItRefusedUntilAGoodLabel() {
    // A label the station cannot read as a location (a space the label printer added) is red;
    // the counter moved on to it: counting on into the location open before would put items
    // of another place there.
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("LOC:A-01-03 \r", "QTY:4\r", "]E05412345000013\r",
        "LOC:A-01-03\r", "]E05412345000013\r");

    assertEquals("not a valid location code", rejected(events.get(0)).reason());
    RejectedScan after = rejected(events.get(2));
    assertEquals(RejectedScan.Kind.PROCEDURE, after.kind());
    assertEquals("A-01-02", after.location());
    assertEquals("location label 'A-01-03 ' was refused: nothing counts until a valid location"
        + " label (the keyed 4 went with it: key it again)", after.reason());
    assertEquals(List.of("A-01-03"),
        counted(events).stream().map(CountRecord::location).toList());
  }

  @Test
  void locationLabelWithASpaceBeforeIt_refusedAsALabel_productsAfterItRefused() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed(" LOC:A-01-03\r", "]E05412345000013\r");

    RejectedScan label = rejected(events.get(0));
    assertEquals(RejectedScan.Kind.BAD_READ, label.kind());
    assertEquals("label with a space before it: scan it again from a label without one",
        label.reason());
    assertEquals("location label ' LOC:A-01-03' was refused: nothing counts until a valid"
        + " location label", rejected(events.get(1)).reason());
    assertTrue(counted(events).isEmpty());
  }

  @Test
  void labelsInLowerCase_readAsTheLabels() {
    // A scanner set to convert letter case sends the count sheet's labels in lower case.
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("loc:A-01-03\r", "]E05412345000013\r", "ctl:close\r",
        "Badge:E043\r");

    assertEquals("A-01-03", ((StationEvent.LocationOpened) events.get(0)).location());
    assertEquals("A-01-03", counted(events).get(0).location());
    assertInstanceOf(StationEvent.LocationClosed.class, events.get(2));
    assertEquals("E043", ((StationEvent.CounterChanged) events.get(3)).counter());
  }

  @Test
  void nonUtf8Bytes_rejectedAsScannerSetup() {
    StationFixture f = new StationFixture().at("A-01-02");

    StationEvent e = f.session.onFrame(RawBytes.copyOf(new byte[] {'5', (byte) 0xe1, '2'}));

    assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(e).kind());
    assertEquals("5\\xe12", rejected(e).raw().escaped());
  }

  @Test
  void unitWithoutFactor_heldNotTakenAsOneEach() {
    StationFixture f = new StationFixture();
    StationSession noFactors = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), f.table,
        EachesTable.snapshot(new UomTable(), f.skus), null);
    noFactors.onFrame(RawBytes.ofText("BADGE:E042"));
    noFactors.onFrame(RawBytes.ofText("LOC:A-01-02"));

    StationEvent caseScan = noFactors.onFrame(RawBytes.ofText("]C10115412345000010"));
    StationEvent eachScan = noFactors.onFrame(RawBytes.ofText("]E05412345000013"));

    assertEquals(RejectedScan.Kind.HELD, rejected(caseScan).kind());
    assertEquals("no eaches-per-unit factor for unit CS of SKU 00913 in the UOM table",
        rejected(caseScan).reason(), "the light names the row to add");
    assertEquals(1, ((StationEvent.Counted) eachScan).record().eaches().getAsLong());
  }

  @Test
  void keyedZero_inAUnitWithoutFactorOrARefusedRow_countsZeroEaches() {
    StationFixture f = new StationFixture();
    BarcodeTable.Builder b = BarcodeTable.builder(VariableMeasure.NONE);
    b.add("05412345000013", "00913", "EA", "EA");
    b.refused("15412345000010", "00913", "EA", "unit PC is read as each, but the UOM table "
        + "makes it PC = 10 EA");
    StationSession noFactors = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), f.table,
        EachesTable.snapshot(new UomTable(), f.skus), null);
    StationSession refusedRow = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), b.build(),
        EachesTable.snapshot(new UomTable(), f.skus), null);
    for (StationSession s : List.of(noFactors, refusedRow)) {
      s.onFrame(RawBytes.ofText("BADGE:E042"));
      s.onFrame(RawBytes.ofText("LOC:A-01-02"));
    }

    noFactors.onFrame(RawBytes.ofText("QTY:0"));
    StationEvent noCase = noFactors.onFrame(RawBytes.ofText("]C10115412345000010"));
    refusedRow.onFrame(RawBytes.ofText("QTY:0"));
    StationEvent noPc = refusedRow.onFrame(RawBytes.ofText("]C10115412345000010"));
    StationEvent onePc = refusedRow.onFrame(RawBytes.ofText("]C10115412345000010"));

    // Zero of any unit is zero eaches (README), as reconcile reads a count row of 0 BX or 0 PC
    // (found by the zones-vs-reconcile differential test): "none here", never held.
    CountRecord zeroCases = ((StationEvent.Counted) noCase).record();
    assertEquals(0, zeroCases.quantity());
    assertEquals(0, zeroCases.eaches().getAsLong());
    assertEquals("00913", ((StationEvent.Counted) noPc).record().sku());
    assertEquals(0, ((StationEvent.Counted) noPc).record().eaches().getAsLong());
    assertEquals(RejectedScan.Kind.HELD, rejected(onePc).kind(), "a count above 0 stays held");
  }

  @Test
  void unitWithoutFactor_refusalNamesTheUnitAsTheBarcodeFileWritesIt() {
    StationFixture f = new StationFixture();
    BarcodeTable written = BarcodeTable.read(new java.io.StringReader("barcode,sku,uom\n"
        + "15412345000010,00913,PALLET\n25412345000017,00913,pal\n"
        + "35412345000014,00913,PL\n")).table();
    StationSession s = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), written, EachesTable.snapshot(new UomTable(),
        f.skus), null);
    s.onFrame(RawBytes.ofText("BADGE:E042"));
    s.onFrame(RawBytes.ofText("LOC:A-01-02"));

    StationEvent pallet = s.onFrame(RawBytes.ofText("]C10115412345000010"));
    StationEvent pal = s.onFrame(RawBytes.ofText("]C10125412345000017"));
    StationEvent pl = s.onFrame(RawBytes.ofText("]C10135412345000014"));

    assertEquals(RejectedScan.Kind.HELD, rejected(pallet).kind());
    assertEquals("no eaches-per-unit factor for unit PALLET (read as PL) of SKU 00913 in the "
        + "UOM table", rejected(pallet).reason());
    assertEquals("no eaches-per-unit factor for unit PAL (read as PL) of SKU 00913 in the "
        + "UOM table", rejected(pal).reason());
    assertEquals("no eaches-per-unit factor for unit PL of SKU 00913 in the UOM table",
        rejected(pl).reason(), "written as its code: named once");
  }

  @Test
  void lotOfSkuNotLotControlled_keptAsInformation() {
    LotBook book = (location, sku) -> Set.of();
    StationFixture f = new StationFixture(book).at("A-01-02");

    CountRecord r = counted(f.feed("]C10105412345000013" + "10ANY\r")).get(0);

    assertEquals("ANY", r.lot());
  }

  /** SKU 00913 kept by lots L001 and L002 at A-01-02; at A-01-03 also without a lot. */
  private static final LotBook TWO_LOTS = (location, sku) -> Map.of(
      "A-01-02|00913", Set.of("L001", "L002"),
      "A-01-03|00913", Set.of("L001", "")).get(location + "|" + sku);

  @Test
  void lotControlledSku_gs1ScanWithNoLot_heldNotCounted() {
    StationFixture f = new StationFixture(TWO_LOTS).at("A-01-02");

    List<StationEvent> events = f.feed("QTY:3\r", "]C10105412345000013\r");

    RejectedScan r = rejected(events.get(1));
    assertEquals(RejectedScan.Kind.HELD, r.kind(), "held for a supervisor, its line recounted");
    assertEquals("no lot \u2014 this SKU is kept by lot here: scan a label with its lot "
        + "(GS1, AI 10) (the keyed 3 went with it: key it again)", r.reason());
    assertEquals("SKU 00913 with no lot at A-01-02; on book: L001, L002", r.detail());
    assertEquals("00913", r.sku());
    assertEquals(Feedback.BAD, events.get(1).feedback());
    assertEquals("L002", counted(f.feed("]C10105412345000013" + "10L002\r")).get(0).lot(),
        "its label with the lot counts");
  }

  @Test
  void lotControlledSku_eanWithNoLot_countedAsItCarriesNone() {
    StationFixture f = new StationFixture(TWO_LOTS).at("A-01-02");

    // An EAN/UPC has no room for a lot: holding it would leave such goods uncountable.
    assertEquals(1, counted(f.feed("]E05412345000013\r")).size());
  }

  @Test
  void skuAlsoOnBookWithoutALotThere_scanWithNoLotCounted_unknownLotStillHeld() {
    StationFixture f = new StationFixture(TWO_LOTS).at("A-01-03");

    List<StationEvent> events = f.feed("]C10105412345000013\r",
        "]C10105412345000013" + "10L009\r");

    assertEquals(1, counted(events.subList(0, 1)).size(), "may be the stock with no lot");
    RejectedScan r = rejected(events.get(1));
    assertEquals("lot not on book \u2014 a lot the book does not have here", r.reason());
    assertEquals("SKU 00913 lot L009 at A-01-03; on book: (no lot), L001", r.detail());
  }

  @Test
  void skuNotKeptByLotHere_scanWithNoLotCounted() {
    StationFixture f = new StationFixture(TWO_LOTS).at("A-01-04");

    assertEquals(1, counted(f.feed("]C10105412345000013\r")).size());
  }

  @Test
  void labelCount_aboveTheStationLimit_refusedAsARunOnField() {
    StationFixture f = new StationFixture().at("A-01-02");

    // (30)25 then (10)777 with no GS between: the count reads 2510777.
    RejectedScan r = rejected(f.feed("]C10195412345000016302510777\r").get(0));

    assertEquals(RejectedScan.Kind.BAD_READ, r.kind());
    assertEquals("label count 2510777 above the station limit of 99999 \u2014 a field after it "
        + "may have run into it: check the scanner's GS/FNC1 setting", r.reason());
  }

  @Test
  void keyedQuantity_droppedWithAnUnreadableScan_soKeyingItAgainDoesNotAppend() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("DIG:5\r", "]E05412345000014\r", "DIG:5\r",
        "]E05412345000013\r");

    assertEquals("unreadable barcode (the keyed 5 is dropped: key it again)",
        rejected(events.get(1)).reason());
    assertEquals(List.of(5L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void keyedQuantity_droppedWithAFrameTheFramerRefused() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:5\r", "541234\u0002500013\r",
        "]E05412345000013\r");

    assertTrue(rejected(events.get(1)).reason().endsWith("(the keyed 5 is dropped: key it "
        + "again)"), rejected(events.get(1)).reason());
    assertEquals(List.of(1L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void keyedQuantity_onALabelStatingItsCount_refusedNotMultiplied() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:25\r", "]C1019541234500001630" + "25\r",
        "]C1019541234500001630" + "25\r");

    assertEquals("a keyed quantity cannot apply to a label that states its own count (the keyed "
        + "25 is dropped: scan the label alone)", rejected(events.get(1)).reason());
    assertEquals(RejectedScan.Kind.PROCEDURE, rejected(events.get(1)).kind());
    CountRecord alone = counted(events).get(0);
    assertEquals(25, alone.quantity());
    assertEquals(25, alone.eaches().getAsLong());
    assertEquals(1, counted(events).size());
  }

  @Test
  void varCountOnAFixedMeasureGtin_isNoCount_theKeyedQuantityCounts() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("]C10115412345000010303\r", "QTY:3\r",
        "]C10115412345000010303\r");

    assertTrue(rejected(events.get(0)).reason().startsWith("AI (30) on fixed-measure GTIN "
        + "15412345000010 is no count of it"), rejected(events.get(0)).reason());
    assertTrue(rejected(events.get(0)).reason().endsWith(": key the count, then scan it again"));
    CountRecord r = counted(events).get(0);
    assertEquals(3, r.quantity());
    assertEquals(36, r.eaches().getAsLong());
  }

  @Test
  void variableMeasureItemWithoutItsCount_refusedUnlessKeyed() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("]I195412345000016\r", "QTY:4\r",
        "]I195412345000016\r");

    assertEquals(RejectedScan.Kind.PROCEDURE, rejected(events.get(0)).kind());
    assertEquals(List.of(4L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void logout_whileAQuantityWaits_refusedSoTheQuantityIsNotDroppedUnseen() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed("QTY:5\r", "CTL:LOGOUT\r", "]E05412345000013\r");

    assertTrue(rejected(events.get(1)).reason().startsWith("quantity 5 keyed and not used"));
    assertEquals(List.of(5L), counted(events).stream().map(CountRecord::quantity).toList());
  }

  @Test
  void digitalLinkQrCodes_countedAsTheirGs1Data() {
    StationFixture f = new StationFixture().at("A-01-02");

    List<StationEvent> events = f.feed(
        "]Q1https://id.gs1.org/01/05412345000013/10/L%2F88/21/S7?17=270600&linkType=gs1:pip\r",
        "https://brand.example.com/p/01/95412345000016?30=12\r",
        "HTTPS://ID.GS1.ORG/00/106141411234567897?02=15412345000010&37=3\r");

    List<CountRecord> counts = counted(events);
    assertEquals(3, counts.size(), events::toString);
    CountRecord each = counts.get(0);
    assertEquals("00913", each.sku());
    assertEquals("EA", each.unit());
    assertEquals(1, each.quantity());
    assertEquals("L/88", each.lot());
    assertEquals("S7", each.serial());
    assertEquals(java.time.LocalDate.of(2027, 6, 30), each.expiry());
    assertEquals("]Q1", each.aimId());
    assertEquals(12, counts.get(1).quantity());
    assertEquals("CS", counts.get(2).unit());
    assertEquals(3, counts.get(2).quantity());
  }

  @Test
  void digitalLinkWithABadCheckDigit_refusedAsUnreadableWithTheReason() {
    StationFixture f = new StationFixture().at("A-01-02");

    RejectedScan r = rejected(f.feed("https://id.gs1.org/01/05412345000014\r").get(0));

    assertEquals(RejectedScan.Kind.BAD_READ, r.kind());
    assertEquals(StationSession.UNREADABLE, r.reason());
    assertEquals("GS1 Digital Link refused: AI (01) has a bad check digit: 05412345000014"
        + " (expected 3)", r.detail());
  }

  @Test
  void variableMeasureLabels_withTheSitesLayout_countedAsTheirItemsCode() {
    BarcodeTable table = BarcodeTable.read(new java.io.StringReader(
        "barcode,sku,uom\n2112345000008,00913,EA\n")).table();
    BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(2026).withVariableMeasure(
        new VariableMeasure(List.of(new VariableMeasure.Layout("21", 5, false,
            VariableMeasure.Value.WEIGHT_KG, 3))));
    StationSession session = new StationSession("DOCK-3", "B", StationRules.defaults(),
        decoder, table, null, null);
    Framer framer = Framer.crLf();

    List<StationEvent> events = new java.util.ArrayList<>();
    for (String read : List.of("BADGE:E042\r", "LOC:A-01-02\r", "]E02112345007502\r",
        "2112345012506\r", "2212345012343\r")) {
      byte[] b = read.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (Framer.Output o : framer.accept(b, 0, b.length)) {
        events.add(session.onFrame(o.raw()));
      }
    }

    assertEquals(List.of("00913", "00913"), counted(events).stream().map(CountRecord::sku)
        .toList());
    assertEquals(List.of(1L, 1L), counted(events).stream().map(CountRecord::quantity).toList());
    assertTrue(rejected(events.get(4)).detail().contains("restricted-circulation code"),
        events.get(4)::toString);
  }

  private static List<StationEvent> feed(StationSession session, String... reads) {
    Framer framer = Framer.crLf();
    List<StationEvent> events = new java.util.ArrayList<>();
    for (String read : reads) {
      byte[] b = read.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (Framer.Output o : framer.accept(b, 0, b.length)) {
        events.add(session.onFrame(o.raw()));
      }
    }
    return events;
  }

  private static final VariableMeasure WEIGHT_AND_PRICE = new VariableMeasure(List.of(
      new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.WEIGHT_KG, 3),
      new VariableMeasure.Layout("02", 5, true, VariableMeasure.Value.PRICE, 2)));

  @Test
  void variableMeasureLabels_weightOrPriceInside_countOnePackageEachOrTheKeyedQuantity() {
    BarcodeTable table = BarcodeTable.read(new java.io.StringReader("barcode,sku,uom\n"
        + "2112345000008,00913,EA\n0212345000007,00914,PK\n"), WEIGHT_AND_PRICE).table();
    EachesTable eaches = EachesTable.of(Map.of("00913", Map.of("EA", 1L),
        "00914", Map.of("EA", 1L, "PK", 6L)));
    StationSession session = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026).withVariableMeasure(WEIGHT_AND_PRICE), table,
        eaches, null);

    // 0.750 kg, 12.500 kg, 99.999 kg; a pack at 3.99 and at 1.99; then a keyed 3 of 1.250 kg.
    List<CountRecord> counts = counted(feed(session, "BADGE:E042\r", "LOC:A-01-02\r",
        "]E02112345007502\r", "2112345125008\r", "2112345999999\r", "]E0212345203996\r",
        "212345001998\r", "QTY:3\r", "2112345012506\r"));

    assertEquals(List.of("00913", "00913", "00913", "00914", "00914", "00913"),
        counts.stream().map(CountRecord::sku).toList());
    assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 3L),
        counts.stream().map(CountRecord::quantity).toList(), "the weight is no count");
    assertEquals(List.of("EA", "EA", "EA", "PK", "PK", "EA"),
        counts.stream().map(CountRecord::unit).toList());
    assertEquals(List.of(1L, 1L, 1L, 6L, 6L, 3L), counts.stream()
        .map(c -> c.eaches().orElseThrow()).toList(), "nor is the price");
  }

  @Test
  void variableMeasureLabel_wrongPriceCheckDigit_refusedAsAMisreadNeverCounted() {
    BarcodeTable table = BarcodeTable.read(new java.io.StringReader("barcode,sku,uom\n"
        + "0212345000007,00914,PK\n"), WEIGHT_AND_PRICE).table();
    StationSession session = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026).withVariableMeasure(WEIGHT_AND_PRICE), table,
        EachesTable.of(Map.of("00914", Map.of("EA", 1L, "PK", 6L))), null);

    // 3.99 with its price check digit 2, then 3.89 printed with 3.99's digit (the code's own
    // check digit recomputed, so only the price check digit tells), then 1.99 read as 3 for 0;
    // the keyed quantity goes with the refused scan, as for any unreadable one.
    List<StationEvent> events = feed(session, "BADGE:E042\r", "LOC:A-01-02\r",
        "]E0212345203996\r", "]E0212345203897\r", "QTY:2\r", "212345301999\r");

    assertEquals(List.of(1L), counted(events).stream().map(CountRecord::quantity).toList());
    RejectedScan misprint = rejected(events.get(3));
    RejectedScan misread = rejected(events.get(5));
    assertEquals(RejectedScan.Kind.BAD_READ, misprint.kind());
    assertEquals(StationSession.UNREADABLE, misprint.reason());
    assertEquals("bad price check digit in variable-measure code 212345203897 (variable-measure"
        + " layout for prefix 02 (price), value digits 0389): expected 3, found 2. A misprint or"
        + " a misread, never counted: scan it again, or key the item", misprint.detail());
    assertTrue(misread.detail().contains("code 212345301999") && misread.detail().contains(
        "value digits 0199): expected 0, found 3"), misread::detail);
    assertTrue(misread.reason().startsWith(StationSession.UNREADABLE), misread::reason);
  }

  @Test
  void variableMeasureLabel_itsRowInKg_heldSayingWhyNeverCountedAs1Kg() {
    // The table was built without the layouts, as a WMS delivery might reach a station.
    BarcodeTable table = BarcodeTable.read(new java.io.StringReader(
        "barcode,sku,uom\n2112345000008,00913,KG\n")).table();
    StationSession session = new StationSession("DOCK-3", "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026).withVariableMeasure(WEIGHT_AND_PRICE), table,
        EachesTable.of(Map.of("00913", Map.of("KG", 1L))), null);

    List<StationEvent> events = feed(session, "BADGE:E042\r", "LOC:A-01-02\r",
        "2112345012506\r", "QTY:2\r", "2112345012506\r");

    assertEquals(List.of(), counted(events));
    for (StationEvent e : List.of(events.get(2), events.get(4))) {
      RejectedScan r = rejected(e);
      assertEquals(RejectedScan.Kind.HELD, r.kind());
      assertTrue(r.reason().contains("variable-measure layout for prefix 21 (weight-kg)")
          && r.reason().contains("its unit KG is a weight or measure")
          && r.reason().contains("List the item's package unit instead"), r::reason);
    }
  }

  @Test
  void rules_emptyPrefix_refused() {
    assertThrows(IllegalArgumentException.class,
        () -> new StationRules("", "LOC:", LocationScheme.dashed(), "QTY:", "DIG:", "CTL:", 9));
  }
}
