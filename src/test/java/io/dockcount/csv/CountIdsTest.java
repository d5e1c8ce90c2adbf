package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class CountIdsTest {
  private static long key(String id) {
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    return CountIds.keyOf(b, 0, b.length);
  }

  private static CountIds of(String... ids) {
    CountIds c = new CountIds();
    for (String id : ids) {
      byte[] b = id.getBytes(StandardCharsets.UTF_8);
      c.add(b, 0, b.length);
    }
    return c;
  }

  private static long[] repeated(String... ids) {
    long[] keys = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = key(ids[i]);
    }
    return CountIds.repeatedKeys(keys, keys.length);
  }

  @Test
  void key_numericIdWithAZeroFraction_isTheWholeNumbersKey() {
    assertEquals(key("7"), key("7.0"));
    assertEquals(key("7"), key("0007.00"));
    assertNotEquals(key("7"), key("7.5"));
    assertNotEquals(key("7"), key("7."));
    assertNotEquals(key("7"), key("A7.0"));
    assertEquals("7", CountIds.canonical("0007.0"));
    assertEquals("7.", CountIds.canonical("7."));
  }

  @Test
  void rising_numericIdWithoutItsZerosAfterItself_notRising() {
    assertFalse(CountIds.allRising(of("7", "0007")));
    assertTrue(CountIds.allRising(of("0007", "0008", "9", "10")));
  }

  @Test
  void keyOf_shortIdsExactLongIdsHashedBlankZero() {
    assertTrue(CountIds.exact(key("C00000001")));
    assertEquals(key("007"), key("7"), "a number's leading zeros are not: spreadsheets drop them");
    assertNotEquals(key("0A7"), key("A7"), "other ids' are");
    assertEquals(key("C1"), key(" C1 "), "surrounding spaces are not");
    assertFalse(CountIds.exact(key("3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a11")));
    assertNotEquals(key("3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a11"),
        key("3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a12"));
    assertEquals(0, key(""));
    assertEquals(0, key("   "));
  }

  @Test
  void allRising_risingIdsInRisingParts_blanksIgnored() {
    assertTrue(CountIds.allRising(of("C01", "C02", ""), of("", "C03")));
    assertTrue(CountIds.allRising(of("C9", "C10", "C11"), of(), of("C100")));
    assertFalse(CountIds.allRising(of("C9", " C9 ")), "spaces around an id do not count");
  }

  @Test
  void allRising_secondPartStartsAtFirstsEnd_notRising() {
    assertFalse(CountIds.allRising(of("C01", "C02"), of("C02", "C03")));
    assertFalse(CountIds.allRising(of("C02", "C01")));
  }

  @Test
  void repeatedKeys_shuffledIds_eachRepeatedKeyOnceBlanksIgnored() {
    long[] want = {key("A"), key("B")};
    java.util.Arrays.sort(want);
    assertArrayEquals(want, repeated("B", "A", "", "B", "", "A", "B", "Z"));
    assertArrayEquals(new long[0], repeated("B", "A", "", ""));
  }

  private static boolean scientific(String id) {
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    return CountIds.scientific(b, 0, b.length);
  }

  @Test
  void scientific_idsASpreadsheetOrScriptShortened_toldFromCodesWithAnE() {
    for (String id : new String[] {"1.73342E+12", " 1.73342E+12 ", "1E+12", "1.7E12",
        "1.73342e+12", "1,73342E+12", "9.99E+11"}) {
      assertTrue(scientific(id), id);
    }
    // Codes with an E that no spreadsheet makes of a long id: a negative or small exponent.
    for (String id : new String[] {"1733420000000", "C0000001", "12E4", "E+12", "1.5E",
        "1.5E+", "ABE+12", "", "7.0", "CNT-1E+2X", "-1.5E-3", "2.5E+03", "3E-12", "4E-0012",
        "7E-1", "1.2E3", "10.5E2", "1.5E+10"}) {
      assertFalse(scientific(id), id);
    }
  }
}
