package io.dockcount.core.barcode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a GS1 element string (the data of a GS1-128, GS1 DataBar, GS1 DataMatrix or GS1 QR
 * symbol) into its elements and checks each against the {@link Gs1AiTable}.
 *
 * <p>Rules, from the GS1 General Specifications: an AI of predefined length ({@code 00},
 * {@code 01}, {@code 17}, {@code 3103}, ...) needs no separator; every other field ends at a GS
 * ({@code \u001d}, how scanners transmit FNC1) or at the end of the data. A variable-length
 * field without a separator therefore runs to the end of the data, and the parser does not try
 * to find the AI a missing separator may have hidden (field report F05): guessing could read a
 * real lot as lot + date. An AI the table does not have stops parsing with a rejection, since
 * its length is unknown. Requisites are checked within the scan, but for the SSCC (00), which a
 * logistic label carries in a barcode of its own.
 *
 * <p>Dates ({@code YYMMDD}) take their century from the GS1 sliding window around
 * {@code referenceYear}; day {@code 00} means the last day of the month.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gs1Parser {
  /** ASCII group separator, the transmitted form of FNC1. */
  public static final char GS = '\u001d';
  private static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ"
      + "_abcdefghijklmnopqrstuvwxyz";

  /** The elements of a message, or why it was refused (then {@code elements} is empty). */
  public record Result(List<Gs1Element> elements, String error) {
    public Result {
      elements = List.copyOf(elements);
    }

    public boolean ok() {
      return error == null;
    }

    /** Returns the value of the first element with this AI, or null. */
    public String value(String ai) {
      for (Gs1Element e : elements) {
        if (e.ai().equals(ai)) {
          return e.value();
        }
      }
      return null;
    }

    static Result failed(String error) {
      return new Result(List.of(), error);
    }
  }

  /**
   * The AI a requisite may name without the scan holding it: the SSCC, which GS1's logistic
   * label prints as a barcode of its own, so the label's content barcode ((02) with (37), the
   * dictionary's "req=00+02" for (37)) is one scan without it, and would otherwise never count.
   */
  private static final String OWN_SYMBOL_AI = "00";

  /**
   * How scanners' data-format settings write an FNC1 separator as text, upper case. None can be
   * a GS1 value's: {@code ^} and {@code \} are outside GS1's character set 82, and a lot
   * holding {@code <GS>} would be a label printed from the same mis-set data.
   */
  private static final List<String> SEPARATOR_TEXTS = List.of("<GS>", "{GS}", "[GS]", "<FNC1>",
      "{FNC1}", "[FNC1]", "^]", "\\X1D", "\\U001D", "\\035");

  private final Gs1AiTable table;
  private final int referenceYear;

  /**
   * @param table the AIs to accept
   * @param referenceYear the current year, the centre of the date window (passed in so parsing
   *     is deterministic)
   */
  public Gs1Parser(Gs1AiTable table, int referenceYear) {
    this.table = table;
    this.referenceYear = referenceYear;
  }

  /** Returns the AIs this parser accepts. */
  public Gs1AiTable table() {
    return table;
  }

  /** Parses the data after the AIM identifier. A leading GS (FNC1 in first position) is allowed. */
  public Result parse(String data) {
    List<Gs1Element> elements = new ArrayList<>();
    int pos = 0;
    int n = data.length();
    while (pos < n) {
      if (data.charAt(pos) == GS) {
        pos++;
        continue;
      }
      Gs1Ai spec = findAi(data, pos);
      if (spec == null) {
        return Result.failed(unknownAi(data, pos));
      }
      pos += spec.ai().length();
      int end;
      if (spec.fixedLength()) {
        end = pos + spec.maxLength();
        if (end > n) {
          return Result.failed("AI (" + spec.ai() + ") needs " + spec.maxLength()
              + " characters, got " + (n - pos));
        }
        if (!spec.predefinedLength() && end < n && data.charAt(end) != GS) {
          return Result.failed("AI (" + spec.ai() + ") needs a GS separator after it");
        }
      } else {
        int gs = data.indexOf(GS, pos);
        end = gs < 0 ? n : gs;
      }
      String value = data.substring(pos, end);
      String problem = check(spec, value);
      if (problem != null) {
        return Result.failed(problem);
      }
      elements.add(new Gs1Element(spec.ai(), value));
      pos = end;
    }
    if (elements.isEmpty()) {
      return Result.failed("GS1 symbol without data");
    }
    String problem = checkCombination(elements);
    return problem == null ? new Result(elements, null) : Result.failed(problem);
  }

  /**
   * Returns the first text standing for a GS separator in {@code data} ({@code <GS>},
   * {@code ^]}, {@code \x1d}, any letter case), as a scanner's data format writes FNC1 when
   * set to, or null when there is none.
   */
  public static String separatorAsText(String data) {
    String upper = data.toUpperCase(Locale.ROOT);
    for (String s : SEPARATOR_TEXTS) {
      int at = upper.indexOf(s);
      if (at >= 0) {
        return data.substring(at, at + s.length());
      }
    }
    return null;
  }

  /**
   * Returns the date of a {@code YYMMDD} field (day 00 = last day of the month), or null when
   * it is no valid date.
   */
  public LocalDate date(String yymmdd) {
    if (yymmdd.length() != 6 || !Gtin.isDigits(yymmdd)) {
      return null;
    }
    int yy = Integer.parseInt(yymmdd.substring(0, 2));
    int mm = Integer.parseInt(yymmdd.substring(2, 4));
    int dd = Integer.parseInt(yymmdd.substring(4, 6));
    int century = referenceYear - Math.floorMod(referenceYear, 100);
    int diff = yy - Math.floorMod(referenceYear, 100);
    if (diff >= 51) {
      century -= 100;
    } else if (diff <= -50) {
      century += 100;
    }
    try {
      YearMonth ym = YearMonth.of(century + yy, mm);
      return dd == 0 ? ym.atEndOfMonth() : ym.atDay(dd);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private Gs1Ai findAi(String data, int pos) {
    for (int len = 2; len <= 4 && pos + len <= data.length(); len++) {
      Gs1Ai spec = table.get(data.substring(pos, pos + len));
      if (spec != null) {
        return spec;
      }
    }
    return null;
  }

  private static String unknownAi(String data, int pos) {
    String head = data.substring(pos, Math.min(data.length(), pos + 4));
    if (!Character.isDigit(head.charAt(0)) || head.length() < 2
        || !Character.isDigit(head.charAt(1))) {
      return "expected a GS1 AI at position " + pos + ", found '" + head + "'";
    }
    return "unknown or unsupported GS1 AI at position " + pos + " ('" + head + "...')";
  }

  private String check(Gs1Ai spec, String value) {
    String ai = "AI (" + spec.ai() + ")";
    if (value.isEmpty()) {
      return ai + " is empty";
    }
    if (value.length() > spec.maxLength()) {
      return ai + " has " + value.length() + " characters, at most " + spec.maxLength()
          + " allowed (GS separator missing?)";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (spec.numeric() ? (c < '0' || c > '9') : CSET82.indexOf(c) < 0) {
        return (spec.numeric() ? "non-digit in numeric " : "invalid character in ") + ai
            + ": '" + value + "'";
      }
    }
    for (String linter : spec.linters()) {
      String problem = lint(linter, value);
      if (problem != null) {
        return ai + " " + problem;
      }
    }
    return null;
  }

  private String lint(String linter, String value) {
    switch (linter) {
      case "csum":
        return Gtin.hasValidCheckDigit(value) ? null
            : "has a bad check digit: " + value + " (expected "
                + Gtin.checkDigit(value, value.length() - 1) + ")";
      case "yymmd0":
        return date(value) == null ? "is not a date YYMMDD: " + value : null;
      case "yymmdd":
        return date(value) == null || value.endsWith("00")
            ? "is not a date YYMMDD: " + value : null;
      default:
        // LIMITATION: gcppos1/gcppos2 (GS1 Company Prefix checks) need GS1's prefix list,
        // which the station does not have; the check digit still guards the key. The other
        // linters guard AIs a count does not use (countries, currencies, times): not checked.
        return null;
    }
  }

  private String checkCombination(List<Gs1Element> elements) {
    for (int i = 0; i < elements.size(); i++) {
      Gs1Element e = elements.get(i);
      for (int j = i + 1; j < elements.size(); j++) {
        Gs1Element o = elements.get(j);
        if (e.ai().equals(o.ai()) && !e.value().equals(o.value())) {
          return "AI (" + e.ai() + ") appears twice with different values";
        }
      }
      Gs1Ai spec = table.get(e.ai());
      for (String ex : spec.excludes()) {
        for (Gs1Element o : elements) {
          if (!o.ai().equals(e.ai()) && Gs1Ai.matches(ex, o.ai())) {
            return "AI (" + e.ai() + ") may not appear with AI (" + o.ai() + ")";
          }
        }
      }
      if (!spec.requires().isEmpty() && !anyAlternativePresent(spec.requires(), elements)) {
        return "AI (" + e.ai() + ") needs one of " + describe(spec.requires());
      }
    }
    return null;
  }

  private static boolean anyAlternativePresent(List<List<String>> alternatives,
      List<Gs1Element> elements) {
    for (List<String> alternative : alternatives) {
      boolean all = true;
      for (String pattern : alternative) {
        all &= pattern.equals(OWN_SYMBOL_AI)
            || elements.stream().anyMatch(el -> Gs1Ai.matches(pattern, el.ai()));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static String describe(List<List<String>> alternatives) {
    List<String> parts = new ArrayList<>();
    for (List<String> alternative : alternatives) {
      parts.add("(" + String.join(")+(", alternative) + ")");
    }
    return String.join(", ", parts);
  }
}
