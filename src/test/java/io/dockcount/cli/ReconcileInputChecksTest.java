package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs that are not what they claim to be stop the run or are rejected, never misread. */
final class ReconcileInputChecksTest {
  @TempDir Path dir;

  private Workspace ws() {
    return new Workspace(dir).items("X,1.00").book("X,A-01,5").counts("X,A-01,5,EA");
  }

  @Test
  void reconcile_germanExportWithDecimalCommasDeclared_readToTheEachAndTheCent() {
    Workspace ws = new Workspace(dir);
    Path book = ws.write("bestand.csv", "Material;Lagerplatz;Menge", "00914;A-01-01;1.200,000",
        "00915;A-01-02;24,000");
    Path counts = ws.write("zaehlung.csv", "count_id;station;counted_at;sku;location;count_qty;"
        + "count_uom", "1;S1;2026-12-05T10:00:00Z;00914;A-01-01;100;KAR",
        "2;S1;2026-12-05T10:00:00Z;00915;A-01-02;1,5;KAR");
    Path uom = ws.write("me.csv", "sku;uom;qty_per_uom", "00914;ST;1", "00914;KAR;12",
        "00915;ST;1", "00915;KAR;16");
    Path items = ws.write("material.csv", "sku;description;unit_cost", "00914;Schraube;0,25",
        "00915;Mutter;1.250,10");
    String[] columns = {"--columns", "book.sku=Material", "--columns",
        "book.location=Lagerplatz", "--columns", "book.book_qty=Menge"};

    Workspace.Run refused = ws.reconcile(book, counts, uom, items, columns);
    List<String> declared = new java.util.ArrayList<>(List.of(columns));
    declared.add("--decimal-comma");
    Workspace.Run run = ws.reconcile(book, counts, uom, items, declared.toArray(String[]::new));

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of(), run.exceptions());
    assertEquals("matched", run.recon("00914", "A-01-01").get("status"), "100 KAR of 12: 1,200");
    Map<String, String> over = run.recon("00915", "A-01-02");
    assertEquals("24", over.get("book_qty"));
    assertEquals("0", over.get("variance_qty"), "1,5 KAR of 16 is 24 eaches");
    assertEquals("1250.10", over.get("unit_cost"));
    assertTrue(refused.stderr().contains("--decimal-comma"), refused.stderr());
  }

  @Test
  void reconcile_help_showsItsUsageUnderDockcount() {
    Workspace.Run run = Workspace.run(dir.resolve("out"), "reconcile", "--help");

    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().startsWith("Usage: dockcount reconcile "), run.stdout());
    assertTrue(run.stdout().contains("--book=FILE"), run.stdout());
  }

  @Test
  void run_argumentTheLocaleCouldNotPass_oneLineSayingSoNotAMissingColumnOrFile() {
    // Under LANG=C, Java reads Quantité on the command line as Quantit and two U+FFFD.
    String said = Main.unpassable(new String[] {"reconcile", "--columns",
        "book.book_qty=Quantit\uFFFD\uFFFD"}, "ANSI_X3.4-1968");

    assertEquals("the argument 'book.book_qty=Quantit\uFFFD\uFFFD' holds characters this locale "
        + "cannot pass (the command line is read as ANSI_X3.4-1968): run in a UTF-8 locale "
        + "(LC_ALL=C.UTF-8); a column name may be given in a --config file instead", said);
    assertEquals(null, Main.unpassable(new String[] {"reconcile", "--book", "Köln.csv"},
        "ANSI_X3.4-1968"), "nothing lost");
  }

  @Test
  void run_headerMappedWithItsReplacementCharacterInAUtf8Locale_readAsGiven()
      throws IOException {
    // A Windows-1252 header read as Unit + U+FFFD, mapped as the run shows it: it matches.
    Workspace ws = ws();
    Files.write(dir.resolve("book.csv"), "sku,location,Qt\u00e9\nX,A-01,5\n"
        .getBytes(StandardCharsets.ISO_8859_1));

    Workspace.Run run = ws.reconcile("--columns", "book.book_qty=Qt\uFFFD");

    assertEquals(null, Main.unpassable(new String[] {"Qt\uFFFD"}, "UTF-8"));
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("matched", run.recon("X", "A-01").get("status"));
  }

  @Test
  void reconcile_headerInTheOtherUnicodeCompositionThanTheMapping_foundAsItLooks() {
    // A Mac export writes Quantité as e and a combining accent; the mapping is typed with é.
    Workspace ws = ws();
    ws.write("book.csv", "sku,location,Quantite\u0301", "X,A-01,5");

    Workspace.Run run = ws.reconcile("--columns", "book.book_qty=Quantit\u00e9");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("matched", run.recon("X", "A-01").get("status"));
    ws.write("book.csv", "sku,location,Quantit\u00e9,Quantite\u0301", "X,A-01,5,6");
    Workspace.Run both = ws.reconcile("--columns", "book.book_qty=Quantit\u00e9");
    assertEquals(2, both.exitCode(), "two columns of that name: which is not guessed");
    assertTrue(both.stderr().contains("two columns are named"), both.stderr());
  }

  @Test
  void reconcile_misspeltOption_oneLineNamingItAndExit2() {
    Workspace.Run run = ws().reconcile("--tresholds", "x");

    assertEquals(2, run.exitCode());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(run.stderr().startsWith("dockcount reconcile: Unknown options: '--tresholds'"),
        run.stderr());
    assertTrue(run.stderr().strip().endsWith("(see dockcount reconcile --help)"), run.stderr());
  }

  @Test
  void reconcile_misspeltSettingInConfig_exit2NamingTheKey() throws IOException {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.reconcile.recount.defualt.short.value = 1\n"
        + "dockcount.reconcile.columns.book.sku = SKU\n");

    Workspace.Run run = ws().reconcile("--config", conf.toString());

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: " + conf + ": 1: dockcount.reconcile.recount.defualt.short"
        + ".value is not a known setting (misspelt?); see reference.conf for every key"),
        run.stderr().lines().toList());
  }

  @Test
  void reconcile_theServicesSiteConfig_itsServiceKeysKnownAndItsColumnsRead() throws IOException {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().counts("A,L-1,4,EA");
    ws.write("book.csv", "Product code,location,book_qty", "A,L-1,5");
    Path conf = dir.resolve("dockcount.conf");
    Files.writeString(conf, "dockcount {\n  store.path = \"/var/lib/dockcount/dockcount\"\n"
        + "  cycle.interval = 15m\n  inputs.book = \"/var/lib/dockcount/inbox/book.csv\"\n"
        + "  stations { DOCK-1 { zone = A, device = \"/dev/scanner/dock-1\" } }\n"
        + "  reconcile.columns.book { sku = \"Product code\" }\n}\n");

    Workspace.Run run = ws.reconcile("--config", conf.toString());

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("short", run.recon("A", "L-1").get("status"));
  }

  @Test
  void reconcile_configWithAnUnclosedBrace_exit2NamingTheFileOnceAndTheLine() throws IOException {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.reconcile { recount.default.short { qty = 5 }\n");

    Workspace.Run run = ws().reconcile("--config", conf.toString());

    assertEquals(2, run.exitCode());
    String line = run.stderr().strip();
    assertTrue(line.startsWith("dockcount: " + conf + ": 2: "), line);
    assertEquals(1, line.split(java.util.regex.Pattern.quote("site.conf"), -1).length - 1, line);
  }

  @Test
  void reconcile_directoryGivenAsBook_exit2NamingTheOption() throws IOException {
    Workspace ws = ws().uom("X,CS,6");
    Path folder = Files.createDirectories(dir.resolve("exports"));

    Workspace.Run run = ws.reconcile(folder, dir.resolve("counts.csv"), dir.resolve("uom.csv"),
        dir.resolve("items.csv"));

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: " + folder + ": a directory, not a file (--book)"),
        run.stderr().lines().toList());
  }

  @Test
  void reconcile_workbookGivenAsBook_exit2SayingSaveAsCsv() throws IOException {
    Workspace ws = ws().uom();
    Files.write(dir.resolve("book.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0, 6, 0, 8,
        0, 0, 0, 33, 0, 0x62, (byte) 0xEE, (byte) 0x9D, 0x68, 0x5E, 1});
    Files.write(dir.resolve("book.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11,
        (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0, 0, 0, 0, 0});
    Files.write(dir.resolve("book.bin"), new byte[] {1, 0, 0, 0, 7, 0, 0x41, 0x42, 0, 0, 0});

    for (String[] file : new String[][] {
        {"book.xlsx", "a ZIP archive (an .xlsx or .ods workbook?)"},
        {"book.xls", "an Office document of the old format (an .xls workbook?)"},
        {"book.bin", "binary data"}}) {
      Workspace.Run run = ws.reconcile(dir.resolve(file[0]), dir.resolve("counts.csv"),
          dir.resolve("uom.csv"), dir.resolve("items.csv"));

      assertEquals(2, run.exitCode());
      assertEquals(List.of("dockcount: " + file[0] + ": the file is " + file[1] + ", not CSV "
          + "text: save the sheet as CSV (UTF-8)"), run.stderr().lines().toList());
    }
  }

  @Test
  void reconcile_utf16Book_exit2SayingSaveAsUtf8() throws IOException {
    Workspace ws = ws();
    Files.write(dir.resolve("book.csv"), ("\uFEFFsku,location,book_qty\nX,A-01,5\n")
        .getBytes(StandardCharsets.UTF_16LE));

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: book.csv: the file is UTF-16 text: save it as UTF-8 (with "
        + "or without BOM)"), run.stderr().lines().toList());
  }

  @Test
  void reconcile_unicodeLineSeparatorsInKeys_rejectedAsControlCharactersAre()
      throws IOException {
    // A line break typed or pasted into a cell: invisible, it made a SKU or bin of its own.
    Workspace ws = ws().book("X,A-01,5", "Y,A-02,3", "Z,A-03,2");
    Files.write(dir.resolve("counts.csv"), ("sku,location,count_qty,count_uom\n"
        + "X\u2028,A-01,5,EA\nY,A-02\u0085,3,EA\nZ\u2029,A-03,2,EA\n")
        .getBytes(StandardCharsets.UTF_8));

    Workspace.Run run = ws.reconcile();

    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("X\\u2028", run.exceptions().get(0).get("value"));
    assertEquals("holds the invisible line break U+2028, which no key, number or unit has (one "
        + "typed or pasted into a cell?)", run.exceptions().get(0).get("reason"));
    assertEquals("location", run.exceptions().get(1).get("field"));
    assertEquals("A-02\\u0085", run.exceptions().get(1).get("value"));
    assertEquals("Z\\u2029", run.exceptions().get(2).get("value"));
    for (String[] line : new String[][] {{"X", "A-01"}, {"Y", "A-02"}, {"Z", "A-03"}}) {
      assertEquals("count_rows_rejected", run.recon(line[0], line[1]).get("flags"),
          "never a SKU or bin of its own, and the line it names flagged");
    }
    assertEquals(3, run.rows("recon.csv").size(), () -> run.text("recon.csv"));
  }

  @Test
  void reconcile_junkRowWithControlBytes_exceptionValueShowsThemAsEscapes() throws IOException {
    Workspace ws = ws();
    Files.write(dir.resolve("counts.csv"), ("sku,location,count_qty,count_uom\n"
        + "\u0001\u0007X,A-01,5,EA\nX,A-01,5\u001b,EA\nX,A-01,1,EA\n")
        .getBytes(StandardCharsets.UTF_8));

    Workspace.Run run = ws.reconcile();

    Map<String, String> junk = run.exceptions().get(0);
    assertEquals("sku", junk.get("field"));
    assertEquals("\\x01\\x07X", junk.get("value"), "one readable line, bytes still told");
    assertEquals("holds the control character 0x01, which no key, number or unit has (a "
        + "damaged or binary file?)", junk.get("reason"));
    assertEquals("count_qty", run.exceptions().get(1).get("field"));
    assertEquals("count_rows_rejected", run.recon("X", "A-01").get("flags"),
        "never a SKU of its own, and the line it names says a count of it was refused");
    assertEquals(2, run.exceptions().size());
  }

  @Test
  void reconcile_controlCharacterInAKey_theLineItNamesWithoutItFlagged() throws IOException {
    Workspace ws = new Workspace(dir).items("X,1.00", "Y,1.00").book("X,A-01,4", "Y,A-02,10");
    Files.write(dir.resolve("counts.csv"), ("sku,location,count_qty,count_uom\n"
        + "X,A-01,4,EA\nX\u0007,A-01,6,EA\nY,A-02,10,EA\nY,A-02\u0007,5,EA\n")
        .getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("book.csv"), ("sku,location,book_qty\nX,A-01,4\nY,A-02,0\n"
        + "Y\u0007,A-02,10\n").getBytes(StandardCharsets.UTF_8));

    Workspace.Run run = ws.reconcile();

    assertEquals("count_rows_rejected", run.recon("X", "A-01").get("flags"),
        "6 more may be there: never matched without a word");
    assertTrue(run.recon("Y", "A-02").get("flags").contains("count_rows_rejected"),
        run.recon("Y", "A-02")::toString);
    assertTrue(run.recon("Y", "A-02").get("flags").contains("book_rows_rejected"),
        run.recon("Y", "A-02")::toString);
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_latin1KeysBesideUtf8Counts_rowRejectedNotSplitIntoMissingAndUnexpected()
      throws IOException {
    Workspace ws = ws().counts("MÜLLER,KÜHL-01,5,EA", "X,A-01,5,EA");
    Files.write(dir.resolve("book.csv"),
        "sku,location,book_qty\nX,A-01,5\nM\u00dcLLER,K\u00dcHL-01,5\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    Workspace.Run run = ws.reconcile();

    Map<String, String> x = run.exceptions().get(0);
    assertEquals("book.csv", x.get("file"));
    assertEquals("3", x.get("line"));
    assertEquals("sku", x.get("field"));
    assertTrue(x.get("reason").startsWith("not UTF-8 text"), x.get("reason"));
    assertEquals(1, run.exceptions().size());
    // The counted pair stays as it is: unexpected against a book that could not be read, but
    // recon.csv stays valid UTF-8.
    String recon = run.text("recon.csv");
    assertTrue(recon.contains("MÜLLER,KÜHL-01"), recon);
    assertTrue(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(
        Files.readAllBytes(run.out().resolve("recon.csv")))).length() > 0);
  }

  @Test
  void reconcile_headerAgainInAnotherColumnOrder_exit2NotRowsReadInTheWrongColumns() {
    Workspace ws = new Workspace(dir).items("H1,10.00", "H2,10.00").uom()
        .counts("H1,A-01-01-A,10,EA", "H2,A-01-01-B,12,EA");
    ws.write("book.csv", "sku,location,book_qty,lot", "H1,A-01-01-A,10,2401",
        "sku,location,lot,book_qty", "H2,A-01-01-B,2405,12");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode(), run.stdout());
    assertEquals("dockcount: book.csv: line 3: the header again, in another column order: the "
        + "rows after it would be read in the wrong columns (join exports with the same header, "
        + "or reconcile them one by one): sku,location,lot,book_qty", run.stderr().strip());
  }

  @Test
  void reconcile_headerAgainInCapitals_rejectedAsTheHeaderNotAPhantomLine() {
    Workspace ws = new Workspace(dir).items("A1,1.00", "A2,1.00").uom()
        .book("A1,L-1,3", "A2,L-2,4");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A1,L-1,3,EA",
        "SKU,LOCATION,COUNT_QTY,COUNT_UOM", "A2,L-2,4,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("3", run.exceptions().get(0).get("line"));
    assertTrue(run.exceptions().get(0).get("reason").startsWith("the header again"));
    assertEquals(2, run.rows("recon.csv").size(), "no line for SKU 'SKU' at 'LOCATION'");
  }

  @Test
  void reconcile_rowWhoseOtherColumnsHoldTheWordsSkuAndLocation_readAsData() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00").uom()
        .counts("S1,A-01-01-A,10,EA", "S2,A-01-01-B,5,EA");
    ws.write("book.csv", "sku,location,book_qty,level,location_kind",
        "S1,A-01-01-A,10,SKU,Location", "S2,A-01-01-B,5,,");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertEquals("matched", run.recon("S1", "A-01-01-A").get("status"));
  }

  @Test
  void reconcile_headerOfAnExportWithoutTheLotColumn_rejectedAsAHeaderNoPhantomLine() {
    Workspace ws = new Workspace(dir).items("M,1", "N,1").uom();
    ws.write("book.csv", "sku,location,book_qty,lot", "M,A-01,5,L1", "N,A-01,5,");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "M,A-01,5,EA,L1",
        "sku,location,count_qty,count_uom", "N,A-01,5,EA", " SKU , Location ");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.exceptions().get(0).get("reason").startsWith("another export's header"),
        run.exceptions()::toString);
    assertEquals("3", run.exceptions().get(0).get("line"));
    assertTrue(run.exceptions().get(2).get("reason").startsWith("another export's header"),
        run.exceptions()::toString);
    assertTrue(run.rows("recon.csv").stream().noneMatch(l -> l.get("sku").equalsIgnoreCase(
        "sku")), "no line for SKU 'sku' at 'location'");
    assertEquals(2, run.rows("recon.csv").size());
    assertTrue(run.text("summary.json").contains("\"locations_counted\": 1,"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_headerOfAnotherShapeMovingAColumnRead_exit2NotRowsReadInTheWrongColumns() {
    Workspace ws = new Workspace(dir).items("A,1").uom().book("A,L-1,17");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,count_id,station",
        "A,L-1,5,EA,C1,S1", "sku,location,count_id,count_uom,count_qty", "A,L-1,17,EA,5");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode(), run.stdout());
    assertTrue(run.stderr().contains("line 3: the header again, in another column order "
        + "(another export's, with other columns)"), run.stderr());
  }

  @Test
  void reconcile_stationExportWithAnotherColumnWhereTheIdIs_exit2NotItsStationReadAsTheId() {
    // Two station exports joined with cat: the second has its station where the first has
    // count_id. Read as the first's, its rows' station ST2 was taken for their count_id, and
    // its second row left out as a repeat of the first.
    Workspace ws = new Workspace(dir).items("A,1", "C,1").uom().book("A,L-1,24", "C,L-2,10");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,count_id", "A,L-1,12,EA,1",
        "sku,location,count_qty,count_uom,station", "A,L-1,12,EA,ST2", "C,L-2,10,EA,ST2");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode(), run.stdout());
    assertEquals("dockcount: counts.csv: line 3: another export's header, with other columns: "
        + "'station' where this file's header has 'count_id', so the rows after it would be "
        + "read in the wrong columns (join exports with the same header, or reconcile them one "
        + "by one): sku,location,count_qty,count_uom,station", run.stderr().strip());
  }

  @Test
  void reconcile_stationExportWithOneMoreColumn_exit2NotEachOfItsRowsRefusedForItsWidth() {
    // The second export adds counted_at after the columns the first has: each of its rows was
    // refused as "a separator inside an unquoted field?", the export's header named nowhere.
    Workspace ws = new Workspace(dir).items("A,1", "C,1").uom().book("A,L-1,24", "C,L-2,10");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,12,EA",
        "sku,location,count_qty,count_uom,counted_at", "A,L-1,12,EA,2026-12-05",
        "C,L-2,10,EA,2026-12-05");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode(), run.stdout());
    assertEquals("dockcount: counts.csv: line 3: another export's header, with other columns: "
        + "5 columns where this file's header has 4 ('counted_at' past its last), so each row "
        + "after it would be refused for its width (join exports with the same header, or "
        + "reconcile them one by one): sku,location,count_qty,count_uom,counted_at",
        run.stderr().strip());
  }

  @Test
  void reconcile_semicolonExportJoinedToACommaOne_rowsRejectedSayingSoTheirLinesFlagged() {
    // Before, each row was "row has 1 field, the header has 4", read as the SKU
    // "A;L-1;7;EA": its line showed short by what it held, with no flag and no recount.
    Workspace ws = new Workspace(dir).items("A,1", "C,1").uom()
        .book("A,L-1,1000", "C,L-2,10");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,993,EA",
        "sku;location;count_qty;count_uom", "A;L-1;7;EA", "C;L-2;10,0;EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of("3", "4", "5"),
        run.exceptions().stream().map(x -> x.get("line")).toList());
    for (Map<String, String> x : run.exceptions()) {
      assertTrue(x.get("reason").contains(": split at ';' it has the header's width, where "
          + "this file separates fields by ','"), x::toString);
    }
    Map<String, String> a = run.recon("A", "L-1");
    assertEquals("993", a.get("counted_qty"));
    assertEquals("count_rows_rejected", a.get("flags"));
    assertTrue(a.get("recount").startsWith("count rows rejected"), a::toString);
    assertEquals("count_rows_rejected", run.recon("C", "L-2").get("flags"));
    assertEquals(2, run.rows("recon.csv").size(), "no line for SKU 'sku' at 'location'");
  }

  @Test
  void reconcile_spreadsheetExportsJoinedWithTheirSepLines_secondSepLineSaidNotARow() {
    Workspace ws = new Workspace(dir).items("A,1", "B,1").uom().book("A,L-1,5", "B,L-2,3");
    ws.write("counts.csv", "sep=;", "sku;location;count_qty;count_uom", "A;L-1;5;EA", "sep=;",
        "sku;location;count_qty;count_uom", "B;L-2;3;EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("a spreadsheet's sep= line again (files joined with their first lines?): not "
        + "a row", run.exceptions().get(0).get("reason"));
    assertEquals("4", run.exceptions().get(0).get("line"));
    assertTrue(run.exceptions().get(1).get("reason").startsWith("the header again"));
    assertEquals("matched", run.recon("B", "L-2").get("status"));
  }

  @Test
  void reconcile_tooNarrowRowNotSplitByAnotherSeparator_rejectedAsBefore() {
    Workspace ws = new Workspace(dir).items("A,1").uom().book("A,L-1,5");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,5,EA", "A;L-1;5");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 1 field, the header has 4",
        run.exceptions().get(0).get("reason"));
  }

  @Test
  void reconcile_headerAgainWithATrailingBlankName_rejectedAsTheHeaderRowsRead() {
    Workspace ws = new Workspace(dir).items("A,1").uom().book("A,L-1,24");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,12,EA",
        "sku,location,count_qty,count_uom,", "A,L-1,12,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertTrue(run.exceptions().get(0).get("reason").startsWith("the header again"),
        run.exceptions()::toString);
    assertEquals("matched", run.recon("A", "L-1").get("status"));
  }

  @Test
  void reconcile_emptyCountsFile_exit2SayingItIsEmpty() {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().book("A,L-1,1");
    ws.write("counts.csv");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: counts.csv: the file is empty: no header row (a counts export that "
        + "wrote nothing?)", run.stderr().strip());
  }

  @Test
  void reconcile_emptyItemsFile_saidInPlainWords() {
    Workspace ws = new Workspace(dir).uom().book("A,L-1,1").counts("A,L-1,1,EA");
    ws.write("items.csv");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: items.csv: the file is empty: no header row (an items export that "
        + "wrote nothing?)", run.stderr().strip());
  }

  @Test
  void reconcile_emptyUomFile_saidAsAUomExport() {
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,1").counts("A,L-1,1,EA");
    ws.write("uom.csv");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: uom.csv: the file is empty: no header row (a UOM export that "
        + "wrote nothing?)", run.stderr().strip());
  }

  @Test
  void reconcile_itemMasterOfAHeaderOnly_warnedThatNoLineHasACost() {
    Workspace ws = new Workspace(dir).items().uom().book("A,L-1,5").counts("A,L-1,4,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("dockcount: warning: " + dir.resolve("items.csv") + ": the item master has no "
        + "rows (a header only?): no line has a cost, each is flagged missing_cost",
        run.stderr().strip());
    assertEquals("missing_cost", run.recon("A", "L-1").get("flags"));
  }

  @Test
  void reconcile_tabExportWithDecimalCommas_dotThenThreeDigitsRejectedAsAmbiguous() {
    Workspace ws = new Workspace(dir).uom();
    ws.write("items.csv", "sku\tunit_cost", "G1\t1.250");
    ws.write("book.csv", "sku\tlocation\tbook_qty", "G1\tA-1\t1.000", "G2\tA-2\t2,5");
    ws.counts("G1,A-1,1000,EA");

    Workspace.Run run = ws.reconcile();

    // The book has 2,5: it is from a decimal-comma locale, where 1.000 may be a thousand.
    assertEquals(List.of("book_qty", "book_qty"),
        run.exceptions().stream().map(e -> e.get("field")).toList(), run.exceptions()::toString);
    assertTrue(run.exceptions().get(0).get("reason").contains("ambiguous"),
        run.exceptions().get(0).get("reason"));
    assertEquals("unexpected", run.recon("G1", "A-1").get("status"));
    assertTrue(run.recon("G1", "A-1").get("flags").contains("book_rows_rejected"),
        run.recon("G1", "A-1").get("flags"));
    // The items file has no decimal comma: 1.250 there is a cost with three decimals.
    assertEquals("1.25", run.recon("G1", "A-1").get("unit_cost"));
  }

  @Test
  void reconcile_headerNotUtf8_theMissingColumnMessageSaysSo() throws Exception {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().counts("A,L-1,5,EA");
    Files.write(dir.resolve("book.csv"),
        "sku,location,Menge (St\u00fcck)\nA,L-1,5\n".getBytes(
            StandardCharsets.ISO_8859_1));

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("; the header is not UTF-8 ('Menge (St\ufffdck)': a "
        + "Windows-1252 or Latin-1 export?): export the file as UTF-8"), run.stderr());
  }

  @Test
  void reconcile_quotedBlankCost_noCostLikeAnEmptyCellNotARejectedRow() {
    Workspace ws = new Workspace(dir).uom().book("A,L-1,5", "B,L-1,6").counts("A,L-1,4,EA",
        "B,L-1,5,EA");
    ws.write("items.csv", "sku,unit_cost", "A,\"  \"", "B,\"\"");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertEquals("missing_cost", run.recon("A", "L-1").get("flags"));
    assertEquals("missing_cost", run.recon("B", "L-1").get("flags"));
  }

  @Test
  void reconcile_commaExportWithQuotedDecimalCommas_dotThenThreeDigitsRejectedAsAmbiguous() {
    Workspace ws = new Workspace(dir).uom().items("A2,2.00", "A3,2.00");
    ws.write("book.csv", "sku,location,book_qty,weight_kg", "A2,A-01,1.000,\"12,5\"",
        "A3,A-02,7,\"0,5\"");
    ws.counts("A2,A-01,1000,EA", "A3,A-02,7,EA");

    Workspace.Run run = ws.reconcile();

    // "12,5" shows the file is from a decimal-comma locale: 1.000 there may be a thousand, and
    // read as one it would post 999 over.
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertTrue(run.exceptions().get(0).get("reason").contains("ambiguous"),
        run.exceptions().get(0).get("reason"));
    assertEquals("", run.recon("A2", "A-01").get("variance_qty"));
    assertTrue(run.recon("A2", "A-01").get("flags").contains("book_rows_rejected"),
        run.recon("A2", "A-01").get("flags"));
    assertEquals("matched", run.recon("A3", "A-02").get("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00a0", "\u202f", "\u2007"})
  void reconcile_tabExportWhoseDecimalCommaIsPaddedWithANoBreakSpace_stillAmbiguous(
      String pad) {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().book("A,L-1,1000");
    ws.write("counts.csv", "sku\tlocation\tcount_qty\tcount_uom", "A\tL-1\t1.000\tEA",
        "B\tL-1\t" + pad + "2,5" + pad + "\tEA");

    Workspace.Run run = ws.reconcile();

    assertEquals(List.of("2", "3"),
        run.exceptions().stream().map(e -> e.get("line")).toList(), run.exceptions()::toString);
    assertTrue(run.exceptions().get(0).get("reason").contains("ambiguous"),
        run.exceptions().get(0).get("reason"));
    assertEquals("missing", run.recon("A", "L-1").get("status"), "not 1 counted against 1000");
  }

  @Test
  void reconcile_rowOfSeparatorsOnly_rejectedAsAnEmptyRowBlankSkuAsSuch() {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().book("A,L-1,5");
    ws.write("counts.csv", "sku;location;count_qty;count_uom", "A;L-1;5;EA", ";;;", ";L-1;2;EA",
        "   ");

    Workspace.Run run = ws.reconcile();

    assertEquals(List.of("empty row (separators only)", "blank sku", "empty row (spaces only)"),
        run.exceptions().stream().map(e -> e.get("reason")).toList());
    // The whole row is at fault, not its SKU field.
    assertEquals(List.of("", "sku", ""),
        run.exceptions().stream().map(e -> e.get("field")).toList());
    assertEquals("matched", run.recon("A", "L-1").get("status"));
  }

  @Test
  void reconcile_numberPaddedWithANarrowNoBreakSpace_trimmedAsASpaceIs() {
    Workspace ws = new Workspace(dir).items("A,1.00").uom().book("A,L-1,5");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,\u202f5\u2007,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertEquals("matched", run.recon("A", "L-1").get("status"));
  }

  @Test
  void reconcile_semicolonExportWithDotThenThreeDigits_rejectedAsAmbiguousNotReadAsOne() {
    Workspace ws = new Workspace(dir).items("A,1.00", "B,1.00").uom().book("A,L-1,1000", "B,L-2,2");
    ws.write("counts.csv", "sku;location;count_qty;count_uom", "A;L-1;\"1.000\";EA",
        "B;L-2;2;EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("count_qty", run.exceptions().get(0).get("field"));
    assertTrue(run.exceptions().get(0).get("reason").contains("ambiguous"),
        run.exceptions().get(0).get("reason"));
    assertEquals("missing", run.recon("A", "L-1").get("status"), "not 1 counted against 1000");
    assertEquals("matched", run.recon("B", "L-2").get("status"));
  }

  @Test
  void reconcile_sameCostTwice_noExceptionOtherCostRejectedNamingTheFirst() {
    Workspace ws = ws().items("X,1.00", "X,1.0", "X,100.00", "X,1.00");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("4", run.exceptions().get(0).get("line"));
    assertEquals("SKU X already has the cost 1.00: with two costs its cost is unknown (its "
        + "variances get no value) until the item master gives one",
        run.exceptions().get(0).get("reason"));
    // A row after the conflict agreeing with the first does not bring the cost back.
    assertEquals("5", run.exceptions().get(1).get("line"));
    assertEquals("SKU X already has two costs: its cost stays unknown until the item master "
        + "gives one", run.exceptions().get(1).get("reason"));
  }

  @Test
  void reconcile_misspeltKeyInsideRule_exit2NamingIt() throws IOException {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.reconcile.recount.rules = [ { zone = B, clas = X, "
        + "short { pct = 50 } } ]\n");

    Workspace.Run run = ws().reconcile("--config", conf.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("recount.rules[0].clas is not a rule setting"),
        run.stderr());
  }

  @Test
  void reconcile_keyWithoutDockcountPrefix_exit2() throws IOException {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "reconcile.recount.default.short.pct = 50\n");

    Workspace.Run run = ws().reconcile("--config", conf.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("reconcile is not a dockcount setting"), run.stderr());
  }

  @Test
  void reconcile_twoColumnsWithTheNameOfAField_exit2NotTheFirstTaken() {
    Workspace ws = ws();
    ws.write("counts.csv", "sku,location,count_qty,count_uom,SKU", "X,A-01,5,EA,Y");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: counts.csv: two columns are named 'sku' (for counts.sku); "
        + "rename one or map another with --columns counts.sku=NAME"),
        run.stderr().lines().toList());
  }

  @Test
  void reconcile_outDirHoldingAnInputOfAReportsName_exit2InputUntouched() throws IOException {
    ws().uom("X,CS,6");
    Path counts = Files.copy(dir.resolve("counts.csv"), dir.resolve("recon.csv"));

    Workspace.Run run = Workspace.run(dir, "reconcile", "--book", dir.resolve("book.csv")
        .toString(), "--counts", counts.toString(), "--uom", dir.resolve("uom.csv").toString(),
        "--items", dir.resolve("items.csv").toString(), "--out", dir.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("would overwrite the input"), run.stderr());
    assertEquals(Files.readString(dir.resolve("counts.csv")), Files.readString(counts));
  }

  @Test
  void reconcile_outDirReachedThroughALinkHoldingAnInput_exit2InputUntouched()
      throws IOException {
    ws().uom("X,CS,6");
    Path io = Files.createDirectories(dir.resolve("io"));
    Path counts = Files.copy(dir.resolve("counts.csv"), io.resolve("recon.csv"));
    Path link = Files.createSymbolicLink(dir.resolve("io-link"), io);
    Path countsLink = Files.createSymbolicLink(dir.resolve("counts-link.csv"), counts);

    for (String[] via : new String[][] {{counts.toString(), link.toString()},
        {countsLink.toString(), io.toString()}}) {
      Workspace.Run run = Workspace.run(dir, "reconcile", "--book", dir.resolve("book.csv")
          .toString(), "--counts", via[0], "--uom", dir.resolve("uom.csv").toString(),
          "--items", dir.resolve("items.csv").toString(), "--out", via[1]);

      assertEquals(2, run.exitCode(), String.join(" ", via));
      assertTrue(run.stderr().contains("would overwrite the input"), run.stderr());
      assertEquals(Files.readString(dir.resolve("counts.csv")), Files.readString(counts));
    }
  }

  @Test
  void reconcile_strayQuoteInHeader_exit2SayingTheHeaderCannotBeRead() {
    Workspace ws = ws();
    ws.write("book.csv", "sku,\"location,book_qty", "X,A-01,5");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().startsWith("dockcount: book.csv: the header line cannot be read: "
        + "quote opened and never closed"), run.stderr());
  }

  @Test
  void reconcile_misspeltDockcountKeyOutsideReconcile_exit2() throws IOException {
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "dockcount.reconcil.recount.default.over.pct = 50\n");

    Workspace.Run run = ws().reconcile("--config", conf.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("dockcount.reconcil.recount.default.over.pct is not a known "
        + "setting"), run.stderr());
  }

  @Test
  void reconcile_countOverTheEachesLimitThroughItsFactor_saysTooManyNotFractional() {
    Workspace ws = ws().uom("X,PL,1000000000000").counts("X,A-01,1000000000000,PL");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().get(0).get("reason").contains("more than 10^12 eaches"),
        run.exceptions()::toString);
  }

  @Test
  void reconcile_twoFieldsMappedToOneColumn_exit2NamingBoth() {
    Workspace.Run run = ws().reconcile("--columns", "book.sku=location");

    assertEquals(2, run.exitCode());
    assertEquals(List.of("dockcount: book.csv: book.sku and book.location both read the column "
        + "'location'; map each to its own column with --columns"), run.stderr().lines().toList());
  }

  @Test
  void reconcile_badOptions_oneLineEachNotTheWholeUsage() {
    Workspace ws = ws();
    Path out = dir.resolve("out");

    Workspace.Run noOut = Workspace.run(out, "reconcile", "--book", "b", "--counts", "c",
        "--uom", "u", "--items", "i");
    Workspace.Run fraction = ws.reconcile("--qty", "1.5");
    Workspace.Run stray = ws.reconcile("extra");

    assertEquals(List.of("dockcount reconcile: Missing required option: '--out=DIR' (see "
        + "dockcount reconcile --help)"), noOut.stderr().lines().toList());
    assertEquals(List.of("dockcount reconcile: Invalid value for option '--qty': '1.5' is not a "
        + "whole number (see dockcount reconcile --help)"), fraction.stderr().lines().toList());
    assertEquals(1, stray.stderr().lines().count(), stray.stderr());
    for (Workspace.Run r : List.of(noOut, fraction, stray)) {
      assertEquals(2, r.exitCode());
    }
  }

  @Test
  void reconcile_everyBookRowRejected_reportsWrittenExit3SayingWhy() {
    Workspace ws = new Workspace(dir).items("X,1.00").counts("X,A-01,5,EA");
    ws.write("book.csv", "sku,location,book_qty,OB QOH", "X,A-01,5,", "Y,A-02,7,");

    Workspace.Run run = ws.reconcile("--columns", "book.book_qty=OB QOH");

    assertEquals(3, run.exitCode());
    assertEquals(List.of("dockcount: book.csv: none of its 2 rows could be used; the first, "
        + "line 2 book_qty: book quantity is blank (unknown, not 0) (is each column mapped to "
        + "the right header?)"), run.stderr().lines().toList());
    assertEquals(2, run.exceptions().size(), "every rejected row is still reported");
  }

  @Test
  void reconcile_countsWithNoRows_exit3() {
    Workspace ws = new Workspace(dir).items("X,1.00").book("X,A-01,5").counts();

    Workspace.Run run = ws.reconcile();

    assertEquals(3, run.exitCode());
    assertEquals(List.of("dockcount: counts.csv: the counts file has no rows"),
        run.stderr().lines().toList());
    assertTrue(run.text("summary.json").contains("\"unusable_inputs\": [\"counts.csv: the counts "
        + "file has no rows\"],\n"), "the reports say they are no reconciliation");
    assertEquals("missing", run.recon("X", "A-01").get("status"));
  }
}
