package io.dockcount.csv;

import io.dockcount.core.Symbols;
import java.util.Arrays;

/**
 * Keys for the {@code count_id} of count records, to find a record read twice (an export
 * appended to an earlier one) without a String per row.
 *
 * <p>A short id (up to 17 digits, or 10 letters, digits and dashes) is packed into its key
 * exactly; a longer one is hashed, so equal hashed keys are only candidates to check against the
 * ids' text. A blank id is key 0 and never repeats another.
 *
 * <p>An instance watches the ids of one reader's rows go by: exports list counts in id order,
 * and while every id is above the one before, no id can repeat and only the last is kept.
 */
final class CountIds {
  /** Hashed keys have the top bit set: no packed key does. */
  private static final long HASHED = Long.MIN_VALUE;

  /** The first and the last non-blank id seen, trimmed. */
  private byte[] first;
  private byte[] last = new byte[32];
  private int lastLength = -1;
  private boolean rising = true;

  /** Notes the id of the next accepted row. */
  void add(byte[] buf, int start, int len) {
    int from = trimmedStart(buf, start, len);
    int to = wholeEnd(buf, from, trimmedEnd(buf, start, len));
    if (to <= from) {
      return;
    }
    if (allDigits(buf, from, to)) {
      while (from < to - 1 && buf[from] == '0') {
        from++; // ids are compared as canonical has them
      }
    }
    int n = to - from;
    if (lastLength >= 0 && rising) {
      rising = compare(buf, from, n, last, 0, lastLength) > 0;
    }
    if (n > last.length) {
      last = new byte[Math.max(n, last.length * 2)];
    }
    System.arraycopy(buf, from, last, 0, n);
    lastLength = n;
    if (first == null) {
      first = Arrays.copyOf(last, n);
    }
  }

  /**
   * Returns whether an id is a number in scientific notation as spreadsheets and scripts write
   * a long numeric id they shortened ({@code 1.73342E+12}, {@code 1E+12}, {@code 1.7e12}): its
   * lost digits make one count's id another's, so it says nothing of a repeat. The mantissa
   * has a fraction or the exponent a plus sign, and the exponent is 11 or more (a number of 12
   * digits or more, which spreadsheets shorten), so codes such as {@code 12E4}, {@code 1.2E3}
   * or {@code 3E-0012} are not taken for one.
   * Cheap for any id without an E.
   */
  static boolean scientific(byte[] buf, int start, int len) {
    int e = start;
    int end = start + len;
    while (e < end && (buf[e] | 0x20) != 'e') {
      e++;
    }
    if (e == end) {
      return false;
    }
    int from = trimmedStart(buf, start, len);
    int to = trimmedEnd(buf, start, len);
    int i = from < e && (buf[from] == '-' || buf[from] == '+') ? from + 1 : from;
    int whole = digits(buf, i, e);
    if (whole == 0) {
      return false;
    }
    i += whole;
    boolean fraction = false;
    if (i < e && (buf[i] == '.' || buf[i] == ',')) {
      int f = digits(buf, i + 1, e);
      fraction = f > 0;
      i += 1 + f;
    }
    if (i != e || !fraction && !(e + 1 < to && buf[e + 1] == '+') || e + 1 < to
        && buf[e + 1] == '-') {
      return false; // a negative exponent shortens no long id: 3E-0012 is a station's code
    }
    int x = e + 1 < to && buf[e + 1] == '+' ? e + 2 : e + 1;
    if (x >= to || digits(buf, x, to) != to - x || to - x > 3) {
      return false;
    }
    int exponent = 0;
    for (int k = x; k < to; k++) {
      exponent = exponent * 10 + buf[k] - '0';
    }
    // Spreadsheets shorten numbers of 12 digits or more so; 1.2E3 is no id they made.
    return exponent >= 11;
  }

  /** Returns how many digits follow {@code from}, before {@code to}. */
  private static int digits(byte[] buf, int from, int to) {
    int i = from;
    while (i < to && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    return i - from;
  }

  /** Orders ids by length, then byte by byte: any strict order will do to prove them unique. */
  private static int compare(byte[] a, int aFrom, int aLen, byte[] b, int bFrom, int bLen) {
    if (aLen != bLen) {
      return aLen - bLen;
    }
    return Arrays.compareUnsigned(a, aFrom, aFrom + aLen, b, bFrom, bFrom + bLen);
  }

  /** Returns true when the parts, read in this order, hold every non-blank id once. */
  static boolean allRising(CountIds... parts) {
    CountIds previous = null;
    for (CountIds p : parts) {
      if (!p.rising) {
        return false;
      }
      if (p.first == null) {
        continue;
      }
      if (previous != null && compare(p.first, 0, p.first.length, previous.last, 0,
          previous.lastLength) <= 0) {
        return false;
      }
      previous = p;
    }
    return true;
  }

  /** Returns the key of an id: 0 when blank, packed when short, else hashed. */
  static long keyOf(byte[] buf, int start, int len) {
    int from = trimmedStart(buf, start, len);
    int to = wholeEnd(buf, from, trimmedEnd(buf, start, len));
    if (from >= to) {
      return 0;
    }
    if (allDigits(buf, from, to)) {
      while (from < to - 1 && buf[from] == '0') {
        from++; // 0007 and 7 are one id (see canonical)
      }
    }
    long packed = Symbols.pack(buf, from, to - from);
    if (packed != 0) {
      return packed;
    }
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ (buf[i] & 0xFF)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h | HASHED;
  }

  /**
   * Returns the id as ids are compared: a spreadsheet drops a numeric id's leading zeros, so an
   * id of digits only is taken without them ({@code 0007} is {@code 7}); any other id as it is.
   */
  static String canonical(String id) {
    byte[] b = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int to = wholeEnd(b, 0, b.length);
    return to == 0 || !allDigits(b, 0, to) ? id
        : io.dockcount.core.KeyText.withoutLeadingZeros(id.substring(0, to));
  }

  /**
   * Returns where a numeric id written with a zero fraction ({@code 7.0}, as pandas writes an
   * integer column that has blanks) ends without it, so that it is the id {@code 7} is; any
   * other id's end as it is.
   */
  private static int wholeEnd(byte[] buf, int from, int to) {
    int dot = to - 1;
    while (dot > from && buf[dot] == '0') {
      dot--;
    }
    return dot > from && dot < to - 1 && buf[dot] == '.' && allDigits(buf, from, dot) ? dot : to;
  }

  private static boolean allDigits(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** Returns where the id starts past its leading spaces (its end, when all spaces). */
  private static int trimmedStart(byte[] buf, int start, int len) {
    int from = start;
    while (from < start + len && buf[from] == ' ') {
      from++;
    }
    return from;
  }

  /** Returns where the id ends before its trailing spaces. */
  private static int trimmedEnd(byte[] buf, int start, int len) {
    int to = start + len;
    while (to > start && buf[to - 1] == ' ') {
      to--;
    }
    return to;
  }

  /** Returns true when the key stands for its id's text exactly (it was packed, not hashed). */
  static boolean exact(long key) {
    return key >= 0;
  }

  /** Returns, ascending, the non-zero keys that occur more than once in {@code keys[0, n)}. */
  static long[] repeatedKeys(long[] keys, int n) {
    long[] sorted = Arrays.copyOf(keys, n);
    Arrays.sort(sorted);
    long[] repeated = new long[16];
    int found = 0;
    for (int i = 1; i < n; i++) {
      boolean again = sorted[i] != 0 && sorted[i] == sorted[i - 1];
      if (again && (found == 0 || repeated[found - 1] != sorted[i])) {
        if (found == repeated.length) {
          repeated = Arrays.copyOf(repeated, found * 2);
        }
        repeated[found++] = sorted[i];
      }
    }
    return Arrays.copyOf(repeated, found);
  }
}
