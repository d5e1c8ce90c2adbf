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

/** Variable-measure EAN-13/UPC-A codes read through a site's layouts, and only then. */
final class VariableMeasureTest {
  private static final VariableMeasure SITE = new VariableMeasure(List.of(
      new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.WEIGHT_KG, 3),
      new VariableMeasure.Layout("02", 5, true, VariableMeasure.Value.PRICE, 2)));
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
    DecodedBarcode b = decoded(site, "]E0212345703991");

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
    assertFalse(loaded.table().resolve(decoded(site, "]E0212345703991")).held());
  }
}
