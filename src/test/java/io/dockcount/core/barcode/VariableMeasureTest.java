package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variable-measure EAN-13/UPC-A codes read through a site's layouts, and only then. */
final class VariableMeasureTest {
  private static final VariableMeasure SITE = new VariableMeasure(List.of(
      new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.WEIGHT_KG, 3),
      new VariableMeasure.Layout("02", 5, true, VariableMeasure.Value.PRICE, 2),
      new VariableMeasure.Layout("23", 4, true, VariableMeasure.Value.WEIGHT_KG, 3)));
  private final BarcodeDecoder plain = BarcodeDecoder.withSupportedAis(2026);
  private final BarcodeDecoder site = plain.withVariableMeasure(SITE);

  private DecodedBarcode decoded(BarcodeDecoder decoder, String text) {
    BarcodeDecoder.Result r = decoder.decode(text);
    assertTrue(r.ok(), r::error);
    return r.barcode();
  }

  @Test
  void weightLabels_oneItemCodeWithTheirWeights() {
    DecodedBarcode light = decoded(site, "]E02112345007502");
    DecodedBarcode heavy = decoded(site, "2112345012506");

    assertEquals("02112345000008", light.gtin());
    assertEquals("02112345000008", heavy.gtin());
    assertEquals(new BigDecimal("0.750"), light.netWeightKg());
    assertEquals(new BigDecimal("1.250"), heavy.netWeightKg());
    assertEquals("2112345012506", heavy.data());
  }

  @Test
  void upcAPriceLabel_itemCodeAndNoWeight() {
    DecodedBarcode b = decoded(site, "]E0212345203996");

    assertEquals("00212345000007", b.gtin());
    assertNull(b.netWeightKg());
  }

  @Test
  void prefixWithoutALayout_orNoLayoutsAtAll_thePlainGtin() {
    assertEquals("02212345012343", decoded(site, "]E02212345012343").gtin());
    assertEquals("02112345007502", decoded(plain, "]E02112345007502").gtin());
  }

  @Test
  void badCheckDigit_refusedBeforeAnyLayout() {
    assertEquals("bad check digit in GTIN 2112345007503 (expected 2)",
        site.decode("]E02112345007503").error());
  }

  @ParameterizedTest
  @CsvSource({
      // GS1's worked examples in its General Specifications, then values worked by hand.
      "2875, 9", "14685, 6", "0399, 2", "01250, 7", "0000, 0", "00000, 0", "1234, 9",
      "99999, 6",
  })
  void priceCheckDigit_workedExamples(String value, int check) {
    assertEquals(check, VariableMeasure.priceCheckDigit(value));
  }

  @Test
  void priceCheckDigit_everyValue_agreesWithTheRuleWorkedOutByArithmetic() {
    // The rule again, from the digit products rather than from tables: 2- and 5- take the
    // product's tens from its units, 5+ adds them, 3 keeps the units (all modulo 10).
    for (int v = 0; v < 10_000; v++) {
      int[] d = digits(v, 4);
      int sum = minus(2 * d[0]) + minus(2 * d[1]) + 3 * d[2] % 10 + minus(5 * d[3]);
      assertEquals(3 * sum % 10, VariableMeasure.priceCheckDigit(String.format("%04d", v)));
    }
    for (int v = 0; v < 100_000; v++) {
      int[] d = digits(v, 5);
      int sum = plus(5 * d[0]) + minus(2 * d[1]) + minus(5 * d[2]) + plus(5 * d[3])
          + minus(2 * d[4]);
      int c = VariableMeasure.priceCheckDigit(String.format("%05d", v));
      assertEquals((10 - sum % 10) % 10, minus(5 * c), "value " + v);
    }
  }

  private static int[] digits(int value, int length) {
    int[] d = new int[length];
    for (int i = length - 1, v = value; i >= 0; i--, v /= 10) {
      d[i] = v % 10;
    }
    return d;
  }

  private static int minus(int product) {
    return Math.floorMod(product % 10 - product / 10, 10);
  }

  private static int plus(int product) {
    return (product % 10 + product / 10) % 10;
  }

  @ParameterizedTest
  @CsvSource({
      // 4 digits of price (UPC-A 02, 5 item digits): 3.99, 1.99, 28.75
      "]E0212345203996, 00212345000007,",
      "212345001998, 00212345000007,",
      "0212345928752, 00212345000007,",
      // 5 digits of weight (23, 4 item digits): 14.685 kg, 1.250 kg, 99.999 kg
      "]E02312346146853, 02312340000007, 14.685",
      "2312347012508, 02312340000007, 1.250",
      "2312346999992, 02312340000007, 99.999",
  })
  void priceCheckDigitRight_readAsTheItemsCode(String scan, String item, BigDecimal weight) {
    DecodedBarcode b = decoded(site, scan);

    assertEquals(item, b.gtin());
    assertEquals(weight, b.netWeightKg());
  }

  @ParameterizedTest
  @CsvSource({
      "]E0212345303993, 212345303993, 02 (price), 0399, 2, 3",
      "212345101995, 212345101995, 02 (price), 0199, 0, 1",
      // 3.89 printed where 3.99 was priced: the code's own check digit holds, this one not.
      "0212345203897, 0212345203897, 02 (price), 0389, 3, 2",
      "]E02312347146852, 2312347146852, 23 (weight-kg), 14685, 6, 7",
      "2312346156852, 2312346156852, 23 (weight-kg), 15685, 8, 6",
      "2312346012509, 2312346012509, 23 (weight-kg), 01250, 7, 6",
  })
  void priceCheckDigitWrong_refusedNamingCodeExpectedAndFound(String scan, String code,
      String layout, String value, int expected, int found) {
    BarcodeDecoder.Result r = site.decode(scan);

    assertFalse(r.ok());
    assertTrue(r.error().startsWith("bad price check digit in variable-measure code " + code
        + " (variable-measure layout for prefix " + layout + ", value digits " + value
        + "): expected " + expected + ", found " + found
        + ". A misprint or a misread, never counted: scan it again, or key the item"),
        r::error);
    // Without the layout the same digits are the plain GTIN they look like.
    assertTrue(plain.decode(scan).ok());
  }

  @Test
  void priceCheckDigitOverAValueOfAnotherLength_refusedNamingTheLayout() {
    assertEquals("prefix 22: a price check digit over 3 value digits (item-digits 6) is not"
        + " defined: GS1 defines one over a 4- or 5-digit price or weight only (item-digits 5"
        + " or 4)", assertThrows(IllegalArgumentException.class, () -> new VariableMeasure.Layout(
            "22", 6, true, VariableMeasure.Value.PRICE, 2)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VariableMeasure.Layout("22", 3, true,
        VariableMeasure.Value.WEIGHT_KG, 3));
    assertThrows(IllegalArgumentException.class,
        () -> VariableMeasure.priceCheckDigit("123"));
  }

  @Test
  void layoutsThatCannotBe_refusedNamingWhy() {
    assertEquals("prefix must be 20-29 (EAN-13) or 02 (UPC-A number system 2), was 30",
        assertThrows(IllegalArgumentException.class, () -> new VariableMeasure.Layout("30", 5,
            false, VariableMeasure.Value.PRICE, 2)).getMessage());
    assertEquals("prefix 21: item-digits 10 leave no value digits in 13",
        assertThrows(IllegalArgumentException.class, () -> new VariableMeasure.Layout("21", 10,
            false, VariableMeasure.Value.PRICE, 2)).getMessage());
    assertEquals("prefix 21: decimals 6 outside 0-5 (the value has 5 digits)",
        assertThrows(IllegalArgumentException.class, () -> new VariableMeasure.Layout("21", 5,
            false, VariableMeasure.Value.WEIGHT_KG, 6)).getMessage());
    VariableMeasure.Layout l =
        new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.PRICE, 2);
    assertEquals("two layouts for prefix 21", assertThrows(IllegalArgumentException.class,
        () -> new VariableMeasure(List.of(l, l))).getMessage());
  }

  @Test
  void rowInAWeightUnder_aLayout_refusedNamingBarcodeLayoutUnitAndWhatToList() {
    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader("barcode,sku,uom\n"
        + "2112345000008,00913,KG\n0212345000007,00914,lb\n2212345012343,00915,KG\n"), SITE);

    assertEquals(List.of(2L, 3L), loaded.errors().stream().map(BarcodeTable.LoadError::line)
        .toList());
    assertEquals("barcode 2112345000008 (SKU 00913) is read through the variable-measure layout"
        + " for prefix 21 (weight-kg), so each scan is one package whatever it weighs, but its"
        + " unit KG is a weight or measure: every package would count as 1 KG (counts are whole"
        + " packages; catch weight is not counted). List the item's package unit instead (EA,"
        + " or the pack it comes in)", loaded.errors().get(0).message());
    assertTrue(loaded.errors().get(1).message().contains("variable-measure layout for prefix 02"
        + " (price)"), loaded.errors().get(1)::message);
    // Prefix 22 has no layout: its code is a plain GTIN, whatever its unit.
    assertEquals("KG", loaded.table().find("2212345012343").unit());

    BarcodeTable.Resolution r = loaded.table().resolve(decoded(site, "]E02112345007502"));
    assertTrue(r.held(), r::toString);
    assertEquals(0, r.quantity());
    assertEquals(loaded.errors().get(0).message(), r.error());
  }

  @Test
  void tableBuiltWithoutTheLayouts_scanReadThroughOne_heldNeverCountedAs1Kg() {
    BarcodeTable table = BarcodeTable.read(new StringReader(
        "barcode,sku,uom\n2112345000008,00913,kgs\n")).table();

    BarcodeTable.Resolution viaLayout = table.resolve(decoded(site, "2112345012506"));
    BarcodeTable.Resolution exact = table.resolve(decoded(plain, "2112345000008"));

    assertTrue(viaLayout.held(), viaLayout::toString);
    assertTrue(viaLayout.error().contains("its unit KGS is a weight or measure"),
        viaLayout::error);
    assertEquals("00913", viaLayout.sku());
    // Without a layout the code is a plain GTIN listed as written: no package is assumed.
    assertTrue(exact.ok(), exact::toString);
  }

  @Test
  void rowInAPackageUnit_underALayout_kept() {
    BarcodeTable.Loaded loaded = BarcodeTable.read(new StringReader(
        "barcode,sku,uom\n2112345000008,00913,EA\n0212345000007,00914,CS\n"), SITE);

    assertEquals(List.of(), loaded.errors());
    assertFalse(loaded.table().resolve(decoded(site, "]E0212345203996")).held());
  }
}
