package io.dockcount.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unit-of-measure codes as WMSs write them, reduced to one canonical code.
 *
 * <p>Matching ignores case and spaces ({@code "c s"}, {@code "Cs"} and {@code "CS"} are one
 * unit), and the usual synonyms fold together: {@code EACH} is {@code EA}, {@code CASE} is
 * {@code CS}, {@code PALLET} is {@code PL}, {@code CARTON} and {@code CTN} are {@code CT} (a
 * carton is not taken for a case, nor a box for either: a WMS may have all three), and other
 * languages' units as ERPs print them are read so too ({@code ST} and {@code Stück} are
 * {@code EA}, SAP's {@code KAR} and its English {@code CAR} are {@code CT}). A spelling of two
 * units stays its own ({@code CART}, a carton or a cart), so a count in it that the table does
 * not spell so is refused, naming the SKU's units, never converted by a guess. A code that is
 * no known synonym stays
 * itself (upper-cased, spaces removed), so a WMS's own codes such as {@code BTL} or
 * {@code PACK OF 6} still match between the UOM table and the counts.
 */
public final class UnitCode {
  /** The base unit every quantity is converted to. */
  public static final String EACH = "EA";

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("EACH", EACH), Map.entry("EACHES", EACH), Map.entry("UNIT", EACH),
      Map.entry("UNITS", EACH), Map.entry("PC", EACH), Map.entry("PCS", EACH),
      Map.entry("PIECE", EACH), Map.entry("PIECES", EACH), Map.entry("EA", EACH),
      Map.entry("CS", "CS"), Map.entry("CASE", "CS"), Map.entry("CASES", "CS"),
      Map.entry("CA", "CS"),
      Map.entry("IP", "IP"), Map.entry("INNER", "IP"), Map.entry("INNERPACK", "IP"),
      Map.entry("INNERPACKS", "IP"), Map.entry("INNERS", "IP"),
      Map.entry("PL", "PL"), Map.entry("PALLET", "PL"), Map.entry("PALLETS", "PL"),
      Map.entry("PLT", "PL"), Map.entry("PAL", "PL"),
      Map.entry("BX", "BX"), Map.entry("BOX", "BX"), Map.entry("BOXES", "BX"),
      Map.entry("CT", "CT"), Map.entry("CTN", "CT"), Map.entry("CTNS", "CT"),
      Map.entry("CARTON", "CT"), Map.entry("CARTONS", "CT"),
      // UN/ECE Recommendation 20 writes the package units of Recommendation 21 with an X.
      Map.entry("XCT", "CT"), Map.entry("XCS", "CS"), Map.entry("XBX", "BX"),
      Map.entry("XPX", "PL"),
      Map.entry("BTL", "BTL"), Map.entry("BOTTLE", "BTL"), Map.entry("BOTTLES", "BTL"),
      Map.entry("DZ", "DZ"), Map.entry("DOZ", "DZ"), Map.entry("DOZEN", "DZ"),
      Map.entry("PK", "PK"), Map.entry("PACK", "PK"), Map.entry("PACKS", "PK"),
      // Other languages' units as ERPs print them: the German SAP's Stück (ST), Karton (KAR,
      // which SAP prints CAR in English: X12's packaging code CAR, a carrier, is no unit of
      // stock, and a table giving both a factor has two for CT, so neither is used) and
      // Palette, the French pièce (and PCE, its ISO code, with C62 and H87 its UN/ECE ones)
      // and unité, the Spanish and Portuguese unidad (UN, UND), pieza, the Italian pezzo (PZ)
      // and unità, the Dutch stuk. A word that may be one of two units here is its own: the
      // Spanish caja is a case or a box, so it is CJ, its abbreviation, and neither CS nor BX;
      // CART (a carton, or a cart of goods) is CART.
      Map.entry("ST", EACH), Map.entry("STK", EACH), Map.entry("STCK", EACH),
      Map.entry("STÜCK", EACH), Map.entry("STUECK", EACH), Map.entry("STUK", EACH),
      Map.entry("STUKS", EACH), Map.entry("PCE", EACH), Map.entry("PIÈCE", EACH),
      Map.entry("PIÈCES", EACH), Map.entry("C62", EACH), Map.entry("H87", EACH),
      Map.entry("UN", EACH), Map.entry("UND", EACH), Map.entry("UNIDAD", EACH),
      Map.entry("UNIDADES", EACH), Map.entry("UNIDADE", EACH), Map.entry("PZA", EACH),
      Map.entry("PIEZA", EACH), Map.entry("PIEZAS", EACH), Map.entry("PZ", EACH),
      Map.entry("PEZZO", EACH), Map.entry("PEZZI", EACH), Map.entry("UNITÉ", EACH),
      Map.entry("UNITÉS", EACH), Map.entry("UNITE", EACH), Map.entry("UNITES", EACH),
      Map.entry("UNITÀ", EACH),
      Map.entry("KAR", "CT"), Map.entry("CAR", "CT"), Map.entry("KARTON", "CT"),
      Map.entry("KARTONS", "CT"),
      Map.entry("PALETTE", "PL"), Map.entry("PALETTEN", "PL"), Map.entry("PALETTES", "PL"),
      Map.entry("CJ", "CJ"), Map.entry("CAJA", "CJ"), Map.entry("CAJAS", "CJ"));

  /**
   * Units of weight, volume, length and area as WMSs and UN/ECE Recommendation 20 write them
   * (canonical codes). A count is whole eaches, so one scan of a package is never one of these:
   * a variable-measure item listed in one would count each package, whatever it weighs, as 1 KG.
   * Spellings that may be another unit somewhere ({@code T} a tray, {@code IN} an inner,
   * {@code GR} a gross, {@code PT} a part) are left out rather than guessed.
   */
  private static final Set<String> MEASURES = Set.of(
      "KG", "KGS", "KGM", "KILO", "KILOS", "KILOGRAM", "KILOGRAMS", "G", "GRM", "GRAM",
      "GRAMS", "MG", "MGM", "TNE", "TONNE", "TONNES", "LB", "LBS", "LBR", "POUND", "POUNDS",
      "OZ", "ONZ", "OUNCE", "OUNCES", "L", "LT", "LTR", "LITRE", "LITRES", "LITER", "LITERS",
      "ML", "MLT", "CL", "CLT", "DL", "DLT", "HL", "HLT", "GAL", "GLL", "QT", "M", "MTR", "METRE",
      "METRES", "METER", "METERS", "CM", "CMT", "MM", "MMT", "KM", "KMT", "FT", "FOT", "FEET",
      "FOOT", "YD", "YRD", "M2", "MTK", "SQM", "M3", "MTQ", "CBM");

  private UnitCode() {}

  /**
   * Returns true when {@code raw} is a unit of weight, volume, length or area ({@code KG},
   * {@code LB}, {@code L}, {@code M}...), which no count of whole packages can be in.
   */
  public static boolean isMeasure(String raw) {
    return MEASURES.contains(canonical(raw));
  }

  /**
   * Returns true when {@code raw} is a spelling this class knows as a unit ({@code Each},
   * {@code Case}, {@code PLT}, {@code KG}...), not a site's own code: enough to tell a column of
   * unit words from one of other text, where any code would say too little.
   */
  public static boolean isKnown(String raw) {
    String squeezed = squeezed(raw);
    return ALIASES.containsKey(squeezed) || MEASURES.contains(squeezed);
  }

  /**
   * Returns true when {@code value} is a figure as a quantity column holds one ({@code 12},
   * {@code 1,200.5}, or with its unit, {@code 12 EA}), not a word: for a header such as
   * {@code Units}, which heads a quantity as often as a unit. A code such as {@code 6PK} is a
   * word; whether a word is a unit ({@link #isKnown}, or a site's own code its UOM table names)
   * is the caller's to ask.
   */
  public static boolean isFigure(String value) {
    return FIGURE.matcher(value.strip()).matches();
  }

  /**
   * A figure as a quantity column holds one, grouped or not ({@code 12}, {@code 1,200.5}), or
   * with its unit after a space ({@code 12 EA}); a code such as {@code 6PK} is a unit's.
   */
  private static final java.util.regex.Pattern FIGURE =
      java.util.regex.Pattern.compile("[-+]?[0-9][0-9.,' ]*( \\S.*)?");

  /**
   * Returns the canonical code of {@code raw}, or an empty string when {@code raw} is blank.
   */
  public static String canonical(String raw) {
    String squeezed = squeezed(raw);
    return ALIASES.getOrDefault(squeezed, squeezed);
  }

  /**
   * Returns {@code raw} as written, upper-cased, without spaces or a trailing dot, and not
   * folded to its synonym: {@code "pc"} is {@code PC}, where {@link #canonical} gives EA.
   */
  public static String squeezed(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) { // no-break spaces too
        sb.append(c);
      }
    }
    // NFC: a Stück or pièce from a Mac export (an accent apart from its letter) is one spelling.
    String squeezed = Normalizer.normalize(sb, Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
    if (squeezed.endsWith(".")) {
      squeezed = squeezed.substring(0, squeezed.length() - 1);
    }
    return squeezed;
  }

  /**
   * Returns why a UOM row giving {@code raw} a factor other than 1 cannot be used, or null
   * when the factor is 1. EA itself is the base unit. A synonym read as each ({@code PC},
   * {@code UNIT}, {@code EACH}) that a site's table gives another factor is a unit the site
   * uses otherwise: counts written in it for that SKU are refused, never taken as one each.
   */
  public static String eachWithFactor(String raw, long factor) {
    if (factor == 1) {
      return null;
    }
    String written = squeezed(raw);
    return written.equals(EACH) ? "EA is the base unit: its factor is always 1"
        : written + " is read as EA (each), whose factor is always 1, but the table gives it "
            + factor + ": counts in " + written + " for this SKU are refused until it agrees";
  }

  /**
   * Returns why a row in {@code written}, a spelling read as each ({@link #squeezed}), is in
   * doubt for a SKU whose UOM table ({@code file}, at {@code line}) gives it {@code factor}
   * eaches: one each or that many, either would be a guess. Every reader of the table says it
   * so.
   */
  public static String eachDisputed(String written, long factor, String file, long line) {
    return "the UOM table gives " + written + " " + factor + " EA (" + file + " line " + line
        + "), but " + written + " is read as each: which is it?";
  }

  /**
   * Returns the word a spelling read as each ({@link #squeezed}) is a form of, so that its
   * short, singular and plural forms are one: {@code PC}, {@code PCS}, {@code PIECE} and
   * {@code PIECES} are all {@code PIECE}. Any other spelling is returned as it is. A table that
   * gives {@code PC} another factor says nothing sure of {@code PCS} either.
   */
  public static String eachWord(String squeezed) {
    return switch (squeezed) {
      case "PC", "PCS", "PIECE", "PIECES", "PCE", "PIÈCE", "PIÈCES" -> "PIECE";
      case "UNIT", "UNITS", "UNITÉ", "UNITÉS", "UNITE", "UNITES", "UNITÀ" -> "UNIT";
      case "ST", "STK", "STCK", "STÜCK", "STUECK" -> "STÜCK";
      case "STUK", "STUKS" -> "STUK";
      case "UN", "UND", "UNIDAD", "UNIDADES", "UNIDADE" -> "UNIDAD";
      case "PZA", "PIEZA", "PIEZAS" -> "PIEZA";
      case "PZ", "PEZZO", "PEZZI" -> "PEZZO";
      case "EACH", "EACHES" -> "EACH";
      default -> squeezed;
    };
  }

  /**
   * Returns a unit as a rejection names it: as the file writes it, then the code it was read
   * as where that differs ({@code PAL (read as PL)}), so the user can find the value in the
   * file and see why the table's row for it did not apply. For messages only, never per row.
   */
  public static String asWritten(String raw) {
    String written = squeezed(raw);
    return named(ALIASES.getOrDefault(written, written), written);
  }

  /**
   * Returns a unit as {@link #asWritten} names it, from the code it is read as and its
   * spelling ({@link #squeezed}) kept with a row: {@code PAL (read as PL)}, or {@code PL}.
   */
  public static String named(String code, String written) {
    return written.equals(code) ? code : written + " (read as " + code + ")";
  }

  /**
   * A unit as a row writes it ({@link #squeezed}) and the code it is read as, so that a message
   * names what the user's file says. A table shares one per distinct spelling among its rows:
   * a million rows written alike hold one, not a string each.
   */
  public record Spelling(String code, String written) {
    /** Returns the spelling of {@code raw}, which must not be blank. */
    public static Spelling of(String raw) {
      return new Spelling(canonical(raw), squeezed(raw));
    }

    /** Names the unit as {@link #named(String, String)} does. */
    public String named() {
      return UnitCode.named(code, written);
    }
  }

  /** Returns true when {@code raw} names the base unit (each). */
  public static boolean isEach(String raw) {
    return EACH.equals(canonical(raw));
  }
}
