package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A WMS delivery's UOM table and item master are read in eaches, as the start-up files are: a
 * factor counting another unit is resolved through its chain, and one that cannot be, or a
 * cost that cannot be read per each, refuses the delivery, never read as eaches.
 */
final class SnapshotParserTest {
  private static RawTable table(String kind, String header, String... rows) {
    return new RawTable(kind, kind + ".csv", List.of(header.split(",")),
        Arrays.stream(rows).map(r -> new RawTable.Row("line 2", List.of(r.split(",", -1)), null))
            .toList());
  }

  @Test
  void parse_uomListedLevelByLevelInAnyOrder_factorsResolvedToEaches_bookConverted() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,PL,40,CS", "A,CS,4,IP", "A,IP,6,EA", "B,CS,12,"),
        table("book", "sku,location,book_qty,book_uom", "A,A-01-01,1,PL", "A,A-01-02,2,CS")),
        "jdbc", new ColumnMap());

    assertEquals(List.of(), p.problems());
    assertEquals(Map.of("CS", 24L, "IP", 6L, "PL", 960L), p.data().uom().get("A"));
    assertEquals(List.of(960L, 48L), p.data().book().stream().map(b -> b.eaches()).toList(),
        "1 PL and 2 CS, never 1 and 2 eaches");
  }

  @Test
  void parse_uomChainWithACycle_deliveryRefusedSayingWhy() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,PL,40,CS", "A,CS,2,PL", "B,CS,12,EA")), "jdbc",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("uom.csv: line 2: sku A: base_uom 'CS': PL is given as 40 CS, and the "
        + "table gives CS of this SKU no factor in eaches: PL has none until it does",
        "uom.csv: line 2: sku A: base_uom 'PL': CS is given as 2 PL, and the table gives PL of "
        + "this SKU no factor in eaches: CS has none until it does"), p.problems());
  }

  @Test
  void parse_uomChainGivingAUnitASecondFactor_deliveryRefused() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,CS,24,EA", "A,CS,4,IP", "A,IP,5,EA")), "jdbc",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("uom.csv: line 2: sku A unit CS has two factors: 24 and 20 (4 IP)"),
        p.problems());
  }

  @Test
  void parse_sameChainedRowsThroughAnotherSource_sameContentHash() {
    List<RawTable> six = List.of(table("uom", "sku,uom,qty_per_uom,base_uom", "A,PL,40,CS",
        "A,CS,6,EA"));
    List<RawTable> sixAgain = List.of(table("uom", "sku,uom,qty_per_uom,base_uom",
        "A,PL,40,CS", "A,CS,6,EA"));

    String first = SnapshotParser.parse(six, "jdbc", new ColumnMap()).data().contentHash();
    String again = SnapshotParser.parse(sixAgain, "file", new ColumnMap()).data().contentHash();
    String other = SnapshotParser.parse(List.of(table("uom", "sku,uom,qty_per_uom,base_uom",
        "A,PL,40,CS", "A,CS,8,EA")), "jdbc", new ColumnMap()).data().contentHash();

    assertEquals(first, again, "the same content through any source is one snapshot");
    assertFalse(first.equals(other), "a case of 8 makes another pallet");
  }

  @Test
  void parse_bookRowOrCostInAPcTheUomInForceDisputes_deliveryRefused() {
    // The start-up UOM file gave A's PC 10 eaches: 3 PC on book is 3 or 30 eaches.
    MasterData inForce = startUp("sku,uom,qty_per_uom\nA,PC,10\n");
    assertEquals("PC = 10 EA", inForce.eachDispute("A", "pcs"));

    SnapshotParser.Parsed book = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty,book_uom", "A,A-01-01,3,PC", "B,A-01-02,3,PC")), "jdbc",
        new ColumnMap(), inForce);
    SnapshotParser.Parsed items = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "A,5.00,PC")), "jdbc", new ColumnMap(), inForce);
    SnapshotParser.Parsed withItsOwnTable = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CS,12"), table("book", "sku,location,book_qty,book_uom",
        "A,A-01-01,3,PC")), "jdbc", new ColumnMap(), inForce);

    assertEquals(List.of("book.csv: line 2: book_qty is in PC of sku A, which the UOM table in "
        + "force makes PC = 10 EA but reads as each"), book.problems());
    assertEquals(List.of("items.csv: line 2: unit_cost is per PC of sku A, which the UOM table "
        + "in force makes PC = 10 EA but reads as each: 1 or more eaches, a guess either way"),
        items.problems());
    assertEquals(List.of(), withItsOwnTable.problems(), "its own table disputes no PC");
    assertEquals(3, withItsOwnTable.data().book().get(0).eaches());
  }

  /** The master data the service starts with from a UOM file, as {@code run} loads it. */
  private static MasterData startUp(String uom) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("uom-in-force");
      java.nio.file.Path book = java.nio.file.Files.writeString(dir.resolve("book.csv"),
          "sku,location,book_qty\nA,A-01-01,1\n");
      java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("uom.csv"), uom);
      return io.dockcount.app.MasterDataFiles.load(new io.dockcount.app.ServiceSettings.Inputs(
          book, null, file, null), new ColumnMap()).data();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void parse_barcodeUnitWrittenAsASynonym_keptAsWrittenBesideItsCode() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("barcodes", "barcode,sku,uom",
        "15412345000010,A,Pallet", "25412345000017,A,PL", "5412345000013,A,")), "jdbc",
        new ColumnMap());

    assertEquals(List.of(), p.problems());
    assertEquals(new MasterData.Barcode("15412345000010", "A", "PL", "PALLET"),
        p.data().barcodes().get("15412345000010"));
    assertEquals(new MasterData.Barcode("25412345000017", "A", "PL", "PL"),
        p.data().barcodes().get("25412345000017"));
    assertEquals(new MasterData.Barcode("05412345000013", "A", "EA", "EA"),
        p.data().barcodes().get("05412345000013"), "no unit: each");
  }

  @Test
  void parse_uomFactorsInEachesOrBlank_read() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,CS,24,EA", "A,IP,6,")), "jdbc", new ColumnMap());

    assertEquals(List.of(), p.problems());
  }

  @Test
  void parse_bookAndItemsWithAUnitsColumnOfUnitWords_convertedAsReconcileReadsThem() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom", "sku,uom,qty_per_uom",
        "A,CS,12"), table("book", "sku,location,book_qty,Units", "A,A-01-01,2,Case",
        "B,A-01-02,5,Each"), table("items", "sku,unit_cost,Units", "A,24.00,Case")), "drop",
        new ColumnMap());

    assertEquals(List.of(), p.problems());
    assertEquals(List.of(24L, 5L), p.data().book().stream().map(b -> b.eaches()).toList(),
        "2 cases of 12, never 2 eaches");
    assertEquals(new BigDecimal("2.00"), p.data().items().get("A").unitCost());
  }

  @Test
  void parse_skuOrLocationASpreadsheetErrorValue_deliveryRefusedSayingSo() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty", "#N/A,A-01-01,2", "A,#REF!,3", "B,A-01-02,4")), "drop",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("book.csv: line 2: sku '#N/A' is a spreadsheet's error value (a "
        + "formula that failed, such as a lookup that found nothing), not a key",
        "book.csv: line 2: location '#REF!' is a spreadsheet's error value (a formula that "
        + "failed, such as a lookup that found nothing), not a key"), p.problems());
  }

  @Test
  void parse_lotASpreadsheetErrorValue_deliveryRefusedSayingSo() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty,lot", "A,A-01-01,2,#REF!", "B,A-01-02,4,L1")), "drop",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("book.csv: line 2: lot '#REF!' is a spreadsheet's error value (a "
        + "formula that failed, such as a lookup that found nothing), not a key"),
        p.problems());
  }

  @Test
  void parse_keyHoldingALineBreakBeyondAscii_deliveryRefusedAsForAControlCharacter() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty", "A\u2028,A-01-01,2")), "drop", new ColumnMap());

    assertFalse(p.ok());
    // Java's strip() takes U+2028 for a space: the reason names it.
    assertEquals(List.of("book.csv: line 2: sku 'A' holds the invisible line break "
        + "U+2028, which no key, number or unit has (one typed or pasted into a cell?)"),
        p.problems());
  }

  @Test
  void parse_bookWithAUnitsColumnOfCodesNoneKnown_deliveryRefusedNeverReadAsEaches() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom", "sku,uom,qty_per_uom",
        "A,CS,24"), table("book", "sku,location,book_qty,Units", "A,A-01-01,2,CTN24")),
        "drop", new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("book.csv: its column 'Units' holds words (CTN24) but no unit known "
        + "to dockcount or named in the UOM table: refused, never read as eaches; if they are "
        + "units, map book.book_uom to it (each needs its factor in the UOM table)"),
        p.problems());
  }

  @Test
  void parse_unitsColumnOfFiguresThenAUnitBelow_deliveryRefusedAsReconcileRejectsTheRow() {
    List<String> book = new java.util.ArrayList<>();
    List<String> items = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      book.add("B,A-01-" + i + ",5,1");
      items.add("X" + i + ",1.00,10");
    }
    book.add("A,A-02-01,0,CS");
    book.add("A,A-02-02,2,CS");
    items.add("A,24.00,Case");

    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom", "sku,uom,qty_per_uom",
        "A,CS,12"), table("book", "sku,location,book_qty,Units", book.toArray(String[]::new)),
        table("items", "sku,unit_cost,Units", items.toArray(String[]::new))), "drop",
        new ColumnMap());

    // Judged a quantity by its first 16 figures, the column once made 2 cases 2 eaches.
    assertFalse(p.ok());
    assertEquals(List.of("items.csv: line 2: Units 'Case': column 'Units' held figures (10) in "
        + "its first filled rows, so it is read as no unit column, but holds the unit Case "
        + "here: its cost may be per Case, never read as per each; if the costs are per its "
        + "units, map it with --columns items.cost_uom=Units", "book.csv: line 2: Units 'CS': "
        + "column 'Units' held figures (1) in its first filled rows, so it is read as no unit "
        + "column, but holds the unit CS here: the row's quantity may be in CS, never read as "
        + "eaches; if it is the book's unit column, map it with --columns book.book_uom=Units"),
        p.problems());
  }

  @Test
  void parse_unitsColumnOfFiguresThenEaBelow_readInEachesAsReconcileReadsIt() {
    List<String> book = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      book.add("B,A-01-" + i + ",5,1");
    }
    book.add("A,A-02-01,7,EA");

    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty,Units", book.toArray(String[]::new))), "drop", new ColumnMap());

    assertEquals(List.of(), p.problems());
    assertEquals(List.of(7L), p.data().book().stream().filter(b -> b.sku().equals("A"))
        .map(b -> b.eaches()).toList());
  }

  @Test
  void parse_headerRepeatedAmongTheFirstRows_unitColumnsOfFiguresStillReadAsNone() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("book",
        "sku,location,book_qty,Units,UoM", "A,A-01-01,5,1,1",
        "sku,location,book_qty,Units,UoM", "B,A-01-02,7,2,2")), "drop", new ColumnMap());

    // The names repeated refuse the delivery as a row, but are no unit words: judged with
    // them, both columns were unit columns, and each row was refused in unit 1 or 2.
    assertEquals(List.of("book.csv: line 2: the header again (files joined with their "
        + "headers?): not a row"), p.problems());
  }

  @Test
  void parse_unitColumnsOfFiguresThenAUnitBelow_readAsNoneThatRowRefusesTheDelivery() {
    List<String> book = new java.util.ArrayList<>();
    List<String> uom = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      book.add("B,A-01-" + i + ",5,7");
      uom.add("X" + i + ",CS,12,1");
    }
    uom.add("A,CS,12,");
    List<String> below = new java.util.ArrayList<>(book);
    below.add("A,A-02-01,0,CS");
    below.add("A,A-02-02,2,CS");

    SnapshotParser.Parsed figures = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,Base Unit", uom.toArray(String[]::new)), table("book",
        "sku,location,book_qty,UoM", book.toArray(String[]::new))), "drop", new ColumnMap());
    uom.add("A,PL,40,CS");
    SnapshotParser.Parsed units = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,Base Unit", uom.toArray(String[]::new)), table("book",
        "sku,location,book_qty,UoM", below.toArray(String[]::new))), "drop", new ColumnMap());

    // Figures alone: a quantity misnamed, read as no unit column, as reconcile reads it (as
    // units, 7 and 1 had no factor and refused the delivery).
    assertEquals(List.of(), figures.problems());
    assertEquals(16, figures.data().book().stream().filter(l -> l.eaches() == 5).count());
    assertEquals(12L, figures.data().uom().get("X0").get("CS"));
    // A unit below them: the row's quantity or factor may be in it, never read as eaches.
    assertFalse(units.ok());
    assertEquals(List.of("uom.csv: line 2: sku A: Base Unit 'CS': column 'Base Unit' held "
        + "figures (1) in its first filled rows, so it is read as no unit column, but holds the "
        + "unit CS here: its factor may count CS, never read as eaches; if it is the unit the "
        + "factors count, map it with --columns uom.base_uom=Base Unit", "book.csv: line 2: UoM "
        + "'CS': column 'UoM' held figures (7) in its first filled rows, so it is read as no "
        + "unit column, but holds the unit CS here: the row's quantity may be in CS, never read "
        + "as eaches; if it is the book's unit column, map it with --columns book.book_uom=UoM"),
        units.problems());
  }

  @Test
  void parse_unitsColumnsOfCodesTheUomTableNames_readAsTheUnitColumns() {
    // Delivered with the table, or read with the one in force: the site's own code is a unit.
    SnapshotParser.Parsed delivered = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CTN24,24"), table("book", "sku,location,book_qty,Units",
        "A,A-01-01,2,CTN24")), "drop", new ColumnMap());
    SnapshotParser.Parsed inForce = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,Units", "A,48.00,CTN24")), "drop", new ColumnMap(),
        Map.of("A", Map.of("CTN24", 24L)));

    assertEquals(List.of(), delivered.problems());
    assertEquals(List.of(48L), delivered.data().book().stream().map(l -> l.eaches()).toList());
    assertEquals(List.of(), inForce.problems());
    assertEquals(0, new java.math.BigDecimal("2.00").compareTo(
        inForce.data().items().get("A").unitCost()));
  }

  @Test
  void parse_itemCostPerAnotherUnit_perEachThroughTheUomTableOrTheDeliveryRefused() {
    SnapshotParser.Parsed ok = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "A,24.00,CS", "B,2.00,EA")), "jdbc", new ColumnMap(),
        Map.of("A", Map.of("CS", 12L)));
    SnapshotParser.Parsed delivered = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CS,6"), table("items", "sku,unit_cost,cost_uom",
        "A,24.00,CS")), "jdbc", new ColumnMap(), Map.of("A", Map.of("CS", 12L)));
    SnapshotParser.Parsed refused = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "A,24.00,PL", "B,10.00,CS")), "jdbc", new ColumnMap(),
        Map.of("B", Map.of("CS", 7L)));

    assertEquals(List.of(), ok.problems());
    assertEquals(new BigDecimal("2.00"), ok.data().items().get("A").unitCost());
    assertEquals(new BigDecimal("2.00"), ok.data().items().get("B").unitCost());
    assertEquals(new BigDecimal("4.00"), delivered.data().items().get("A").unitCost(),
        "the delivery's own UOM table: 6 a case");
    assertEquals(List.of("items.csv: line 2: unit cost is per PL (cost_uom), which has no factor "
        + "for SKU A in the UOM table", "items.csv: line 2: unit cost is per CS (cost_uom) of 7 "
        + "EA: 10.00 / 7 is no exact cost per each (state the cost per each)"),
        refused.problems());
  }

  @Test
  void parse_droppedDecimalCommaFile_priceUnitWithDotGroupedThousands_readAsEaches() {
    // A German SAP items file in the drop, read by the site's declared decimal comma.
    RawTable items = new RawTable("items", "items.csv", List.of("sku", "unit_cost",
        "cost_uom"), List.of(new RawTable.Row("line 2", List.of("A", "1.234,50", "1.000"),
        null)), false, false, true);

    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(items), "file", new ColumnMap());

    assertEquals(List.of(), p.problems());
    assertEquals(new BigDecimal("1.2345"), p.data().items().get("A").unitCost());
  }

  @Test
  void parse_costPerAnAliasSpellingWithNoExactCost_problemNamesItAsWritten() {
    SnapshotParser.Parsed refused = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "B,10.00,KAR")), "jdbc", new ColumnMap(),
        Map.of("B", Map.of("CT", 7L)));

    assertEquals(List.of("items.csv: line 2: unit cost is per KAR (read as CT) (cost_uom) of 7 "
        + "EA: 10.00 / 7 is no exact cost per each (state the cost per each)"),
        refused.problems());
  }

  @Test
  void parse_outerPackOfFewerEachesThanItsInner_deliveryRefused() {
    // CS,4 beside IP,6: the case's factor counts inners, read as eaches; reconcile has none.
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CS,4", "A,IP,6", "B,CS,24", "B,IP,6")), "jdbc",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(1, p.problems().size(), p.problems()::toString);
    assertTrue(p.problems().get(0).contains("sku A: CS is 4 EA, fewer than the 6 EA of IP"),
        p.problems()::toString);
  }
}
