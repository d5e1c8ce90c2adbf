package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line some of whose rows were rejected says so: its quantity leaves those rows out, so it is
 * flagged and recounted rather than shown as an ordinary short, unexpected or never-counted line.
 */
final class ReconcileRejectedRowsTest {
  @TempDir Path dir;

  private Workspace ws() {
    return new Workspace(dir).items("00913,2.50", "00914,1.00").uom("00913,CS,12");
  }

  @Test
  void reconcile_everyCountRowRejected_missingWithRejectedReasonNotNotCounted() {
    Workspace ws = ws().book("00913,A-01-02,12", "00914,A-01-03,5")
        .counts("00913,A-01-02,1,PL", "00913,A-01-02,x,CS");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("missing", line.get("status"));
    assertEquals("", line.get("counted_qty"));
    assertEquals("count_rows_rejected", line.get("flags"));
    Map<String, String> task = run.task("00913", "A-01-02");
    assertNotNull(task, "a pair counted with unusable rows is recounted");
    assertTrue(task.get("reason").contains("every count row was rejected"), task::toString);
    // A pair nobody counted keeps the plain reason.
    assertEquals("not counted", run.task("00914", "A-01-03").get("reason"));
    assertEquals("", run.recon("00914", "A-01-03").get("flags"));
    assertEquals(2, run.exceptions().size());
  }

  @Test
  void reconcile_onePartialCountRejected_shortFlaggedAndTaskedEvenWithinLimits() {
    // 2 CS counted and accepted, the third case keyed in an unknown unit: counted 24 of 36
    // would be a plain short; with the flag the reader knows the count is incomplete.
    Workspace ws = ws().book("00913,A-01-02,25").counts("00913,A-01-02,2,CS",
        "00913,A-01-02,1,BOX");

    Workspace.Run run = ws.reconcile("--qty", "100", "--value", "1000", "--pct", "90");

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("24", line.get("counted_qty"));
    assertEquals("short", line.get("status"));
    assertEquals("count_rows_rejected", line.get("flags"));
    Map<String, String> task = run.task("00913", "A-01-02");
    assertNotNull(task, "within the limits, but the count leaves a row out");
    assertTrue(task.get("reason").contains("count rows rejected"), task::toString);
  }

  @Test
  void reconcile_bookRowRejected_unexpectedFlaggedAsBookIncomplete() {
    Workspace ws = ws().book("00913,A-01-02,", "00914,A-01-03,5")
        .counts("00913,A-01-02,12,EA", "00914,A-01-03,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("unexpected", line.get("status"));
    assertEquals("book_rows_rejected", line.get("flags"));
    assertEquals("12", line.get("counted_qty"));
    assertEquals("", line.get("variance_qty"), "the book is unknown, not 0");
    assertEquals("", line.get("variance_value"));
    assertEquals("counted where the book quantity is unknown: book rows of it were rejected (see "
        + "exceptions.csv)", run.task("00913", "A-01-02").get("reason"),
        "not 'the book has no line': it has one, of unknown quantity");
    assertTrue(run.text("summary.json").contains("\"net_value\": 0.00"),
        run.text("summary.json"));
    assertEquals("matched", run.recon("00914", "A-01-03").get("status"));
    assertEquals("", run.recon("00914", "A-01-03").get("flags"));
  }

  @Test
  void reconcile_rowsRejected_summarySaysHowManyLinesLeaveThemOut() {
    Workspace ws = ws().book("00913,A-01-02,12", "00914,A-01-03,5")
        .counts("00913,A-01-02,1,PL", "00914,A-01-03,5,EA", "00914,A-01-03,-1,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.text("summary.json").contains("\"lines_with_rejected_rows\": 2"),
        run.text("summary.json"));
    assertTrue(run.stdout().contains("Rejected input rows: 2 (see exceptions.csv); 2 lines"),
        run.stdout());
  }

  @Test
  void reconcile_rejectedRowsSwitchOff_flagStaysNoTaskForIt() {
    Path conf = dir.resolve("site.conf");
    Workspace ws = ws().book("00913,A-01-02,12").counts("00913,A-01-02,1,CS",
        "00913,A-01-02,1,PL");
    try {
      java.nio.file.Files.writeString(conf,
          "dockcount.reconcile.recount.rejected-rows = false\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    Workspace.Run run = ws.reconcile("--config", conf.toString());

    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("count_rows_rejected", run.recon("00913", "A-01-02").get("flags"));
    assertNull(run.task("00913", "A-01-02"));
  }

  @Test
  void reconcile_countedOffBookEveryRowRejected_unexpectedLineWithoutQuantityRecounted() {
    Workspace ws = ws().book("00914,A-01-03,5").counts("00914,A-01-03,5,EA",
        "00913,B-09-09,1,PL");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "B-09-09");
    assertEquals("unexpected", line.get("status"));
    assertEquals("", line.get("book_qty"));
    assertEquals("", line.get("counted_qty"));
    assertEquals("", line.get("variance_value"));
    assertEquals("count_rows_rejected", line.get("flags"));
    assertTrue(run.task("00913", "B-09-09").get("reason").contains("count rows rejected"));
    assertEquals(1, run.exceptions().size());
    assertEquals("3", run.exceptions().get(0).get("line"));
    // B-09-09 was counted (its count is unusable): a counted location, and not an accurate one.
    String summary = run.text("summary.json");
    assertTrue(summary.contains("\"locations_counted\": 2, \"locations_accurate\": 1, "
        + "\"locations_not_counted\": 0"), summary);
  }

  @Test
  void reconcile_bookRowRejectedCountedZero_unexpectedNotMatchedAtZero() {
    Workspace ws = ws().book("00914,A-01-04,x").counts("00914,A-01-04,0,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00914", "A-01-04");
    assertEquals("unexpected", line.get("status"));
    assertEquals("book_rows_rejected", line.get("flags"));
    assertNotNull(run.task("00914", "A-01-04"));
  }

  @Test
  void reconcile_byLot_rejectedRowsFlagTheirLotAndAnUnknownBookLotIsNotValued() {
    Workspace ws = ws();
    ws.write("book.csv", "sku,location,book_qty,lot", "00913,A-01-02,12,L1",
        "00913,A-01-02,x,L2", "00914,A-01-03,bad,L9");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "00913,A-01-02,1,CS,L1",
        "00913,A-01-02,5,EA,L2", "00914,A-01-03,3,EA,L9", "00913,A-01-02,2,BOX,L1");

    Workspace.Run run = ws.reconcile();

    Map<String, String> l1 = run.lot("00913", "A-01-02", "L1");
    assertEquals("matched", l1.get("status"));
    assertEquals("count_rows_rejected", l1.get("flags"), "its BOX row was rejected");
    Map<String, String> l2 = run.lot("00913", "A-01-02", "L2");
    assertEquals("5", l2.get("counted_qty"));
    assertEquals("", l2.get("variance_qty"), "its book row was rejected: the book is unknown");
    assertEquals("", l2.get("variance_value"));
    assertEquals("book_rows_rejected", l2.get("flags"));
    // The line and its lot agree: neither values a book nobody could read.
    assertEquals("", run.recon("00914", "A-01-03").get("variance_value"));
    assertEquals("", run.lot("00914", "A-01-03", "L9").get("variance_value"));
  }

  @Test
  void reconcile_someBookRowsOfALineRejected_bookUnknownNoVarianceAgainstThePartRead() {
    // A book of 10 + unknown, counted 12: not "over 2", whatever the unread row held.
    Workspace ws = ws().book("00913,A-01-02,10", "00913,A-01-02,", "00914,A-01-03,5")
        .counts("00913,A-01-02,12,EA", "00914,A-01-03,5,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("", line.get("book_qty"), "unknown: only part of it was read");
    assertEquals("12", line.get("counted_qty"));
    assertEquals("", line.get("variance_qty"));
    assertEquals("", line.get("variance_value"));
    assertEquals("unexpected", line.get("status"));
    assertEquals("book_rows_rejected", line.get("flags"));
    assertEquals("counted where the book quantity is unknown: book rows of it were rejected (see "
        + "exceptions.csv)", run.task("00913", "A-01-02").get("reason"));
    assertTrue(run.text("summary.json").contains("\"net_value\": 0.00"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_byLot_oneLotsBookRejected_thatLotAndTheLineUnknownOtherLotsCompared() {
    Workspace ws = ws();
    ws.write("book.csv", "sku,location,book_qty,lot", "00913,A-01-02,12,L1",
        "00913,A-01-02,x,L2");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "00913,A-01-02,10,EA,L1",
        "00913,A-01-02,5,EA,L2");

    Workspace.Run run = ws.reconcile();

    assertEquals("-2", run.lot("00913", "A-01-02", "L1").get("variance_qty"));
    assertEquals("", run.lot("00913", "A-01-02", "L2").get("variance_qty"));
    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("", line.get("variance_qty"), "the line's book is 12 + unknown");
    assertTrue(line.get("flags").contains("book_rows_rejected"), line.get("flags"));
  }

  @Test
  void reconcile_byLot_lotWithOnlyRejectedRows_getsItsOwnFlaggedLotLine() {
    Workspace ws = ws();
    ws.write("book.csv", "sku,location,book_qty,lot", "00913,A-01-02,12,L1",
        "00913,A-01-02,x,L3");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "00913,A-01-02,1,CS,L1",
        "00913,A-01-02,2,BOX,L4");

    Workspace.Run run = ws.reconcile();

    Map<String, String> l3 = run.lot("00913", "A-01-02", "L3");
    assertEquals("", l3.get("book_qty"));
    assertEquals("", l3.get("variance_value"));
    assertEquals("book_rows_rejected", l3.get("flags"));
    Map<String, String> l4 = run.lot("00913", "A-01-02", "L4");
    assertEquals("", l4.get("counted_qty"), "its only count row was rejected: not a count of 0");
    assertEquals("unexpected", l4.get("status"));
    assertEquals("count_rows_rejected", l4.get("flags"));
    assertEquals(List.of("L1", "L3", "L4"), run.rows("recon_lots.csv").stream()
        .map(r -> r.get("lot")).toList(), "lot lines stay in report order");
  }

  @Test
  void reconcile_countInAUnitWhoseFactorWasRejected_reasonPointsToThatRow() {
    Workspace ws = new Workspace(dir).items("S5,1.00").uom("S5,BX,2.5", "S5,CS,12")
        .book("S5,A-01,24").counts("S5,A-01,1,BX", "S5,A-01,2,CS", "S5,A-01,1,PL");

    Workspace.Run run = ws.reconcile();

    List<Map<String, String>> ex = run.exceptions();
    assertEquals("uom.csv", ex.get(0).get("file"));
    assertEquals("unit BX has no factor for SKU S5 in the UOM table: its row was rejected "
        + "(uom.csv line 2)", ex.get(1).get("reason"));
    assertEquals("unit PL has no factor for SKU S5 in the UOM table; it has CS = 12 EA",
        ex.get(2).get("reason"));
  }
}
