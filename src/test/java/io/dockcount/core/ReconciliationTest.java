package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciliation core through its public API: statuses, values, flags and lots. */
final class ReconciliationTest {
  private final Symbols skus = new Symbols();
  private final Symbols locations = new Symbols();
  private final ItemMaster items = new ItemMaster();
  private final UomTable uom = new UomTable();

  private Reconciliation bySku() {
    return new Reconciliation(skus, locations, null);
  }

  private void book(Reconciliation r, String sku, String loc, long qty) {
    r.addBook(skus.intern(sku), locations.intern(loc), -1, qty);
  }

  private void count(Reconciliation r, String sku, String loc, long qty) {
    r.addCount(skus.intern(sku), locations.intern(loc), -1, qty);
  }

  /** A count record of {@code eaches} keyed in {@code unit}. */
  private void count(Reconciliation r, String sku, String loc, long eaches, String unit) {
    r.addCount(skus.intern(sku), locations.intern(loc), -1, eaches, (short) uom.unitId(unit));
  }

  private void cost(String sku, String cost) {
    BigDecimal c = new BigDecimal(cost);
    items.setCost(skus.intern(sku), c.unscaledValue().longValueExact(), c.scale());
  }

  private ReconResult reconcile(Reconciliation r) {
    return r.reconcile(items, uom, LocationScheme.dashed(), RecountPolicy.standard());
  }

  @Test
  void reconcile_eachStatus_classifiedPerSkuAndLocation() {
    Reconciliation r = bySku();
    book(r, "M", "A-1", 10);
    count(r, "M", "A-1", 10);
    book(r, "S", "A-1", 10);
    count(r, "S", "A-1", 7);
    book(r, "O", "A-1", 10);
    count(r, "O", "A-1", 12);
    book(r, "N", "A-2", 10);
    count(r, "U", "A-3", 4);

    ReconResult result = reconcile(r);

    assertEquals(Status.MATCHED, result.line("M", "A-1").status());
    assertEquals(Status.SHORT, result.line("S", "A-1").status());
    assertEquals(-3L, result.line("S", "A-1").varianceQty());
    assertEquals(Status.OVER, result.line("O", "A-1").status());
    assertEquals(Status.MISSING, result.line("N", "A-2").status());
    assertEquals(Status.UNEXPECTED, result.line("U", "A-3").status());
  }

  @Test
  void reconcile_missing_hasNoCountNoVarianceNoValueButATask() {
    Reconciliation r = bySku();
    cost("N", "2.50");
    book(r, "N", "A-2", 10);

    ReconLine line = reconcile(r).line("N", "A-2");

    assertNull(line.countedQty());
    assertNull(line.varianceQty());
    assertNull(line.varianceValue());
    assertEquals("not counted", line.reason());
  }

  @Test
  void reconcile_zeroCountNotOnBook_matchedAtZero() {
    Reconciliation r = bySku();
    cost("Z", "1.00");
    count(r, "Z", "A-1", 0);

    ReconLine line = reconcile(r).line("Z", "A-1");

    assertEquals(Status.MATCHED, line.status());
    assertEquals(0L, line.varianceQty());
    assertNull(line.reason());
  }

  @Test
  void reconcile_partialCounts_addUp() {
    Reconciliation r = bySku();
    book(r, "P", "A-1", 30);
    count(r, "P", "A-1", 12);
    count(r, "P", "A-1", 12);
    count(r, "P", "A-1", 6);

    ReconLine line = reconcile(r).line("P", "A-1");

    assertEquals(30L, line.countedQty());
    assertEquals(Status.MATCHED, line.status());
  }

  @Test
  void reconcile_value_exactDecimalNotRoundedToCents() {
    Reconciliation r = bySku();
    cost("T", "0.0692");
    book(r, "T", "A-1", 100);
    count(r, "T", "A-1", 37);

    ReconLine line = reconcile(r).line("T", "A-1");

    assertEquals(new BigDecimal("-4.3596"), line.varianceValue());
  }

  @Test
  void reconcile_noCostVersusCostZero_unknownVersusZero() {
    Reconciliation r = bySku();
    cost("FREE", "0.00");
    book(r, "FREE", "A-1", 5);
    count(r, "FREE", "A-1", 3);
    book(r, "NOCOST", "A-1", 20);
    count(r, "NOCOST", "A-1", 10);

    ReconResult result = reconcile(r);

    ReconLine free = result.line("FREE", "A-1");
    ReconLine unknown = result.line("NOCOST", "A-1");
    assertEquals(new BigDecimal("0.00"), free.varianceValue());
    assertFalse(free.has(Flag.MISSING_COST));
    assertNull(unknown.varianceValue());
    assertTrue(unknown.has(Flag.MISSING_COST));
    assertEquals(1, result.summary().varianceLinesWithoutValue());
    assertEquals(new BigDecimal("0.00"), result.summary().netValue().setScale(2));
  }

  @Test
  void reconcile_negativeBook_notClampedOverWithValue() {
    Reconciliation r = bySku();
    cost("RU651", "1.50");
    book(r, "RU651", "A-1", -30);
    count(r, "RU651", "A-1", 0);

    ReconLine line = reconcile(r).line("RU651", "A-1");

    assertEquals(Status.OVER, line.status());
    assertEquals(30L, line.varianceQty());
    assertEquals(0, new BigDecimal("45.00").compareTo(line.varianceValue()));
    assertTrue(line.has(Flag.NEGATIVE_BOOK));
    assertTrue(line.reason().contains("negative book"), line.reason());
  }

  @Test
  void reconcile_countedZeroAgainstPositiveBook_flaggedAndRecounted() {
    Reconciliation r = bySku();
    cost("C", "0.01");
    book(r, "C", "A-1", 10);
    count(r, "C", "A-1", 0);

    ReconLine line = reconcile(r).line("C", "A-1");

    assertEquals(Status.SHORT, line.status());
    assertTrue(line.has(Flag.COUNTED_ZERO));
    assertTrue(line.reason().startsWith("counted zero against a book of 10"), line.reason());
  }

  @Test
  void reconcile_oneEachCountedWhereBookIsOneCase_probableUnitError() {
    Reconciliation r = bySku();
    int sku = skus.intern("00913");
    uom.put(sku, uom.unitId("CS"), 12);
    book(r, "00913", "A-1", 12);
    count(r, "00913", "A-1", 1, "EA");

    ReconLine line = reconcile(r).line("00913", "A-1");

    assertEquals(Status.SHORT, line.status());
    assertTrue(line.has(Flag.PROBABLE_UNIT_ERROR));
    assertTrue(line.reason().contains("1 EA counted; 1 CS would match"), line.reason());
  }

  @Test
  void reconcile_twelveCasesCountedWhereBookIsTwelveEaches_probableUnitError() {
    Reconciliation r = bySku();
    int sku = skus.intern("00913");
    uom.put(sku, uom.unitId("CS"), 12);
    book(r, "00913", "A-1", 12);
    count(r, "00913", "A-1", 144, "CS");

    ReconResult result = reconcile(r);

    ReconLine line = result.line("00913", "A-1");
    assertEquals(Status.OVER, line.status());
    assertTrue(line.has(Flag.PROBABLE_UNIT_ERROR));
    assertTrue(line.reason().contains("144 EA counted (12 CS); 12 EA would match"),
        line.reason());
    assertEquals(1, result.summary().unitErrors());
  }

  @Test
  void reconcile_varianceNotExplainedByAnyUnit_noUnitErrorFlag() {
    Reconciliation r = bySku();
    int sku = skus.intern("00913");
    uom.put(sku, uom.unitId("CS"), 12);
    book(r, "00913", "A-1", 12);
    count(r, "00913", "A-1", 11);

    ReconLine line = reconcile(r).line("00913", "A-1");

    assertFalse(line.has(Flag.PROBABLE_UNIT_ERROR));
  }

  @Test
  void reconcile_lots_comparedPerLotAndRolledUp() {
    Symbols lots = new Symbols();
    Reconciliation r = new Reconciliation(skus, locations, lots);
    int sku = skus.intern("RV624");
    int loc = locations.intern("RM1-RACK1-SHELF2");
    r.addBook(sku, loc, lots.intern("0898984"), 9800);
    r.addBook(sku, loc, lots.intern("B2"), 100);
    r.addCount(sku, loc, lots.intern("898984"), 9800);
    r.addCount(sku, loc, lots.intern("B2"), 100);

    ReconResult result = reconcile(r);

    ReconLine pair = result.line("RV624", "RM1-RACK1-SHELF2");
    List<ReconLine> lotLines = result.lotLines();
    assertEquals(Status.MATCHED, pair.status());
    assertTrue(pair.has(Flag.LOT_VARIANCE));
    assertEquals("lots do not match", pair.reason());
    assertEquals(3, lotLines.size());
    assertEquals("0898984", lotLines.get(0).lot());
    assertEquals(Status.SHORT, lotLines.get(0).status());
    assertEquals(-9800L, lotLines.get(0).varianceQty());
    assertTrue(lotLines.get(0).has(Flag.POSSIBLE_LOST_LEADING_ZERO));
    assertEquals("898984", lotLines.get(1).lot());
    assertEquals(Status.UNEXPECTED, lotLines.get(1).status());
    assertTrue(lotLines.get(1).has(Flag.POSSIBLE_LOST_LEADING_ZERO));
    assertEquals(Status.MATCHED, lotLines.get(2).status());
  }

  @Test
  void reconcile_emptyLot_isOneNoLotKey() {
    Symbols lots = new Symbols();
    Reconciliation r = new Reconciliation(skus, locations, lots);
    int sku = skus.intern("FF240");
    int loc = locations.intern("A-1");
    r.addBook(sku, loc, lots.intern(""), 1000);
    r.addCount(sku, loc, lots.intern(""), 600);
    r.addCount(sku, loc, lots.intern(""), 400);

    List<ReconLine> lotLines = reconcile(r).lotLines();

    assertEquals(1, lotLines.size());
    assertEquals("", lotLines.get(0).lot());
    assertEquals(Status.MATCHED, lotLines.get(0).status());
  }

  @Test
  void reconcile_bookLotWithoutCountAtCountedPair_short() {
    Symbols lots = new Symbols();
    Reconciliation r = new Reconciliation(skus, locations, lots);
    int sku = skus.intern("X");
    int loc = locations.intern("A-1");
    r.addBook(sku, loc, lots.intern("L1"), 5);
    r.addBook(sku, loc, lots.intern("L2"), 5);
    r.addCount(sku, loc, lots.intern("L1"), 5);

    ReconResult result = reconcile(r);

    ReconLine l2 = result.lotLines().get(1);
    assertEquals("L2", l2.lot());
    assertEquals(Status.SHORT, l2.status());
    assertEquals(0L, l2.countedQty());
    assertEquals(Status.SHORT, result.line("X", "A-1").status());
  }

  @Test
  void reconcile_unparsedLocation_flaggedAndCountedOncePerLocation() {
    Reconciliation r = bySku();
    book(r, "X", "A-1-2-3-4", 1);
    count(r, "X", "A-1-2-3-4", 1);
    book(r, "Y", "A-1-2-3-4", 2);
    book(r, "X", "B-1-2-3-4", 2);

    ReconResult result = reconcile(r);

    ReconLine line = result.line("X", "A-1-2-3-4");
    assertNull(line.parts());
    assertTrue(line.has(Flag.LOCATION_UNPARSED));
    assertTrue(result.line("Y", "A-1-2-3-4").has(Flag.LOCATION_UNPARSED));
    assertEquals(2, result.summary().locationsUnparsed(), "two locations, of three lines");
  }

  @Test
  void reconcile_order_byLocationThenSkuBytewise() {
    Reconciliation r = bySku();
    count(r, "b", "B-1", 1);
    count(r, "a", "B-1", 1);
    count(r, "z", "A-9", 1);
    count(r, "0012", "B-1", 1);

    List<ReconLine> lines = reconcile(r).lines();

    assertEquals(List.of("A-9/z", "B-1/0012", "B-1/a", "B-1/b"),
        lines.stream().map(l -> l.location() + "/" + l.sku()).toList());
  }

  @Test
  void reconcile_tasks_highestAbsoluteValueFirstNoValueLast() {
    Reconciliation r = bySku();
    cost("LOW", "1.00");
    cost("HIGH", "10.00");
    book(r, "LOW", "A-1", 100);
    count(r, "LOW", "A-1", 0);
    book(r, "HIGH", "A-2", 100);
    count(r, "HIGH", "A-2", 80);
    book(r, "NOVALUE", "A-0", 100);
    book(r, "GAIN", "A-3", 100);
    cost("GAIN", "3.00");
    count(r, "GAIN", "A-3", 150);

    ReconResult result = reconcile(r);

    List<String> order = java.util.Arrays.stream(result.tasks())
        .mapToObj(p -> result.line(p).sku()).toList();
    assertEquals(List.of("HIGH", "GAIN", "LOW", "NOVALUE"), order);
    assertNotNull(result.line("NOVALUE", "A-0").reason());
  }

  @Test
  void addCounts_blocksAndSingleRecords_sameLinesAsOneByOne() {
    Symbols lots = new Symbols();
    Reconciliation blocks = new Reconciliation(skus, locations, lots);
    Reconciliation single = new Reconciliation(skus, locations, lots);
    String[][] counts = {{"B", "A-2", "L1", "3"}, {"A", "A-1", "", "5"}, {"B", "A-2", "L1", "4"},
        {"C", "A-1", "L2", "1"}, {"A", "A-1", "", "2"}, {"B", "A-2", "L9", "6"}};
    for (Reconciliation r : List.of(blocks, single)) {
      r.addBook(skus.intern("A"), locations.intern("A-1"), lots.intern(""), 7);
      r.addBook(skus.intern("B"), locations.intern("A-2"), lots.intern("L1"), 9);
      r.addBook(skus.intern("D"), locations.intern("A-3"), lots.intern(""), 2);
    }
    Reconciliation.RowBlock block = new Reconciliation.RowBlock(true, 4);
    for (int i = 0; i < counts.length; i++) {
      int sku = skus.intern(counts[i][0]);
      int loc = locations.intern(counts[i][1]);
      int l = lots.intern(counts[i][2]);
      long q = Long.parseLong(counts[i][3]);
      single.addCount(sku, loc, l, q);
      if (i < 3) {
        block.add(Reconciliation.skuLocation(sku, loc), l, q);
      } else {
        blocks.addCount(sku, loc, l, q); // appended rows and whole blocks mix
      }
    }
    blocks.addCounts(block);

    ReconResult fromBlocks = reconcile(blocks);
    ReconResult oneByOne = reconcile(single);

    assertEquals(oneByOne.lines(), fromBlocks.lines());
    assertEquals(oneByOne.lotLines(), fromBlocks.lotLines());
    assertEquals(4, fromBlocks.size());
    assertEquals(Status.OVER, fromBlocks.line("B", "A-2").status());
    assertEquals(13L, fromBlocks.line("B", "A-2").countedQty());
  }

  @Test
  void addRejectedSkuAnywhere_bookRowOfUnreadableLocation_everyLineOfTheSkuBookUnknownNoneMade() {
    Reconciliation r = bySku();
    book(r, "P", "A-1", 40);
    count(r, "P", "A-1", 40);
    count(r, "P", "B-2", 3);
    book(r, "Q", "A-1", 5);
    count(r, "Q", "A-1", 5);
    r.addRejectedSkuAnywhere(skus.intern("P"), true);
    r.addRejectedAtLocation(locations.intern("A-1"), false);

    ReconResult result = reconcile(r);

    assertEquals(3, result.size(), "no line made for the rejected rows");
    for (String loc : List.of("A-1", "B-2")) {
      ReconLine line = result.line("P", loc);
      assertTrue(line.has(Flag.BOOK_ROWS_REJECTED), loc);
      assertNull(line.bookQty(), "the book of every line of P is unknown: " + loc);
      assertNull(line.varianceValue(), loc);
    }
    assertTrue(result.line("Q", "A-1").has(Flag.COUNT_ROWS_REJECTED));
    assertFalse(result.line("Q", "A-1").has(Flag.BOOK_ROWS_REJECTED));
    assertTrue(result.line("P", "A-1").has(Flag.COUNT_ROWS_REJECTED));
    assertFalse(result.line("P", "B-2").has(Flag.COUNT_ROWS_REJECTED));
  }

  @Test
  void addRejectedSkuAnywhere_byLot_everyLotLineOfTheSkuFlagged() {
    Reconciliation r = new Reconciliation(skus, locations, new Symbols());
    Symbols lots = r.lots();
    r.addBook(skus.intern("P"), locations.intern("A-1"), lots.intern("L1"), 4);
    r.addCount(skus.intern("P"), locations.intern("A-1"), lots.intern("L1"), 4);
    r.addCount(skus.intern("P"), locations.intern("A-1"), lots.intern("L2"), 1);
    r.addRejectedSkuAnywhere(skus.intern("P"), false);

    ReconResult result = reconcile(r);

    assertEquals(2, result.lotLines().size());
    for (ReconLine lot : result.lotLines()) {
      assertTrue(lot.has(Flag.COUNT_ROWS_REJECTED), lot::toString);
    }
  }
}
