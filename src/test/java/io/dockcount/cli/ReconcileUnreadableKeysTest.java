package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rejected book or count row of which only the SKU, or only the location, can be read may be
 * any line of that SKU (or at that location): each such line is flagged, none is made, and a
 * line is never taken as matched or as stock found while the row is left out.
 */
final class ReconcileUnreadableKeysTest {
  @TempDir Path dir;

  private static void assertBookUnknown(Map<String, String> line) {
    assertEquals("book_rows_rejected", line.get("flags"), line::toString);
    assertEquals("", line.get("book_qty"), line::toString);
    assertEquals("", line.get("variance_value"), "no value against part of a book");
  }

  @Test
  void reconcile_dittoMarkInALastTextColumn_theRecordRejectedAndTheLinesOfItsRowsFlagged() {
    // The " of S2 opens a quoted field that the inch mark ending S4's row closes: read as one
    // row, S3's and S4's book rows vanish into S2's description, and their counts read as
    // stock found off book, with nothing rejected. A note quoting a record looks the same, so
    // the record is rejected whole and nothing in it is read as a row.
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00", "S3,12.50", "S4,8.25",
        "S5,1.00").counts("S1,A-01-01,10,EA", "S2,A-01-02,5,EA", "S3,A-01-03,4,EA",
        "S4,A-01-04,7,EA", "S5,A-01-05,6,EA");
    ws.write("book.csv", "sku,location,book_qty,description", "S1,A-01-01,10,PIPE 1/2 SCH40",
        "S2,A-01-02,5,\"", "S3,A-01-03,4,PIPE 3/4 SCH40", "S4,A-01-04,7,PIPE 3/4\"",
        "S5,A-01-05,6,CAP");

    Workspace.Run run = ws.reconcile();

    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("3", run.exceptions().get(0).get("line"));
    assertEquals("S2,A-01-02,5,\"", run.exceptions().get(0).get("value"), "the row as read");
    assertTrue(run.exceptions().get(0).get("reason").startsWith("a quoted field runs the row "
        + "over lines 3 to 5 and holds lines shaped like rows"), run.exceptions()::toString);
    assertBookUnknown(run.recon("S2", "A-01-02"));
    assertBookUnknown(run.recon("S3", "A-01-03"));
    assertBookUnknown(run.recon("S4", "A-01-04"));
    assertEquals("matched", run.recon("S1", "A-01-01").get("status"));
    assertEquals("matched", run.recon("S5", "A-01-05").get("status"));
  }

  @Test
  void reconcile_noteQuotingARecord_neverReadAsARowOfItsOwn() {
    Workspace ws = new Workspace(dir).items("S1,2.00", "S2,3.00")
        .counts("S1,A-01-01-A,10,EA", "S2,A-01-01-B,5,EA");
    ws.write("book.csv", "sku,location,book_qty,comment", "S1,A-01-01-A,10,\"moved; was:\n"
        + "S1,B-09-09-A,10,moved\nchecked by JD\"", "S2,A-01-01-B,5,");

    Workspace.Run run = ws.reconcile();

    // Rejected and recounted (nothing tells it from a stray quote), but no line made of it.
    assertEquals(2, run.rows("recon.csv").size(), run.text("recon.csv"));
    assertBookUnknown(run.recon("S1", "A-01-01-A"));
    assertEquals("matched", run.recon("S2", "A-01-01-B").get("status"));
  }

  @Test
  void reconcile_descriptionOverTwoLinesWithACommaInIt_readAsOneField() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00")
        .counts("S1,A-01-01,10,EA", "S2,A-01-02,5,EA");
    ws.write("book.csv", "sku,location,book_qty,description",
        "S1,A-01-01,10,\"Bolt M8\nzinc, 100 per box\"", "S2,A-01-02,5,NUT");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
    assertEquals("matched", run.recon("S1", "A-01-01").get("status"));
  }

  @Test
  void reconcile_bookRowCutByAQuoteBeforeItsLocation_everyLineOfItsSkuBookUnknown() {
    Workspace ws = new Workspace(dir).items("P1,12.40", "P2,3.00")
        .counts("P1,A-01,40,EA", "P1,B-02,1,EA", "P2,A-01,25,EA");
    ws.write("book.csv", "sku,description,location,book_qty",
        "P1,\"PIPE 3/4\" SCH40, 10FT\",A-01,40", "P2,ELBOW,A-01,25");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.exceptions().get(0).get("reason").startsWith("unreadable row"));
    assertBookUnknown(run.recon("P1", "A-01"));
    assertBookUnknown(run.recon("P1", "B-02"));
    assertEquals("matched", run.recon("P2", "A-01").get("status"));
    assertEquals(3, run.rows("recon.csv").size(), "no line made for the rejected row");
    assertTrue(run.text("summary.json").contains("\"net_value\": 0.00,"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_countRowCutByAQuoteBeforeItsLocation_lineOfItsSkuNotMatchedButRecounted() {
    Workspace ws = new Workspace(dir).items("P1,12.40").book("P1,A-01,40");
    ws.write("counts.csv", "sku,description,location,count_qty,count_uom",
        "P1,PIPE,A-01,40,EA", "P1,\"PIPE 3/4\" SCH40, 10FT\",A-01,8,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("P1", "A-01");
    assertEquals("count_rows_rejected", line.get("flags"), line::toString);
    assertTrue(run.task("P1", "A-01").get("reason").contains("count rows rejected"));
    assertEquals(1, run.rows("recon.csv").size());
  }

  @Test
  void reconcile_quoteCutRowOfTheHeadersWidth_stillFlagsItsOwnLineOnly() {
    Workspace ws = new Workspace(dir).items("A4,1.00").book("A4,A-01,4", "A4,B-02,1");
    ws.write("counts.csv", "sku,description,location,count_qty,count_uom",
        "A4,PIPE,A-01,4,EA", "A4,\"12\" pipe\",A-01,4,EA", "A4,PIPE,B-02,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("count_rows_rejected", run.recon("A4", "A-01").get("flags"));
    assertEquals("", run.recon("A4", "B-02").get("flags"), "its location was read whole");
  }

  @Test
  void reconcile_bookRowWhoseSkuAQuoteCut_everyLineAtItsLocationBookUnknown() {
    Workspace ws = new Workspace(dir).items("P1,1", "P2,1", "P3,1")
        .counts("P1,A-01,4,EA", "P2,A-01,2,EA", "P3,B-02,1,EA");
    ws.write("book.csv", "sku,location,book_qty", "\"P1\" X,A-01,4", "P2,A-01,2", "P3,B-02,1");

    Workspace.Run run = ws.reconcile();

    assertBookUnknown(run.recon("P1", "A-01"));
    assertBookUnknown(run.recon("P2", "A-01"));
    assertEquals("matched", run.recon("P3", "B-02").get("status"));
  }

  @Test
  void reconcile_countRowWhoseLocationAStraySeparatorSplit_theLineOfTheJoinedFieldsFlagged() {
    Workspace ws = new Workspace(dir).items("P1,1").book("P1,\"A,01\",8", "P1,B-02,1");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "P1,\"A,01\",5,EA", "P1,A,01,3,EA",
        "P1,B-02,1,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.exceptions().get(0).get("reason").startsWith("row has 5 fields"),
        run.exceptions()::toString);
    Map<String, String> line = run.recon("P1", "A,01");
    assertEquals("count_rows_rejected", line.get("flags"), line::toString);
    assertEquals("", run.recon("P1", "B-02").get("flags"));
    assertEquals(2, run.rows("recon.csv").size(), "no line for P1 at A or at 01");
  }

  @Test
  void reconcile_locationNotUtf8_everyLineOfItsSkuFlaggedOnEitherSide() throws IOException {
    Workspace ws = new Workspace(dir).items("A,10", "C,1");
    writeLatin1("book.csv", "sku,location,book_qty", "A,K\u00dcHL-01,24", "C,A-01,7");
    ws.counts("A,K\u00dcHL-01,24,EA", "C,A-01,7,EA");

    Workspace.Run book = ws.reconcile();

    assertBookUnknown(book.recon("A", "K\u00dcHL-01"));
    assertEquals("matched", book.recon("C", "A-01").get("status"));

    ws.book("A,K\u00dcHL-01,24", "C,A-01,7");
    writeLatin1("counts.csv", "sku,location,count_qty,count_uom", "A,K\u00dcHL-01,24,EA",
        "C,A-01,7,EA");

    Workspace.Run counts = ws.reconcile();

    Map<String, String> line = counts.recon("A", "K\u00dcHL-01");
    assertEquals("count_rows_rejected", line.get("flags"), line::toString);
    assertTrue(line.get("recount").contains("every count row was rejected"), line::toString);
  }

  @Test
  void reconcile_skuNotUtf8_everyLineAtItsLocationFlagged() throws IOException {
    Workspace ws = new Workspace(dir).items("A,10", "C,1").book("A,L-1,5", "C,L-1,7", "C,L-2,1");
    writeLatin1("counts.csv", "sku,location,count_qty,count_uom", "A,L-1,5,EA",
        "\u00c9CROU,L-1,3,EA", "C,L-1,7,EA", "C,L-2,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("count_rows_rejected", run.recon("A", "L-1").get("flags"));
    assertEquals("count_rows_rejected", run.recon("C", "L-1").get("flags"));
    assertEquals("", run.recon("C", "L-2").get("flags"));
    assertEquals(3, run.rows("recon.csv").size());
  }

  @Test
  void reconcile_blankLocationOrSku_flagsTheLinesTheRowMayBelongTo() {
    Workspace ws = new Workspace(dir).items("A,1", "B,1", "C,1")
        .book("A,L-1,5", "A,L-2,5", "B,L-3,2", "C,L-4,1", "C,,0", ",L-4,0")
        .counts("A,L-1,5,EA", "A,L-2,5,EA", "B,L-3,2,EA", "C,L-4,1,EA", "A,,1,EA", ",L-3,1,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("count_rows_rejected", run.recon("A", "L-1").get("flags"));
    assertEquals("count_rows_rejected", run.recon("A", "L-2").get("flags"));
    assertEquals("count_rows_rejected", run.recon("B", "L-3").get("flags"));
    assertEquals("matched", run.recon("C", "L-4").get("status"));
    assertEquals("", run.recon("C", "L-4").get("flags"),
        "a book row of 0 without its SKU or location adds nothing to any line");
    assertEquals(4, run.rows("recon.csv").size());
  }

  @Test
  void reconcile_bookRowWithoutLocation_everyLineOfItsSkuBookUnknown() {
    Workspace ws = new Workspace(dir).items("A,1", "B,1").book("A,L-1,5", "A,,3", ",L-2,4",
        "B,L-2,1").counts("A,L-1,5,EA", "B,L-2,1,EA");

    Workspace.Run run = ws.reconcile();

    assertBookUnknown(run.recon("A", "L-1"));
    assertBookUnknown(run.recon("B", "L-2"));
  }

  private void writeLatin1(String name, String... lines) throws IOException {
    Files.write(dir.resolve(name), (String.join("\n", lines) + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }
}
