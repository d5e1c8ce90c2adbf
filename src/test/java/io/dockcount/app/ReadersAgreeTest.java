package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.Symbols;
import io.dockcount.csv.ColumnMap;
import io.dockcount.csv.InputFiles;
import io.dockcount.csv.ReconcileInputs;
import io.dockcount.csv.Rejection;
import io.dockcount.store.MasterData;
import io.dockcount.wms.FileDrop;
import io.dockcount.wms.RawTable;
import io.dockcount.wms.SnapshotParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small files read by {@code reconcile}, by the service's start-up files and as a WMS
 * file drop: each row is kept or refused alike, for the same reason in the same words, and a
 * kept item has the same cost and class. A WMS delivery is refused whole for any bad row (the
 * book in force stays), so there each row reconcile rejects must be among its problems, with
 * reconcile's reason.
 */
final class ReadersAgreeTest {
  @TempDir Path dir;

  /** Each reader's verdict per line of the file under test: the reasons it was refused for. */
  private record Verdicts(Map<Long, String> reconcile, Map<Long, String> service,
      Map<Long, String> wms, Map<String, String> reconcileItems,
      Map<String, String> serviceItems, List<String> wmsProblems) {

    /** Asserts that the three readers refuse the same lines for the same reasons. */
    void agree() {
      agreeOnLines();
      reconcile.forEach((line, why) -> {
        assertTrue(service.get(line).contains(why), () -> "line " + line + ": reconcile says "
            + why + "\nthe service says " + service.get(line));
        assertTrue(wms.get(line).contains(refusedWhole(why)), () -> "line " + line
            + ": reconcile says " + why + "\nthe WMS says " + wms.get(line));
      });
    }

    /**
     * Asserts that the three readers refuse the same lines, whatever their words: a book's or
     * UOM table's reasons still differ in form ({@code book quantity is blank} against {@code
     * book_qty is blank}).
     */
    void agreeOnLines() {
      assertEquals(reconcile.keySet(), service.keySet(), () -> "lines refused: reconcile "
          + reconcile + "\nservice " + service);
      assertEquals(reconcile.keySet(), wms.keySet(), () -> "lines refused: reconcile "
          + reconcile + "\nWMS " + wmsProblems);
    }
  }

  /**
   * Returns reconcile's reason for a row as a WMS delivery gives it: the delivery is refused
   * whole, so it keeps no class or other field of the row, and the SKU keeps the cost in force.
   */
  private static String refusedWhole(String why) {
    return why.replaceAll(" \\(the row's class .* is kept\\)$", "")
        .replaceAll("; its cost is unknown$", "")
        .replaceAll("; the rest of the row is kept$", "");
  }

  private static final String UOM = "sku,uom,qty_per_uom\nA,CS,12\nB,CS,6\nH,CS,2\n";

  /**
   * Reads {@code file} (of {@code kind}: book, items or uom) with the others small and good,
   * by all three readers.
   */
  private Verdicts read(String kind, byte[] file) throws Exception {
    Path uom = kind.equals("uom") ? Files.write(dir.resolve("uom.csv"), file)
        : Files.writeString(dir.resolve("uom.csv"), UOM);
    Path book = kind.equals("book") ? Files.write(dir.resolve("book.csv"), file)
        : Files.writeString(dir.resolve("book.csv"),
            bookOf(new String(file, StandardCharsets.UTF_8)));
    Path items = kind.equals("items") ? Files.write(dir.resolve("items.csv"), file)
        : Files.writeString(dir.resolve("items.csv"), "sku,unit_cost\nA,1.00\n");
    Path counts = Files.writeString(dir.resolve("counts.csv"),
        "sku,location,count_qty,count_uom\nA,L-0,1,EA\n");
    String name = kind + ".csv";

    ReconcileInputs r = ReconcileInputs.load(new InputFiles(book, counts, uom, items, null,
        null), new ColumnMap(), ReconcileInputs.Progress.NONE);
    MasterDataFiles.Loaded s = MasterDataFiles.load(new ServiceSettings.Inputs(book, items,
        uom, null), new ColumnMap());
    FileDrop drop = new FileDrop(dir);
    RawTable uomTable = drop.read(new FileDrop.Delivery(uom, null, "uom"));
    List<RawTable> tables = kind.equals("uom") ? List.of(uomTable)
        : List.of(uomTable, drop.read(new FileDrop.Delivery(kind.equals("book") ? book : items,
            null, kind)));
    SnapshotParser.Parsed w = SnapshotParser.parse(tables, "drop", new ColumnMap());

    Map<Long, String> byReconcile = new TreeMap<>();
    for (Rejection x : r.rejections()) {
      if (x.file().equals(name)) {
        byReconcile.merge(x.line(), x.reason(), (a, b) -> a + " | " + b);
      }
    }
    return new Verdicts(byReconcile, byLine(s.rejections(), name + ":(\\d+): (.*)"),
        byLine(w.problems(), name + ": line (\\d+): (.*)"), reconcileItems(r),
        serviceItems(s.data()), w.problems());
  }

  private static Map<Long, String> byLine(List<String> messages, String pattern) {
    Pattern p = Pattern.compile(pattern, Pattern.DOTALL);
    Map<Long, String> out = new TreeMap<>();
    for (String m : messages) {
      Matcher x = p.matcher(m);
      if (x.matches()) {
        out.merge(Long.parseLong(x.group(1)), x.group(2), (a, b) -> a + " | " + b);
      }
    }
    return out;
  }

  private static Map<String, String> reconcileItems(ReconcileInputs r) {
    Symbols skus = r.reconciliation().skus();
    Map<String, String> out = new TreeMap<>();
    for (int k = 0; k < skus.size(); k++) {
      BigDecimal cost = r.items().hasCost(k) ? r.items().cost(k) : null;
      out.put(skus.get(k), item(cost, r.items().skuClass(k)));
    }
    return out;
  }

  private static Map<String, String> serviceItems(MasterData m) {
    Map<String, String> out = new TreeMap<>();
    m.items().forEach((sku, i) -> out.put(sku, item(i.unitCost(), i.skuClass())));
    return out;
  }

  private static String item(BigDecimal cost, String skuClass) {
    return (cost == null ? "no cost" : cost.toPlainString()) + " / "
        + (skuClass == null || skuClass.isEmpty() ? "no class" : skuClass);
  }

  /**
   * A book of one line for each row's SKU: {@code reconcile} keeps the items of the SKUs it
   * reconciles only.
   */
  private static String bookOf(String items) {
    StringBuilder b = new StringBuilder("sku,location,book_qty\n");
    String[] lines = items.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String sku = lines[i].substring(0, lines[i].indexOf(','));
      b.append(sku.contains("\"") ? "Q" : sku).append(",L-").append(i).append(",1\n");
    }
    return b.toString();
  }

  @Test
  void readers_itemRowsWithFaultyCostsOrClasses_sameRowsRefusedForTheSameReason()
      throws Exception {
    String items = "sku,unit_cost,class\n"
        + "A,2.50,A\n"
        + "B,-1.00,A\n" // negative
        + "C,$2.50,\n" // currency sign
        + "D,2.1234567891,\n" // more decimals than a cost keeps
        + "E,2.5.0,B\n" // malformed
        + "F,1.00,A\"\n" // a stray quote in the class
        + "G,(2.50),C\n" // an accounting negative
        + "K,-0.00,\n" // zero, signed
        + "L,7.5,\n";

    Verdicts v = read("items", items.getBytes(StandardCharsets.UTF_8));

    v.agree();
    assertEquals(Map.of("A", "2.50 / A", "B", "no cost / A", "C", "no cost / no class",
        "D", "no cost / no class", "E", "no cost / B", "F", "1.00 / no class",
        "G", "no cost / C", "K", "0.00 / no class", "L", "7.5 / no class"),
        v.serviceItems());
    assertEquals(v.serviceItems(), v.reconcileItems());
  }

  @Test
  void readers_itemCostsPerAUnitAndFieldsNotUtf8_sameRowsRefusedForTheSameReason()
      throws Exception {
    String head = "sku,unit_cost,class,cost_uom\n"
        + "A,24.00,A,CS\n" // 2.00 an each
        + "B,10.00,,CS\n" // 10.00 / 6 is no exact cost per each
        + "C,5.00,B,BAG\n" // no factor
        + "H,-4.00,,CS\n" // negative per case: not -2.00 an each
        + "J,5.00,,100\n"; // SAP's price unit: per 100 eaches
    byte[] latin1 = "K,\u00a31.50,C,\nM,1.00,\u00e9A,\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = new byte[head.length() + latin1.length];
    System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, file, 0, head.length());
    System.arraycopy(latin1, 0, file, head.length(), latin1.length);

    Verdicts v = read("items", file);

    v.agree();
    assertEquals(Map.of("A", "2.00 / A", "B", "no cost / no class", "C", "no cost / B",
        "H", "no cost / no class", "J", "0.05 / no class", "K", "no cost / C",
        "M", "1.00 / no class"), v.serviceItems());
    assertEquals(v.serviceItems(), v.reconcileItems());
  }

  @Test
  void readers_itemCostsPerAPriceUnitColumnNamedItsOwnWay_refusedNamingThatColumnAlike()
      throws Exception {
    // Not a decimal-comma file: 1.000 is no thousand here, nor a unit any table names.
    String items = "sku,unit_cost,Price Unit\nA,1000.00,1.000\nB,5.00,0\nH,5.00,1.000.000\n"
        + "C,5.00,100\n";

    Verdicts v = read("items", items.getBytes(StandardCharsets.UTF_8));

    // Before: the WMS named the column cost_uom, whatever the file headed it; a price unit of
    // 0 was said to have no factor in the UOM table, which is not where it falls short.
    v.agree();
    assertEquals(List.of(2L, 3L, 4L), List.copyOf(v.reconcile().keySet()));
    // Before: 1.000 was said to have no factor in the UOM table, with nothing of the remedy.
    assertEquals("unit cost is per 1.000 (Price Unit): a price unit grouped by dots is a count "
        + "only in a file read with a decimal comma, as a German SAP list is (reconcile "
        + "--decimal-comma, or, for the count service, dockcount.reconcile.decimal-comma = "
        + "true); else write it without dots; its cost is unknown", v.reconcile().get(2L));
    assertEquals("unit cost is per 0 EA (Price Unit): a price unit counts the eaches the cost "
        + "is for, and 0 counts none (state the price unit, or leave it blank for per each); "
        + "its cost is unknown", v.reconcile().get(3L));
    assertEquals(Map.of("A", "no cost / no class", "B", "no cost / no class",
        "C", "0.05 / no class", "H", "no cost / no class"), v.serviceItems());
    assertEquals(v.serviceItems(), v.reconcileItems());
  }

  @Test
  void readers_unitsColumnOfFiguresThenWhatMayBeAUnitBelow_thoseRowsRefusedAlike()
      throws Exception {
    StringBuilder book = new StringBuilder("sku,location,book_qty,Units\n");
    for (int i = 0; i < 16; i++) {
      book.append("B,L-").append(i).append(",5,1\n");
    }
    // Lines 18 to 28: units no table names, a figure with its unit, a known unit; then what
    // names none: EA, a spelling of no value, a dash, a figure, a blank.
    book.append("A,M-1,2,BAG\nA,M-2,2,DRUM\nA,M-3,2,2CS\nA,M-4,2,12 EA\nA,M-5,2,CS\n")
        .append("A,M-6,2,EA\nA,M-7,2,n/a\nA,M-8,2,-\nA,M-9,2,7\nA,M-10,2,\nA,M-11,2,Ea\n");

    Verdicts v = read("book", book.toString().getBytes(StandardCharsets.UTF_8));

    v.agree();
    assertEquals(List.of(18L, 19L, 20L, 21L, 22L), List.copyOf(v.reconcile().keySet()));
    assertTrue(v.service().get(18L).contains("Units 'BAG': column 'Units' held figures (1) in "
        + "its first filled rows, so it is read as no unit column, but holds 'BAG', which may "
        + "name a unit (a code of the site's, or a figure with its unit) here: the row's "
        + "quantity may be in it, never read as eaches; if it is the book's unit column, map it "
        + "with --columns book.book_uom=Units"), v.service()::toString);
    assertTrue(v.service().get(22L).contains("holds the unit CS here"), v.service()::toString);
    assertFalse(v.wmsProblems().isEmpty(), "a WMS delivery is refused whole");
  }

  @Test
  void readers_unitsColumnOfFiguresThenMarksOrNoValueBelow_unitsWithoutLettersRefused()
      throws Exception {
    StringBuilder book = new StringBuilder("sku,location,book_qty,Units\n");
    for (int i = 0; i < 16; i++) {
      book.append("B,L-").append(i).append(",5,1\n");
    }
    // Lines 18 to 22 may name a unit with no letter: a pack (12 to 1), a can size, a figure
    // with a unit symbol, a fraction, a slash. Lines 23 to 29 name none: Excel's and others'
    // spellings of no value, a long dash, a grouped figure, a decimal comma, Arabic digits.
    book.append("A,M-1,2,12/1\nA,M-2,2,#12\nA,M-3,2,12 \u338f\nA,M-4,2,\u00bd\nA,M-5,2,/\n")
        .append("A,M-6,2,#N/A\nA,M-7,2,n.a.\nA,M-8,2,N.A.\nA,M-9,2,\u2014\n")
        .append("A,M-10,2,\"1,000\"\nA,M-11,2,\"1,0\"\nA,M-12,2,\u0661\u0662\n");

    Verdicts v = read("book", book.toString().getBytes(StandardCharsets.UTF_8));

    // Before: lines 18 to 22 were read in eaches (no letter), lines 23 to 25 refused.
    v.agree();
    assertEquals(List.of(18L, 19L, 20L, 21L, 22L), List.copyOf(v.reconcile().keySet()));
    assertTrue(v.service().get(18L).contains("holds '12/1', which may name a unit"),
        v.service()::toString);
  }

  @Test
  void readers_unitsColumnOfFiguresThenSpellingsOfEachBelow_readAsEachesUnlessTheTableDisputes()
      throws Exception {
    Path uom = Files.writeString(dir.resolve("uom.csv"),
        "sku,uom,qty_per_uom\nA,CS,12\nH,PC,10\n"); // H's PC: ten eaches or one?
    StringBuilder bookText = new StringBuilder("sku,location,book_qty,Units\n");
    StringBuilder itemsText = new StringBuilder("sku,unit_cost,Units\n");
    for (int i = 0; i < 16; i++) {
      bookText.append("B,L-").append(i).append(",5,1\n");
      itemsText.append("N").append(i).append(",1.00,1\n");
    }
    // Lines 18 to 25: spellings of each, English and German, Spanish, Portuguese; H's PC and
    // pcs (the same word) are in doubt, its Each is not.
    bookText.append("A,M-1,2,each\nA,M-2,2,PC\nA,M-3,2,Stk\nA,M-4,2,UN\nH,M-5,2,PC\n")
        .append("H,M-6,2,pcs\nH,M-7,2,Each\nA,M-8,2,units\n");
    itemsText.append("A,2.00,EACH\nH,3.00,PC\n");
    Path book = Files.writeString(dir.resolve("book.csv"), bookText);
    Path items = Files.writeString(dir.resolve("items.csv"), itemsText);
    Path counts = Files.writeString(dir.resolve("counts.csv"),
        "sku,location,count_qty,count_uom\nA,M-1,2,EA\n");

    ReconcileInputs r = ReconcileInputs.load(new InputFiles(book, counts, uom, items, null,
        null), new ColumnMap(), ReconcileInputs.Progress.NONE);
    MasterDataFiles.Loaded s = MasterDataFiles.load(new ServiceSettings.Inputs(book, items,
        uom, null), new ColumnMap());
    // A WMS delivering the book and items alone: the table in force (the start-up one) says.
    FileDrop drop = new FileDrop(dir);
    SnapshotParser.Parsed w = SnapshotParser.parse(List.of(
        drop.read(new FileDrop.Delivery(book, null, "book")),
        drop.read(new FileDrop.Delivery(items, null, "items"))), "drop", new ColumnMap(),
        s.data());

    // Before: every line from 18 to 25 and both costs were refused, H's Each as well.
    Map<Long, String> byReconcile = new TreeMap<>();
    Map<Long, String> costsByReconcile = new TreeMap<>();
    for (Rejection x : r.rejections()) {
      (x.file().equals("book.csv") ? byReconcile : x.file().equals("items.csv")
          ? costsByReconcile : new TreeMap<Long, String>()).put(x.line(), x.reason());
    }
    assertEquals(List.of(22L, 23L), List.copyOf(byReconcile.keySet()), r.rejections()::toString);
    assertEquals(byReconcile.keySet(), byLine(s.rejections(), "book.csv:(\\d+): (.*)").keySet());
    assertEquals(byReconcile.keySet(), byLine(w.problems(), "book.csv: line (\\d+): (.*)")
        .keySet(), w.problems()::toString);
    assertTrue(byReconcile.get(22L).contains("holds the unit PC here"), byReconcile::toString);
    assertEquals(List.of(19L), List.copyOf(costsByReconcile.keySet()));
    assertEquals(List.of(19L), List.copyOf(byLine(s.rejections(),
        "items.csv:(\\d+): (.*)").keySet()));
    assertEquals(List.of(19L), List.copyOf(byLine(w.problems(),
        "items.csv: line (\\d+): (.*)").keySet()));
    assertEquals("2.00 / no class", serviceItems(s.data()).get("A"));
    assertEquals(serviceItems(s.data()).get("A"), reconcileItems(r).get("A"));
  }

  @Test
  void reconcileAndService_costPerASpellingOfEachTheTableDisputes_refusedInTheSameWords()
      throws Exception {
    Path uom = Files.writeString(dir.resolve("uom.csv"), "sku,uom,qty_per_uom\nH,PC,10\n");
    Path items = Files.writeString(dir.resolve("items.csv"), "sku,unit_cost,class,Price UOM\n"
        + "H,3.00,B,PC\nA,1.00,,pcs\n");
    Path book = Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\nH,L-1,1\n"
        + "A,L-2,1\n");
    Path counts = Files.writeString(dir.resolve("counts.csv"),
        "sku,location,count_qty,count_uom\nH,L-1,1,EA\n");

    ReconcileInputs r = ReconcileInputs.load(new InputFiles(book, counts, uom, items, null,
        null), new ColumnMap(), ReconcileInputs.Progress.NONE);
    MasterDataFiles.Loaded s = MasterDataFiles.load(new ServiceSettings.Inputs(book, items,
        uom, null), new ColumnMap());

    // Before: the service said "unit_cost is per PC of sku H, which the UOM table makes PC =
    // 10 EA but reads as each: that cost is unknown", reconcile otherwise.
    String why = "unit cost is per PC (Price UOM): the UOM table gives PC 10 EA (uom.csv line "
        + "2), but PC is read as each: which is it?; its cost is unknown (the row's class B is "
        + "kept)";
    assertEquals(Map.of(2L, why), byLine(s.rejections(), "items.csv:(\\d+): (.*)"));
    assertEquals(List.of(why), r.rejections().stream().filter(x -> x.file().equals("items.csv"))
        .map(Rejection::reason).toList());
    assertEquals(Map.of("A", "1.00 / no class", "H", "no cost / B"), serviceItems(s.data()));
    assertEquals(serviceItems(s.data()), reconcileItems(r));
  }

  @Test
  void readers_unitsColumnOfFiguresAndAWordThenOtherWordsBelow_theSameWordKeptOthersRefused()
      throws Exception {
    StringBuilder book = new StringBuilder("sku,location,book_qty,Units\n");
    for (int i = 0; i < 15; i++) {
      book.append("B,L-").append(i).append(",5,1\n");
    }
    book.append("B,L-15,5,see note\n"); // line 17: a word naming no unit, among figures
    book.append("A,M-1,2,see note\nA,M-2,2,TUB\n");

    Verdicts v = read("book", book.toString().getBytes(StandardCharsets.UTF_8));

    v.agree();
    assertEquals(List.of(19L), List.copyOf(v.reconcile().keySet()),
        "the word the first rows held is read as they were; TUB may be a unit");
  }

  @Test
  void readers_bookRepeatingItsHeaderMidFile_thatLineRefusedAsTheHeaderAgainByAll()
      throws Exception {
    String book = "sku,location,book_qty\nA,L-1,3\nB,L-2,4\nsku,location,book_qty\nA,L-3,5\n";

    Verdicts v = read("book", book.getBytes(StandardCharsets.UTF_8));

    v.agree();
    assertEquals(List.of(4L), List.copyOf(v.reconcile().keySet()));
    assertEquals(List.of("book.csv: line 4: the header again (files joined with their "
        + "headers?): not a row"), v.wmsProblems(), "the delivery refused whole, saying where");
  }

  @Test
  void readers_bookRowsWithFaultyFields_sameLinesRefused() throws Exception {
    String book = "sku,location,book_qty,lot\n"
        + "A,L-1,3,\nA,L-2,-3,\nA,L-3,2.5,\nA,L-4,\"1,000\",\nA,L-5,,\n#N/A,L-6,1,\n"
        + "A,,1,\nA,L-8,1,lot\"\nA,L-9,12 EA,\nA,L-10,+5,\nA,L-11, 5 ,\nA,L-12,5.0,\n"
        + "A,L-13,2000000000000,\nA,L-1,4,\nA,L-15,5-,\nA,L-16,1e3,\nA,L-17,0x10,\n"
        + "A,L-18,\"5\",\nA,L-19,5.50,\n";

    Verdicts v = read("book", book.getBytes(StandardCharsets.UTF_8));

    v.agreeOnLines();
    // Line 14: 2 000 000 000 000 eaches, a code in the quantity field, was kept by the
    // service and the WMS as a book of two trillion.
    assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L, 14L, 16L, 17L, 18L, 20L),
        List.copyOf(v.reconcile().keySet()));
    assertTrue(v.service().get(14L).contains("more than 10^12 eaches"), v.service()::toString);
  }

  @Test
  void readers_uomRowsWithFaultyFields_sameLinesRefused() throws Exception {
    String uom = "sku,uom,qty_per_uom\n"
        + "A,CS,12\nB,CS,0\nC,CS,-6\nD,CS,2.5\nE,CS,12.0\nF,CS,6\nF,CS,8\nG,EA,10\n"
        + "H,,6\nJ,PL,20\nK,CS,\"1,000\"\nL,BAG,6\nM,CS,12\nM,CS,12\nP,PC,1\n#N/A,CS,6\n"
        + "N,CS,6\nN,IP,12\n"; // line 18: a case of fewer eaches than the inner it holds

    Verdicts v = read("uom", uom.getBytes(StandardCharsets.UTF_8));

    v.agreeOnLines();
    // Line 10: a factor of no unit was kept by the service without a word.
    // Line 18: the WMS refused the table naming no line.
    assertEquals(List.of(3L, 4L, 5L, 8L, 9L, 10L, 12L, 17L, 18L),
        List.copyOf(v.reconcile().keySet()));
    assertEquals("uom is blank", v.service().get(10L));
    assertTrue(v.service().get(12L).startsWith("qty_per_uom '1,000' is not a plain number: "
        + "comma in number"), v.service()::toString);
  }

  @Test
  void readers_bookRowsInUnits_sameLinesRefusedAndConvertedAlike() throws Exception {
    String book = "sku,location,book_qty,book_uom\n"
        + "A,L-1,2,CS\nA,L-2,2,BAG\nA,L-3,0,BAG\nA,L-4,0.5,CS\nA,L-5,0.25,CS\nA,L-6,2,KG\n"
        + "B,L-7,2,PL\nA,L-8,2,cs\nA,L-9,2,Case\nA,L-10,2,PC\nA,L-11,2,7\nA,L-12,-1,CS\n"
        + "A,L-13,200000000000,CS\nZ,L-14,2,CS\nA,L-15,2,EACH\nA,L-16,2,ST\n";
    Verdicts v = read("book", book.getBytes(StandardCharsets.UTF_8));

    v.agreeOnLines();
    // Line 14: 200 000 000 000 cases of 12 are more than 10^12 eaches, refused by all three.
    assertEquals(List.of(3L, 7L, 8L, 12L, 14L, 15L), List.copyOf(v.reconcile().keySet()));
  }

  @Test
  void readers_itemListedTwice_theSameAgainKeptAnotherCostOrClassRefused() throws Exception {
    String same = "sku,unit_cost,class\nA,2.50,A\nA,2.50,A\nB,1.00,\nB,,C\nC,2.0,\nC,2.00,\n";
    String other = "sku,unit_cost,class\nA,2.50,A\nA,3.00,A\nB,1.00,B\nB,1.00,C\n";

    Verdicts kept = read("items", same.getBytes(StandardCharsets.UTF_8));
    Verdicts refused = read("items", other.getBytes(StandardCharsets.UTF_8));

    // A WMS delivery listing a SKU twice was refused whole, even for the same row again.
    kept.agree();
    assertEquals(Map.of("A", "2.50 / A", "B", "1.00 / C", "C", "2.0 / no class"),
        kept.serviceItems());
    assertEquals(kept.serviceItems(), kept.reconcileItems());
    refused.agreeOnLines();
    assertEquals(List.of("items.csv: line 3: sku A is listed twice, with the unit costs 2.50 "
        + "and 3.00", "items.csv: line 5: sku B is listed twice, with the classes B and C"),
        refused.wmsProblems());
  }

  @Test
  void reconcileAndService_itemListedTwiceWithOtherValues_oneReasonPerRowInTheSameWords()
      throws Exception {
    String items = "sku,unit_cost,class\nA,2.50,X\nA,3.00,Y\nB,1.00,Z\nB,-1,W\nC,1.00,\n"
        + "C,2.00,\nC,3.00,\nD,1.00,P\nD,1.00,Q\nD,,R\n";

    Verdicts v = read("items", items.getBytes(StandardCharsets.UTF_8));

    // Before: the service said "sku A already has the unit cost 2.50: ..." where reconcile
    // says "SKU A already has the cost 2.50: ...", and gave a row with a class clash and a
    // faulty cost two reasons where reconcile gives one.
    v.agreeOnLines();
    v.reconcile().forEach((line, why) -> assertEquals(why, v.service().get(line),
        "line " + line));
    assertEquals("SKU B already has the class Z: with two classes it has none (the zone or "
        + "default recount rules apply) until the item master gives one; negative unit cost",
        v.reconcile().get(5L));
    assertEquals(v.serviceItems(), v.reconcileItems());
  }

  @Test
  void serviceAndWms_barcodeRowsWithFaultyFields_sameLinesRefused() throws Exception {
    // reconcile reads no barcode table: the start-up file and a WMS file drop are compared.
    Path uom = Files.writeString(dir.resolve("uom.csv"), UOM);
    Path book = Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\nA,L-1,1\n");
    Path codes = Files.writeString(dir.resolve("barcodes.csv"), "barcode,sku,uom\n"
        + "05412345000013,A,\n05412345000020,A,CS\n0541234500001,A,\n05412345000051,,\n"
        + "05412345000068,\" \",CS\nABC\"1,A,\n05412345000075,A,BAG\n");

    MasterDataFiles.Loaded s = MasterDataFiles.load(new ServiceSettings.Inputs(book, null, uom,
        codes), new ColumnMap());
    FileDrop drop = new FileDrop(dir);
    SnapshotParser.Parsed w = SnapshotParser.parse(List.of(
        drop.read(new FileDrop.Delivery(uom, null, "uom")),
        drop.read(new FileDrop.Delivery(codes, null, "barcodes"))), "drop", new ColumnMap());

    // Lines 5 and 6: a barcode of no SKU was kept by the start-up file without a word.
    Map<Long, String> service = byLine(s.rejections(), "barcodes.csv:(\\d+): (.*)");
    assertEquals(List.of(4L, 5L, 6L, 7L), List.copyOf(service.keySet()));
    assertEquals("sku is blank", service.get(5L));
    assertEquals(service.keySet(), byLine(w.problems(), "barcodes.csv: line (\\d+): (.*)")
        .keySet(), w.problems()::toString);
    assertFalse(s.data().barcodes().containsKey("05412345000051"));
  }
}
