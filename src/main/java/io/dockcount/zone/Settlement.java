package io.dockcount.zone;

import io.dockcount.store.MasterData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a location was settled on, accepted by a supervisor or matched by its count: the
 * book/counted figures of its lines, and the zone's book there (eaches by SKU, WMS movements
 * included) under the snapshot then in force. A confirmation is checked against it
 * (Zone#onConfirmLocation). Kept as one text, in memory and with the location's RESOLVED event,
 * so that a zone started again has it too.
 */
record Settlement(String text) {
  // Parts and entries are separated by control characters no CSV field of a SKU carries.
  private static final char PART = '\u0002';
  private static final char ENTRY = '\u0000';
  private static final char VALUE = '\u0001';

  /** Checks the text reads back whole; a damaged one is an IllegalArgumentException. */
  Settlement {
    Objects.requireNonNull(text, "text");
    boolean whole = text.chars().filter(c -> c == PART).count() == 2;
    try {
      whole = whole && (snapshotOf(text) != null || text.charAt(0) == PART)
          && bookOf(text) != null;
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      whole = false;
    }
    if (!whole) {
      throw new IllegalArgumentException("not a settlement: "
          + text.replace(PART, '|').replace(ENTRY, ';').replace(VALUE, '='));
    }
  }

  /** Returns the book at each of {@code locations} (eaches by SKU), in one pass over the lines. */
  static Map<String, Map<String, Long>> booksAt(List<MasterData.BookLine> lines,
      Set<String> locations) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    if (locations.isEmpty()) {
      return out;
    }
    for (MasterData.BookLine b : lines) {
      if (locations.contains(b.location())) {
        out.computeIfAbsent(b.location(), k -> new TreeMap<>()).merge(b.sku(), b.eaches(),
            Long::sum);
      }
    }
    return out;
  }

  static Settlement of(Long snapshotId, Map<String, String> figures, Map<String, Long> book) {
    StringBuilder b = new StringBuilder();
    b.append(snapshotId == null ? "" : snapshotId.toString()).append(PART);
    append(b, new TreeMap<>(figures));
    b.append(PART);
    append(b, new TreeMap<>(book));
    return new Settlement(b.toString());
  }

  /** The snapshot in force when the location was settled, or null. */
  Long snapshotId() {
    return snapshotOf(text);
  }

  /** Book/counted by SKU, as the location's lines had them. */
  Map<String, String> figures() {
    int from = text.indexOf(PART) + 1;
    return entries(text.substring(from, text.indexOf(PART, from)));
  }

  /** The zone's book at the location, eaches by SKU. */
  Map<String, Long> book() {
    return bookOf(text);
  }

  private static Long snapshotOf(String text) {
    String s = text.substring(0, text.indexOf(PART));
    return s.isEmpty() ? null : Long.valueOf(s);
  }

  private static Map<String, Long> bookOf(String text) {
    Map<String, Long> out = new TreeMap<>();
    entries(text.substring(text.lastIndexOf(PART) + 1)).forEach((sku, q) ->
        out.put(sku, Long.valueOf(q)));
    return out;
  }

  private static void append(StringBuilder b, Map<String, ?> entries) {
    int start = b.length();
    entries.forEach((sku, v) -> b.append(b.length() == start ? "" : String.valueOf(ENTRY))
        .append(sku).append(VALUE).append(v));
  }

  private static Map<String, String> entries(String part) {
    Map<String, String> out = new TreeMap<>();
    if (part.isEmpty()) {
      return out;
    }
    for (String entry : part.split(String.valueOf(ENTRY))) {
      int at = entry.lastIndexOf(VALUE); // -1 in a damaged text: out of bounds
      out.put(entry.substring(0, at), entry.substring(at + 1));
    }
    return out;
  }
}
