package io.dockcount.core.barcode;

import io.dockcount.core.UnitCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A site's layouts of variable-measure EAN-13 and UPC-A codes: restricted-circulation numbers
 * (EAN-13 prefixes 20-29, UPC-A number system 2) whose digits hold an item reference and then
 * a price or weight, so that every label of one item is another code. GS1 leaves the layout to
 * each company or country, so it is never guessed: only a prefix the site configured is read,
 * as the item's code with the value digits (and a price check digit) zeroed and the check digit
 * recomputed, which is how {@code barcodes.csv} lists the item. A weight is kept; a price is no
 * count and is dropped. Neither changes what a scan counts: 1 of the row's unit, which must
 * therefore be a package unit, never a weight or measure ({@link #unitProblem}). A price check
 * digit is verified ({@link #priceCheckDigit}): the code's own check digit misses some misprints
 * of the value that it catches, and a code that fails it is refused rather than read.
 *
 * <p>Immutable and thread-safe.
 */
public final class VariableMeasure {
  /** No layouts: every prefix-2 code is read as the plain GTIN it looks like. */
  public static final VariableMeasure NONE = new VariableMeasure(List.of());

  /** What a layout's value digits hold. */
  public enum Value {
    /** The net weight in kilograms, with the layout's decimals. */
    WEIGHT_KG,
    /** The price; not a count, so not kept. */
    PRICE
  }

  /**
   * One layout, on the 13-digit form of the code (a UPC-A with a leading 0).
   *
   * @param prefix the first two digits: {@code 20}-{@code 29}, or {@code 02} for UPC-A number
   *     system 2
   * @param itemDigits how many digits of item reference follow the prefix
   * @param priceCheckDigit true when a price check digit stands between item and value (it is
   *     verified, then zeroed with the value); GS1 defines one over 4 or 5 value digits only
   * @param value what the value digits hold
   * @param decimals how many of the value digits are decimals
   */
  public record Layout(String prefix, int itemDigits, boolean priceCheckDigit, Value value,
      int decimals) {
    public Layout {
      Objects.requireNonNull(value, "value");
      if (prefix == null || !(prefix.equals("02") || (prefix.length() == 2
          && prefix.charAt(0) == '2' && Character.isDigit(prefix.charAt(1))))) {
        throw new IllegalArgumentException("prefix must be 20-29 (EAN-13) or 02 (UPC-A number"
            + " system 2), was " + prefix);
      }
      int valueDigits = 13 - 2 - itemDigits - (priceCheckDigit ? 1 : 0) - 1;
      if (itemDigits < 1 || valueDigits < 1) {
        throw new IllegalArgumentException("prefix " + prefix + ": item-digits " + itemDigits
            + (priceCheckDigit ? " and a price check digit" : "") + " leave no value digits"
            + " in 13");
      }
      if (priceCheckDigit && valueDigits != 4 && valueDigits != 5) {
        throw new IllegalArgumentException("prefix " + prefix + ": a price check digit over "
            + valueDigits + " value digits (item-digits " + itemDigits + ") is not defined: GS1"
            + " defines one over a 4- or 5-digit price or weight only (item-digits 5 or 4)");
      }
      if (decimals < 0 || decimals > valueDigits) {
        throw new IllegalArgumentException("prefix " + prefix + ": decimals " + decimals
            + " outside 0-" + valueDigits + " (the value has " + valueDigits + " digits)");
      }
    }

    /** Names the layout as the site config writes it, for messages. */
    public String describe() {
      return "variable-measure layout for prefix " + prefix + " (" + (value == Value.PRICE
          ? "price" : "weight-kg") + ")";
    }

    /** Returns where the digits after the item reference start in the 13-digit form. */
    int valueStart() {
      return 2 + itemDigits;
    }
  }

  private final Map<String, Layout> byPrefix;

  /**
   * @throws IllegalArgumentException when two layouts have one prefix
   */
  public VariableMeasure(List<Layout> layouts) {
    Map<String, Layout> map = new HashMap<>();
    for (Layout l : layouts) {
      if (map.put(l.prefix(), l) != null) {
        throw new IllegalArgumentException("two layouts for prefix " + l.prefix());
      }
    }
    this.byPrefix = Map.copyOf(map);
  }

  /** Returns the configured layouts, by prefix. */
  public List<Layout> layouts() {
    return new ArrayList<>(byPrefix.values());
  }

  /** Returns the layout that reads a barcode (in any GTIN form) as its item's code, or null. */
  public Layout layoutOf(String barcode) {
    if (byPrefix.isEmpty()) {
      return null; // the usual site: no layouts, no key to work out per row
    }
    String key = BarcodeTable.key(barcode);
    if (key == null || key.length() != 14 || !Gtin.isDigits(key) || key.charAt(0) != '0') {
      return null;
    }
    return byPrefix.get(key.substring(1, 3));
  }

  /**
   * Returns why a barcode row cannot stand for what a scan read through these layouts counts,
   * or null. Every label of such an item is one package of another weight or price, and a scan
   * counts 1 of the row's unit: in a weight or measure ({@link UnitCode#isMeasure}) each
   * package would count as 1 KG whatever it holds, and counts are whole packages (catch
   * weight is not counted). A price layout is no different: the price says nothing of a unit.
   */
  public String unitProblem(String barcode, String sku, String unit) {
    Layout l = layoutOf(barcode);
    if (l == null || !UnitCode.isMeasure(unit)) {
      return null;
    }
    return unitProblem(l, barcode, sku, unit);
  }

  /** Says why {@code unit}, a weight or measure, cannot be counted through {@code layout}. */
  static String unitProblem(Layout layout, String barcode, String sku, String unit) {
    return "barcode " + barcode + " (SKU " + sku + ") is read through the " + layout.describe()
        + ", so each scan is one package whatever it weighs, but its unit " + unit + " is a"
        + " weight or measure: every package would count as 1 " + unit + " (counts are whole"
        + " packages; catch weight is not counted). List the item's package unit instead (EA,"
        + " or the pack it comes in)";
  }

  /**
   * A variable-measure code read through its layout, or refused by it ({@code refusal} set, the
   * other fields null but the layout).
   */
  record Read(String itemGtin14, BigDecimal netWeightKg, Layout layout, String refusal) {}

  /**
   * Reads a valid GTIN-14 through its prefix's layout, or returns null when no layout has its
   * prefix (then it is the plain GTIN it looks like). {@code scanned} is the code as the scan
   * gave it, for a refusal to name.
   */
  Read read(String gtin14, String scanned) {
    if (byPrefix.isEmpty() || gtin14.charAt(0) != '0') {
      return null;
    }
    String code = gtin14.substring(1);
    Layout l = byPrefix.get(code.substring(0, 2));
    if (l == null) {
      return null;
    }
    int from = l.valueStart() + (l.priceCheckDigit() ? 1 : 0);
    String value = code.substring(from, 12);
    if (l.priceCheckDigit()) {
      int expected = priceCheckDigit(value);
      int found = code.charAt(l.valueStart()) - '0';
      if (found != expected) {
        return new Read(null, null, l, "bad price check digit in variable-measure code " + scanned
            + " (" + l.describe() + ", value digits " + value + "): expected " + expected
            + ", found " + found + ". A misprint or a misread, never counted: scan it again,"
            + " or key the item");
      }
    }
    String body = code.substring(0, l.valueStart()) + "0".repeat(12 - l.valueStart());
    String item = "0" + body + Gtin.checkDigit(body, 12);
    BigDecimal weight = l.value() == Value.WEIGHT_KG
        ? new BigDecimal(new BigInteger(value), l.decimals()) : null;
    return new Read(item, weight, l, null);
  }

  /*
   * The price check digit, as the GS1 General Specifications define it (section 7.9, check digit
   * calculation for price/weight fields), in our words: each value digit is multiplied by the
   * weighting factor of its position and the product reduced to one digit. Factor 3 keeps the
   * product's units digit; 2- and 5- take the units digit minus the tens digit, 5+ the units
   * digit plus the tens digit (both modulo 10). Over 4 digits the factors are 2-, 2-, 3, 5-, and
   * the check digit is the units digit of three times the sum. Over 5 digits they are 5+, 2-,
   * 5-, 5+, 2-; the sum's units digit is taken from 10 (10 counts as 0), and the check digit is
   * the digit whose 5- product is that number. The tables below are those products by digit.
   * Cross-checked against GS1's own worked examples (price 2875 -> 9, weight 14685 -> 6), by
   * hand (0399 -> 0 + 6 + 7 + 1 = 14, 3 x 14 = 42 -> 2; 01250 -> 0 + 2 + 9 + 7 + 0 = 18,
   * 10 - 8 = 2, and 5-(7) = 35 -> 5 - 3 = 2 -> 7) and against the arithmetic form of the rule
   * for every 4- and 5-digit value (VariableMeasureTest).
   */
  private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
  private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
  private static final int[] FIVE_PLUS = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
  private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};
  /** The digit whose 5- product is the index: FIVE_MINUS read backwards. */
  private static final int[] DIGIT_OF_FIVE_MINUS = {0, 9, 7, 5, 3, 1, 8, 6, 4, 2};

  /**
   * Returns the price check digit of a 4- or 5-digit price or weight field.
   *
   * @throws IllegalArgumentException for any other length, or a non-digit
   */
  static int priceCheckDigit(String value) {
    if ((value.length() != 4 && value.length() != 5) || !Gtin.isDigits(value)) {
      throw new IllegalArgumentException("a price check digit is defined over 4 or 5 digits,"
          + " not '" + value + "'");
    }
    int[] d = new int[value.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = value.charAt(i) - '0';
    }
    if (d.length == 4) {
      return 3 * (TWO_MINUS[d[0]] + TWO_MINUS[d[1]] + THREE[d[2]] + FIVE_MINUS[d[3]]) % 10;
    }
    int sum = FIVE_PLUS[d[0]] + TWO_MINUS[d[1]] + FIVE_MINUS[d[2]] + FIVE_PLUS[d[3]]
        + TWO_MINUS[d[4]];
    return DIGIT_OF_FIVE_MINUS[(10 - sum % 10) % 10];
  }
}
