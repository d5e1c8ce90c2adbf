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
 * <p>{@link #supported()} is the table shipped in this package ({@code gs1-ais.txt}, a selection
 * of unmodified dictionary lines, Apache-2.0, attribution in the file). Only single-component
 * specifications ({@code N6}, {@code X..20}, {@code N18,csum}) are accepted; a line with
 * several components is refused when the table is read, so the parser never meets a format it
 * cannot split.
 */
public final class Gs1AiTable {
  private static final Pattern COMPONENT = Pattern.compile("([NX])(\\.\\.)?(\\d+)((?:,\\w+)*)");
  private static final List<String> KNOWN_LINTERS =
      List.of("csum", "yymmd0", "yymmdd", "gcppos1", "gcppos2");
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
    if (i < tokens.length && !COMPONENT.matcher(tokens[i]).matches()) {
      predefined = tokens[i].contains("*");
      i++;
    }
    if (i >= tokens.length) {
      throw new IllegalArgumentException("no specification: " + line);
    }
    Matcher m = COMPONENT.matcher(tokens[i++]);
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported specification '" + tokens[i - 1] + "'");
    }
    boolean numeric = m.group(1).equals("N");
    int max = Integer.parseInt(m.group(3));
    int min = m.group(2) == null ? max : 1;
    List<String> linters = m.group(4).isEmpty() ? List.of()
        : Arrays.asList(m.group(4).substring(1).split(","));
    for (String linter : linters) {
      if (!KNOWN_LINTERS.contains(linter)) {
        throw new IllegalArgumentException("unsupported linter '" + linter + "'");
      }
    }
    List<List<String>> requires = new ArrayList<>();
    List<String> excludes = new ArrayList<>();
    for (; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.startsWith("req=")) {
        for (String alternative : t.substring(4).split(",")) {
          requires.add(Arrays.asList(alternative.split("\\+")));
        }
      } else if (t.startsWith("ex=")) {
        excludes.addAll(Arrays.asList(t.substring(3).split(",")));
      } else if (COMPONENT.matcher(t).matches() || t.startsWith("[")) {
        throw new IllegalArgumentException("more than one component: " + line.strip());
      }
    }
    List<Gs1Ai> result = new ArrayList<>();
    for (String ai : expand(ais)) {
      result.add(new Gs1Ai(ai, predefined, numeric, min, max, linters, requires, excludes,
          title));
    }
    return result;
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
