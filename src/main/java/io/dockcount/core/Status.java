package io.dockcount.core;

import java.util.Locale;

/** How a book line and its counts compare, per SKU + location (or per lot). */
public enum Status {
  /** Counted equals book (a zero count of a pair not on book is matched at 0). */
  MATCHED,
  /** Counted less than book. */
  SHORT,
  /** Counted more than book. */
  OVER,
  /** On book, but no count record for the pair: not counted is not counted zero. */
  MISSING,
  /** Counted a positive quantity where the book has no line. */
  UNEXPECTED;

  /** Returns the lower-case name written in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
