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
 * A counts file with a {@code count_id} column names each count record once: a record that
 * comes twice (an export appended to an earlier export) is counted once, and the repeat is in
 * {@code exceptions.csv}, never silently added.
 */
final class ReconcileRepeatedCountIdsTest {
  private static final String HEADER = "count_id,station,counted_at,sku,location,count_qty,"
      + "count_uom";

  @TempDir Path dir;

  private Workspace ws(String... countRows) {
    Workspace ws = new Workspace(dir).items("00913,2.50", "00914,1.00").uom("00913,CS,12")
        .book("00913,A-01-02,24", "00914,A-01-03,5");
    String[] lines = new String[countRows.length + 1];
    lines[0] = HEADER;
    System.arraycopy(countRows, 0, lines, 1, countRows.length);
    ws.write("counts.csv", lines);
    return ws;
  }

  private static String count(String id, String sku, String location, String qty, String unit) {
    return id + ",ST01,2026-11-28T06:00:00Z," + sku + "," + location + "," + qty + "," + unit;
  }

  @Test
  void reconcile_stationsNumberingTheirOwnIds_eachIdReadWithinItsStation() {
    // Two stations counted a pallet of 12 each at A-01-02, each export numbering from 1: read
    // as ids of the file, the second 1 was a repeat, and the line 12 short with nothing flagged.
    String first = count("1", "00913", "A-01-02", "1", "CS");
    String second = "1,ST02,2026-11-28T06:10:00Z,00913,A-01-02,1,CS";
    Workspace ws = ws(first, HEADER, second, "2,ST02,2026-11-28T06:11:00Z,00914,A-01-03,5,EA",
        "2,ST02,2026-11-28T06:11:00Z,00914,A-01-03,5,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    assertEquals("matched", run.recon("00914", "A-01-03").get("status"), "ST02's 2 once");
    assertEquals(List.of("3", "6"), run.exceptions().stream().map(e -> e.get("line")).toList(),
        "the second header, and ST02's record 2 read twice");
    assertTrue(run.exceptions().get(1).get("reason").contains("count_id 2 is on line 5 too"),
        run.exceptions()::toString);
  }

  @Test
  void reconcile_exportsNumberingTheirOwnIdsWithoutAStation_countIdLeftUnreadEveryCountAdds() {
    Workspace ws = new Workspace(dir).items("00913,2.50").uom("00913,CS,12")
        .book("00913,A-01-02,24");
    ws.write("counts.csv", "count_id,sku,location,count_qty,count_uom",
        "1,00913,A-01-02,1,CS", "count_id,sku,location,count_qty,count_uom",
        "1,00913,A-01-02,1,CS");

    Workspace.Run asIds = ws.reconcile();

    assertEquals("12", asIds.recon("00913", "A-01-02").get("counted_qty"));
    assertTrue(asIds.exceptions().get(1).get("reason").endsWith("--columns counts.count_id= "
        + "leaves them unread)"), asIds.exceptions()::toString);

    Workspace.Run unread = ws.reconcile("--columns", "counts.count_id=");

    assertEquals(0, unread.exitCode(), unread.stderr());
    assertEquals("24", unread.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("matched", unread.recon("00913", "A-01-02").get("status"));
    assertEquals(1, unread.exceptions().size(), "the second export's header only");
  }

  @Test
  void reconcile_blankHeaderForAFieldThatMustBeRead_exit2() {
    Workspace ws = ws(count("1", "00913", "A-01-02", "2", "CS"));

    Workspace.Run run = ws.reconcile("--columns", "counts.lot=");

    assertEquals(2, run.exitCode(), run.stdout());
    assertEquals("dockcount: --columns counts.lot: no header given; only "
        + "counts.count_id may be left unread, by a blank header", run.stderr().strip());
  }

  @Test
  void reconcile_exportAppendedTwice_eachRecordCountedOnceRepeatsReported() {
    String a = count("C0000001", "00913", "A-01-02", "2", "CS");
    String b = count("C0000002", "00914", "A-01-03", "5", "EA");
    Workspace ws = ws(a, b, a, b);

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("24", line.get("counted_qty"), "2 CS once, not 48 EA");
    assertEquals("matched", line.get("status"));
    assertEquals("", line.get("flags"), "a plain repeat leaves nothing to recount");
    assertEquals("matched", run.recon("00914", "A-01-03").get("status"));
    assertNull(run.task("00913", "A-01-02"));
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(2, ex.size(), ex::toString);
    assertEquals("4", ex.get(0).get("line"));
    assertEquals("count_id", ex.get(0).get("field"));
    assertEquals("C0000001", ex.get(0).get("value"));
    assertTrue(ex.get(0).get("reason")
        .contains("on line 2 too, with the same SKU, location, lot and eaches"), ex.get(0)::toString);
    assertEquals("5", ex.get(1).get("line"));
    assertTrue(run.stdout().contains("Rejected input rows: 2"), run.stdout());
  }

  @Test
  void reconcile_numericIdsThatLostTheirLeadingZeros_repeatsOfTheRecordsCountedOnce() {
    // The same export appended again after a spreadsheet dropped the ids' zeros.
    Workspace ws = ws(count("0007", "00913", "A-01-02", "2", "CS"),
        count("0008", "00914", "A-01-03", "5", "EA"), count("7", "00913", "A-01-02", "2", "CS"),
        count("8", "00914", "A-01-03", "4", "EA"), count("0A7", "00914", "A-01-03", "1", "EA"),
        count("A7", "00914", "A-01-03", "1", "EA"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("matched", run.recon("00913", "A-01-02").get("status"));
    // 8 has other figures than 0008: left out, and the line is recounted. 0A7 and A7 are
    // not numbers: two records.
    assertEquals("7", run.recon("00914", "A-01-03").get("counted_qty"));
    assertEquals("count_rows_rejected", run.recon("00914", "A-01-03").get("flags"));
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(2, ex.size(), ex::toString);
    assertEquals("count_id 7 is 0007 of line 2 written as a number (its leading zeros dropped, "
        + "or a .0 added, by a spreadsheet or script?), with the same SKU, location, lot and "
        + "eaches: one count record read twice (an export appended to another?) is counted once"
        + " (an id is one within its station column; ids each export numbers on its own are "
        + "no record ids: --columns counts.count_id= leaves them unread)",
        ex.get(0).get("reason"));
    assertTrue(ex.get(1).get("reason").startsWith("count_id 8 is 0008 of line 3 written as a"),
        ex.get(1)::toString);
  }

  @Test
  void reconcile_idWrittenWithAZeroFraction_isTheSameRecord() {
    // pandas writes an integer column that has blanks as 1.0, 2.0...
    Workspace ws = ws(count("0001", "00913", "A-01-02", "2", "CS"),
        count("1.0", "00913", "A-01-02", "2", "CS"), count("1.5", "00914", "A-01-03", "5", "EA"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"), "counted once");
    assertEquals("5", run.recon("00914", "A-01-03").get("counted_qty"), "1.5 is an id of its own");
    assertEquals(1, run.exceptions().size(), run.exceptions()::toString);
    assertTrue(run.exceptions().get(0).get("reason").startsWith("count_id 1.0 is 0001 of line "
        + "2 written as a number"), run.exceptions()::toString);
  }

  @Test
  void reconcile_sameIdOtherFigures_laterRowLeftOutAndItsLineRecounted() {
    Workspace ws = ws(count("7731", "00913", "A-01-02", "2", "CS"),
        count("7731", "00913", "A-01-02", "1", "EA"),
        count("7732", "00914", "A-01-03", "5", "EA"));

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("24", line.get("counted_qty"), "the first row counts, the second is out");
    assertEquals("count_rows_rejected", line.get("flags"));
    Map<String, String> task = run.task("00913", "A-01-02");
    assertNotNull(task, "which of the two figures is right is for a recount to say");
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(1, ex.size(), ex::toString);
    assertEquals("3", ex.get(0).get("line"));
    assertTrue(ex.get(0).get("reason").contains("with other figures"), ex.get(0)::toString);
  }

  @Test
  void reconcile_sameRecordInCasesThenEaches_sameEachesIsAPlainRepeat() {
    Workspace ws = ws(count("K-1", "00913", "A-01-02", "2", "CS"),
        count("K-1", "00913", "A-01-02", "24", "EA"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("", run.recon("00913", "A-01-02").get("flags"));
    assertTrue(run.exceptions().get(0).get("reason").contains("same SKU, location, lot and eaches"));
  }

  @Test
  void reconcile_longIds_repeatsFoundDistinctIdsKept() {
    // UUIDs do not pack into a number: they are hashed, and a repeat is confirmed on its text.
    String u1 = "3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a11";
    String u2 = "3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a12";
    Workspace ws = ws(count(u1, "00913", "A-01-02", "1", "CS"),
        count(u2, "00913", "A-01-02", "1", "CS"),
        count(u1, "00913", "A-01-02", "1", "CS"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals(1, run.exceptions().size());
    assertEquals(u1, run.exceptions().get(0).get("value"));
    assertEquals("4", run.exceptions().get(0).get("line"));
  }

  @Test
  void reconcile_blankIds_neverRepeatsOfEachOther() {
    Workspace ws = ws(count("", "00913", "A-01-02", "1", "CS"),
        count(" ", "00913", "A-01-02", "1", "CS"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertTrue(run.exceptions().isEmpty(), run.exceptions()::toString);
  }

  @Test
  void reconcile_firstRowRejected_laterRowWithTheIdCounts() {
    Workspace ws = ws(count("C9", "00913", "A-01-02", "2", "BOX"),
        count("C9", "00913", "A-01-02", "2", "CS"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(1, ex.size(), ex::toString);
    assertEquals("count_uom", ex.get(0).get("field"));
  }

  @Test
  void reconcile_idColumnMapped_repeatsFoundUnderTheWmsHeader() {
    Workspace ws = new Workspace(dir).items("00913,2.50").uom("00913,CS,12")
        .book("00913,A-01-02,24");
    ws.write("counts.csv", "Count Ref,sku,location,count_qty,count_uom",
        "R1,00913,A-01-02,2,CS", "R1,00913,A-01-02,2,CS");

    Workspace.Run run = ws.reconcile("--columns", "counts.count_id=Count Ref");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals(1, run.exceptions().size());
  }

  @Test
  void reconcile_idsOutOfOrderAmongRejectedAndMalformedRows_repeatsStillFoundByRow() {
    // Out of order, the ids are read again row by row: rows rejected on the first read (a bad
    // number, a row cut by a stray quote, a row too short) must not shift which row is which.
    Workspace ws = ws(count("C5", "00913", "A-01-02", "1", "CS"),
        count("C3", "00913", "A-01-02", "x", "CS"),
        "C4,ST01,2026-11-28T06:00:00Z,\"00913,A-01-02,1,CS",
        "C6,ST01",
        count("C5", "00913", "A-01-02", "1", "CS"),
        count("C1", "00914", "A-01-03", "5", "EA"),
        count("C3", "00913", "A-01-02", "1", "CS"));

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"), "C5 once, and C3");
    assertEquals("5", run.recon("00914", "A-01-03").get("counted_qty"));
    List<Map<String, String>> ex = run.exceptions();
    Map<String, String> repeat = ex.stream().filter(r -> r.get("field").equals("count_id"))
        .findFirst().orElseThrow(() -> new AssertionError(ex.toString()));
    assertEquals("6", repeat.get("line"));
    assertEquals("C5", repeat.get("value"));
    assertEquals(1, ex.stream().filter(r -> r.get("field").equals("count_id")).count());
    for (int i = 1; i < ex.size(); i++) {
      assertTrue(Long.parseLong(ex.get(i - 1).get("line")) <= Long.parseLong(ex.get(i)
          .get("line")), "exceptions by line: " + ex);
    }
  }

  @Test
  void reconcile_filesJoinedWithTheirHeaders_headerAgainIsNoLine() {
    String a = count("C1", "00913", "A-01-02", "2", "CS");
    String b = count("C2", "00914", "A-01-03", "5", "EA");
    Workspace ws = ws(a, HEADER, b);
    ws.write("book.csv", Workspace.BOOK, "00913,A-01-02,24", "\uFEFF" + Workspace.BOOK,
        "00914,A-01-03,5");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(2, run.rows("recon.csv").size(), "no line at a location called 'location'");
    assertEquals("matched", run.recon("00914", "A-01-03").get("status"));
    List<Map<String, String>> ex = run.exceptions();
    assertEquals(2, ex.size(), ex::toString);
    for (Map<String, String> x : ex) {
      assertTrue(x.get("reason").startsWith("the header again"), x::toString);
    }
    assertTrue(run.rows("recount_tasks.csv").isEmpty());
  }

  @Test
  void reconcile_sameIdAtAnotherLocation_bothLinesRecounted() {
    Workspace ws = ws(count("7731", "00913", "A-01-02", "2", "CS"),
        count("7731", "00914", "A-01-03", "5", "EA"));

    Workspace.Run run = ws.reconcile();

    assertEquals("24", run.recon("00913", "A-01-02").get("counted_qty"));
    assertEquals("count_rows_rejected", run.recon("00913", "A-01-02").get("flags"),
        "the first record may be the wrong one");
    assertNotNull(run.task("00913", "A-01-02"));
    assertEquals("missing", run.recon("00914", "A-01-03").get("status"));
    assertEquals("count_rows_rejected", run.recon("00914", "A-01-03").get("flags"));
  }

  @Test
  void reconcile_idsInScientificNotation_neverMergedRowsRejectedLineRecounted() {
    String a = count("1.73342E+12", "00913", "A-01-02", "24", "EA");
    Workspace ws = ws(a, a, count("C0000003", "00914", "A-01-03", "5", "EA"));

    Workspace.Run run = ws.reconcile();

    assertEquals(List.of("2", "3"),
        run.exceptions().stream().map(e -> e.get("line")).toList(), run.exceptions()::toString);
    for (Map<String, String> e : run.exceptions()) {
      assertEquals("count_id", e.get("field"));
      assertEquals("1.73342E+12", e.get("value"));
      assertTrue(e.get("reason").contains("scientific notation"), e.get("reason"));
    }
    Map<String, String> line = run.recon("00913", "A-01-02");
    assertEquals("count_rows_rejected", line.get("flags"), line::toString);
    assertNotNull(run.task("00913", "A-01-02"), "recounted: one count or two is not known");
    assertEquals("matched", run.recon("00914", "A-01-03").get("status"));
  }
}
