package io.dockcount.core.barcode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GS1 Application Identifiers the scan parser understands, read from lines in the format of
 * the GS1 Barcode Syntax Dictionary.
 *
 * <p>{@link #supported()} is the table shipped in this package ({@code gs1-ais.txt}: every AI
 * line of the dictionary, unmodified, Apache-2.0, attribution in the file), so a label carrying
 * AIs a count does not use (a net weight in pounds, a country of origin, a company's internal
 * 91-99) still parses. A specification of several components ({@code N6,yymmdd N4,hhmi},
 * optional ones in brackets) is split as one field of their summed lengths; the character sets
 * Y and Z are read as X. The parser checks the linters it knows ({@link #CHECKED_LINTERS})
 * where a field has one component; others are not checked: the station counts with AIs 00,
 * 01, 02, 10, 21, 30 and 37, whose checks it has. The Digital Link attributes (flag {@code ?},
 * {@code dlpkey}) are kept too, since they are what tells {@link DigitalLink} which path and
 * query a link may have.
 */
public final class Gs1AiTable {
  private static final Pattern COMPONENT = Pattern.compile("([NXYZ])(\\.\\.)?(\\d+)((?:,\\w+)*)");
  /** The linters the parser applies; gcppos1/2 are accepted but need GS1's prefix list. */
  static final List<String> CHECKED_LINTERS = List.of("csum", "yymmd0", "yymmdd");
  private static final Gs1AiTable SUPPORTED = loadSupported();

  private final Map<String, Gs1Ai> byAi;

  private Gs1AiTable(Map<String, Gs1Ai> byAi) {
    this.byAi = Collections.unmodifiableMap(byAi);
  }

  /** Returns the table of AIs shipped with dockcount. */
  public static Gs1AiTable supported() {
    return SUPPORTED;
  }

  /**
   * Reads dictionary-format lines; comments ({@code #}) and blank lines are skipped.
   *
   * @throws IllegalArgumentException for a line this parser cannot use, naming the line
   */
  public static Gs1AiTable read(Reader in) throws IOException {
    Map<String, Gs1Ai> map = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(in);
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String body = line.strip();
      if (body.isEmpty() || body.startsWith("#")) {
        continue;
      }
      try {
        for (Gs1Ai ai : parseLine(line)) {
          map.put(ai.ai(), ai);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("GS1 AI table line " + lineNo + ": " + e.getMessage(),
            e);
      }
    }
    return new Gs1AiTable(map);
  }

  /** Returns the AI spec, or null when the table does not have it. */
  public Gs1Ai get(String ai) {
    return byAi.get(ai);
  }

  /** Returns every AI in the table, in file order. */
  public Map<String, Gs1Ai> all() {
    return byAi;
  }

  /** Parses one entry line into one spec per AI of its range. */
  static List<Gs1Ai> parseLine(String line) {
    int hash = line.indexOf('#');
    String title = hash < 0 ? "" : line.substring(hash + 1).strip();
    String[] tokens = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
    int i = 0;
    String ais = tokens[i++];
    boolean predefined = false;
    boolean dlAttribute = false;
    if (i < tokens.length && !isComponent(tokens[i])) {
      predefined = tokens[i].contains("*");
      dlAttribute = tokens[i].contains("?");
      i++;
    }
    boolean numeric = true;
    int min = 0;
    int max = 0;
    int components = 0;
    List<String> linters = List.of();
    for (; i < tokens.length && isComponent(tokens[i]); i++) {
      boolean optional = tokens[i].startsWith("[");
      Matcher m = COMPONENT.matcher(optional
          ? tokens[i].substring(1, tokens[i].indexOf(']')) : tokens[i]);
      if (!m.matches()) {
        throw new IllegalArgumentException("unsupported specification '" + tokens[i] + "'");
      }
      numeric &= m.group(1).equals("N");
      int length = Integer.parseInt(m.group(3));
      max += length;
      min += optional ? 0 : m.group(2) == null ? length : 1;
      // A component's linters speak of that component: checked when it is the whole field.
      linters = m.group(4).isEmpty() ? List.of()
          : Arrays.asList(m.group(4).substring(1).split(","));
      components++;
    }
    if (components == 0) {
      throw new IllegalArgumentException("no specification: " + line);
    }
    if (components > 1) {
      linters = List.of();
    }
    List<List<String>> requires = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    boolean dlPrimaryKey = false;
    List<List<String>> dlQualifiers = new ArrayList<>();
    for (; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.equals("dlpkey")) {
        dlPrimaryKey = true;
      } else if (t.startsWith("dlpkey=")) {
        dlPrimaryKey = true;
        for (String sequence : t.substring(7).split("\\|")) {
          dlQualifiers.add(Arrays.asList(sequence.split(",")));
        }
      } else if (t.startsWith("req=")) {
        for (String alternative : t.substring(4).split(",")) {
          requires.add(Arrays.asList(alternative.split("\\+")));
        }
      } else if (t.startsWith("ex=")) {
        excludes.addAll(Arrays.asList(t.substring(3).split(",")));
      }
    }
    List<Gs1Ai> result = new ArrayList<>();
    for (String ai : expand(ais)) {
      result.add(new Gs1Ai(ai, predefined, numeric, min, max, linters, requires, excludes,
          title, dlAttribute, dlPrimaryKey, dlQualifiers));
    }
    return result;
  }

  /** Returns true for a specification component, {@code N6,csum} or optional {@code [X1]}. */
  private static boolean isComponent(String token) {
    String t = token.startsWith("[") && token.contains("]")
        ? token.substring(1, token.indexOf(']')) : token;
    return !t.isEmpty() && "NXYZ".indexOf(t.charAt(0)) >= 0 && t.length() > 1
        && (Character.isDigit(t.charAt(1)) || t.startsWith("..", 1));
  }

  private static List<String> expand(String ais) {
    int dash = ais.indexOf('-');
    if (dash < 0) {
      return List.of(ais);
    }
    String from = ais.substring(0, dash);
    String to = ais.substring(dash + 1);
    List<String> result = new ArrayList<>();
    for (int v = Integer.parseInt(from); v <= Integer.parseInt(to); v++) {
      result.add(String.format("%0" + from.length() + "d", v));
    }
    return result;
  }

  private static Gs1AiTable loadSupported() {
    try (InputStream in = Gs1AiTable.class.getResourceAsStream("gs1-ais.txt")) {
      if (in == null) {
        throw new IllegalStateException("gs1-ais.txt is missing from the classpath");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gs1-ais.txt", e);
    }
  }
}
