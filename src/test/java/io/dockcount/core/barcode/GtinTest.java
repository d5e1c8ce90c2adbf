package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class GtinTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "036000291452, 00036000291452", // UPC-A
      "55123457, 00000055123457", // EAN-8
      "5412345000013, 05412345000013", // EAN-13
      "0012345678905, 00012345678905", // UPC-A written as EAN-13
      "15412345000010, 15412345000010", // GTIN-14 of a case
  })
  void toGtin14_everyGtinForm_padsToFourteenDigits(String in, String expected) {
    assertNull(Gtin.problem(in));
    assertEquals(expected, Gtin.toGtin14(in));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "04252614, 042100005264", // last digit 0-2: manufacturer digits, then the item's
      "01234531, 012300000451", // 3
      "01234543, 012340000053", // 4
      "01234558, 012345000058", // 5-9
      "11234555, 112345000055", // number system 1
  })
  void upcAOfUpcE_expandsByItsLastDataDigit(String upcE, String upcA) {
    assertEquals(upcA, Gtin.upcAOfUpcE(upcE));
    assertNull(Gtin.problem(upcA));
  }

  @Test
  void upcAOfUpcE_numberSystemOtherThanZeroOrOne_isNoUpcE() {
    assertNull(Gtin.upcAOfUpcE("24252614"));
    assertNull(Gtin.upcAOfUpcE("0425261"));
  }

  @Test
  void checkDigit_ssccExample_isValid() {
    assertTrue(Gtin.hasValidCheckDigit("005412345000000015"));
    assertFalse(Gtin.hasValidCheckDigit("005412345000000016"));
    assertEquals(5, Gtin.checkDigit("00541234500000001", 17));
  }

  @ParameterizedTest
  @CsvSource({"5412345000014, bad check digit", "541234500001, bad check digit",
      "55123458, bad check digit", "54123450000130, bad check digit",
      "12345, 5 digits", "54123A5000013, non-digit"})
  void problem_invalidGtin_namesTheFault(String in, String fault) {
    String problem = Gtin.problem(in);
    assertTrue(problem != null && problem.contains(fault), problem);
    assertThrows(IllegalArgumentException.class, () -> Gtin.toGtin14(in));
  }
}
