package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which ways of writing a key {@link KeyText} takes for one key, and which it tells apart. */
final class KeyTextTest {
  @Test
  void isSpreadsheetError_errorValuesInAnyCaseAndLanguage_trueKeysWithAHashFalse() {
    for (String error : new String[] {"#N/A", "#n/a", " #REF! ", "#WERT!", "#¡VALOR!", "#NV"}) {
      byte[] b = error.getBytes(StandardCharsets.UTF_8);
      assertTrue(KeyText.isSpreadsheetError(b, 0, b.length), error);
    }
    for (String key : new String[] {"#12", "#N/A-1", "N/A", "A#REF!", "", "#"}) {
      byte[] b = key.getBytes(StandardCharsets.UTF_8);
      assertFalse(KeyText.isSpreadsheetError(b, 0, b.length), key);
    }
  }

  @Test
  void isSpreadsheetError_keysStartingWithAHash_allocateNothing() {
    // A site whose bins are #A-01-02 asks this of every row of a million-row run.
    byte[] b = "#A-01-02".getBytes(StandardCharsets.UTF_8);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    boolean any = false;
    for (int n = 0; n < 20_000; n++) {
      any |= KeyText.isSpreadsheetError(b, 0, b.length); // compiled before it is measured
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int n = 0; n < 100_000; n++) {
      any |= KeyText.isSpreadsheetError(b, 0, b.length);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertFalse(any);
    assertTrue(allocated < 100_000, allocated + " bytes allocated for 100000 keys");
  }

  @Test
  void oneKey_sameDigitsWrittenAnotherWay_true() {
    String[][] same = {{"A-01-03", "A-1-3"}, {"A-01-04", "a-01-04"}, {"00Z", "Z"},
        {"RM1-RACK1-SHELF1", "RM01-RACK01-SHELF01"}, {"A.01.03", "A.1.3"}, {"A01-03", "A1-3"},
        {"00913", "913.0"}, {"0898984", "898984.0"}, {"1234567890123", "1.23457E+12"},
        {"1.23457E+12", "01234567890123"}, {"=\"0012\"", "12"}, {"0101", "101"},
        {"A-0B", "A-B"}, {"1234567890123.00", "1.23457E+12"}, {"01.5", "1.5"}};
    for (String[] k : same) {
      assertTrue(KeyText.oneKey(k[0], k[1]), k[0] + " / " + k[1]);
      assertTrue(KeyText.oneKey(k[1], k[0]), k[1] + " / " + k[0]);
    }
  }

  @Test
  void oneKey_differentNumbers_false() {
    String[][] different = {{"A-01-03", "A-1-30"}, {"A-01-03", "A-10-3"}, {"1.05", "1.5"},
        {"0.05", "0.5"}, {"913.5", "913"}, {"A-1.0", "A-1"}, {"RM10", "RM1"}, {"L10", "L1"},
        {"RM00A", "RMA"}, {"1234599990123", "1.23457E+12"}, {"B-7", "B-70"}, {"100", "1"},
        {"A-1.05", "A-1.5"}, {"1.0.1", "1.1"}};
    for (String[] k : different) {
      assertFalse(KeyText.oneKey(k[0], k[1]), k[0] + " / " + k[1]);
      assertFalse(KeyText.oneKey(k[1], k[0]), k[1] + " / " + k[0]);
    }
  }

  @Test
  void spellAscii_anyPlainCode_sameAsSpelling() {
    String[] keys = {"A-01-03", " a-01-04\t", "=\"0012\"", "= \"0012\"", "00Z", "RM01 RACK01",
        "913.0", "0.0", "00", "0", "", "1.05", "01.05", "A.01.03", "1.2.3", "1.23457E+12",
        "A-1.0", "X\u001f1", "=\"\"", "007.000", "ABC-0-D"};
    StringBuilder scratch = new StringBuilder();
    StringBuilder out = new StringBuilder();
    for (String key : keys) {
      byte[] bytes = ("#" + key + "#").getBytes(StandardCharsets.US_ASCII);

      KeyText.spellAscii(bytes, 1, bytes.length - 2, scratch, out);

      assertEquals(KeyText.spelling(key), out.toString(), key);
    }
  }

  @Test
  void spelling_numbersWithoutPadding_lowerCase() {
    assertEquals("a-1-3", KeyText.spelling("A-01-03"));
    assertEquals("rm1-rack1-shelf1", KeyText.spelling("RM01-RACK01-SHELF01"));
    assertEquals("913", KeyText.spelling("00913.0"));
    assertEquals("0", KeyText.spelling("000"));
    assertEquals("1.05", KeyText.spelling("1.05"));
    assertEquals("a-1.0", KeyText.spelling("A-1.0"));
  }
  @Test
  void oneKey_decimalCommaSpellings_sameAsWithAPoint() {
    // A decimal-comma locale's spreadsheet writes 913,0 and 1,23457E+12 where others write
    // 913.0 and 1.23457E+12.
    String[][] same = {{"00913", "913,0"}, {"0898984", "898984,00"},
        {"1234567890123", "1,23457E+12"}, {"1,23457E+12", "01234567890123"},
        {"1234567890123,00", "1,23457E+12"}, {"1234567890123,0", "1.23457E+12"}};
    for (String[] k : same) {
      assertTrue(KeyText.oneKey(k[0], k[1]), k[0] + " / " + k[1]);
      assertTrue(KeyText.oneKey(k[1], k[0]), k[1] + " / " + k[0]);
    }
    String[][] different = {{"1,05", "1,5"}, {"913,5", "913"}, {"1234599990123", "1,23457E+12"},
        {"A-1,0", "A-1"}, {"1,0,1", "1,1"}};
    for (String[] k : different) {
      assertFalse(KeyText.oneKey(k[0], k[1]), k[0] + " / " + k[1]);
      assertFalse(KeyText.oneKey(k[1], k[0]), k[1] + " / " + k[0]);
    }
    assertTrue(KeyText.looksScientific("1,23457E+12"));
  }

  @Test
  void spellAscii_decimalCommaCodes_sameAsSpelling() {
    StringBuilder scratch = new StringBuilder();
    StringBuilder out = new StringBuilder();
    for (String key : new String[] {"913,0", "00913,00", "1,05", "1,23457E+12", "A,01,03"}) {
      byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);

      KeyText.spellAscii(bytes, 0, bytes.length, scratch, out);

      assertEquals(KeyText.spelling(key), out.toString(), key);
    }
    assertEquals("913", KeyText.spelling("913,0"));
  }

  @Test
  void oneKey_spacesThatPartNumbersOrShortExponents_notOneKey() {
    // Spaces between digits part two numbers; only numbers of 12 digits or more are shortened.
    for (String[] pair : new String[][] {{"R 1 12", "R 11 2"}, {"A 1 10", "A 11 0"},
        {"12 34", "1 234"}, {"1E3", "1000"}, {"1.3E3", "1300"}, {"1E5", "100000"}}) {
      assertFalse(KeyText.oneKey(pair[0], pair[1]), pair[0] + " / " + pair[1]);
    }
    assertTrue(KeyText.oneKey("R 01 12", "r 1 12"));
    assertTrue(KeyText.oneKey("1.23457E+12", "1234567890123"));
  }

  @Test
  void spellAscii_digitsPartedBySpaces_sameAsSpelling() {
    StringBuilder scratch = new StringBuilder();
    StringBuilder out = new StringBuilder();
    for (String key : new String[] {"R 1 12", " A  01 - 3 ", "12 34", "A 01", "1 2 3"}) {
      byte[] b = key.getBytes(StandardCharsets.US_ASCII);
      KeyText.spellAscii(b, 0, b.length, scratch, out);
      assertEquals(KeyText.spelling(key), out.toString(), key);
    }
  }
}
