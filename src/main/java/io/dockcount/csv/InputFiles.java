package io.dockcount.csv;

import java.nio.file.Path;

/**
 * The files of one reconciliation run.
 *
 * @param locations the optional bin master mapping bin names to unique location codes, or null
 * @param warehouse when set, only bin master rows of this warehouse are used
 * @param countsUnit when set, the unit of every count, the counts file having no unit column
 * @param decimalComma the files' numbers are written with a decimal comma ({@code 2,5},
 *     {@code 1.234,5}), as the user declared
 */
public record InputFiles(Path book, Path counts, Path uom, Path items, Path locations,
    String warehouse, String countsUnit, boolean decimalComma) {

  public InputFiles(Path book, Path counts, Path uom, Path items, Path locations,
      String warehouse, String countsUnit) {
    this(book, counts, uom, items, locations, warehouse, countsUnit, false);
  }

  public InputFiles(Path book, Path counts, Path uom, Path items, Path locations,
      String warehouse) {
    this(book, counts, uom, items, locations, warehouse, null);
  }
}
