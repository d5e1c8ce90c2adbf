package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  @ParameterizedTest
  @CsvSource({"ST,EA", "Stk,EA", "Stück,EA", "STUECK,EA", "Stu\u0308ck,EA", "stuk,EA",
      "PCE,EA", "pièce,EA", "Pie\u0300ces,EA", "C62,EA", "H87,EA", "UN,EA", "Und.,EA",
      "unidades,EA", "pieza,EA", "PZ,EA", "pezzi,EA", "KAR,CT", "Karton,CT", "Palette,PL",
      "Paletten,PL", "palettes,PL", "CJ,CJ", "Caja,CJ", "cajas,CJ", "Unité,EA", "unites,EA",
      "Unità,EA"})
  void canonical_otherLanguagesUnits_foldToTheirCodeACaseOrBoxWordToItsOwn(String raw,
      String expected) {
    String code = UnitCode.canonical(raw);

    assertEquals(expected, code, raw);
  }

  @ParameterizedTest
  @CsvSource({"CAR,CT", "car.,CT", "CTNS,CT", "XCT,CT", "XCS,CS", "XBX,BX", "XPX,PL"})
  void canonical_sapEnglishCartonAndUnEceRec20PackageCodes_foldToTheirUnit(String raw,
      String expected) {
    String code = UnitCode.canonical(raw);

    assertEquals(expected, code, raw);
  }

  @ParameterizedTest
  @CsvSource({"CART,CART", "Carts,CARTS", "BOX,BX", "CAS,CAS", "CAN,CAN"})
  void canonical_spellingOfTwoUnits_staysItsOwnNeitherCartonNorCase(String raw,
      String expected) {
    String code = UnitCode.canonical(raw);

    assertEquals(expected, code, raw);
  }

  @ParameterizedTest
  @CsvSource({"ST,STÜCK", "Stk,STÜCK", "Stu\u0308ck,STÜCK", "PCE,PIECE", "pièces,PIECE",
      "UN,UNIDAD", "Unidades,UNIDAD", "Unité,UNIT", "CS,CS"})
  void eachWord_otherLanguagesForms_oneWordEach(String raw, String expected) {
    String word = UnitCode.eachWord(UnitCode.squeezed(raw));

    assertEquals(expected, word, raw);
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

  @Test
  void isMeasure_weightsVolumesLengths_notPackagesNorSpellingsOfTwoUnits() {
    for (String unit : List.of("KG", "kg", "Kgs", "KGM", "g", "LB", "lbs", "oz", "L", "ml",
        "LTR", "M", "mtr", "m2", "M3", "gal")) {
      assertTrue(UnitCode.isMeasure(unit), unit);
    }
    for (String unit : List.of("EA", "PC", "CS", "PK", "BX", "PL", "BTL", "T", "IN", "GR",
        "PT", "")) {
      assertFalse(UnitCode.isMeasure(unit), unit);
    }
  }

  @Test
  void isFigure_quantitiesWithOrWithoutTheirUnit_yes_unitsAndCodes_no() {
    for (String figure : List.of("12", " 1,200.5", "-3", "12 EA", "2 CS")) {
      assertTrue(UnitCode.isFigure(figure), figure);
    }
    for (String word : List.of("Case", " Each", "6PK", "CTN24", "n/a")) {
      assertFalse(UnitCode.isFigure(word), word);
    }
  }
}
