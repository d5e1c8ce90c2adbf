package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DecimalReaderTest {
  private final DecimalReader reader = new DecimalReader();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "12|12", "-30|-30", "0.5|0.5", "2.50|2.50", "0.0692|0.0692", "+7|7", "' 12 '|12",
      "-0|0", "1.000000000|1.000000000",
      // Fixed-decimal exports pad past 9 decimals with zeros, which lose nothing.
      "1.5000000000|1.500000000", "0.12345678900000|0.123456789", "12.0000000000000|12.000000000",
      // ...however many: a fixed-decimal export's zeros are no significant digits.
      "12.0000000000000000000|12.000000000", "123456789.123456789000000|123456789.123456789"})
  void read_plainDecimal_keepsExactValueAndScale(String text, String expected) {
    boolean ok = reader.read(text);

    assertTrue(ok, () -> text + ": " + reader.error());
    assertEquals(new BigDecimal(expected), reader.toBigDecimal());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "12|12", "2,5|2.5", "24,000|24.000", "1,50|1.50", "-3,25|-3.25", ",5|0.5",
      "1.234,5|1234.5", "12.500|12500", "1.000|1000", "1.234.567,891|1234567.891",
      "999.999|999999", "0,125|0.125", "' 1.200,00 '|1200.00"})
  void read_declaredDecimalComma_commaIsThePointAndDotsGroupThousands(String text,
      String expected) {
    reader.decimalComma(true);

    boolean ok = reader.read(text);

    assertTrue(ok, () -> text + ": " + reader.error());
    assertEquals(new BigDecimal(expected), reader.toBigDecimal());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2.5|does not group thousands", "1.2345|does not group thousands",
      "1234.567|does not group thousands", "1.23,5|does not group thousands",
      "0.500|does not group thousands", ".500|does not group thousands",
      "1,2,3|two decimal commas", "1,5.0|a dot after one", "1e3|scientific notation",
      "1.234.56|does not group thousands"})
  void read_declaredDecimalComma_aDotThatCannotGroup_failsWithReason(String text,
      String reasonPart) {
    reader.decimalComma(true);

    boolean ok = reader.read(text);

    assertFalse(ok, text);
    assertTrue(reader.error().contains(reasonPart), () -> text + ": " + reader.error());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|blank", "'   '|blank", "1e3|scientific notation", "2E-1|scientific notation",
      "1,5|comma", "1,000|comma", "1.0000000001|more than 9 decimals",
      "1234567890123456789|too many digits", "1.2.3|two decimal points", "-|not a number",
      "12 EA|not a number: text after it ('12 EA'?)", "١٢|not a number",
      "12.0000000000000000001|too many digits (more than 18)", "$2.50|a currency sign",
      "2.50 USD|not a number: text after it", "€2,50|a currency sign",
      "'2.50 €'|a currency sign", "2.50£|a currency sign", "(5)|in parentheses",
      "2%|a percent sign", "#N/A|a spreadsheet's error value", "#VALUE!|a formula that failed",
      "5-|a sign after the number", "1/2|a fraction (1/2)", "1 1/2|not a number",
      "12+|write it first (-5)", "1-2|not a number", "1 200|thousands grouped",
      "1'200|thousands grouped", "12 5|not a number", "1 2000|not a number"})
  void read_notAPlainDecimal_failsWithReason(String text, String reasonPart) {
    boolean ok = reader.read(text);

    assertFalse(ok, text);
    assertTrue(reader.error().contains(reasonPart), () -> text + " gave: " + reader.error());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // A number sign before a figure is no failed formula; a date is no fraction.
      "#5|not a number|error value", "#12.50|not a number|error value",
      "#N/A5|not a number|error value",
      "12/31/2024|a date|a fraction", "1/2/2026|a date|a fraction", "3/4x|not a number|a fraction"})
  void read_hashOrSlashThatIsNoErrorValueOrFraction_notNamedSo(String text, String reasonPart,
      String wrongReason) {
    boolean ok = reader.read(text);

    assertFalse(ok, text);
    assertTrue(reader.error().contains(reasonPart), () -> text + " gave: " + reader.error());
    assertFalse(reader.error().contains(wrongReason), () -> text + " gave: " + reader.error());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"1.000|false", "12.500|false", "-123.456|false",
      "1.5|true", "1.0000|true", "0.500|true", "1234.567|true", "1000|true", "0.000|true"})
  void read_dotAndThreeDigitsWhereADotMayGroupThousands_refusedAsAmbiguous(String text,
      boolean read) {
    reader.groupingAmbiguous(true);

    assertEquals(read, reader.read(text), () -> text + ": " + reader.error());
    if (!read) {
      assertTrue(reader.error().contains("ambiguous"), reader.error());
    }
    reader.groupingAmbiguous(false);
    assertTrue(reader.read(text), "read as a decimal where a dot is only a decimal point");
  }

  @Test
  void read_noBreakSpaceOrTabAroundNumber_readAsSpreadsheetsWriteIt() {
    byte[] b = "\u00a012\u00a0\t".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertTrue(reader.read(b, 0, b.length), reader::error);
    assertEquals(12, reader.wholeValue());
    byte[] inside = "1\u00a0000".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(reader.read(inside, 0, inside.length), "a no-break space as thousands separator");
  }

  @ParameterizedTest
  @CsvSource({"1\u00a0200", "1\u202f200,50", "12\u00a0345\u00a0678"})
  void read_thousandsGroupedByANoBreakSpace_refusedSayingSo(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

    boolean ok = reader.read(utf8, 0, utf8.length);

    assertFalse(ok, text);
    assertTrue(reader.error().contains("thousands grouped"), reader::error);
  }

  /**
   * The service reads its start-up files and file drops through {@code read(CharSequence)},
   * reconcile through the bytes: under a declared decimal comma both must take and refuse the
   * same fields, a spreadsheet's trailing no-break space included.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"1.000|1000", "1.000,5|1000.5", "2,50|2.50", "0,5|0.5",
      "1,000|1.000", "-1.000|-1000", "' 2,5 '|2.5", "2.5|", "1.234.567,89|1234567.89", "''|",
      "2,5\u00a0|2.5", "\u202f1.200,00|1200.00", "1\u00a0200,5|", "12 EA|"})
  void read_declaredDecimalComma_textAndItsBytes_takeAndRefuseAlike(String escaped,
      String expected) {
    String text = escaped.replace("\\u00a0", "\u00a0").replace("\\u202f", "\u202f");
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    DecimalReader bytes = new DecimalReader();
    bytes.decimalComma(true);
    reader.decimalComma(true);

    boolean fromBytes = bytes.read(utf8, 0, utf8.length);
    boolean fromText = reader.read(text);

    assertEquals(expected != null, fromBytes, () -> text + ": " + bytes.error());
    assertEquals(fromBytes, fromText, () -> text + ": " + reader.error());
    if (fromText) {
      assertEquals(new BigDecimal(expected), reader.toBigDecimal(), text);
      assertEquals(bytes.toBigDecimal(), reader.toBigDecimal(), text);
    } else {
      assertEquals(bytes.error(), reader.error(), text);
    }
  }

  @Test
  void read_declaredBySetting_refusalNamesThatSetting() {
    reader.decimalComma(true, "dockcount.reconcile.decimal-comma = true");

    assertFalse(reader.read("2.5"));
    assertTrue(reader.error().endsWith("(dockcount.reconcile.decimal-comma = true)"),
        reader::error);
    assertFalse(reader.read("1,5,0"));
    assertTrue(reader.error().endsWith("(dockcount.reconcile.decimal-comma = true)"),
        reader::error);
    reader.decimalComma(true);
    assertFalse(reader.read("2.5"));
    assertTrue(reader.error().endsWith("(--decimal-comma)"), "reconcile's flag: " + reader.error());
  }

  @Test
  void read_negativeZero_isZeroNotNegative() {
    reader.read("-0");

    assertEquals(0, reader.toBigDecimal().signum());
    assertEquals(0, reader.wholeValue());
  }

  @Test
  void read_afterFailure_nextSuccessClearsError() {
    reader.read("1e3");

    reader.read("4");

    assertEquals(null, reader.error());
    assertEquals(4, reader.wholeValue());
  }

  @ParameterizedTest
  @CsvSource({"0.5,12,6", "19,100,1900", "1.25,6,Long.MIN", "0.5,5,Long.MIN", "2.0,1,2",
      "0.5,1,Long.MIN"})
  void timesExact_countTimesFactor_isWholeOrRefused(String count, long factor, String expected) {
    reader.read(count);

    long eaches = reader.timesExact(factor);

    long want = expected.equals("Long.MIN") ? Long.MIN_VALUE : Long.parseLong(expected);
    assertEquals(want, eaches, count + " x " + factor);
  }
}
