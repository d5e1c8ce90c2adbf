package io.dockcount.core.barcode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Turns the text of one scan into a {@link DecodedBarcode}, or a reason it is refused.
 *
 * <p>Order of work: text a keyboard layout has mangled is refused first (field report F14: a
 * scanner in USB keyboard mode behind a non-US layout types accented letters for digits, or
 * {@code +} for the {@code ]} of an AIM identifier); then
 * the AIM identifier is split off and kept; a GS1 identifier ({@code ]C1}, {@code ]e0},
 * {@code ]d2}, {@code ]Q3}, {@code ]J1}) or a leading GS means a GS1 element string; an EAN/UPC
 * identifier means a GTIN of the length its modifier implies (8 digits under {@code ]E0} are a
 * UPC-E, read as its UPC-A); a GS1 Digital Link URI under any other identifier, or none, is
 * read as the element string it stands for ({@link DigitalLink}); without an identifier, digits
 * of a GTIN length are a GTIN (check digit required; 8 digits are an EAN-8 or a UPC-E, whichever
 * check digit holds) and anything else is text for the caller's own labels (badges, locations,
 * internal codes).
 *
 * <p>Immutable and thread-safe.
 */
public final class BarcodeDecoder {
  /** The reason recorded for text that a keyboard layout has mangled. */
  public static final String LAYOUT_MISMATCH =
      "scanner/keyboard layout mismatch \u2014 set scanner to USB serial (CDC) mode";
  /**
   * The reason recorded for GS1 data whose FNC1 separators came as text ({@code <GS>},
   * {@code ^]}, ...), as a scanner's data-format setting writes them: read as data, the field
   * before one would run on through it (a lot {@code ABC<GS>17290331} and no expiry).
   */
  public static final String SEPARATOR_AS_TEXT =
      "GS1 separator sent as text \u2014 set the scanner to send FNC1 as GS (0x1d)";
  /**
   * The reason recorded for a scan with a byte order mark (U+FEFF) inside its data. One at its
   * start is dropped ({@link #decode}).
   */
  public static final String BYTE_ORDER_MARK = "scanner sent a byte order mark (EF BB BF) with"
      + " the data \u2014 turn off its Unicode/UTF-8 BOM setting";
  private static final char BOM = '\uFEFF';
  /**
   * The reason recorded for a GS1 element string sent with no AIM identifier and not as a
   * barcode the table lists: only the identifier tells it from a Code 128 of the same text, so
   * it is not read as GS1 (a guess), and as text it is no barcode of the table.
   */
  public static final String GS1_WITHOUT_AIM = "GS1 data without its AIM identifier \u2014"
      + " turn on the scanner's AIM identifiers (and FNC1 as GS)";
  /**
   * The reason recorded for a GS1 element string in a symbol whose AIM identifier says it is
   * no GS1 symbol ({@code ]C0}, {@code ]d1}): a label printed without FNC1.
   */
  public static final String GS1_NOT_MARKED = "GS1 data in a symbol not printed as GS1 (no"
      + " FNC1) \u2014 list its text in barcodes.csv, or have the label printed as GS1";
  /**
   * The reason recorded for a GTIN or GS1 data with spaces before or after it, as a scanner's
   * prefix or suffix setting adds them: as text it is no barcode of the table, and the spaces
   * are not seen in a report.
   */
  public static final String SPACES_AROUND = "spaces around the barcode \u2014 clear the"
      + " scanner's prefix/suffix setting";
  /**
   * The reason recorded for 11 digits sent with no AIM identifier and not listed: a UPC-A
   * whose scanner drops the number system digit (UPC-A preamble off) or the check digit.
   * Either reading would be a guess, and as text it is no barcode of the table.
   */
  public static final String GTIN_DIGIT_DROPPED = "digits one short of a GTIN \u2014 set the"
      + " scanner to send the whole EAN/UPC (number system and check digit)";
  /**
   * The reason recorded for a barcode behind two AIM identifiers ({@code ]C1]E0...}): a prefix
   * set on the scanner repeats one. Which of the two is the symbol's, only the scanner knows.
   */
  public static final String TWO_AIM_IDS = "two AIM identifiers \u2014 the scanner's prefix"
      + " adds one: clear its prefix setting";
  /**
   * The reason recorded for a GTIN behind one or two letters ({@code d5412345000013}), as a
   * scanner sends its maker's own code ID instead of the AIM identifier.
   */
  public static final String VENDOR_CODE_ID = "scanner's own code ID before the data \u2014"
      + " set it to send AIM identifiers instead";
  /** Characters an AZERTY layout types for the digit keys 1, 3, 4, 5, 6, 8 (all ASCII). */
  private static final String AZERTY_DIGIT_ROW = "&\"'(-_";
  /** What non-US keyboard layouts type for the US {@code ]} key, in ASCII. */
  private static final String LAYOUT_BRACKETS = "+$";
  /** The AIM id of an Interleaved 2 of 5 whose check digit was checked and not sent. */
  private static final String ITF_CHECK_NOT_SENT = "]I3";

  /**
   * A decoded barcode, or why there is none; a scan that reads two ways (8 digits that are an
   * EAN-8 and a UPC-E) fails with both {@code readings}, for the barcode table to tell apart.
   */
  public record Result(DecodedBarcode barcode, String error, List<DecodedBarcode> readings) {
    public Result(DecodedBarcode barcode, String error) {
      this(barcode, error, List.of());
    }

    public boolean ok() {
      return error == null;
    }

    static Result failed(String error) {
      return new Result(null, error);
    }
  }

  private final Gs1Parser gs1;
  private final VariableMeasure variableMeasure;

  public BarcodeDecoder(Gs1Parser gs1) {
    this(gs1, VariableMeasure.NONE);
  }

  /**
   * @param variableMeasure the site's variable-measure EAN-13/UPC-A layouts ({@code NONE}: such
   *     codes are the plain GTINs they look like)
   */
  public BarcodeDecoder(Gs1Parser gs1, VariableMeasure variableMeasure) {
    this.gs1 = gs1;
    this.variableMeasure = Objects.requireNonNull(variableMeasure, "variableMeasure");
  }

  /** Returns this decoder reading variable-measure codes through {@code layouts}. */
  public BarcodeDecoder withVariableMeasure(VariableMeasure layouts) {
    return new BarcodeDecoder(gs1, layouts);
  }

  /** A decoder over the shipped AI table, with dates read around {@code referenceYear}. */
  public static BarcodeDecoder withSupportedAis(int referenceYear) {
    return new BarcodeDecoder(new Gs1Parser(Gs1AiTable.supported(), referenceYear));
  }

  public Gs1Parser gs1Parser() {
    return gs1;
  }

  /**
   * Decodes the text of one scan (terminator already removed). A scan that cannot be read only
   * for spaces before or after it, where a scanner's prefix or suffix setting puts them
   * ({@code ]E05412345000013 }), is refused as {@link #SPACES_AROUND}, as one without an AIM
   * id is at the table ({@link #setupHint}): with AIM ids on, the space is inside the data.
   * One byte order mark at the start, or straight after the AIM id, is dropped.
   */
  public Result decode(String scan) {
    String text = withoutLeadingBom(scan);
    Result r = decodeUnspaced(text);
    if (r.ok() || !r.readings().isEmpty() || isScannerSetup(r.error())) {
      return r;
    }
    return betweenSpaces("", text) != null ? Result.failed(SPACES_AROUND) : r;
  }

  /**
   * Returns the GTIN or GS1 data that {@code data} (after the AIM id {@code aimId}) holds
   * between spaces a scanner's prefix or suffix setting put around it, or null when it has none
   * around it or reads as no more than text without them.
   */
  private DecodedBarcode betweenSpaces(String aimId, String data) {
    String stripped = data.strip();
    if (stripped.isEmpty() || stripped.length() == data.length()) {
      return null;
    }
    Result inside = decodeUnspaced(aimId + stripped);
    return inside.ok() && inside.barcode().kind() != DecodedBarcode.Kind.TEXT
        ? inside.barcode() : null;
  }

  /**
   * Drops one byte order mark at the start of the scan or straight after its AIM id, as the
   * readers of exported files drop one at the start of a line: no part of the data, so the scan
   * reads as nothing but what was printed. A label printed from a file that starts with one (a
   * spreadsheet's "CSV UTF-8" export) carries it in its text, and then only the first label of
   * a sheet would be red, blaming a scanner setting that is not there.
   */
  private static String withoutLeadingBom(String text) {
    if (!text.isEmpty() && text.charAt(0) == BOM) {
      return text.substring(1);
    }
    if (text.length() > 3 && text.charAt(0) == ']' && text.charAt(3) == BOM) {
      return text.substring(0, 3) + text.substring(4);
    }
    return text;
  }

  private Result decodeUnspaced(String text) {
    String problem = textProblem(text);
    if (problem != null) {
      return Result.failed(problem);
    }
    if (aimBehindLayout(text)) {
      return Result.failed(LAYOUT_MISMATCH);
    }
    AimId aim = AimId.split(text);
    if (aim == null) {
      return Result.failed("malformed AIM symbology identifier in '" + text + "'");
    }
    String data = aim.data();
    if (data.isEmpty()) {
      return Result.failed("no data after AIM identifier " + aim.id());
    }
    AimId second = aim.present() ? AimId.split(data) : null;
    if (second != null && second.present() && decode(data).ok()) {
      return Result.failed(TWO_AIM_IDS);
    }
    boolean aiFirst = aim.isGs1() || Character.isDigit(data.charAt(0));
    if (aiFirst && Gs1Parser.separatorAsText(data) != null) {
      return Result.failed(SEPARATOR_AS_TEXT);
    }
    if (aim.isGs1() || (!aim.present() && data.charAt(0) == Gs1Parser.GS)) {
      return decodeGs1(aim, data);
    }
    if (aim.isEanUpc()) {
      return decodeEanUpc(aim, data);
    }
    if (data.indexOf(Gs1Parser.GS) >= 0) {
      if (!aim.present() && gs1WithoutAim(data) != null) {
        return Result.failed(GS1_WITHOUT_AIM);
      }
      return Result.failed("GS separator in a non-GS1 symbol (" + aim.symbologyName() + ")");
    }
    DigitalLink.Result link = DigitalLink.read(data, gs1.table());
    if (link != null) {
      return link.error() != null ? Result.failed(link.error())
          : decodeGs1(aim, data, link.elementString(), DigitalLink.REFUSED);
    }
    if (!aim.present() && data.length() == 8 && Gtin.isDigits(data)) {
      Result upcE = upcEWithoutAim(data);
      if (upcE != null) {
        return upcE;
      }
    }
    if (aim.id().equals(ITF_CHECK_NOT_SENT)) {
      return itfWithoutCheckDigit(aim, data);
    }
    boolean gtinCarrier = !aim.present() || aim.id().startsWith("]I");
    if (gtinCarrier && Gtin.isDigits(data) && Gtin.isGtinLength(data.length())) {
      String gtinProblem = Gtin.problem(data);
      return gtinProblem != null ? Result.failed(gtinProblem) : !aim.present()
          ? retailGtin("", data, data)
          : new Result(DecodedBarcode.plainGtin(aim.id(), data, Gtin.toGtin14(data)), null);
    }
    return new Result(DecodedBarcode.text(aim.id(), data), null);
  }

  /**
   * Returns whether the text is an AIM identifier whose {@code ]} a keyboard layout typed as
   * another key ({@code +} on German, Spanish or Italian layouts, {@code $} on French and
   * Belgian ones) before data that reads as that symbology's GTIN or GS1 data: digits come
   * through those layouts unchanged, so without this the scan would be an unknown barcode
   * {@code +E05412345000013} that master data might take in.
   */
  private boolean aimBehindLayout(String text) {
    String aimed = text.length() < 4 ? null : withLayoutBracket(text);
    if (aimed == null) {
      return false;
    }
    Result asAim = decode(aimed);
    return asAim.ok() && asAim.barcode().kind() != DecodedBarcode.Kind.TEXT;
  }

  /**
   * Returns {@code text} with the {@code ]} of an AIM identifier put back where a non-US
   * keyboard layout typed {@code +} or {@code $} for it, or null when it starts with neither.
   */
  public static String withLayoutBracket(String text) {
    return !text.isEmpty() && LAYOUT_BRACKETS.indexOf(text.charAt(0)) >= 0
        ? "]" + text.substring(1) : null;
  }

  /**
   * Returns whether a refusal of {@link #decode} says the scanner is set up wrong rather than
   * the barcode misread: its reason is then the fixed text, and the scan's text its detail.
   */
  public static boolean isScannerSetup(String error) {
    return LAYOUT_MISMATCH.equals(error) || SEPARATOR_AS_TEXT.equals(error)
        || BYTE_ORDER_MARK.equals(error) || GS1_WITHOUT_AIM.equals(error)
        || GTIN_DIGIT_DROPPED.equals(error) || TWO_AIM_IDS.equals(error)
        || VENDOR_CODE_ID.equals(error) || SPACES_AROUND.equals(error);
  }

  /**
   * Why a scan the barcode table does not know is no unknown item but a set-up fault, and
   * what it reads as; {@code scanner}: the scanner's, otherwise the label's.
   */
  public record SetupHint(String reason, String detail, boolean scanner) {}

  /**
   * Returns why text that is no barcode of the table looks like a scanner set up wrong, or
   * null: a GS1 element string with no GS1 AIM identifier ({@link #GS1_WITHOUT_AIM}) or under
   * a non-GS1 one ({@link #GS1_NOT_MARKED}, the label's fault), a GTIN behind a maker's code ID
   * ({@link #VENDOR_CODE_ID}), one between spaces ({@link #SPACES_AROUND}), or 11 digits, one
   * short of a UPC-A ({@link #GTIN_DIGIT_DROPPED}). Never a reading: only the scanner, set up
   * right, says which digits the symbol holds.
   */
  public SetupHint setupHint(DecodedBarcode b) {
    if (b.kind() != DecodedBarcode.Kind.TEXT) {
      return null;
    }
    String data = b.data();
    String asGs1 = gs1WithoutAim(data);
    if (asGs1 != null && b.aimId().isEmpty()) {
      return new SetupHint(GS1_WITHOUT_AIM, data + " " + asGs1, true);
    }
    if (asGs1 != null) {
      // The scanner names the symbol (]C0, ]d1): it was printed without FNC1, not misread.
      return new SetupHint(GS1_NOT_MARKED, data + " " + asGs1 + ", under " + b.aimId(), false);
    }
    DecodedBarcode inside = betweenSpaces(b.aimId(), data);
    if (inside != null) {
      return new SetupHint(SPACES_AROUND, "'" + data + "' holds " + (inside.gtin() == null
          ? "GS1 data" : "GTIN " + inside.gtin()) + " between spaces", true);
    }
    String gtin = gtinAfterCodeId(data);
    if (b.aimId().isEmpty() && gtin != null) {
      return new SetupHint(VENDOR_CODE_ID, data + " reads as GTIN " + Gtin.toGtin14(gtin)
          + " after '" + data.substring(0, data.length() - gtin.length()) + "'", true);
    }
    // 11 digits only: a 7-digit code is as often a site's own (a SKU on a shelf label).
    if (b.aimId().isEmpty() && data.length() == 11 && Gtin.isDigits(data)) {
      String zeroed = "0" + data;
      return new SetupHint(GTIN_DIGIT_DROPPED, data + " is 11 digits, one short of a UPC-A"
          + (Gtin.hasValidCheckDigit(zeroed) ? " (" + zeroed + " with its leading 0 dropped?)"
              : " (its check digit not sent?)"), true);
    }
    return null;
  }

  /**
   * Returns the GTIN-12, -13 or -14 (check digit valid) after one or two ASCII letters, or
   * null: a maker's code ID ({@code d} EAN-13, {@code c} UPC-A, {@code j} Code 128). Not
   * GTIN-8: a letter and 8 digits is too often a site's own code.
   */
  private static String gtinAfterCodeId(String data) {
    for (int letters = 1; letters <= 2 && letters < data.length(); letters++) {
      char c = data.charAt(letters - 1);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return null;
      }
      String rest = data.substring(letters);
      if (rest.length() >= 12 && rest.length() <= 14 && Gtin.problem(rest) == null) {
        return rest;
      }
    }
    return null;
  }

  /**
   * Says what a scan's text reads as when it is a whole GS1 element string naming an item or a
   * pallet (AI 00, 01 or 02), sent with no GS1 AIM identifier ({@code (01) 15412345000010}),
   * or returns null. For the counter's reason only: such text is never counted as GS1.
   */
  private String gs1WithoutAim(String data) {
    if (data.isEmpty() || !Character.isDigit(data.charAt(0))) {
      return null;
    }
    Gs1Parser.Result parsed = gs1.parse(data);
    if (!parsed.ok() || parsed.value("01") == null && parsed.value("02") == null
        && parsed.value("00") == null) {
      return null;
    }
    StringBuilder read = new StringBuilder("reads as");
    for (Gs1Element e : parsed.elements()) {
      read.append(" (").append(e.ai()).append(") ").append(e.value());
    }
    return read.toString();
  }

  /**
   * Returns why the characters cannot come from a correctly set up scanner, or null. Anything
   * beyond printable ASCII (GS aside) means the host's keyboard layout re-mapped the scanner's
   * key presses, and so does text made only of the AZERTY digit-row symbols.
   */
  static String textProblem(String text) {
    if (text.isEmpty()) {
      return "empty scan";
    }
    if (text.indexOf(BOM) >= 0) {
      return BYTE_ORDER_MARK; // not a keyboard layout: the scanner's character set setting
    }
    boolean onlyAzertyDigits = text.length() >= 6;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7e) {
        return LAYOUT_MISMATCH;
      }
      if (c < 0x20 && c != Gs1Parser.GS) {
        return String.format("control character 0x%02x in scan", (int) c);
      }
      onlyAzertyDigits &= AZERTY_DIGIT_ROW.indexOf(c) >= 0;
    }
    return onlyAzertyDigits ? LAYOUT_MISMATCH : null;
  }

  private Result decodeEanUpc(AimId aim, String data) {
    if (!Gtin.isDigits(data)) {
      return Result.failed("non-digit in " + aim.symbologyName() + " data '" + data + "'");
    }
    String main;
    switch (aim.id()) {
      case "]E0" -> {
        if (data.length() == 8) {
          return upcE(aim.id(), data); // AIM sends a UPC-E under ]E0 too
        }
        main = data.length() == 13 || data.length() == 12 ? data : null;
      }
      case "]E4" -> main = data.length() == 8 ? data : null;
      // EAN/UPC with a 2- or 5-digit add-on: the add-on (issue, price) names no item.
      case "]E3" -> main = data.length() == 15 || data.length() == 18 ? data.substring(0, 13)
          : null;
      default -> {
        return Result.failed("add-on symbol " + aim.id() + " alone names no item \u2014 scan"
            + " the main barcode");
      }
    }
    if (main == null) {
      return Result.failed(aim.symbologyName() + " " + aim.id() + " with " + data.length()
          + " digits");
    }
    String problem = Gtin.problem(main);
    return problem != null ? Result.failed(problem) : retailGtin(aim.id(), data, main);
  }

  /**
   * An EAN/UPC's GTIN, or, for a restricted-circulation code whose prefix the site gave a
   * layout, its item's code (and weight).
   */
  private Result retailGtin(String aimId, String data, String main) {
    String gtin14 = Gtin.toGtin14(main);
    VariableMeasure.Read read = variableMeasure.read(gtin14, main);
    if (read != null && read.refusal() != null) {
      return Result.failed(read.refusal());
    }
    return new Result(read == null ? DecodedBarcode.plainGtin(aimId, data, gtin14)
        : DecodedBarcode.variableMeasure(aimId, data, read.itemGtin14(), read.netWeightKg(),
            read.layout()),
        null);
  }

  /**
   * Reads an Interleaved 2 of 5 whose check digit the scanner checked and did not send: 13
   * digits are an ITF-14 without its last digit, put back; read as they came, they would be
   * another GTIN (or a bad check digit). Any other length is no GTIN: text.
   */
  private static Result itfWithoutCheckDigit(AimId aim, String data) {
    if (data.length() == 13 && Gtin.isDigits(data)) {
      String gtin14 = data + Gtin.checkDigit(data, 13);
      return new Result(DecodedBarcode.plainGtin(aim.id(), data, gtin14), null);
    }
    return new Result(DecodedBarcode.text(aim.id(), data), null);
  }

  /** A UPC-E, as the GTIN of the UPC-A it shortens: the form a barcode table lists. */
  private static Result upcE(String aimId, String data) {
    String upcA = Gtin.upcAOfUpcE(data);
    if (upcA == null) {
      return Result.failed("UPC-E " + data + " with number system " + data.charAt(0)
          + " (0 or 1 expected)");
    }
    if (!Gtin.hasValidCheckDigit(upcA)) {
      return Result.failed("bad check digit in UPC-E " + data + " (its UPC-A " + upcA
          + " expects " + Gtin.checkDigit(upcA, 11) + ")");
    }
    return new Result(DecodedBarcode.plainGtin(aimId, data, Gtin.toGtin14(upcA)), null);
  }

  /**
   * Reads 8 digits sent without an AIM identifier, which alone tells an EAN-8 from a UPC-E: a
   * UPC-E when only its check digit holds, refused when both hold (either would be a guess), and
   * null when it is no UPC-E (then the digits are read as an EAN-8).
   */
  private static Result upcEWithoutAim(String data) {
    String upcA = Gtin.upcAOfUpcE(data);
    if (upcA == null || !Gtin.hasValidCheckDigit(upcA)) {
      return null;
    }
    if (Gtin.hasValidCheckDigit(data)) {
      return new Result(null, "8 digits without an AIM identifier are both a valid EAN-8 ("
          + Gtin.toGtin14(data) + ") and a valid UPC-E (UPC-A " + upcA + "): turn on the"
          + " scanner's AIM identifiers", List.of(
              DecodedBarcode.plainGtin("", data, Gtin.toGtin14(data)),
              DecodedBarcode.plainGtin("", data, Gtin.toGtin14(upcA))));
    }
    return upcE("", data);
  }

  private Result decodeGs1(AimId aim, String data) {
    return decodeGs1(aim, data, data, "");
  }

  /**
   * Reads a GS1 element string; {@code data} is what the scan held (the element string itself,
   * or the Digital Link that stands for it, whose refusals say so by {@code refusedAs}).
   */
  private Result decodeGs1(AimId aim, String data, String elementString, String refusedAs) {
    Gs1Parser.Result parsed = gs1.parse(elementString);
    if (!parsed.ok()) {
      return Result.failed(refusedAs + parsed.error());
    }
    String countText = parsed.value("37") != null ? parsed.value("37") : parsed.value("30");
    long count = countText == null ? 0 : Long.parseLong(countText);
    String expiry = parsed.value("17");
    DecodedBarcode b = new DecodedBarcode(DecodedBarcode.Kind.GS1, aim.id(), data,
        parsed.value("01"), parsed.value("02"), parsed.value("00"), parsed.value("10"),
        expiry == null ? null : gs1.date(expiry), parsed.value("21"), count,
        netWeightKg(parsed.elements()), parsed.elements());
    return new Result(b, null);
  }

  private static BigDecimal netWeightKg(List<Gs1Element> elements) {
    for (Gs1Element e : elements) {
      if (e.ai().length() == 4 && e.ai().startsWith("310")) {
        return new BigDecimal(new BigInteger(e.value()), e.ai().charAt(3) - '0');
      }
    }
    return null;
  }
}
