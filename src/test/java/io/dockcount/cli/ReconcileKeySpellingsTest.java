package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "keyed another way" hint ({@code possible_key_mismatch}): which spellings of a SKU,
 * location or lot are taken for one key, for missing and partly counted book lines alike, and
 * which keys are told apart.
 */
final class ReconcileKeySpellingsTest {
  private static final String FLAG = "possible_key_mismatch";

  @TempDir Path dir;

  @Test
  void reconcile_bookLinePartlyCountedAtItsLocationSpelledAnotherWay_bothFlaggedAndRecounted() {
    // 99 keyed at the bin as the book writes it, 1 at the same bin without the zeros or in
    // lower case: the book line reads 1 short (20.00, below every limit).
    Workspace ws = new Workspace(dir).items("X,20", "Y,20", "Z,20", "W,20")
        .book("X,A-01-03,100", "Y,A-01-04,100", "Z,A-01-05,100", "W,A-01-07,100")
        .counts("X,A-01-03,99,EA", "X,A-1-3,1,EA", "Y,A-01-04,99,EA", "Y,a-01-04,1,EA",
            "Z,A-01-05,99,EA", "00Z,A-01-05,1,EA", "W,A-01-07,100,EA", "W,A-1-7,1,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"X", "A-01-03"}, {"X", "A-1-3"}, {"Y", "A-01-04"},
        {"Y", "a-01-04"}, {"Z", "A-01-05"}, {"00Z", "A-01-05"}, {"W", "A-01-07"},
        {"W", "A-1-7"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
    assertTrue(run.task("X", "A-01-03").get("reason").contains("keyed another way"),
        run.task("X", "A-01-03")::toString);
    assertNotNull(run.task("Y", "A-01-04"));
    assertEquals("matched", run.recon("W", "A-01-07").get("status"));
  }

  @Test
  void reconcile_bookLinePartlyCountedAsItsSpreadsheetNumber_bothFlaggedAndRecounted() {
    // The same at one bin, and at the bin keyed without its zero; 1234599990123 is another
    // item (it rounds to 1.23460E+12).
    Workspace ws = new Workspace(dir).items("1234567890123,20", "1234599990123,20")
        .book("1234567890123,A-1,100", "1234567890123,B-01,100", "1234599990123,C-1,100")
        .counts("1234567890123,A-1,99,EA", "1.23457E+12,A-1,1,EA", "1234567890123,B-01,99,EA",
            "1.23457E+12,B-1,1,EA", "1234599990123,C-1,99,EA", "1.23457E+12,C-1,1,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"1234567890123", "A-1"}, {"1.23457E+12", "A-1"},
        {"1234567890123", "B-01"}, {"1.23457E+12", "B-1"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
    assertNotNull(run.task("1234567890123", "A-1"));
    assertFalse(run.recon("1234599990123", "C-1").get("flags").contains(FLAG));
    assertFalse(run.recon("1.23457E+12", "C-1").get("flags").contains(FLAG));
  }

  @Test
  void reconcile_bookInScientificNotationPartlyCountedAsTheCode_bothFlagged() {
    // The book went through the spreadsheet; the scanner read the code itself.
    Workspace ws = new Workspace(dir).items("1.23457E+12,20")
        .book("1.23457E+12,D-1,100", "1.23457E+12,E-1,100")
        .counts("1.23457E+12,D-1,99,EA", "1234567890123,D-01,1,EA", "1.23457E+12,E-1,99,EA",
            "1234599990123,E-1,1,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.recon("1.23457E+12", "D-1").get("flags").contains(FLAG));
    assertTrue(run.recon("1234567890123", "D-01").get("flags").contains(FLAG));
    assertFalse(run.recon("1.23457E+12", "E-1").get("flags").contains(FLAG));
    assertFalse(run.recon("1234599990123", "E-1").get("flags").contains(FLAG));
  }

  @Test
  void reconcile_offBookLineAtAnotherBinOrItemWithTheSameDigits_noHint() {
    // Zeros inside a number are not leading zeros (A-1-30 is not A-01-03); a zero found
    // under another spelling finds nothing there.
    Workspace ws = new Workspace(dir).items("X,20", "V,20")
        .book("X,A-01-03,100", "V,A-01-06,100")
        .counts("X,A-01-03,99,EA", "X,A-1-30,1,EA", "X,A-10-3,1,EA", "V,A-01-06,99,EA",
            "V,A-1-6,0,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"X", "A-01-03"}, {"X", "A-1-30"}, {"X", "A-10-3"},
        {"V", "A-01-06"}, {"V", "A-1-6"}}) {
      assertFalse(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
  }

  @Test
  void reconcile_bookLineCountedButRejectedOrOfUnknownBook_stockFoundUnderAnotherSpellingFlagged() {
    // R's count at its bin was rejected (no factor for BX), U's book row was: either line is
    // counted too, and stock keyed under the other spelling may be part of it.
    Workspace ws = new Workspace(dir).items("R,1", "U,1")
        .book("R,A-01-03,100", "U,A-01-04,100", "U,A-01-04,x")
        .counts("R,A-01-03,2,BX", "R,A-1-3,7,EA", "U,A-01-04,90,EA", "U,A-1-4,10,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"R", "A-01-03"}, {"R", "A-1-3"}, {"U", "A-01-04"},
        {"U", "A-1-4"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains(FLAG),
          run.recon(k[0], k[1])::toString);
    }
  }

  @Test
  void reconcile_locationNumbersPaddedWhateverTheSeparator_possibleKeyMismatch() {
    Workspace ws = new Workspace(dir).items("S1,1", "S2,1", "S3,1")
        .book("S1,RM1-RACK1-SHELF1,5", "S2,A.01.03,3", "S3,A01-03,2")
        .counts("S1,RM01-RACK01-SHELF01,5,EA", "S2,A.1.3,3,EA", "S3,A1-3,2,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"S1", "RM1-RACK1-SHELF1"}, {"S1", "RM01-RACK01-SHELF01"},
        {"S2", "A.01.03"}, {"S2", "A.1.3"}, {"S3", "A01-03"}, {"S3", "A1-3"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
  }

  @Test
  void reconcile_skuSavedAsAFloat_possibleKeyMismatch() {
    // pandas reads a column of codes as floats and writes 913.0; the book kept 00913.
    Workspace ws = new Workspace(dir).items("00913,1").book("00913,A-1,5")
        .counts("913.0,A-1,5,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.recon("00913", "A-1").get("flags").contains(FLAG));
    assertTrue(run.recon("913.0", "A-1").get("flags").contains(FLAG));
  }

  @Test
  void reconcile_lotSavedAsAFloatOrInScientificNotation_lotLinesFlagged() {
    Workspace ws = new Workspace(dir).items("T,1");
    ws.write("book.csv", "sku,location,book_qty,lot", "T,A-01,10,0898984",
        "T,A-02,10,1234567890123");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "T,A-01,10,EA,898984.0",
        "T,A-02,10,EA,1.23457E+12");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"A-01", "0898984"}, {"A-01", "898984.0"},
        {"A-02", "1234567890123"}, {"A-02", "1.23457E+12"}}) {
      assertTrue(run.lot("T", k[0], k[1]).get("flags").contains(FLAG), k[1] + " at " + k[0]);
    }
  }

  @Test
  void reconcile_keysWhoseNumbersDiffer_noHint() {
    // A decimal's zeros after the point are digits (1.05 is not 1.5), a .0 is dropped only
    // from a whole number (A-1.0 is not A-1), and 10 is not 1.
    Workspace ws = new Workspace(dir).items("1.05,1", "913.5,1", "RM10,1", "Q,1", "T,1")
        .book("1.05,A-1,5", "913.5,A-2,5", "RM10,A-3,5", "Q,A-1.0,5", "Q,B-7,5")
        .counts("1.5,A-1,5,EA", "913,A-2,5,EA", "RM1,A-3,5,EA", "Q,A-1,5,EA", "Q,B-70,5,EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"1.05", "A-1"}, {"1.5", "A-1"}, {"913.5", "A-2"},
        {"913", "A-2"}, {"RM10", "A-3"}, {"RM1", "A-3"}, {"Q", "A-1.0"}, {"Q", "A-1"},
        {"Q", "B-7"}, {"Q", "B-70"}}) {
      assertFalse(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
  }

  @Test
  void reconcile_lotsWhoseNumbersDiffer_noHint() {
    Workspace ws = new Workspace(dir).items("T,1");
    ws.write("book.csv", "sku,location,book_qty,lot", "T,A-01,10,1.05", "T,A-02,10,L10");
    ws.write("counts.csv", "sku,location,count_qty,count_uom,lot", "T,A-01,10,EA,1.5",
        "T,A-02,10,EA,L1");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"A-01", "1.05"}, {"A-01", "1.5"}, {"A-02", "L10"},
        {"A-02", "L1"}}) {
      assertFalse(run.lot("T", k[0], k[1]).get("flags").contains(FLAG), k[1] + " at " + k[0]);
    }
  }
  @Test
  void reconcile_decimalCommaSpreadsheetSpellings_flaggedAsWithAPoint() {
    // A German spreadsheet saved the counts: 1,23457E+12 and 913,0 where others write a point.
    Workspace ws = new Workspace(dir).items("1234567890123,20", "00913,1", "0777,1")
        .book("1234567890123,A-01-02,10", "00913,A-01-03,1000", "0777,A-01-04,5");
    ws.write("counts.csv", "sku;location;count_qty;count_uom", "1,23457E+12;A-01-02;10;EA",
        "00913;A-01-03;999;EA", "913,0;A-01-03;1;EA", "777,00;A-01-04;5;EA");

    Workspace.Run run = ws.reconcile();

    for (String[] k : new String[][] {{"1234567890123", "A-01-02"}, {"1,23457E+12", "A-01-02"},
        {"00913", "A-01-03"}, {"913,0", "A-01-03"}, {"0777", "A-01-04"}, {"777,00", "A-01-04"}}) {
      assertTrue(run.recon(k[0], k[1]).get("flags").contains(FLAG), k[0] + " at " + k[1]);
    }
    // 1 short of 1000 is below every limit: recounted because part was keyed another way.
    assertNotNull(run.task("00913", "A-01-03"));
  }

  @Test
  void reconcile_bookKeyWithADecimalCommaCountedAsTheCode_flagged() {
    // The other way round: the book went through the spreadsheet, the scanner read the code.
    Workspace ws = new Workspace(dir).items("0913,1");
    ws.write("book.csv", "sku;location;book_qty", "913,0;A-01-03;10", "913,0;A-01-04;10");
    ws.counts("0913,A-01-03,10,EA", "0913,A-1-4,10,EA");

    Workspace.Run run = ws.reconcile();

    assertTrue(run.recon("913,0", "A-01-03").get("flags").contains(FLAG));
    assertTrue(run.recon("0913", "A-01-03").get("flags").contains(FLAG));
    assertTrue(run.recon("0913", "A-1-4").get("flags").contains(FLAG));
  }
}
