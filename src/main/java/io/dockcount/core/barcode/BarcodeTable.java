package io.dockcount.core.barcode;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.dockcount.core.UnitCode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which SKU and unit each barcode stands for: rows of {@code barcode,sku,uom}.
 *
 * <p>A barcode of GTIN form (8, 12, 13 or 14 digits) is kept as its GTIN-14, so a row written
 * as UPC-A {@code 012345678905} matches a scan of EAN-13 {@code 0012345678905} or of AI 01
 * {@code 00012345678905}; a GTIN-length code with a bad check digit is refused when loading.
 * Any other barcode (an internal label) matches exactly. SKUs and barcodes are text: leading
 * zeros stay. An unknown barcode is never guessed at: {@link #resolve} refuses it.
 *
 * <p>Immutable once built, so one table may be shared by every station.
 */
public final class BarcodeTable {
  /**
   * One barcode row: {@link #unit} is the canonical unit code ({@link UnitCode}), and
   * {@code spelling} the unit as the row wrote it too, for messages (shared by the rows of a
   * table that write it alike).
   */
  public record Entry(String barcode, String sku, UnitCode.Spelling spelling) {
    /** A row whose unit is written as the code it is read as. */
    public Entry(String barcode, String sku, String unit) {
      this(barcode, sku, new UnitCode.Spelling(unit, unit));
    }

    public String unit() {
      return spelling.code();
    }
  }

  /** A row that was not loaded, and why. */
  public record LoadError(long line, String message) {}

  /** A table and the rows it refused. */
  public record Loaded(BarcodeTable table, List<LoadError> errors) {
    public Loaded {
      errors = List.copyOf(errors);
    }
  }

  /**
   * What a scan counts: {@code quantity} of {@code unit} of {@code sku}, or {@code error} when
   * it counts nothing.
   */
  /**
   * What a scan counts: {@code quantity} of the SKU's {@code unit}.
   *
   * @param stated whether the quantity is the label's own count (AI 37 of a logistic unit, AI
   *     30 of a variable-measure item), which no keyed quantity may multiply
   * @param needsKeyed why the label counts only with a keyed quantity (a variable-measure item
   *     without its count; AI 30 on a fixed-measure GTIN, which GS1 makes no count), or null
   * @param unitWritten the unit as the barcode's row wrote it ({@code PAL} for {@code PL})
   */
  public record Resolution(String sku, String unit, long quantity, boolean stated,
      String needsKeyed, String error, String unitWritten) {
    /** A resolution whose unit was written as the code it is read as. */
    public Resolution(String sku, String unit, long quantity, boolean stated, String needsKeyed,
        String error) {
      this(sku, unit, quantity, stated, needsKeyed, error, unit);
    }

    public boolean ok() {
      return error == null;
    }

    /**
     * Names the unit as the barcode table wrote it and as it is read ({@code PAL (read as
     * PL)}), so that the installer finds the row in the file.
     */
    public String unitNamed() {
      return unit == null || unitWritten == null ? unit : UnitCode.named(unit, unitWritten);
    }

    static Resolution failed(String error) {
      return new Resolution(null, null, 0, false, null, error);
    }

    /**
     * Returns whether the scan counts nothing but names the SKU it would count: a row kept
     * out with a reason ({@link Builder#refused}), whose scans are held for that SKU.
     */
    public boolean held() {
      return error != null && sku != null;
    }
  }

  /** How the error of a {@link Resolution} for a barcode not in the table starts. */
  public static final String UNKNOWN = "unknown barcode";
  /**
   * How the error of a {@link Resolution} for a barcode the table gives two meanings starts;
   * the error names every meaning, so a supervisor sees which rows to settle.
   */
  public static final String TWO_MEANINGS = "barcode with two meanings";

  /** A barcode row the master data kept out, with why: its scans are held for the SKU. */
  private record Refused(String sku, String unit, String reason) {}

  private final Map<String, Entry> byKey;
  /** Keys given two meanings, with those meanings in the order met: unknown, and said so. */
  private final Map<String, List<Entry>> twoMeanings;
  /** Keys whose row was kept out, with why. */
  private final Map<String, Refused> refused;

  private BarcodeTable(Map<String, Entry> byKey, Map<String, List<Entry>> twoMeanings,
      Map<String, Refused> refused) {
    this.byKey = Map.copyOf(byKey);
    this.refused = Map.copyOf(refused);
    Map<String, List<Entry>> frozen = new HashMap<>();
    twoMeanings.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.twoMeanings = Map.copyOf(frozen);
  }

  /** Returns a builder that checks each row as it is added. */
  public static Builder builder() {
    return new Builder(VariableMeasure.NONE);
  }

  /**
   * Returns a builder that also refuses a row the site's variable-measure layouts read in a
   * weight or measure ({@link VariableMeasure#unitProblem}); its scans are held saying why.
   */
  public static Builder builder(VariableMeasure layouts) {
    return new Builder(Objects.requireNonNull(layouts, "layouts"));
  }

  /**
   * Reads CSV rows {@code barcode,sku,uom}; a first row whose first field is {@code barcode}
   * is a header. Rows with problems are reported in {@link Loaded#errors()} and skipped.
   */
  public static Loaded read(Reader csv) {
    return read(csv, VariableMeasure.NONE);
  }

  /** Reads rows as {@link #read(Reader)} does, checking each against the site's layouts. */
  public static Loaded read(Reader csv, VariableMeasure layouts) {
    Builder b = builder(layouts);
    List<LoadError> errors = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true)
        .ignoreDifferentFieldCount(true).ofCsvRecord(csv)) {
      boolean first = true;
      for (CsvRecord row : reader) {
        boolean header = first && row.getField(0).strip().toLowerCase(Locale.ROOT)
            .equals("barcode");
        first = false;
        if (header) {
          continue;
        }
        String error = row.getFieldCount() != 3
            ? "expected 3 fields barcode,sku,uom, got " + row.getFieldCount()
            : b.add(row.getField(0), row.getField(1), row.getField(2));
        if (error != null) {
          errors.add(new LoadError(row.getStartingLineNumber(), error));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read barcode table", e);
    }
    return new Loaded(b.build(), errors);
  }

  /** Returns the row for a barcode in any GTIN form or as exact text, or null. */
  public Entry find(String barcode) {
    String key = key(barcode);
    return key == null ? null : byKey.get(key);
  }

  public int size() {
    return byKey.size();
  }

  /**
   * Returns the barcode of a decoded scan: the decoder's, or, for a scan that reads two ways
   * (an EAN-8 that is a UPC-E too), the one reading this table lists alone; null when the scan
   * is refused ({@link #refusal} says why).
   */
  public DecodedBarcode reading(BarcodeDecoder.Result decoded) {
    return decoded.ok() ? decoded.barcode() : onlyListed(decoded.readings());
  }

  /** Says why a scan {@link #reading} gives no barcode for is refused. */
  public String refusal(BarcodeDecoder.Result decoded) {
    return decoded.error() + listedAs(decoded.readings());
  }

  /**
   * Returns the one reading of a scan that reads two ways whose GTIN the table lists, or null
   * when it lists none or more than one: then the scan stays refused.
   */
  private DecodedBarcode onlyListed(List<DecodedBarcode> readings) {
    DecodedBarcode found = null;
    for (DecodedBarcode b : readings) {
      if (listed(b.gtin())) {
        if (found != null) {
          return null;
        }
        found = b;
      }
    }
    return found;
  }

  /** Names what the table lists of the readings of a scan that reads two ways, or "". */
  private String listedAs(List<DecodedBarcode> readings) {
    List<String> named = new ArrayList<>();
    for (DecodedBarcode b : readings) {
      Entry e = listed(b.gtin()) ? byKey.get(b.gtin()) : null;
      if (e != null) {
        named.add(b.gtin() + " is " + e.unit() + " of " + e.sku());
      } else if (listed(b.gtin())) {
        named.add(b.gtin() + " is listed");
      }
    }
    return named.isEmpty() ? "" : " (the barcode table lists both: " + String.join(", ", named)
        + ")";
  }

  private boolean listed(String gtin) {
    return gtin != null && (byKey.containsKey(gtin) || twoMeanings.containsKey(gtin)
        || refused.containsKey(gtin));
  }

  /**
   * Resolves a decoded scan. A GTIN (plain or AI 01) counts 1 of its row's unit; a logistic-unit
   * label (AI 02 with AI 37) counts AI 37 of the content GTIN's unit (field report F06); text
   * matches a row exactly. AI 30 is a count only beside a variable-measure GTIN (indicator 9),
   * as GS1 defines it: such an item counts its AI 30, or a keyed quantity when its label has
   * none; on a fixed-measure GTIN AI 30 is no count, and the scan needs a keyed quantity
   * rather than a guess either way.
   */
  public Resolution resolve(DecodedBarcode b) {
    String key;
    long quantity = 1;
    boolean stated = false;
    String needsKeyed = null;
    if (b.contentGtin() != null) {
      key = b.contentGtin();
      quantity = b.count();
      stated = true;
    } else if (b.gtin() != null) {
      key = b.gtin();
      boolean withCount = b.elements().stream().anyMatch(e -> e.ai().equals("30"));
      boolean variableMeasure = variableMeasure(key);
      if (variableMeasure && withCount) {
        quantity = b.count();
        stated = true;
      } else if (variableMeasure) {
        needsKeyed = "variable-measure item (GTIN " + key + ") whose label states no count"
            + " (AI 30)";
      } else if (withCount) {
        needsKeyed = "AI (30) on fixed-measure GTIN " + key + " is no count of it (GS1 gives"
            + " a count in AI 30 to variable-measure GTINs only, indicator 9)";
      }
    } else if (b.sscc() != null) {
      return Resolution.failed("pallet label SSCC " + b.sscc() + " states no content (02+37)"
          + " \u2014 scan the label's content barcode (02 with 37), or count the cases");
    } else if (b.kind() == DecodedBarcode.Kind.GS1) {
      return Resolution.failed("GS1 label names no item (no AI 01 or 02)" + keyOf(b));
    } else {
      // Text of GTIN shape (a GTIN in a non-GS1 Code 128) still matches its GTIN row.
      key = key(b.data());
      if (key == null) {
        return Resolution.failed(UNKNOWN + " " + b.data() + " \u2014 " + Gtin.problem(b.data()));
      }
    }
    if (quantity <= 0) {
      return Resolution.failed("label states a count of " + quantity + " for " + key);
    }
    Entry e = byKey.get(key);
    List<Entry> meanings = e == null ? twoMeanings.get(key) : null;
    if (meanings != null) {
      // Never the first (or last) row: either would count one of two things.
      return Resolution.failed(TWO_MEANINGS + ": " + named(b, key) + " stands for "
          + meanings(meanings) + " in the barcode table \u2014 counted as neither until the"
          + " table gives it one meaning");
    }
    Refused kept = e == null ? refused.get(key) : null;
    if (kept != null) {
      return new Resolution(kept.sku(), kept.unit(), 0, false, null, kept.reason());
    }
    if (e == null) {
      return Resolution.failed(UNKNOWN + " " + named(b, key) + " \u2014 not in the barcode"
          + " table" + unlistedHint(key));
    }
    if (variableMeasure(key) && UnitCode.isMeasure(e.unit())) {
      return new Resolution(e.sku(), e.unit(), 0, false, null, measuredVariable(e));
    }
    if (b.layout() != null && UnitCode.isMeasure(e.unit())) {
      // A table built without the layouts (or a row that came another way): never 1 KG.
      return new Resolution(e.sku(), e.unit(), 0, false, null,
          VariableMeasure.unitProblem(b.layout(), e.barcode(), e.sku(), e.unit()));
    }
    return new Resolution(e.sku(), e.unit(), quantity, stated, needsKeyed, null,
        e.spelling().written());
  }

  /** Whether a key is a variable-measure GTIN-14 (indicator digit 9), as GS1 defines it. */
  private static boolean variableMeasure(String key) {
    return key.length() == 14 && key.charAt(0) == '9' && Gtin.isDigits(key);
  }

  /**
   * Says why a variable-measure GTIN listed in a weight or measure counts nothing: every
   * package of it weighs another amount, and a scan counts packages (its AI 30, or a keyed
   * quantity), so each would count as 1 KG whatever its (310n) says.
   */
  private static String measuredVariable(Entry e) {
    return "variable-measure GTIN " + e.barcode() + " (SKU " + e.sku() + ") is listed in unit "
        + e.spelling().written() + ", a weight or measure: each package would count as 1 "
        + e.unit() + " whatever it weighs (counts are whole packages; catch weight is not"
        + " counted). List its package unit instead (EA, or the pack it comes in)";
  }

  /**
   * Tells a supervisor what an unlisted GTIN-14 is, where its digits say so, or returns "": a
   * grouping (indicator 1-8) of an item the table lists, whose own row is missing (its count is
   * not that item's: never counted as it), or a restricted-circulation code (GTIN-13 prefix 02
   * or 20-29), whose embedded price or weight makes every label another code.
   */
  private String unlistedHint(String key) {
    if (key.length() != 14 || !Gtin.isDigits(key)) {
      return "";
    }
    if (key.charAt(0) >= '1' && key.charAt(0) <= '8') {
      String item = "0" + key.substring(1, 13);
      item += Gtin.checkDigit(item, 13);
      Entry grouped = byKey.get(item);
      return grouped == null ? "" : "; its indicator digit " + key.charAt(0) + " makes it a"
          + " grouping of GTIN " + item + ", which is " + grouped.unit() + " of "
          + grouped.sku() + ": list the grouping with its own unit (CS, IP...)";
    }
    return key.startsWith("02") || key.startsWith("002") ? "; a restricted-circulation code"
        + " (prefix 2): one with a price or weight inside is another code on every label, and"
        + " counts only as a code listed exactly, or as its item's code where the site sets"
        + " its layout (dockcount.counting.variable-measure)" : "";
  }

  /**
   * Names the other GS1 key a label carries, such as a Digital Link's (8006) ITIP, a piece of
   * a trade item that is no count of the item, or returns "".
   */
  private static String keyOf(DecodedBarcode b) {
    Gs1Element first = b.elements().isEmpty() ? null : b.elements().get(0);
    Gs1Ai spec = first == null ? null : Gs1AiTable.supported().get(first.ai());
    return spec == null || !spec.dlPrimaryKey() ? "" : ": its key is (" + spec.ai() + ") "
        + spec.title() + " " + first.value() + ", which a count does not take";
  }

  /** Says meanings as {@code EA of 00913 and CS of 00913} (a third: {@code A, B and C}). */
  public static String meanings(List<Entry> meanings) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < meanings.size(); i++) {
      out.append(i == 0 ? "" : i == meanings.size() - 1 ? " and " : ", ");
      out.append(meanings.get(i).unit()).append(" of ").append(meanings.get(i).sku());
    }
    return out.toString();
  }

  /** Names a scanned barcode: text as read, a GS1 string by its GTIN, a GTIN as scanned. */
  private static String named(DecodedBarcode b, String key) {
    return switch (b.kind()) {
      case TEXT -> b.data();
      case GS1 -> "GTIN " + key;
      case GTIN -> b.data() + " (GTIN " + key + ")";
    };
  }

  /**
   * Returns the lookup key of a barcode: its GTIN-14 (so {@code 5412345000013} and
   * {@code 05412345000013} are one barcode), the text itself, or null for a GTIN-length code
   * with a bad check digit. Master data is kept under this key.
   */
  public static String key(String barcode) {
    if (Gtin.isDigits(barcode) && Gtin.isGtinLength(barcode.length())) {
      return Gtin.problem(barcode) == null ? Gtin.toGtin14(barcode) : null;
    }
    return barcode;
  }

  /**
   * Returns why a barcode cell looks like a spreadsheet's rewrite of one, or null: scientific
   * notation ({@code 5.41235E+12}, the digits are lost) or a text guard ({@code ="0541..."}).
   * Such a row is refused rather than read as a barcode nobody will ever scan.
   */
  public static String spreadsheetDamage(String barcode) {
    if (SCIENTIFIC.matcher(barcode).matches()) {
      return "barcode " + barcode + " is in scientific notation (a spreadsheet rounded it): "
          + "its digits are lost; export the column as text";
    }
    if (barcode.startsWith("=")) {
      return "barcode " + barcode + " is a spreadsheet formula or text guard: write the "
          + "barcode's own digits";
    }
    return null;
  }

  /**
   * Returns why a barcode row of master data cannot be used as written, or null: a
   * spreadsheet's rewrite of it ({@link #spreadsheetDamage}) or a GTIN with a bad check digit.
   * Otherwise {@link #key} gives the key it is kept under.
   */
  public static String refusal(String barcode) {
    String damage = spreadsheetDamage(barcode);
    return damage != null ? damage
        : key(barcode) == null ? "barcode " + barcode + ": " + Gtin.problem(barcode) : null;
  }

  /**
   * Returns a note when an all-digit barcode is a few digits short of a GTIN and is a valid one
   * with leading zeros put back ({@code 12345678905} and {@code 012345678905}, a UPC-A whose zero
   * a spreadsheet dropped), or null. Such a row is kept as written, since a site may have codes
   * of its own of that length, but no scan of the GTIN's label will ever match it.
   */
  public static String lostLeadingZeros(String barcode) {
    int len = barcode.length();
    if (!Gtin.isDigits(barcode) || len < 7 || len > 11 || len == 8) {
      return null;
    }
    int gtinLength = len == 7 ? 8 : 12;
    String padded = "0".repeat(gtinLength - len) + barcode;
    if (!Gtin.hasValidCheckDigit(padded)) {
      return null;
    }
    return "barcode " + barcode + " has " + len + " digits, which no GTIN has, and " + padded
        + " is a valid " + (gtinLength == 8 ? "EAN-8" : "UPC-A") + ": a spreadsheet probably "
        + "dropped its leading zero" + (gtinLength - len == 1 ? "" : "s") + ". Kept as written, "
        + "so scans of that " + (gtinLength == 8 ? "EAN-8" : "UPC-A") + " label will not match "
        + "it: write " + padded + " if that is the code";
  }

  private static final java.util.regex.Pattern SCIENTIFIC =
      java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?[Ee][+-]?[0-9]+");

  /** Collects rows; {@link #add} returns a problem instead of adding a bad row. */
  public static final class Builder {
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, List<Entry>> twoMeanings = new HashMap<>();
    private final Map<String, Refused> refused = new HashMap<>();
    /** The spellings the rows use, each kept once (few), by itself and by the raw cell. */
    private final Map<UnitCode.Spelling, UnitCode.Spelling> spellings = new HashMap<>();
    private final Map<String, UnitCode.Spelling> spellingOfCell = new HashMap<>();
    private final VariableMeasure layouts;

    private Builder(VariableMeasure layouts) {
      this.layouts = layouts;
    }

    /**
     * Notes a barcode row the master data kept out because it cannot be counted as written
     * ({@code unit} of {@code sku}, as the row wrote it): a scan of the code is held for the
     * SKU, saying {@code reason}. A code the table has a row or two meanings for is left so.
     */
    public void refused(String barcode, String sku, String unit, String reason) {
      String key = key(barcode);
      if (key != null && !byKey.containsKey(key) && !twoMeanings.containsKey(key)) {
        refused.putIfAbsent(key, new Refused(sku, unit, reason));
      }
    }

    /** Adds a row, its {@code uom} as the file writes it; returns why it was refused, or null. */
    public String add(String barcode, String sku, String uom) {
      if (uom.isBlank()) {
        return "barcode, sku and uom must not be empty";
      }
      // One look-up per row: the few distinct cells are each read (normalized) once.
      return add(barcode, sku, spellingOfCell.computeIfAbsent(uom,
          cell -> shared(UnitCode.Spelling.of(cell))));
    }

    /**
     * Adds a row whose unit was read before: {@code unit} the code it is read as, {@code
     * written} how its row wrote it ({@link UnitCode#squeezed}); returns why it was refused, or
     * null.
     */
    public String add(String barcode, String sku, String unit, String written) {
      return add(barcode, sku, shared(new UnitCode.Spelling(unit, written)));
    }

    private UnitCode.Spelling shared(UnitCode.Spelling spelling) {
      return spellings.computeIfAbsent(spelling, s -> s);
    }

    private String add(String barcode, String sku, UnitCode.Spelling unit) {
      if (barcode.isEmpty() || sku.isEmpty() || unit.code().isEmpty()) {
        return "barcode, sku and uom must not be empty";
      }
      if (!barcode.strip().equals(barcode) || !sku.strip().equals(sku)) {
        return "barcode '" + barcode + "' or sku '" + sku + "' has surrounding spaces";
      }
      String damage = spreadsheetDamage(barcode);
      if (damage != null) {
        return damage;
      }
      if (Gtin.isDigits(barcode) && Gtin.isGtinLength(barcode.length())) {
        String problem = Gtin.problem(barcode);
        if (problem != null) {
          return problem;
        }
      }
      Entry entry = new Entry(barcode, sku, unit);
      String measured = layouts.unitProblem(barcode, sku, entry.unit());
      if (measured != null) {
        refused(barcode, sku, entry.unit(), measured);
        return measured;
      }
      String key = key(barcode);
      List<Entry> meanings = twoMeanings.get(key);
      if (meanings != null) {
        addMeaning(meanings, entry);
        return "barcode " + barcode + " already has two meanings (" + meanings(meanings)
            + "): it stays unknown";
      }
      Entry existing = byKey.putIfAbsent(key, entry);
      if (existing != null && !sameMeaning(existing, entry)) {
        // Keeping either would count one of two things: the barcode is unknown instead.
        byKey.remove(key);
        twoMeanings.put(key, new ArrayList<>(List.of(existing, entry)));
        return "barcode " + barcode + " is already " + existing.sku() + "/" + existing.unit()
            + " (row " + existing.barcode() + "), not " + sku + "/" + entry.unit()
            + ": with two meanings it is unknown (its scans are refused)";
      }
      return null;
    }

    /**
     * Notes a barcode the master data gave two meanings before this table was built: it is
     * unknown, and a scan of it says why, naming {@code meanings} (and a row of this table for
     * it in another form, when it has one).
     */
    public void twoMeanings(String barcode, List<Entry> meanings) {
      String key = key(barcode);
      if (key == null) {
        return;
      }
      List<Entry> all = twoMeanings.computeIfAbsent(key, k -> new ArrayList<>());
      Entry standing = byKey.remove(key);
      if (standing != null) {
        addMeaning(all, standing);
      }
      meanings.forEach(m -> addMeaning(all, m));
    }

    private static void addMeaning(List<Entry> meanings, Entry m) {
      if (meanings.stream().noneMatch(e -> sameMeaning(e, m))) {
        meanings.add(m);
      }
    }

    private static boolean sameMeaning(Entry a, Entry b) {
      return a.sku().equals(b.sku()) && a.unit().equals(b.unit());
    }

    public BarcodeTable build() {
      Map<String, Refused> stillRefused = new HashMap<>(refused);
      stillRefused.keySet().removeIf(k -> byKey.containsKey(k) || twoMeanings.containsKey(k));
      return new BarcodeTable(byKey, twoMeanings, stillRefused);
    }
  }
}
