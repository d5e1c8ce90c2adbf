package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BarcodeTableTest {
  private static final String CSV = """
      barcode,sku,uom
      05412345000013,00913,EA
      15412345000010,00913,case
      012345678905,0012345,EA
      55123457,8800,each
      INT-0042,0042,EA
      95412345000016,00913,EA
      """;

  private final BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(2026);
  private final BarcodeTable table = BarcodeTable.read(new StringReader(CSV)).table();

  @Test
  void read_validRows_allLoadedWithCanonicalUnits() {
    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(CSV));

    assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
    assertEquals(6, loaded.table().size());
    assertEquals("CS", loaded.table().find("15412345000010").unit());
  }

  @Test
  void find_anyGtinForm_sameRowAndSkuKeepsZeros() {
    for (String form : new String[] {"012345678905", "0012345678905", "00012345678905"}) {
      BarcodeTable.Entry e = table.find(form);
      assertEquals("0012345", e.sku(), form);
    }
    assertEquals("8800", table.find("00000055123457").sku());
  }

  @Test
  void read_badRows_reportedWithLineAndSkipped() {
    String csv = """
        barcode,sku,uom
        5412345000014,00913,EA
        05412345000013,00913,EA
        5412345000013,99999,EA
        ,1,EA
        123,4
        """;

    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(csv));

    // 5412345000013 is 05412345000013 again, for another SKU: neither meaning is kept.
    assertEquals(0, loaded.table().size());
    assertEquals(4, loaded.errors().size(), loaded.errors().toString());
    assertEquals(2, loaded.errors().get(0).line());
    assertTrue(loaded.errors().get(0).message().contains("bad check digit"));
    assertTrue(loaded.errors().get(1).message().contains("already 00913/EA"));
  }

  @Test
  void read_upcERow_refusedNamingItsUpcA_whichTheUpcEScanMatches() {
    BarcodeTable.Loaded upcE = BarcodeTable.read(new StringReader("04252614,0042,EA\n"));
    BarcodeTable upcA = BarcodeTable.read(new StringReader("042100005264,0042,EA\n")).table();

    assertEquals(0, upcE.table().size());
    assertTrue(upcE.errors().get(0).message().endsWith("a UPC-E? List it as its UPC-A "
        + "042100005264"), upcE.errors().toString());
    assertEquals("0042", upcA.resolve(decode("]E004252614")).sku());
  }

  @Test
  void resolve_unlistedGrouping_refusedNamingTheListedItemItGroups() {
    BarcodeTable eachOnly = BarcodeTable.read(new StringReader("5412345000013,00913,EA\n"))
        .table();

    BarcodeTable.Resolution r = eachOnly.resolve(decode("]I115412345000010"));

    assertNull(r.sku());
    assertTrue(r.error().endsWith("not in the barcode table; its indicator digit 1 makes it a"
        + " grouping of GTIN 05412345000013, which is EA of 00913: list the grouping with its"
        + " own unit (CS, IP...)"), r.error());
  }

  @Test
  void resolve_unlistedRestrictedCirculationCode_refusedSayingWhy() {
    BarcodeTable.Resolution r = table.resolve(decode("]E02212345012343"));

    assertNull(r.sku());
    assertTrue(r.error().endsWith("not in the barcode table; a restricted-circulation code"
        + " (prefix 2): one with a price or weight inside is another code on every label, and"
        + " counts only as a code listed exactly, or as its item's code where the site sets"
        + " its layout (dockcount.counting.variable-measure)"), r.error());
  }

  @Test
  void read_oneGtinInTwoFormsForTwoUnits_unknownAndSaidSoAtTheScan() {
    String csv = """
        barcode,sku,uom
        5412345000013,00913,EA
        05412345000013,00913,CS
        05412345000013,00913,EA
        0012345678905,0012345,EA
        """;

    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(csv));

    assertEquals(1, loaded.table().size());
    assertEquals(List.of(3L, 4L),
        loaded.errors().stream().map(BarcodeTable.LoadError::line).toList());
    assertTrue(loaded.errors().get(0).message().contains("with two meanings it is unknown"),
        loaded.errors().get(0).message());
    BarcodeTable.Resolution r = loaded.table().resolve(decode("]E05412345000013"));
    assertEquals("barcode with two meanings: 5412345000013 (GTIN 05412345000013) stands for EA"
        + " of 00913 and CS of 00913 in the barcode table \u2014 counted as neither until the"
        + " table gives it one meaning", r.error());
    assertEquals("0012345", loaded.table().resolve(decode("012345678905")).sku());
  }

  @Test
  void builder_barcodeTheMasterDataGaveTwoMeanings_unknownAndSaidSo() {
    BarcodeTable.Builder b = BarcodeTable.builder();
    b.add("05412345000013", "00913", "EA");
    b.twoMeanings("5412345000013", List.of(new BarcodeTable.Entry("5412345000013", "913", "EA"),
        new BarcodeTable.Entry("5412345000013", "00913", "CS")));

    BarcodeTable.Resolution r = b.build().resolve(decode("]E05412345000013"));

    assertEquals("barcode with two meanings: 5412345000013 (GTIN 05412345000013) stands for EA"
        + " of 00913, EA of 913 and CS of 00913 in the barcode table \u2014 counted as neither"
        + " until the table gives it one meaning", r.error(),
        "every meaning, the row of the table in another form of the GTIN included");
  }

  @Test
  void builder_rowKeptOutWithAReason_heldForItsSkuSayingIt_unlessTheCodeHasARowToo() {
    BarcodeTable.Builder b = BarcodeTable.builder();
    b.refused("5412345000013", "00913", "PCS", "PCS of sku 00913 is in doubt");
    b.refused("INT-7", "A", "PC", "PC of sku A is in doubt");
    b.add("INT-7", "A", "CS");
    BarcodeTable table = b.build();

    BarcodeTable.Resolution held = table.resolve(decode("]E05412345000013"));
    BarcodeTable.Resolution counted = table.resolve(decode("INT-7"));

    assertTrue(held.held(), held::toString);
    assertEquals("00913", held.sku());
    assertEquals("PCS", held.unit());
    assertEquals("PCS of sku 00913 is in doubt", held.error());
    assertTrue(counted.ok(), counted::toString);
    assertEquals("CS", counted.unit());
  }

  @Test
  void add_aThirdMeaning_namedTooAndNeverTheFirstRowCounted() {
    BarcodeTable.Builder b = BarcodeTable.builder();
    b.add("INT-7", "A", "EA");
    String second = b.add("INT-7", "B", "EA");
    String third = b.add("INT-7", "A", "CS");
    String again = b.add("INT-7", "B", "EA");

    BarcodeTable.Resolution r = b.build().resolve(decode("INT-7"));

    assertTrue(second.contains("with two meanings it is unknown"), second);
    assertEquals("barcode INT-7 already has two meanings (EA of A, EA of B and CS of A): it "
        + "stays unknown", third);
    assertEquals("barcode INT-7 already has two meanings (EA of A, EA of B and CS of A): it "
        + "stays unknown", again, "a meaning given again is not named twice");
    assertEquals("barcode with two meanings: INT-7 stands for EA of A, EA of B and CS of A in "
        + "the barcode table \u2014 counted as neither until the table gives it one meaning",
        r.error());
  }

  @Test
  void read_spreadsheetDamagedBarcodes_refusedWithTheReason() {
    String csv = "barcode,sku,uom\n5.41235E+12,00913,EA\n\"=\"\"15412345000010\"\"\",00913,CS\n"
        + "05412345000013,00913,EA\n";

    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(csv));

    assertEquals(1, loaded.table().size());
    assertEquals(2, loaded.errors().size(), loaded.errors().toString());
    assertTrue(loaded.errors().get(0).message().contains("scientific notation"));
    assertTrue(loaded.errors().get(1).message().contains("text guard"));
  }

  @Test
  void resolve_plainEan_oneEach() {
    BarcodeTable.Resolution r = table.resolve(decode("]E05412345000013"));

    assertEquals(new BarcodeTable.Resolution("00913", "EA", 1, false, null, null), r);
  }

  @Test
  void unitWrittenOtherwise_keptAsWrittenBesideItsCode_oneSpellingSharedByItsRows() {
    BarcodeTable t = BarcodeTable.read(new StringReader("barcode,sku,uom\n"
        + "15412345000010,00913,Pallet\n25412345000017,00914,PALLET\n"
        + "35412345000014,00915,pal\n45412345000011,00916,PL\n")).table();

    BarcodeTable.Entry pallet = t.find("15412345000010");
    BarcodeTable.Resolution r = t.resolve(decode("]C10115412345000010"));

    assertEquals("PL", pallet.unit());
    assertEquals("PALLET", pallet.spelling().written());
    assertSame(pallet.spelling(), t.find("25412345000017").spelling(),
        "Pallet and PALLET are one spelling: one object for both rows, not a string each");
    assertEquals("PAL (read as PL)", t.find("35412345000014").spelling().named());
    assertEquals("PL", t.find("45412345000011").spelling().named());
    assertEquals("PL", r.unit());
    assertEquals("PALLET (read as PL)", r.unitNamed());
  }

  @Test
  void resolve_palletLabel_contentTimesCount() {
    BarcodeTable.Resolution r =
        table.resolve(decode("]C1" + "00005412345000000015" + "0215412345000010" + "3748"));

    assertEquals(new BarcodeTable.Resolution("00913", "CS", 48, true, null, null, "CASE"), r);
  }

  @Test
  void resolve_varCountOnVariableMeasureItem_countsThatManyAsStated() {
    BarcodeTable.Resolution r = table.resolve(decode("]C1" + "0195412345000016" + "306"));

    assertEquals(new BarcodeTable.Resolution("00913", "EA", 6, true, null, null), r);
    assertFalse(table.resolve(decode("]C1" + "0195412345000016" + "300")).ok());
  }

  @Test
  void resolve_varCountOnFixedMeasureGtin_isNoCount_needsKeyedQuantity() {
    // GS1: AI 30 is a count of a variable-measure item only; on another GTIN it counts nothing.
    BarcodeTable.Resolution r = table.resolve(decode("]C1" + "0115412345000010" + "303"));

    assertEquals("CS", r.unit());
    assertEquals(1, r.quantity());
    assertFalse(r.stated());
    assertTrue(r.needsKeyed().startsWith("AI (30) on fixed-measure GTIN 15412345000010 is no "
        + "count of it"), r.needsKeyed());
  }

  @Test
  void resolve_variableMeasureItemWithoutCount_needsKeyedQuantity() {
    BarcodeTable.Resolution r = table.resolve(decode("]I195412345000016"));

    assertTrue(r.ok(), r.error());
    assertEquals("variable-measure item (GTIN 95412345000016) whose label states no count "
        + "(AI 30)", r.needsKeyed());
  }

  @Test
  void resolve_unknownGs1Gtin_namedByItsGtinNotTheElementString() {
    BarcodeTable.Resolution r = table.resolve(decode("]C1" + "0125412345000017"));

    assertEquals("unknown barcode GTIN 25412345000017 \u2014 not in the barcode table; its"
        + " indicator digit 2 makes it a grouping of GTIN 05412345000013, which is EA of 00913:"
        + " list the grouping with its own unit (CS, IP...)", r.error());
  }

  @Test
  void resolve_unknownOrContentless_refusedNeverGuessed() {
    BarcodeTable.Resolution unknown = table.resolve(decode("]E04006381333931"));
    BarcodeTable.Resolution ssccOnly = table.resolve(decode("]C1" + "00005412345000000015"));
    BarcodeTable.Resolution text = table.resolve(decode("INT-0043"));

    assertTrue(unknown.error().contains("unknown barcode 4006381333931 (GTIN 04006381333931)"),
        unknown.error());
    assertTrue(ssccOnly.error().contains("states no content (02+37) \u2014 scan the label's "
        + "content barcode (02 with 37), or count the cases"), ssccOnly.error());
    assertTrue(text.error().contains("unknown barcode INT-0043"), text.error());
    assertNull(text.sku());
    assertEquals("0042", table.resolve(decode("INT-0042")).sku());
  }

  @Test
  void resolve_gtinInPlainCode128_matchesItsGtinRowUnlessCheckDigitIsBad() {
    BarcodeTable.Resolution ok = table.resolve(decode("]C05412345000013"));
    BarcodeTable.Resolution bad = table.resolve(decode("]C05412345000014"));

    assertEquals("00913", ok.sku());
    assertTrue(bad.error().contains("bad check digit"), bad.error());
  }

  @Test
  void resolve_digitalLinkOfAPieceOfAnItem_refusedNamingItsKey() {
    BarcodeTable.Resolution r =
        table.resolve(decode("https://example.com/8006/054123450000130102/10/ABC"));

    assertNull(r.sku());
    assertEquals("GS1 label names no item (no AI 01 or 02): its key is (8006) ITIP"
        + " 054123450000130102, which a count does not take", r.error());
  }

  private DecodedBarcode decode(String text) {
    BarcodeDecoder.Result r = decoder.decode(text);
    assertTrue(r.ok(), r.error());
    return r.barcode();
  }
}
