package io.dockcount.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    mapping.put(key, header.strip());
    return this;
  }

  /** The fields each input kind is read for: a mapping of anything else would do nothing. */
  private static final Map<String, List<String>> FIELDS = orderedFields();

  private static Map<String, List<String>> orderedFields() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("book", List.of("sku", "location", "book_qty", "lot", "book_uom"));
    m.put("counts", List.of("sku", "location", "count_qty", "count_uom", "lot", "count_id"));
    m.put("uom", List.of("sku", "uom", "qty_per_uom"));
    m.put("items", List.of("sku", "unit_cost", "description", "class"));
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
          + ("aeiou".indexOf(kind.charAt(0)) < 0 ? "a " : "an ") + kind
          + " export that wrote nothing?)");
    }
    List<String> all = new ArrayList<>(required);
    all.addAll(optional);
    int[] index = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      String field = all.get(i);
      String name = header(kind, field);
      index[i] = find(header, name);
      if (index[i] < 0 && i < required.size()) {
        throw new MissingColumnException(file + ": no column '" + name + "' for " + kind + "."
            + field + " (header: " + String.join(",", header) + "); map one with --columns "
            + kind + "." + field + "=NAME" + notUtf8(header));
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
   * Headers of a book column that gives the unit of the quantity beside it. "unit" alone is left
   * out: a book may name a quantity of units so.
   */
  private static final java.util.Set<String> BOOK_UNIT_HEADERS = java.util.Set.of("uom",
      "unit of measure", "uom code", "unit code", "u/m", "book uom", "stock uom", "base uom",
      "qty uom", "quantity uom", "unit of measure code");

  /**
   * Returns the book's unit column: {@code col[4]} when {@code book.book_uom} was found, else a
   * column whose header names a unit of measure ({@code UoM}, {@code Unit of Measure}...) and no
   * other field ({@code col[0..3]}: sku, location, book_qty, lot); -1 when the book has none. A
   * book quantity in another unit than each must never be read as eaches, and a column saying
   * so must not go unread.
   */
  public static int bookUnitColumn(List<String> header, int[] col) {
    if (col[4] >= 0) {
      return col[4];
    }
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
      if (BOOK_UNIT_HEADERS.contains(h) && i != col[0] && i != col[1] && i != col[2]
          && i != col[3]) {
        return i;
      }
    }
    return -1;
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

  private static int find(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A required column is absent: the run cannot go on. */
  public static final class MissingColumnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }
}
