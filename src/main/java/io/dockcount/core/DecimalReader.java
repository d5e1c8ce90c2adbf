package io.dockcount.core;

import java.math.BigDecimal;

/**
 * Reads plain decimal numbers ({@code 12}, {@code -30}, {@code 0.5}, {@code 2.50}) exactly, as an
 * unscaled long and a scale, without creating objects.
 *
 * <p>Anything else is refused with a reason, never guessed: a blank field, scientific notation
 * ({@code 1e3}), thousands separators, a decimal comma, more than 18 significant digits or more
 * than 9 decimals. One reader is reused for many fields by one thread; it is not thread-safe.
 */
public final class DecimalReader {
  private static final int MAX_DIGITS = 18;
  private static final int MAX_SCALE = 9;

  private long unscaled;
  private int scale;
  private String error;
  private boolean groupingAmbiguous;
  private boolean decimalComma;
  /** What declared the decimal comma, as a refusal names it for the user to look up. */
  private String declaredBy = "--decimal-comma";
  private byte point = '.';

  /**
   * Says whether the text comes from an export where a dot may group thousands (a file from a
   * decimal-comma locale). Then {@code 1.000} or {@code 12.500}
   * is refused as ambiguous (one thousand, or one?) rather than read as one: a dot followed by
   * exactly three digits after one to three digits, not starting with 0.
   */
  public void groupingAmbiguous(boolean ambiguous) {
    this.groupingAmbiguous = ambiguous;
  }

  /**
   * Says whether the text's numbers are written with a decimal comma ({@code 2,5}), as the user
   * declared of the whole file: then a comma is the decimal separator and a dot may only group
   * thousands, in groups of three after a first group of one to three digits not starting with
   * 0 ({@code 1.234,5}); any other dot is refused. Never inferred from the text.
   */
  public void decimalComma(boolean comma) {
    decimalComma(comma, "--decimal-comma");
  }

  /**
   * As {@link #decimalComma(boolean)}, for files read under {@code declaredBy} (the count
   * service's {@code dockcount.reconcile.decimal-comma = true}): a refusal names the setting
   * the user set, not reconcile's flag, which that user never typed.
   */
  public void decimalComma(boolean comma, String declaredBy) {
    this.decimalComma = comma;
    this.point = comma ? (byte) ',' : (byte) '.';
    this.declaredBy = declaredBy;
  }

  /** Returns the value read by the last successful call, without its decimal point. */
  public long unscaled() {
    return unscaled;
  }

  /** Returns the number of decimals of the last value read. */
  public int scale() {
    return scale;
  }

  /** Returns why the last call failed, or null after a success. */
  public String error() {
    return error;
  }

  /** Returns the last value read as a BigDecimal. */
  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(unscaled, scale);
  }

  /**
   * Reads {@code text}; returns false (see {@link #error()}) when it is not a plain decimal.
   * Accepts and refuses exactly what {@link #read(byte[], int, int)} does with the text's UTF-8
   * bytes: the service's files and drops are read through here, reconcile's through the bytes,
   * and a no-break space a spreadsheet put after {@code 2,5} must not pass in one only.
   */
  public boolean read(CharSequence text) {
    int len = text.length();
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        byte[] utf8 = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return read(utf8, 0, utf8.length);
      }
      b[i] = (byte) c;
    }
    return read(b, 0, len);
  }

  /**
   * Reads the ASCII number in {@code buf[start, start+len)}; spaces, tabs and no-break spaces
   * ({@link NoBreakSpaces}, which spreadsheets put after numbers) around it are allowed.
   */
  public boolean read(byte[] buf, int start, int len) {
    int i = start;
    int end = start + len;
    while (true) {
      int pad;
      if (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
        i++;
      } else if (i < end && buf[i] < 0 && (pad = NoBreakSpaces.at(buf, i, end)) > 0) {
        i += pad;
      } else {
        break;
      }
    }
    while (true) {
      int pad;
      if (end > i && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
        end--;
      } else if (end > i && buf[end - 1] < 0 && (pad = NoBreakSpaces.before(buf, i, end)) > 0) {
        end -= pad;
      } else {
        break;
      }
    }
    if (i == end) {
      return fail("blank");
    }
    boolean negative = false;
    if (buf[i] == '-' || buf[i] == '+') {
      negative = buf[i] == '-';
      i++;
    }
    long value = 0;
    int digits = 0;
    int decimals = -1;
    boolean sawDigit = false;
    int group = -1; // with a decimal comma: digits since the last grouping dot, -1 before one
    int whole = 0; // with a decimal comma: digits of the whole part, zeros included
    for (; i < end; i++) {
      byte c = buf[i];
      if (c >= '0' && c <= '9') {
        sawDigit = true;
        if (value != 0 || c != '0') {
          if (++digits > MAX_DIGITS) {
            if (decimals >= 0 && zerosOnly(buf, i, end)) {
              break; // 12.0000000000000000000 from a fixed-decimal export: 12, trimmed below
            }
            return fail("too many digits (more than " + MAX_DIGITS + ")");
          }
        }
        value = value * 10 + (c - '0');
        if (decimals >= 0) {
          decimals++;
        } else {
          whole++;
          group = group >= 0 ? group + 1 : -1;
        }
      } else if (c == point && decimals < 0) {
        if (group >= 0 && group != 3) {
          return fail(groups());
        }
        decimals = 0;
      } else if (decimalComma && c == '.' && decimals < 0) {
        // 1.234,5: a dot groups thousands, only where it can do nothing else
        if (group < 0 ? whole < 1 || whole > 3 || firstDigit(buf, start, end) == '0'
            : group != 3) {
          return fail(groups());
        }
        group = 0;
      } else {
        return fail(decimalComma && (c == '.' || c == ',') ? "two decimal commas, or a dot "
            + "after one: the numbers are read with a decimal comma (" + declaredBy + ")"
            : describe(buf, start, i, end));
      }
    }
    if (!sawDigit) {
      return fail("not a number");
    }
    if (group >= 0 && group != 3) {
      return fail(groups());
    }
    if (groupingAmbiguous && !decimalComma && decimals == 3 && digits >= 4 && digits <= 6
        && value != 0) {
      if (firstDigit(buf, start, end) != '0') {
        return fail("a dot and three digits in a decimal-comma export are ambiguous (a dot "
            + "grouping thousands, or decimals?): write the number without grouping (1000) or "
            + "with another number of decimals (1, 1.0); where the file's dots group thousands, "
            + "read it with a decimal comma (reconcile --decimal-comma, or, by reconcile and the "
            + "count service's files alike, dockcount.reconcile.decimal-comma = true)");
      }
    }
    while (decimals > MAX_SCALE && value % 10 == 0) {
      value /= 10; // 1.5000000000 from a fixed-decimal export is 1.5: the zeros lose nothing
      decimals--;
    }
    if (decimals > MAX_SCALE) {
      return fail("more than " + MAX_SCALE + " decimals");
    }
    this.unscaled = negative ? -value : value;
    this.scale = Math.max(decimals, 0);
    this.error = null;
    return true;
  }

  /**
   * Returns {@code unscaled / 10^scale * factor} when that is a whole number, or
   * {@code Long.MIN_VALUE} when it is not (or overflows).
   */
  public long timesExact(long factor) {
    try {
      long product = Math.multiplyExact(unscaled, factor);
      long divisor = POW10[scale];
      return product % divisor == 0 ? product / divisor : Long.MIN_VALUE;
    } catch (ArithmeticException overflow) {
      return Long.MIN_VALUE;
    }
  }

  /** Returns the last value when it is whole, else {@code Long.MIN_VALUE}. */
  public long wholeValue() {
    return timesExact(1);
  }

  static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
    1_000_000_000L
  };

  /** Why a dot in a number with a decimal comma is refused. */
  /** Built on a refusal only: a number read never pays for it. */
  private String groups() {
    return "a dot that does not group thousands (1.234,5) in a number with a decimal comma ("
        + declaredBy + ")";
  }

  private boolean fail(String reason) {
    this.error = reason;
    return false;
  }

  /** Returns the first digit of the number in {@code buf[start, end)} (past spaces and sign). */
  private static byte firstDigit(byte[] buf, int start, int end) {
    for (int i = start; i < end; i++) {
      if (buf[i] >= '0' && buf[i] <= '9') {
        return buf[i];
      }
    }
    return '0';
  }

  private static boolean digitBefore(byte[] buf, int start, int i) {
    for (int k = start; k < i; k++) {
      if (buf[k] >= '0' && buf[k] <= '9') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code buf[i, end)} is an exponent's sign and digits ({@code 1e3}, {@code 2E-1}). */
  private static boolean exponent(byte[] buf, int i, int end) {
    int k = i < end && (buf[i] == '-' || buf[i] == '+') ? i + 1 : i;
    return k < end && digitsOnly(buf, k, end);
  }

  /** Returns the index of the first byte from {@code i} on that is no digit, or {@code end}. */
  private static int digitsFrom(byte[] buf, int i, int end) {
    int k = i;
    while (k < end && buf[k] >= '0' && buf[k] <= '9') {
      k++;
    }
    return k;
  }

  private static boolean digitsOnly(byte[] buf, int i, int end) {
    return digitsFrom(buf, i, end) == end;
  }

  private static boolean letterFrom(byte[] buf, int i, int end) {
    for (int k = i; k < end; k++) {
      if (buf[k] >= 'A' && buf[k] <= 'Z' || buf[k] >= 'a' && buf[k] <= 'z') {
        return true;
      }
    }
    return false;
  }

  /** Whether three digits start at {@code i}, and no fourth follows: a group of thousands. */
  private static boolean threeDigits(byte[] buf, int i, int end) {
    for (int k = i; k < i + 3; k++) {
      if (k >= end || buf[k] < '0' || buf[k] > '9') {
        return false;
      }
    }
    return i + 3 == end || buf[i + 3] < '0' || buf[i + 3] > '9';
  }

  /** Whether {@code buf[i, end)} holds nothing but the digit 0. */
  private static boolean zerosOnly(byte[] buf, int i, int end) {
    for (int k = i; k < end; k++) {
      if (buf[k] != '0') {
        return false;
      }
    }
    return true;
  }

  /**
   * Says why the byte at {@code i} of a number in {@code buf[start, end)} cannot be in one,
   * naming what spreadsheets and ERPs put around numbers: a currency, a unit, parentheses.
   */
  private static String describe(byte[] buf, int start, int i, int end) {
    byte c = buf[i];
    for (int k = i; k < end; k++) {
      if (buf[k] == '$' || buf[k] == (byte) 0xC2 && k + 1 < end && (buf[k + 1] == (byte) 0xA3
          || buf[k + 1] == (byte) 0xA5) || buf[k] == (byte) 0xE2 && k + 2 < end
          && buf[k + 1] == (byte) 0x82 && buf[k + 2] == (byte) 0xAC) {
        return "not a number: a currency sign ($, \u20ac, \u00a3, \u00a5): write the amount "
            + "alone";
      }
    }
    if (c == '(' || c == ')') {
      return "not a number: a negative in parentheses, as accounting formats write it: "
          + "write it with a minus (-5)";
    }
    if (c == '#' && KeyText.isSpreadsheetError(buf, start, end - start)) {
      return "not a number: a spreadsheet's error value (#N/A, #VALUE!: a formula that failed)";
    }
    int over = c == '/' && digitBefore(buf, start, i) ? digitsFrom(buf, i + 1, end) : i + 1;
    if (over > i + 1 && over == end) {
      return "not a number: a fraction (1/2): write it as a decimal (0.5)";
    }
    if (over > i + 1 && buf[over] == '/' && over + 1 < end && digitsOnly(buf, over + 1, end)) {
      // 1/2 typed into a spreadsheet cell is saved as a date: no quantity either way.
      return "not a number: a date (1/2 typed into a spreadsheet is saved as one?)";
    }
    if (c == '%') {
      return "not a number: a percent sign: write the number alone";
    }

    if ((c == '-' || c == '+') && i + 1 == end) {
      return "a sign after the number (as SAP writes a negative one, 5-): write it first (-5)";
    }
    int pad = c == ' ' || c == '\'' ? 1 : c < 0 ? NoBreakSpaces.at(buf, i, end) : 0;
    if (pad > 0 && threeDigits(buf, i + pad, end)) {
      return "a space or apostrophe inside the number (thousands grouped, 1 200 or 1'200?): "
          + "write it without grouping (1200)";
    }
    if (digitBefore(buf, start, i) && letterFrom(buf, i, end)
        && !((c == 'e' || c == 'E') && exponent(buf, i + 1, end))) {
      return "not a number: text after it ('12 EA'?): the field holds the number alone, a "
          + "unit or currency in a column of its own";
    }
    switch (c) {
      case 'e':
      case 'E':
        return "scientific notation";
      case ',':
        return "comma in number (thousands separator or decimal comma: numbers are read with "
            + "a decimal point and no grouping; files written with decimal commas are read "
            + "so with reconcile --decimal-comma, or, by reconcile and the count service's "
            + "files alike, with dockcount.reconcile.decimal-comma = true)";
      case '.':
        return "two decimal points";
      default:
        return "not a number";
    }
  }
}
