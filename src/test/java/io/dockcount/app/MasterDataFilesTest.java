package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.core.station.CountRecord;
import io.dockcount.core.station.Lookups;
import io.dockcount.core.station.RejectedScan;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import io.dockcount.csv.ColumnMap;
import io.dockcount.station.Stations;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MasterDataFilesTest {
  private static Path write(Path dir, String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void files_itemRowAtOddsWithAnEarlierOne_takesNothing_asReconcileRefusesItWhole(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nX,A-01-02,19\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,class\nX,0.068,\nX,199.99,A\n"
        + "Z,,A\nZ,5.00,B\nW,1.00,\nW,,C\n");

    MasterData m = MasterDataFiles.load(new ServiceSettings.Inputs(book, items, null, null),
        new ColumnMap()).data();

    // Found by the zones-vs-reconcile differential test: the service took class A from the
    // row that gave X a second cost, so its recount rule chose the recount, not the default.
    assertNull(m.items().get("X").skuClass(), "not the class of a row giving a second cost");
    assertNull(m.items().get("X").unitCost());
    assertNull(m.items().get("Z").unitCost(), "not the cost of a row giving a second class");
    assertNull(m.items().get("Z").skuClass());
    assertEquals("C", m.items().get("W").skuClass(), "a row at odds with nothing is read");
    assertTrue(m.hasConflict("X") && m.hasConflict("Z") && !m.hasConflict("W"));
  }

  @Test
  void files_keepLeadingZeros_unknownCost_andSkipBadRows(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv",
        "sku,location,book_qty,lot\n00913,A-01-02,30,0898984\n0012345,A-01-03,,\n");
    Path items = write(dir, "items.csv",
        "sku,unit_cost,description\n00913,2.50,\"widget, blue\"\nZZ999,,no cost\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n00913,Case,12\n00913,DZ,0.083\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n05412345000013,00913,\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, codes), new ColumnMap());

    MasterData m = loaded.data();
    assertEquals(List.of(new MasterData.BookLine("A-01-02", "00913", "0898984", 30)), m.book());
    assertEquals(new BigDecimal("2.50"), m.items().get("00913").unitCost());
    assertEquals("widget, blue", m.items().get("00913").description());
    assertNull(m.items().get("ZZ999").unitCost());
    assertEquals(12, m.factor("00913", "CS"));
    assertEquals(0, m.factor("00913", "DZ"));
    assertEquals("EA", m.barcodes().get("05412345000013").unit());
    assertEquals(2, loaded.rejections().size());
    assertTrue(loaded.rejections().get(0).startsWith("uom.csv:3: qty_per_uom"),
        loaded.rejections().toString());
    assertTrue(loaded.rejections().get(1).startsWith("book.csv:3: book_qty"));
  }

  @Test
  void files_sapUomTableOfNumeratorAndDenominator_factorIsTheirQuotient(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,12\n");
    Path uom = write(dir, "uom.csv", "Material;ME;Z\u00e4hler;Nenner\nA;KAR;24;2\nA;PAL;480;1\n"
        + "B;G;1;1000\n");
    ColumnMap sap = new ColumnMap();
    sap.put("uom.sku", "Material");
    sap.put("uom.uom", "ME");
    sap.put("uom.qty_per_uom", "Z\u00e4hler");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), sap);

    assertEquals(12, loaded.data().factor("A", "CT"), "24 over 2, KAR being a carton");
    assertEquals(480, loaded.data().factor("A", "PL"));
    assertEquals(0, loaded.data().factor("B", "G"), "a gram is no whole number of eaches");
    assertEquals(List.of("uom.csv:4: 1/1000 (Z\u00e4hler over Nenner) is not a whole number of "
        + "eaches above 0: the table must state eaches per unit"), loaded.rejections());
  }

  @Test
  void files_sapNumeratorHeaderSavedAsWindows1252_readOverItsDenominatorAndNoted(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,12\n");
    Path uom = dir.resolve("uom.csv");
    Files.write(uom, "Material;ME;Z\u00e4hler;Nenner\nA;KAR;24;2\nB;G;1;1000\n"
        .getBytes(java.nio.charset.Charset.forName("windows-1252")));
    ColumnMap sap = new ColumnMap();
    sap.put("uom.sku", "Material");
    sap.put("uom.uom", "ME");
    // A config file saved as Windows-1252 too: read as UTF-8, it names the column so.
    sap.put("uom.qty_per_uom", "Z\uFFFDhler");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), sap);

    assertEquals(12, loaded.data().factor("A", "CT"), "24 over 2, never 24");
    assertEquals(0, loaded.data().factor("B", "G"), "never 1 each per gram");
    assertEquals(1, loaded.rejections().size(), loaded.rejections()::toString);
    assertEquals(List.of("uom.csv:1: its columns 'Z\uFFFDhler' over 'Nenner' are not UTF-8 "
        + "text (a Windows-1252 export?), but name a factor's numerator and denominator: the "
        + "factor is read as their quotient; save the file as UTF-8"), loaded.notes());
  }

  @Test
  void files_rowsThatDisagree_neitherTakenEachRejectedWithItsReason(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,12\n");
    Path items = write(dir, "items.csv",
        "sku,unit_cost\nA,1.00\nB,2.00\nA,1.0\nA,100.00\nA,1.00\nB,\n");
    Path uom = write(dir, "uom.csv",
        "sku,uom,qty_per_uom\nA,CS,12\nA,case,10\nA,CS,12\nA,IP,6\nB,CS,4\nB,CS,4\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n111,A,CS\n111,A,EA\n222,A,IP\n"
        + "333,A,\n333,B,\n333,A,\n444,B,CS\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, codes), new ColumnMap());

    MasterData m = loaded.data();
    // Two costs: none; a later row without a cost takes B's away from nobody.
    assertNull(m.items().get("A").unitCost());
    assertEquals(new BigDecimal("2.00"), m.items().get("B").unitCost());
    // Two factors for CS: none, whatever rows follow; the SKU's other units stay.
    assertEquals(0, m.factor("A", "CS"));
    assertEquals(6, m.factor("A", "IP"));
    assertEquals(4, m.factor("B", "CS"));
    assertEquals(java.util.Map.of("IP", 6L), m.uom().get("A"));
    // A code standing for two things is unknown; the others stay.
    assertNull(m.barcodes().get("111"));
    assertNull(m.barcodes().get("333"));
    assertEquals("IP", m.barcodes().get("222").unit());
    assertEquals(List.of("222", "444"), List.copyOf(m.barcodes().keySet()));
    assertEquals(List.of(
        "items.csv:5: SKU A already has the cost 1.00: with two costs its cost is unknown (its "
            + "variances get no value) until the item master gives one",
        "items.csv:6: SKU A already has two costs: its cost stays unknown until the item "
            + "master gives one",
        "uom.csv:3: sku A already has 12 EA per CS: with two factors CS has none (its scans are "
            + "refused) until the UOM table gives one",
        "uom.csv:4: sku A already has two factors for CS: it has none until the UOM table gives "
            + "one",
        "codes.csv:3: barcode 111 already stands for CS of sku A, not EA of A: with two meanings "
            + "it is unknown (its scans are refused) until the barcode table gives one",
        "codes.csv:6: barcode 333 already stands for EA of sku A, not EA of B: with two meanings "
            + "it is unknown (its scans are refused) until the barcode table gives one",
        "codes.csv:7: barcode 333 already stands for two items: it is unknown until the barcode "
            + "table gives one"), loaded.rejections());
  }

  @Test
  void files_oneGtinWrittenTwoWaysForTwoSkus_unknownNotFirstOrLast(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00913,A-01-02,5\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n5412345000013,00913,EA\n"
        + "05412345000013,913,EA\n012345678905,0012345,EA\n5.41235E+12,00913,EA\n"
        + "5412345000014,00913,EA\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, codes), new ColumnMap());

    // Kept under the GTIN-14, so both forms of one GTIN meet, and with two SKUs it is unknown.
    assertEquals(List.of("00012345678905"), List.copyOf(loaded.data().barcodes().keySet()));
    // ...and known as such, so a station's refusal of it can say why.
    assertEquals(java.util.Map.of("05412345000013", List.of(
        new MasterData.Barcode("05412345000013", "00913", "EA"),
        new MasterData.Barcode("05412345000013", "913", "EA"))),
        loaded.data().barcodesWithTwoMeanings());
    assertEquals(List.of(
        "codes.csv:3: barcode 05412345000013 already stands for EA of sku 00913, not EA of 913:"
            + " with two meanings it is unknown (its scans are refused) until the barcode table"
            + " gives one",
        "codes.csv:5: barcode 5.41235E+12 is in scientific notation (a spreadsheet rounded it):"
            + " its digits are lost; export the column as text",
        "codes.csv:6: barcode 5412345000014: bad check digit in GTIN 5412345000014"
            + " (expected 3)"),
        loaded.rejections());
  }

  @Test
  void files_barcodeThatReadsAsAStationLabel_rejectedAsNeverCounting(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nP801,A-01-10-A,5\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\nLOC:A-01-10-A,P801,EA\n"
        + "INT-0042,P801,EA\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, codes), new ColumnMap());

    assertEquals(List.of("INT-0042"), List.copyOf(loaded.data().barcodes().keySet()));
    assertEquals(List.of("codes.csv:2: barcode LOC:A-01-10-A starts with the station label "
        + "prefix LOC:: a scan of it is read as that label, never as a product"),
        loaded.rejections());
  }

  @Test
  void files_upcAWithoutItsLeadingZero_keptAsWrittenWithANote(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n0012345,A-01-02,5\n");
    // 12345678905 is UPC-A 012345678905 after a spreadsheet; 12345678901 is no GTIN padded,
    // 3456781 is EAN-8 03456781 short of its zero; 1234567895 lost two.
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n12345678905,0012345,EA\n"
        + "12345678901,0012345,EA\n3456781,0012345,EA\n1234567895,0012345,EA\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, codes), new ColumnMap());

    assertEquals(List.of(), loaded.rejections());
    assertEquals(4, loaded.data().barcodes().size());
    assertEquals(List.of(
        "codes.csv:2: barcode 12345678905 has 11 digits, which no GTIN has, and 012345678905 is"
            + " a valid UPC-A: a spreadsheet probably dropped its leading zero. Kept as written,"
            + " so scans of that UPC-A label will not match it: write 012345678905 if that is"
            + " the code",
        "codes.csv:4: barcode 3456781 has 7 digits, which no GTIN has, and 03456781 is a valid"
            + " EAN-8: a spreadsheet probably dropped its leading zero. Kept as written, so"
            + " scans of that EAN-8 label will not match it: write 03456781 if that is the code",
        "codes.csv:5: barcode 1234567895 has 10 digits, which no GTIN has, and 001234567895 is"
            + " a valid UPC-A: a spreadsheet probably dropped its leading zeros. Kept as"
            + " written, so scans of that UPC-A label will not match it: write 001234567895 if"
            + " that is the code"),
        loaded.notes());
  }

  @Test
  void files_headerRepeatedBelow_rejectedAsTheHeaderAgain_asReconcileSaysIt(@TempDir Path dir)
      throws Exception {
    // Two exports joined with their headers: the second header is no row with a bad quantity.
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00001,A-01-02,7\n"
        + "SKU,Location,Book_Qty\n00002,A-01-03,5\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(List.of("book.csv:3: the header again (files joined with their headers?): "
        + "not a row"), loaded.rejections());
    assertEquals(2, loaded.data().book().size(), "both rows around it read");
  }

  @Test
  void files_badBookQuantities_eachRefusedWithItsOwnReasonAndValue(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00001,A-01-02,\"1,000\"\n"
        + "00002,A-01-02,2.5\n00003,A-01-02,1e3\n00004,A-01-02,\n00005,A-01-02,7\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(4, loaded.bookRowsRejected());
    assertEquals("book.csv:3: book_qty '2.5' is not a whole number of eaches",
        loaded.rejections().get(1));
    assertEquals("book.csv:5: book_qty is blank: unknown, not 0", loaded.rejections().get(3));
    assertTrue(loaded.rejections().get(0).startsWith("book.csv:2: book_qty '1,000' is not a "
        + "plain number: "), loaded.rejections().get(0));
    assertTrue(loaded.rejections().get(2).startsWith("book.csv:4: book_qty '1e3' is not a "
        + "plain number: "), loaded.rejections().get(2));
  }

  @Test
  void files_barcodeOfAUnitWithoutFactor_keptWithANote(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00001,A-01-02,5\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n00001,CS,12\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n5412345000013,00001,EA\n"
        + "15412345000010,00001,CS\n5412345999997,00001,BX\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, codes), new ColumnMap());

    assertEquals(3, loaded.data().barcodes().size());
    assertEquals(List.of("codes.csv:4: barcode 05412345999997 counts BX of sku 00001, for which "
        + "the UOM table gives no factor: its scans will be refused until it gives one"),
        loaded.notes());
  }

  @Test
  void files_barcodeUnitWrittenAsASynonym_keptAsWrittenAndNamedSo(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00001,A-01-02,5\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n00001,CS,12\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n5412345000013,00001,\n"
        + "15412345000010,00001,Case\n25412345000017,00001,PAL\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, codes), new ColumnMap());
    Map<String, MasterData.Barcode> barcodes = loaded.data().barcodes();

    assertEquals(new MasterData.Barcode("05412345000013", "00001", "EA", "EA"),
        barcodes.get("05412345000013"), "a blank unit is each, and written so");
    assertEquals(new MasterData.Barcode("15412345000010", "00001", "CS", "CASE"),
        barcodes.get("15412345000010"));
    assertEquals(new MasterData.Barcode("25412345000017", "00001", "PL", "PAL"),
        barcodes.get("25412345000017"));
    assertEquals(List.of("codes.csv:4: barcode 25412345000017 counts PAL (read as PL) of sku "
        + "00001, for which the UOM table gives no factor: its scans will be refused until it "
        + "gives one"), loaded.notes());
    // The station's tables, as the service makes them: its refusal names PAL too.
    Lookups lookups = Stations.lookups(loaded.data(), VariableMeasure.NONE,
        new java.util.ArrayList<>());
    StationSession station = new StationSession("DOCK-1", "A", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), () -> lookups);
    station.onFrame(io.dockcount.core.barcode.RawBytes.ofText("BADGE:E042"));
    station.onFrame(io.dockcount.core.barcode.RawBytes.ofText("LOC:A-01-02"));
    StationEvent pallet = station.onFrame(
        io.dockcount.core.barcode.RawBytes.ofText("25412345000017"));
    assertEquals("no eaches-per-unit factor for unit PAL (read as PL) of SKU 00001 in the UOM "
        + "table", ((StationEvent.Rejected) pallet).scan().reason());
  }

  @Test
  void files_eachSynonymGivenAnotherFactor_rowAndItsBarcodesRefused(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nY1,N-01-01,50\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nY1,PC,10\nY1,EA,1\nY2,CS,6\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n111,Y1,pc\n222,Y1,EA\n"
        + "333,Y1,PCS\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, codes), new ColumnMap());

    // A scan of 111 would count one each where the site's table says ten: it is not counted,
    // and its scans are held saying why; so is 333, in another form of the same word.
    assertEquals(List.of("222"), List.copyOf(loaded.data().barcodes().keySet()));
    assertEquals(List.of(
        new MasterData.RefusedBarcode("111", "Y1", "PC", "PC of sku Y1 is in doubt: the UOM "
            + "table gives PC = 10 EA, but PC reads as one each; not counted until the tables "
            + "agree"),
        new MasterData.RefusedBarcode("333", "Y1", "PCS", "PCS of sku Y1 is in doubt: the UOM "
            + "table gives PC = 10 EA, but PCS reads as one each; not counted until the tables "
            + "agree")), loaded.data().refusedBarcodes());
    assertEquals(6, loaded.data().factor("Y2", "CS"));
    assertEquals(List.of(
        "uom.csv:2: sku Y1: PC is read as EA (each), whose factor is always 1, but the table"
            + " gives it 10: counts in PC for this SKU are refused until it agrees",
        "codes.csv:2: barcode 111 counts PC of sku Y1, which the UOM table gives another factor"
            + " than the each PC is read as: its scans are held until the tables agree",
        "codes.csv:4: barcode 333 counts PCS of sku Y1, which the UOM table gives another factor"
            + " than the each PCS is read as: its scans are held until the tables agree"),
        loaded.rejections());
  }

  @Test
  void files_dittoMarkInALastTextColumn_theRecordRejectedWhole(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,description\n"
        + "S1,A-01,10,PIPE\nS2,A-02,5,\"\nS3,A-03,4,PIPE 3/4\nS4,A-04,7,PIPE 3/4\"\n"
        + "S5,\"  \",6,CAP\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(List.of("A-01/S1=10"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(List.of("book.csv:3: a quoted field runs the row over lines 3 to 5 and holds "
        + "lines shaped like rows (a stray quote that swallowed rows, or a quoted record?): "
        + "rejected whole", "book.csv:6: location is blank"), loaded.rejections());
  }

  @Test
  void files_bookWithAUnitColumn_rowInCasesConvertedWithTheUomTableNeverReadAsEaches(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,UoM\nA,L-1,10,CS\nB,L-1,5,EA\n"
        + "C,L-1,7,\nA,L-2,0.5,cases\nB,L-2,3,CS\nA,L-3,0.3,CS\nD,L-3,2,PC\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\nD,PC,10\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // 10 CS of 12 is 120 eaches, as reconcile reads it; a unit B has no factor for, eaches
    // that are not whole, and PC that the table makes ten, are refused, never guessed.
    assertEquals(List.of("L-1/A=120", "L-1/B=5", "L-1/C=7", "L-2/A=6"), loaded.data().book()
        .stream().map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(List.of("uom.csv:3: sku D: PC is read as EA (each), whose factor is always 1, "
        + "but the table gives it 10: counts in PC for this SKU are refused until it agrees",
        "book.csv:6: book_qty is in CS, which has no factor for sku B in the "
        + "UOM table", "book.csv:7: book_qty 0.3 CS x 12 EA is not a whole number of eaches",
        "book.csv:8: book_qty is in PC of sku D, which the UOM table makes PC = 10 EA"),
        loaded.rejections());
    assertEquals(3, loaded.bookRowsRejected());
    assertTrue(loaded.notes().contains("book.csv: 2 rows in units other than each "
        + "(CASES (read as CS), CS) converted to eaches with the UOM table"),
        loaded.notes()::toString);
  }

  @Test
  void files_palletRowRejectedThenPalletBelowItsBox_rowRejectedOnce(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nS,L-1,100\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom,base_uom\nS,BX,100,\nS,PL,96,\n"
        + "S,PL,40,DZ\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // Line 4 counts PL through DZ, which has no factor; PL is then below its box: line 4 is
    // still one rejected row.
    assertEquals(List.of("uom.csv:3", "uom.csv:4"), loaded.rejections().stream()
        .map(r -> r.substring(0, r.indexOf(':', "uom.csv:".length()))).toList(),
        loaded.rejections()::toString);
  }

  @Test
  void files_bookOfZeroInAnEachSpellingTheUomTableDisputes_zeroEachesKept(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,UoM\nD,L-1,0,PC\nD,L-2,2,pcs\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nD,PC,10\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // 0 PC is 0 eaches whether PC is one or ten, as reconcile reads it; 2 PCS is not sure.
    assertEquals(List.of("L-1/D=0"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(1, loaded.bookRowsRejected(), loaded.rejections()::toString);
  }

  @Test
  void files_bookAndItemsWithAUnitsColumnOfUnitWords_readAsReconcileReadsThem(@TempDir Path dir)
      throws Exception {
    // NetSuite-style start-up files: the unit beside the quantity and the cost, headed Units.
    Path book = write(dir, "book.csv", "sku,location,book_qty,Units\nA,L-1,2,Case\nB,L-1,5,Each\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,Units\nA,24.00,Case\nB,3.00,Each\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, null), new ColumnMap());

    // 2 cases of 12 are 24 eaches, and a case's 24.00 is 2.00 an each: never 2 and 24.00.
    assertEquals(List.of("L-1/A=24", "L-1/B=5"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(new BigDecimal("2.00"), loaded.data().items().get("A").unitCost());
    assertEquals(new BigDecimal("3.00"), loaded.data().items().get("B").unitCost());
    assertEquals(List.of(), loaded.rejections());
    assertTrue(loaded.notes().contains("book.csv: its column 'Units' holds units of measure "
        + "(Case, Each): read as the book's unit column"), loaded.notes()::toString);
    assertTrue(loaded.notes().contains("items.csv: its column 'Units' holds units of measure "
        + "(Case, Each): read as the unit each cost is per"), loaded.notes()::toString);
  }

  @Test
  void files_headerRepeatedAmongTheFirstRows_unitColumnsOfFiguresStillReadAsNone(
      @TempDir Path dir) throws Exception {
    String header = "sku,location,book_qty,Units,UoM\n";
    Path book = write(dir, "book.csv", header + "A,L-1,5,1,1\n" + header + "B,L-2,7,2,2\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    // As reconcile judges them: the names repeated are no unit words, the figures quantities.
    assertEquals(List.of("L-1/A=5", "L-2/B=7"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList(),
        loaded.rejections()::toString);
  }

  @Test
  void files_unitsColumnBlankInItsFirstRows_unitsFurtherDownStillRead(@TempDir Path dir)
      throws Exception {
    StringBuilder rows = new StringBuilder("sku,location,book_qty,Units\n");
    for (int i = 0; i < 20; i++) {
      rows.append("B,L-").append(i).append(",5,\n");
    }
    Path book = write(dir, "book.csv", rows + "A,L-1,2,Case\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // Judged by its first 16 rows, all blank, the column was no unit: 2 cases a book of 2.
    assertEquals(List.of("L-1/A=24"), loaded.data().book().stream()
        .filter(l -> l.sku().equals("A"))
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(List.of(), loaded.rejections());
    assertTrue(loaded.notes().contains("book.csv: its column 'Units' holds units of measure "
        + "(Case): read as the book's unit column"), loaded.notes()::toString);
  }

  @Test
  void files_skuOrLocationASpreadsheetErrorValue_rowRejectedAsReconcileRejectsIt(
      @TempDir Path dir) throws Exception {
    // A lookup that found nothing left #N/A in two rows: as keys, they were one item, one bin.
    Path book = write(dir, "book.csv", "sku,location,book_qty\n#N/A,L-1,2\nA,#N/A,3\n"
        + "B,L-1,4\n");
    Path items = write(dir, "items.csv", "sku,unit_cost\n#REF!,2.00\nA,1.00\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap());

    assertEquals(List.of("L-1/B=4"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertEquals(Set.of("A"), loaded.data().items().keySet());
    assertEquals(List.of("items.csv:2: sku '#REF!' is a spreadsheet's error value (a formula "
        + "that failed, such as a lookup that found nothing), not a key",
        "book.csv:2: sku '#N/A' is a spreadsheet's error value (a formula that failed, such as "
        + "a lookup that found nothing), not a key", "book.csv:3: location '#N/A' is a "
        + "spreadsheet's error value (a formula that failed, such as a lookup that found "
        + "nothing), not a key"), loaded.rejections());
  }

  @Test
  void files_lotASpreadsheetErrorValue_rowRejectedAsReconcileRejectsIt(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,lot\nA,L-1,2,#N/A\n"
        + "A,L-1,4,L7\n");
    Path items = write(dir, "items.csv", "sku,unit_cost\nA,1.00\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap());

    assertEquals(List.of("L-1/A/L7=4"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "/" + l.lot() + "=" + l.eaches()).toList());
    assertEquals(List.of("book.csv:2: lot '#N/A' is a spreadsheet's error value (a formula "
        + "that failed, such as a lookup that found nothing), not a key"), loaded.rejections());
  }

  @Test
  void files_bookWithAUnitsColumnOfCodesNoneKnown_startRefusedNeverReadAsEaches(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,Units\nA,L-1,2,CTN24\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,24\n");

    String e = assertThrows(IllegalArgumentException.class, () -> MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap())).getMessage();

    assertEquals("book.csv: its column 'Units' holds words (CTN24) but no unit known to "
        + "dockcount or named in the UOM table: refused, never read as eaches; if they are "
        + "units, map book.book_uom to it (each needs its factor in the UOM table)", e);
  }

  @Test
  void files_unitsColumnsOfCodesTheUomTableNames_readAsTheUnitColumns(@TempDir Path dir)
      throws Exception {
    // CTN24 is no unit dockcount knows, but the site's own table names it: a unit all the same.
    Path book = write(dir, "book.csv", "sku,location,book_qty,Units\nA,L-1,2,CTN24\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,Units\nA,48.00,ctn 24\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CTN24,24\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, null), new ColumnMap());

    assertEquals(List.of(48L), loaded.data().book().stream().map(l -> l.eaches()).toList());
    assertEquals(0, new BigDecimal("2.00").compareTo(
        loaded.data().items().get("A").unitCost()));
    assertEquals(List.of(), loaded.rejections());
    assertTrue(loaded.notes().contains("book.csv: its column 'Units' holds units of measure "
        + "(CTN24): read as the book's unit column"), loaded.notes()::toString);
  }

  @Test
  void files_bookWithAUnitsColumnOfFigures_readAsNoUnit(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,Units\nA,L-1,2,2\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(List.of(2L), loaded.data().book().stream().map(l -> l.eaches()).toList());
    assertEquals(List.of(), loaded.rejections());
  }

  @Test
  void files_unitsColumnOfFiguresThenAUnitBelow_rowRefusedAsReconcileRejectsIt(@TempDir Path dir)
      throws Exception {
    StringBuilder book = new StringBuilder("sku,location,book_qty,Units\n");
    StringBuilder items = new StringBuilder("sku,unit_cost,Units\n");
    for (int i = 0; i < 16; i++) {
      book.append("B,L-").append(i).append(",5,1\n");
      items.append("X").append(i).append(",1.00,10\n");
    }
    Path bookFile = write(dir, "book.csv", book + "A,L-1,2,CS\nA,L-2,0,CS\n");
    Path itemsFile = write(dir, "items.csv", items + "A,24.00,Case\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(bookFile, itemsFile, uom, null), new ColumnMap());

    // Judged a quantity by its first 16 figures, the column once made 2 cases 2 eaches.
    assertEquals(List.of("L-2/A=0"), loaded.data().book().stream()
        .filter(l -> l.sku().equals("A"))
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList());
    assertNull(loaded.data().items().get("A").unitCost());
    assertEquals(List.of("items.csv:18: Units 'Case': column 'Units' held figures (10) in its "
        + "first filled rows, so it is read as no unit column, but holds the unit Case here: "
        + "its cost may be per Case, never read as per each; if the costs are per its units, "
        + "map it with --columns items.cost_uom=Units; its cost is unknown",
        "book.csv:18: Units 'CS': column 'Units' held figures (1) in its "
        + "first filled rows, so it is read as no unit column, but holds the unit CS here: the "
        + "row's quantity may be in CS, never read as eaches; if it is the book's unit column, "
        + "map it with --columns book.book_uom=Units"), loaded.rejections());
  }

  @Test
  void files_eachRowCountedInAPalletThatLosesItsFactor_loadEndsEachStaysOne(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,5\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom,base_uom\nA,EA,1,PL\nA,PL,96,\n"
        + "A,BX,100,\n");

    // Chained through the pallet, which its box then refuses, EA kept a factor of 1 that the
    // recheck of chains withdrew again and again: the start never ended.
    MasterDataFiles.Loaded loaded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> MasterDataFiles.load(
            new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap()));

    assertEquals(1, loaded.data().factor("A", "EA"));
    assertEquals(100, loaded.data().factor("A", "BX"));
    assertEquals(0, loaded.data().factor("A", "PL"));
    assertEquals(1, loaded.rejections().size(), loaded.rejections()::toString);
    assertTrue(loaded.rejections().get(0).startsWith("uom.csv:3: "), loaded.rejections()::toString);
  }

  @Test
  void files_unitColumnsOfFiguresThenAUnitBelow_readAsNoneThatRowRefusedAsReconcile(
      @TempDir Path dir) throws Exception {
    StringBuilder book = new StringBuilder("sku,location,book_qty,UoM\n");
    StringBuilder items = new StringBuilder("sku,unit_cost,Stock UOM\n");
    StringBuilder uom = new StringBuilder("sku,uom,qty_per_uom,Base Unit\n");
    for (int i = 0; i < 16; i++) {
      book.append("B,L-").append(i).append(",5,7\n");
      items.append("X").append(i).append(",1.00,1\n");
      uom.append("X").append(i).append(",CS,12,1\n");
    }
    Path bookFile = write(dir, "book.csv", book + "A,L-1,2,CS\nA,L-2,0,CS\n");
    Path itemsFile = write(dir, "items.csv", items + "A,24.00,CS\n");
    Path uomFile = write(dir, "uom.csv", uom + "A,CS,12,\nA,PL,40,CS\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(bookFile, itemsFile, uomFile, null), new ColumnMap());

    // Figures as units once refused every row above (no unit 7), and 40 CS read as a pallet
    // of 40 eaches would have been the way reconcile read it.
    assertEquals(16, loaded.data().book().stream().filter(l -> l.sku().equals("B")
        && l.eaches() == 5).count());
    assertEquals(List.of("L-2"), loaded.data().book().stream().filter(l -> l.sku().equals("A"))
        .map(MasterData.BookLine::location).toList());
    assertNull(loaded.data().items().get("A").unitCost());
    assertEquals(0, loaded.data().factor("A", "PL"));
    assertEquals(12, loaded.data().factor("A", "CS"));
    String held = " held figures (1) in its first filled rows, so it is read as no unit column, "
        + "but holds the unit CS here: ";
    assertEquals(List.of("items.csv:18: Stock UOM 'CS': column 'Stock UOM'" + held + "its cost "
        + "may be per CS, never read as per each; if the costs are per its units, map it with "
        + "--columns items.cost_uom=Stock UOM; its cost is unknown",
        "uom.csv:19: sku A: Base Unit 'CS': column 'Base Unit'" + held + "its "
        + "factor may count CS, never read as eaches; if it is the unit the factors count, map "
        + "it with --columns uom.base_uom=Base Unit", "book.csv:18: UoM 'CS': column 'UoM' "
        + "held figures (7) in its first filled rows, so it is read as no unit column, but "
        + "holds the unit CS here: the row's quantity may be in CS, never read as eaches; if it "
        + "is the book's unit column, map it with --columns book.book_uom=UoM"),
        loaded.rejections());
    assertTrue(loaded.notes().contains("book.csv: its column 'UoM' holds numbers, not units of "
        + "measure: read as no unit column, and a row holding a unit there further down is "
        + "rejected (map it with --columns book.book_uom=UoM if it is the unit the book's "
        + "quantities are in)"), loaded.notes()::toString);
  }

  @Test
  void files_bookInAnotherSpellingOfAUnitWithNoFactor_rejectionNamesItAsWritten(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,UoM\nA,L-1,2,PAL\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    assertEquals(List.of("book.csv:2: book_qty is in PAL (read as PL), which has no factor for "
        + "sku A in the UOM table"), loaded.rejections());
  }

  @Test
  void files_strayQuoteInAKey_rowRefusedAnInchMarkInADescriptionKept(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,A-01-01\",12\nB,A-01-02,3\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,Designation\nA,1.00,PIPE 3/4\" PVC\n"
        + "B\",2.00,CAP\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null),
        new ColumnMap().put("items.description", "Designation"));

    assertEquals(List.of("A-01-02/B=3"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList(),
        "no line at A-01-01\" made");
    assertEquals("PIPE 3/4\" PVC", loaded.data().items().get("A").description());
    assertEquals(List.of("items.csv:3: sku 'B\"' holds a double quote, which no key, number or "
        + "unit has: the export's quoting is broken (a stray quote?); correct the row or export "
        + "the file again", "book.csv:2: location 'A-01-01\"' holds a double quote, which no "
        + "key, number or unit has: the export's quoting is broken (a stray quote?); correct the "
        + "row or export the file again"), loaded.rejections());
  }

  @Test
  void files_controlCharacterInAKey_rowRefusedAsReconcileRefusesIt(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,A-01-01\u0007,12\n"
        + "B,A-01-02,3\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(List.of("A-01-02/B=3"), loaded.data().book().stream()
        .map(l -> l.location() + "/" + l.sku() + "=" + l.eaches()).toList(),
        "no line at A-01-01 and a bell made");
    assertEquals(List.of("book.csv:2: location 'A-01-01\u0007' holds the control character "
        + "0x07, which no key, number or unit has (a damaged or binary file?)"),
        loaded.rejections());
  }

  @Test
  void files_itemRowWithAnUnreadableCost_keepsItsClassAndDescription(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,12\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,description,class\n"
        + "A,$1.00,Bolts,X\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap());

    MasterData.Item a = loaded.data().items().get("A");
    assertEquals("X", a.skuClass(), "the recount rule of its class still applies");
    assertEquals("Bolts", a.description());
    assertNull(a.unitCost(), "no cost, never a guessed one");
    assertEquals(List.of("items.csv:2: unit cost is not a plain number: not a number: a "
        + "currency sign ($, \u20ac, \u00a3, \u00a5): write the amount alone (the row's class X "
        + "is kept)"), loaded.rejections());
  }

  @Test
  void files_skuGivenTwoClasses_hasNoneFirstDescriptionKept(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,12\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,description,class\n"
        + "A,1.00,Bolts,X\nA,1.00,Bolts M8,Y\nA,1.00,,X\nB,2.00,Nuts,X\nB,2.00,,\nB,,,X\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap());

    MasterData m = loaded.data();
    assertNull(m.items().get("A").skuClass(), "X or Y would pick the recount rule by a guess");
    assertEquals("Bolts", m.items().get("A").description());
    assertEquals(new BigDecimal("1.00"), m.items().get("A").unitCost());
    assertEquals("X", m.items().get("B").skuClass(), "rows without a class take none away");
    assertEquals("Nuts", m.items().get("B").description());
    assertEquals(new BigDecimal("2.00"), m.items().get("B").unitCost());
    assertEquals(List.of(
        "items.csv:3: SKU A already has the class X: with two classes it has none (the zone or "
            + "default recount rules apply) until the item master gives one",
        "items.csv:4: SKU A already has two classes: it has none (the zone or default recount "
            + "rules apply) until the item master gives one"), loaded.rejections());
  }

  @Test
  void latin1Row_skippedWithItsReasonNotReadWithReplacementCharacters(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,1\n");
    Path items = dir.resolve("items.csv");
    Files.write(items, "sku,unit_cost,description\nCAF\u00c9,1.00,Caf\u00e9\nB,2.00,Tea\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap());

    assertEquals(List.of("B"), List.copyOf(loaded.data().items().keySet()));
    assertEquals(List.of("items.csv:2: field 1 is not UTF-8 text (a file saved as Latin-1 or "
        + "Windows-1252?): save the file as UTF-8"), loaded.rejections());
  }

  @Test
  void bookRowWithAFieldTooMany_skippedWithItsReasonNotReadAsOne(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,1,000\nB,L-2,5\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, null, null), new ColumnMap());

    assertEquals(List.of(new MasterData.BookLine("L-2", "B", "", 5)), loaded.data().book());
    assertEquals(List.of("book.csv:2: row has 4 fields, the header has 3"), loaded.rejections());
  }

  @Test
  void sameFilesTwice_sameHash_missingBook_named(@TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n1,A-1,3\n");
    ServiceSettings.Inputs in = new ServiceSettings.Inputs(book, null, null, null);

    assertEquals(MasterDataFiles.load(in, new ColumnMap()).contentHash(),
        MasterDataFiles.load(in, new ColumnMap()).contentHash());
    String e = assertThrows(IllegalArgumentException.class, () -> MasterDataFiles.load(
        new ServiceSettings.Inputs(dir.resolve("nope.csv"), null, null, null),
        new ColumnMap())).getMessage();
    assertTrue(e.contains("nope.csv"), e);
  }

  @Test
  void files_uomTableListedLevelByLevel_aPalletCountedAtAStationIs480Eaches(@TempDir Path dir)
      throws Exception {
    // As a WMS exports its pack hierarchy: the pallet row first, in cases; the case in eaches.
    Path book = write(dir, "book.csv", "sku,location,book_qty,book_uom\nA,A-01-01-A,1,PL\n");
    Path uom = write(dir, "uom.csv",
        "sku,uom,qty_per_uom,base_uom\nA,PL,40,CS\nA,CS,12,EA\nA,IP,6,\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n15412345000010,A,PL\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, codes), new ColumnMap());
    // The station's tables, as the service makes them from the data loaded at start.
    List<String> problems = new java.util.ArrayList<>();
    Lookups lookups = Stations.lookups(loaded.data(),
        io.dockcount.core.barcode.VariableMeasure.NONE, problems);
    StationSession station = new StationSession("DOCK-1", "A", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), () -> lookups);
    List<StationEvent> events = new java.util.ArrayList<>();
    Framer framer = Framer.crLf();
    byte[] scans = "BADGE:E042\rLOC:A-01-01-A\r15412345000010\r"
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    framer.accept(scans, 0, scans.length).forEach(f -> events.add(station.onFrame(f.raw())));

    assertEquals(List.of(), loaded.rejections());
    assertEquals(List.of(), problems);
    assertEquals(480, loaded.data().factor("A", "PL"), "40 CS of 12");
    assertEquals(6, loaded.data().factor("A", "IP"), "a blank base_uom is each");
    assertEquals(List.of(new MasterData.BookLine("A-01-01-A", "A", "", 480)),
        loaded.data().book(), "1 PL on book is 480 EA, never 1 or 40");
    CountRecord counted = events.stream().filter(e -> e instanceof StationEvent.Counted)
        .map(e -> ((StationEvent.Counted) e).record()).findFirst()
        .orElseThrow(() -> new AssertionError(events.toString()));
    assertEquals("PL", counted.unit());
    assertEquals(1, counted.quantity());
    assertEquals(java.util.OptionalLong.of(480), counted.eaches(), "a pallet is 480 eaches");
  }

  private static final VariableMeasure WEIGHT_21 = new VariableMeasure(List.of(
      new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.WEIGHT_KG, 3)));

  @Test
  void files_variableMeasureRowInKg_rejectedAtStartWithItsLineAndItsScansHeldNotCounted(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\n00913,A-01-02,4\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\n00913,KG,1\n");
    Path codes = write(dir, "codes.csv", "barcode,sku,uom\n2112345000008,00913,kg\n"
        + "5412345000013,00913,EA\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, codes), new ColumnMap(), false, WEIGHT_21);
    List<String> problems = new java.util.ArrayList<>();
    Lookups lookups = Stations.lookups(loaded.data(), WEIGHT_21, problems);
    StationSession station = new StationSession("DOCK-1", "A", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026).withVariableMeasure(WEIGHT_21), () -> lookups);
    List<StationEvent> events = new java.util.ArrayList<>();
    byte[] scans = "BADGE:E042\rLOC:A-01-02\r2112345012506\r5412345000013\r"
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Framer.crLf().accept(scans, 0, scans.length)
        .forEach(f -> events.add(station.onFrame(f.raw())));

    assertEquals(1, loaded.rejections().size(), loaded.rejections()::toString);
    String rejection = loaded.rejections().get(0);
    assertTrue(rejection.startsWith("codes.csv:2: barcode 2112345000008 (SKU 00913) is read"
        + " through the variable-measure layout for prefix 21 (weight-kg)"), rejection);
    assertTrue(rejection.contains("its unit KG is a weight or measure")
        && rejection.contains("List the item's package unit instead (EA"), rejection);
    assertEquals(List.of(), problems, "said once, by the file's rejection");
    RejectedScan held = ((StationEvent.Rejected) events.get(2)).scan();
    assertEquals(RejectedScan.Kind.HELD, held.kind());
    assertTrue(held.reason().contains("every package would count as 1 KG"), held::reason);
    assertEquals(List.of("05412345000013"), events.stream()
        .filter(e -> e instanceof StationEvent.Counted)
        .map(e -> ((StationEvent.Counted) e).record().gtin()).toList());
  }

  @Test
  void deliveredMasterData_variableMeasureRowInKg_refusedInTheStationsTables() {
    // As a WMS delivery reaches the stations: its rows were not checked against the layouts.
    MasterData.Builder b = MasterData.builder();
    b.uom("00913", "KG", 1);
    b.barcode("02112345000008", "00913", "KG");

    List<String> problems = new java.util.ArrayList<>();
    Lookups lookups = Stations.lookups(b.build(), WEIGHT_21, problems);

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("02112345000008: barcode 02112345000008 (SKU 00913)"
        + " is read through the variable-measure layout for prefix 21"), problems::toString);
    assertTrue(lookups.barcodes().resolve(BarcodeDecoder.withSupportedAis(2026)
        .withVariableMeasure(WEIGHT_21).decode("2112345012506").barcode()).held());
  }

  @Test
  void files_uomChainThatCannotResolve_rowsRejectedWithFileLineFieldAndReason(@TempDir Path dir)
      throws Exception {
    // A's pallet and case count each other; B's pallet counts a case the table never gives.
    Path book = write(dir, "book.csv", "sku,location,book_qty,book_uom\nA,L-1,1,PL\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom,To UOM\nA,PL,40,CS\nA,CS,2,PL\n"
        + "B,PL,40,cs\nB,IP,6,EA\nC,CS,x,EA\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    assertEquals(0, loaded.data().factor("A", "PL"), "40 CS is no 40 EA");
    assertEquals(0, loaded.data().factor("A", "CS"));
    assertEquals(0, loaded.data().factor("B", "PL"));
    assertEquals(6, loaded.data().factor("B", "IP"));
    assertTrue(loaded.data().book().isEmpty(), "1 PL is no book of 1");
    assertEquals(List.of(
        "uom.csv:2: sku A: To UOM CS: PL is given as 40 CS, and the table gives CS of this SKU "
            + "no factor in eaches: PL has none until it does",
        "uom.csv:3: sku A: To UOM PL: CS is given as 2 PL, and the table gives PL of this SKU "
            + "no factor in eaches: CS has none until it does",
        "uom.csv:4: sku B: To UOM cs: PL is given as 40 CS, and the table gives CS of this SKU "
            + "no factor in eaches: PL has none until it does",
        "uom.csv:6: qty_per_uom 'x' is not a plain number: not a number"),
        loaded.rejections().subList(0, 4), "in line order, the chains settled after the table");
    assertTrue(loaded.rejections().get(4).startsWith("book.csv:2: "),
        loaded.rejections()::toString);
  }

  @Test
  void files_palletResolvedThroughACaseRefusedAsSmallerThanItsInner_noFactorEither(
      @TempDir Path dir) throws Exception {
    // BX,2,CS is 8 EA through CS,4, which holds fewer than its inner (IP,6): a guess too.
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,8\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom,base_uom\nA,CS,4,EA\nA,IP,6,EA\n"
        + "A,BX,2,CS\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    assertEquals(0, loaded.data().factor("A", "CS"));
    assertEquals(0, loaded.data().factor("A", "BX"));
    assertEquals(6, loaded.data().factor("A", "IP"));
    assertEquals(List.of("uom.csv:2:", "uom.csv:4:"), loaded.rejections().stream()
        .map(r -> r.substring(0, r.indexOf(':', 8) + 1)).toList(),
        loaded.rejections()::toString);
  }

  @Test
  void files_uomFactorInASpellingOfEachTheTableGivesAnotherFactor_noFactor(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,book_uom\nA,L-1,1,CS\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom,base_uom\nA,CS,12,PC\nA,PC,10,\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // 12 PC where the table makes PC ten eaches: 12 or 120 EA, a guess either way.
    assertEquals(0, loaded.data().factor("A", "CS"), "12 PC is no sure 12 EA");
    assertTrue(loaded.data().book().isEmpty(), "1 CS is no book of 12");
    assertTrue(loaded.rejections().stream().anyMatch(r -> r.startsWith("uom.csv:2: ")),
        loaded.rejections()::toString);
  }

  @Test
  void files_itemCostPerAnotherUnitThanEach_perEachThroughTheUomFactorNeverTakenPerEach(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,24\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,cost_uom\nA,24.00,CS\nB,2.00,EA\n"
        + "C,10.00,CS\nD,5.00,PL\nE,25.00,100\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\nC,CS,7\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, null), new ColumnMap());

    // 24.00 a case of 12 is 2.00 an each, as reconcile reads it; 25.00 per 100 (SAP's price
    // unit) is 0.25. 10.00 a case of 7 is no exact cost per each, and D has no pallet: unknown.
    assertEquals(new BigDecimal("2.00"), loaded.data().items().get("A").unitCost());
    assertEquals(new BigDecimal("2.00"), loaded.data().items().get("B").unitCost());
    assertNull(loaded.data().items().get("C").unitCost());
    assertNull(loaded.data().items().get("D").unitCost());
    assertEquals(new BigDecimal("0.25"), loaded.data().items().get("E").unitCost());
    assertEquals(List.of("items.csv:4: unit cost is per CS (cost_uom) of 7 EA: 10.00 / 7 is no "
        + "exact cost per each (state the cost per each); its cost is unknown", "items.csv:5: "
        + "unit cost is per PL (cost_uom), which has no factor for SKU D in the UOM table; its "
        + "cost is unknown"), loaded.rejections());
  }

  @Test
  void files_itemCostPerASpellingOfEachTheUomTableGivesAnotherFactor_noCost(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty\nA,L-1,24\n");
    Path items = write(dir, "items.csv", "sku,unit_cost,cost_uom\nA,20.00,PC\nB,2.00,PC\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,PC,10\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, uom, null), new ColumnMap());

    // 20.00 a PC the table makes ten eaches: 20.00 or 2.00 an each, as reconcile refuses it.
    assertNull(loaded.data().items().get("A").unitCost(), "20.00 per PC is no sure each's");
    assertEquals(new BigDecimal("2.00"), loaded.data().items().get("B").unitCost());
    assertTrue(loaded.rejections().stream().anyMatch(r -> r.startsWith("items.csv:2: ")),
        loaded.rejections()::toString);
  }

  @Test
  void files_outerPackOfFewerEachesThanItsInner_noFactorAsInReconcile(@TempDir Path dir)
      throws Exception {
    Path book = write(dir, "book.csv", "sku,location,book_qty,book_uom\nA,L-1,1,CS\n");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,PL,40\nA,CS,4\nA,IP,6\n"
        + "B,CS,24\nB,IP,6\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, null, uom, null), new ColumnMap());

    // CS,4 beside IP,6 is a case of 4 inners read as 4 eaches: 1 CS was a book of 4.
    assertEquals(0, loaded.data().factor("A", "CS"));
    assertEquals(0, loaded.data().factor("A", "PL"), "the pallet may count cases too");
    assertEquals(6, loaded.data().factor("A", "IP"));
    assertEquals(24, loaded.data().factor("B", "CS"));
    assertTrue(loaded.data().book().isEmpty(), "1 CS is no book of 4");
    assertEquals(List.of("uom.csv:2:", "uom.csv:3:"), loaded.rejections().stream()
        .filter(r -> r.startsWith("uom.csv")).map(r -> r.substring(0, r.indexOf(':', 8) + 1))
        .toList(), loaded.rejections()::toString);
  }

  @Test
  void files_decimalCommaDeclared_noBreakSpaceAfterANumber_readAsReconcileReadsIt(
      @TempDir Path dir) throws Exception {
    // A spreadsheet pads its figures with a no-break space; reconcile trims it from the bytes.
    Path book = write(dir, "bestand.csv", "sku;location;book_qty\r\n"
        + "00914;A-01-01;1.200\u00a0\r\n");
    Path items = write(dir, "material.csv", "sku;description;unit_cost\r\n"
        + "00914;Schraube;2,50\u00a0\r\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap(), false,
        VariableMeasure.NONE, true);

    assertEquals(List.of(), loaded.rejections());
    assertEquals(new BigDecimal("2.50"), loaded.data().items().get("00914").unitCost());
    assertEquals(List.of(new MasterData.BookLine("A-01-01", "00914", "", 1200)),
        loaded.data().book());
  }

  @Test
  void files_twoNotThere_bothNamedAtOnce(@TempDir Path dir) throws Exception {
    Path book = dir.resolve("inbox/book.csv");
    Path items = dir.resolve("inbox/items.csv");
    Path uom = write(dir, "uom.csv", "sku,uom,qty_per_uom\nA,CS,12\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MasterDataFiles.load(new ServiceSettings.Inputs(book, items, uom, null),
            new ColumnMap()));

    // A first start before the exports are copied in: both said, not the second after a fix.
    assertEquals("dockcount.inputs.book: " + book + ": no such file\n"
        + "dockcount.inputs.items: " + items + ": no such file", e.getMessage());
  }

  @Test
  void files_decimalCommaDeclared_priceUnitWithDotGroupedThousands_readAsEaches(
      @TempDir Path dir) throws Exception {
    Path book = write(dir, "bestand.csv", "sku;location;book_qty\r\n00914;A-01-01;2.000\r\n");
    // SAP's price unit of a thousand, printed as its cost is: 1.234,50 per 1.000 pieces.
    Path items = write(dir, "material.csv", "sku;unit_cost;Preiseinheit\r\n"
        + "00914;1.234,50;1.000\r\n");

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(
        new ServiceSettings.Inputs(book, items, null, null), new ColumnMap(), false,
        VariableMeasure.NONE, true);

    assertEquals(List.of(), loaded.rejections());
    assertEquals(new BigDecimal("1.2345"), loaded.data().items().get("00914").unitCost());
  }

  /** A German ERP's export: semicolons, decimal commas, dots grouping thousands. */
  private static ServiceSettings.Inputs germanExport(Path dir) throws Exception {
    Path book = write(dir, "bestand.csv", "sku;location;book_qty;book_uom\r\n"
        + "00914;A-01-01;1.200;\r\n00915;A-01-02;24,000;ST\r\n00916;A-01-03;2;KAR\r\n"
        + "00917;A-01-04;1.000,5;\r\n");
    Path items = write(dir, "material.csv", "sku;description;unit_cost\r\n"
        + "00914;Schraube;2,50\r\n00915;Mutter;1.250,10\r\n00916;Scheibe;0.500\r\n");
    Path uom = write(dir, "me.csv", "sku;uom;qty_per_uom\r\n00916;KAR;12,000\r\n"
        + "00915;KAR;2,5\r\n");
    return new ServiceSettings.Inputs(book, items, uom, null);
  }

  @Test
  void files_decimalCommaDeclared_readAsReconcileDecimalCommaReadsThem(@TempDir Path dir)
      throws Exception {
    ServiceSettings.Inputs in = germanExport(dir);

    MasterDataFiles.Loaded loaded = MasterDataFiles.load(in, new ColumnMap(), false,
        VariableMeasure.NONE, true);

    MasterData m = loaded.data();
    assertEquals(new BigDecimal("2.50"), m.items().get("00914").unitCost());
    assertEquals(new BigDecimal("1250.10"), m.items().get("00915").unitCost());
    assertNull(m.items().get("00916").unitCost(), "0.500 groups no thousands: refused");
    assertEquals(12, m.factor("00916", "CT"), "12,000 KAR is twelve eaches");
    assertEquals(0, m.factor("00915", "CT"), "2,5 eaches is no whole factor");
    assertEquals(List.of(new MasterData.BookLine("A-01-01", "00914", "", 1200),
        new MasterData.BookLine("A-01-02", "00915", "", 24),
        new MasterData.BookLine("A-01-03", "00916", "", 24)), m.book());
    assertEquals(List.of(
        "material.csv:4: unit cost is not a plain number: a dot that does not group thousands "
            + "(1.234,5) in a number with a decimal comma (dockcount.reconcile.decimal-comma = "
            + "true)",
        "me.csv:3: qty_per_uom must be a whole number of eaches above 0",
        "bestand.csv:5: book_qty '1.000,5' is not a whole number of eaches"),
        loaded.rejections());
  }

  @Test
  void files_decimalCommaNotDeclared_commasAndAmbiguousDotsRefusedAsBefore(@TempDir Path dir)
      throws Exception {
    ServiceSettings.Inputs in = germanExport(dir);

    MasterDataFiles.Loaded off = MasterDataFiles.load(in, new ColumnMap(), false,
        VariableMeasure.NONE, false);

    assertNull(off.data().items().get("00914").unitCost(), "2,50 is refused, never guessed");
    assertEquals(new BigDecimal("0.500"), off.data().items().get("00916").unitCost());
    assertTrue(off.data().book().isEmpty(), off.data().book()::toString);
    assertEquals("bestand.csv:2: book_qty '1.200' is not a plain number: a dot and three "
        + "digits in a decimal-comma export are ambiguous (a dot grouping thousands, or "
        + "decimals?): write the number without grouping (1000) or with another number of "
        + "decimals (1, 1.0); where the file's dots group thousands, read it with a decimal "
        + "comma (reconcile --decimal-comma, or, by reconcile and the count service's files "
        + "alike, dockcount.reconcile.decimal-comma = true)",
        off.rejections().stream().filter(r -> r.startsWith("bestand"))
        .findFirst().orElseThrow());
    assertTrue(off.rejections().contains("material.csv:2: unit cost is not a plain number: "
        + "comma in number (thousands separator or decimal comma: numbers are read with a "
        + "decimal point and no grouping; files written with decimal commas are read so with "
        + "reconcile --decimal-comma, or, by reconcile and the count service's files alike, "
        + "with dockcount.reconcile.decimal-comma = true)"), off.rejections()::toString);
    assertEquals(off.contentHash(), MasterDataFiles.load(in, new ColumnMap()).contentHash(),
        "off is the old reading, under the old hash");
    assertTrue(!off.contentHash().equals(MasterDataFiles.load(in, new ColumnMap(), false,
        VariableMeasure.NONE, true).contentHash()), "the same bytes read otherwise are no "
        + "snapshot stored before");
  }
}
