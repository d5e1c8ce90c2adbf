package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.ReconLine;
import io.dockcount.core.RecountPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large counts file is read in two halves on two threads: whatever the halves meet, the run
 * must equal one pass of the same reader.
 */
final class CountsSplitTest {
  @TempDir Path dir;

  @Test
  void split_newKeysAndBadRowsInBothHalves_sameAsOnePass() throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom");
    for (int i = 0; i < 400; i++) {
      counts.add(row(i, sku(i % 50), "A-01-" + (i % 20), i % 7 == 0 ? "1" : "3", "CS"));
      if (i % 97 == 5) {
        counts.add(row(1000 + i, sku(i % 50), "A-01-1", "x3", "EA")); // bad number
      }
      if (i % 131 == 7) {
        counts.add(row(2000 + i, "00" + (900 + i), "Z-9-" + i, "2", "EA")); // new SKU, location
      }
      if (i % 151 == 3) {
        counts.add(row(3000 + i, sku(3), "Z-9-7", "1", "BOX")); // unit unknown to the table
      }
    }
    write(counts);

    Comparison c = compare();

    assertEquals(2, c.split.countsParts());
    assertTrue(c.split.rejections().size() >= 8, "bad rows in both halves");
    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(c.onePass.rowsRead(), c.split.rowsRead());
    assertEquals(c.onePassLines, c.splitLines);
  }

  @Test
  void split_middleInsideQuotedLineBreak_readOnToTheEnd() throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom");
    counts.add(row(0, sku(1), "A-01-1", "1", "EA"));
    // One quoted field holding most of the file, line breaks included: the middle of the
    // file falls inside it, so the line feed found there is not a record boundary.
    StringBuilder note = new StringBuilder("\"");
    for (int i = 0; i < 300; i++) {
      note.append("not a record,").append(sku(2)).append(",A-01-2,9,EA\n");
    }
    note.append('"');
    // In the station column, which the run does not read: a legitimate multi-line field.
    counts.add("C1," + note + ",2026-11-28T06:00:00Z," + sku(2) + ",A-01-2,1,EA");
    counts.add(row(2, sku(2), "A-01-2", "2", "EA"));
    counts.add(row(3, sku(2), "A-01-2", "z", "EA"));
    write(counts);

    Comparison c = compare();

    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(c.onePass.rowsRead(), c.split.rowsRead());
    assertEquals(c.onePassLines, c.splitLines);
    assertEquals(1, c.split.countsParts());
    assertFalse(c.split.rejections().isEmpty());
  }

  @Test
  void split_strayQuoteInFirstHalf_onlyItsLineRejectedSameAsOnePass() throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom");
    for (int i = 0; i < 400; i++) {
      counts.add(i == 40 ? row(i, "\"" + sku(1), "A-01-1", "1", "CS")
          : row(i, sku(i % 50), "A-01-" + (i % 20), "1", "CS"));
    }
    write(counts);

    Comparison c = compare();

    assertEquals(1, c.onePass.rejections().size(), c.onePass.rejections()::toString);
    assertEquals(42L, c.onePass.rejections().get(0).line());
    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(400L, c.split.rowsRead().get("counts.csv"));
    assertEquals(c.onePassLines, c.splitLines);
  }

  @Test
  void split_withLots_sameAsOnePass() throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom,lot");
    for (int i = 0; i < 300; i++) {
      counts.add(row(i, sku(i % 30), "A-01-" + (i % 10), "1", "CS") + ",L" + (i % 13));
    }
    write(counts);
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty,lot\n"
        + sku(1) + ",A-01-1,12,L1\n" + sku(2) + ",A-01-2,24,L0\n");

    Comparison c = compare();

    assertEquals(2, c.split.countsParts());
    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(c.onePassLines, c.splitLines);
  }

  @Test
  void split_exportAppendedToItself_repeatsInBothHalvesCountedOnceSameAsOnePass()
      throws IOException {
    List<String> once = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      once.add(row(i, sku(i % 50), "A-01-" + (i % 20), "1", "CS"));
    }
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom");
    counts.addAll(once);
    counts.add(row(150, sku(1), "A-01-1", "5", "EA")); // a repeated id with other figures
    counts.addAll(once);
    write(counts);

    Comparison c = compare();

    assertEquals(2, c.split.countsParts());
    assertEquals(201, c.split.rejections().size(), "every repeat, each once");
    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(c.onePassLines, c.splitLines);
    Files.writeString(dir.resolve("counts.csv"), String.join("\n",
        counts.subList(0, 201)) + "\n", StandardCharsets.UTF_8);
    Comparison single = compare();
    assertTrue(single.split.rejections().isEmpty());
    List<ReconLine> withRepeats = c.splitLines;
    assertEquals(single.splitLines.size(), withRepeats.size());
    for (int i = 0; i < single.splitLines.size(); i++) {
      assertEquals(single.splitLines.get(i).countedQty(), withRepeats.get(i).countedQty());
    }
  }

  @Test
  void split_recountsAndRepeatsInBothHalves_earlierRoundsLeftOutSameAsOnePass()
      throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom,round");
    for (int i = 0; i < 300; i++) {
      // Every line counted at first, then recounted, its recount rows late in the file.
      counts.add(row(i, sku(i % 50), "A-01-" + (i % 20), "1", "CS") + "," + (i < 200 ? 0 : 1));
      if (i % 97 == 5) {
        counts.add(row(1000 + i, sku(i % 50), "A-01-1", "x3", "EA") + ",0"); // bad number
      }
    }
    counts.add(row(7, sku(7), "A-01-7", "1", "CS") + ",0"); // a repeated id
    write(counts);

    Comparison c = compare();

    assertEquals(2, c.split.countsParts());
    assertEquals(c.onePass.rejections(), c.split.rejections());
    assertEquals(c.onePassLines, c.splitLines);
    long replaced = c.split.rejections().stream().filter(r -> r.field().equals("round")).count();
    assertTrue(replaced > 0, c.split.rejections()::toString);
    assertTrue(c.split.rejections().stream().anyMatch(r -> r.field().equals("count_id")));
    // The replaced rows are listed but not counted as rejected, the same in halves.
    assertEquals(replaced, c.split.replacedByRecount());
    assertEquals(c.onePass.replacedByRecount(), c.split.replacedByRecount());
    assertEquals(c.onePass.rejectedPerFile(), c.split.rejectedPerFile());
    assertEquals(c.split.rejections().size() - replaced,
        (long) c.split.rejectedPerFile().get("counts.csv"));
  }

  @Test
  void split_exportJoinedWithItsByteOrderMarkInTheSecondHalf_sameLineSaidAsOnePass()
      throws IOException {
    List<String> counts = new ArrayList<>();
    counts.add("count_id,station,counted_at,sku,location,count_qty,count_uom");
    for (int i = 0; i < 300; i++) {
      // A second export joined with cat at line 252, its header left off.
      counts.add((i == 250 ? "\uFEFF" : "") + row(i, sku(i % 50), "A-01-" + (i % 20), "1",
          "CS"));
    }
    write(counts);

    Comparison c = compare();

    assertEquals(2, c.split.countsParts());
    assertEquals(c.onePassLines, c.splitLines);
    String said = "counts.csv: line 252 starts with a byte order mark: an export joined to the "
        + "file? Its rows are read as the file's, and add up with them";
    assertTrue(c.onePass.notices().contains(said), c.onePass.notices()::toString);
    assertTrue(c.split.notices().contains(said), c.split.notices()::toString);
  }

  private record Comparison(ReconcileInputs onePass, ReconcileInputs split,
      List<ReconLine> onePassLines, List<ReconLine> splitLines) {}

  private Comparison compare() throws IOException {
    InputFiles files = new InputFiles(dir.resolve("book.csv"), dir.resolve("counts.csv"),
        dir.resolve("uom.csv"), dir.resolve("items.csv"), null, null);
    ReconcileInputs onePass = ReconcileInputs.load(files, new ColumnMap(),
        ReconcileInputs.Progress.NONE, ReconcileInputs.Reader.SCANNER, Long.MAX_VALUE);
    ReconcileInputs split = ReconcileInputs.load(files, new ColumnMap(),
        ReconcileInputs.Progress.NONE, ReconcileInputs.Reader.SCANNER, 1);
    return new Comparison(onePass, split, lines(onePass), lines(split));
  }

  private static List<ReconLine> lines(ReconcileInputs in) {
    return in.reconciliation().reconcile(in.items(), in.uom(), LocationScheme.dashed(),
        RecountPolicy.standard()).lines();
  }

  private void write(List<String> counts) throws IOException {
    Files.writeString(dir.resolve("counts.csv"), String.join("\n", counts) + "\n",
        StandardCharsets.UTF_8);
    StringBuilder items = new StringBuilder("sku,description,unit_cost\n");
    StringBuilder uom = new StringBuilder("sku,uom,qty_per_uom\n");
    StringBuilder book = new StringBuilder("sku,location,book_qty\n");
    for (int i = 0; i < 50; i++) {
      items.append(sku(i)).append(",Item ").append(i).append(",").append(i).append(".25\n");
      uom.append(sku(i)).append(",EA,1\n").append(sku(i)).append(",CS,12\n");
      book.append(sku(i)).append(",A-01-").append(i % 20).append(",").append(36).append('\n');
    }
    Files.writeString(dir.resolve("items.csv"), items);
    Files.writeString(dir.resolve("uom.csv"), uom);
    if (!Files.exists(dir.resolve("book.csv"))) {
      Files.writeString(dir.resolve("book.csv"), book);
    }
  }

  private static String sku(int i) {
    return String.format("0%05d", i);
  }

  private static String row(int i, String sku, String location, String qty, String unit) {
    return "C" + i + ",ST1,2026-11-28T06:00:00Z," + sku + "," + location + "," + qty + ","
        + unit;
  }
}
