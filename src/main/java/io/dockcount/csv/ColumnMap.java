package io.dockcount.csv;

import io.dockcount.core.UnitCode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which header name holds each logical field of each input kind.
 *
 * <p>By default a field is read from the column of the same name ({@code book_qty}); a WMS
 * export with other headers is read by mapping, e.g. {@code book.book_qty=Physical QOH}. Header
 * names match ignoring case and surrounding spaces.
 */
public final class ColumnMap {
  private final Map<String, String> mapping = new LinkedHashMap<>();

  /** Maps {@code kind.field} (e.g. {@code book.sku}) to a header name. */
  public ColumnMap put(String kindDotField, String header) {
    String key = kindDotField.strip().toLowerCase(Locale.ROOT);
    if (!key.matches("[a-z]+\\.[a-z_]+")) {
      throw new IllegalArgumentException("column mapping key must be KIND.FIELD, e.g. "
          + "book.book_qty: " + kindDotField);
    }
    String kind = key.substring(0, key.indexOf('.'));
    List<String> fields = FIELDS.get(kind);
    if (fields == null) {
      throw new IllegalArgumentException("column mapping " + kindDotField + ": no input kind '"
          + kind + "' (kinds: " + String.join(", ", FIELDS.keySet()) + ")");
    }
    if (!fields.contains(key.substring(kind.length() + 1))) {
      throw new IllegalArgumentException("column mapping " + kindDotField + ": " + kind
          + " has no field '" + key.substring(kind.length() + 1) + "' (fields: "
          + String.join(", ", fields) + ")");
    }
    if (header.isBlank() && !key.equals(UNREAD_ALLOWED)) {
      throw new IllegalArgumentException("column mapping " + kindDotField + ": no header "
          + "given; only " + UNREAD_ALLOWED + " may be left unread, by a blank header");
    }
    mapping.put(key, header.strip());
    return this;
  }

  /**
   * The one field a blank header leaves unread: ids each station or export numbers on its own
   * ({@code 1, 2, 3} in each of the files joined) are no record ids, and read as such they
   * would leave out every count whose number another file has. Any other field read from no
   * column would be a guess (a book unit column unread reads cases as eaches).
   */
  private static final String UNREAD_ALLOWED = "counts.count_id";

  /** The fields each input kind is read for: a mapping of anything else would do nothing. */
  private static final Map<String, List<String>> FIELDS = orderedFields();

  private static Map<String, List<String>> orderedFields() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("book", List.of("sku", "location", "book_qty", "lot", "book_uom"));
    m.put("counts", List.of("sku", "location", "count_qty", "count_uom", "lot", "count_id",
        "station", "round"));
    m.put("uom", List.of("sku", "uom", "qty_per_uom", "base_uom"));
    m.put("items", List.of("sku", "unit_cost", "description", "class", "cost_uom"));
    m.put("locations", List.of("name", "location", "warehouse"));
    m.put("barcodes", List.of("barcode", "sku", "uom"));
    m.put("movements", List.of("movement_id", "sku", "location", "qty", "moved_at", "lot",
        "kind"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Returns the header name for a field of a kind. */
  public String header(String kind, String field) {
    return mapping.getOrDefault(kind + "." + field, field);
  }

  /** Returns true when the field was mapped explicitly. */
  public boolean isMapped(String kind, String field) {
    return mapping.containsKey(kind + "." + field);
  }

  /**
   * Finds the columns of {@code fields} in {@code header}: the index of each, or -1 for an
   * optional field that is absent.
   *
   * @throws MissingColumnException when a required field has no column
   */
  public int[] resolve(String kind, String file, List<String> header, List<String> required,
      List<String> optional) {
    if (header.isEmpty() || header.size() == 1 && header.get(0).isBlank()) {
      // Not a column to map: an export that wrote nothing (or a blank first line).
      throw new MissingColumnException(file + ": the file is empty: no header row ("
          + ("items".equals(kind) ? "an " : "a ") + ("uom".equals(kind) ? "UOM" : kind)
          + " export that wrote nothing?)");
    }
    List<String> all = new ArrayList<>(required);
    all.addAll(optional);
    int[] index = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      String field = all.get(i);
      String name = header(kind, field);
      if (name.isEmpty()) {
        index[i] = -1; // left unread on purpose (see UNREAD_ALLOWED)
        continue;
      }
      index[i] = find(header, name);
      if (index[i] < 0 && i < required.size() && header.size() == 1
          && oneColumn(header.get(0)) != null) {
        throw new MissingColumnException(file + ": its header is one column " + oneColumn(
            header.get(0)) + ", which is not read: save the file separated by commas, "
            + "semicolons or tabs (header: " + header.get(0).strip() + ")");
      }
      if (index[i] < 0 && i < required.size()) {
        throw missing(kind, file, header, required.subList(i, required.size()));
      }
      if (index[i] < 0 && isMapped(kind, field)) {
        throw new MissingColumnException(file + ": no column '" + name + "' mapped for " + kind
            + "." + field + " (header: " + String.join(",", header) + ")");
      }
      if (index[i] >= 0 && find(header.subList(index[i] + 1, header.size()), name) >= 0) {
        // Taking the first of two would be a guess the reader never sees.
        throw new MissingColumnException(file + ": two columns are named '" + name + "' (for "
            + kind + "." + field + "); rename one or map another with --columns " + kind + "."
            + field + "=NAME");
      }
      for (int j = 0; j < i; j++) {
        if (index[i] >= 0 && index[j] == index[i]) {
          // One column cannot be two fields: a SKU read as a location would join nothing.
          throw new MissingColumnException(file + ": " + kind + "." + all.get(j) + " and "
              + kind + "." + field + " both read the column '" + header.get(index[i])
              + "'; map each to its own column with --columns");
        }
      }
    }
    return index;
  }

  /**
   * Names every required field of {@code fields} the header lacks, the first one included: an
   * export with headers of its own lacks several at once, and naming one per run would take
   * as many runs to map them.
   */
  private MissingColumnException missing(String kind, String file, List<String> header,
      List<String> fields) {
    List<String> names = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String field : fields) {
      String name = header(kind, field);
      if (!name.isEmpty() && find(header, name) < 0) {
        names.add("'" + name + "'");
        keys.add(kind + "." + field);
      }
    }
    String said = " (header: " + String.join(",", header) + "); map ";
    return new MissingColumnException(file + (keys.size() == 1
        ? ": no column " + names.get(0) + " for " + keys.get(0) + said + "one with --columns "
        : ": no columns " + listed(names) + " for " + listed(keys) + said + "them with --columns ")
        + String.join("=NAME --columns ", keys) + "=NAME" + notUtf8(header));
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String listed(List<String> items) {
    int last = items.size() - 1;
    return last == 0 ? items.get(0)
        : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
  }

  /**
   * Says how a header read as one column seems separated: a pipe (an export from a mainframe
   * or a WMS report), or runs of spaces (a fixed-width report), which the reader does not
   * split; null when it is neither.
   */
  private static String oneColumn(String header) {
    String h = header.strip();
    if (h.indexOf('|') >= 0) {
      return "separated by '|'";
    }
    return h.matches(".*\\S\\s{2,}\\S.*") ? "of words separated by spaces (a fixed-width "
        + "report?)" : null;
  }

  /**
   * Words that may stand beside a unit word ({@code UoM}, {@code unit}) in the header of the
   * unit the stock itself is kept in ({@code Base Unit}, {@code Stock UOM}, {@code Primary
   * UOM}). A header with any other word names another unit (the one a SKU is picked, received,
   * sold or weighed in: {@code Pick UOM}, {@code Secondary UOM}, {@code Weight UOM}) or
   * something else ({@code UOM Description}, {@code Business Unit}, {@code Unit Cost}).
   */
  private static final Set<String> STOCK_WORDS = Set.of("base", "stock", "stocking",
      "inventory", "count", "counting", "counted", "qty", "quantity", "book", "qoh", "on",
      "hand", "onhand", "primary");

  /**
   * Whole headers (as {@link #words} spells them, points left out: SAP's short labels abbreviate
   * with them) that name the unit the stock is kept in, in the languages of the ERPs whose
   * exports are read: SAP's labels of the base unit ({@code MEINS}: German {@code BME},
   * {@code Basismengeneinheit}, English {@code BUn}...) and the plain words for unit and unit of
   * measure. Whole headers only, as the words that stand beside a unit word differ by language,
   * and some name no unit of measure at all: a German {@code Lagereinheit} or a French
   * {@code Unité de stockage} is a storage unit (a pallet's number), never listed here; nor is
   * any other unit (of entry, sale, price, order); nor a plural ({@code Unidades},
   * {@code Unités}), which heads a quantity as often as {@code Units} does.
   */
  private static final Set<String> OTHER_LANGUAGES = Set.of(
      // English: the column heading SAP gives the base unit.
      "bun",
      // German
      "einheit", "me", "mengeneinheit", "basismengeneinheit", "basismengeneinh", "basis me",
      "bme", "basiseinheit", "lagermengeneinheit",
      // French
      "unité", "unité de mesure", "unités de mesure", "udm", "unité de base",
      "unité de mesure de base", "unité de quantité de base", "unité qté base",
      // Spanish and Portuguese
      "unidad", "unidad de medida", "unidad de medida base", "unidad medida base",
      "umb", "unidad base", "unidade", "unidade de medida", "unidade de medida básica",
      // Italian
      "unità", "unità di misura", "unità di misura base",
      // Dutch
      "eenheid", "maateenheid", "basiseenheid", "basishoeveelheidseenheid");

  /** The accented letters of the languages of {@link #OTHER_LANGUAGES}, in lower case. */
  private static final String LATIN_LETTERS = "éèêàâäöüßíóúñçùûôîïá";

  /**
   * Returns true when a header names the unit of measure of the quantity beside it: matched on
   * its words (case, spaces, underscores and hyphens aside), one a unit word ({@code uom},
   * {@code UOM1}, {@code UM}, {@code U/M}, {@code unit of measure}, or {@code unit} last) and
   * every other a word of stock ({@link #STOCK_WORDS}): {@code Unit}, {@code Stock UOM},
   * {@code Base Unit of Measure}, {@code Primary UOM}, {@code UOM Code}. Being sure matters
   * more than finding every one: a column taken wrongly refuses good rows, or the whole run
   * when two are found.
   */
  static boolean isUnitHeader(String header) {
    if (header.indexOf('\uFFFD') >= 0) {
      // Not UTF-8 (a Windows-1252 Unité read as Unit\uFFFD): a unit header with any accented
      // letter in place of the unreadable ones is one, which letter it was being no matter.
      for (char letter : LATIN_LETTERS.toCharArray()) {
        if (isUnitHeader(header.replace('\uFFFD', letter))) {
          return true;
        }
      }
      return false;
    }
    String apart = camelApart(header);
    if (!apart.equals(header) && isUnitHeader(apart)) {
      return true; // UnitOfMeasure, StockUOM: as spaced; BUn or UdM stay whole words below
    }
    String spelled = Normalizer.normalize(words(header), Normalizer.Form.NFC);
    if (OTHER_LANGUAGES.contains(spelled.replace(".", ""))) {
      return true;
    }
    String h = words(header).replaceAll("\\bunits? of measure(ment)?\\b", "uom")
        .replaceAll("(.) (code|name)$", "$1"); // Unit Code, UOM Name: the unit's own
    String[] words = h.split(" ");
    boolean unit = false;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.matches("(uom|um|u/m)[0-9]*") || w.equals("unit") && i == words.length - 1) {
        unit = true;
      } else if (!STOCK_WORDS.contains(w)) {
        return false;
      }
    }
    return unit;
  }

  /**
   * Returns a camelCase header with its words apart ({@code UnitOfMeasure} is
   * {@code Unit Of Measure}, {@code StockUOM} {@code Stock UOM}, {@code UOMCode}
   * {@code UOM Code}), as JSON-minded exports and OpenBoxes' templates write them; any other
   * header as it is. Tried beside the header as written: SAP's {@code BUn} is one word.
   */
  static String camelApart(String header) {
    return CAMEL.matcher(header).replaceAll(" ");
  }

  private static final java.util.regex.Pattern CAMEL =
      java.util.regex.Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

  /** Returns a header in lower case, its runs of spaces, underscores and hyphens one space. */
  static String words(String header) {
    return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
  }

  /**
   * Returns the book's unit column: {@code col[4]} when {@code book.book_uom} was found, else the
   * column whose header names a unit of measure ({@link #isUnitHeader}: {@code UoM},
   * {@code Unit of Measure}, {@code Base Unit}...) and no other field ({@code col[0..3]}: sku,
   * location, book_qty, lot); -1 when the book has none. A book quantity in another unit than
   * each must never be read as eaches, and a column saying so must not go unread.
   *
   * @throws MissingColumnException when several columns are so named: which one the quantity
   *     is in is not for the reader to guess
   */
  public static int bookUnitColumn(List<String> header, int[] col) {
    if (col[4] >= 0) {
      return col[4];
    }
    return onlyColumn(header, i -> i != col[0] && i != col[1] && i != col[2] && i != col[3]
        && isUnitHeader(header.get(i)), (n, names) -> "the book has " + n + " unit columns, "
            + names + ": map the one its quantity is in with --columns book.book_uom=NAME");
  }

  /**
   * What a column headed {@code Units} beside the book's quantity or the item master's cost says
   * of its unit, when no header named one ({@link #unitsColumn}).
   *
   * @param column the column, or -1 when no such column holds words (none, or figures)
   * @param header its header as written, stripped
   * @param words the distinct words its first filled rows hold, as written
   * @param known whether one of them is a unit {@link UnitCode#isKnown} knows, or one the
   *     site's UOM table names: then the column is the unit column; else its words may be
   *     units the table lacks, or other text
   * @param figures the distinct figures among those rows beside known units ({@code 7} among
   *     {@code Case} and {@code Each}): the column is still the unit column (read as none, it
   *     would make its cases eaches), and a figure in it is read as the unit column reads one
   *     (a book's unit without factor, refusing its row; an item's price unit)
   * @param unread the columns headed {@code Units} judged no unit column by their first
   *     values: a unit written further down in one is no figure to pass over ({@link Unread})
   */
  public record UnitsColumn(int column, String header, Set<String> words, boolean known,
      Set<String> figures, List<Unread> unread) {
    static final UnitsColumn NONE = new UnitsColumn(-1, null, Set.of(), false, Set.of(),
        List.of());

    /** Returns this with the columns {@code unread} beside it. */
    UnitsColumn with(List<Unread> more) {
      return more.isEmpty() ? this : new UnitsColumn(column, header, words, known, figures,
          List.copyOf(more));
    }

    /** The column to read as the unit column, or -1. */
    public int read() {
      return known ? column : -1;
    }

    /**
     * Returns what to tell the user of the column in {@code file}: read as {@code readAs}, or,
     * its words naming no known unit, left unread unless mapped as {@code field}; null when no
     * such column holds words.
     */
    public String notice(String file, String field, String readAs) {
      if (column < 0) {
        return null;
      }
      return known ? file + ": its column '" + header + "' holds units of measure (" + listed()
          + (figures.isEmpty() ? "" : ") and figures (" + shown(figures)) + "): read as " + readAs
          : noKnownUnit(file) + "not read as " + readAs + "; if they are units, --columns "
              + field + "=" + header + " reads them (each needs its factor in the UOM table)";
    }

    /**
     * Returns the refusal of {@code file} by a reader whose notes nobody reads as it runs (the
     * count service's files and deliveries) when the column's words name no unit known: read
     * as no unit, 2 cases of a site's own code would be 2 eaches. Null when there is none.
     */
    public String refusal(String file, String field) {
      return column < 0 || known ? null : noKnownUnit(file) + "refused, never read as eaches; "
          + "if they are units, map " + field + " to it (each needs its factor in the UOM table)";
    }

    private String noKnownUnit(String file) {
      return file + ": its column '" + header + "' holds words (" + listed() + ") but no unit "
          + "known to dockcount or named in the UOM table: ";
    }

    private String listed() {
      return shown(words);
    }
  }

  /** Returns each of {@code words} as {@link UnitCode#squeezed} spells it. */
  private static Set<String> squeezed(Set<String> words) {
    Set<String> out = new TreeSet<>();
    words.forEach(w -> out.add(UnitCode.squeezed(w)));
    return out;
  }

  /** Returns the first five of {@code values}, joined, and "..." when there are more. */
  private static String shown(Set<String> values) {
    List<String> first = values.stream().limit(5).toList();
    return String.join(", ", first) + (values.size() > first.size() ? "..." : "");
  }

  /**
   * A column that its first values made no unit column: one headed {@code Units} whose first
   * filled values ({@link #filledValues}) are figures (a quantity of units) or words naming no
   * unit known, or a unit column found by its header whose first rows hold plain numbers only
   * ({@link #figuresOnly}). Judging it on every value would take a pass over the file before
   * its rows are read; so a row that holds in it further down what may name a unit ({@code
   * CS}, a code the UOM table lacks such as {@code BAG}, or a figure with its unit such as
   * {@code 2CS}) is refused instead: read as no unit, 2 cases would be 2 eaches, and read as a
   * unit column, the figures above would be units.
   *
   * @param column its index
   * @param header its header as written, stripped
   * @param field the field mapping it reads it as the unit column ({@code book.book_uom})
   * @param held what its first filled values held, as said in a refusal
   * @param words the words naming no unit its first filled values held ({@link
   *     UnitCode#squeezed}): the same word further down is read as they were
   */
  public record Unread(int column, String header, String field, String held,
      Set<String> words) {
    public Unread {
      words = Set.copyOf(words);
    }

    /**
     * Spellings of no value at all, which a column of figures may hold where a row has none:
     * no unit, whatever the column is.
     */
    private static final Set<String> NO_VALUE = Set.of("N/A", "NA", "NONE", "NULL", "NIL");

    /**
     * Returns true when {@code value}, this column's in some row, refuses its row: it may name
     * a unit, as any text but a figure or a dash may ({@code CS}, {@code BAG}, {@code 2CS},
     * {@code 12 EA}, and with no letter {@code 12/1} or {@code #12}, a pack or a can size),
     * except a spelling of each ({@link #eachSpelled}), a word its first values held and a
     * spelling of no value ({@code n/a}, {@code #N/A}, {@code n.a.}). A blank, a figure or a
     * dash names none. A code no table names may be a site's unit as well as other text: read
     * as none, 2 bags of 10 would be 2 eaches.
     */
    public boolean refuses(String value) {
      if (value == null || namesNone(value)) {
        return false;
      }
      String written = UnitCode.squeezed(value);
      return !UnitCode.isEach(written) && !NO_VALUE.contains(lettersAndDigits(written))
          && !words.contains(written);
    }

    /**
     * Returns true when {@code value} is a spelling of each but {@code EA} ({@code each},
     * {@code PC}, {@code Stk}): whatever the column is, the row is read right as eaches unless
     * the SKU's UOM table gives that spelling another factor, which its reader asks; then it
     * refuses the row as {@link #refuses} does. EA is always one each.
     */
    public boolean eachSpelled(String value) {
      if (value == null || value.isBlank()) {
        return false;
      }
      String written = UnitCode.squeezed(value);
      return !written.equals(UnitCode.EACH) && UnitCode.isEach(written);
    }

    /**
     * Returns true when {@code value} holds nothing a unit is written with: digits (of any
     * script), spaces, the signs and separators of a figure, dashes. Anything else, a letter
     * or a slash, may be one.
     */
    private static boolean namesNone(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (!Character.isDigit(c) && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
            && ".,'+".indexOf(c) < 0 && Character.getType(c) != Character.DASH_PUNCTUATION) {
          return false;
        }
      }
      return true;
    }

    /** Returns {@code written} without its marks ({@code #N/A} is {@code NA}). */
    private static String lettersAndDigits(String written) {
      StringBuilder out = new StringBuilder(written.length());
      written.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
      return out.toString();
    }

    /**
     * Returns why a row is refused for a unit in one of {@code columns} ({@code "Units 'CS':
     * ..."}), or null when none holds one ({@link #refuses}), nor a spelling of each ({@link
     * #eachSpelled}) that {@code disputed} (the row's SKU's UOM table gives it another factor)
     * says is in doubt: the service's readers refuse the row (or delivery) with it, whatever
     * form their rows take.
     *
     * @param valueAt the row's text in a column, null beyond its end
     */
    public static String refusalIn(List<Unread> columns,
        java.util.function.IntFunction<String> valueAt,
        java.util.function.Predicate<String> disputed) {
      for (Unread u : columns) {
        String v = valueAt.apply(u.column());
        if (u.refuses(v) || u.eachSpelled(v) && disputed.test(v)) {
          return u.header() + " '" + v.strip() + "': " + u.refusal(v);
        }
      }
      return null;
    }

    /**
     * Returns why a row holding {@code value} in this column is refused ({@link #refuses}):
     * for a book, its quantity may be in that unit; for an item master, its cost may be per
     * it. A unit dockcount knows is named as one; any other value is quoted as written.
     */
    public String refusal(String value) {
      String v = value.strip();
      boolean known = UnitCode.isKnown(v);
      String unit = known ? v : "it";
      String may = field.startsWith("book.")
          ? "the row's quantity may be in " + unit + ", never read as eaches; if it is the "
              + "book's unit column"
          : field.startsWith("uom.") ? "its factor may count " + unit + ", never read as "
              + "eaches; if it is the unit the factors count"
          : "its cost may be per " + unit + ", never read as per each; if the costs are per "
              + "its units";
      return "column '" + header + "' held " + held + " in its first filled rows, so it is "
          + "read as no unit column, but holds " + (known ? "the unit " + v
              : "'" + v + "', which may name a unit (a code of the site's, or a figure with its "
                  + "unit)") + " here: " + may + ", map it with --columns " + field + "="
          + header;
    }

    /**
     * Returns the note saying that this column, found by its header as a unit column ({@link
     * ColumnMap#figuresOnly}), is read as none in {@code file}, and what becomes of a unit
     * further down.
     */
    public String note(String file) {
      String readAs = field.startsWith("book.") ? "read as no unit column"
          : field.startsWith("uom.") ? "its factors are read as eaches" : "its costs are read "
              + "per each";
      return file + ": its column '" + header + "' holds numbers, not units of measure: "
          + readAs + ", and a row holding a unit there further down is rejected (map it with "
          + "--columns " + field + "=" + header + " if it is the unit "
          + (field.startsWith("book.") ? "the book's quantities are in"
              : field.startsWith("uom.") ? "the factors count" : "the costs are per") + ")";
    }
  }

  /**
   * Why a row that is the header again ({@link #isHeaderAgain}) is refused, in the words every
   * reader says it with: {@code reconcile} and the service's start-up files reject that row, a
   * WMS delivery refuses itself whole, as it does for any bad row.
   */
  public static final String HEADER_AGAIN = "the header again (files joined with their "
      + "headers?): not a row";

  /**
   * Returns true when a row of {@code count} fields ({@code value} of each index) is the
   * header again, letter case and a BOM aside (files joined with their headers): its values are
   * column names, not units or figures. Judged with them, a {@code Units} column of figures
   * would hold the unit word {@code Units} and a {@code UoM} column more than numbers, and
   * either would be read as the unit column, refusing every row in unit {@code 7}.
   */
  public static boolean isHeaderAgain(List<String> header, int count,
      java.util.function.IntFunction<String> value) {
    int compared = Math.min(header.size(), count);
    if (compared < 2) {
      return false;
    }
    for (int i = 0; i < compared; i++) {
      if (!folded(header.get(i)).equals(folded(value.apply(i)))) {
        return false;
      }
    }
    return true;
  }

  private static String folded(String name) {
    if (name == null) {
      return ""; // a database row's NULL: no column name
    }
    String t = name.startsWith("\uFEFF") ? name.substring(1) : name;
    return t.strip().toLowerCase(Locale.ROOT);
  }

  /** How many of a file's first rows a unit column found by its header is judged by. */
  private static final int FIRST_ROWS = 16;

  /**
   * Returns the text of column {@code c} in {@code s}'s first 16 rows, the readable ones (a
   * blank where a row ends before it): what {@link #figuresOnly} judges a unit column by, the
   * same rows in every reader. {@code reconcile} reads them once for its other checks.
   */
  public static List<String> firstRows(RowSource s, int c) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    for (int n = 0; n < FIRST_ROWS && s.next(); n++) {
      if (s.problem() == null && !isHeaderAgain(s.header(), s.fieldCount(), s::text)) {
        out.add(c < s.fieldCount() ? s.text(c) : "");
      }
    }
    return out;
  }

  /**
   * Returns the unit column {@code column} of a {@code kind} file, found by its header ({@link
   * #bookUnitColumn}, {@link #costUnitColumn}, {@link #factorUnitColumn}), as a column read as
   * none when its first rows' values ({@code firstRows}, as {@link #firstRows} gives them)
   * hold plain whole numbers only, blanks aside: a quantity misnamed, whose figures read as
   * units would refuse every row. Null when it is read as the unit column: there is none
   * ({@code column < 0}), it holds anything else, it was mapped by hand, or it names the unit
   * a cost is per ({@code Price Unit}, {@code PEINH}), where a figure is a price unit (per
   * 100). Shared by {@code reconcile} and the service's files and deliveries, so all read
   * such a file alike, and all refuse a row holding a unit there further down ({@link
   * Unread#refuses}).
   */
  public Unread figuresOnly(String kind, List<String> header, int column,
      List<String> firstRows) {
    String field = switch (kind) {
      case "book" -> "book_uom";
      case "items" -> "cost_uom";
      case "uom" -> "base_uom";
      default -> throw new IllegalArgumentException("no unit column in a " + kind + " file");
    };
    if (column < 0 || isMapped(kind, field)
        || kind.equals("items") && isCostUnitHeader(header.get(column))) {
      return null;
    }
    Set<String> figures = new TreeSet<>();
    for (String v : firstRows) {
      String value = v.strip();
      if (value.isEmpty()) {
        continue;
      }
      if (!value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return null;
      }
      figures.add(value);
    }
    return figures.isEmpty() ? null : new Unread(column, header.get(column).strip(),
        kind + "." + field, "figures (" + shown(figures) + ")", Set.of());
  }

  /**
   * Returns the first 16 values of column {@code c} that are not blank, in {@code s}'s readable
   * rows (read on as far as needed): what {@link #unitsColumn} judges a column by, the same for
   * every reader. A column blank at the top may name units further down.
   */
  public static List<String> filledValues(RowSource s, int c) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    while (out.size() < 16 && s.next()) {
      if (s.problem() == null && c < s.fieldCount() && !s.isBlank(c)
          && !isHeaderAgain(s.header(), s.fieldCount(), s::text)) {
        out.add(s.text(c));
      }
    }
    return out;
  }

  /**
   * Returns the one column headed {@code Units} (case, spaces and camelCase aside), of none of
   * {@code col}, whose first filled values ({@code firstValues} of a column index: 16 at most,
   * blank ones skipped) hold words rather than figures: NetSuite writes the unit beside a
   * quantity so ({@code Case}, {@code Each}). The header alone names no unit, heading many a
   * quantity; but words beside the quantity say what it counts, and unread they make 2 cases
   * 2 eaches. A site's own code ({@code CTN24}) cannot be told from other text by itself, but
   * one the site's UOM table names ({@code siteUnits}, its canonical codes, asked only when no
   * word is a unit known anywhere) is a unit all the same, and so is a column of such units
   * beside figures ({@link UnitsColumn#figures}). Shared by {@code reconcile} and the
   * service's files and deliveries, so both read a file alike.
   *
   * @throws MissingColumnException when two such columns hold words: which one the quantity is
   *     in is not for the reader to guess
   */
  public static UnitsColumn unitsColumn(List<String> header, int[] col,
      java.util.function.IntFunction<List<String>> firstValues,
      java.util.function.Supplier<Set<String>> siteUnits, String file, String field) {
    UnitsColumn found = UnitsColumn.NONE;
    List<Unread> unread = new ArrayList<>(0);
    for (int i = 0; i < header.size(); i++) {
      final int at = i;
      if (java.util.Arrays.stream(col).anyMatch(c -> c == at)
          || !words(camelApart(header.get(i))).equals("units")) {
        continue;
      }
      // Judged by its first 16 filled values; a unit below figures refuses its row (Unread).
      Set<String> w = new TreeSet<>();
      Set<String> figures = new TreeSet<>();
      for (String v : firstValues.apply(i)) {
        if (v != null && !v.isBlank()) {
          (UnitCode.isFigure(v) ? figures : w).add(v.strip());
        }
      }
      String name = header.get(i).strip();
      if (w.isEmpty()) {
        if (!figures.isEmpty()) {
          unread.add(new Unread(i, name, field, "figures (" + shown(figures) + ")", Set.of()));
        }
        continue; // figures: a quantity of units; or nothing to tell by
      }
      boolean known = w.stream().anyMatch(UnitCode::isKnown)
          || w.stream().map(UnitCode::canonical).anyMatch(siteUnits.get()::contains);
      if (!known) {
        // A quantity column with a stray word (n/a), or words naming no unit: no unit column.
        unread.add(new Unread(i, name, field, (figures.isEmpty() ? "" : "figures ("
            + shown(figures) + ") and ") + "words naming no unit ("
            + shown(w) + ")", squeezed(w)));
      }
      if (!figures.isEmpty() && !known) {
        continue;
      }
      if (found.column() >= 0) {
        throw new MissingColumnException(file + ": two columns are named '"
            + header.get(i).strip() + "' and hold words; map the one the unit is in with "
            + "--columns " + field + "=NAME");
      }
      found = new UnitsColumn(i, name, w, known, known ? figures : Set.of(), List.of());
    }
    return found.with(unread);
  }

  /**
   * Returns the one column of {@code header} that {@code named} picks, -1 when none does.
   *
   * @throws MissingColumnException saying {@code several} (how many, and their names joined
   *     by "and") when several do: reading one of them would be a guess
   */
  private static int onlyColumn(List<String> header, java.util.function.IntPredicate named,
      java.util.function.BiFunction<Integer, String, String> several) {
    List<Integer> found = new ArrayList<>(1);
    for (int i = 0; i < header.size(); i++) {
      if (named.test(i)) {
        found.add(i);
      }
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      for (int i : found) {
        names.add("'" + header.get(i).strip() + "'");
      }
      throw new MissingColumnException(several.apply(found.size(), String.join(" and ", names)));
    }
    return found.isEmpty() ? -1 : found.get(0);
  }


  /**
   * Whole headers (as {@link #words} spells them) of the unit or quantity an item master's cost
   * is per, beside {@link #isUnitHeader}'s: {@code Cost UOM}, {@code Price Unit}, SAP's price
   * unit ({@code PEINH}, German {@code Preiseinheit}: a price per 100 pieces).
   */
  private static final Set<String> COST_UNIT_HEADERS = Set.of("cost uom", "cost um",
      "cost unit", "costing uom", "costing unit", "price uom", "price um", "price unit",
      "pricing unit", "cost unit of measure", "price unit of measure", "peinh", "preiseinheit",
      "unité de prix", "unidad de precio", "unità di prezzo", "prijseenheid");

  /** Returns true when a header names the unit or quantity a cost is per (not the item's). */
  static boolean isCostUnitHeader(String header) {
    return COST_UNIT_HEADERS.contains(Normalizer.normalize(words(header), Normalizer.Form.NFC))
        || COST_UNIT_HEADERS.contains(Normalizer.normalize(words(camelApart(header)),
            Normalizer.Form.NFC));
  }

  /**
   * Returns the item master's column of the unit its cost is per: {@code col[3]} when
   * {@code items.cost_uom} was found, else the one column other than {@code col[0..2]} (sku,
   * unit_cost, class) whose header names the item's unit ({@link #isUnitHeader}) or its cost's
   * ({@link #COST_UNIT_HEADERS}); -1 when it has none (costs are per each). A cost of 24.00 a
   * case read as 24.00 an each values a variance twelve times over.
   *
   * @throws MissingColumnException when several columns are so named
   */
  public static int costUnitColumn(List<String> header, int[] col) {
    if (col[3] >= 0) {
      return col[3];
    }
    return onlyColumn(header, i -> i != col[0] && i != col[1] && i != col[2]
        && (isUnitHeader(header.get(i)) || isCostUnitHeader(header.get(i))),
        (n, names) -> "the item master has " + n + " unit columns, " + names + ": map the one "
            + "its cost is per with --columns items.cost_uom=NAME");
  }


  /**
   * First words of a UOM table's header naming the unit a factor counts in a pack hierarchy
   * listed level by level ({@code To UOM}, {@code Per Unit}, {@code Lower UOM}: a pallet of 40
   * cases, a case of 4 inners), beside those {@link #isUnitHeader} takes ({@code Base UOM}).
   */
  private static final Set<String> FACTOR_UNIT_WORDS = Set.of("to", "per", "lower", "next",
      "child", "contained", "content", "contents", "target");

  /**
   * Returns the UOM table's column of the unit {@code qty_per_uom} counts ({@code base_uom},
   * {@code To UOM}, {@code Base Unit}...): {@code col[3]} when {@code uom.base_uom} was found,
   * else the one column other than {@code col[0..2]} so named; -1 when the table has none (its
   * factors are eaches). A factor of 40 CS per pallet read as 40 eaches would put 920 of a
   * 960-each pallet short.
   *
   * @throws MissingColumnException when several columns are so named
   */
  public static int factorUnitColumn(List<String> header, int[] col) {
    if (col[3] >= 0) {
      return col[3];
    }
    return onlyColumn(header, i -> {
      if (i == col[0] || i == col[1] || i == col[2]) {
        return false;
      }
      String[] w = words(camelApart(header.get(i))).split(" ");
      return isUnitHeader(header.get(i)) || w.length == 2 && FACTOR_UNIT_WORDS.contains(w[0])
          && w[1].matches("uom|um|unit");
    }, (n, names) -> "the UOM table has " + n + " columns naming a unit beside its uom column, "
        + names + ": map the one qty_per_uom counts in with --columns uom.base_uom=NAME");
  }


  /**
   * Headers of the denominator of a unit's factor, as SAP's UOM table ({@code MARM}) writes a
   * factor over two columns: {@code Zähler}/{@code Nenner} (numerator over denominator: 1 G is
   * 1/1000 KG, 1 KAR 12/1 ST), the technical {@code UMREN} in any language.
   */
  private static final Set<String> DENOMINATOR_HEADERS = Set.of("nenner", "umren",
      "denominator", "dénominateur", "denominador", "denominatore", "noemer");

  /** Headers of the numerator over such a denominator ({@link #DENOMINATOR_HEADERS}). */
  private static final Set<String> NUMERATOR_HEADERS = Set.of("zähler", "umrez", "numerator",
      "numérateur", "numerador", "numeratore", "teller");

  /**
   * Returns the UOM table's denominator column ({@link #DENOMINATOR_HEADERS}), not one of the
   * columns read ({@code col}), when the factor is read from a numerator ({@code Zähler},
   * {@code UMREZ}, {@code Numerator}...); else -1. A factor read from its numerator alone
   * would be 1 for 1/1000, and 24 for 24/2; one read from a column of another name may be the
   * quotient already, so a denominator beside it is not taken to divide it again.
   */
  public static int denominatorColumn(List<String> header, int[] col) {
    if (!named(NUMERATOR_HEADERS, header.get(col[2]))) {
      return -1;
    }
    for (int i = 0; i < header.size(); i++) {
      if (i != col[0] && i != col[1] && i != col[2] && named(DENOMINATOR_HEADERS, header.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns true when {@code names} holds {@code header} as {@link #words} spells it. A header
   * that is not UTF-8 (SAP's Zähler saved as Windows-1252, read as Z\uFFFDhler) is held when an
   * accented letter in place of its unreadable ones makes it so, as a unit header is found: the
   * numerator read alone would count 1/1000 KG as a kilogram's eaches.
   */
  private static boolean named(Set<String> names, String header) {
    String h = Normalizer.normalize(words(header), Normalizer.Form.NFC);
    if (h.indexOf('\uFFFD') < 0) {
      return names.contains(h);
    }
    for (char letter : LATIN_LETTERS.toCharArray()) {
      if (names.contains(h.replace('\uFFFD', letter))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the note for a factor read as {@code numerator} over {@code denominator} (columns
   * {@link #denominatorColumn} found) whose headers are not UTF-8 text, or null: the file's
   * other text (its units, its SKUs) is not UTF-8 either.
   */
  public static String factorHeadersNotUtf8(List<String> header, int numerator,
      int denominator) {
    String over = header.get(numerator).strip();
    String under = header.get(denominator).strip();
    if (over.indexOf('\uFFFD') < 0 && under.indexOf('\uFFFD') < 0) {
      return null;
    }
    return "its columns '" + over + "' over '" + under + "' are not UTF-8 text (a Windows-1252 "
        + "export?), but name a factor's numerator and denominator: the factor is read as their "
        + "quotient; save the file as UTF-8";
  }

  /**
   * Returns a note when the header holds text that was not UTF-8 (read as U+FFFD): a name
   * mapped as the user sees it on screen would not match it either.
   */
  private static String notUtf8(List<String> header) {
    for (String h : header) {
      if (h.indexOf('\uFFFD') >= 0) {
        return "; the header is not UTF-8 ('" + h + "': a Windows-1252 or Latin-1 export?): "
            + "export the file as UTF-8";
      }
    }
    return "";
  }

  /**
   * Returns the column named {@code name}, case and surrounding spaces aside, and in either
   * Unicode composition: a Mac export's Quantité (e and a combining accent) is the Quantité
   * typed on the command line, which looks the same.
   */
  private static int find(List<String> header, String name) {
    String wanted = Normalizer.normalize(name, Normalizer.Form.NFC);
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip();
      if (h.equalsIgnoreCase(name) || h.equalsIgnoreCase(wanted)
          || Normalizer.normalize(h, Normalizer.Form.NFC).equalsIgnoreCase(wanted)) {
        return i;
      }
    }
    return unreadableAs(header, wanted);
  }

  /**
   * Returns the one column whose header is {@code wanted} but for its letters that were not
   * UTF-8 (a Windows-1252 {@code Zähler} reads {@code Z\uFFFDhler}), each standing for one
   * letter beyond ASCII in {@code wanted}; -1 when none or several are. The user types the
   * header as a spreadsheet shows it, and the file's other text says it is not UTF-8 anyway.
   */
  private static int unreadableAs(List<String> header, String wanted) {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip();
      if (h.indexOf('\uFFFD') < 0 || h.length() != wanted.length()) {
        continue;
      }
      boolean same = true;
      for (int k = 0; same && k < h.length(); k++) {
        char c = h.charAt(k);
        same = c == '\uFFFD' ? wanted.charAt(k) >= 0x80
            : Character.toLowerCase(c) == Character.toLowerCase(wanted.charAt(k));
      }
      if (same) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  /** A required column is absent: the run cannot go on. */
  public static final class MissingColumnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }
}
