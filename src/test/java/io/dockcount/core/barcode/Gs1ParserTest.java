package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class Gs1ParserTest {
  private static final Path DICTIONARY = Path.of("../shared/data/gs1-syntax-dictionary.txt");
  private static final String GS = "\u001d";

  private final Gs1Parser parser = new Gs1Parser(Gs1AiTable.supported(), 2026);

  @Test
  void shippedTable_everyEntry_isTheDictionaryEntry() throws IOException {
    assumeTrue(Files.isReadable(DICTIONARY),
        "GS1 syntax dictionary not found at " + DICTIONARY.toAbsolutePath() + "; skipped");
    Map<String, Gs1Ai> dictionary = readSupportedSubset(Files.readAllLines(DICTIONARY,
        StandardCharsets.UTF_8));

    Map<String, Gs1Ai> shipped = Gs1AiTable.supported().all();

    assertFalse(shipped.isEmpty());
    for (Gs1Ai ai : shipped.values()) {
      assertEquals(dictionary.get(ai.ai()), ai, "AI " + ai.ai() + " differs from dictionary");
    }
    for (String ai : List.of("00", "01", "02", "10", "17", "21", "30", "37", "3103")) {
      assertTrue(shipped.containsKey(ai), "AI " + ai + " is supported");
    }
  }

  @Test
  void shippedTable_lengthsAndFlags_followTheDictionary() {
    Gs1AiTable t = Gs1AiTable.supported();

    assertTrue(t.get("00").predefinedLength() && t.get("00").maxLength() == 18);
    assertTrue(t.get("17").fixedLength() && t.get("17").linters().contains("yymmd0"));
    assertFalse(t.get("10").fixedLength());
    assertEquals(20, t.get("10").maxLength());
    assertFalse(t.get("10").numeric());
    assertEquals(8, t.get("37").maxLength());
    assertEquals(List.of(List.of("00", "02"), List.of("00", "8026")), t.get("37").requires());
    // AIs a count does not use are read too, so their labels parse: internal 91-99, a net
    // weight in pounds, a country of origin.
    assertEquals(90, t.get("99").maxLength());
    assertTrue(t.get("3202").fixedLength() && t.get("3202").numeric());
    assertEquals(3, t.get("422").maxLength());
    assertTrue(t.get("8008") != null && t.get("7230") != null, "lines of several components");
  }

  @Test
  void shippedTable_digitalLinkKeysQualifiersAndAttributes_followTheDictionary() {
    Gs1AiTable t = Gs1AiTable.supported();

    assertTrue(t.get("01").dlPrimaryKey());
    assertEquals(List.of(List.of("22", "10", "21"), List.of("235")), t.get("01").dlQualifiers());
    assertTrue(t.get("00").dlPrimaryKey() && t.get("00").dlQualifiers().isEmpty());
    assertEquals(List.of(List.of("8011")), t.get("8010").dlQualifiers());
    assertFalse(t.get("10").dlPrimaryKey());
    assertTrue(t.get("10").dlAttribute() && t.get("17").dlAttribute());
    assertFalse(t.get("21").dlAttribute() || t.get("22").dlAttribute());
  }

  @Test
  void read_multiComponentLine_splitAsOneFieldOfTheSummedLengths() throws IOException {
    Gs1AiTable t = Gs1AiTable.read(new StringReader(String.join("\n",
        "7003 ? N6,yymmdd N4,hhmi req=01,02,03 # EXPIRY TIME",
        "4330 ? N6 [X1],hyphen req=00 ex=4331 # MAX TEMP F.",
        "8008 ? N6,yymmdd N2,hh [N2],mi [N2],ss req=01,02,03 # PROD TIME")));

    Gs1Ai expiry = t.get("7003");
    assertTrue(expiry.numeric() && expiry.fixedLength() && expiry.maxLength() == 10);
    assertEquals(List.of(), expiry.linters(), "a component's linter is not the field's");
    assertFalse(t.get("4330").numeric());
    assertEquals(6, t.get("4330").minLength());
    assertEquals(7, t.get("4330").maxLength());
    assertEquals(8, t.get("8008").minLength());
    assertEquals(12, t.get("8008").maxLength());
  }

  @Test
  void parse_labelWithAisACountDoesNotUse_elementsSplitAndTheItemFound() {
    Gs1Parser.Result r = parser.parse("0105412345000013" + "3202000189" + "422276" + GS
        + "70032903311200" + GS + "10ABC" + GS + "91XYZ");

    assertTrue(r.ok(), r.error());
    assertEquals(List.of("01", "3202", "422", "7003", "10", "91"),
        r.elements().stream().map(Gs1Element::ai).toList());
  }

  @Test
  void parse_gtinLotGsExpiry_allElements() {
    Gs1Parser.Result r = parser.parse("0105412345000013" + "10ABC123" + GS + "17290331");

    assertTrue(r.ok(), r.error());
    assertEquals(List.of(new Gs1Element("01", "05412345000013"), new Gs1Element("10", "ABC123"),
        new Gs1Element("17", "290331")), r.elements());
  }

  @Test
  void parse_variableFieldWithoutSeparator_runsToTheEnd() {
    Gs1Parser.Result r = parser.parse("0105412345000013" + "10ABC123" + "17290331");

    assertTrue(r.ok(), r.error());
    assertEquals("ABC12317290331", r.value("10"));
    assertNull(r.value("17"));
  }

  @Test
  void parse_leadingFnc1AndSerial_ok() {
    Gs1Parser.Result r = parser.parse(GS + "0105412345000013" + "21SN-0001" + GS + "10L1");

    assertTrue(r.ok(), r.error());
    assertEquals("SN-0001", r.value("21"));
    assertEquals("L1", r.value("10"));
  }

  @Test
  void parse_palletLabel_ssccContentCount() {
    Gs1Parser.Result r = parser.parse("00005412345000000015" + "0215412345000010" + "3748");

    assertTrue(r.ok(), r.error());
    assertEquals("005412345000000015", r.value("00"));
    assertEquals("15412345000010", r.value("02"));
    assertEquals("48", r.value("37"));
  }

  @Test
  void parse_logisticLabelContentSymbolWithoutItsSscc_ok() {
    // GS1's logistic label prints the SSCC (00) as a barcode of its own, below the content
    // one: a scanner reads (02)(37)(10) as one scan, with no (00) in it.
    Gs1Parser.Result r = parser.parse("0215412345000010" + "3748" + GS + "10L1");

    assertTrue(r.ok(), r.error());
    assertEquals("15412345000010", r.value("02"));
    assertEquals("48", r.value("37"));
    assertNull(r.value("00"));
  }

  @Test
  void parse_varCountAndWeight_ok() {
    Gs1Parser.Result r = parser.parse("3103000189" + "0105412345000013" + "3012" + GS + "10X");

    assertTrue(r.ok(), r.error());
    assertEquals("000189", r.value("3103"));
    assertEquals("12", r.value("30"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "0105412345000014|AI (01) has a bad check digit",
      "00005412345000000016|AI (00) has a bad check digit",
      "2312345|unknown or unsupported GS1 AI at position 0",
      "0105412345000013ABC|expected a GS1 AI at position 16",
      "0105412345000013172903|AI (17) needs 6 characters, got 4",
      "010541234500001317291331|AI (17) is not a date YYMMDD",
      "010541234500001317290230|AI (17) is not a date YYMMDD",
      "01054123450000131729033A|non-digit in numeric AI (17)",
      "0105412345000013301A|non-digit in numeric AI (30)",
      "010541234500001310ABCDEFGHIJKLMNOPQRSTU|AI (10) has 21 characters, at most 20",
      "010541234500001310AB#|invalid character in AI (10)",
      "01054123450000130100012345678905|AI (01) appears twice",
      "0215412345000010|AI (02) needs one of (37)",
      "0105412345000013|ok",
      "01054123450000130215412345000010|AI (02) may not appear with AI (01)",
      "10ABC|AI (10) needs one of",
      "3748|AI (37) needs one of (00)+(02)",
      "01054123450000133103000189|ok",
      "010541234500001331030001893102000100|AI (3103) may not appear with AI (3102)",
      "0105412345000013" + "10|AI (10) is empty",
  })
  void parse_elementString_refusedWithReasonOrOk(String data, String reason) {
    Gs1Parser.Result r = parser.parse(data);

    if (reason.equals("ok")) {
      assertTrue(r.ok(), r.error());
    } else {
      assertFalse(r.ok(), "accepted " + r.elements());
      assertTrue(r.error().contains(reason), r.error());
      assertTrue(r.elements().isEmpty());
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"290331, 2029-03-31", "290300, 2029-03-31", "240200, 2024-02-29",
      "250200, 2025-02-28", "991231, 1999-12-31", "760101, 2076-01-01", "770101, 1977-01-01"})
  void date_gs1Window_dayZeroIsMonthEnd(String yymmdd, String expected) {
    assertEquals(LocalDate.parse(expected), parser.date(yymmdd));
  }

  private static Map<String, Gs1Ai> readSupportedSubset(List<String> lines) {
    Map<String, Gs1Ai> map = new java.util.HashMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        for (Gs1Ai spec : Gs1AiTable.parseLine(line)) {
          map.put(spec.ai(), spec);
        }
      } catch (IllegalArgumentException e) {
        // none expected: every line of the dictionary is shipped
      }
    }
    return map;
  }
}
