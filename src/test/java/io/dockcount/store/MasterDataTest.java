package io.dockcount.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed master data: what goes in comes out, and the views behave as maps and lists. */
final class MasterDataTest {
  private static final BigDecimal HUGE = new BigDecimal("123456789012345678901234567890.125");

  private static MasterData sample() {
    MasterData.Builder b = MasterData.builder();
    b.item("00913", "widget, \"blue\" – 12 ½\"", new BigDecimal("2.50"), "A");
    b.item("0012345", null, null, null);
    b.item("0777", "", new BigDecimal("0.00"), "B");
    b.item("BIG", "huge cost", HUGE, null);
    b.item("TINY", "four decimals", new BigDecimal("0.0692"), null);
    b.uom("00913", "CS", 12);
    b.uom("00913", "PL", 480);
    b.uom("0777", "EA", 1);
    b.barcode("05412345000013", "00913", "EA");
    b.barcode("15412345000010", "00913", "CS");
    b.bookLine("B-01-01", "0012345", "L\t7", -3);
    b.bookLine("A-01-02", "00913", "", 20);
    b.bookLine("A-01-02", "00913", "", 10);
    b.bookLine("A-01-02", "00913", "0898984", 4);
    return b.build();
  }

  @Test
  void builder_everyField_comesBackExact() {
    MasterData m = sample();

    assertEquals(new MasterData.Item("00913", "widget, \"blue\" – 12 ½\"",
        new BigDecimal("2.50"), "A"), m.items().get("00913"));
    assertEquals(new MasterData.Item("0012345", null, null, null), m.items().get("0012345"));
    assertEquals(new MasterData.Item("0777", "", new BigDecimal("0.00"), "B"),
        m.items().get("0777"));
    assertEquals(HUGE, m.items().get("BIG").unitCost());
    assertEquals("0.0692", m.cost("TINY").toPlainString());
    assertNull(m.cost("0012345"));
    assertNull(m.cost("913"));
    assertEquals("A", m.skuClass("00913"));
    assertNull(m.skuClass("0012345"));
    assertNull(m.skuClass("913"));
    assertEquals(12, m.factor("00913", "CS"));
    assertEquals(480, m.factor("00913", "PL"));
    assertEquals(1, m.factor("00913", "EA"));
    assertEquals(0, m.factor("00913", "DZ"));
    assertEquals(0, m.factor("913", "CS"));
    assertEquals(Map.of("CS", 12L, "PL", 480L), m.uom().get("00913"));
    assertEquals(new MasterData.Barcode("15412345000010", "00913", "CS"),
        m.barcodes().get("15412345000010"));
    assertEquals(List.of(new MasterData.BookLine("B-01-01", "0012345", "L\t7", -3),
        new MasterData.BookLine("A-01-02", "00913", "", 20),
        new MasterData.BookLine("A-01-02", "00913", "", 10),
        new MasterData.BookLine("A-01-02", "00913", "0898984", 4)), m.book());
    assertEquals(List.of(new MasterData.BookLine("B-01-01", "0012345", "L\t7", -3),
        new MasterData.BookLine("A-01-02", "00913", "0898984", 4)), m.bookLinesWithLot());
    assertEquals(2, m.bookLocationCount());
  }

  @Test
  void bookLinesWhereLotsAre_withTheLinesThereWithoutALot_notOtherPairs() {
    MasterData m = new MasterData(Map.of(), Map.of(), Map.of(), List.of(
        new MasterData.BookLine("A-01-02", "00913", "", 20),
        new MasterData.BookLine("A-01-03", "00913", "", 5),
        new MasterData.BookLine("A-01-02", "0777", "", 1),
        new MasterData.BookLine("A-01-02", "00913", "L001", 4)));

    assertEquals(List.of(new MasterData.BookLine("A-01-02", "00913", "", 20),
        new MasterData.BookLine("A-01-02", "00913", "L001", 4)), m.bookLinesWhereLotsAre());
    assertEquals(List.of(), MasterData.builder().build().bookLinesWhereLotsAre());
    assertEquals(List.of("A-01-02", "A-01-03"), MasterData.locationsOf(m.book()));
    assertEquals(List.of("X", "Y"), MasterData.locationsOf(List.of(
        new MasterData.BookLine("X", "1", "", 1), new MasterData.BookLine("Y", "1", "", 1),
        new MasterData.BookLine("X", "2", "", 1))));
  }

  @Test
  void views_unknownKeys_sizes_order_readOnly() {
    MasterData m = sample();

    assertNull(m.items().get("913"));
    assertNull(m.items().get(913));
    assertNull(m.items().get(null));
    assertNull(m.uom().get("0012345"));
    assertNull(m.barcodes().get("5412345000013"));
    assertFalse(m.items().containsKey("0913"));
    assertTrue(m.barcodes().containsKey("05412345000013"));
    assertEquals(5, m.items().size());
    assertEquals(2, m.uom().size());
    assertEquals(2, m.barcodes().size());
    assertEquals(4, m.book().size());
    // Maps iterate in key order (code points), as the stored blocks and the station expect.
    assertEquals(List.of("0012345", "00913", "0777", "BIG", "TINY"),
        new ArrayList<>(m.items().keySet()));
    assertEquals(List.of("00913", "0777"), new ArrayList<>(m.uom().keySet()));
    assertEquals(List.of("05412345000013", "15412345000010"),
        m.barcodes().values().stream().map(MasterData.Barcode::code).toList());
    assertThrows(UnsupportedOperationException.class, () -> m.items().put("x", null));
    assertThrows(UnsupportedOperationException.class, () -> m.book().add(m.book().get(0)));
    assertThrows(UnsupportedOperationException.class, () -> m.uom().get("00913").put("X", 2L));
    assertThrows(IndexOutOfBoundsException.class, () -> m.book().get(4));
  }

  @Test
  void sharedSkuDictionary_aSkuOfOneKindIsNotInTheOthers() {
    MasterData.Builder b = MasterData.builder();
    b.bookLine("A-1", "ONLY-BOOK", "", 1);
    b.barcode("C1", "ONLY-CODE", "EA");
    b.uom("ONLY-UOM", "CS", 6);
    b.item("ONLY-ITEM", "x", null, null);
    b.bookLine("A-2", "ONLY-ITEM", "", 2);

    MasterData m = b.build();

    assertEquals(List.of("ONLY-ITEM"), new ArrayList<>(m.items().keySet()));
    assertEquals(List.of("ONLY-UOM"), new ArrayList<>(m.uom().keySet()));
    assertNull(m.items().get("ONLY-BOOK"));
    assertFalse(m.items().containsKey("ONLY-UOM"));
    assertNull(m.uom().get("ONLY-ITEM"));
    assertEquals(0, m.factor("ONLY-BOOK", "CS"));
    assertEquals(6, m.factor("ONLY-UOM", "CS"));
    assertNull(m.cost("ONLY-CODE"));
    assertEquals(1, m.items().size());
    assertEquals(1, m.uom().size());
    assertEquals("ONLY-CODE", m.barcodes().get("C1").sku());
    assertEquals(2, m.book().size());
  }

  @Test
  void fromMaps_equalsBuilt_andViewsAreShared() {
    MasterData m = sample();

    MasterData copied = new MasterData(new HashMap<>(m.items()), new TreeMap<>(m.uom()),
        new HashMap<>(m.barcodes()), new ArrayList<>(m.book()));
    MasterData rebooked = m.withBook(List.of(new MasterData.BookLine("C-1", "0777", "", 1)));
    MasterData shared = new MasterData(m.items(), m.uom(), m.barcodes(), rebooked.book());

    assertEquals(m.items(), copied.items());
    assertEquals(new HashMap<>(m.items()), m.items());
    assertEquals(m.uom(), copied.uom());
    assertEquals(m.barcodes(), copied.barcodes());
    assertEquals(m.book(), copied.book());
    assertEquals(m.book().hashCode(), new ArrayList<>(m.book()).hashCode());
    assertSame(m.items(), rebooked.items());
    assertSame(m.uom(), shared.uom());
    assertSame(rebooked.book(), shared.book());
    assertEquals(1, shared.book().size());
  }

  @Test
  void bookByZone_packedPerZone_inBookOrder_unzonedDropped() {
    MasterData m = sample().withBook(List.of(new MasterData.BookLine("B-01-01", "1", "", 1),
        new MasterData.BookLine("A-01-02", "2", "L1", 2),
        new MasterData.BookLine("??", "3", "", 3),
        new MasterData.BookLine("B-01-01", "4", "", -4)));
    List<String> asked = new ArrayList<>();

    Map<String, List<MasterData.BookLine>> zones = m.bookByZone(location -> {
      asked.add(location);
      return location.startsWith("?") ? null : location.substring(0, 1);
    });
    Map<String, List<MasterData.BookLine>> fromList = MasterData.splitByZone(
        new ArrayList<>(m.book()), location -> location.startsWith("?") ? null
            : location.substring(0, 1));

    assertEquals(List.of("B-01-01", "A-01-02", "??"), asked);
    assertEquals(List.of("A", "B"), new ArrayList<>(zones.keySet()));
    assertEquals(List.of(new MasterData.BookLine("A-01-02", "2", "L1", 2)), zones.get("A"));
    assertEquals(List.of(new MasterData.BookLine("B-01-01", "1", "", 1),
        new MasterData.BookLine("B-01-01", "4", "", -4)), zones.get("B"));
    assertTrue(zones.get("B") instanceof BookTable);
    assertEquals(zones, fromList);
  }

  @Test
  void builder_summedBook_addsUpByKey_inFirstSeenOrder() {
    MasterData.Builder b = MasterData.builder();

    b.bookLineSummed("A-1", "1", "", 5);
    b.bookLineSummed("A-2", "1", "", 1);
    b.bookLineSummed("A-1", "1", "L", 2);
    b.bookLineSummed("A-1", "1", "", -7);
    for (int i = 0; i < 100; i++) {
      b.bookLineSummed("Z-" + (i % 40), "S", "", 1);
    }

    List<MasterData.BookLine> book = b.bookList();
    assertEquals(3 + 40, book.size());
    assertEquals(new MasterData.BookLine("A-1", "1", "", -2), book.get(0));
    assertEquals(new MasterData.BookLine("A-2", "1", "", 1), book.get(1));
    assertEquals(new MasterData.BookLine("A-1", "1", "L", 2), book.get(2));
    assertEquals(new MasterData.BookLine("Z-0", "S", "", 3), book.get(3));
    assertEquals(new MasterData.BookLine("Z-39", "S", "", 2), book.get(42));
  }

  @Test
  void builder_laterRowReplaces_andSaysWhatWasThere() {
    MasterData.Builder b = MasterData.builder();

    assertFalse(b.item("1", "first", null, null));
    assertTrue(b.item("1", "second", BigDecimal.ONE, null));
    assertEquals(0, b.uom("1", "CS", 6));
    assertEquals(6, b.uom("1", "CS", 12));
    assertEquals(0, b.uom("2", "CS", 6));
    assertNull(b.barcode("C", "1", "EA"));
    assertEquals("1", b.barcode("C", "2", "CS"));
    assertThrows(IllegalArgumentException.class, () -> b.uom("1", "PL", 0));
    MasterData m = b.build();

    assertEquals(new MasterData.Item("1", "second", BigDecimal.ONE, null), m.items().get("1"));
    assertEquals(12, m.factor("1", "CS"));
    assertEquals(6, m.factor("2", "CS"));
    assertEquals(new MasterData.Barcode("C", "2", "CS"), m.barcodes().get("C"));
    assertEquals(2, m.uomRows().rows());
    assertEquals(List.of(), m.book());
  }

  @Test
  void store_roundTrip_sumsDuplicates_keepsEveryField(@TempDir Path dir) {
    MasterData m = sample();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      long id = store.saveMasterData(m, "book.csv", "h1");

      List<MasterData.BookLine> book = store.transaction("read", c -> MasterWriter.book(c, id));
      Map<String, MasterData.Item> items = store.transaction("read", c -> block(c, "items",
          MasterBlocks::readItems));
      int uomRows = store.transaction("read", c -> block(c, "uom", MasterBlocks::count));
      int codes = store.transaction("read", c -> block(c, "barcodes", MasterBlocks::count));

      assertEquals(List.of(new MasterData.BookLine("A-01-02", "00913", "", 30),
          new MasterData.BookLine("A-01-02", "00913", "0898984", 4),
          new MasterData.BookLine("B-01-01", "0012345", "L\t7", -3)), book);
      assertEquals(m.items(), items);
      assertEquals(HUGE, items.get("BIG").unitCost());
      assertEquals(3, uomRows);
      assertEquals(2, codes);
    }
  }

  @Test
  void wmsStoredBarcodes_oneGtinInTwoFormsForTwoSkus_comesBackWithBothMeaningsNotTheLast(
      @TempDir Path dir) {
    // As a block stored before codes were kept under their GTIN-14 holds them: two forms.
    MasterData delivered = new MasterData(Map.of(), Map.of(), Map.of(
        "5412345000013", new MasterData.Barcode("5412345000013", "00913", "EA"),
        "05412345000013", new MasterData.Barcode("05412345000013", "913", "EA"),
        "15412345000010", new MasterData.Barcode("15412345000010", "00913", "CS")),
        List.of(new MasterData.BookLine("A-01-02", "00913", "", 30)));
    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      ledger.saveImport(delivered, "wms file drop", "h-legacy", "barcodes,book", "A");

      MasterData restored = ledger.withDeliveredMaster(sample());

      // In the block's order (by code as stored: 0541... before 5412...).
      assertEquals(Map.of("05412345000013", List.of(
          new MasterData.Barcode("05412345000013", "913", "EA"),
          new MasterData.Barcode("05412345000013", "00913", "EA"))),
          restored.barcodesWithTwoMeanings());
      assertNull(restored.barcodes().get("05412345000013"), "neither meaning counts");
      assertNull(restored.barcodes().get("5412345000013"));
      assertEquals(List.of("15412345000010"), List.copyOf(restored.barcodes().keySet()));
    }
  }

  @Test
  void wmsStoredBarcodes_codesWithTwoMeaningsKeptThroughTheStore(@TempDir Path dir) {
    MasterData.Builder b = MasterData.builder();
    b.barcode("05412345000013", "00913", "EA");
    b.barcode("INT-7", "A", "EA");
    b.withdrawBarcode("05412345000013", "913", "EA");
    b.withdrawBarcode("05412345000013", "00913", "CS");
    b.bookLine("A-01-02", "00913", "", 30);
    MasterData withConflicts = b.build();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      ledger.saveImport(withConflicts, "wms file drop", "h-conflicts", "barcodes,book", "A");

      MasterData restored = ledger.withDeliveredMaster(sample());

      assertEquals(withConflicts.barcodesWithTwoMeanings(), restored.barcodesWithTwoMeanings());
      assertEquals(3, restored.barcodesWithTwoMeanings().get("05412345000013").size());
      assertEquals(List.of("INT-7"), List.copyOf(restored.barcodes().keySet()));
    }
  }

  @Test
  void wmsStoredBarcodes_unitAsItsRowWroteIt_keptThroughTheStore(@TempDir Path dir) {
    MasterData.Builder b = MasterData.builder();
    b.barcode("15412345000010", "00913", "PL", "PALLET");
    b.barcode("25412345000017", "00913", "PL", "PAL");
    b.barcode("05412345000013", "00913", "EA");
    b.bookLine("A-01-02", "00913", "", 30);
    MasterData delivered = b.build();
    try (Store store = Store.open(StoreSettings.under(dir))) {
      WmsLedger ledger = new WmsLedger(store);
      ledger.saveImport(delivered, "wms file drop", "h-spelled", "barcodes,book", "A");

      MasterData restored = ledger.withDeliveredMaster(sample());

      assertEquals(List.of(new MasterData.Barcode("05412345000013", "00913", "EA", "EA"),
          new MasterData.Barcode("15412345000010", "00913", "PL", "PALLET"),
          new MasterData.Barcode("25412345000017", "00913", "PL", "PAL")),
          List.copyOf(restored.barcodes().values()));
    }
  }

  @Test
  void barcodesBlock_writtenBeforeSpellingsWereStored_readsEachUnitAsItsCode() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(
        new java.util.zip.GZIPOutputStream(bytes))) {
      out.writeInt(1);
      for (String t : List.of("15412345000010", "00913", "PL")) {
        byte[] text = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
      out.writeInt(0); // no code with two meanings, and no section after it
    }

    CodeTable t = MasterBlocks.readBarcodes(MasterBlocks.of(bytes.toByteArray()));

    assertEquals(List.of(new MasterData.Barcode("15412345000010", "00913", "PL", "PL")),
        List.copyOf(t.values()));
  }

  @Test
  void barcodesBlock_writtenBeforeTwoMeaningsWereStored_stillReads() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(
        new java.util.zip.GZIPOutputStream(bytes))) {
      out.writeInt(1);
      for (String t : List.of("INT-7", "A", "EA")) {
        byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
    }

    CodeTable t = MasterBlocks.readBarcodes(MasterBlocks.of(bytes.toByteArray()));

    assertEquals(List.of(new MasterData.Barcode("INT-7", "A", "EA")), List.copyOf(t.values()));
    assertTrue(t.withdrawnCodes().isEmpty());
  }

  private interface BlockReader<T> {
    T read(java.io.InputStream in);
  }

  private static <T> T block(java.sql.Connection c, String kind, BlockReader<T> reader)
      throws java.sql.SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT content FROM master_file WHERE kind = '" + kind + "'")) {
      rs.next();
      return reader.read(rs.getBinaryStream(1));
    }
  }

  @Test
  void textKeys_manyKeys_multibyte_andEmpty() {
    TextKeys keys = new TextKeys(2);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      texts.add(i % 3 == 0 ? "0" + i : i % 3 == 1 ? "Ä-" + i + "-€" : "𝄞" + i);
    }
    texts.add("");

    for (int i = 0; i < texts.size(); i++) {
      assertEquals(i, keys.intern(texts.get(i)));
    }
    keys.trim();

    for (int i = 0; i < texts.size(); i++) {
      assertEquals(i, keys.find(texts.get(i)));
      assertEquals(texts.get(i), keys.get(i));
    }
    assertEquals(-1, keys.find("0"));
    assertEquals(-1, keys.find("000"));
    assertEquals(texts.size(), keys.intern("new after trim"));
    assertEquals("new after trim", keys.get(texts.size()));
  }

  @Test
  void textKeys_droppedIndex_refusesFind_rebuildsOnIntern() {
    TextKeys keys = new TextKeys(4);
    for (int i = 0; i < 1000; i++) {
      keys.intern("L-" + i);
    }

    keys.dropIndex();

    assertEquals("L-999", keys.get(999));
    assertThrows(IllegalStateException.class, () -> keys.find("L-1"));
    assertEquals(500, keys.intern("L-500"));
    assertEquals(1000, keys.intern("L-1000"));
    assertEquals(7, keys.find("L-7"));
  }

  @Test
  void uom_factorsAndUnitsBeyondThePackedRange_keptExact() {
    MasterData.Builder b = MasterData.builder();
    for (int i = 0; i < 70_000; i++) {
      b.uom("S" + i, "U" + i, i + 1);
    }

    assertEquals(0, b.uom("W", "CS", Long.MAX_VALUE));
    assertEquals(0, b.uom("W", "PL", 1L << 48));
    assertEquals(Long.MAX_VALUE, b.uom("W", "CS", 12));
    MasterData m = b.build();

    assertEquals(12, m.factor("W", "CS"));
    assertEquals(1L << 48, m.factor("W", "PL"));
    assertEquals(70_000, m.factor("S69999", "U69999"));
    assertEquals(1, m.factor("S0", "U0"));
    assertEquals(0, m.factor("S0", "U69999"));
    assertEquals(Map.of("U69999", 70_000L), m.uom().get("S69999"));
    assertEquals(70_001, m.uom().size());
  }

  @Test
  void idSort_matchesArraysSort() {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 5, 24, 25, 1000, 50_000}) {
      int[] values = random.ints(n, 0, n / 3 + 1).toArray();
      int[] ids = new int[n];
      Arrays.setAll(ids, i -> i);

      IdSort.sort(ids, (a, b) -> Integer.compare(values[a], values[b]));

      int[] expected = values.clone();
      Arrays.sort(expected);
      assertArrayEquals(expected, Arrays.stream(ids).map(i -> values[i]).toArray());
      for (int i = 1; i < n; i++) {
        if (values[ids[i - 1]] == values[ids[i]]) {
          assertTrue(ids[i - 1] < ids[i], "stable");
        }
      }
    }
  }
}
