package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
