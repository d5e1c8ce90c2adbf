package io.dockcount.core;

import java.util.List;
import java.util.RandomAccess;

/**
 * The locations of a book by their {@link KeyText#spelling}, to tell a scanned location that is
 * not on the book but is a booked one keyed another way ({@code A-3-1-A} or {@code a-03-01-a}
 * for {@code A-03-01-A}): counted as scanned, its stock would show as unexpected there and
 * missing at the booked location.
 *
 * <p>Built once per book: it keeps the spelling's hash of each location and an open-addressing
 * table over them (12 to 20 bytes a location), not the spellings, and reads a location's text
 * from the list it was given only when a label's spelling hashes alike. So a lookup spells the
 * label once and compares one or two booked locations, whatever the book's size. Immutable
 * once built; any number of threads may look up at once if the list may be read so.
 */
public final class LocationSpellings {
  /** No location: every label is taken as scanned. */
  public static final LocationSpellings NONE = new LocationSpellings(List.of());

  private final List<String> locations;
  /** Per location, the hash of its spelling. */
  private final int[] hashes;
  /** Open addressing over locations by spelling hash: index + 1, 0 empty; at most half full. */
  private final int[] slots;
  private final int mask;

  /**
   * Indexes {@code locations}, each once (a location listed twice is harmless). The list is kept
   * and read again at lookups: a view that decodes its texts on access keeps the heap flat.
   */
  public LocationSpellings(List<String> locations) {
    this.locations = locations instanceof RandomAccess ? locations : List.copyOf(locations);
    int n = this.locations.size();
    int size = Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1;
    hashes = new int[n];
    slots = new int[size];
    mask = size - 1;
    for (int i = 0; i < n; i++) {
      int h = KeyText.spelling(this.locations.get(i)).hashCode();
      hashes[i] = h;
      int slot = slot(h);
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  /**
   * Returns the booked location that {@code label} is another spelling of (leading zeros of a
   * number, letter case, spaces: {@link KeyText#spelling}), the first in book order when
   * several are; or null when the label is on the book as it is, or no booked location is
   * spelled like it.
   */
  public String bookedAs(String label) {
    String spelled = KeyText.spelling(label);
    int h = spelled.hashCode();
    String found = null;
    int first = Integer.MAX_VALUE;
    for (int slot = slot(h); slots[slot] != 0; slot = (slot + 1) & mask) {
      int i = slots[slot] - 1;
      if (hashes[i] != h) {
        continue;
      }
      String booked = locations.get(i);
      if (booked.equals(label)) {
        return null;
      }
      if (i < first && KeyText.spelling(booked).equals(spelled)) {
        found = booked;
        first = i;
      }
    }
    return found;
  }

  private int slot(int hash) {
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
