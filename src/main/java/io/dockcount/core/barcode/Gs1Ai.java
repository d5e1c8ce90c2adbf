package io.dockcount.core.barcode;

import java.util.List;

/**
 * How one GS1 Application Identifier's data field is written, from the GS1 Barcode Syntax
 * Dictionary.
 *
 * @param ai the AI digits, e.g. {@code "3103"}
 * @param predefinedLength true when the AI is in GS1's predefined-length list and needs no FNC1
 *     separator after it (flag {@code *})
 * @param numeric true for {@code N} (digits), false for {@code X} (GS1 character set 82)
 * @param minLength the least number of characters
 * @param maxLength the most number of characters (equal to minLength for a fixed length)
 * @param linters the content checks, e.g. {@code csum}, {@code yymmd0}
 * @param requires alternatives of AIs that must appear with this one ({@code req=}); each
 *     alternative lists patterns joined by {@code +}; empty when there is no requirement
 * @param excludes AI patterns that may not appear with this one ({@code ex=})
 * @param title GS1's short title, e.g. {@code BATCH/LOT}
 * @param dlAttribute true when a GS1 Digital Link URI may carry the AI in its query string
 *     (flag {@code ?})
 * @param dlPrimaryKey true when the AI can be the primary key of a Digital Link path
 *     ({@code dlpkey})
 * @param dlQualifiers the sequences of key qualifiers the path may add after this key, each in
 *     its only allowed order ({@code dlpkey=22,10,21|235}); empty when it takes none
 */
public record Gs1Ai(String ai, boolean predefinedLength, boolean numeric, int minLength,
    int maxLength, List<String> linters, List<List<String>> requires, List<String> excludes,
    String title, boolean dlAttribute, boolean dlPrimaryKey, List<List<String>> dlQualifiers) {

  public Gs1Ai {
    linters = List.copyOf(linters);
    requires = requires.stream().map(List::copyOf).toList();
    excludes = List.copyOf(excludes);
    dlQualifiers = dlQualifiers.stream().map(List::copyOf).toList();
  }

  /** Returns true when the field always has {@link #maxLength} characters. */
  public boolean fixedLength() {
    return minLength == maxLength;
  }

  /** Returns true when {@code pattern} ({@code n} stands for any digit) matches {@code other}. */
  static boolean matches(String pattern, String other) {
    if (pattern.length() != other.length()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      if (p != 'n' && p != other.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
