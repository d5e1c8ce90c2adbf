package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UnitCodeTest {
  @ParameterizedTest
  @CsvSource({"EACH,EA", "each,EA", "' ea ',EA", "Units,EA", "PCS,EA", "CASE,CS", "c s,CS",
      "Cs,CS", "cases,CS", "PALLET,PL", "Plt,PL", "box,BX", "Bottle,BTL", "dozen,DZ",
      "DZ.,DZ", "Pack of 6,PACKOF6", "pack  of 6,PACKOF6", "CTN,CT", "Carton,CT", "cartons,CT"})
  void canonical_aliasOrSpelling_foldsToOneCode(String raw, String expected) {
    String code = UnitCode.canonical(raw);

    assertEquals(expected, code);
  }

  @Test
  void canonical_blank_isEmpty() {
    String code = UnitCode.canonical("  ");

    assertEquals("", code);
  }

  @ParameterizedTest
  @CsvSource({"Each,true", "units,true", "' ea ',true", "CS,false", "DZ,false",
      "Pack of 6,false"})
  void isEach_eachSynonymsOnly_true(String raw, boolean expected) {
    boolean each = UnitCode.isEach(raw);

    assertEquals(expected, each, raw);
  }
}
