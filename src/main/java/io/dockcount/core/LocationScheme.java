package io.dockcount.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a location code into zone, aisle, bay and level.
 *
 * <p>The default scheme reads up to four dash-separated parts, zone first: {@code C-07-12-B} is
 * zone C, aisle 07, bay 12, level B; {@code RM1-RACK1-SHELF1} has no level; a single-part code
 * such as {@code COLD ROOM} is a zone of its own. A custom scheme is a regular expression with
 * the named groups {@code zone} (required) and optionally {@code aisle}, {@code bay},
 * {@code level}, matched against the whole code. A code matching neither yields null, which the
 * caller reports.
 */
public final class LocationScheme {
  /** The parts of one location code; absent parts are empty strings. */
  public record Parts(String zone, String aisle, String bay, String level) {}

  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private static final java.util.List<String> PARTS = java.util.List.of("zone", "aisle", "bay",
      "level");

  private final Pattern pattern;
  private final java.util.Set<String> groups;

  private LocationScheme(Pattern pattern) {
    this.pattern = pattern;
    this.groups = new java.util.HashSet<>();
    if (pattern != null) {
      Matcher m = GROUP_NAME.matcher(pattern.pattern());
      while (m.find()) {
        groups.add(m.group(1));
      }
    }
  }

  /** The default dash-separated scheme. */
  public static LocationScheme dashed() {
    return new LocationScheme(null);
  }

  /**
   * A scheme from a regular expression with named groups.
   *
   * @throws IllegalArgumentException when the expression is invalid, has no {@code zone} group
   *     or names a group that is no part ({@code (?<row>...)} would leave the aisle empty
   *     unseen)
   */
  public static LocationScheme of(String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      // In one line: the library's own message draws the pattern and a caret below it.
      throw new IllegalArgumentException("location pattern is not a valid regular expression: "
          + e.getDescription() + (e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1))
          + " of " + regex, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("location pattern is not a valid regular expression: "
          + e.getMessage(), e);
    }
    LocationScheme scheme = new LocationScheme(p);
    if (!scheme.groups.contains("zone")) {
      throw new IllegalArgumentException(
          "location pattern needs a named group (?<zone>...): " + regex);
    }
    for (String name : new java.util.TreeSet<>(scheme.groups)) {
      if (!PARTS.contains(name)) {
        String part = name.toLowerCase(java.util.Locale.ROOT);
        throw new IllegalArgumentException("location pattern names a group '" + name
            + "', which is none of zone, aisle, bay, level"
            + (PARTS.contains(part) ? " (the names are lower case: (?<" + part + ">...))"
                : "; name it after the part it holds, or leave it unnamed: (?:...)")
            + ": " + regex);
      }
    }
    return scheme;
  }

  /** Returns true for the default dash-separated scheme. */
  public boolean isDashed() {
    return pattern == null;
  }

  /** Returns the parts of {@code code}, or null when it does not fit the scheme. */
  public Parts parse(String code) {
    return pattern == null ? parseDashed(code) : parsePattern(code);
  }

  private static Parts parseDashed(String code) {
    String trimmed = code.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    String[] p = trimmed.split("-", -1);
    if (p.length > 4) {
      return null;
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = p[i].strip(); // "A - 01" is zone A, aisle 01, as it reads
      if (p[i].isEmpty()) {
        return null;
      }
    }
    return new Parts(p[0], part(p, 1), part(p, 2), part(p, 3));
  }

  private static String part(String[] p, int i) {
    return i < p.length ? p[i] : "";
  }

  private Parts parsePattern(String code) {
    Matcher m = pattern.matcher(code);
    if (!m.matches() || m.group("zone") == null || m.group("zone").isEmpty()) {
      return null;
    }
    return new Parts(m.group("zone"), group(m, "aisle"), group(m, "bay"), group(m, "level"));
  }

  private String group(Matcher m, String name) {
    if (!groups.contains(name)) {
      return "";
    }
    String g = m.group(name);
    return g == null ? "" : g;
  }

  /**
   * Says which book locations the location scheme cannot read: they are in no zone, and no
   * station can open them, so their lines are neither counted nor reported missing. Shared by
   * the log of every book taken in and {@code check-config}.
   */
  public static String unzoned(java.util.Collection<String> locations) {
    java.util.List<String> shown = locations.stream().limit(5).map(l -> "'" + l + "'").toList();
    return locations.size() + " book location(s) do not read with the location scheme ("
        + String.join(", ", shown) + (locations.size() > shown.size() ? ", ..." : "")
        + "), so they are in no zone: their lines are neither counted nor reported missing; "
        + "correct them in the book, or set dockcount.reconcile.location-pattern";
  }
}
