package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GS1 Digital Link URIs, as a 2D imager at a count station sends them, through the decoder. */
final class DigitalLinkTest {
  private static final String GS = "\u001d";
  private final BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(2026);

  private DecodedBarcode decoded(String text) {
    BarcodeDecoder.Result r = decoder.decode(text);
    assertTrue(r.ok(), () -> text + ": " + r.error());
    return r.barcode();
  }

  private String refusal(String text) {
    BarcodeDecoder.Result r = decoder.decode(text);
    assertFalse(r.ok(), () -> text + " was read as " + r.barcode());
    assertTrue(r.error().startsWith("GS1 Digital Link refused: "), r.error());
    return r.error();
  }

  @Test
  void gs1Example_keyQualifiersAndExpiry_readAsItsElementString() {
    String uri = "https://id.gs1.org/01/09506000134352/10/ABC123/21/12345?17=201231";

    DecodedBarcode b = decoded(uri);

    assertEquals(DecodedBarcode.Kind.GS1, b.kind());
    assertEquals("", b.aimId());
    assertEquals(uri, b.data());
    assertEquals("09506000134352", b.gtin());
    assertEquals("ABC123", b.lot());
    assertEquals("12345", b.serial());
    assertEquals(LocalDate.of(2020, 12, 31), b.expiry());
    assertEquals(List.of(new Gs1Element("01", "09506000134352"), new Gs1Element("10", "ABC123"),
        new Gs1Element("21", "12345"), new Gs1Element("17", "201231")), b.elements());
  }

  @Test
  void gs1Example_sameElementsAsTheGs1DataMatrixOfTheSameLabel() {
    DecodedBarcode link = decoded("]Q1https://id.gs1.org/01/09506000134352/10/ABC123/21/12345"
        + "?17=201231");
    DecodedBarcode matrix = decoded("]d20109506000134352" + "10ABC123" + GS + "2112345" + GS
        + "17201231");

    assertEquals(matrix.elements(), link.elements());
    assertEquals(matrix.expiry(), link.expiry());
    assertEquals("]Q1", link.aimId());
  }

  @Test
  void brandDomainWithPathPrefix_percentEncodedLotAndAttributes_otherParametersIgnored() {
    DecodedBarcode b = decoded("]Q1https://brand.example.com/products/item/01/05412345000013"
        + "/10/LOT%2F7?linkType=gs1:pip&3103=000750&30=12&utm_source=qr#top");

    assertEquals("05412345000013", b.gtin());
    assertEquals("LOT/7", b.lot());
    assertEquals(new BigDecimal("0.750"), b.netWeightKg());
    assertEquals(12, b.count());
    assertEquals(List.of("01", "10", "3103", "30"),
        b.elements().stream().map(Gs1Element::ai).toList());
  }

  @Test
  void upperCaseQrAlphanumericForm_read() {
    DecodedBarcode b = decoded("HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC123");

    assertEquals("09506000134352", b.gtin());
    assertEquals("ABC123", b.lot());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://id.gs1.org/01/5412345000013, 05412345000013", // GTIN-13
      "https://id.gs1.org/01/012345678905, 00012345678905", // GTIN-12 (UPC-A)
      "http://example.com/01/55123457, 00000055123457", // GTIN-8, plain http
      "https://id.gs1.org/01/15412345000010/, 15412345000010", // trailing slash
      "]d1https://id.gs1.org/01/09506000134352, 09506000134352", // plain Data Matrix
  })
  void gtinKeyOfAnyLength_normalisedToGtin14(String uri, String gtin14) {
    assertEquals(gtin14, decoded(uri).gtin());
  }

  @Test
  void digitalLink10ShortNames_readAsTheirAis() {
    DecodedBarcode shortNames = decoded("https://example.com/gtin/09506000134352/cpv/2A"
        + "/lot/ABC123/ser/12345");
    DecodedBarcode numeric = decoded("https://example.com/01/09506000134352/22/2A/10/ABC123"
        + "/21/12345");
    // A lot goes in the query only where the path has no place for it (beside a (235)).
    DecodedBarcode lotInQuery = decoded("https://example.com/gtin/09506000134352/235/T9"
        + "?lot=ABC123");

    assertEquals(numeric.elements(), shortNames.elements());
    assertEquals(List.of(new Gs1Element("01", "09506000134352"), new Gs1Element("235", "T9"),
        new Gs1Element("10", "ABC123")), lotInQuery.elements());
  }

  @Test
  void projectMasterData_caseGtinWithExpiryAndVariableMeasureCount() {
    DecodedBarcode cs = decoded("https://dl.example.net/01/15412345000010/10/L-88?17=270600");
    DecodedBarcode each = decoded("https://dl.example.net/01/95412345000016?30=12");

    assertEquals("15412345000010", cs.gtin());
    assertEquals(LocalDate.of(2027, 6, 30), cs.expiry());
    assertEquals("95412345000016", each.gtin());
    assertEquals(12, each.count());
  }

  @Test
  void ssccKeyWithContentAndCount_readAsTheLogisticLabel() {
    DecodedBarcode b = decoded("https://example.com/00/106141411234567897"
        + "?02=15412345000010&37=12");

    assertEquals("106141411234567897", b.sscc());
    assertEquals("15412345000010", b.contentGtin());
    assertEquals(12, b.count());
  }

  @Test
  void otherKeyTheTableKnows_readButNamesNoGtin() {
    DecodedBarcode b = decoded("https://example.com/8010/CPID-77/8011/12");

    assertNull(b.gtin());
    assertEquals(List.of(new Gs1Element("8010", "CPID-77"), new Gs1Element("8011", "12")),
        b.elements());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://example.com/about",
      "https://blog.example.com/2026/01/15/post", // a date in the path, no GTIN after 01
      "http://example.com/01/news",
      "https://example.com/?01=09506000134352", // the key must be in the path
      "https://example.com",
      "ftp://example.com/01/09506000134352",
  })
  void plainUrl_staysText(String url) {
    DecodedBarcode b = decoded(url);

    assertEquals(DecodedBarcode.Kind.TEXT, b.kind());
    assertEquals(url, b.data());
  }

  @Test
  void badCheckDigit_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134353/10/ABC123")
        .contains("AI (01) has a bad check digit"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://id.gs1.org/01/09506000134352?17=201399 | AI (17) is not a date",
      "https://id.gs1.org/01/09506000134352?17=2012 | AI (17) needs 6 characters, got 4",
      "https://id.gs1.org/01/09506000134352?3103=07.5 | AI (3103) needs 6 characters",
      "https://id.gs1.org/01/09506000134352?30=1x | non-digit in numeric AI (30)",
      "https://id.gs1.org/01/09506000134352/10/A%20B | invalid character in AI (10)",
      "https://id.gs1.org/01/09506000134352/10/ABCDEFGHIJKLMNOPQRSTU | AI (10) has 21",
      "https://id.gs1.org/01/95060001343 | GTIN 95060001343 has 11 digits",
      "https://id.gs1.org/01/09506000134352/10/AB%1DC | AI (10) holds a GS",
      "https://id.gs1.org/01/09506000134352/10/AB%2 | bad percent-encoding",
  })
  void valueNotOfItsFormat_refused(String uri, String reason) {
    assertTrue(refusal(uri).contains(reason), () -> refusal(uri));
  }

  @Test
  void qualifiersOutOfOrder_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352/21/12345/10/ABC123")
        .contains("path qualifiers (21) (10) out of order for the key (01), which takes 22,"
            + " 10, 21 in that order, or 235"));
  }

  @Test
  void qualifierOfTheOtherSequence_mixed_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352/22/2A/235/TPX1")
        .contains("out of order for the key (01)"));
  }

  @Test
  void attributeInThePathAsAQualifier_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352/17/201231")
        .contains("AI (17) is no path qualifier of the key (01)"));
  }

  @Test
  void qualifierOnAKeyThatTakesNone_refused() {
    assertTrue(refusal("https://example.com/00/106141411234567897/10/ABC")
        .contains("the key (00) takes no qualifiers in the path, found (10)"));
  }

  @Test
  void keyGivenTwice_pathAndQuery_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352?01=09506000134352")
        .contains("AI (01) given twice (as the key in the path and in the query string)"));
    assertTrue(refusal("https://id.gs1.org/01/09506000134352/10/A1?10=A1")
        .contains("AI (10) given twice (in the path and in the query string)"));
  }

  @Test
  void plusInTheQuery_isASpaceAsInAnyQueryString_anEncodedPlusIsAPlus() {
    // A GS1 encoder writes a + of the value as %2B; a bare + in a query string is a space,
    // which no GS1 value holds: the link is refused, not read with a + it never carried.
    String spaced = refusal("https://id.gs1.org/01/09506000134352?240=A+B");
    DecodedBarcode plus = decoded("https://id.gs1.org/01/09506000134352?240=A%2BB");

    assertTrue(spaced.contains("(240)"), spaced);
    assertEquals(new Gs1Element("240", "A+B"), plus.elements().get(1));
  }

  @Test
  void nonNumericAiInTheQuery_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352?1O=ABC")
        .contains("query parameter '1O' is no GS1 AI"));
  }

  @Test
  void unknownNumericAiInTheQuery_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352?4999=1")
        .contains("unknown GS1 AI (4999) in the query string"));
  }

  @Test
  void qualifierInTheQuery_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352?ser=12345")
        .contains("AI (21) may not stand in the query string"));
  }

  @Test
  void pathSegmentWithoutValue_refused() {
    assertTrue(refusal("https://id.gs1.org/01/09506000134352/10")
        .contains("path segment '10' after the key (01) has no value"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://id.gs1.org/AQnYUc1gmiCNV4JG", // (01) 05412345000013 (10) ABC123, compressed
      "https://id.gs1.org/AQnYUc1gmg", // (01) 05412345000013
      "https://id.gs1.org/AN2yxDhfaiaw", // (00) 998440410914660971
      "https://id.gs1.org/QVSaVjC_dA", // (415) 5060917510004
      "https://id.gs1.org/EEarwSOABgwEj9s0bAmQ", // (10) first, then (8006)
      // GS1's toolkit's vectors of AIs of several parts, the last one empty, and of (8019):
      "https://id.gs1.org/JVUqG5hJ5wA", // (255) 5678409730535
      "https://id.gs1.org/JTLIetaiHYA", // (253) 3060077601309
      "https://id.gs1.org/gAMJCAXukTMA", // (8003) 04965031954585
      "https://id.gs1.org/gBe1ajAd9ATDmAGXPRfk", // (8017) 817019610850151481 (8019) 4003812
      "https://id.gs1.org/QCJZyW9mC6Z4", // (402) 21173492661712079
  })
  void compressedDigitalLink_refusedNotGuessed(String uri) {
    String reason = refusal(uri);

    assertTrue(reason.contains("compressed Digital Link (path '"
        + uri.substring(uri.lastIndexOf('/') + 1) + "') is not supported"), reason);
  }

  @Test
  void partiallyCompressedDigitalLink_refusedNotGuessed() {
    String reason = refusal("https://id.gs1.org/01/05412345000013/EEarwSOABgwEj9s0bAmQ");

    assertTrue(reason.contains("partially compressed Digital Link"), reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/AboutUsPage", "https://sho.rt/AQxyz12345Qa"})
  void pageNameOfBase64Shape_notTakenForACompressedLink(String url) {
    assertEquals(DecodedBarcode.Kind.TEXT, decoded(url).kind());
  }

  @ParameterizedTest
  @CsvSource({
      "https://id.gs1.org/01/09506000134352?10=LOT1, /01/.../10/...",
      "https://id.gs1.org/01/09506000134352?lot=LOT1, /01/.../10/...",
      "https://id.gs1.org/01/09506000134352/21/S1?17=270630&10=LOT1, /01/.../10/.../21/...",
      "https://id.gs1.org/01/09506000134352/22/V1?10=LOT1, /01/.../22/.../10/...",
  })
  void keyQualifierInTheQuery_refusedNamingTheAiAndThatItBelongsInThePath(String uri,
      String path) {
    String reason = refusal(uri);

    assertTrue(reason.contains("AI (10) in the query string is a qualifier of the key (01) and"
        + " belongs in the path (" + path + "), not in the query string"), reason);
  }

  @Test
  void lotInTheQuery_whereThePathTakesNoLot_readAsADataAttribute() {
    // (235) and (10) are the key's two sequences: beside (235) a lot has no place in the path.
    DecodedBarcode tpx = decoded("https://id.gs1.org/01/09506000134352/235/TPX9?10=LOT1");
    // An SSCC takes no qualifiers: its contents' lot is an attribute (GS1's own example).
    DecodedBarcode sscc = decoded("https://id.gs1.org/00/952012345678912345?02=09520123456788"
        + "&37=25&10=ABC123");

    assertEquals("LOT1", tpx.lot());
    assertEquals(List.of(new Gs1Element("01", "09506000134352"), new Gs1Element("235", "TPX9"),
        new Gs1Element("10", "LOT1")), tpx.elements());
    assertEquals("ABC123", sscc.lot());
  }

  /** Writes bits ("0101...", padded with zeros to whole characters) as base64url. */
  private static String base64url(String bits) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String padded = bits + "0".repeat((6 - bits.length() % 6) % 6);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < padded.length(); i += 6) {
      out.append(alphabet.charAt(Integer.parseInt(padded.substring(i, i + 6), 2)));
    }
    return out.toString();
  }

  private static String bits(long value, int width) {
    String b = Long.toBinaryString(value);
    return "0".repeat(width - b.length()) + b;
  }

  @Test
  void compressedLinkOpeningWithAGroupCode_refusedAsCompressed() {
    // The compression's code 0B stands for (01) then (10); the GTIN takes 47 bits, then the
    // lot ABC123 as upper-case hex (encoding 2), 6 characters of 4 bits.
    String segment = base64url(bits(0x0B, 8) + bits(9506000134352L, 47) + bits(2, 3)
        + bits(6, 5) + bits(0xABC123, 24));
    String badGtin = base64url(bits(0x0B, 8) + bits(9506000134353L, 47) + bits(2, 3)
        + bits(6, 5) + bits(0xABC123, 24));

    String reason = refusal("https://id.gs1.org/" + segment);

    assertTrue(reason.contains("compressed Digital Link (path '" + segment + "')"), reason);
    assertEquals(DecodedBarcode.Kind.TEXT, decoded("https://id.gs1.org/" + badGtin).kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/EMailSignupPage",
      "https://example.com/ELectronicsCatalog"})
  void pageNameWhoseFirstBitsSpellALotAi_butNoEncodingFollows_staysText(String url) {
    assertEquals(DecodedBarcode.Kind.TEXT, decoded(url).kind());
  }

  private static final String GTIN_BITS = bits(0x01, 8) + bits(9506000134352L, 47);

  @Test
  void compressedLinksOpeningWithAVariableNumberOrSeveralParts_refusedAsCompressed() {
    List<String> segments = List.of(
        // (30) 12, then (01): a length of 2 in 4 bits, then 12 in the 7 bits 2 digits take.
        base64url(bits(0x30, 8) + bits(2, 4) + bits(12, 7) + GTIN_BITS),
        // (3912) EUR 12.50: 978 in 10 bits, then a length of 4 and 1250 in 14 bits.
        base64url(bits(0x3912, 16) + bits(978, 10) + bits(4, 4) + bits(1250, 14) + GTIN_BITS),
        // (8008) 26063014, the minutes and seconds left out: length 0.
        base64url(bits(0x8008, 16) + bits(26063014, 27) + bits(0, 3) + GTIN_BITS),
        // (7030) 250 then "ABC" as upper-case hex: encoding 2, length 3 in 5 bits.
        base64url(bits(0x7030, 16) + bits(250, 10) + bits(2, 3) + bits(3, 5)
            + bits(0xABC, 12) + GTIN_BITS));

    for (String segment : segments) {
      String reason = refusal("https://id.gs1.org/" + segment);

      assertTrue(reason.contains("compressed Digital Link (path '" + segment + "')"), reason);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/MAintenanceLog", // (30) with length 0
      "https://example.com/MP3DownloadsArchive", // (30) with length 15, above its 8
      "https://example.com/MAPSandDirections"})
  void pageNameWhoseFirstBitsSpellAVariableNumberAi_butNoLengthItTakes_staysText(String url) {
    assertEquals(DecodedBarcode.Kind.TEXT, decoded(url).kind());
  }

  @Test
  void pagePathsWhoseBitsSpellAnAiOfSeveralParts_butNoValueOfIt_stayText() {
    List<String> segments = List.of(
        // (255) with 14 digits where its first part has 13.
        base64url(bits(0x255, 12) + bits(15_000_000_000_000L, 44) + bits(0, 4) + "0".repeat(30)),
        // (255) 5678409730535 with a serial of 13 digits, above its 12.
        base64url(bits(0x255, 12) + bits(5678409730535L, 44) + bits(13, 4) + "1".repeat(30)),
        // (3912) with a currency of 4 digits.
        base64url(bits(0x3912, 16) + bits(1020, 10) + bits(4, 4) + bits(1250, 14)),
        // (8003) 04965031954585, then text in an encoding the compression does not have.
        base64url(bits(0x8003, 16) + bits(4965031954585L, 47) + bits(6, 3) + bits(4, 5)
            + "0".repeat(28)),
        // (3902) with an amount of 4 digits but the bits of fewer left.
        base64url(bits(0x3902, 16) + bits(4, 4) + bits(99, 10)));

    for (String segment : segments) {
      assertEquals(DecodedBarcode.Kind.TEXT, decoded("https://example.com/" + segment).kind(),
          segment);
    }
  }

  @Test
  void percentDecoded_malformedEscape_null() {
    assertEquals("A/B", DigitalLink.percentDecoded("A%2fB"));
    assertNull(DigitalLink.percentDecoded("A%G1"));
  }
}
