package io.dockcount.csv;

/**
 * An input row that was not used, and why: written to {@code exceptions.csv} so that nothing is
 * dropped silently.
 *
 * @param file the input file's name
 * @param line the line the row starts on (the header is line 1)
 * @param field the logical field at fault (e.g. {@code count_qty}), or empty for the whole row
 * @param value the offending text as read
 * @param reason what is wrong, in words a supervisor can act on
 */
public record Rejection(String file, long line, String field, String value, String reason) {}
