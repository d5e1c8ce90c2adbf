package io.dockcount.core.barcode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a GS1 Digital Link URI, the web address a QR code or Data Matrix carries on a product
 * since GS1's move from linear barcodes to 2D, as the GS1 element string it stands for, so that
 * {@link Gs1Parser} checks it exactly as it checks a GS1 DataMatrix or GS1 QR scan and the
 * station looks it up the same way.
 *
 * <p>Shape: {@code http(s)://any.host/any/prefix/01/{gtin}/22/{cpv}/10/{lot}/21/{serial}?17=..}.
 * The path is read from its end in AI/value pairs back to a primary key (an AI the
 * {@link Gs1AiTable} marks {@code dlpkey}); whatever stands before the key is the resolver's
 * own prefix. Qualifiers must be ones the key takes, in the order the table gives, and only in
 * the path; data attributes come from the query string, and only AIs the table flags {@code ?}
 * may stand there.
 * Query parameters that are not AIs ({@code linkType}, {@code utm_source}) are the resolver's
 * business and ignored. The short names of Digital Link 1.0/1.1 ({@code gtin}, {@code cpv},
 * {@code lot}, {@code ser}) are read as their AIs. A GTIN key of 8, 12 or 13 digits is padded to
 * the 14 of AI (01).
 *
 * <p>An address that has no primary key segment followed by a value of the key's kind is no
 * Digital Link ({@link #read} returns null, and the scan stays text), except a compressed one,
 * which is refused by name rather than read as text or guessed.
 */
final class DigitalLink {
  /** The element string a link stands for, or why it is refused. */
  record Result(String elementString, String error) {
    static Result failed(String error) {
      return new Result(null, error);
    }
  }

  /** Digital Link 1.0/1.1 path and query names, still printed on older labels. */
  private static final Map<String, String> SHORT_NAMES =
      Map.of("gtin", "01", "cpv", "22", "lot", "10", "ser", "21");
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  /** Shorter base64url segments are too short to hold a compressed key and its value. */
  private static final int COMPRESSED_MIN_CHARS = 10;
  private static final int SHORTEST_NUMERIC_KEY = 8;
  /**
   * The first AI of each of the compression's codes for a run of AIs (0A: (01) (22), 9A:
   * (8010) (8011), C0: (255) (3900)...), as GS1's Digital Link compression defines them; only
   * the first is needed to tell a compressed link.
   */
  private static final Map<String, String> GROUP_FIRST_AI = groupFirstAis();
  /**
   * How the compression writes the value of an AI of several components: one part after the
   * other, as its format table gives them ({@code N13 X..17}: 13 digits, then text of up to 17
   * characters), which is not always the dictionary's split (7007 is {@code N6 N..6} there).
   * Transcribed from GS1's Digital Link compression (its reference toolkit's format table).
   */
  private static final Map<String, String> COMPRESSED_PARTS = compressedParts();
  /** How every refusal of a link begins, so a supervisor sees it was read as one. */
  static final String REFUSED = "GS1 Digital Link refused: ";

  private DigitalLink() {}

  private static Map<String, String> groupFirstAis() {
    Map<String, String> m = new java.util.HashMap<>();
    for (char row : "0123".toCharArray()) {
      for (char c : "abcdef".toCharArray()) {
        m.put("" + row + c, "01");
      }
    }
    for (char c : "0123456789".toCharArray()) {
      m.put("a" + c, "01");
      m.put("c" + c, "255");
    }
    for (char c : "abcd".toCharArray()) {
      m.put("c" + c, "255");
    }
    m.putAll(Map.of("9a", "8010", "9b", "8017", "9c", "8018", "9d", "414"));
    return Map.copyOf(m);
  }

  private static Map<String, String> compressedParts() {
    Map<String, String> m = new java.util.HashMap<>(Map.of("253", "N13 X..17",
        "255", "N13 N..12", "421", "N3 X..9", "423", "N3 N..12", "425", "N3 N..12",
        "7007", "N6 N..6", "8003", "N14 X..16", "8008", "N8 N..4"));
    for (char d : "0123456789".toCharArray()) {
      m.put("391" + d, "N3 N..15");
      m.put("393" + d, "N3 N..15");
      m.put("703" + d, "N3 X..27");
    }
    return Map.copyOf(m);
  }

  /**
   * Returns the element string of a Digital Link, a refusal naming what is wrong with one, or
   * null when {@code text} is no Digital Link.
   */
  static Result read(String text, Gs1AiTable table) {
    String rest = afterScheme(text);
    if (rest == null) {
      return null;
    }
    int pathStart = indexOfAny(rest, "/?#", 0);
    if (pathStart < 0 || rest.charAt(pathStart) != '/') {
      return null;
    }
    int pathEnd = indexOfAny(rest, "?#", pathStart);
    String path = pathEnd < 0 ? rest.substring(pathStart + 1) : rest.substring(pathStart + 1,
        pathEnd);
    List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
    if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    int keyAt = keyFromEnd(segments, table);
    if (keyAt < 0) {
      return notRead(segments, table);
    }
    String query = "";
    if (pathEnd >= 0 && rest.charAt(pathEnd) == '?') {
      int hash = rest.indexOf('#', pathEnd);
      query = hash < 0 ? rest.substring(pathEnd + 1) : rest.substring(pathEnd + 1, hash);
    }
    return readKeyed(segments, keyAt, query, table);
  }

  /** Returns what follows {@code http://} or {@code https://} (any case), or null. */
  private static String afterScheme(String text) {
    for (String scheme : new String[] {"https://", "http://"}) {
      if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return text.substring(scheme.length());
      }
    }
    return null;
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Walks the path from its end in AI/value pairs and returns the index of the primary key's
   * segment, or -1 when a pair that is no AI comes first. Reading from the end lets a prefix
   * hold anything, and lets a lot or serial read "01" without being taken for a key.
   */
  private static int keyFromEnd(List<String> segments, Gs1AiTable table) {
    for (int i = segments.size() - 2; i >= 0; i -= 2) {
      Gs1Ai spec = aiOfSegment(segments.get(i), table);
      if (spec == null) {
        return -1;
      }
      if (spec.dlPrimaryKey() && keyValueShaped(spec, segments.get(i + 1))) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the AI a path segment names (digits, or a short name), or null. */
  private static Gs1Ai aiOfSegment(String segment, Gs1AiTable table) {
    String ai = SHORT_NAMES.getOrDefault(segment, segment);
    return Gtin.isDigits(ai) ? table.get(ai) : null;
  }

  /**
   * A key segment counts as one only before a value of its kind: for a numeric key, digits, at
   * least as many as the shortest GS1 numeric key (a GTIN-8), so that a date in a web page's
   * path ({@code /2026/01/15/}) is no GTIN.
   */
  private static boolean keyValueShaped(Gs1Ai key, String value) {
    String decoded = percentDecoded(value);
    return decoded != null && !decoded.isEmpty() && (!key.numeric()
        || (Gtin.isDigits(decoded) && decoded.length() >= SHORTEST_NUMERIC_KEY));
  }

  /**
   * Says why a link whose path is no run of AI/value pairs back to a key is refused, or returns
   * null (plain text) when nothing in it is a key followed by a value.
   */
  private static Result notRead(List<String> segments, Gs1AiTable table) {
    for (int k = 0; k + 1 < segments.size(); k++) {
      Gs1Ai key = aiOfSegment(segments.get(k), table);
      if (key == null || !key.dlPrimaryKey() || !keyValueShaped(key, segments.get(k + 1))) {
        continue;
      }
      for (int j = k + 2; j < segments.size(); j += 2) {
        String segment = segments.get(j);
        if (j + 1 == segments.size()) {
          return Result.failed(REFUSED + (looksCompressed(segment, table)
              ? "partially compressed Digital Link (segment '" + segment + "' after the key"
                  + " (" + key.ai() + ")) is not supported: scan the item's other barcode"
              : "path segment '" + segment + "' after the key (" + key.ai()
                  + ") has no value (the path is key, value, then AI/value pairs)"));
        }
        if (aiOfSegment(segment, table) == null) {
          return Result.failed(REFUSED + "path segment '" + segment + "' after the key ("
              + key.ai() + ") is no GS1 AI (the path is key, value, then AI/value pairs)");
        }
      }
    }
    String last = segments.get(segments.size() - 1);
    if (looksCompressed(last, table)) {
      return Result.failed(REFUSED + "compressed Digital Link (path '" + last + "') is not"
          + " supported: scan the item's other barcode, or key the item");
    }
    return null;
  }

  /**
   * Returns true when a path segment reads as GS1's compressed form: base64url whose first bits
   * name an AI the way the compression writes one (a hex digit per 4 bits: {@code AQ...} is
   * (01)), or one of its codes for a run of AIs (8 bits with a hex letter: {@code 0B} is (01)
   * then (10)), and whose next bits are a value that AI can have: for a fixed numeric AI a
   * number of that many digits (with a good check digit where the AI has one), for a single
   * variable-length AI a length it allows in the bits the compression gives one (after a text
   * AI's encoding, which must be one the compression has) and the bits to hold that many digits
   * or characters, for an AI of several components each component so in turn. So a web page's
   * name ({@code /AboutUsPage}, {@code /MAintenanceLog}) is not taken for one.
   */
  static boolean looksCompressed(String segment, Gs1AiTable table) {
    if (segment.length() < COMPRESSED_MIN_CHARS) {
      return false;
    }
    BigInteger bits = BigInteger.ZERO;
    for (int i = 0; i < segment.length(); i++) {
      int v = BASE64URL.indexOf(segment.charAt(i));
      if (v < 0) {
        return false;
      }
      bits = bits.shiftLeft(6).or(BigInteger.valueOf(v));
    }
    int total = segment.length() * 6;
    String group = hexDigits(bits, total, 2);
    if (!Gtin.isDigits(group)) {
      String first = GROUP_FIRST_AI.get(group);
      Gs1Ai spec = first == null ? null : table.get(first);
      return spec != null && valueFollows(bits, total, 8, spec);
    }
    for (int digits = 2; digits <= 4; digits++) {
      Gs1Ai spec = table.get(hexDigits(bits, total, digits));
      if (spec != null) {
        return valueFollows(bits, total, 4 * digits, spec);
      }
    }
    return false;
  }

  /** Returns the first {@code digits} hex digits of {@code total} bits, lower case. */
  private static String hexDigits(BigInteger bits, int total, int digits) {
    String hex = bits.shiftRight(total - 4 * digits).toString(16);
    return "0".repeat(digits - hex.length()) + hex;
  }

  /** Returns true when the bits from {@code from} on may start a value of the AI. */
  private static boolean valueFollows(BigInteger bits, int total, int from, Gs1Ai spec) {
    String parts = COMPRESSED_PARTS.get(spec.ai());
    if (parts != null) {
      int at = from;
      for (String part : parts.split(" ")) {
        boolean variable = part.startsWith("..", 1);
        int max = Integer.parseInt(part.substring(variable ? 3 : 1));
        // A part after the first may be empty: a GCN (255) without its serial writes length 0.
        at = !variable ? numberEnd(bits, total, at, max, false)
            : part.startsWith("N") ? digitsEnd(bits, total, at, 0, max)
            : textEnd(bits, total, at, 0, max);
        if (at < 0) {
          return false;
        }
      }
      return true;
    }
    if (spec.numeric() && spec.fixedLength()) {
      return numberEnd(bits, total, from, spec.maxLength(), spec.linters().contains("csum")) >= 0;
    }
    // The dictionary has no AI of several components whose least length is 1: this is one.
    if (spec.minLength() == 1) {
      return (spec.numeric() ? digitsEnd(bits, total, from, 1, spec.maxLength())
          : textEnd(bits, total, from, 1, spec.maxLength())) >= 0;
    }
    // LIMITATION: for other AIs (several components the compression's table above lacks, fixed
    // text) only the AI is checked: a page name whose first bits spell one is refused.
    return true;
  }

  /**
   * Returns where a variable-length text part ends, or -1 when the bits from {@code from} hold
   * no such part: a 3-bit encoding (0 digits, 1 and 2 hex, 3 base64url, 4 7-bit ASCII), a
   * length of {@code min} to {@code max} in as many bits as {@code max} needs, and room for
   * that many characters.
   */
  private static int textEnd(BigInteger bits, int total, int from, int min, int max) {
    int lengthBits = Integer.toBinaryString(max).length();
    if (total - from < 3 + lengthBits) {
      return -1;
    }
    int encoding = field(bits, total, from, 3);
    int length = field(bits, total, from + 3, lengthBits);
    if (encoding > 4 || length < min || length > max) {
      return -1;
    }
    int need = switch (encoding) {
      case 0 -> BigInteger.TEN.pow(length).subtract(BigInteger.ONE).bitLength();
      case 1, 2 -> 4 * length;
      case 3 -> 6 * length;
      default -> 7 * length;
    };
    int end = from + 3 + lengthBits + need;
    return end <= total ? end : -1;
  }

  /**
   * Returns where a variable-length numeric part ends, or -1: a length of {@code min} to
   * {@code max} digits in as many bits as {@code max} needs (no encoding: it is digits), then a
   * number below 10 to that length in the bits such a number needs.
   */
  private static int digitsEnd(BigInteger bits, int total, int from, int min, int max) {
    int lengthBits = Integer.toBinaryString(max).length();
    if (total - from < lengthBits) {
      return -1;
    }
    int length = field(bits, total, from, lengthBits);
    if (length < min || length > max) {
      return -1;
    }
    return length == 0 ? from + lengthBits : numberEnd(bits, total, from + lengthBits, length,
        false);
  }

  /** Returns {@code width} bits (at most 31) starting {@code from} bits into {@code total}. */
  private static int field(BigInteger bits, int total, int from, int width) {
    return bits.shiftRight(total - from - width).intValue() & ((1 << width) - 1);
  }

  /**
   * Returns where a number of {@code n} digits ends, or -1 when the bits from {@code from} do
   * not hold one (too few bits, a value of more digits, or a bad check digit when
   * {@code checkDigit}).
   */
  private static int numberEnd(BigInteger bits, int total, int from, int n,
      boolean checkDigit) {
    BigInteger limit = BigInteger.TEN.pow(n);
    int width = limit.subtract(BigInteger.ONE).bitLength();
    if (total - from < width) {
      return -1;
    }
    BigInteger value = bits.shiftRight(total - from - width)
        .and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    if (value.compareTo(limit) >= 0) {
      return -1;
    }
    String digits = value.toString();
    digits = "0".repeat(n - digits.length()) + digits;
    return !checkDigit || Gtin.hasValidCheckDigit(digits) ? from + width : -1;
  }

  private static Result readKeyed(List<String> segments, int keyAt, String query,
      Gs1AiTable table) {
    Gs1Ai key = aiOfSegment(segments.get(keyAt), table);
    List<Gs1Element> elements = new ArrayList<>();
    List<String> qualifiers = new ArrayList<>();
    for (int i = keyAt; i < segments.size(); i += 2) {
      String ai = aiOfSegment(segments.get(i), table).ai();
      String value = percentDecoded(segments.get(i + 1));
      if (value == null) {
        return Result.failed(REFUSED + "bad percent-encoding in path segment '"
            + segments.get(i + 1) + "'");
      }
      if (i > keyAt) {
        qualifiers.add(ai);
      }
      elements.add(new Gs1Element(ai, value));
    }
    String problem = qualifierProblem(key, qualifiers);
    if (problem == null) {
      problem = readQuery(query, table, elements);
    }
    if (problem == null) {
      problem = gtinKey(elements);
    }
    return problem != null ? Result.failed(REFUSED + problem) : elementString(elements, table);
  }

  /** Pads a GTIN key given in 8, 12 or 13 digits to the 14 of AI (01); says why it cannot. */
  private static String gtinKey(List<Gs1Element> elements) {
    Gs1Element key = elements.get(0);
    if (!key.ai().equals("01") || key.value().length() == 14) {
      return null;
    }
    if (!Gtin.isGtinLength(key.value().length())) {
      return "GTIN " + key.value() + " has " + key.value().length() + " digits (8, 12, 13 or"
          + " 14 expected)";
    }
    elements.set(0, new Gs1Element("01", "0".repeat(14 - key.value().length()) + key.value()));
    return null;
  }

  /**
   * Returns why the path's qualifiers do not fit the key, or null: each must be one the key
   * takes, all from one of its sequences, in that sequence's order.
   */
  static String qualifierProblem(Gs1Ai key, List<String> qualifiers) {
    if (qualifiers.isEmpty()) {
      return null;
    }
    if (key.dlQualifiers().isEmpty()) {
      return "the key (" + key.ai() + ") takes no qualifiers in the path, found ("
          + qualifiers.get(0) + ")";
    }
    for (List<String> sequence : key.dlQualifiers()) {
      if (inOrder(sequence, qualifiers)) {
        return null;
      }
    }
    String allowed = describe(key.dlQualifiers());
    for (String q : qualifiers) {
      if (key.dlQualifiers().stream().noneMatch(s -> s.contains(q))) {
        return "AI (" + q + ") is no path qualifier of the key (" + key.ai() + "), which takes "
            + allowed + " (a data attribute goes in the query string: ?" + q + "=...)";
      }
    }
    return "path qualifiers (" + String.join(") (", qualifiers) + ") out of order for the key ("
        + key.ai() + "), which takes " + allowed;
  }

  private static boolean inOrder(List<String> sequence, List<String> qualifiers) {
    int last = -1;
    for (String q : qualifiers) {
      int at = sequence.indexOf(q);
      if (at <= last) {
        return false;
      }
      last = at;
    }
    return true;
  }

  private static String describe(List<List<String>> sequences) {
    List<String> parts = new ArrayList<>();
    for (List<String> s : sequences) {
      parts.add(s.size() == 1 ? s.get(0) : String.join(", ", s) + " in that order");
    }
    return String.join(", or ", parts);
  }

  /**
   * Adds the query string's data attributes to {@code elements}; returns why one is refused, or
   * null. A parameter whose name starts with a letter and is no short name is not GS1's.
   */
  private static String readQuery(String query, Gs1AiTable table, List<Gs1Element> elements) {
    int inPath = elements.size();
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = percentDecoded(eq < 0 ? param : param.substring(0, eq));
      // In a query string a bare + is a space (a value's own + comes as %2B), as GS1 reads it.
      String value = eq < 0 ? "" : percentDecoded(param.substring(eq + 1).replace('+', ' '));
      if (name == null || value == null) {
        return "bad percent-encoding in query parameter '" + param + "'";
      }
      String ai = SHORT_NAMES.get(name);
      if (ai == null && (name.isEmpty() || !Character.isDigit(name.charAt(0)))) {
        continue;
      }
      ai = ai == null ? name : ai;
      String problem = attributeProblem(ai, value, table);
      if (problem != null) {
        return problem;
      }
      for (int i = 0; i < elements.size(); i++) {
        if (elements.get(i).ai().equals(ai)) {
          return "AI (" + ai + ") given twice (" + (i == 0 ? "as the key in the path"
              : i < inPath ? "in the path" : "in the query string") + " and in the query"
              + " string)";
        }
      }
      problem = belongsInPath(table.get(elements.get(0).ai()), elements.subList(1, inPath), ai);
      if (problem != null) {
        return problem;
      }
      elements.add(new Gs1Element(ai, value));
    }
    return null;
  }

  /**
   * Returns why a query-string AI belongs in the path instead, or null. A key qualifier that
   * the path could hold beside the qualifiers it has (one of the key's sequences holds them all)
   * goes in the path: GS1's Digital Link rules say so and its syntax engine refuses it
   * ({@code /01/{gtin}?10=LOT1} is refused; {@code /01/{gtin}/235/{tpx}?10=LOT1} is read, as
   * (235) leaves (10) no place in the path). The (10) flag of a data attribute is for keys that
   * do not take it as a qualifier, such as an SSCC's.
   */
  static String belongsInPath(Gs1Ai key, List<Gs1Element> inPath, String ai) {
    for (List<String> sequence : key.dlQualifiers()) {
      if (!sequence.contains(ai)
          || !inPath.stream().allMatch(e -> sequence.contains(e.ai()))) {
        continue;
      }
      StringBuilder path = new StringBuilder("/" + key.ai() + "/...");
      for (String q : sequence) {
        if (q.equals(ai) || inPath.stream().anyMatch(e -> e.ai().equals(q))) {
          path.append('/').append(q).append("/...");
        }
      }
      return "AI (" + ai + ") in the query string is a qualifier of the key (" + key.ai()
          + ") and belongs in the path (" + path + "), not in the query string";
    }
    return null;
  }

  private static String attributeProblem(String ai, String value, Gs1AiTable table) {
    if (!Gtin.isDigits(ai)) {
      return "query parameter '" + ai + "' is no GS1 AI (an AI is all digits) and no Digital"
          + " Link short name";
    }
    Gs1Ai spec = table.get(ai);
    if (spec == null) {
      return "unknown GS1 AI (" + ai + ") in the query string";
    }
    if (!spec.dlAttribute()) {
      return "AI (" + ai + ") may not stand in the query string (GS1 allows it only in the"
          + " path, after its key)";
    }
    return value.isEmpty() ? "AI (" + ai + ") in the query string has no value" : null;
  }

  /**
   * Joins the elements as a scanner sends a GS1 element string: a GS after each field that is
   * not of predefined length, but the last. A value that would not stay one field (a fixed
   * length not met, a GS inside) is refused here, since the parser could only misread it.
   */
  private static Result elementString(List<Gs1Element> elements, Gs1AiTable table) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < elements.size(); i++) {
      Gs1Element e = elements.get(i);
      Gs1Ai spec = table.get(e.ai());
      if (e.value().indexOf(Gs1Parser.GS) >= 0) {
        return Result.failed(REFUSED + "AI (" + e.ai() + ") holds a GS (%1D)");
      }
      if (spec.fixedLength() && e.value().length() != spec.maxLength()) {
        return Result.failed(REFUSED + "AI (" + e.ai() + ") needs " + spec.maxLength()
            + " characters, got " + e.value().length() + ": '" + e.value() + "'");
      }
      out.append(e.ai()).append(e.value());
      if (!spec.predefinedLength() && i + 1 < elements.size()) {
        out.append(Gs1Parser.GS);
      }
    }
    return new Result(out.toString(), null);
  }

  /**
   * Returns {@code s} with its %XX escapes decoded as UTF-8, or null when one is malformed. A
   * {@code +} stays a {@code +}: only a query string's reader makes it a space, and does so
   * before this.
   */
  static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
