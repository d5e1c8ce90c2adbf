package io.dockcount.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the lines counted off book whose SKU and location are another way of writing a book
 * line's ({@link KeyText#oneKey}, {@link KeyText#spelling}): the usual trace of a spreadsheet
 * that upper-cased codes, dropped zeros or saved a long code as {@code 1.23457E+12} on one side.
 * The book line may be missing, or counted too: then some of its stock was keyed one way and
 * the rest another, and it reads short (or over) by what the other line found.
 *
 * <p>The cost is in the lines counted off book, not in the book: the bins are found by one pass
 * over the location dictionary that makes no String for a plain (ASCII) code, and only the
 * lines at those bins are read.
 */
final class KeyMismatches {
  private static final int FLAG = Flag.POSSIBLE_KEY_MISMATCH.bit();

  private final Reconciliation r;
  private final int[] flags;

  private KeyMismatches(Reconciliation r, int[] flags) {
    this.r = r;
    this.flags = flags;
  }

  /** Sets {@link Flag#POSSIBLE_KEY_MISMATCH} in {@code flags} on both lines of each such pair. */
  static void mark(Reconciliation r, int[] flags) {
    new KeyMismatches(r, flags).mark();
  }

  private void mark() {
    // The lines counted off book, by the spelling of their location.
    Map<String, List<Integer>> offBook = new HashMap<>();
    for (int p = 0; p < r.pairs; p++) {
      if (countSide(p) && !bookSide(p)) {
        offBook.computeIfAbsent(spelled(r.locations, r.pairLoc[p]), k -> new ArrayList<>())
            .add(p);
      }
    }
    if (offBook.isEmpty()) {
      return;
    }
    Map<String, List<Integer>> bins = locationsSpelled(offBook.keySet());
    for (Map.Entry<String, List<Integer>> e : offBook.entrySet()) {
      markAt(e.getValue(), bins.getOrDefault(e.getKey(), List.of()));
    }
  }

  /**
   * Flags each line of {@code offBook} and the book lines at the bins {@code locations} (one bin
   * written their ways) whose SKU is the same written another way: by a map of the spellings,
   * and for a spreadsheet's {@code 1.23457E+12}, by the range of numbers that round to it.
   */
  private void markAt(List<Integer> offBook, List<Integer> locations) {
    int[] wanted = new int[offBook.size()];
    for (int i = 0; i < wanted.length; i++) {
      wanted[i] = signature(spelled(r.skus, r.pairSku[offBook.get(i)]));
    }
    Arrays.sort(wanted);
    List<Integer> booked = new ArrayList<>();
    Map<String, List<Integer>> bookedBySku = new HashMap<>();
    Symbols skus = r.skus;
    byte[] arena = skus.arena();
    for (int loc : locations) {
      for (int q = firstLineAt(loc); q < r.pairs && r.pairLoc[q] == loc; q++) {
        if (bookSide(q)) {
          booked.add(q);
          int sku = r.pairSku[q];
          int off = skus.offset(sku);
          int len = skus.length(sku);
          // Spelled only when it may match: most SKUs at a bin are plainly other SKUs.
          if (!isAscii(arena, off, len)
              || Arrays.binarySearch(wanted, signature(arena, off, len)) >= 0) {
            bookedBySku.computeIfAbsent(spelled(skus, sku), k -> new ArrayList<>()).add(q);
          }
        }
      }
    }
    for (int u : offBook) {
      for (int q : bookedBySku.getOrDefault(spelled(r.skus, r.pairSku[u]), List.of())) {
        markIfBeside(q, u);
      }
    }
    NavigableMap<BigDecimal, List<Integer>> bookedNumbers = null;
    for (int u : offBook) {
      if (mayBeScientific(u) && KeyText.looksScientific(sku(u))) {
        bookedNumbers = bookedNumbers != null ? bookedNumbers : numbers(booked);
        for (int q : roundingTo(sku(u), bookedNumbers)) {
          markIfBeside(q, u);
        }
      }
    }
    NavigableMap<BigDecimal, List<Integer>> offBookNumbers = null;
    for (int q : booked) {
      if (mayBeScientific(q) && KeyText.looksScientific(sku(q))) {
        offBookNumbers = offBookNumbers != null ? offBookNumbers : numbers(offBook);
        for (int u : roundingTo(sku(q), offBookNumbers)) {
          markIfBeside(q, u);
        }
      }
    }
  }

  /**
   * Flags book line {@code q} and off-book line {@code u} when {@code u} may be part of
   * {@code q}: {@code q} is not counted (any count of {@code u}, zero included, may be its
   * stock), or counted too and {@code u} found some stock (a zero keyed another way takes
   * nothing from it). Counted includes a line whose count rows were all rejected and one whose
   * book is unknown: stock found under the other spelling may be theirs all the same.
   */
  private void markIfBeside(int q, int u) {
    boolean beside = !countSide(q) || has(u, Reconciliation.COUNTED) && r.pairCount[u] != 0;
    if (beside) {
      flags[u] |= FLAG;
      flags[q] |= FLAG;
    }
  }

  /** Returns the lines whose SKU is a number (in any spelling), by that number. */
  private NavigableMap<BigDecimal, List<Integer>> numbers(List<Integer> lines) {
    NavigableMap<BigDecimal, List<Integer>> numbers = new TreeMap<>();
    for (int p : lines) {
      String digits = KeyText.spelling(sku(p));
      if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        numbers.computeIfAbsent(new BigDecimal(digits), k -> new ArrayList<>()).add(p);
      }
    }
    return numbers;
  }

  /**
   * Returns the lines of {@code numbers} whose number a spreadsheet would show as
   * {@code scientific}: those within half its last shown digit of it.
   */
  private List<Integer> roundingTo(String scientific, NavigableMap<BigDecimal, List<Integer>>
      numbers) {
    BigDecimal shown = KeyText.shownNumber(scientific);
    BigDecimal half = shown.ulp().divide(BigDecimal.valueOf(2));
    List<Integer> lines = new ArrayList<>();
    for (List<Integer> near : numbers.subMap(shown.subtract(half), true, shown.add(half), false)
        .values()) {
      for (int p : near) {
        if (KeyText.spreadsheetNumberOf(scientific, sku(p))) {
          lines.add(p);
        }
      }
    }
    return lines;
  }

  private String sku(int p) {
    return r.skus.get(r.pairSku[p]);
  }

  /**
   * Returns the location ids by spelling, for the spellings {@code wanted}. A plain code's
   * spelling is made in a reused buffer and turned into a String only when its hash is one of
   * the wanted ones; a code with other characters (accents, a word processor's dash) goes
   * through {@link KeyText#spelling}.
   */
  private Map<String, List<Integer>> locationsSpelled(Set<String> wanted) {
    int[] signatures = wanted.stream().mapToInt(KeyMismatches::signature).sorted().toArray();
    Map<String, List<Integer>> bins = new HashMap<>();
    Symbols locations = r.locations;
    byte[] arena = locations.arena();
    for (int id = 0; id < locations.size(); id++) {
      int off = locations.offset(id);
      int len = locations.length(id);
      if (isAscii(arena, off, len)
          && Arrays.binarySearch(signatures, signature(arena, off, len)) < 0) {
        continue; // no spelling wanted can be this code's: no String made
      }
      String spelling = spelled(locations, id);
      if (wanted.contains(spelling)) {
        bins.computeIfAbsent(spelling, k -> new ArrayList<>(1)).add(id);
      }
    }
    return bins;
  }

  /**
   * A hash that every ASCII code of one {@link KeyText#spelling} shares: of its characters in
   * lower case without spaces, zeros, points, commas, {@code =} and {@code "} (all that spelling
   * may drop, {@code 913.0} and {@code 913,0} alike, and more). Codes whose signatures differ are
   * spelled differently; equal ones are spelled to be sure.
   */
  private static int signature(byte[] a, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      int c = a[i];
      if (c <= ' ' || c == '0' || c == '.' || c == ',' || c == '=' || c == '"'
          || c >= 28 && c <= 31) {
        continue;
      }
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return h;
  }

  /** {@link #signature(byte[], int, int)} of a spelling (ASCII in, as its codes are). */
  private static int signature(String spelled) {
    int h = 0;
    for (int i = 0; i < spelled.length(); i++) {
      char c = spelled.charAt(i);
      if (c <= ' ' || c == '0' || c == '.' || c == ',' || c == '=' || c == '"') {
        continue;
      }
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return h;
  }

  private final StringBuilder scratch = new StringBuilder(32);
  private final StringBuilder spelling = new StringBuilder(32);

  /**
   * Returns {@link KeyText#spelling} of a key of the dictionary: for a plain (ASCII) key from
   * its bytes, without the Unicode normalizing that only other text needs.
   */
  private String spelled(Symbols keys, int id) {
    byte[] a = keys.arena();
    int off = keys.offset(id);
    int len = keys.length(id);
    if (!isAscii(a, off, len)) {
      return KeyText.spelling(keys.get(id));
    }
    KeyText.spellAscii(a, off, len, scratch, spelling);
    return spelling.toString();
  }

  /** Whether line {@code p}'s SKU has an E and a digit: the least a scientific number has. */
  private boolean mayBeScientific(int p) {
    Symbols skus = r.skus;
    byte[] a = skus.arena();
    int off = skus.offset(r.pairSku[p]);
    int len = skus.length(r.pairSku[p]);
    boolean e = false;
    for (int i = off; i < off + len; i++) {
      e |= a[i] == 'E' || a[i] == 'e';
    }
    return e && len > 2 && a[off + len - 1] >= '0' && a[off + len - 1] <= '9';
  }

  /** Returns the first line at location {@code loc}, or where it would be: lines are sorted. */
  private int firstLineAt(int loc) {
    int rank = r.locRank[loc];
    int lo = 0;
    int hi = r.pairs;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (r.locRank[r.pairLoc[mid]] < rank) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean isAscii(byte[] a, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (a[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private boolean has(int p, byte bit) {
    return (r.pairBits[p] & bit) != 0;
  }

  /** Whether line {@code p} has the book's side: on book, or book rows of it rejected. */
  private boolean bookSide(int p) {
    return has(p, Reconciliation.ON_BOOK) || has(p, Reconciliation.BOOK_REJECTED);
  }

  /** Whether line {@code p} has the counts' side: counted, or count rows of it rejected. */
  private boolean countSide(int p) {
    return has(p, Reconciliation.COUNTED) || has(p, Reconciliation.COUNT_REJECTED);
  }
}
