package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reports say about where rows came from, lots, and earlier runs' files. */
final class ReconcileReportsTest {
  @TempDir Path dir;

  @Test
  void reconcile_printedSummary_moneyAsInTheFilesNotRounded() {
    Workspace.Run run = new Workspace(dir).items("P4,0.3333", "P5,1234.5")
        .book("P4,A-4,300", "P5,A-5,10").counts("P4,A-4,150,EA", "P5,A-5,11,EA").reconcile();

    assertEquals("-49.995", run.recon("P4", "A-4").get("variance_value"));
    // Rounded to -50.00 it would read as reaching the 50.00 value limit; it did not.
    assertTrue(run.stdout().contains("Variance value: net 1,184.505, absolute 1,284.495\n"),
        run.stdout());
    assertTrue(run.stdout().lines().anyMatch(l -> l.contains("A-4") && l.contains("-49.995")),
        run.stdout());
    assertTrue(run.stdout().lines().anyMatch(l -> l.contains("A-5") && l.contains("1,234.50")),
        run.stdout());
  }

  @Test
  void reconcile_noVarianceLineHasACost_valueUnknownNotZero() {
    Workspace ws = new Workspace(dir).items("A,", "B,", "C,")
        .book("A,A-01,10", "B,A-02,5", "C,A-03,4").counts("A,A-01,8,EA", "B,A-02,6,EA",
            "C,A-03,4,EA");

    Workspace.Run run = ws.reconcile();

    // Two variances, neither valued: net 0.00 would read as variances worth nothing.
    assertTrue(run.stdout().contains("Variance value: unknown (no cost for any of the 2 variance "
        + "lines, not valued)\n"), run.stdout());
    assertTrue(run.text("summary.json").contains("\"variance\": {\"net_value\": null, "
        + "\"abs_value\": null, \"lines_without_value\": 2,"), run.text("summary.json"));
  }

  @Test
  void reconcile_oneVarianceValuedAnotherNot_netOfTheValuedOneAndTheOtherCounted() {
    Workspace ws = new Workspace(dir).items("A,2.00", "B,")
        .book("A,A-01,10", "B,A-02,5").counts("A,A-01,8,EA", "B,A-02,6,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.stdout().contains("Variance value: net -4.00, absolute 4.00 (+1 variance "
        + "line with no cost, not valued)\n"), run.stdout());
    assertTrue(run.text("summary.json").contains("\"variance\": {\"net_value\": -4.00, "
        + "\"abs_value\": 4.00, \"lines_without_value\": 1,"), run.text("summary.json"));
  }

  @Test
  void reconcile_countedLineWithAnUnknownBook_valueAccuracySaysItIsLeftOut() {
    Workspace.Run run = new Workspace(dir).items("A,1.00", "B,1.00")
        .book("A,A-01,abc", "B,A-02,5").counts("A,A-01,500,EA", "B,A-02,5,EA").reconcile();

    // A's book row was rejected: its line has no variance, so 100 % would hide it.
    assertEquals("", run.recon("A", "A-01").get("variance_qty"));
    assertTrue(run.stdout().contains("; value accuracy: 100.00% (of the valued lines only; 1 "
        + "counted line with an unknown book is left out)\n"), run.stdout());
    assertTrue(run.text("summary.json").contains("\"counted_lines_without_book\": 1"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_lineWhoseEveryCountRowWasRejected_valueAccuracySaysItIsLeftOut() {
    Workspace.Run run = new Workspace(dir).items("S1,10.00", "S2,1.00")
        .book("S1,A-01-01,1000", "S2,A-01-02,10")
        .counts("S1,A-01-01,\"1,000\",EA", "S2,A-01-02,10,EA").reconcile();

    // 10,000.00 of stock at a counted location has no usable count: 100 % would hide it.
    assertTrue(run.stdout().contains("; value accuracy: 100.00% (of the valued lines only; 1 "
        + "line with every count row rejected is left out)\n"), run.stdout());
    assertTrue(run.text("summary.json").contains("\"lines_without_usable_count\": 1"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_valueOf10To17AndMore_writtenExactlyNotACrash() {
    // An EAN-13 in the cost column: -25,000 x 4,006,381,333,931 is about -10^17, whose two
    // decimals no longer fit a long.
    Workspace.Run run = new Workspace(dir).items("A,4006381333931", "B,100000")
        .book("A,L-1,25000", "B,L-2,1000000000000").counts("A,L-1,0,EA", "B,L-2,0,EA")
        .reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("-100159533348275000.00", run.recon("A", "L-1").get("variance_value"));
    assertEquals("4006381333931.00", run.recon("A", "L-1").get("unit_cost"));
    assertEquals("-100000000000000000.00", run.recon("B", "L-2").get("variance_value"));
  }

  @Test
  void reconcile_writeFailsPartWay_earlierSetLeftWholeOneLineExit2() throws IOException {
    // The last report cannot be written (a directory is in the way), after the others were:
    // as a disk filling up part way would.
    Workspace ws = runOnceThenBlockInStaging("summary.json");
    Path out = dir.resolve("out");
    Map<String, byte[]> before = reports(out);

    Workspace.Run run = ws.counts("A,L-1,9,EA", "A,L-1,x,EA").reconcile();

    assertEquals(2, run.exitCode());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(run.stderr().startsWith("dockcount: " + out + ": cannot write reports ("),
        run.stderr());
    assertTrue(run.stderr().strip().endsWith("the reports there are still the earlier run's, "
        + "if any"), run.stderr());
    assertEarlierSet(before, out);
    assertFalse(Files.exists(staging()));
  }

  @Test
  void reconcile_moveFailsAfterTheFirstReportIsInPlace_itIsPutBack() throws IOException {
    // recon.csv goes in first; then setting the earlier task list aside fails (a directory is
    // where it would go), as a rename can fail part way.
    Workspace ws = runOnceThenBlockInStaging("recount_tasks.csv.earlier");
    Path out = dir.resolve("out");
    Map<String, byte[]> before = reports(out);

    Workspace.Run run = ws.counts("A,L-1,3,EA").reconcile();

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().strip().endsWith("the reports there are still the earlier run's, "
        + "if any"), run.stderr());
    assertEarlierSet(before, out);
    assertFalse(Files.exists(staging()));
  }

  @Test
  void reconcile_outADanglingLink_saidSoBeforeReading() throws IOException {
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");
    Path link = dir.resolve("out");
    Files.createSymbolicLink(link, dir.resolve("gone"));

    Workspace.Run run = ws.reconcile();

    assertEquals(2, run.exitCode());
    assertEquals("dockcount: --out " + link + ": a symbolic link to " + dir.resolve("gone")
        + ", which does not exist\n", run.stderr());
  }

  @Test
  void reconcile_directoryWhereAReportGoes_refusedBeforeAnyReportIsReplaced() throws IOException {
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");
    assertEquals(0, ws.reconcile().exitCode());
    Path out = dir.resolve("out");
    byte[] recon = Files.readAllBytes(out.resolve("recon.csv"));
    Files.delete(out.resolve("recount_tasks.csv"));
    Files.createDirectories(out.resolve("recount_tasks.csv"));
    Files.writeString(out.resolve("recount_tasks.csv").resolve("keep"), "someone's file");

    Workspace.Run run = ws.counts("A,L-1,3,EA").reconcile();

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains(out.resolve("recount_tasks.csv") + " is a directory"),
        run.stderr());
    assertTrue(java.util.Arrays.equals(recon, Files.readAllBytes(out.resolve("recon.csv"))),
        "recon.csv is still the earlier run's");
    assertEquals("someone's file",
        Files.readString(out.resolve("recount_tasks.csv").resolve("keep")));
  }

  /**
   * Runs once into out, then puts a directory with a file in it where the next run of this
   * process writes {@code name} in its staging directory.
   */
  private Workspace runOnceThenBlockInStaging(String name) throws IOException {
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");
    assertEquals(0, ws.reconcile().exitCode());
    Files.createDirectories(staging().resolve(name));
    Files.writeString(staging().resolve(name).resolve("x"), "x");
    return ws;
  }

  /** Where a run of this process writes its reports before moving them into out. */
  private Path staging() {
    return dir.resolve("out").resolve(".dockcount-reports-" + ProcessHandle.current().pid());
  }

  /** Asserts that {@code out} holds the reports {@code before}, byte for byte, and no other. */
  private static void assertEarlierSet(Map<String, byte[]> before, Path out) throws IOException {
    Map<String, byte[]> now = reports(out);
    assertEquals(before.keySet(), now.keySet());
    for (Map.Entry<String, byte[]> e : now.entrySet()) {
      assertTrue(java.util.Arrays.equals(before.get(e.getKey()), e.getValue()),
          e.getKey() + " is the earlier run's, as the others are");
    }
  }

  private static Map<String, byte[]> reports(Path out) throws IOException {
    Map<String, byte[]> all = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> files = Files.list(out)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          all.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return all;
  }

  @Test
  void reconcile_killedRunsLeftovers_removedByTheNextRun() throws IOException {
    Path out = dir.resolve("out");
    Path stale = out.resolve(".dockcount-reports-999999999");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("recon.csv"), "half a report");
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertFalse(Files.exists(stale));
    try (java.util.stream.Stream<Path> left = Files.list(out)) {
      assertEquals(List.of("exceptions.csv", "recon.csv", "recount_tasks.csv", "summary.json"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void reconcile_earlierRunKilledWhileReplacingReports_earlierSetPutBackBeforeThisRun()
      throws IOException {
    Workspace ws = runOnceThenBlockInStaging("summary.json");
    Path out = dir.resolve("out");
    Map<String, byte[]> before = reports(out);
    // A run killed part way through its moves: its recon.csv and lots in place (there were no
    // lots before), the earlier task list set aside but its own not yet moved in, the rest not
    // yet touched.
    Path killed = out.resolve(".dockcount-reports-999999999");
    Files.createDirectories(killed);
    Files.write(killed.resolve(".placing"), List.of("recon.csv", "recon_lots.csv",
        "recount_tasks.csv", "exceptions.csv", "summary.json"));
    Files.move(out.resolve("recon.csv"), killed.resolve("recon.csv.earlier"));
    Files.writeString(out.resolve("recon.csv"), "the killed run's recon");
    Files.writeString(out.resolve("recon_lots.csv"), "the killed run's lots");
    Files.move(out.resolve("recount_tasks.csv"), killed.resolve("recount_tasks.csv.earlier"));
    Files.writeString(killed.resolve("recount_tasks.csv"), "the killed run's tasks");
    Files.writeString(killed.resolve("exceptions.csv"), "the killed run's exceptions");
    Files.writeString(killed.resolve("summary.json"), "the killed run's summary");

    // This run fails writing its own (a directory is in its way): what stays is the earlier set.
    Workspace.Run run = ws.counts("A,L-1,4,EA").reconcile();

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("a run killed while replacing its reports had left a mix; "
        + "the earlier run's set was put back (recon.csv, recon_lots.csv, recount_tasks.csv)"),
        run.stderr());
    assertEarlierSet(before, out);
    assertFalse(Files.exists(killed));
  }

  @Test
  void reconcile_earlierRunKilledWhileReplacing_thisRunFailsBeforeReading_setPutBackAnyway()
      throws IOException {
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");
    assertEquals(0, ws.reconcile().exitCode());
    Path out = dir.resolve("out");
    Map<String, byte[]> before = reports(out);
    Path killed = out.resolve(".dockcount-reports-999999999");
    Files.createDirectories(killed);
    Files.write(killed.resolve(".placing"), List.of("recon.csv", "recount_tasks.csv",
        "exceptions.csv", "summary.json"));
    // Killed with the earlier recon.csv set aside and its own not yet moved in.
    Files.move(out.resolve("recon.csv"), killed.resolve("recon.csv.earlier"));
    for (String report : List.of("recon.csv", "recount_tasks.csv", "exceptions.csv",
        "summary.json")) {
      Files.writeString(killed.resolve(report), "the killed run's " + report);
    }

    Workspace.Run run = ws.reconcile(dir.resolve("book.csv"), dir.resolve("no-such.csv"),
        dir.resolve("uom.csv"), dir.resolve("items.csv"));

    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("no such file"), run.stderr());
    assertEarlierSet(before, out);
  }

  @Test
  void reconcile_earlierRunKilledAfterItsReportsWereInPlace_itsSetLeftAlone() throws IOException {
    // Killed while removing its staging directory: every report of its own in place, some of
    // the earlier ones still set aside there. Its set is whole: nothing is put back.
    Workspace ws = new Workspace(dir).items("A,1.00").book("A,L-1,10").counts("A,L-1,10,EA");
    assertEquals(0, ws.reconcile().exitCode());
    Path out = dir.resolve("out");
    Map<String, byte[]> killedRunsSet = reports(out);
    Path killed = out.resolve(".dockcount-reports-999999999");
    Files.createDirectories(killed);
    Files.writeString(killed.resolve("recon.csv.earlier"), "the run before's recon");
    Files.writeString(killed.resolve("exceptions.csv.earlier"), "the run before's exceptions");
    Files.createDirectories(staging().resolve("summary.json")); // this run then fails

    Workspace.Run run = ws.counts("A,L-1,4,EA").reconcile();

    assertEquals(2, run.exitCode());
    assertFalse(run.stderr().contains("put back"), run.stderr());
    assertEarlierSet(killedRunsSet, out);
    assertFalse(Files.exists(killed));
  }

  @Test
  void reconcile_runWithoutLotsIntoDirOfRunWithLots_oldLotReportRemoved() {
    Workspace ws = new Workspace(dir).items("X,1.00");
    ws.write("book.csv", "sku,location,book_qty,lot", "X,A-01,10,A");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "X,A-01,14,EA,A");
    assertTrue(Files.exists(ws.reconcile().out().resolve("recon_lots.csv")));

    ws.book("X,A-01,10").counts("X,A-01,10,EA");
    Workspace.Run run = ws.reconcile();

    assertEquals("matched", run.recon("X", "A-01").get("status"));
    assertFalse(Files.exists(run.out().resolve("recon_lots.csv")),
        "a lots report from the earlier run would read as this run's");
  }

  @Test
  void reconcile_lotsOffsettingWithSmallTotal_lotVarianceFlaggedAndRecounted() {
    Workspace ws = new Workspace(dir).items("Y,1.00", "Z,1.00");
    ws.write("book.csv", "sku,location,book_qty,lot", "Y,A-01,10,A", "Z,A-02,10,A");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "Y,A-01,9,EA,B",
        "Z,A-02,9,EA,A");

    Workspace.Run run = ws.reconcile("--value", "1000", "--pct", "50");

    Map<String, String> y = run.recon("Y", "A-01");
    assertEquals("short", y.get("status"));
    assertEquals("lot_variance", y.get("flags"));
    assertEquals("lots do not match", run.task("Y", "A-01").get("reason"));
    // One lot carrying the whole (small) variance is a plain short, within the limits.
    assertEquals("", run.recon("Z", "A-02").get("flags"));
    assertEquals(null, run.task("Z", "A-02"));
  }

  @Test
  void reconcile_lotCountedForSkuWhoseOnlyBookRowWithoutLotWasRejected_comparedAsNoLot() {
    // Y's book row (no lot) was rejected for its unit, W's for its number: on book without a
    // lot all the same, so a lot counted for either is information, as for a row read.
    Workspace ws = new Workspace(dir).items("Y,1.00", "W,1.00", "Z,1.00");
    ws.write("book.csv", "sku,location,book_qty,book_uom,lot", "Y,A-01,2,BX,", "W,A-03,x,,",
        "Z,A-02,5,,L1");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "Y,A-01,3,EA,L5",
        "W,A-03,3,EA,L5", "Z,A-02,5,EA,L1");

    Workspace.Run run = ws.reconcile();

    assertEquals("3", run.lot("Y", "A-01", "").get("counted_qty"), run.text("recon_lots.csv"));
    assertEquals("3", run.lot("W", "A-03", "").get("counted_qty"), run.text("recon_lots.csv"));
  }

  @Test
  void reconcile_lotsOfALineWhoseBookIsUnknown_noLotVarianceClaimed() {
    // The row without a lot was rejected: the line's book, so its total, is unknown, and the
    // lots are not said to differ more than it. Each lot line shows what is known of it.
    Workspace ws = new Workspace(dir).items("Y,1.00");
    ws.write("book.csv", "sku,location,book_qty,lot", "Y,A-01,183,0042", "Y,A-01,5-,");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "Y,A-01,183,EA,L1");

    Workspace.Run run = ws.reconcile();

    Map<String, String> y = run.recon("Y", "A-01");
    assertEquals("unexpected", y.get("status"), y::toString);
    assertEquals("book_rows_rejected", y.get("flags"));
    assertEquals("short", run.lot("Y", "A-01", "0042").get("status"));
    assertEquals("unexpected", run.lot("Y", "A-01", "L1").get("status"));
  }

  @Test
  void reconcile_lotWithNegativeBookOrCountedZero_flaggedOnLotAndLineAndRecounted() {
    // Field reports F16 and F11 by lot: the line's total (999 against 1000, 1005 against 1000)
    // is within the limits and hides a lot the rules recount.
    Workspace ws = new Workspace(dir).items("N1,1.50", "Z1,1.00");
    ws.write("book.csv", "sku,location,lot,book_qty", "N1,B-02-01,L1,-1", "N1,B-02-01,L2,1000",
        "Z1,B-02-02,L1,1000", "Z1,B-02-02,L2,5");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom", "N1,B-02-01,L1,0,EA",
        "N1,B-02-01,L2,1000,EA", "Z1,B-02-02,L1,1000,EA", "Z1,B-02-02,L2,0,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("negative_book", run.lot("N1", "B-02-01", "L1").get("flags"));
    assertEquals("", run.lot("N1", "B-02-01", "L2").get("flags"));
    assertEquals("negative_book", run.recon("N1", "B-02-01").get("flags"));
    assertEquals("a lot with a negative book", run.task("N1", "B-02-01").get("reason"));
    // Z1's lot L2 was counted 0 against a book of 5.
    assertEquals("short", run.lot("Z1", "B-02-02", "L2").get("status"));
    assertEquals("counted_zero", run.lot("Z1", "B-02-02", "L2").get("flags"));
    assertEquals("a lot counted zero against a positive book",
        run.task("Z1", "B-02-02").get("reason"));
  }

  @Test
  void reconcile_lotCountedForSkuTheBookKeepsWithoutLots_informationOnlyMatched() {
    // Field report F03: a DataBar label carries a lot, but the SKU is not lot-controlled (the
    // book has it only without a lot): the count is the SKU's, not an unexpected lot.
    Workspace ws = new Workspace(dir).items("0012345,1.00", "00913,2.50", "X9,1.00");
    ws.write("book.csv", "sku,location,lot,book_qty", "0012345,K-01-01,,3",
        "00913,K-01-02,ABC123,24");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom", "0012345,K-01-01,,2,EA",
        "0012345,K-01-01,ABC123,1,EA", "00913,K-01-02,ABC124,24,EA", "X9,K-01-03,L7,1,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> line = run.recon("0012345", "K-01-01");
    assertEquals("matched", line.get("status"));
    assertEquals("", line.get("flags"));
    assertEquals("3", run.lot("0012345", "K-01-01", "").get("counted_qty"));
    assertEquals(null, run.task("0012345", "K-01-01"));
    // A lot-controlled SKU's lots are still compared, and a SKU off book keeps its lot.
    assertEquals("lot_variance", run.recon("00913", "K-01-02").get("flags"));
    assertEquals("unexpected", run.lot("X9", "K-01-03", "L7").get("status"));
  }

  @Test
  void reconcile_ambiguousBinNameByLot_lotLinesThereHaveUnknownBookToo() {
    Workspace ws = new Workspace(dir).items("P1,1.00", "P2,1.00");
    ws.write("bins.csv", "name,location,warehouse", "RACK1-SHELF1,CHI-1-1-1,Chicago",
        "RACK1-SHELF1,CHI-2-1-1,Chicago", "CHI-1-1-1,CHI-1-1-1,Chicago",
        "CHI-2-1-1,CHI-2-1-1,Chicago");
    ws.write("book.csv", "sku,location,lot,book_qty", "P1,RACK1-SHELF1,L1,10",
        "P1,CHI-1-1-1,L2,5", "P2,RACK1-SHELF1,,7", "P2,CHI-1-1-1,L9,1");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom", "P1,CHI-1-1-1,L1,10,EA",
        "P1,CHI-1-1-1,L2,5,EA", "P2,CHI-2-1-1,,7,EA");

    Workspace.Run run = ws.reconcile("--locations", dir.resolve("bins.csv").toString());

    // L1 at CHI-1-1-1 may be the ambiguous row's: its book is unknown, as its line's is.
    Map<String, String> l1 = run.lot("P1", "CHI-1-1-1", "L1");
    assertEquals("unexpected", l1.get("status"));
    assertEquals("", l1.get("variance_value"));
    assertEquals("book_rows_rejected", l1.get("flags"));
    assertEquals("matched", run.lot("P1", "CHI-1-1-1", "L2").get("status"));
    Map<String, String> p2 = run.lot("P2", "CHI-2-1-1", "");
    assertEquals("", p2.get("variance_value"));
    assertEquals("book_rows_rejected", p2.get("flags"));
  }

  @Test
  void reconcile_bookAndCountsWithOneFileName_reportedApartByPath() throws IOException {
    Workspace ws = new Workspace(dir).items("X,1.00").uom("X,CS,6");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("export.csv");
    Path c = Files.createDirectories(dir.resolve("c")).resolve("export.csv");
    Files.writeString(b, "sku,location,book_qty\nX,A-01,6\nX,A-02,\n");
    Files.writeString(c, "sku,location,count_qty,count_uom\nX,A-01,1,CS\nX,A-03,x,EA\n");

    Workspace.Run run = ws.reconcile(b, c, dir.resolve("uom.csv"), dir.resolve("items.csv"));

    String summary = run.text("summary.json");
    assertTrue(summary.contains(str(b) + ": {\"rows\": 2, \"rejected\": 1}"), summary);
    assertTrue(summary.contains(str(c) + ": {\"rows\": 2, \"rejected\": 1}"), summary);
    assertEquals(b.toString(), run.exceptions().get(0).get("file"));
    assertEquals(c.toString(), run.exceptions().get(1).get("file"));
  }

  @Test
  void reconcile_binMasterRowsBlankOrUnreadable_rejectedWithLineNotSkipped() {
    Workspace ws = new Workspace(dir).items("X,1.00").book("X,BIN-1,5")
        .counts("X,BIN-1,5,EA");
    Path bins = ws.write("bins.csv", "name,location", "BIN-1,A-01-01", ",A-01-02", "BIN-3,",
        "\"BIN-4,A-01-04");

    Workspace.Run run = ws.reconcile("--locations", bins.toString());

    assertEquals("matched", run.recon("X", "A-01-01").get("status"));
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
    assertEquals("blank bin name", run.exceptions().get(0).get("reason"));
    assertEquals("3", run.exceptions().get(0).get("line"));
    assertEquals("blank location", run.exceptions().get(1).get("reason"));
    assertTrue(run.exceptions().get(2).get("reason").startsWith("unreadable row"));
    assertTrue(run.text("summary.json").contains("\"bins.csv\": {\"rows\": 4, \"rejected\": 3}"),
        run.text("summary.json"));
  }

  private static String str(Path p) {
    return "\"" + p + "\"";
  }

  @Test
  void reconcile_skuOrLocationKeyedAnotherWay_bothLinesFlaggedAsPossibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("abc,1.00", "00123,1.00", "Q7,1.00")
        .book("abc,A-01,5", "00123,A-02,3", "Q7,COLD ROOM,2", "Q7,A-03,1")
        .counts("ABC,A-01,5,EA", "123,A-02,3,EA", "Q7,cold room,2,EA", "Q8,A-03,1,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"abc", "A-01"}, {"ABC", "A-01"}, {"00123", "A-02"},
        {"123", "A-02"}, {"Q7", "COLD ROOM"}, {"Q7", "cold room"}}) {
      Map<String, String> line = run.recon(k[0], k[1]);
      assertTrue(line.get("flags").contains("possible_key_mismatch"), k[0] + " at " + k[1]);
    }
    assertTrue(run.task("abc", "A-01").get("reason").contains("keyed another way"));
    assertTrue(run.task("ABC", "A-01").get("reason").contains("keyed another way"));
    // Another SKU at the same location is a plain missing and unexpected pair.
    assertEquals("", run.recon("Q7", "A-03").get("flags"));
    assertEquals("missing_cost", run.recon("Q8", "A-03").get("flags"));
  }

  @Test
  void reconcile_bookKeyPartlyCountedUnderAnotherSpelling_bothFlaggedTheShortOneRecounted() {
    // 990 keyed as the book writes it and 10 without the zeros or upper case: the book line
    // reads 10 short, a loss below every limit, and the 10 turn up as an unrelated line.
    Workspace ws = new Workspace(dir).items("00123,1.00", "ABC,1.00", "123,1.00", "abc,1.00",
            "777,1.00")
        .book("00123,A-01,1000", "ABC,A-02,1000", "777,A-03,5")
        .counts("00123,A-01,990,EA", "123,A-01,10,EA", "ABC,A-02,990,EA", "abc,A-02,10,EA",
            "777,A-03,5,EA", "0777,A-03,0,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"00123", "A-01"}, {"123", "A-01"}, {"ABC", "A-02"},
        {"abc", "A-02"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains("possible_key_mismatch"),
          k[0] + " at " + k[1]);
    }
    assertEquals("part of it maybe counted under its SKU or location keyed another way "
        + "(letter case, leading zeros, accents, spaces, a spreadsheet's =\"...\", 913.0 or "
        + "1.23457E+12)",
        run.task("00123", "A-01").get("reason"));
    assertNotNull(run.task("ABC", "A-02"));
    // A zero keyed under another spelling finds nothing there: no hint.
    assertEquals("", run.recon("777", "A-03").get("flags"));
  }

  @Test
  void reconcile_bookLotPartlyCountedInAnotherCase_lotLinesFlagged() {
    Workspace ws = new Workspace(dir).items("T,1.00");
    ws.write("book.csv", "sku,location,book_qty,lot", "T,A-01,10,AB1");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "T,A-01,4,EA,AB1",
        "T,A-01,6,EA,ab1");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.lot("T", "A-01", "AB1").get("flags").contains("possible_key_mismatch"));
    assertTrue(run.lot("T", "A-01", "ab1").get("flags").contains("possible_key_mismatch"));
  }

  @Test
  void reconcile_locationsWrittenWithOtherZerosDashesOrInvisibleSpaces_possibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("S1,1.00", "S2,1.00", "S3,1.00", "S4,1.00")
        .book("S1,A-01-03,5", "S2,0101,3", "S3,A-01-04,2", "S4,A-01-05,1")
        .counts("S1,A-1-3,5,EA", "S2,101,3,EA", "S3,A\u201301\u201304,2,EA",
            "S4,A-01-\u200b05,1,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"S1", "A-01-03"}, {"S1", "A-1-3"}, {"S2", "0101"},
        {"S2", "101"}, {"S3", "A-01-04"}, {"S3", "A\u201301\u201304"}, {"S4", "A-01-05"},
        {"S4", "A-01-\u200b05"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains("possible_key_mismatch"),
          k[0] + " at " + k[1]);
    }
  }

  @Test
  void reconcile_lotKeyedBehindASpreadsheetGuard_lotLinesFlaggedAsPossibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("RV624,0.38");
    ws.write("book.csv", "sku,location,lot,book_qty", "RV624,B-01-02,0898984,9800");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom",
        "RV624,B-01-02,\"=\"\"0898984\"\"\",9800,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.lot("RV624", "B-01-02", "0898984").get("flags")
        .contains("possible_key_mismatch"), run.rows("recon_lots.csv")::toString);
  }

  @Test
  void reconcile_binKeyedInOtherLetterCaseWithLots_lotLinesCarryTheLinesKeyMismatch() {
    Workspace ws = new Workspace(dir).items("HP196,1.00");
    ws.write("book.csv", "sku,location,lot,book_qty", "HP196,RM1-RACK1-SHELF3,L1,43");
    ws.write("counts.csv", "sku,location,lot,count_qty,count_uom",
        "HP196,RM1-Rack1-Shelf3,L1,43,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.recon("HP196", "RM1-RACK1-SHELF3").get("flags")
        .contains("possible_key_mismatch"));
    for (String location : List.of("RM1-RACK1-SHELF3", "RM1-Rack1-Shelf3")) {
      assertTrue(run.lot("HP196", location, "L1").get("flags")
          .contains("possible_key_mismatch"), run.rows("recon_lots.csv")::toString);
    }
  }

  @Test
  void reconcile_varianceWithNoCost_valueAccuracySaidToBeOfTheValuedLinesOnly() {
    Workspace ws = new Workspace(dir).items("A,1.00", "N,").book("A,L-1,10", "N,L-2,100")
        .counts("A,L-1,10,EA", "N,L-2,0,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.stdout().contains("value accuracy: 100.00% (of the valued lines only)"),
        run.stdout());
  }

  @Test
  void reconcile_keysDifferingOnlyInUnicodeComposition_flaggedAsPossibleKeyMismatch() {
    // The book writes é as one character, the count export as e and a combining accent.
    Workspace ws = new Workspace(dir).items("SKU\u00e9,1.00").book("SKU\u00e9,K\u00dcHL-01,5")
        .counts("SKUe\u0301,KU\u0308HL-01,5,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("possible_key_mismatch", run.recon("SKU\u00e9", "K\u00dcHL-01").get("flags"));
    assertTrue(run.recon("SKUe\u0301", "KU\u0308HL-01").get("flags")
        .contains("possible_key_mismatch"), "the counted side too");
  }

  @Test
  void reconcile_masterRowsDisagree_neitherValueUsedLinesFlaggedAndRecounted() {
    Workspace ws = new Workspace(dir).items("X,1.00", "X,100.00", "Y,2.00")
        .uom("U4,CS,12", "U4,CASE,10").book("X,A-01,5", "U4,A-02,24", "Y,A-03,1")
        .counts("X,A-01,4,EA", "U4,A-02,2,CS", "Y,A-03,1,EA");

    Workspace.Run run = ws.reconcile();

    // Two costs: the variance is not valued at either (1.00 or 100.00) but left unknown.
    Map<String, String> x = run.recon("X", "A-01");
    assertEquals("", x.get("variance_value"));
    assertEquals("missing_cost|master_data_conflict", x.get("flags"));
    assertEquals("short value unknown, pct >= 2", run.task("X", "A-01").get("reason"));
    // Two factors for CS: the count in CS is rejected, not converted by the first row.
    Map<String, String> u4 = run.recon("U4", "A-02");
    assertEquals("missing", u4.get("status"));
    assertTrue(u4.get("flags").contains("master_data_conflict"), u4.get("flags"));
    assertNotNull(run.task("U4", "A-02"));
    assertEquals("", run.recon("Y", "A-03").get("flags"));
    assertEquals(3, run.exceptions().size(), run.exceptions()::toString);
  }

  @Test
  void reconcile_quantityNearLimitTimesCostWithManyDecimals_valuedExactlyNoCrash() {
    Workspace ws = new Workspace(dir).items("B1,12345.6789", "B2,12.123456789")
        .book("B1,A-01,1000000000000", "B2,A-02,1000000000", "B2,A-03,1000000000000")
        .counts("B1,A-01,0,EA", "B2,A-02,0,EA", "B2,A-03,1000000000000,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("-12345678900000000.00", run.recon("B1", "A-01").get("variance_value"));
    assertEquals("-12123456789.00", run.recon("B2", "A-02").get("variance_value"));
    assertEquals("matched", run.recon("B2", "A-03").get("status"));
    assertEquals("1", run.task("B1", "A-01").get("rank"), "the largest value ranks first");
    assertTrue(run.text("summary.json").contains("\"net_value\": -12345691023456789.00"),
        run.text("summary.json"));
  }

  @Test
  void reconcile_skuAsASpreadsheetShowsLongNumbers_flaggedWithTheCodeItRoundsFrom() {
    // A spreadsheet showed 1234567890123 as 1.23457E+12 and the counts were saved so; the
    // 1.23460E+12 at A-2 cannot be 1234599990123's neighbour 1234567890124 (rounds otherwise).
    Workspace ws = new Workspace(dir).items("1234567890123,1.00", "1234599990123,1.00");
    ws.book("1234567890123,A-1,10", "1234599990123,A-2,4");
    ws.counts("1.23457E+12,A-1,10,EA", "1.23457E+12,A-2,4,EA");

    Workspace.Run run = ws.reconcile();

    assertEquals("possible_key_mismatch", run.recon("1234567890123", "A-1").get("flags"));
    assertEquals("missing_cost|possible_key_mismatch",
        run.recon("1.23457E+12", "A-1").get("flags"));
    assertEquals("", run.recon("1234599990123", "A-2").get("flags"), "rounds to 1.23460E+12");
    assertEquals("missing_cost", run.recon("1.23457E+12", "A-2").get("flags"));
  }

  @Test
  void reconcile_keysWithSpreadsheetGuardOrPadding_flaggedAsPossibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("0012,1.00", "PAD1,1.00");
    ws.book("0012,A-1,5", "PAD1,A-2,7");
    ws.write("counts.csv", "sku,location,count_qty,count_uom", "\"=\"\"0012\"\"\",A-1,5,EA",
        "\"PAD1   \",\"A-2  \",7,EA");

    Workspace.Run run = ws.reconcile();

    // The guarded key is written as text ('="0012"), so a spreadsheet shows how it was keyed.
    for (String[] pair : new String[][] {{"0012", "A-1"}, {"'=\"0012\"", "A-1"}, {"PAD1", "A-2"},
        {"PAD1   ", "A-2  "}}) {
      Map<String, String> line = run.recon(pair[0], pair[1]);
      assertNotNull(line, pair[0]);
      assertTrue(line.get("flags").contains("possible_key_mismatch"), line::toString);
    }
    assertTrue(run.task("PAD1   ", "A-2  ").get("reason").contains("spaces"),
        run.task("PAD1   ", "A-2  ")::toString);
  }

  @Test
  void reconcile_lotKeyedInAnotherCase_lotLinesFlaggedAsPossibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("T,1.00");
    ws.write("book.csv", "sku,location,book_qty,lot", "T,A-01,100,003P218");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "T,A-01,100,EA,003p218");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.lot("T", "A-01", "003P218").get("flags").contains("possible_key_mismatch"));
    assertTrue(run.lot("T", "A-01", "003p218").get("flags").contains("possible_key_mismatch"));
    assertTrue(run.recon("T", "A-01").get("flags").contains("possible_key_mismatch"));
  }

  @Test
  void reconcile_textStartingLikeAFormula_writtenForASpreadsheetToShowNotRun() {
    // Keys and rejected values as a WMS or a scanner may hold them; in Excel =1+1 shows 2,
    // +SKU and @BIN #NAME?, and =2*3 in exceptions.csv 6 where the row held a formula.
    Workspace ws = new Workspace(dir).items("=1+1,1.00")
        .book("=1+1,A-01-01,5", "+SKU,@BIN,3", "ok,-B-01,2")
        .counts("=1+1,A-01-01,4,EA", "ok,-B-01,=2*3,EA");

    Workspace.Run run = ws.reconcile();

    Map<String, String> formula = run.recon("'=1+1", "A-01-01");
    assertNotNull(formula, () -> run.rows("recon.csv").toString());
    assertEquals("short", formula.get("status"));
    assertNotNull(run.task("'=1+1", "A-01-01"), () -> run.rows("recount_tasks.csv").toString());
    Map<String, String> bin = run.recon("'+SKU", "'@BIN");
    assertNotNull(bin, () -> run.rows("recon.csv").toString());
    assertEquals("'@BIN", bin.get("zone"));
    assertNotNull(run.recon("ok", "'-B-01"), () -> run.rows("recon.csv").toString());
    assertEquals("'=2*3", run.exceptions().get(0).get("value"));
    // Numbers are numbers: a negative variance is written as it is.
    assertEquals("-1", formula.get("variance_qty"));
  }

  @Test
  void reconcile_rejectionReasonStartingWithANegativeFigure_writtenForASpreadsheetToShow() {
    // The reason quotes the row's -0.5 first: in Excel a cell starting with - is a formula,
    // and the reason showed #NAME?.
    Workspace ws = new Workspace(dir).items("P1,1.00").uom("P1,CS,7")
        .counts("P1,A-01-01,4,EA");
    ws.write("book.csv", "sku,location,book_qty,book_uom", "P1,A-01-01,-0.5,CS");

    Workspace.Run run = ws.reconcile();

    Map<String, String> rejected = run.exceptions().get(0);
    assertEquals("book.csv", rejected.get("file"), run.exceptions()::toString);
    assertEquals("'-0.5 CS x 7 EA does not resolve to whole eaches", rejected.get("reason"));
  }
}
