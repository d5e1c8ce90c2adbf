package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileDropTest {
  @TempDir Path dir;

  private Path drop(Path inbox, String name, String content) throws Exception {
    return drop(inbox, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Drops a file of these bytes (another encoding) and its marker. */
  private Path drop(Path inbox, String name, byte[] content) throws Exception {
    Files.createDirectories(inbox);
    Path f = inbox.resolve(name);
    Files.write(f, content);
    Files.createFile(inbox.resolve(name + ".done"));
    return f;
  }

  @Test
  void goodBook_becomesSnapshotForItsZones_otherZonesKept_fileProcessed() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-0800.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n"
          + "00042,A-01-03-A,5\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Applied a = assertInstanceOf(SnapshotManager.Applied.class, out.get(0));
      assertEquals(java.util.Set.of("A"), a.zones());
      assertEquals(List.of("A-01-02-B 00913 24", "A-01-03-A 00042 5", "B-07-12-C 0777 10"),
          fx.bookInForce());
      assertTrue(Files.exists(inbox.inbox().resolve("processed/book-0800.csv")));
      assertFalse(Files.exists(inbox.inbox().resolve("book-0800.csv.done")));
      assertEquals(3, fx.number("SELECT line_count FROM book_snapshot WHERE id = "
          + a.snapshotId()));
    }
  }

  @Test
  void fileWithoutMarker_isNotTaken() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      Files.createDirectories(inbox.inbox());
      // Still being written: a header and half a row, no marker yet.
      Files.writeString(inbox.inbox().resolve("book-0900.csv"), "sku,location,book_qty\n009");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertEquals(List.of(), out);
      assertTrue(Files.exists(inbox.inbox().resolve("book-0900.csv")));
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void partialFileWithMarker_isRejectedWithReport_bookInForceKept() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1000.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n"
          + "00042,A-01-03");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      String report = Files.readString(inbox.inbox().resolve("rejected/book-1000.csv.report.txt"));
      assertTrue(report.contains("book-1000.csv: line 3: unreadable row: row has 2 fields, "
          + "the header has 3"), report);
      assertTrue(report.contains("; the book in force kept."), report);
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
      assertEquals(0, fx.number("SELECT COUNT(*) FROM wms_import"));
    }
  }

  @Test
  void goodFileThatCannotBeMoved_isStillInForceAndSaidSo_notSaidKept() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1000.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      // processed/ cannot be made: a file stands in its place
      Files.writeString(inbox.inbox().resolve("processed"), "in the way");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertEquals(List.of("A-01-02-B 00913 24", "B-07-12-C 0777 10"), fx.bookInForce());
      SnapshotManager.Applied applied = assertInstanceOf(SnapshotManager.Applied.class,
          out.get(0));
      assertEquals(Set.of("A"), applied.zones());
      SnapshotManager.Failed failed = assertInstanceOf(SnapshotManager.Failed.class, out.get(1));
      assertTrue(failed.reason().startsWith("cannot move the file: "), failed.reason());
      assertEquals("it was taken in as said before; the file stays in the inbox and is offered "
          + "again", failed.effect());
      assertTrue(Files.exists(inbox.inbox().resolve("book-1000.csv")));
    }
  }

  @Test
  void latin1File_rejectedNotReadWithReplacementCharactersInItsKeys() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1050.csv", "sku,location,book_qty\nCAF\u00e9,A-01-02-B,24\n"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(List.of("book-1050.csv: line 2: unreadable row: field 1 is not UTF-8 text (a "
          + "file saved as Latin-1 or Windows-1252?): save the file as UTF-8"), r.problems());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void utf16File_movedToRejectedWithReportNotReadAgainAtEveryPoll() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1060.csv", "\uFEFFsku,location,book_qty\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);
      List<SnapshotManager.Outcome> next = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(List.of("book-1060.csv: the file is UTF-16 text: save it as UTF-8 (with or "
          + "without BOM)"), r.problems());
      assertTrue(Files.exists(inbox.inbox().resolve("rejected/book-1060.csv.report.txt")));
      assertEquals(List.of(), next, "taken once");
    }
  }

  @Test
  void malformedRow_rejectsWholeFile_reportNamesLineFieldAndValue() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1100.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n"
          + "00042,A-01-03-A,1.5\n0777,B-07-12-C,\"unterminated\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals("book-1100.csv: line 3: book_qty '1.5' is not a whole number of eaches",
          r.problems().get(0));
      assertTrue(r.problems().get(1).startsWith("book-1100.csv: line 4: unreadable row"),
          r.problems().toString());
      assertTrue(Files.exists(inbox.inbox().resolve("rejected/book-1100.csv")));
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void rowWithAFieldTooMany_rejectsTheFileNotReadAsItsFirstFields() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      // An unquoted 1,000 is two fields: 1 taken as the book would be 999 eaches off.
      drop(inbox.inbox(), "book-1200.csv", "sku,location,book_qty\n00913,A-01-02-B,1,000\n"
          + "0777,B-07-12-C,1e3\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(List.of("book-1200.csv: line 2: unreadable row: row has 4 fields, the header "
          + "has 3", "book-1200.csv: line 3: book_qty '1e3' is not a plain number: scientific "
          + "notation"), r.problems());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void semicolonBookWithDotAndThreeDigits_isRefusedAsAmbiguous_notReadAsOne() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      // A decimal-comma locale's export: 1.000 there is a thousand as often as one.
      drop(inbox.inbox(), "book-1250.csv", "sku;location;book_qty\r\n00913;A-01-02-B;1.000\r\n"
          + "00042;A-01-03-A;5\r\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(1, r.problems().size(), r.problems().toString());
      assertTrue(r.problems().get(0).startsWith("book-1250.csv: line 2: book_qty '1.000' is not "
          + "a plain number: a dot and three digits in a decimal-comma export are ambiguous"),
          r.problems().get(0));
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void commaBookWithDotAndThreeDigits_isReadAsADecimal() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      // No decimal comma anywhere in the file: its dot is a decimal point, as reconcile reads it.
      drop(inbox.inbox(), "book-1260.csv", "sku,location,book_qty\n00913,A-01-02-B,1.000\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Applied.class, out.get(0));
      assertEquals(List.of("A-01-02-B 00913 1", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void semicolonBookWithDecimalCommaDeclared_readAsReconcileDecimalCommaReadsIt()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"), FileDrop.KEEP_PROCESSED, true);
      // The site declared decimal commas: 1.000 is a thousand, 2,000 two.
      drop(inbox.inbox(), "book-1270.csv", "sku;location;book_qty\r\n00913;A-01-02-B;1.000\r\n"
          + "00042;A-01-03-A;2,000\r\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Applied.class, out.get(0), out::toString);
      assertEquals(List.of("A-01-02-B 00913 1000", "A-01-03-A 00042 2", "B-07-12-C 0777 10"),
          fx.bookInForce());
    }
  }

  @Test
  void decimalCommaDeclared_aDotGroupingNoThousands_refusesTheFile() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"), FileDrop.KEEP_PROCESSED, true);
      drop(inbox.inbox(), "book-1280.csv", "sku;location;book_qty\n00913;A-01-02-B;2.5\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(List.of("book-1280.csv: line 2: book_qty '2.5' is not a plain number: a dot "
          + "that does not group thousands (1.234,5) in a number with a decimal comma "
          + "(dockcount.reconcile.decimal-comma = true)"), r.problems());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void sameBytesAfterDecimalCommaIsDeclared_takenInAgain_notADuplicate() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      String book = "sku,location,book_qty\n00913,A-01-02-B,1.000\n";
      drop(dir.resolve("inbox"), "book-1290.csv", book);
      new FileDrop(dir.resolve("inbox")).takeAll(fx.manager, WmsFixture.T0);
      assertEquals(List.of("A-01-02-B 00913 1", "B-07-12-C 0777 10"), fx.bookInForce());

      // the site declares decimal commas, and the WMS sends the same file again
      drop(dir.resolve("inbox"), "book-1290.csv", book);
      List<SnapshotManager.Outcome> out = new FileDrop(dir.resolve("inbox"),
          FileDrop.KEEP_PROCESSED, true).takeAll(fx.manager, WmsFixture.T0.plusSeconds(60));

      assertInstanceOf(SnapshotManager.Applied.class, out.get(0), out::toString);
      assertEquals(List.of("A-01-02-B 00913 1000", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void strayQuoteInAnUnquotedKey_rejectsTheFileWithItsReason_neverPartOfTheKey()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1300.csv", "sku,location,book_qty\n00913,A-01-02-B\",24\n"
          + "0777,B-07-12-C,10\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, out.get(0));
      assertEquals(List.of("book-1300.csv: line 2: location 'A-01-02-B\"' holds a double quote, "
          + "which no key, number or unit has: the export's quoting is broken (a stray quote?); "
          + "correct the row or export the file again"), r.problems());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void sameFileTwice_isOneSnapshot_secondIsDuplicate() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      String book = "sku,location,book_qty\n00913,A-01-02-B,24\n";
      drop(inbox.inbox(), "book-1200.csv", book);
      long first = ((SnapshotManager.Applied) inbox.takeAll(fx.manager, WmsFixture.T0).get(0))
          .snapshotId();
      drop(inbox.inbox(), "book-1200.csv", book);

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      SnapshotManager.Duplicate d = assertInstanceOf(SnapshotManager.Duplicate.class,
          out.get(0));
      assertEquals(first, d.snapshotId());
      assertEquals(1, fx.number("SELECT COUNT(*) FROM wms_import"));
      // Both copies are kept in processed/: the WMS reused the name.
      assertTrue(Files.exists(inbox.inbox().resolve("processed/book-1200.csv.1")));
    }
  }

  @Test
  void bookThatChangesBack_isNewSnapshot_notDuplicate() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "book-1.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");
      drop(inbox.inbox(), "book-2.csv", "sku,location,book_qty\n00913,A-01-02-B,20\n");
      inbox.takeAll(fx.manager, WmsFixture.T0);
      drop(inbox.inbox(), "book-3.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");

      List<SnapshotManager.Outcome> out = inbox.takeAll(fx.manager, WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Applied.class, out.get(0));
      assertEquals(List.of("A-01-02-B 00913 24", "B-07-12-C 0777 10"), fx.bookInForce());
      assertEquals(3, fx.number("SELECT COUNT(*) FROM wms_import"));
    }
  }

  @Test
  void itemsFile_changesCostsForEveryZone_keepsBook() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "items.csv", "sku,unit_cost\n00913,2.75\n0777,\n");

      SnapshotManager.Applied a = (SnapshotManager.Applied) inbox.takeAll(fx.manager,
          WmsFixture.T0).get(0);

      assertEquals(java.util.Set.of("A", "B"), a.zones());
      assertEquals("2.75", a.master().items().get("00913").unitCost().toPlainString());
      assertEquals(null, a.master().items().get("0777").unitCost());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void fileWithUnknownKind_isRejectedWithReport() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"));
      drop(inbox.inbox(), "stock.csv", "sku,location,book_qty\n00913,A-01-02-B,24\n");

      inbox.takeAll(fx.manager, WmsFixture.T0);

      String report = Files.readString(inbox.inbox().resolve("rejected/stock.csv.report.txt"));
      assertTrue(report.contains("the name must start with one of"), report);
    }
  }

  @Test
  void manyDeliveriesOfOneName_processedKeepsTheNewest_rejectedKeepsAll() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      FileDrop inbox = new FileDrop(dir.resolve("inbox"), 3);
      java.time.Instant t = java.time.Instant.parse("2026-12-05T06:00:00Z");
      for (int n = 0; n < 12; n++) {
        // A WMS that drops book.csv every few minutes, each with a new quantity; every third
        // one bad (n = 2, 5, 8, 11), so the newest taken are n = 7, 9 and 10.
        String qty = n % 3 == 2 ? "x" : String.valueOf(20 + n);
        Path f = drop(inbox.inbox(), "book.csv", "sku,location,book_qty\n00913,A-01-02-B,"
            + qty + "\n");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(
            t.plusSeconds(300L * n)));

        inbox.takeAll(fx.manager, WmsFixture.T0);
      }

      Path processed = inbox.inbox().resolve("processed");
      try (java.util.stream.Stream<Path> kept = Files.list(processed)) {
        assertEquals(List.of("book_qty\n00913,A-01-02-B,27", "book_qty\n00913,A-01-02-B,29",
            "book_qty\n00913,A-01-02-B,30"), kept.map(FileDropTest::lastLines).sorted()
            .toList());
      }
      try (java.util.stream.Stream<Path> refused = Files.list(inbox.inbox().resolve("rejected"))) {
        assertEquals(8, refused.count(), "4 refused files and their reports, all kept");
      }
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  private static String lastLines(Path f) {
    try {
      String text = Files.readString(f).strip();
      return text.substring(text.indexOf("book_qty"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
