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
        offBook.computeIfAbsent(KeyText.spelling(r.locations.get(r.pairLoc[p])),
            k -> new ArrayList<>()).add(p);
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
    List<Integer> booked = new ArrayList<>();
    Map<String, List<Integer>> bookedBySku = new HashMap<>();
    for (int loc : locations) {
      for (int q = firstLineAt(loc); q < r.pairs && r.pairLoc[q] == loc; q++) {
        if (bookSide(q)) {
          booked.add(q);
          bookedBySku.computeIfAbsent(KeyText.spelling(sku(q)), k -> new ArrayList<>()).add(q);
        }
      }
    }
    for (int u : offBook) {
      for (int q : bookedBySku.getOrDefault(KeyText.spelling(sku(u)), List.of())) {
        markIfBeside(q, u);
      }
    }
    NavigableMap<BigDecimal, List<Integer>> bookedNumbers = null;
    for (int u : offBook) {
      if (KeyText.looksScientific(sku(u))) {
        bookedNumbers = bookedNumbers != null ? bookedNumbers : numbers(booked);
        for (int q : roundingTo(sku(u), bookedNumbers)) {
          markIfBeside(q, u);
        }
      }
    }
    NavigableMap<BigDecimal, List<Integer>> offBookNumbers = null;
    for (int q : booked) {
      if (KeyText.looksScientific(sku(q))) {
        offBookNumbers = offBookNumbers != null ? offBookNumbers : numbers(offBook);
        for (int u : roundingTo(sku(q), offBookNumbers)) {
          markIfBeside(q, u);
        }
      }
    }
  }

  /**
   * Flags book line {@code q} and off-book line {@code u} when {@code u} may be part of
   * {@code q}: {@code q} is missing (any count of {@code u}, zero included, may be its stock), or
   * counted too and {@code u} found some stock (a zero keyed another way takes nothing from it).
   */
  private void markIfBeside(int q, int u) {
    boolean beside = !countSide(q) || has(q, Reconciliation.ON_BOOK)
        && has(q, Reconciliation.COUNTED) && has(u, Reconciliation.COUNTED) && r.pairCount[u] != 0;
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
    BigDecimal shown = new BigDecimal(scientific.strip());
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
    int[] hashes = wanted.stream().mapToInt(String::hashCode).sorted().toArray();
    Map<String, List<Integer>> bins = new HashMap<>();
    Symbols locations = r.locations;
    byte[] arena = locations.arena();
    StringBuilder scratch = new StringBuilder(32);
    StringBuilder spelled = new StringBuilder(32);
    for (int id = 0; id < locations.size(); id++) {
      int off = locations.offset(id);
      int len = locations.length(id);
      String spelling;
      if (isAscii(arena, off, len)) {
        KeyText.spellAscii(arena, off, len, scratch, spelled);
        if (Arrays.binarySearch(hashes, hashOf(spelled)) < 0) {
          continue;
        }
        spelling = spelled.toString();
      } else {
        spelling = KeyText.spelling(locations.get(id));
      }
      if (wanted.contains(spelling)) {
        bins.computeIfAbsent(spelling, k -> new ArrayList<>(1)).add(id);
      }
    }
    return bins;
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

  /** The hash a String of the same characters has. */
  private static int hashOf(CharSequence s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
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
