package io.dockcount.core;

import java.util.Locale;

/**
 * Keys (SKUs, locations, lots, ids) as another system may have rewritten them: the forms the
 * reconciliation and the stations compare to say "probably the same key, keyed another way"
 * (they never join on them: keys are exact text).
 */
public final class KeyText {
  private KeyText() {}

  /**
   * The error values spreadsheets write in a cell whose formula failed (Excel's, in English and
   * the main European languages, and Google Sheets' #ERROR!). A lookup that found no SKU or
   * location leaves one in each row it missed: as a key, those rows would all be one item, or
   * one bin.
   */
  private static final java.util.Set<String> SPREADSHEET_ERRORS = java.util.Set.of(
      // English
      "#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#SPILL!", "#CALC!",
      "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#GETTING_DATA", "#ERROR!",
      // German, French, Spanish, Italian and Dutch Excel
      "#NV", "#WERT!", "#BEZUG!", "#ZAHL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#NUL!",
      "#¡VALOR!", "#¿NOMBRE?", "#¡REF!", "#¡NUM!", "#¡DIV/0!", "#¡NULO!", "#N/D", "#VALORE!",
      "#RIF!", "#NOME?", "#NULLO!", "#N/B", "#WAARDE!", "#VERW!", "#NAAM?", "#GETAL!",
      "#LEEG!");

  /**
   * Returns true when {@code buf[start, start+len)}, spaces aside, is a spreadsheet's error
   * value ({@code #N/A}, {@code #REF!}...): no key, only the trace of a formula that failed.
   * A field that does not start with {@code #} costs a few compares and no object.
   */
  public static boolean isSpreadsheetError(byte[] buf, int start, int len) {
    int i = start;
    int end = start + len;
    while (i < end && buf[i] == ' ') {
      i++;
    }
    while (end > i && buf[end - 1] == ' ') {
      end--;
    }
    if (i == end || buf[i] != '#' || end - i > 16) {
      return false;
    }
    // Compared as bytes: a site whose keys start with '#' asks this of every row.
    for (byte[] error : ERROR_BYTES) {
      if (error.length == end - i && sameBytesAnyCase(buf, i, error)) {
        return true;
      }
    }
    return false;
  }

  /** {@link #SPREADSHEET_ERRORS} in UTF-8. */
  private static final byte[][] ERROR_BYTES = SPREADSHEET_ERRORS.stream()
      .map(e -> e.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toArray(byte[][]::new);

  /** Whether {@code buf} from {@code i} holds {@code upper}, ASCII letters in either case. */
  private static boolean sameBytesAnyCase(byte[] buf, int i, byte[] upper) {
    for (int k = 0; k < upper.length; k++) {
      byte c = buf[i + k];
      if (c != upper[k] && !(c >= 'a' && c <= 'z' && c - 32 == upper[k])) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a key field holding a spreadsheet's error value ({@link #isSpreadsheetError}) is, to
   * follow its value; the refusal then says what it is not.
   */
  public static final String ERROR_VALUE_OF = "is a spreadsheet's error value (a formula that "
      + "failed, such as a lookup that found nothing)";

  /** {@link #ERROR_VALUE_OF} for a key of any field. */
  public static final String ERROR_VALUE = ERROR_VALUE_OF + ", not a key";

  /**
   * The key fields refused when they hold a spreadsheet's error value: the SKU, location and
   * lot, which a failed lookup would make one item, one bin or one lot (a blank lot is "no lot";
   * {@code #N/A} is a lot nobody knows).
   */
  public static final java.util.Set<String> ERROR_VALUE_FIELDS = java.util.Set.of("sku",
      "location", "lot");

  /**
   * Returns the line break beyond ASCII that starts at {@code buf[i]} in UTF-8 text ending at
   * {@code end} (U+0085 next line, U+2028 line separator, U+2029 paragraph separator), or -1.
   * Invisible as the control characters below 0x20 are, and as foreign to a key: typed or
   * pasted into a cell, one makes a SKU or bin that looks like another.
   */
  public static int lineBreakAt(byte[] buf, int i, int end) {
    if (buf[i] == (byte) 0xC2 && i + 1 < end && buf[i + 1] == (byte) 0x85) {
      return 0x85;
    }
    if (buf[i] == (byte) 0xE2 && i + 2 < end && buf[i + 1] == (byte) 0x80
        && (buf[i + 2] == (byte) 0xA8 || buf[i + 2] == (byte) 0xA9)) {
      return buf[i + 2] == (byte) 0xA8 ? 0x2028 : 0x2029;
    }
    return -1;
  }

  /** Returns {@code s} without its leading zeros, keeping the last character ({@code 0}). */
  public static String withoutLeadingZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /**
   * A key as a spreadsheet or another system might have rewritten it: letter case, Unicode
   * composition (an é written as one character, or as e and an accent, as macOS exports do),
   * spaces (fixed-width exports pad their columns) and a spreadsheet's text guard
   * ({@code ="0012"}).
   */
  public static String loose(String key) {
    String k = key.strip();
    if (k.length() > 3 && k.startsWith("=\"") && k.endsWith("\"")) {
      k = k.substring(2, k.length() - 1);
    }
    StringBuilder b = new StringBuilder(k.length());
    String nfc = java.text.Normalizer.normalize(k, java.text.Normalizer.Form.NFC);
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212') {
        b.append('-'); // a word processor's en dash or minus for a hyphen
      } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)
          && Character.getType(c) != Character.FORMAT) { // zero-width spaces and joiners
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static final java.util.regex.Pattern SCIENTIFIC =
      java.util.regex.Pattern.compile(
          "[1-9]([.,][0-9]+)?[eE]\\+?0*(1[1-9]|[2-9][0-9]|[1-9][0-9]{2})");

  /**
   * Returns true when {@code scientific} is how a spreadsheet shows a long number it took a
   * code for ({@code 1.23457E+12}, or {@code 1,23457E+12} in a decimal-comma locale: the digits
   * past the sixth are lost) and {@code digits} is a code it may have been
   * ({@code 1234567890123}, which rounds to it, written in any {@link #spelling}:
   * {@code 01234567890123}, {@code 1234567890123.0}).
   */
  public static boolean spreadsheetNumberOf(String scientific, String digits) {
    String sci = scientific.strip();
    String code = spelling(digits);
    if (!SCIENTIFIC.matcher(sci).matches() || code.isEmpty()
        || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    java.math.BigDecimal shown = shownNumber(sci);
    java.math.BigDecimal rounded = new java.math.BigDecimal(code).round(
        new java.math.MathContext(shown.precision(), java.math.RoundingMode.HALF_UP));
    return rounded.compareTo(shown) == 0;
  }

  /**
   * Returns true when {@code key} reads as a number in scientific notation
   * ({@code 1.23457E+12}, or {@code 1,23457E+12} with a decimal comma).
   */
  public static boolean looksScientific(String key) {
    return SCIENTIFIC.matcher(key.strip()).matches();
  }

  /**
   * Returns the number a {@link #looksScientific} key shows ({@code 3.54158E+11}), without
   * trailing zeros, or null for any other key: what a long numeric code was rounded to.
   */
  public static java.math.BigDecimal scientificValue(String key) {
    return looksScientific(key) ? shownNumber(key).stripTrailingZeros() : null;
  }

  /** Returns the number a {@link #looksScientific} key shows, its decimal comma read as a point. */
  static java.math.BigDecimal shownNumber(String scientific) {
    return new java.math.BigDecimal(scientific.strip().replace(',', '.'));
  }

  /**
   * Returns true when {@code a} and {@code b} are probably one key written two ways: the same
   * {@link #spelling}, or one is a spreadsheet's scientific notation of the other
   * ({@link #spreadsheetNumberOf}).
   */
  public static boolean oneKey(String a, String b) {
    return spelling(a).equals(spelling(b)) || spreadsheetNumberOf(a, b)
        || spreadsheetNumberOf(b, a);
  }

  /** A location as {@link #spelling} has it ({@code A-01-03} and {@code A-1-3} are one bin). */
  public static String looseLocation(String location) {
    return spelling(location);
  }

  /**
   * A key as the "keyed another way" hints compare it: {@link #loose}, each number in it
   * without its leading zeros ({@code A-01-03}, {@code RM01}, {@code A.01.03} and
   * {@code 00123} as {@code a-1-3}, {@code rm1}, {@code a.1.3} and {@code 123}), and a whole
   * number without a fraction of zeros ({@code 913.0}, as pandas or a spreadsheet saves a
   * column of codes it took for numbers; {@code 913,0} where the decimal point is a comma).
   * Only those zeros go: {@code 10} is not {@code 1}, {@code } is not {@code A-1}, and a
   * decimal keeps the zeros after its point or comma ({@code 1.05} is not {@code 1.5}).
   */
  public static String spelling(String key) {
    // Spaces between two digits part two numbers (R 1 12 is not R 11 2): kept as a mark.
    boolean spaced = false;
    for (int i = 0; i < key.length() && !spaced; i++) {
      spaced = Character.isWhitespace(key.charAt(i)) || Character.isSpaceChar(key.charAt(i));
    }
    String k = loose(spaced ? DIGIT_SPACE.matcher(key).replaceAll(RUN_BREAK) : key);
    StringBuilder b = new StringBuilder(k.length());
    spell(k, b);
    return b.toString();
  }

  /**
   * Writes {@link #spelling} of the key held as ASCII bytes {@code a[off, off + len)} to
   * {@code out} (cleared first), with {@code scratch} as working space: no String is made, so
   * a caller can compare every bin code's spelling at no cost in garbage.
   */
  /** Spaces between two digits, and what {@link #spelling} keeps of them. */
  private static final java.util.regex.Pattern DIGIT_SPACE =
      java.util.regex.Pattern.compile("(?<=[0-9])[\\s\\u00a0\\u2007\\u202f]+(?=[0-9])");
  private static final String RUN_BREAK = "\u0001";

  static void spellAscii(byte[] a, int off, int len, StringBuilder scratch, StringBuilder out) {
    // loose() on ASCII: strip, the text guard, no spaces or control spaces, lower case.
    int from = off;
    int to = off + len;
    while (from < to && isAsciiSpace(a[from])) {
      from++;
    }
    while (to > from && isAsciiSpace(a[to - 1])) {
      to--;
    }
    if (to - from > 3 && a[from] == '=' && a[from + 1] == '"' && a[to - 1] == '"') {
      from += 2;
      to--;
    }
    scratch.setLength(0);
    for (int i = from; i < to; i++) {
      byte c = a[i];
      if (!isAsciiSpace(c)) {
        scratch.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
      } else if (i > from && isDigit((char) a[i - 1])) {
        int j = i;
        while (j < to && isAsciiSpace(a[j])) {
          j++;
        }
        if (j < to && isDigit((char) a[j])) {
          scratch.append(RUN_BREAK); // as spelling() keeps spaces between two digits
        }
        i = j - 1;
      }
    }
    out.setLength(0);
    spell(scratch, out);
  }

  /** The ASCII characters {@link #loose} drops: what {@link Character#isWhitespace} says. */
  private static boolean isAsciiSpace(byte c) {
    return c == ' ' || c >= 9 && c <= 13 || c >= 28 && c <= 31;
  }

  /** Writes the {@link #loose} key {@code k} to {@code out} with its numbers' zeros dropped. */
  private static void spell(CharSequence k, StringBuilder out) {
    int end = wholeNumberEnd(k);
    int i = 0;
    while (i < end) {
      if (!isDigit(k.charAt(i))) {
        out.append(k.charAt(i++));
        continue;
      }
      int j = i;
      while (j < end && isDigit(k.charAt(j))) {
        j++;
      }
      int from = i;
      if (!isFraction(k, i, j, end)) {
        while (from < j - 1 && k.charAt(from) == '0') {
          from++;
        }
        // Zeros alone before letters at the start of a part are padding too (00Z, A-0B):
        // a spreadsheet drops them as it drops them before digits.
        if (k.charAt(from) == '0' && j < end && Character.isLetter(k.charAt(j))
            && (i == 0 || !Character.isLetterOrDigit(k.charAt(i - 1)))) {
          from = j;
        }
      }
      out.append(k, from, j);
      i = j;
    }
  }

  /**
   * Returns where the key ends without its fraction when it is a whole number with a fraction
   * of zeros only ({@code 913.0} and {@code 913,0} end before the point), else its length.
   */
  private static int wholeNumberEnd(CharSequence k) {
    int dot = 0;
    while (dot < k.length() && isDigit(k.charAt(dot))) {
      dot++;
    }
    if (dot == 0 || dot >= k.length() - 1 || !isPoint(k.charAt(dot))) {
      return k.length();
    }
    for (int i = dot + 1; i < k.length(); i++) {
      if (k.charAt(i) != '0') {
        return k.length();
      }
    }
    return dot;
  }

  /**
   * Returns true when the digits {@code k[i, j)} are a decimal's fraction, whose zeros are
   * digits: after a point (or a decimal comma) that follows a number written as numbers are (no
   * leading zero but for {@code 0.5}), which is not one of several dotted numbers as
   * {@code A.01.03} or a version {@code 1.2.3} is.
   */
  private static boolean isFraction(CharSequence k, int i, int j, int end) {
    if (i < 2 || !isPoint(k.charAt(i - 1)) || !isDigit(k.charAt(i - 2))) {
      return false;
    }
    char point = k.charAt(i - 1);
    if (j + 1 < end && k.charAt(j) == point && isDigit(k.charAt(j + 1))) {
      return false;
    }
    int s = i - 1;
    while (s > 0 && isDigit(k.charAt(s - 1))) {
      s--;
    }
    boolean padded = k.charAt(s) == '0' && i - 1 - s > 1;
    return !padded && (s == 0 || k.charAt(s - 1) != point);
  }

  /** A decimal point as spreadsheets write one: a point, or a comma in decimal-comma locales. */
  private static boolean isPoint(char c) {
    return c == '.' || c == ',';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
