package io.dockcount.csv;

import java.nio.file.Path;

/**
 * The files of one reconciliation run.
 *
 * @param locations the optional bin master mapping bin names to unique location codes, or null
 * @param warehouse when set, only bin master rows of this warehouse are used
 */
public record InputFiles(Path book, Path counts, Path uom, Path items, Path locations,
    String warehouse) {}
