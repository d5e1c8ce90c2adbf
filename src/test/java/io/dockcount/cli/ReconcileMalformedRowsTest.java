package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed row is rejected on its own: a short row never takes a value from the row before
 * it, and a stray quote never swallows the lines after it.
 */
final class ReconcileMalformedRowsTest {
  @TempDir Path dir;

  private static Map<String, String> exceptionAt(Workspace.Run run, String file, String line) {
    return run.exceptions().stream()
        .filter(e -> e.get("file").equals(file) && e.get("line").equals(line)).findFirst()
        .orElseThrow(() -> new AssertionError("no exception at " + file + ":" + line + " in "
            + run.exceptions()));
  }

  @Test
  void reconcile_bookRowWithoutQuantity_rejectedNotGivenThePreviousRowsQuantity() {
    Workspace ws = new Workspace(dir).items("H1,1.00", "H2,1.00")
        .book("H1,A-01,123", "H2,A-02").counts("H1,A-01,123,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 2 fields, the header has 3",
        exceptionAt(run, "book.csv", "3").get("reason"));
    Map<String, String> h2 = run.recon("H2", "A-02");
    assertEquals("", h2.get("book_qty"), "unknown, never the 123 of the row before");
    assertEquals("missing", h2.get("status"));
    assertEquals("book_rows_rejected", h2.get("flags"));
  }

  @Test
  void reconcile_uomRowWithoutFactor_rejectedNotGivenAnotherSkusFactor() {
    Workspace ws = new Workspace(dir).items("H1,1.00", "H3,1.00").uom("H1,CS,7", "H3,CS")
        .book("H3,A-03,5").counts("H3,A-03,1,CS");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 2 fields, the header has 3",
        exceptionAt(run, "uom.csv", "3").get("reason"));
    Map<String, String> line = run.recon("H3", "A-03");
    assertEquals("missing", line.get("status"));
    assertEquals("count_rows_rejected", line.get("flags"));
    assertTrue(exceptionAt(run, "counts.csv", "2").get("reason").contains("no factor"));
  }

  @Test
  void reconcile_countRowWithoutTrailingQuantity_rejectedNotGivenThePreviousQuantity() {
    Workspace ws = new Workspace(dir).items("H1,1.00", "H2,1.00")
        .book("H1,A-01,7", "H2,A-02,7");
    ws.write("counts.csv", "sku,location,count_uom,count_qty", "H1,A-01,EA,7", "H2,A-02,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 3 fields, the header has 4",
        exceptionAt(run, "counts.csv", "3").get("reason"));
    assertEquals("missing", run.recon("H2", "A-02").get("status"));
    assertEquals("7", run.recon("H1", "A-01").get("counted_qty"));
  }

  @Test
  void reconcile_shortRowMissingOnlyAColumnNotRead_stillRead() {
    Workspace ws = new Workspace(dir).items("H1,1.00").book("H1,A-01,7");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,note", "H1,A-01,7,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("H1", "A-01").get("status"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_countWithThousandsCommaBeforeABlankLastColumn_rejectedNotReadShifted() {
    // "1,200" unquoted pushes the blank note one column on: 6 fields, the last blank. Read
    // shifted, the count would be 1 EA and the note 200.
    Workspace ws = new Workspace(dir).items("S1,0.50", "S2,0.50")
        .book("S1,A-01-01-A,1200", "S2,A-01-01-B,3");
    ws.write("counts.csv", "sku,location,count_uom,count_qty,note", "S1,A-01-01-A,EA,1,200,",
        "S2,A-01-01-B,EA,3,");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 6 fields, the header has 5 (a separator inside an unquoted field?)",
        exceptionAt(run, "counts.csv", "2").get("reason"));
    assertEquals("S1,A-01-01-A,EA,1,200,", exceptionAt(run, "counts.csv", "2").get("value"),
        "the row as read: no field is to blame, so it shows which row it was");
    Map<String, String> s1 = run.recon("S1", "A-01-01-A");
    assertEquals("", s1.get("counted_qty"), "not 1, the part before the comma");
    assertEquals("count_rows_rejected", s1.get("flags"));
    assertEquals("matched", run.recon("S2", "A-01-01-B").get("status"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_unquotedThousandsWhereRowsEndBeforeABlankNote_rejectedNotReadAsOne() {
    // Rows that leave the note blank end at the quantity: an unquoted 1,200 then has the width
    // of a row with a note of 200, and nothing tells the two apart.
    Workspace ws = new Workspace(dir).items("A,1.00", "B,1.00", "C,1.00")
        .counts("A,A-01,5,EA", "B,A-01,1200,EA", "C,A-01,7,EA");
    ws.write("book.csv", "sku,location,book_qty,note", "A,A-01,5", "B,A-01,1,200", "C,A-01,7");
    // Each data row ending in a separator the header lacks, as some exports write them.
    ws.write("counts2.csv", "sku,location,count_uom,count_qty", "A,A-01,EA,5,",
        "B,A-01,EA,1,200", "C,A-01,EA,7,");

    Workspace.Run run = ws.reconcile();

    Map<String, String> rejected = exceptionAt(run, "book.csv", "3");
    assertEquals("book_qty", rejected.get("field"));
    assertEquals("1,200", rejected.get("value"));
    assertEquals("book_qty 1 is followed by 200 in 'note', which this file leaves blank: a "
        + "number written with an unquoted thousands separator? Write it without one (1200), "
        + "or quote it", rejected.get("reason"));
    assertEquals("", run.recon("B", "A-01").get("variance_qty"), "not 1199 over");
    assertEquals("book_rows_rejected", run.recon("B", "A-01").get("flags"));
    assertEquals("matched", run.recon("C", "A-01").get("status"));
    Workspace.Run tail = ws.reconcile(dir.resolve("book.csv"), dir.resolve("counts2.csv"),
        dir.resolve("uom.csv"), dir.resolve("items.csv"));
    // Past the header, 200 is in a field the file's rows leave blank: refused either way.
    assertEquals("row has 5 fields, the header has 4 (a separator inside an unquoted field?)",
        exceptionAt(tail, "counts2.csv", "3").get("reason"));
    assertEquals("", tail.recon("B", "A-01").get("counted_qty"), "not 1 counted");
  }

  @Test
  void reconcile_threeDigitNoteWhereEveryRowWritesItsNote_readAsANoteASplitNumberAFieldTooMany() {
    // Every row writes its note, blank or not: 1,200 unquoted is a field more than the header
    // has, so a row of the header's width with 200 in its note is a note of 200.
    Workspace ws = new Workspace(dir).items("A,1.00", "B,1.00", "C,1.00", "D,1.00")
        .counts("A,A-01,5,EA", "B,A-01,5,EA", "C,A-01,7,EA", "D,A-01,1200,EA");
    ws.write("book.csv", "sku,location,book_qty,note", "A,A-01,5,", "B,A-01,5,200", "C,A-01,7,",
        "D,A-01,1,200,");
    ws.write("counts2.csv", "sku,location,count_uom,count_qty,description", "A,A-01,EA,5,,",
        "B,A-01,EA,5,200,", "C,A-01,EA,7,,", "D,A-01,EA,1200,,");

    Workspace.Run run = ws.reconcile();
    Workspace.Run tail = ws.reconcile(dir.resolve("book.csv"), dir.resolve("counts2.csv"),
        dir.resolve("uom.csv"), dir.resolve("items.csv"));

    assertEquals("matched", run.recon("B", "A-01").get("status"), run.exceptions()::toString);
    assertEquals("row has 5 fields, the header has 4 (a separator inside an unquoted field?)",
        exceptionAt(run, "book.csv", "5").get("reason"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("matched", tail.recon("B", "A-01").get("status"), tail.exceptions()::toString);
    assertEquals(List.of("book.csv"), tail.exceptions().stream().map(e -> e.get("file"))
        .toList(), "its rows with a blank tail read, 5 and 200 a count and its description");
  }

  @Test
  void reconcile_noteColumnThatHoldsNumbersOfItsOwn_aQuantityBeforeItReadAsWritten() {
    Workspace ws = new Workspace(dir).items("A,1.00", "B,1.00").uom().counts("A,A-01,5,EA",
        "B,A-01,1,EA");
    ws.write("book.csv", "sku,location,book_qty,bin_height_mm", "A,A-01,5,450", "B,A-01,1,200");
    // A figure column mostly blank, a semicolon file (no comma splits a number there).
    ws.write("book2.csv", "sku,location,book_qty,weight_g", "A,A-01,5,", "B,A-01,1,250");
    ws.write("book3.csv", "sku;location;book_qty;note", "A;A-01;5;", "B;A-01;1;250");

    for (String book : new String[] {"book.csv", "book2.csv", "book3.csv"}) {
      Workspace.Run run = ws.reconcile(dir.resolve(book), dir.resolve("counts.csv"),
          dir.resolve("uom.csv"), dir.resolve("items.csv"));

      assertTrue(run.exceptions().isEmpty(), () -> book + ": " + run.exceptions());
      assertEquals("matched", run.recon("B", "A-01").get("status"), book);
    }
  }

  @Test
  void reconcile_everyDataRowEndingInASeparatorTheHeaderLacks_read() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00", "S3,1.00")
        .book("S1,A-01,5", "S2,A-02,3", "S3,A-03,1000");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "S1,A-01,5,EA,", "S2,A-02,3,EA,",
        "S3,A-03,1,000,EA,");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("S1", "A-01").get("status"));
    assertEquals("matched", run.recon("S2", "A-02").get("status"));
    // One field more than the file's habit: "1,000" unquoted.
    assertEquals("row has 6 fields, the header has 4 (a separator inside an unquoted field?)",
        exceptionAt(run, "counts.csv", "4").get("reason"));
    assertEquals("count_rows_rejected", run.recon("S3", "A-03").get("flags"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    // A stray separator that uses up the blank cannot be seen: the analyst is told of the habit.
    assertEquals("dockcount: note: counts.csv: its rows end with 1 more separator than its "
        + "header, read as blank columns; a row whose unquoted 1,200 uses up that blank cannot be"
        + " told from the others (quote such numbers, or export without the trailing separator)"
        + "\n", run.stderr());
  }

  @Test
  void reconcile_countShiftedBeforeItsKey_flagsTheLineItMayBeNeverMakesOne() {
    // "DOCK,2" unquoted: the SKU column holds "2" and the location column "S1".
    Workspace ws = new Workspace(dir).items("S1,1.00").book("S1,A-01-01-A,10");
    ws.write("counts.csv", "station,sku,location,count_qty,count_uom",
        "DOCK 1,S1,A-01-01-A,10,EA", "DOCK,2,S1,A-01-01-A,4,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 6 fields, the header has 5 (a separator inside an unquoted field?)",
        exceptionAt(run, "counts.csv", "3").get("reason"));
    List<Map<String, String>> lines = run.rows("recon.csv");
    assertEquals(1, lines.size(), run.text("recon.csv"));
    Map<String, String> s1 = run.recon("S1", "A-01-01-A");
    assertEquals("count_rows_rejected", s1.get("flags"), "its 4 may belong here");
    assertTrue(run.text("recount_tasks.csv").contains("S1"), run.text("recount_tasks.csv"));
  }

  @Test
  void reconcile_bookRowShifted_noLineForItsDescriptionBookUnknownWhereItWasCounted() {
    Workspace ws = new Workspace(dir).items("8800,0.10", "8801,0.10");
    ws.write("book.csv", "location,description,book_qty,sku", "A-01-02-B,clip,1,200,8800",
        "A-01-02-C,nut,5,8801");
    ws.counts("8800,A-01-02-B,1200,EA", "8801,A-01-02-C,5,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("row has 5 fields, the header has 4 (a separator inside an unquoted field?)",
        exceptionAt(run, "book.csv", "2").get("reason"));
    List<Map<String, String>> lines = run.rows("recon.csv");
    assertEquals(2, lines.size(), run.text("recon.csv"));
    Map<String, String> counted = run.recon("8800", "A-01-02-B");
    assertEquals("", counted.get("book_qty"), counted::toString);
    assertTrue(counted.get("flags").contains("book_rows_rejected"), counted::toString);
    assertEquals("", counted.get("variance_value"), "not stock found off book");
  }

  @Test
  void reconcile_rejectedRowWithADoubledQuote_valueShowsItsTextNotBytesUndoneInPlace() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,A-01-01-A,4", "S2,A-01-01-B,3");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,note",
        "S1,A-01-01-A,4,EA,\"6\"\" bolts", "S2,A-01-01-B,3,EA,");

    Workspace.Run run = ws.reconcile();

    String value = exceptionAt(run, "counts.csv", "2").get("value");
    assertTrue(value.startsWith("S1,A-01-01-A,4,EA,6\" bolts"), value);
    assertTrue(!value.contains("boltss"), value);
  }

  @Test
  void reconcile_strayQuoteInBook_onlyThatLineRejectedEveryLaterRowRead() {
    List<String> book = new ArrayList<>(List.of("P1,A-01,5", "\"W1 12IN PIPE,A-02,2"));
    List<String> counts = new ArrayList<>(List.of("P1,A-01,5,EA"));
    for (int i = 3; i <= 200; i++) {
      book.add("P" + i + ",A-" + i + ",1");
      counts.add("P" + i + ",A-" + i + ",1,EA");
    }
    Workspace ws = new Workspace(dir).items("P1,1.00").book(book.toArray(String[]::new))
        .counts(counts.toArray(String[]::new));

    Workspace.Run run = ws.reconcile();

    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertTrue(exceptionAt(run, "book.csv", "3").get("reason")
        .startsWith("unreadable row: quote opened and never closed"));
    assertEquals("\"W1 12IN PIPE,A-02,2", exceptionAt(run, "book.csv", "3").get("value"),
        "the row as read, to its line's end: which row it was");
    List<Map<String, String>> lines = run.rows("recon.csv");
    assertEquals(199, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.get("status").equals("matched")),
        run.text("recon.csv"));
    assertTrue(run.text("summary.json").contains("\"book.csv\": {\"rows\": 200, \"rejected\": 1}"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_twoStrayQuotesMakingOneWellFormedRow_firstLineRejectedNextLinesRead() {
    // The quote opened on line 3 closes on line 5 just before a comma: one record of three
    // fields, its SKU holding two line breaks. Only line 3 is rejected; 4 and 5 are read.
    Workspace ws = new Workspace(dir).items("P1,1.00")
        .book("P1,A-01,5", "\"P2,A-02,1", "P3,A-03,1", "P4\",A-04,1", "P5,A-05,1")
        .counts("P1,A-01,5,EA", "P3,A-03,1,EA", "P5,A-05,1,EA");

    Workspace.Run run = ws.reconcile();

    String reason = exceptionAt(run, "book.csv", "3").get("reason");
    assertTrue(reason.contains("over lines 3 to 5"), reason);
    assertEquals("matched", run.recon("P3", "A-03").get("status"));
    assertEquals("matched", run.recon("P5", "A-05").get("status"));
    // Line 5 holds the rest of the quoted field: rejected with it, not read as SKU P4".
    assertTrue(exceptionAt(run, "book.csv", "5").get("reason")
        .contains("the rest of a quoted field cut at line 3"));
    assertEquals(2, run.exceptions().size(), run.exceptions()::toString);
    assertEquals(3, run.rows("recon.csv").size(), run.text("recon.csv"));
  }

  @Test
  void reconcile_multiLineDescriptionInItems_legitimateRowKept() {
    Workspace ws = new Workspace(dir).book("P1,A-01,5").counts("P1,A-01,4,EA");
    ws.write("items.csv", "sku,description,unit_cost", "P1,\"Widget", "two lines\",2.50");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertEquals("-2.50", run.recon("P1", "A-01").get("variance_value"));
  }

  @Test
  void reconcile_countRowsOfWrongWidthWithReadableKeys_theirLinesFlaggedLikeOtherRejections() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00", "S3,1.00", "S4,1.00")
        .book("S1,A-01,10", "S2,A-02,10", "S3,A-03,5")
        .counts("S1,A-01,10", "S2,A-02,4,EA", "S2,A-02,6", "S4,A-04,7", "S3,A-03,5,EA,extra");

    Workspace.Run run = ws.reconcile();

    assertEquals(4, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("missing", run.recon("S1", "A-01").get("status"));
    assertEquals("count_rows_rejected", run.recon("S1", "A-01").get("flags"));
    assertTrue(run.task("S1", "A-01").get("reason").contains("every count row was rejected"));
    assertEquals("short", run.recon("S2", "A-02").get("status"));
    assertEquals("count_rows_rejected", run.recon("S2", "A-02").get("flags"));
    assertEquals("unexpected", run.recon("S4", "A-04").get("status"));
    assertEquals("count_rows_rejected", run.recon("S3", "A-03").get("flags"));
    assertTrue(run.text("summary.json").contains("\"locations_not_counted\": 0"));
  }

  @Test
  void reconcile_bookRowWithoutQuantityButCounted_unknownBookFlaggedNoVariance() {
    Workspace ws = new Workspace(dir).items("H2,1.00").book("H1,A-01,3", "H2,A-02")
        .counts("H2,A-02,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("H2", "A-02");
    assertEquals("unexpected", line.get("status"));
    assertEquals("book_rows_rejected", line.get("flags"));
    assertEquals("", line.get("variance_value"));
  }

  @Test
  void reconcile_quotedSkuHoldingLineBreak_bothLinesRejectedNoPhantomLine() {
    Workspace ws = new Workspace(dir).items("P1,1.00").book("P1,A-01,5", "\"Q8", "X\",A-08,1",
        "P9,A-09,2").counts("P1,A-01,5,EA", "P9,A-09,2,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("4", run.exceptions().get(1).get("line"));
    assertEquals(2, run.rows("recon.csv").size(), run.text("recon.csv"));
    assertEquals("matched", run.recon("P9", "A-09").get("status"));
  }

  @Test
  void reconcile_unclosedQuoteThenLegitQuotedFields_laterQuotedRowsStillRead() {
    Workspace ws = new Workspace(dir).items("P1,1.00").book("P1,A-01,5", "\"P2,A-02,1",
        "\"P 3\",A-03,1", "P4,\"A-04\",2").counts("P1,A-01,5,EA", "P 3,A-03,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("matched", run.recon("P 3", "A-03").get("status"));
    assertEquals("missing", run.recon("P4", "A-04").get("status"));
  }

  @Test
  void reconcile_bookRowsCutByAQuoteOrNotUtf8_theirLinesHaveAnUnknownBookNotAValue()
      throws java.io.IOException {
    Workspace ws = new Workspace(dir).items("R1,1.00", "R2,1.00", "R3,1.00")
        .counts("R1,A-01-01-A,4,EA", "R2,A-01-01-A,4,EA", "R3,A-01-02-A,4,EA");
    java.nio.file.Files.write(dir.resolve("book.csv"), new byte[] {});
    try (var out = java.nio.file.Files.newOutputStream(dir.resolve("book.csv"))) {
      out.write("sku,location,book_qty\nR1,A-01-01-A,\"4\nR2,A-01-01-A,4\nR3,A-01-02-A,4"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xFF, '\n'});
    }

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"R1", "A-01-01-A"}, {"R3", "A-01-02-A"}}) {
      Map<String, String> line = run.recon(k[0], k[1]);
      assertEquals("unexpected", line.get("status"), k[0]);
      assertEquals("book_rows_rejected", line.get("flags"), k[0]);
      assertEquals("", line.get("variance_value"), k[0]);
    }
    assertTrue(run.text("summary.json").contains("\"net_value\": 0.00"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_countRowsCutByAQuoteOrNotUtf8_theirLinesFlaggedAndRecounted()
      throws java.io.IOException {
    Workspace ws = new Workspace(dir).items("Q1,1.00", "Q2,1.00")
        .book("Q1,A-01-01-A,4", "Q2,A-01-02-A,4");
    try (var out = java.nio.file.Files.newOutputStream(dir.resolve("counts.csv"))) {
      out.write(("sku,location,count_qty,count_uom\nQ1,A-01-01-A,4,EA\nQ1,A-01-01-A,4,E")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xE9});
      out.write("A\nQ2,A-01-02-A,4,EA\nQ2,A-01-02-A,\"4,EA\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("count_rows_rejected", run.recon("Q1", "A-01-01-A").get("flags"));
    assertEquals("count_rows_rejected", run.recon("Q2", "A-01-02-A").get("flags"));
    assertTrue(run.task("Q1", "A-01-01-A") != null && run.task("Q2", "A-01-02-A") != null);
  }

  @Test
  void reconcile_bookRowRejectedWhereNobodyCounted_missingLineNotLost() {
    Workspace ws = new Workspace(dir).items("X1,1.00", "X2,1.00")
        .book("X1,A-01-01-A,5", "X2,A-01-02-A,abc").counts("X1,A-01-01-A,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("X2", "A-01-02-A");
    assertEquals("missing", line.get("status"));
    assertEquals("", line.get("book_qty"));
    assertEquals("book_rows_rejected", line.get("flags"));
    assertTrue(run.task("X2", "A-01-02-A").get("reason").contains("book rows rejected"));
    assertTrue(run.text("summary.json").contains("\"locations_not_counted\": 1"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_strayQuoteInAnUnquotedCountLocation_rowRefusedItsSkuFlaggedNoQuotedLine() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,A-01-01,12", "S2,A-01-02,5");
    ws.write("counts.csv", "count_id,sku,counted_at,counter,location,count_qty,count_uom",
        "1,S1,2026-12-05T10:00:00Z,001,A-01-01\",12,EA",
        "2,S2,2026-12-05T10:00:00Z,001,A-01-02,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> refused = exceptionAt(run, "counts.csv", "2");
    assertEquals("location", refused.get("field"));
    assertEquals("A-01-01\"", refused.get("value"));
    assertTrue(refused.get("reason").contains("quoting is broken"), refused::toString);
    Map<String, String> s1 = run.recon("S1", "A-01-01");
    assertEquals("count_rows_rejected", s1.get("flags"), "its SKU's line is flagged");
    assertEquals("", s1.get("counted_qty"), s1::toString);
    assertTrue(run.rows("recon.csv").stream().noneMatch(r -> r.get("location").contains("\"")),
        run.text("recon.csv"));
    assertEquals("matched", run.recon("S2", "A-01-02").get("status"));
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_quoteInAKeyOfAnyFile_refusedWithItsFieldAQuoteInADescriptionKept() {
    Workspace ws = new Workspace(dir).uom("S3,CS\",6", "S3,PK,4");
    ws.write("items.csv", "sku,description,unit_cost,class", "S1,PIPE 3/4\" PVC,1.00,A",
        "S2,x,2.00,B\"", "S3,\"BOLT 1/2\"\" ZINC\",2.00,B");
    ws.write("book.csv", "sku,location,book_qty,lot", "S1,A-01-01,12,L1", "S2,A-01-02,5,L\"2",
        "\"S3\"\"\",A-01-03,5,L3", "S3,A-01-04,8,L3");
    ws.write("counts.csv", "count_id,sku,location,count_qty,count_uom,lot",
        "1,S1,A-01-01,12,EA,L1", "2\",S2,A-01-02,5,EA,L2", "3,S3,A-01-04,2,PK,L3");

    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("S1", "A-01-01").get("status"),
        "the description's inch mark is text: the item is read, its cost kept");
    assertEquals("1.00", run.recon("S1", "A-01-01").get("unit_cost"));
    assertEquals("class", exceptionAt(run, "items.csv", "3").get("field"));
    assertEquals("2.00", run.recon("S2", "A-01-02").get("unit_cost"), "the rest of it kept");
    assertEquals("uom", exceptionAt(run, "uom.csv", "2").get("field"));
    assertEquals("lot", exceptionAt(run, "book.csv", "3").get("field"));
    assertEquals("S3\"", exceptionAt(run, "book.csv", "4").get("value"), "quoted, still a quote");
    assertEquals("count_id", exceptionAt(run, "counts.csv", "3").get("field"));
    assertEquals(5, run.exceptions().size(), run.exceptions()::toString);
    assertTrue(run.exceptions().stream().allMatch(e -> e.get("reason").contains("quoting is "
        + "broken")), run.exceptions()::toString);
    assertEquals("matched", run.recon("S3", "A-01-04").get("status"), "PK read: 2 x 4 = 8");
    assertTrue(run.rows("recon.csv").stream().noneMatch(r -> r.get("sku").contains("\"")),
        run.text("recon.csv"));
  }

  @Test
  void reconcile_quoteInABinMasterKey_rowRefusedWithItsValue() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,A-01-01,12", "S2,A-01-02,5").counts("S1,BIN1,12,EA", "S2,BIN2,5,EA");
    ws.write("bins.csv", "name,location", "BIN1,A-01-01\"", "BIN2\",A-01-02", "BIN2,A-01-02");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    Map<String, String> code = exceptionAt(run, "bins.csv", "2");
    assertEquals("location", code.get("field"));
    assertEquals("A-01-01\"", code.get("value"));
    assertTrue(code.get("reason").contains("quoting is broken"), code::toString);
    assertEquals("name", exceptionAt(run, "bins.csv", "3").get("field"));
    assertTrue(exceptionAt(run, "counts.csv", "2").get("reason").contains("its row there was "
        + "rejected (bins.csv line 2)"), run.exceptions()::toString);
    assertEquals("matched", run.recon("S2", "A-01-02").get("status"));
  }

  @Test
  void reconcile_binMasterNameNotUtf8OrCodeWithAControlChar_refusedAndNamedWhereUsed()
      throws java.io.IOException {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,A-01-01,12", "S2,A-01-02,5").counts("S1,Kühl 1,12,EA", "S2,BIN2,5,EA");
    // Kühl saved as Windows-1252: its ü is the byte FC, no UTF-8 text.
    java.nio.file.Files.write(dir.resolve("bins.csv"), concat(
        "name,location\nK", new byte[] {(byte) 0xFC}, "hl 1,A-01-01\nBIN2,A-01-02\n"
            + "BIN3,A-01-\u0001\n"));

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    Map<String, String> name = exceptionAt(run, "bins.csv", "2");
    assertEquals("name", name.get("field"));
    assertTrue(name.get("reason").startsWith("not UTF-8 text"), name::toString);
    assertTrue(exceptionAt(run, "bins.csv", "4").get("reason").contains("control character"));
    assertTrue(exceptionAt(run, "book.csv", "2").get("reason").endsWith("its row there was "
        + "rejected (bins.csv line 2)"), run.exceptions()::toString);
    assertEquals("matched", run.recon("S2", "A-01-02").get("status"));
  }

  @Test
  void reconcile_binMasterLocationASpreadsheetError_refusedNotABinOfItsOwn() {
    // A lookup that found no location code for two bins: #N/A for both.
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,BIN1,12", "S2,BIN2,5").counts("S1,BIN1,12,EA", "S2,BIN2,4,EA");
    ws.write("bins.csv", "name,location", "BIN1,#N/A", "BIN2,#N/A");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    // Read as a code, both bins were one location '#N/A': 17 on book there, 16 counted.
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("#N/A is a spreadsheet's error value (a formula that "
        + "failed), not a location"), run.stderr());
  }

  @Test
  void reconcile_binMasterRowOfAnotherWidth_refusedNeverAttached() {
    // BIN3's row has a field too many: which one the separator shifted is not known. BIN4's
    // ends before its warehouse, which --warehouse reads.
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .book("S1,BIN1,12", "S2,BIN3,5", "S2,BIN4,1").counts("S1,BIN1,12,EA", "S2,BIN3,5,EA");
    ws.write("bins.csv", "name,location,warehouse", "BIN1,A-01-01,WH1", "BIN3,A,01-02,WH1",
        "BIN4,A-01-03");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString(),
        "--warehouse", "WH1");

    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> wide = exceptionAt(run, "bins.csv", "3");
    assertEquals("", wide.get("field"));
    assertEquals("BIN3,A,01-02,WH1", wide.get("value"));
    assertTrue(wide.get("reason").startsWith("row has 4 fields, the header has 3"),
        wide::toString);
    assertTrue(exceptionAt(run, "bins.csv", "4").get("reason").startsWith("row has 2 fields"));
    // Never attached to location A: the rows naming BIN3 stay under that name, flagged.
    assertTrue(run.recon("S2", "BIN3").get("flags").contains("book_rows_rejected"),
        run.recon("S2", "BIN3")::toString);
    assertEquals("matched", run.recon("S1", "A-01-01").get("status"));
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] a = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] c = tail.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(a, a.length + middle.length + c.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }
}
