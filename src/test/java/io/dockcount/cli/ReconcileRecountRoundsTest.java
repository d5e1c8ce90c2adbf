package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counts file with a {@code round} column (0 the first count, 1 its recount...) says which
 * rows recount a line: a recount replaces the count before it, never adds to it, and the rows
 * it replaces are in {@code exceptions.csv}.
 */
final class ReconcileRecountRoundsTest {
  @TempDir Path dir;

  private Workspace ws(String header, String... countRows) {
    Workspace ws = new Workspace(dir).items("A,1.00", "B,2.00")
        .book("A,A-01-01,12", "B,A-01-02,10");
    String[] lines = new String[countRows.length + 1];
    lines[0] = header;
    System.arraycopy(countRows, 0, lines, 1, countRows.length);
    ws.write("counts.csv", lines);
    return ws;
  }

  @Test
  void reconcile_firstCountAndItsRecount_theRecountReplacesItNeverAdds() {
    // 10 found at first, a variance recounted: 5 and 7 in two partial counts of the recount.
    Workspace ws = ws("count_id,station,sku,location,count_qty,count_uom,round",
        "1,S1,A,A-01-01,10,EA,0", "2,S1,B,A-01-02,4,EA,0", "3,S1,B,A-01-02,6,EA,0",
        "4,S1,A,A-01-01,5,EA,1", "5,S1,A,A-01-01,7,EA,1");

    Workspace.Run run = ws.reconcile();

    // Added up, 22 were counted against a book of 12: 10 over, valued and recounted again.
    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> a = run.recon("A", "A-01-01");
    assertEquals("12", a.get("counted_qty"), a::toString);
    assertEquals("matched", a.get("status"));
    assertEquals("", a.get("flags"));
    assertEquals("matched", run.recon("B", "A-01-02").get("status"), "partial counts add up");
    Map<String, String> replaced = run.exceptions().get(0);
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("2", replaced.get("line"));
    assertEquals("round", replaced.get("field"));
    assertEquals("0", replaced.get("value"));
    assertEquals("a count of round 0, replaced by the SKU and location's recount of round 1 "
        + "(line 5): a recount replaces the counts before it, never adds to them",
        replaced.get("reason"));
    // Listed for the audit, but no fault of the file: not a rejected row.
    assertTrue(run.text("summary.json").contains("\"rejected_rows\": 0,"), run.stdout());
    assertTrue(run.text("summary.json").contains("\"count_rows_replaced_by_recount\": 1,"));
    assertTrue(run.text("summary.json").contains("\"counts.csv\": {\"rows\": 5, "
        + "\"rejected\": 0}"), () -> run.text("summary.json"));
    assertTrue(run.stdout().contains("Rejected input rows: 0 (see exceptions.csv)\n"
        + "Count rows replaced by a recount: 1 (listed in exceptions.csv)"), run.stdout());
  }

  @Test
  void reconcile_faultyRowOfAnEarlierRound_replacedByTheRecountLineNotFlagged() {
    // The first count was keyed in a unit A has no factor for; the recount found the 12.
    Workspace ws = ws("sku,location,count_qty,count_uom,round", "A,A-01-01,3,BX,0",
        "A,A-01-01,12,EA,1", "B,A-01-02,2,BX,1", "B,A-01-02,10,EA,0");

    Workspace.Run run = ws.reconcile();

    // Replaced, A's faulty row no longer matters: its line stands on the recount. B's recount
    // is itself faulty: its row is rejected, and B's first count is what is left to show.
    Map<String, String> a = run.recon("A", "A-01-01");
    assertEquals("matched", a.get("status"), a::toString);
    assertEquals("", a.get("flags"));
    assertEquals("count_rows_rejected", run.recon("B", "A-01-02").get("flags"));
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(List.of("2", "4"), ex.stream().map(e -> e.get("line")).toList(), ex::toString);
    assertEquals("round", ex.get(0).get("field"));
    assertEquals("a count of round 0, replaced by the SKU and location's recount of round 1 "
        + "(line 3): a recount replaces the counts before it, never adds to them (the row was "
        + "faulty too: unit BX has no factor for SKU A in the UOM table)",
        ex.get(0).get("reason"));
    assertTrue(run.text("summary.json").contains("\"count_rows_replaced_by_recount\": 1,"));
    assertTrue(run.text("summary.json").contains("\"counts.csv\": {\"rows\": 4, "
        + "\"rejected\": 1}"), () -> run.text("summary.json"));
  }

  @Test
  void reconcile_countNumberMappedAndARoundThatIsNoNumber_rowRejectedAndLineRecounted() {
    Workspace ws = ws("sku,location,count_qty,count_uom,Count No", "A,A-01-01,10,EA,1",
        "A,A-01-01,12,EA,2", "B,A-01-02,10,EA,1", "B,A-01-02,3,EA,second");

    Workspace.Run run = ws.reconcile("--columns", "counts.round=Count No");

    assertEquals("matched", run.recon("A", "A-01-01").get("status"), "count 2 replaces 1");
    Map<String, String> b = run.recon("B", "A-01-02");
    assertTrue(b.get("flags").contains("count_rows_rejected"), b::toString);
    assertEquals(List.of("2", "5"), run.exceptions().stream().map(e -> e.get("line")).toList());
    assertEquals("Count No is not a whole number: which count this row belongs to is unknown",
        run.exceptions().get(1).get("reason"));
    assertTrue(run.stdout().contains("Rejected input rows: 1 (see exceptions.csv)"),
        run.stdout());
  }

  @Test
  void reconcile_roundsQuotedPaddedOrSavedAsFloats_readAsTheirNumbers() {
    Workspace ws = ws("sku,location,count_qty,count_uom,round", "A,A-01-01,10,EA,\"0\"",
        "A,A-01-01,12,EA, 1.0 ", "B,A-01-02,4,EA,", "B,A-01-02,6,EA,00", "B,A-01-02,10,EA,10");

    Workspace.Run run = ws.reconcile();

    assertEquals("12", run.recon("A", "A-01-01").get("counted_qty"), run.exceptions()::toString);
    assertEquals("10", run.recon("B", "A-01-02").get("counted_qty"), "round 10 replaces 0");
    assertEquals(List.of("0", "", "00"), run.exceptions().stream().map(e -> e.get("value"))
        .toList(), "the rounds replaced, as written");
  }
}
