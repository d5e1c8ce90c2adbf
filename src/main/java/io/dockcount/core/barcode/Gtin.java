package io.dockcount.core.barcode;

/**
 * GS1 check digits and GTIN normalisation.
 *
 * <p>Every GTIN form (GTIN-8 / EAN-8, GTIN-12 / UPC-A, GTIN-13 / EAN-13, GTIN-14) is compared as
 * its GTIN-14: the digits right-aligned and padded with zeros, so UPC-A {@code 036000291452} is
 * {@code 00036000291452} and EAN-8 {@code 55123457} is {@code 00000055123457}. A UPC-E is
 * compared as the UPC-A it shortens ({@link #upcAOfUpcE}). The same mod-10 check digit covers
 * GTINs, SSCC-18 and GLN-13.
 */
public final class Gtin {
  private Gtin() {}

  /** Returns true when {@code s} is non-empty and only ASCII digits. */
  public static boolean isDigits(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the GS1 check digit for the digits {@code s[0, len)}: weights 3 and 1 alternate from
   * the rightmost digit, which gets 3.
   */
  public static int checkDigit(CharSequence s, int len) {
    int sum = 0;
    for (int i = 0; i < len; i++) {
      int d = s.charAt(len - 1 - i) - '0';
      sum += (i % 2 == 0) ? 3 * d : d;
    }
    return (10 - sum % 10) % 10;
  }

  /** Returns true when the last digit of the all-digit {@code s} is its GS1 check digit. */
  public static boolean hasValidCheckDigit(CharSequence s) {
    int len = s.length();
    return len >= 2 && isDigits(s) && checkDigit(s, len - 1) == s.charAt(len - 1) - '0';
  }

  /** Returns true when {@code len} is the length of a GTIN form (8, 12, 13 or 14). */
  public static boolean isGtinLength(int len) {
    return len == 8 || len == 12 || len == 13 || len == 14;
  }

  /**
   * Returns why {@code s} is not a GTIN, or null when it is one (right length, digits only,
   * valid check digit).
   */
  public static String problem(String s) {
    if (!isDigits(s)) {
      return "GTIN '" + s + "' has a non-digit";
    }
    if (!isGtinLength(s.length())) {
      return "GTIN '" + s + "' has " + s.length() + " digits (8, 12, 13 or 14 expected)";
    }
    if (!hasValidCheckDigit(s)) {
      String upcA = upcAOfUpcE(s);
      return "bad check digit in GTIN " + s + " (expected "
          + checkDigit(s, s.length() - 1) + ")" + (upcA != null && hasValidCheckDigit(upcA)
              ? ": a UPC-E? List it as its UPC-A " + upcA : "");
    }
    return null;
  }

  /**
   * Returns the UPC-A (GTIN-12) that the 8-digit UPC-E {@code s} (number system, six data
   * digits, check digit) stands for, or null when {@code s} is no UPC-E: not 8 digits, or a
   * number system other than 0 or 1. The check digit is carried over as it is: it is the UPC-A's
   * own, so {@link #problem} of the result checks it. A UPC-E is only a short print of that
   * UPC-A, which is the GTIN a barcode table lists.
   */
  public static String upcAOfUpcE(String s) {
    if (s.length() != 8 || !isDigits(s) || s.charAt(0) > '1') {
      return null;
    }
    String d = s.substring(1, 7);
    String body = switch (d.charAt(5)) {
      case '0', '1', '2' -> d.substring(0, 2) + d.charAt(5) + "0000" + d.substring(2, 5);
      case '3' -> d.substring(0, 3) + "00000" + d.substring(3, 5);
      case '4' -> d.substring(0, 4) + "00000" + d.charAt(4);
      default -> d.substring(0, 5) + "0000" + d.charAt(5);
    };
    return s.charAt(0) + body + s.charAt(7);
  }

  /**
   * Returns the GTIN-14 of a valid GTIN-8/12/13/14.
   *
   * @throws IllegalArgumentException when {@link #problem} finds one
   */
  public static String toGtin14(String s) {
    String problem = problem(s);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return "0".repeat(14 - s.length()) + s;
  }
}
