package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UnitCodeTest {
  @ParameterizedTest
  @CsvSource({"EACH,EA", "each,EA", "' ea ',EA", "Units,EA", "PCS,EA", "CASE,CS", "c s,CS",
      "Cs,CS", "cases,CS", "PALLET,PL", "Plt,PL", "box,BX", "Bottle,BTL", "dozen,DZ",
      "DZ.,DZ", "Pack of 6,PACKOF6", "pack  of 6,PACKOF6"})
  void canonical_aliasOrSpelling_foldsToOneCode(String raw, String expected) {
    String code = UnitCode.canonical(raw);

    assertEquals(expected, code);
  }

  @Test
  void canonical_blank_isEmpty() {
    String code = UnitCode.canonical("  ");

    assertEquals("", code);
  }

  @Test
  void isEach_eachSynonymsOnly_true() {
    assertTrue(UnitCode.isEach("Each"));
    assertTrue(UnitCode.isEach("units"));
    assertFalse(UnitCode.isEach("CS"));
    assertFalse(UnitCode.isEach("DZ"));
  }
}
