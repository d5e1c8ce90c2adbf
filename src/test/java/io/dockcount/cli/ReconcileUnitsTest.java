package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Counts are converted to eaches through the UOM table, and every bad unit is rejected. */
final class ReconcileUnitsTest {
  @TempDir Path dir;

  private Workspace ws() {
    return new Workspace(dir).items("00913,2.50").uom("00913,CS,12");
  }

  private static Map<String, String> exception(Workspace.Run run, String field) {
    return run.exceptions().stream().filter(e -> e.get("field").equals(field)).findFirst()
        .orElseThrow(() -> new AssertionError("no exception for " + field + ": "
            + run.exceptions()));
  }

  @Test
  void reconcile_oneCaseOfTwelveAgainstBookOfTwelveEaches_matchedNoVariance() {
    Workspace ws = ws().book("00913,A-01-02,12").counts("00913,A-01-02,1,CS");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals(0, run.exitCode());
    assertEquals("12", line.get("counted_qty"));
    assertEquals("0", line.get("variance_qty"));
    assertEquals("matched", line.get("status"));
    assertEquals("", line.get("flags"));
    assertNull(run.task("00913", "A-01-02"));
  }

  @Test
  void reconcile_bookInAGermanExportsUnits_noteNamesThemAsTheFileWritesThem() {
    Workspace ws = new Workspace(dir).items("00913,2.50", "00919,1.00")
        .uom("00913,KAR,12", "00919,PAL,40").counts("00913,A-01-02,24,EA");
    ws.write("book.csv", "sku,location,book_qty,book_uom", "00913,A-01-02,2,KAR",
        "00919,A-01-03,1,PAL");

    Workspace.Run run = ws.reconcile();

    // The file says KAR and PAL: a note naming only CT and PL leaves the reader to guess.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("book_qty"));
    assertTrue(run.stderr().contains("book.csv: 2 rows in units other than each "
        + "(KAR (read as CT), PAL (read as PL)) converted to eaches with the UOM table"),
        run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"uom", "UoM", "Unit of Measure", "unit_of_measure", "Stock UOM",
      "Base Unit of Measure", "Inventory UOM", "QOH UOM", "Base Unit", "Stock Unit",
      "Stocking Unit", "UM", "UOM1", "Unit", "unit-of-measure-code", "U/M", "Qty UoM",
      "UOM Code", "Base_UoM", "Unit Code", "Units of Measure"})
  void reconcile_bookWithAUnitColumn_rowsInAnotherUnitConvertedWithTheUomTable(String header) {
    Workspace ws = ws().counts("00913,A-01-02,118,EA", "0777,A-01-02,30,EA",
        "0888,A-01-02,5,EA");
    ws.write("book.csv", "sku,location,book_qty," + header, "00913,A-01-02,10,CS",
        "0777,A-01-02,30,EA", "0888,A-01-02,5,");

    Workspace.Run run = ws.reconcile();

    // 10 CS of 12 is 120 eaches: 2 short, where 10 read as eaches would be 108 over.
    Map<String, String> cases = run.recon("00913", "A-01-02");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("120", cases.get("book_qty"));
    assertEquals("-2", cases.get("variance_qty"));
    assertEquals("short", cases.get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertTrue(run.stderr().contains("book.csv: 1 row in a unit other than each (CS) converted "
        + "to eaches with the UOM table"), run.stderr());
    assertEquals("matched", run.recon("0777", "A-01-02").get("status"));
    assertEquals("matched", run.recon("0888", "A-01-02").get("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UnitOfMeasure", "StockUOM", "BaseUnit", "baseUnitOfMeasure",
      "UOMCode", "uomCode", "StockingUnit", "QtyUOM"})
  void reconcile_camelCaseUnitHeaders_readAsTheirSpacedForms(String header) {
    // OpenBoxes' own templates, and many a JSON-minded export, write headers in camelCase.
    Workspace ws = ws().counts("00913,A-01-02,24,EA");
    ws.write("book.csv", "sku,location,book_qty," + header, "00913,A-01-02,2,CS");
    ws.write("items.csv", "sku,unit_cost," + header, "00913,24.00,CS");

    Workspace.Run run = ws.reconcile();

    // Unread, 2 CS were 2 eaches (22 over) and a case's cost an each's.
    assertEquals("24", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("2.00", run.recon("00913", "A-01-02").get("unit_cost"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UnitCost", "PickUOM", "WeightUnit", "BusinessUnit"})
  void reconcile_camelCaseHeadersOfNoStockUnit_notRead(String header) {
    Workspace ws = ws().counts("00913,A-01-02,12,EA");
    ws.write("book.csv", "sku,location,book_qty," + header, "00913,A-01-02,12,KG");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_camelCaseBaseUnitInAPackHierarchy_factorsChained() {
    Workspace ws = new Workspace(dir).items("00913,1.00").book("00913,A-01-02,480")
        .counts("00913,A-01-02,1,PL");
    ws.write("uom.csv", "sku,uom,qty_per_uom,BaseUOM", "00913,CS,12,EA", "00913,PL,40,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("480", run.recon("00913", "A-01-02").get("counted_qty"), run.stderr());
  }

  @Test
  void reconcile_bookInAUnitWithNoFactorForItsSku_bookUnknownAndTheUnitsListed() {
    Workspace ws = new Workspace(dir).items("00913,2.50", "0777,1.00")
        .uom("00913,CS,12", "00913,PL,480").counts("00913,A-01-02,118,EA", "0777,A-01-03,0,EA");
    ws.write("book.csv", "sku,location,book_qty,uom", "00913,A-01-02,10,IP",
        "0777,A-01-03,0,BX");

    Workspace.Run run = ws.reconcile();

    // No factor is guessed: the line's book is unknown and recounted, its reason names the
    // units the SKU has; zero of any unit is zero eaches.
    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("", line.get("book_qty"));
    assertEquals("", line.get("variance_qty"));
    assertTrue(line.get("flags").contains("book_rows_rejected"), line::toString);
    Map<String, String> x = exception(run, "uom"); // the book's unit column, as headed
    assertEquals("2", x.get("line"));
    assertEquals("IP", x.get("value"));
    assertEquals("book quantity is in IP, which has no factor for SKU 00913 in the UOM table"
        + "; it has CS = 12 EA, PL = 480 EA", x.get("reason"));
    assertEquals("0", run.recon("0777", "A-01-03").get("book_qty"));
    assertEquals("matched", run.recon("0777", "A-01-03").get("status"));
  }

  @Test
  void reconcile_bookInCasesFractionalOrNegative_wholeEachesOnlyNegativeKept() {
    Workspace ws = new Workspace(dir).items("A1,1.00", "A2,1.00", "A3,1.00")
        .uom("A1,CS,12", "A2,CS,5", "A3,CS,6").counts("A1,L-1,6,EA", "A2,L-2,2,EA",
            "A3,L-3,0,EA");
    ws.write("book.csv", "sku,location,book_qty,uom", "A1,L-1,0.5,CS", "A2,L-2,0.5,CS",
        "A3,L-3,-2,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("A1", "L-1").get("status"), "0.5 CS of 12 is 6 EA");
    Map<String, String> x = exception(run, "book_qty");
    assertEquals("3", x.get("line"));
    assertEquals("0.5 CS x 5 EA does not resolve to whole eaches", x.get("reason"));
    assertEquals("", run.recon("A2", "L-2").get("book_qty"));
    assertEquals("-12", run.recon("A3", "L-3").get("book_qty"), "a negative book is kept");
  }

  @ParameterizedTest
  // Units is no unit header either, but one of unit words is read: see the Units tests below.
  @ValueSource(strings = {"Unit Cost", "Unit Price", "Units per Case", "Weight Unit",
      "Weight UOM", "Cost per Unit", "Price Unit", "Unit Weight", "Volume Unit of Measure",
      // The unit a SKU is handled in otherwise, or something said of a unit.
      "pick_uom", "Receiving UOM", "Putaway UOM", "Secondary UOM", "Alternate UOM",
      "Case UOM", "UOM Description", "UOM Type", "UOM Conversion", "Business Unit"})
  void reconcile_bookColumnNamingNoUnitOfTheQuantity_notReadAsOne(String header) {
    Workspace ws = ws().counts("00913,A-01-02,12,EA");
    ws.write("book.csv", "sku,location,book_qty," + header, "00913,A-01-02,12,KG");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Einheit", "Basismengeneinheit", "Basismengeneinh.", "BME", "ME",
      "Basis-ME", "Mengeneinheit", "BUn", "Unité", "Unite\u0301", "Unité de mesure", "UdM",
      "Unité qté base", "Unidad", "Unidad de medida", "Unidad medida base", "UMB", "Eenheid",
      "Basishoeveelheidseenheid", "Unità di misura"})
  void reconcile_sapBookInAnotherLanguageWithItsUnitColumn_casesNotReadAsEaches(String header)
      throws java.io.IOException {
    Workspace ws = ws().counts("00913,A-01-02,118,EA", "0777,A-01-02,30,EA");
    // As SAP writes it for Excel: a byte order mark, semicolons, CRLF.
    java.nio.file.Files.writeString(dir.resolve("book.csv"), "\uFEFFMaterial;Lagerplatz;Menge;"
        + header + "\r\n00913;A-01-02;10;KAR\r\n0777;A-01-02;30;\r\n");

    Workspace.Run run = ws.reconcile("--columns", "book.sku=Material", "--columns",
        "book.location=Lagerplatz", "--columns", "book.book_qty=Menge");

    // 10 KAR read as 10 eaches would be 108 over where the truth is 2 short.
    Map<String, String> cartons = run.recon("00913", "A-01-02");
    assertEquals("", cartons.get("book_qty"), cartons::toString);
    assertEquals("book_rows_rejected", cartons.get("flags"));
    assertEquals("KAR", exception(run, header).get("value"));
    assertEquals("matched", run.recon("0777", "A-01-02").get("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Lagereinheit", "Unité de stockage", "Unité de prix", "EME",
      "Verkaufsmengeneinheit", "Unidad de venta", "Bestellmengeneinheit", "Einheit Gewicht",
      "Eenheid prijs", "Unidades por caja", "Unidades", "Unités"})
  void reconcile_bookColumnNamingAStorageOrAnotherUnitInAnotherLanguage_notReadAsOne(
      String header) {
    Workspace ws = ws().counts("00913,A-01-02,12,EA");
    ws.write("book.csv", "sku;location;book_qty;" + header, "00913;A-01-02;12;KG");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_germanSapUnitsStueckAndKarton_readAsEachAndCartonNotRefused() {
    Workspace ws = new Workspace(dir).items("00913,1.50", "0777,2.00", "0888,2.00")
        .uom("00913,KAR,12", "0888,Karton,4", "0999,ST,10");
    ws.write("book.csv", "Material;Lagerplatz;Menge;Einheit", "00913;A-01-02;12;ST",
        "0777;A-01-02;30;Stück", "0888;A-01-03;4;STK", "0999;A-01-04;5;ST");
    ws.write("counts.csv", "sku;location;count_qty;count_uom", "00913;A-01-02;1;KAR",
        "0777;A-01-02;30;Stk", "0888;A-01-03;1;KAR", "0999;A-01-04;5;Stk");

    Workspace.Run run = ws.reconcile("--columns", "book.sku=Material", "--columns",
        "book.location=Lagerplatz", "--columns", "book.book_qty=Menge");

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"), "12 ST, 1 KAR of 12");
    assertEquals("matched", run.recon("0777", "A-01-02").get("status"));
    assertEquals("4", run.recon("0888", "A-01-03").get("counted_qty"), "KAR is its Karton");
    // 0999's table gives ST ten: neither its book nor its count in ST or Stk is one each.
    Map<String, String> tens = run.recon("0999", "A-01-04");
    assertTrue(tens.get("flags").contains("book_rows_rejected"), tens::toString);
    assertTrue(tens.get("flags").contains("count_rows_rejected"), tens::toString);
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_windows1252FrenchBookAndCountsWithAUniteColumn_readAsTheUnitColumnAndSaid()
      throws java.io.IOException {
    Workspace ws = ws().uom("00913,CAR,12").counts("00913,A-01-02,120,PCE",
        "0777,A-01-02,30,PCE");
    // Unité saved as Windows-1252: its é is the byte E9, no UTF-8 text.
    java.nio.file.Files.write(dir.resolve("book.csv"), "Article;Emplacement;Qte;Unit\u00e9\r\n"
        .concat("00913;A-01-02;10;CAR\r\n0777;A-01-02;30;PCE\r\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    Workspace.Run run = ws.reconcile("--columns", "book.sku=Article", "--columns",
        "book.location=Emplacement", "--columns", "book.book_qty=Qte");

    // Unread, 10 CAR was 10 eaches: 110 over, 165.00 of false variance. Read, it is 120.
    Map<String, String> cartons = run.recon("00913", "A-01-02");
    assertEquals("120", cartons.get("book_qty"), cartons::toString);
    assertEquals("matched", cartons.get("status"));
    assertEquals("matched", run.recon("0777", "A-01-02").get("status"));
    assertTrue(run.stderr().contains("book.csv: its column 'Unit\uFFFD' is not UTF-8 text (a "
        + "Windows-1252 export?), but names a unit: read as the book's unit column; save the "
        + "file as UTF-8"), run.stderr());
    java.nio.file.Files.write(dir.resolve("counts.csv"), "sku;location;count_qty;Unit\u00e9 de "
        .concat("mesure\r\n00913;A-01-02;10;CAR\r\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Workspace.Run counts = ws.reconcile("--counts-unit", "EA", "--columns", "book.sku=Article",
        "--columns", "book.location=Emplacement", "--columns", "book.book_qty=Qte");
    assertEquals(2, counts.exitCode(), "a unit column too, never read as eaches");
    assertTrue(counts.stderr().contains("has a unit column"), counts.stderr());
  }

  @Test
  void reconcile_sapCartonAsKarInTheTableCarInTheCounts_oneUnit_aCarrierBesideItRefused() {
    Workspace ws = new Workspace(dir).items("00913,1.50", "00914,3.00")
        .uom("00913,KAR,12", "00914,CAR,4", "00914,CT,24")
        .book("00913,A-01-02,24", "00914,A-01-03,24")
        .counts("00913,A-01-02,2,CAR", "00914,A-01-03,1,CT");

    Workspace.Run run = ws.reconcile();

    // SAP writes its carton KAR in German and CAR in English: one unit, 2 x 12.
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    // A table giving CAR (a carrier, elsewhere) and CT two factors: neither is guessed.
    Map<String, String> refused = run.recon("00914", "A-01-03");
    assertEquals("", refused.get("counted_qty"), refused::toString);
    assertTrue(exception(run, "qty_per_uom").get("reason").contains("already has 4 EA per CT"),
        run.exceptions()::toString);
  }

  @Test
  void reconcile_sapNumeratorHeaderAndConfigSavedAsWindows1252_quotientReadAndNoted()
      throws Exception {
    Workspace ws = new Workspace(dir).items("00913,1.50", "00914,3.00")
        .book("00913,A-01-02,24", "00914,A-01-03,2")
        .counts("00913,A-01-02,2,KAR", "00914,A-01-03,2000,G");
    java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
    java.nio.file.Files.write(dir.resolve("uom.csv"), ("Material;AME;Z\u00e4hler;Nenner\n"
        + "00913;KAR;24;2\n00914;G;1;1000\n").getBytes(cp1252));
    java.nio.file.Files.write(dir.resolve("site.conf"), ("dockcount.reconcile.columns.uom {\n"
        + "  sku = Material, uom = AME, qty_per_uom = \"Z\u00e4hler\"\n}\n").getBytes(cp1252));

    Workspace.Run run = ws.reconcile("--config", dir.resolve("site.conf").toString());

    // Read from Zähler alone, 2 KAR were 48 eaches and 2000 G 2000 eaches.
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"), "2 KAR of 24/2");
    assertEquals("", run.recon("00914", "A-01-03").get("counted_qty"));
    assertTrue(run.stderr().contains("uom.csv: its columns 'Z\uFFFDhler' over 'Nenner' are not "
        + "UTF-8 text"), run.stderr());
  }

  @Test
  void reconcile_windows1252HeaderMappedAsTyped_foundAndItsFactorIsTheQuotient()
      throws Exception {
    Workspace ws = new Workspace(dir).items("00913,1.50", "00914,3.00")
        .book("00913,A-01-02,24", "00914,A-01-03,2")
        .counts("00913,A-01-02,2,KAR", "00914,A-01-03,2000,G");
    java.nio.file.Files.write(dir.resolve("uom.csv"), ("Material;AME;Z\u00e4hler;Nenner\n"
        + "00913;KAR;24;2\n00914;G;1;1000\n").getBytes(
            java.nio.charset.Charset.forName("windows-1252")));

    Workspace.Run run = ws.reconcile("--columns", "uom.sku=Material", "--columns",
        "uom.uom=AME", "--columns", "uom.qty_per_uom=Z\u00e4hler");

    // The user types Zähler as the header reads on screen; the file's byte is not UTF-8.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"), "2 KAR of 24/2");
    assertEquals("", run.recon("00914", "A-01-03").get("counted_qty"));
    assertTrue(run.stderr().contains("uom.csv: its columns 'Z\uFFFDhler' over 'Nenner' are not "
        + "UTF-8 text"), run.stderr());
  }

  @Test
  void reconcile_sapUomTableWithNumeratorAndDenominator_factorIsTheirQuotientOrRefused() {
    Workspace ws = new Workspace(dir).items("00913,1.50", "00914,3.00")
        .book("00913,A-01-02,24", "00914,A-01-03,2")
        .counts("00913,A-01-02,2,KAR", "00914,A-01-03,2000,G");
    ws.write("uom.csv", "Material;AME;Zähler;Nenner", "00913;KAR;24;2", "00914;G;1;1000");

    Workspace.Run run = ws.reconcile("--columns", "uom.sku=Material", "--columns", "uom.uom=AME",
        "--columns", "uom.qty_per_uom=Zähler");

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"), "2 KAR of 24/2");
    // Read from Zähler alone, 1 G was 1 each: 2000 counted against a book of 2.
    Map<String, String> grams = run.recon("00914", "A-01-03");
    assertEquals("", grams.get("counted_qty"), grams::toString);
    assertEquals("count_rows_rejected", grams.get("flags"));
    Map<String, String> refused = exception(run, "Nenner");
    assertEquals("1000", refused.get("value"));
    assertTrue(refused.get("reason").startsWith("1/1000 is not a whole number of eaches per G"),
        refused::toString);
    // A factor under another name may be the quotient already: not divided again.
    ws.write("uom.csv", "sku,uom,qty_per_uom,Numerator,Denominator", "00913,KAR,12,24,2",
        "00914,G,1,1,1000");
    Workspace.Run quotient = ws.reconcile();
    assertEquals("matched", quotient.recon("00913", "A-01-02").get("status"), "2 KAR of 12");
  }

  @Test
  void reconcile_oracleOnHandWithPrimaryAndSecondaryUom_thePrimaryIsTheBooksUnit() {
    Workspace ws = ws().counts("00913,A-01-02,12,EA", "0777,A-01-03,5,EA");
    ws.write("book.csv", "Item,Locator,Primary Quantity,Primary UOM,Secondary Quantity,"
        + "Secondary UOM", "00913,A-01-02,12,EA,3.5,KG", "0777,A-01-03,5,CS,1.2,KG");

    Workspace.Run run = ws.reconcile("--columns", "book.sku=Item", "--columns",
        "book.location=Locator", "--columns", "book.book_qty=Primary Quantity");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.recon("0777", "A-01-03").get("flags").contains("book_rows_rejected"), "5 CS");
  }

  @Test
  void reconcile_bookInAnEachSpellingTheUomTableGivesAnotherFactor_bookUnknownNotOneEach() {
    Workspace ws = new Workspace(dir).items("Y1,1.00", "Y2,1.00").uom("Y1,PC,10")
        .counts("Y1,A-01,4,EA", "Y2,A-02,5,EA");
    ws.write("book.csv", "sku,location,book_qty,uom", "Y1,A-01,4,PC", "Y2,A-02,5,pcs");

    Workspace.Run run = ws.reconcile();

    // The site's PC of Y1 is ten: 4 PC is neither 4 nor surely 40 eaches.
    assertTrue(run.recon("Y1", "A-01").get("flags").contains("book_rows_rejected"),
        run.recon("Y1", "A-01")::toString);
    assertEquals("", run.recon("Y1", "A-01").get("variance_qty"));
    Map<String, String> rejected = exception(run, "uom");
    assertEquals("2", rejected.get("line"));
    assertTrue(rejected.get("reason").startsWith("book quantity is in PC of SKU Y1: "),
        rejected::toString);
    assertEquals("matched", run.recon("Y2", "A-02").get("status"), "PCS of Y2 is each");
  }

  @Test
  void reconcile_bookOfZeroOrUnreadableInADisputedEachSpelling_zeroKeptUnreadableRejectedOnce() {
    Workspace ws = new Workspace(dir).items("Y1,1.00").uom("Y1,PC,10")
        .counts("Y1,A-01,0,EA", "Y1,A-02,3,EA");
    ws.write("book.csv", "sku,location,book_qty,uom", "Y1,A-01,0,PC", "Y1,A-02,1e3,pcs");

    Workspace.Run run = ws.reconcile();

    // 0 PC is 0 eaches whether PC is one or ten, as a count of 0 PC is; a row whose quantity
    // cannot be read is one rejected row, not two, whatever else is wrong with it.
    assertEquals("matched", run.recon("Y1", "A-01").get("status"),
        run.recon("Y1", "A-01")::toString);
    assertEquals("0", run.recon("Y1", "A-01").get("book_qty"));
    List<Map<String, String>> book = run.exceptions().stream()
        .filter(e -> e.get("file").equals("book.csv")).toList();
    assertEquals(1, book.size(), run.exceptions()::toString);
    assertEquals("book_qty", book.get(0).get("field"));
    assertTrue(run.text("summary.json").contains("\"book.csv\": {\"rows\": 2, \"rejected\": 1}"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_palletRowRejectedThenPalletBelowItsBox_rowListedOnce() {
    // Line 4 gives PL through DZ, which has no factor: rejected. PL's 96 EA is then fewer than
    // the box of 100 it holds, so PL's rows are refused: line 4 is one rejected row still.
    Workspace ws = new Workspace(dir).items("S,1.00").book("S,A-01,100")
        .counts("S,A-01,1,BX");
    ws.write("uom.csv", "sku,uom,qty_per_uom,base_uom", "S,BX,100,", "S,PL,96,", "S,PL,40,DZ");

    Workspace.Run run = ws.reconcile();

    List<String> lines = run.exceptions().stream().filter(e -> e.get("file").equals("uom.csv"))
        .map(e -> e.get("line")).toList();
    assertEquals(List.of("3", "4"), lines, run.exceptions()::toString);
    assertTrue(run.text("summary.json").contains("\"uom.csv\": {\"rows\": 3, \"rejected\": 2}"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_bookUnitColumnOfFiguresOnly_readAsNoUnitColumnAndSaid() {
    Workspace ws = ws().counts("00913,A-01-02,12,EA", "0777,A-01-03,5,EA");
    ws.write("book.csv", "sku,location,book_qty,Unit", "00913,A-01-02,12,3", "0777,A-01-03,5,");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.stderr().contains("book.csv: its column 'Unit' holds numbers, not units of "
        + "measure: read as no unit column"), run.stderr());
    // Mapped by hand, it is read as the unit it says: 3 is no unit of 00913.
    Workspace.Run mapped = ws.reconcile("--columns", "book.book_uom=Unit");
    assertEquals("book_rows_rejected", mapped.recon("00913", "A-01-02").get("flags"));
  }

  @Test
  void reconcile_bookWithTwoUnitColumns_exit2NamingBoth() {
    Workspace ws = ws().counts("00913,A-01-02,12,EA", "0777,A-01-03,5,EA");
    ws.write("book.csv", "sku,location,book_qty,uom,Stock UOM", "00913,A-01-02,12,EA,CS",
        "0777,A-01-03,5,CS,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: the book has 2 unit columns, 'uom' and 'Stock UOM': map "
        + "the one its quantity is in with --columns book.book_uom=NAME"),
        run.stderr().lines().toList());
    Workspace.Run mapped = ws.reconcile("--columns", "book.book_uom=Stock UOM");
    assertEquals(0, mapped.exitCode(), mapped.stderr());
    // 12 CS of 12 is 144 eaches, and the 12 counted are the case count.
    assertEquals("144", mapped.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("probable_unit_error", mapped.recon("00913", "A-01-02").get("flags"));
    assertEquals("matched", mapped.recon("0777", "A-01-03").get("status"));
  }

  @Test
  void reconcile_bookUnitsColumnOfUnitWords_readAsItsUnitColumnAndSaid() {
    // A NetSuite-style book: 'Units' beside the quantity says what the quantity counts.
    Workspace ws = ws().counts("00913,A-01-02,24,EA", "0777,A-01-03,5,EA");
    ws.write("book.csv", "sku,location,book_qty,Units", "00913,A-01-02,2,Case",
        "0777,A-01-03,5,Each");

    Workspace.Run run = ws.reconcile();

    // 2 cases of 12 are the 24 counted: read as eaches they were 22 over.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("matched", run.recon("0777", "A-01-03").get("status"));
    assertTrue(run.stderr().contains("book.csv: its column 'Units' holds units of measure "
        + "(Case, Each): read as the book's unit column"), run.stderr());
  }

  @Test
  void reconcile_itemMasterUnitsColumnOfUnitWords_costReadPerThatUnit() {
    // A NetSuite-style item list: the purchase price of a case, its unit beside it.
    Workspace ws = ws().book("00913,A-01-02,24", "0777,A-01-03,10")
        .counts("00913,A-01-02,23,EA", "0777,A-01-03,9,EA");
    ws.write("items.csv", "sku,unit_cost,Units", "00913,24.00,Case", "0777,3.00,Each");

    Workspace.Run run = ws.reconcile();

    // 24.00 a case of 12 is 2.00 an each: read per each it valued one each short at -24.00.
    assertEquals("2.00", run.recon("00913", "A-01-02").get("unit_cost"));
    assertEquals("-2.00", run.recon("00913", "A-01-02").get("variance_value"));
    assertEquals("3.00", run.recon("0777", "A-01-03").get("unit_cost"));
    assertTrue(run.stderr().contains("items.csv: its column 'Units' holds units of measure "
        + "(Case, Each): read as the unit each cost is per"), run.stderr());
  }

  @Test
  void reconcile_bookUnitsColumnOfCodesNoneKnown_notReadAndSaidHowToMapIt() {
    // A site's own unit codes: unknown, they cannot be told from other text, but are said.
    Workspace ws = ws().counts("00913,A-01-02,2,EA");
    ws.write("book.csv", "sku,location,book_qty,Units", "00913,A-01-02,2,CTN24");

    Workspace.Run run = ws.reconcile();

    assertEquals("2", run.recon("00913", "A-01-02").get("book_qty"));
    assertTrue(run.stderr().contains("book.csv: its column 'Units' holds words (CTN24) but no "
        + "unit known to dockcount or named in the UOM table: not read as the book's unit "
        + "column; if they are units, --columns book.book_uom=Units reads them (each needs its "
        + "factor in the UOM table)"), run.stderr());
  }

  @Test
  void reconcile_unitsColumnsOfCodesTheUomTableNames_readAsTheUnitColumns() {
    // CTN24 is no unit dockcount knows, but the site's table names it: 2 CTN24 are 48 eaches.
    Workspace ws = new Workspace(dir).uom("00913,CTN24,24").counts("00913,A-01-02,48,EA");
    ws.write("book.csv", "sku,location,book_qty,Units", "00913,A-01-02,2,CTN24");
    ws.write("items.csv", "sku,unit_cost,Units", "00913,48.00,Ctn24");

    Workspace.Run run = ws.reconcile();

    assertEquals("48", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("2.00", run.recon("00913", "A-01-02").get("unit_cost"));
    assertTrue(run.stderr().contains("book.csv: its column 'Units' holds units of measure "
        + "(CTN24): read as the book's unit column"), run.stderr());
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_bookUnitsColumnBlankInItsFirstRows_unitsFurtherDownStillRead() {
    // Eaches are left blank, so the first cases come 20 rows down: still the unit column.
    Workspace ws = ws().counts("00913,A-01-02,24,EA");
    List<String> rows = new ArrayList<>(List.of("sku,location,book_qty,Units"));
    for (int i = 0; i < 20; i++) {
      rows.add("0777,B-01-" + String.format("%02d", i) + ",5,");
    }
    rows.add("00913,A-01-02,2,Case");
    ws.write("book.csv", rows.toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    // Read as no unit, the 2 cases were a book of 2 eaches and 22 over.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("5", run.recon("0777", "B-01-07").get("book_qty"));
    assertTrue(run.stderr().contains("book.csv: its column 'Units' holds units of measure "
        + "(Case): read as the book's unit column"), run.stderr());
  }

  @Test
  void reconcile_bookUnitsColumnOfUnitsAndAFigure_readAsUnitsTheFigureRowRefused() {
    Workspace ws = ws().counts("00913,A-01-02,24,EA", "0777,A-01-03,5,EA");
    ws.write("book.csv", "sku,location,book_qty,Units", "00913,A-01-02,2,Case",
        "0777,A-01-03,5,7");

    Workspace.Run run = ws.reconcile();

    // Once unread for its figure, the column made the 2 cases 2 eaches, silently.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("", run.recon("0777", "A-01-03").get("book_qty"));
    assertEquals(List.of("book.csv:3"), run.exceptions().stream()
        .map(e -> e.get("file") + ":" + e.get("line")).toList());
    assertTrue(run.stderr().contains("book.csv: its column 'Units' holds units of measure "
        + "(Case) and figures (7): read as the book's unit column"), run.stderr());
  }

  @Test
  void reconcile_bookUnitsColumnOfFigures_notReadAsAUnit() {
    Workspace ws = ws().counts("00913,A-01-02,12,EA");
    ws.write("book.csv", "sku,location,book_qty,Units", "00913,A-01-02,12,12");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertFalse(run.stderr().contains("Units"), run.stderr());
  }

  /** A book headed {@code sku,location,book_qty,Units} whose first 20 rows' Units are 1. */
  private static List<String> bookOfFiguresThen(String... below) {
    List<String> rows = new ArrayList<>(List.of("sku,location,book_qty,Units"));
    for (int i = 0; i < 20; i++) {
      rows.add("0777,B-01-" + String.format("%02d", i) + ",5,1");
    }
    rows.addAll(List.of(below));
    return rows;
  }

  @Test
  void reconcile_bookUnitsColumnOfFiguresThenAUnitBelow_thatRowRejectedNamingTheColumn() {
    Workspace ws = ws().counts("00913,A-01-02,24,EA", "00913,A-01-03,0,EA",
        "00913,A-01-04,3,EA");
    ws.write("book.csv", bookOfFiguresThen("00913,A-01-02,2,CS", "00913,A-01-03,0,Case",
        "00913,A-01-04,3,n/a").toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    // Judged a quantity by its first 16 figures, the column once made the 2 cases 2 eaches.
    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> cases = run.recon("00913", "A-01-02");
    assertEquals("", cases.get("book_qty"));
    assertEquals("book_rows_rejected", cases.get("flags"));
    Map<String, String> e = exception(run, "Units");
    assertEquals("book.csv", e.get("file"));
    assertEquals("22", e.get("line"));
    assertEquals("CS", e.get("value"));
    assertEquals("column 'Units' held figures (1) in its first filled rows, so it is read as no "
        + "unit column, but holds the unit CS here: the row's quantity may be in CS, never read "
        + "as eaches; if it is the book's unit column, map it with --columns "
        + "book.book_uom=Units", e.get("reason"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    // 0 cases are 0 eaches, and n/a is no unit: both rows read.
    assertEquals("matched", run.recon("00913", "A-01-03").get("status"));
    assertEquals("3", run.recon("00913", "A-01-04").get("book_qty"));
  }

  @Test
  void reconcile_bookUnitsColumnOfFiguresThenASiteCodeBelow_rejectedAsAnyUnit() {
    Workspace ws = new Workspace(dir).uom("00913,CTN24,24").counts("00913,A-01-02,48,EA");
    ws.write("book.csv", bookOfFiguresThen("00913,A-01-02,2,ctn24").toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    assertEquals("", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("ctn24", exception(run, "Units").get("value"));
  }

  @Test
  void reconcile_itemUnitsColumnOfFiguresThenAUnitBelow_thatCostRejectedItsClassKept() {
    Workspace ws = ws().book("00913,A-01-02,24").counts("00913,A-01-02,23,EA");
    List<String> items = new ArrayList<>(List.of("sku,unit_cost,class,Units"));
    for (int i = 0; i < 16; i++) {
      items.add("X" + i + ",1.00,C,10");
    }
    items.add("00913,24.00,A,Case");
    ws.write("items.csv", items.toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    // Read per each, the case's 24.00 valued one each short at -24.00.
    assertEquals("", run.recon("00913", "A-01-02").get("unit_cost"));
    assertEquals("missing_cost", run.recon("00913", "A-01-02").get("flags"));
    Map<String, String> e = exception(run, "Units");
    assertEquals("18", e.get("line"));
    assertTrue(e.get("reason").startsWith("column 'Units' held figures (10) in its first "
        + "filled rows, so it is read as no unit column, but holds the unit Case here: its "
        + "cost may be per Case, never read as per each"), e.get("reason"));
    assertTrue(e.get("reason").endsWith("(the row's class A is kept)"), e.get("reason"));
  }

  /** Rows headed {@code header} whose last field is {@code filler}'s figure, 20, then below. */
  private static String[] figuresThen(String header, String filler, String... below) {
    List<String> rows = new ArrayList<>(List.of(header));
    for (int i = 0; i < 20; i++) {
      rows.add(filler.replace("#", String.format("%02d", i)));
    }
    rows.addAll(List.of(below));
    return rows.toArray(String[]::new);
  }

  @Test
  void reconcile_bookUomColumnOfFiguresThenAUnitBelow_thatRowRejectedNamingTheColumn() {
    Workspace ws = ws().counts("00913,A-01-02,24,EA", "00913,A-01-03,0,EA");
    ws.write("book.csv", figuresThen("sku,location,book_qty,UoM", "0777,B-01-#,5,7",
        "00913,A-01-02,2,CS", "00913,A-01-03,0,CS"));

    Workspace.Run run = ws.reconcile();

    // Read as no unit column by its first figures, the column once made the 2 cases 2 eaches.
    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> cases = run.recon("00913", "A-01-02");
    assertEquals("", cases.get("book_qty"));
    assertEquals("book_rows_rejected", cases.get("flags"));
    Map<String, String> e = exception(run, "UoM");
    assertEquals("22", e.get("line"));
    assertEquals("CS", e.get("value"));
    assertEquals("column 'UoM' held figures (7) in its first filled rows, so it is read as no "
        + "unit column, but holds the unit CS here: the row's quantity may be in CS, never read "
        + "as eaches; if it is the book's unit column, map it with --columns book.book_uom=UoM",
        e.get("reason"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("matched", run.recon("00913", "A-01-03").get("status"));
    assertEquals("5", run.recon("0777", "B-01-00").get("book_qty"));
    assertTrue(run.stderr().contains("book.csv: its column 'UoM' holds numbers, not units of "
        + "measure: read as no unit column, and a row holding a unit there further down is "
        + "rejected (map it with --columns book.book_uom=UoM if it is the unit the book's "
        + "quantities are in)"), run.stderr());
  }

  @Test
  void reconcile_itemStockUomColumnOfFiguresThenAUnitBelow_thatCostRejectedItsClassKept() {
    Workspace ws = new Workspace(dir).uom("00913,CS,12").book("00913,A-01-02,24")
        .counts("00913,A-01-02,23,EA");
    ws.write("items.csv", figuresThen("sku,unit_cost,class,Stock UOM", "X#,1.00,C,1",
        "00913,24.00,A,CS"));

    Workspace.Run run = ws.reconcile();

    // Read per each, the case's 24.00 valued the each short at -24.00.
    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("", line.get("unit_cost"));
    assertEquals("missing_cost", line.get("flags"));
    Map<String, String> e = exception(run, "Stock UOM");
    assertEquals("22", e.get("line"));
    assertTrue(e.get("reason").startsWith("column 'Stock UOM' held figures (1) in its first "
        + "filled rows, so it is read as no unit column, but holds the unit CS here: its cost "
        + "may be per CS, never read as per each"), e.get("reason"));
    assertTrue(e.get("reason").endsWith("(the row's class A is kept)"), e.get("reason"));
  }

  @Test
  void reconcile_uomBaseUnitColumnOfFiguresThenAUnitBelow_thatFactorRejected() {
    Workspace ws = new Workspace(dir).items("00913,2.00").book("00913,A-01-02,480")
        .counts("00913,A-01-02,1,PL");
    ws.write("uom.csv", figuresThen("sku,uom,qty_per_uom,Base Unit", "X#,CS,12,1",
        "00913,CS,12,", "00913,PL,40,CS"));

    Workspace.Run run = ws.reconcile();

    // Read as eaches, the pallet of 40 cases was 40 eaches: 440 short.
    Map<String, String> e = exception(run, "Base Unit");
    assertEquals("uom.csv", e.get("file"));
    assertEquals("23", e.get("line"));
    assertEquals("column 'Base Unit' held figures (1) in its first filled rows, so it is read "
        + "as no unit column, but holds the unit CS here: its factor may count CS, never read "
        + "as eaches; if it is the unit the factors count, map it with --columns "
        + "uom.base_uom=Base Unit", e.get("reason"));
    assertEquals("", run.recon("00913", "A-01-02").get("counted_qty"));
    assertTrue(run.stderr().contains("uom.csv: its column 'Base Unit' holds numbers, not units "
        + "of measure: its factors are read as eaches"), run.stderr());
  }

  @Test
  void reconcile_bookQuantityNamedUnits_isNoUnitColumn() {
    Workspace ws = ws().counts("00913,A-01-02,12,EA");
    ws.write("book.csv", "sku,location,units", "00913,A-01-02,12");

    Workspace.Run run = ws.reconcile("--columns", "book.book_qty=units");

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CS", "cs", "Case", "CASES", " c s ", "ca", "C\u00a0S"})
  void reconcile_caseAliasInAnySpelling_convertedByTheCaseFactor(String unit) {
    Workspace ws = ws().book("00913,A-01-02,24").counts("00913,A-01-02,2," + unit);

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_eachSynonymGivenAnotherFactor_itsCountsRefusedNeverOneEach() {
    // The site's table uses PC for a pack of 10: counts in PC are neither 10 (PC reads as
    // each everywhere else) nor 1 (the table says otherwise), and counts in EA still count.
    Workspace ws = new Workspace(dir).items("Y1,1.00", "Y2,1.00")
        .uom("Y1,PC,10", "Y2,EA,3").book("Y1,N-01-01,50", "Y2,N-01-02,5")
        .counts("Y1,N-01-01,5,pc", "Y1,N-01-01,2,EA", "Y2,N-01-02,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> y1 = run.recon("Y1", "N-01-01");
    assertEquals("2", y1.get("counted_qty"));
    assertEquals("count_rows_rejected|master_data_conflict", y1.get("flags"));
    Map<String, String> y2 = run.recon("Y2", "N-01-02");
    assertEquals("matched", y2.get("status"), "EA is one each, whatever the row says");
    assertEquals("master_data_conflict", y2.get("flags"), "but the table disagrees: said");
    assertEquals("PC is read as EA (each), whose factor is always 1, but the table gives it 10:"
        + " counts in PC for this SKU are refused until it agrees",
        exception(run, "qty_per_uom").get("reason"));
    assertEquals("unit PC of SKU Y1: the UOM table gives PC 10 EA (uom.csv line 2), but PC is"
        + " read as each: which is it?", exception(run, "count_uom").get("reason"));
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_caseTheUomTableSpellsItsOwnWay_rejectionNamesTheUnitsItHas() {
    // The site's table writes its case "CASE 12": a count of 2 Case is no count of that unit
    // (never guessed), and the reason shows the analyst the spelling to map.
    Workspace ws = new Workspace(dir).items("A,1.00", "B,1.00")
        .uom("A,CASE 12,12", "A,Inner,6", "A,EA,1", "B,EA,1")
        .book("A,A-01,24", "B,A-02,1").counts("A,A-01,2,Case", "B,A-02,1,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("unit CASE (read as CS) has no factor for SKU A in the UOM table; it has "
        + "CASE12 = 12 EA, IP = 6 EA", run.exceptions().get(0).get("reason"));
    assertEquals("unit CS has no factor for SKU B in the UOM table",
        run.exceptions().get(1).get("reason"), "no unit but each: none to name");
    assertEquals("missing", run.recon("A", "A-01").get("status"));
    assertEquals("count_rows_rejected", run.recon("A", "A-01").get("flags"));
  }

  @Test
  void reconcile_unitWithNoFactorInAnotherSpelling_reasonNamesItAsWrittenAndAsRead() {
    // The file says PAL and ST: a reason naming only PL or EA sends the analyst looking for a
    // value the file does not hold.
    Workspace ws = new Workspace(dir).uom("A,CS,12")
        .counts("A,A-01,1,PAL", "B,A-02,\"1,5\",ST");
    ws.write("book.csv", "sku,location,book_qty,uom", "A,A-01,2,PAL", "B,A-02,2,ST");
    ws.write("items.csv", "sku,unit_cost,cost_uom", "A,24,PAL", "B,1,EA");

    Workspace.Run run = ws.reconcile("--decimal-comma");

    assertEquals("unit PAL (read as PL) has no factor for SKU A in the UOM table; it has "
        + "CS = 12 EA", exception(run, "count_uom").get("reason"));
    assertEquals("1,5 ST (read as EA) x 1 EA does not resolve to whole eaches",
        exception(run, "count_qty").get("reason"));
    assertEquals("book quantity is in PAL (read as PL), which has no factor for SKU A in the "
        + "UOM table; it has CS = 12 EA", exception(run, "uom").get("reason"));
    assertTrue(exception(run, "unit_cost").get("reason").startsWith("unit cost is per PAL "
        + "(read as PL) (cost_uom), which has no factor for SKU A"),
        exception(run, "unit_cost")::toString);
  }

  @Test
  void reconcile_unitWithNoFactorAsTheTableWritesIt_reasonNamesItOnce() {
    Workspace ws = new Workspace(dir).items("A,1.00").uom("A,CS,12")
        .book("A,A-01,24").counts("A,A-01,1,BX");

    Workspace.Run run = ws.reconcile();

    assertEquals("unit BX has no factor for SKU A in the UOM table; it has CS = 12 EA",
        exception(run, "count_uom").get("reason"));
  }

  @Test
  void reconcile_masterFilesShowTheSkuInScientificNotation_rejectionAndNoteSaySo() {
    // Item master and UOM table saved from a spreadsheet that showed 12 digits as 3.54158E+11.
    Workspace ws = new Workspace(dir).items("3.54158E+11,2.50").uom("3.54158E+11,CS,12")
        .book("354157840820,A-01,24").counts("354157840820,A-01,2,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("unit CS has no factor for SKU 354157840820 in the UOM table (it has one for "
        + "SKU 3.54158E+11: a spreadsheet's scientific notation, its digits lost?)",
        exception(run, "count_uom").get("reason"));
    assertTrue(run.stderr().contains("dockcount: note: items.csv: no cost for SKU 354157840820 "
        + "(items have 3.54158E+11): a spreadsheet's scientific notation, its digits lost? Those "
        + "lines are flagged missing_cost\n"), run.stderr());
  }

  @Test
  void reconcile_masterFilesLostTheSkusLeadingZeros_rejectionSaysSoNotTheColumns() {
    Workspace ws = new Workspace(dir).items("913,2.50").uom("913,CS,12")
        .book("00913,A-01,24").counts("00913,A-01,2,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("unit CS has no factor for SKU 00913 in the UOM table (it has one for SKU 913:"
        + " leading zeros lost in one of the files?)", exception(run, "count_uom").get("reason"));
    assertTrue(!run.stderr().contains("is each column mapped"), run.stderr());
    assertTrue(run.stderr().contains("dockcount: note: items.csv: no cost for SKU 00913 (items "
        + "have 913): leading zeros lost in one of the files? Those lines are flagged "
        + "missing_cost\n"), run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PCS", "pcs.", "Piece", "PIECES"})
  void reconcile_eachSynonymGivenAnotherFactor_itsOtherFormsRefusedToo(String unit) {
    // PC = 10 at this site: PCS is no surer one each than PC is.
    Workspace ws = new Workspace(dir).items("Y1,1.00").uom("Y1,PC,10")
        .book("Y1,N-01-01,5").counts("Y1,N-01-01,5," + unit);

    Workspace.Run run = ws.reconcile();

    Map<String, String> y1 = run.recon("Y1", "N-01-01");
    assertEquals("", y1.get("counted_qty"), "neither 5 nor 50");
    assertEquals("count_rows_rejected|master_data_conflict", y1.get("flags"));
    assertTrue(exception(run, "count_uom").get("reason").endsWith(
        "the UOM table gives PC 10 EA (uom.csv line 2), but PC is read as each: which is it?"),
        exception(run, "count_uom")::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EA", "each", "Eaches", "units", "PCS"})
  void reconcile_eachAlias_noTableRowNeeded(String unit) {
    Workspace ws = ws().book("00913,A-01-02,7").counts("00913,A-01-02,7," + unit);

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
  }

  @Test
  void reconcile_tableUnitInAliasSpelling_matchesCountInCanonicalCode() {
    Workspace ws = ws().uom("X,Pallet,480", "X,box,24").book("X,A-1,504")
        .counts("X,A-1,1,PL", "X,A-1,1,BX");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("X", "A-1").get("status"));
  }

  @Test
  void reconcile_countsUnitForASheetWithoutUnitColumn_everyCountInThatUnit() {
    Workspace ws = ws().uom("00913,CS,12").book("00913,A-01-02,24", "0777,A-01-03,5");
    ws.write("counts.csv", "sku,location,count_qty", "00913,A-01-02,2", "0777,A-01-03,5");

    Workspace.Run inCases = ws.reconcile("--counts-unit", "cs");

    assertEquals("24", inCases.recon("00913", "A-01-02").get("counted_qty"));
    Map<String, String> x = exception(inCases, "count_uom");
    assertEquals("cs", x.get("value"), "the unit given, for a file without the column");
    assertTrue(x.get("reason").contains("no factor for SKU 0777"), x.get("reason"));
    Workspace.Run inEaches = ws.reconcile("--counts-unit", "EA"); // the same reports replaced
    assertEquals("2", inEaches.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("matched", inEaches.recon("0777", "A-01-03").get("status"));
  }

  @Test
  void reconcile_blankCountsUnitOption_exit2NamingTheOptionNotTheConfig() {
    Workspace ws = ws().book("00913,A-01-02,24");
    ws.write("counts.csv", "sku,location,count_qty", "00913,A-01-02,24");

    Workspace.Run run = ws.reconcile("--counts-unit", " ");

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: --counts-unit is blank: give a unit such as EA, or leave the "
        + "option out to read the counts file's own unit column", run.stderr().strip());
  }

  @Test
  void reconcile_countsUnitWithoutAFactorForAnyCount_saidToBeTheOptionsNotAColumnMapping() {
    Workspace ws = ws().uom("00913,CS,12").book("00913,A-01-02,24");
    ws.write("counts.csv", "sku,location,count_qty", "00913,A-01-02,2");

    Workspace.Run run = ws.reconcile("--counts-unit", "PL");

    // The file has no unit column: the refused unit is the option's, and the hint says so.
    assertEquals(3, run.exitCode());
    assertTrue(exception(run, "count_uom").get("reason").endsWith("(the unit --counts-unit "
        + "gives every count)"), exception(run, "count_uom")::toString);
    assertTrue(run.stderr().contains("(is it the unit the sheet was counted in?)"),
        run.stderr());
    assertFalse(run.stderr().contains("is each column mapped"), run.stderr());
  }

  @Test
  void reconcile_countsUnitWhileTheFileHasAUnitColumn_exit2NotReadEitherWay() {
    Workspace ws = ws().book("00913,A-01-02,24").counts("00913,A-01-02,2,CS");

    Workspace.Run run = ws.reconcile("--counts-unit", "EA");

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: counts.csv: has a unit column ('count_uom'), and the "
        + "counts unit is set to EA too: leave the counts unit out, and map that column with "
        + "--columns counts.count_uom=NAME if it is not named count_uom"),
        run.stderr().lines().toList());
    ws.write("counts.csv", "sku,location,count_qty,Unit of Measure", "00913,A-01-02,2,CS");
    assertTrue(ws.reconcile("--counts-unit", "EA").stderr().contains("has a unit column ('Unit "
        + "of Measure')"), "a unit column by another name is one too");
    for (String header : new String[] {"Stock UOM", "Inventory UOM", "Unit", "Count Unit",
        "Base Unit of Measure", "UM", "units"}) {
      ws.write("counts.csv", "sku,location,count_qty," + header, "00913,A-01-02,2,CS");
      assertTrue(ws.reconcile("--counts-unit", "EA").stderr().contains("has a unit column ('"
          + header + "')"), header);
    }
    ws.write("counts.csv", "sku,location,count_qty,Unit Cost", "00913,A-01-02,2,1.50");
    assertEquals(0, ws.reconcile("--counts-unit", "EA").exitCode(), "a cost is no unit");
    ws.write("counts.csv", "sku,location,Units", "00913,A-01-02,2");
    assertEquals(0, ws.reconcile("--counts-unit", "EA", "--columns", "counts.count_qty=Units")
        .exitCode(), "the quantity read is no unit column, whatever its name");
    ws.write("counts.csv", "sku,location,count_qty", "00913,A-01-02,2");
    assertTrue(ws.reconcile().stderr().strip().endsWith("map one with --columns "
        + "counts.count_uom=NAME, or give --counts-unit UNIT for a sheet whose every count is "
        + "in one unit"), "no unit column, no counts unit: both ways are told");
  }

  @Test
  void reconcile_unitWithoutFactorForSku_rowRejectedNotTakenAsOne() {
    Workspace ws = ws().uom("00913,CS,12", "OTHER,PL,480").book("00913,A-01-02,12")
        .counts("00913,A-01-02,1,PL", "00913,A-01-02,12,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> x = exception(run, "count_uom");
    assertEquals("counts.csv", x.get("file"));
    assertEquals("2", x.get("line"));
    assertEquals("PL", x.get("value"));
    assertTrue(x.get("reason").contains("no factor for SKU 00913"), x.get("reason"));
    assertEquals("12", run.recon("00913", "A-01-02").get("counted_qty"));
  }

  @Test
  void reconcile_fractionalCountWholeInEaches_accepted() {
    Workspace ws = ws().book("00913,A-01-02,6").counts("00913,A-01-02,0.5,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("6", run.recon("00913", "A-01-02").get("counted_qty"));
  }

  @Test
  void reconcile_fractionalCountNotWholeInEaches_rejectedNeverRounded() {
    Workspace ws = ws().uom("Y,CS,5").book("Y,A-1,5")
        .counts("Y,A-1,0.5,CS", "Y,A-1,2.5,EA");

    Workspace.Run run = ws.reconcile();

    List<Map<String, String>> x = run.exceptions();
    assertEquals(2, x.size());
    assertEquals(List.of("2", "3"), x.stream().map(e -> e.get("line")).toList());
    assertTrue(x.stream().allMatch(e -> e.get("field").equals("count_qty")
        && e.get("reason").contains("does not resolve to whole eaches")), x::toString);
    assertEquals("missing", run.recon("Y", "A-1").get("status"));
  }

  @Test
  void reconcile_nonWholeFactorInTable_rejectedAtLoadAndUnitUnusable() {
    Workspace ws = ws().uom("Z,DZ,0.083", "Z,PK,6").book("Z,A-1,36")
        .counts("Z,A-1,3,DZ", "Z,A-1,6,PK");

    Workspace.Run run = ws.reconcile();

    Map<String, String> atLoad = exception(run, "qty_per_uom");
    assertEquals("uom.csv", atLoad.get("file"));
    assertEquals("2", atLoad.get("line"));
    assertEquals("0.083", atLoad.get("value"));
    assertEquals("count_uom", exception(run, "count_uom").get("field"));
    assertEquals("36", run.recon("Z", "A-1").get("counted_qty"));
  }

  @Test
  void reconcile_eachFactorOtherThanOne_rejectedAndEachStaysOne() {
    Workspace ws = ws().uom("Z,EA,2").book("Z,A-1,4").counts("Z,A-1,4,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> x = exception(run, "qty_per_uom");
    assertTrue(x.get("reason").contains("base unit"), x.get("reason"));
    assertEquals("matched", run.recon("Z", "A-1").get("status"));
  }

  @Test
  void reconcile_conflictingFactors_unitWithdrawnCountsInItRejectedLineRecounted() {
    // 1 CS of 12 against a book of 12 would match with the first row, and be 2 short with the
    // second: neither is taken, so the count is not turned into eaches by a guess.
    Workspace ws = ws().uom("Z,CS,12", "Z,case,10", "Z,CS,12", "Z,IP,6")
        .book("Z,A-1,12", "Z,A-2,12").counts("Z,A-1,1,CS", "Z,A-2,2,IP");

    Workspace.Run run = ws.reconcile();

    Map<String, String> x = exception(run, "qty_per_uom");
    assertEquals("3", x.get("line"));
    assertTrue(x.get("reason").contains("already has 12 EA per CS: with two factors CS has "
        + "none"), x.get("reason"));
    assertTrue(run.exceptions().stream().anyMatch(e -> e.get("line").equals("4")
        && e.get("reason").contains("already has two factors for CS")), run.exceptions()::toString);
    Map<String, String> count = exception(run, "count_uom");
    assertEquals("unit CS has no factor for SKU Z in the UOM table: the UOM table gives it two "
        + "factors (12 and 10 EA, uom.csv line 3), so neither is used", count.get("reason"));
    Map<String, String> line = run.recon("Z", "A-1");
    assertEquals("missing", line.get("status"));
    assertEquals("count_rows_rejected|master_data_conflict", line.get("flags"));
    assertTrue(run.task("Z", "A-1").get("reason").contains("every count row was rejected"));
    // The SKU's other units are unaffected.
    assertEquals("matched", run.recon("Z", "A-2").get("status"));
  }

  @Test
  void reconcile_zeroOrNegativeFactor_rejected() {
    Workspace ws = ws().uom("Z,CS,0", "Z,PL,-5").book("Z,A-1,1").counts("Z,A-1,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exceptions().size());
  }

  @Test
  void reconcile_partialCountsInMixedUnits_addUpInEaches() {
    Workspace ws = ws().book("00913,A-01-02,30")
        .counts("00913,A-01-02,2,CS", "00913,A-01-02,4,EA", "00913,A-01-02,2,each");

    Workspace.Run run = ws.reconcile();

    assertEquals("30", run.recon("00913", "A-01-02").get("counted_qty"));
  }

  @Test
  void reconcile_oneEachCountedAgainstCaseSizedBook_probableUnitErrorTask() {
    Workspace ws = ws().book("00913,A-01-02,12").counts("00913,A-01-02,1,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("probable_unit_error", line.get("flags"));
    assertTrue(run.task("00913", "A-01-02").get("reason").contains("probable unit error"));
    assertTrue(run.text("summary.json").contains("\"probable_unit_errors\": 1"));
  }

  @Test
  void reconcile_eachesCountedMatchingABookKeyedInCases_reasonStatesTheEachesCounted() {
    // 24 EA counted against a book of 2: the book, not the count, was probably keyed in cases.
    Workspace ws = ws().book("00913,A-01-02,2").counts("00913,A-01-02,24,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.task("00913", "A-01-02").get("reason").startsWith("probable unit error: 24 EA "
        + "counted = 2 CS; the book of 2 EA may be in CS"),
        run.task("00913", "A-01-02").get("reason"));
  }

  @Test
  void reconcile_unitErrorWhereTwoUnitsHaveOneSize_reasonNamesTheUnitKeyed() {
    // 1 DOZEN keyed is "1 DZ", not "1 CS", though a case holds a dozen too.
    Workspace ws = new Workspace(dir).items("00913,2.50").uom("00913,CS,12", "00913,DZ,12")
        .book("00913,A-01-02,1").counts("00913,A-01-02,1,DOZEN");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.task("00913", "A-01-02").get("reason").startsWith("probable unit error: 12 EA "
        + "counted (1 DZ); 1 EA would match the book of 1 EA"),
        run.task("00913", "A-01-02").get("reason"));
  }

  @Test
  void reconcile_countMatchingOnlyAsEachesReadInAnotherUnit_noUnitError() {
    // 1 IP (3 EA) keyed against a book of 36: 3 CS would be 36, but nobody keyed 3 of anything;
    // 2 CS (24 EA) against 12 read as 12 BX counted would be a unit nobody keyed either, and
    // the book's 12 in boxes is said as such.
    Workspace ws = new Workspace(dir).items("S,1.00", "T,1.00")
        .uom("S,CS,12", "S,IP,3", "T,CS,12", "T,BX,2")
        .book("S,A-01,36", "T,A-02,12").counts("S,A-01,1,IP", "T,A-02,2,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("", run.recon("S", "A-01").get("flags"));
    assertEquals("probable_unit_error", run.recon("T", "A-02").get("flags"));
    assertTrue(run.task("T", "A-02").get("reason").startsWith("probable unit error: 24 EA "
        + "counted = 12 BX; the book of 12 EA may be in BX"), run.task("T", "A-02").get("reason"));
    assertTrue(run.text("summary.json").contains("\"probable_unit_errors\": 1"));
  }

  @Test
  void reconcile_lineKeyedInTwoUnits_readOnlyAgainstTheBooksUnit() {
    // 6 EA and 0 CS against a book of 72: 6 read as cases would be 72, but the line is not one
    // number keyed in one unit, so which was meant is not guessed at.
    Workspace ws = ws().book("00913,A-01-02,72").counts("00913,A-01-02,6,EA",
        "00913,A-01-02,0,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("", run.recon("00913", "A-01-02").get("flags"));
  }

  @Test
  void reconcile_oneLotKeyedInTheWrongUnit_thatLotAndItsLineFlaggedTheOtherLotNot() {
    // Lot L1's case keyed as 1 each, L2 counted right: the line's 13 against 24 matches no
    // unit, but L1's 1 against 12 does, and says where to look.
    Workspace ws = ws();
    ws.write("book.csv", "sku,location,lot,book_qty", "00913,A-01-02,L1,12",
        "00913,A-01-02,L2,12");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom", "00913,A-01-02,L1,1,EA",
        "00913,A-01-02,L2,12,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("-11", line.get("variance_qty"));
    assertEquals("probable_unit_error", line.get("flags"));
    assertTrue(line.get("recount").startsWith("probable unit error: lot L1: 1 EA counted; 1 CS "
        + "would match the book of 12 EA"), line::toString);
    assertEquals("probable_unit_error", run.lot("00913", "A-01-02", "L1").get("flags"));
    assertEquals("", run.lot("00913", "A-01-02", "L2").get("flags"));
  }

  @Test
  void reconcile_lineWithAZeroInAUnitWithoutFactor_readOnlyAgainstTheBooksUnitToo() {
    // 6 EA and 0 BX (no factor: read as 0 EA) against 72 is keyed in two units as much as 6 EA
    // and 0 CS is: neither unit is taken as the one meant.
    Workspace ws = ws().book("00913,A-01-02,72", "00913,A-01-03,72")
        .counts("00913,A-01-02,6,EA", "00913,A-01-02,0,BX", "00913,A-01-03,6,EA",
            "00913,A-01-03,0,");

    Workspace.Run run = ws.reconcile();

    assertEquals("", run.recon("00913", "A-01-02").get("flags"));
    assertEquals("", run.recon("00913", "A-01-03").get("flags"));
  }

  @Test
  void reconcile_fractionKeyedThatWouldMatchInAnotherUnit_probableUnitError() {
    // 0.5 CS (6 EA) keyed against a book of 24: 0.5 of a pallet of 48 would match.
    Workspace ws = new Workspace(dir).items("P,1.00").uom("P,CS,12", "P,PL,48")
        .book("P,A-01,24").counts("P,A-01,0.5,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("probable_unit_error", run.recon("P", "A-01").get("flags"));
    assertTrue(run.task("P", "A-01").get("reason").startsWith("probable unit error: 6 EA "
        + "counted (0.5 CS); 0.5 PL would match the book of 24 EA"),
        run.task("P", "A-01").get("reason"));
  }

  @Test
  void reconcile_twelveCasesCountedAgainstBookOfTwelveEaches_probableUnitError() {
    Workspace ws = ws().book("00913,A-01-02,12").counts("00913,A-01-02,12,CS");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("132", line.get("variance_qty"));
    assertEquals("probable_unit_error", line.get("flags"));
  }

  @Test
  void reconcile_zeroCountInAUnitWithoutFactorOrBlank_aCountedZeroNotARejectedRow() {
    Workspace ws = new Workspace(dir).items("PK000,4.71", "MG983,25", "QA069,1", "PC1,1")
        .uom("PC1,PC,10").book("MG983,RM2-RACK2-SHELF1,10", "QA069,RM2-RACK2-SHELF1,4",
            "PC1,RM2-RACK2-SHELF1,3")
        .counts("PK000,RM2-RACK2-SHELF1,0,BX", "MG983,RM2-RACK2-SHELF1,0,",
            "QA069,RM2-RACK2-SHELF1,0,XYZ", "PC1,RM2-RACK2-SHELF1,0,PC");

    Workspace.Run run = ws.reconcile();

    assertEquals(List.of("uom.csv"),
        run.exceptions().stream().map(e -> e.get("file")).toList(), run.exceptions()::toString);
    // A zero counted off book is "matched 0 = 0", never unexpected (field report F12).
    assertEquals("matched", run.recon("PK000", "RM2-RACK2-SHELF1").get("status"));
    assertTrue(run.rows("recount_tasks.csv").stream().noneMatch(t -> t.get("sku")
        .equals("PK000")));
    Map<String, String> blank = run.recon("MG983", "RM2-RACK2-SHELF1");
    assertEquals("0", blank.get("counted_qty"));
    assertEquals("-250.00", blank.get("variance_value"));
    assertEquals("short", blank.get("status"));
    assertEquals("0", run.recon("QA069", "RM2-RACK2-SHELF1").get("counted_qty"));
    assertEquals("0", run.recon("PC1", "RM2-RACK2-SHELF1").get("counted_qty"));
  }

  @Test
  void reconcile_nonZeroCountInAUnitWithoutFactorOrBlank_stillRejected() {
    Workspace ws = new Workspace(dir).items("A,1").book("A,L-1,10")
        .counts("A,L-1,2,BX", "A,L-1,3,");

    Workspace.Run run = ws.reconcile();

    assertEquals(List.of("count_uom", "count_uom"),
        run.exceptions().stream().map(e -> e.get("field")).toList());
    assertEquals("count_rows_rejected", run.recon("A", "L-1").get("flags"));
  }

  @Test
  void reconcile_uomTableGivingFactorsPerNextLevel_chainResolvedToEaches() {
    // As a WMS lists a pack hierarchy: a pallet of 40 cases, a case of 4 inners, an inner of
    // 6 eaches, the pallet row first; each factor counts the unit its base_uom column names.
    Workspace ws = new Workspace(dir).items("P1,1.50")
        .book("P1,A-01-01,960", "P1,A-01-02,48", "P1,A-01-03,12")
        .counts("P1,A-01-01,1,PL", "P1,A-01-02,2,CS", "P1,A-01-03,2,IP");
    ws.write("uom.csv", "sku,uom,qty_per_uom,base_uom", "P1,PL,40,CS", "P1,CS,4,IP",
        "P1,IP,6,EA", "P1,EA,1,EA");

    Workspace.Run run = ws.reconcile();

    // Read as eaches, the pallet was 40 EA: 920 short, 1,380.00 valued, and recounted.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("960", run.recon("P1", "A-01-01").get("counted_qty"));
    assertEquals("matched", run.recon("P1", "A-01-01").get("status"));
    assertEquals("matched", run.recon("P1", "A-01-02").get("status"), "2 CS of 24");
    assertEquals("matched", run.recon("P1", "A-01-03").get("status"), "2 IP of 6");
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_uomFactorInAUnitTheTableGivesNoFactor_rowRejectedNeverReadAsEaches() {
    Workspace ws = new Workspace(dir).items("P1,1.50", "P2,2.00")
        .book("P1,A-01-01,960", "P2,A-01-02,10")
        .counts("P1,A-01-01,1,PL", "P2,A-01-02,1,CS");
    ws.write("uom.csv", "Item,Unit,Factor,To UOM", "P1,PL,40,CS", "P2,CS,10,EA");

    Workspace.Run run = ws.reconcile("--columns", "uom.sku=Item", "--columns", "uom.uom=Unit",
        "--columns", "uom.qty_per_uom=Factor");

    Map<String, String> pallet = run.recon("P1", "A-01-01");
    assertEquals("", pallet.get("counted_qty"), pallet::toString);
    assertEquals("count_rows_rejected", pallet.get("flags"));
    Map<String, String> refused = exception(run, "To UOM");
    assertEquals("uom.csv", refused.get("file"));
    assertEquals("2", refused.get("line"));
    assertEquals("CS", refused.get("value"));
    assertEquals("PL is given as 40 CS, and the table gives CS of this SKU no factor in eaches: "
        + "PL has none until it does", refused.get("reason"));
    assertEquals("matched", run.recon("P2", "A-01-02").get("status"));
  }

  @Test
  void reconcile_uomChainThroughAUnitGivenTwoFactors_neitherLevelAboveHasOne() {
    Workspace ws = new Workspace(dir).items("P1,1.50")
        .book("P1,A-01-01,960", "P1,A-01-02,24")
        .counts("P1,A-01-01,1,PL", "P1,A-01-02,1,CS");
    // The case is 24 eaches, or 4 inners of 5: 20. The pallet of 40 cases is neither 960 nor
    // 800 until the table agrees with itself.
    ws.write("uom.csv", "sku,uom,qty_per_uom,base_uom", "P1,CS,24,EA", "P1,PL,40,CS",
        "P1,CS,4,IP", "P1,IP,5,EA");

    Workspace.Run run = ws.reconcile();

    for (String location : List.of("A-01-01", "A-01-02")) {
      Map<String, String> line = run.recon("P1", location);
      assertEquals("", line.get("counted_qty"), line::toString);
      assertTrue(line.get("flags").contains("count_rows_rejected"), line::toString);
      assertTrue(line.get("flags").contains("master_data_conflict"), line::toString);
    }
    List<String> lines = run.exceptions().stream().filter(e -> e.get("file").equals("uom.csv"))
        .map(e -> e.get("line")).toList();
    assertEquals(List.of("3", "4"), lines, "in line order: " + run.exceptions());
  }

  @Test
  void reconcile_uomFactorInASpellingOfEachTheTableGivesAnotherFactor_rowRejected() {
    // A case of 12 PC, where the same table makes PC 10 eaches: 12 or 120 EA is a guess.
    Workspace ws = new Workspace(dir).items("P1,1.50")
        .book("P1,A-01-01,12")
        .counts("P1,A-01-01,1,CS");
    ws.write("uom.csv", "sku,uom,qty_per_uom,base_uom", "P1,CS,12,PC", "P1,PC,10,");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("P1", "A-01-01");
    assertEquals("", line.get("counted_qty"), line::toString);
    assertTrue(line.get("flags").contains("count_rows_rejected"), line::toString);
    Map<String, String> chained = run.exceptions().stream()
        .filter(e -> e.get("file").equals("uom.csv") && e.get("line").equals("2")).findFirst()
        .orElseThrow(() -> new AssertionError(run.exceptions().toString()));
    assertEquals("base_uom", chained.get("field"), chained::toString);
    assertTrue(chained.get("reason").contains("PC"), chained::toString);
  }

  @Test
  void reconcile_itemMasterCostPerCase_valuedPerEachThroughTheUomTable() {
    Workspace ws = new Workspace(dir).uom("B1,CS,12", "B2,CS,7")
        .book("B1,A-01-01,24", "B2,A-01-02,14", "B3,A-01-03,10")
        .counts("B1,A-01-01,1,CS", "B2,A-01-02,1,CS", "B3,A-01-03,9,EA");
    ws.write("items.csv", "sku,unit_cost,cost_uom", "B1,24.00,CS", "B2,10.00,CS",
        "B3,0.0125,EA");

    Workspace.Run run = ws.reconcile();

    // 24.00 a case of 12 is 2.00 an each: 12 short is -24.00, not -288.00.
    Map<String, String> b1 = run.recon("B1", "A-01-01");
    assertEquals("2.00", b1.get("unit_cost"), b1::toString);
    assertEquals("-24.00", b1.get("variance_value"));
    // 10.00 a case of 7 is no exact cost an each: unknown, never rounded.
    Map<String, String> b2 = run.recon("B2", "A-01-02");
    assertEquals("", b2.get("unit_cost"), b2::toString);
    assertEquals("missing_cost", b2.get("flags"));
    Map<String, String> refused = exception(run, "unit_cost");
    assertEquals("3", refused.get("line"));
    assertEquals("10.00", refused.get("value"));
    assertEquals("unit cost is per CS (cost_uom) of 7 EA: 10.00 / 7 is no exact cost per each "
        + "(state the cost per each); its cost is unknown", refused.get("reason"));
    assertEquals("-0.0125", run.recon("B3", "A-01-03").get("variance_value"));
  }

  @Test
  void reconcile_costPerAUnitInAnAliasSpelling_noExactCost_reasonNamesItAsWritten() {
    Workspace ws = ws().uom("B2,CT,7").book("B2,A-01-02,7").counts("B2,A-01-02,7,EA");
    ws.write("items.csv", "sku,unit_cost,cost_uom", "B2,10.00,KAR");

    Workspace.Run run = ws.reconcile();

    // SAP's KAR is a carton: the reason shows the file's spelling beside the code read.
    assertEquals("unit cost is per KAR (read as CT) (cost_uom) of 7 EA: 10.00 / 7 is no exact "
        + "cost per each (state the cost per each); its cost is unknown",
        exception(run, "unit_cost").get("reason"));
  }

  @Test
  void reconcile_itemCostPerAUnitWithoutFactorOrPerPriceQuantity_neverTakenPerEach() {
    Workspace ws = new Workspace(dir).uom("S1,CS,12")
        .book("S1,A-01-01,24", "S2,A-01-02,200")
        .counts("S1,A-01-01,12,EA", "S2,A-01-02,100,EA");
    // SAP writes a price per price unit: 25.00 per 100 pieces.
    ws.write("items.csv", "sku,unit_cost,Price Unit", "S1,30.00,PL", "S2,25.00,100");

    Workspace.Run run = ws.reconcile();

    Map<String, String> s1 = run.recon("S1", "A-01-01");
    assertEquals("missing_cost", s1.get("flags"), s1::toString);
    assertTrue(exception(run, "unit_cost").get("reason").startsWith("unit cost is per PL (Price "
        + "Unit), which has no factor for SKU S1 in the UOM table"), run.exceptions()::toString);
    Map<String, String> s2 = run.recon("S2", "A-01-02");
    assertEquals("0.25", s2.get("unit_cost"), s2::toString);
    assertEquals("-25.00", s2.get("variance_value"));
  }

  @Test
  void reconcile_priceUnitWithDotGroupedThousandsUnderDecimalComma_readAsEaches() {
    Workspace ws = new Workspace(dir).uom("S1,CS,12")
        .book("S1,A-01-01,2000")
        .counts("S1,A-01-01,1990,EA");
    // A German SAP list prints a price unit of a thousand as 1.000, as it prints the cost.
    ws.write("items.csv", "sku;unit_cost;Price Unit", "S1;1.234,50;1.000");

    Workspace.Run run = ws.reconcile("--decimal-comma");

    Map<String, String> s1 = run.recon("S1", "A-01-01");
    assertEquals("1.2345", s1.get("unit_cost"), run.exceptions()::toString);
    assertEquals("-12.345", s1.get("variance_value"));
  }

  @Test
  void reconcile_itemCostPerASpellingOfEachTheUomTableGivesAnotherFactor_noCost() {
    Workspace ws = new Workspace(dir).uom("S1,PC,10").book("S1,A-01-01,20")
        .counts("S1,A-01-01,18,EA");
    ws.write("items.csv", "sku,unit_cost,cost_uom", "S1,5.00,PC");

    Workspace.Run run = ws.reconcile();

    // Per each (PC is read as each) or per pack of 10: valued either way, it is a guess.
    Map<String, String> s1 = run.recon("S1", "A-01-01");
    assertEquals("", s1.get("unit_cost"), s1::toString);
    assertTrue(s1.get("flags").contains("missing_cost"), s1::toString);
    assertTrue(exception(run, "unit_cost").get("reason").startsWith("unit cost is per PC "
        + "(cost_uom): the UOM table gives PC 10 EA"), run.exceptions()::toString);
  }

  @Test
  void reconcile_uomTablePerNextLevelWithoutItsColumn_aPackSmallerThanTheOneInsideRefused() {
    // Inners of 6, cases of 4 inners, pallets of 40 cases, the column saying so left out of
    // the export: read as eaches, a case (4) holds fewer than its inner (6).
    Workspace ws = new Workspace(dir).items("P1,1.00", "P2,1.00")
        .uom("P1,IP,6", "P1,CS,4", "P1,PL,40", "P2,CS,12", "P2,PL,480")
        .book("P1,A-01-01,24", "P1,A-01-02,12", "P2,A-01-03,480", "P1,A-01-04,960")
        .counts("P1,A-01-01,1,CS", "P1,A-01-02,2,IP", "P2,A-01-03,1,PL", "P1,A-01-04,1,PL");

    Workspace.Run run = ws.reconcile();

    Map<String, String> cases = run.recon("P1", "A-01-01");
    assertEquals("", cases.get("counted_qty"), "1 CS read as 4 EA: 20 short");
    assertTrue(cases.get("flags").contains("master_data_conflict"), cases::toString);
    assertTrue(cases.get("flags").contains("count_rows_rejected"), cases::toString);
    assertEquals("matched", run.recon("P1", "A-01-02").get("status"), "the inner stands");
    // The pallet of 40 may count cases too (960 EA): not read as 40 eaches either.
    Map<String, String> pallet = run.recon("P1", "A-01-04");
    assertEquals("", pallet.get("counted_qty"), pallet::toString);
    assertTrue(pallet.get("flags").contains("master_data_conflict"), pallet::toString);
    assertEquals("matched", run.recon("P2", "A-01-03").get("status"), "a table in eaches");
    Map<String, String> refused = run.exceptions().get(0);
    assertEquals("uom.csv", refused.get("file"));
    assertEquals("3", refused.get("line"));
    assertEquals("CS is 4 EA, fewer than the 6 EA of IP, which it holds: a factor per IP read "
        + "as eaches (4 IP)? CS has none until the table states it in eaches, or says which "
        + "unit it counts (base_uom)", refused.get("reason"));
  }

  @Test
  void reconcile_factorReadThroughAPackRefusedAsSmallerThanItsInner_refusedToo() {
    // A box of 2 cases, where the case (4) holds fewer than its inner (6): 2 x 4 = 8 EA is a
    // figure from the refused case, which may be 4 inners (2 x 24 = 48).
    Workspace ws = new Workspace(dir).items("P1,1.00").book("P1,A-01-01,8")
        .counts("P1,A-01-01,1,BX");
    ws.write("uom.csv", "sku,uom,qty_per_uom,base_uom", "P1,CS,4,EA", "P1,IP,6,EA",
        "P1,BX,2,CS");

    Workspace.Run run = ws.reconcile();

    Map<String, String> box = run.recon("P1", "A-01-01");
    assertEquals("", box.get("counted_qty"), box::toString);
    assertTrue(box.get("flags").contains("count_rows_rejected"), box::toString);
    assertEquals(List.of("2", "4"), run.exceptions().stream()
        .filter(e -> e.get("file").equals("uom.csv")).map(e -> e.get("line")).toList(),
        run.exceptions()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Units", "UoM"})
  void reconcile_headerRepeatedAmongTheFirstRows_unitColumnOfFiguresStillReadAsNone(
      String header) {
    // Two exports joined with their headers: the second header sits on line 4.
    Workspace ws = ws().counts("00913,A-01-01,5,EA", "0777,A-01-02,7,EA");
    ws.write("book.csv", "sku,location,book_qty," + header, "00913,A-01-01,5,1",
        "0777,A-01-02,7,2", "sku,location,book_qty," + header, "0888,A-01-03,3,1");

    Workspace.Run run = ws.reconcile();

    // Judged with the repeated names, the column was a unit column: every row in unit 1 or 2.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("5", run.recon("00913", "A-01-01").get("book_qty"));
    assertEquals("7", run.recon("0777", "A-01-02").get("book_qty"));
    assertEquals("3", run.recon("0888", "A-01-03").get("book_qty"));
    assertEquals(List.of("the header again (files joined with their headers?): not a row"),
        run.exceptions().stream().map(e -> e.get("reason")).toList());
  }

  @Test
  void reconcile_unitColumnOfFiguresThenEachWordsBelow_readAsEachesUnlessTheTableDisputes() {
    List<String> book = new ArrayList<>(List.of("sku,location,book_qty,UoM"));
    for (int i = 0; i < 16; i++) {
      book.add("S" + i + ",A-02-" + i + ",5,1");
    }
    book.add("00913,A-01-02,7,EA");
    book.add("00913,A-01-03,4,each");
    book.add("0777,A-01-04,3,PC"); // line 20: the table gives 0777's PC 10 eaches
    Workspace ws = ws().uom("00913,CS,12", "0777,PC,10").counts("00913,A-01-02,7,EA",
        "00913,A-01-03,4,EA", "0777,A-01-04,3,EA");
    ws.write("book.csv", book.toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    // EA is 1 each whatever the column is, and each too where the table gives it no other
    // factor (it was refused, and A-01-03's book unknown); 0777's PC is 3 or 30 eaches.
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("7", run.recon("00913", "A-01-02").get("book_qty"));
    assertEquals("4", run.recon("00913", "A-01-03").get("book_qty"));
    assertEquals(List.of("20"), run.exceptions().stream().filter(e -> e.get("file")
        .equals("book.csv")).map(e -> e.get("line")).toList(), run.exceptions()::toString);
    assertTrue(exception(run, "UoM").get("reason").startsWith("column 'UoM' held figures (1) "
        + "in its first filled rows, so it is read as no unit column, but holds the unit PC"),
        run.exceptions()::toString);
    assertEquals("", run.recon("0777", "A-01-04").get("book_qty"), "its book is unknown");
    assertTrue(run.text("summary.json").contains(
        "\"book.csv\": {\"rows\": 19, \"rejected\": 1}"), run.text("summary.json"));
  }

}
