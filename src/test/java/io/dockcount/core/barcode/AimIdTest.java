package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AimIdTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "]C10105412345000013, ]C1, 0105412345000013, true, GS1-128",
      "]C0ABC-1, ]C0, ABC-1, false, Code 128",
      "]E05412345000013, ]E0, 5412345000013, false, EAN/UPC",
      "]E455123457, ]E4, 55123457, false, EAN-8",
      "]e0010001234567890510ABC123, ]e0, 010001234567890510ABC123, true, GS1 DataBar",
      "]d20105412345000013, ]d2, 0105412345000013, true, GS1 DataMatrix",
      "]Q30105412345000013, ]Q3, 0105412345000013, true, GS1 QR Code",
      "]Q1hello, ]Q1, hello, false, QR Code",
      "]A0LOC:A-01-02, ]A0, LOC:A-01-02, false, Code 39",
      "]I114123456789012, ]I1, 14123456789012, false, Interleaved 2 of 5",
  })
  void split_knownIdentifier_keepsSymbologyAndData(String text, String id, String data,
      boolean gs1, String name) {
    AimId aim = AimId.split(text);

    assertEquals(id, aim.id());
    assertEquals(data, aim.data());
    assertEquals(gs1, aim.isGs1());
    assertEquals(name, aim.symbologyName());
  }

  @Test
  void split_noIdentifier_keepsWholeText() {
    AimId aim = AimId.split("012345678905");

    assertFalse(aim.present());
    assertEquals("012345678905", aim.data());
  }

  @ParameterizedTest
  @CsvSource({"]", "]C", "]Y1abc", "]C-123"})
  void split_malformedIdentifier_returnsNull(String text) {
    assertNull(AimId.split(text));
  }

  @Test
  void isEanUpc_eModifiers_true() {
    assertTrue(AimId.split("]E3123").isEanUpc());
    assertFalse(AimId.split("]e0123").isEanUpc());
  }
}
