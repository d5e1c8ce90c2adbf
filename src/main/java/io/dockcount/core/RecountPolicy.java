package io.dockcount.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides which reconciliation lines become recount tasks, and why.
 *
 * <p>A variance is tested against the most specific {@link ToleranceRule} for its zone and SKU
 * class; a limit is reached at or above its value. A variance with no known cost cannot be shown
 * to be within a value limit, so that limit counts as reached. Besides the limits, these cases
 * each have their own switch: missing (never counted), unexpected, counted zero against a
 * positive book, negative book, probable unit error, lots that do not match, and a line some of
 * whose rows were rejected (its quantity leaves them out).
 */
public final class RecountPolicy {
  /** Switches for the cases that are not variance limits. */
  public record Cases(
      boolean missing,
      boolean unexpected,
      boolean countedZero,
      boolean negativeBook,
      boolean unitError,
      boolean lotVariance,
      boolean rejectedRows) {
    public static final Cases ALL = new Cases(true, true, true, true, true, true, true);
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String BOOK_ROWS_REJECTED =
      "book rows rejected (see exceptions.csv): the book quantity leaves them out";
  private static final String SPELLINGS = "(letter case, leading zeros, accents, spaces, a "
      + "spreadsheet's =\"...\", 913.0 or 1.23457E+12)";
  private static final String KEY_MISMATCH = "maybe the same item keyed another way on the other "
      + "side " + SPELLINGS;
  private static final String PARTLY_ELSEWHERE = "part of it maybe counted under its SKU or "
      + "location keyed another way " + SPELLINGS;

  /**
   * How a line's rejected count rows are told in its recount reason: as the rows of a file the
   * exceptions list, or as scans a station held for a supervisor.
   *
   * @param some a reason when some were rejected
   * @param all a reason for a line whose every count was rejected
   */
  public record RejectedCounts(String some, String all) {
    public static final RejectedCounts ROWS = new RejectedCounts(
        "count rows rejected (see exceptions.csv): the counted quantity leaves them out",
        "counted, but every count row was rejected (see exceptions.csv)");
    public static final RejectedCounts HELD_SCANS = new RejectedCounts(
        "scans held at the station (see rejected_scans.csv): the counted quantity leaves them "
            + "out", "counted, but every scan was held at the station (see rejected_scans.csv)");
  }

  private final List<ToleranceRule> rules;
  private final Cases cases;
  private final RejectedCounts rejectedCounts;

  /**
   * @param rules tolerance rules; at most one per scope, and one of them must be the default
   * @throws IllegalArgumentException when two rules have the same scope or no default is given
   */
  public RecountPolicy(List<ToleranceRule> rules, Cases cases) {
    this(rules, cases, RejectedCounts.ROWS);
  }

  private RecountPolicy(List<ToleranceRule> rules, Cases cases, RejectedCounts rejectedCounts) {
    this.cases = Objects.requireNonNull(cases, "cases");
    this.rejectedCounts = Objects.requireNonNull(rejectedCounts, "rejectedCounts");
    List<ToleranceRule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingInt(ToleranceRule::specificity).reversed());
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        ToleranceRule a = sorted.get(i);
        ToleranceRule b = sorted.get(j);
        if (Objects.equals(a.zone(), b.zone()) && Objects.equals(a.skuClass(), b.skuClass())) {
          throw new IllegalArgumentException("two tolerance rules for " + a.scope());
        }
      }
    }
    if (sorted.stream().noneMatch(r -> r.specificity() == 0)) {
      throw new IllegalArgumentException("no default tolerance rule");
    }
    this.rules = List.copyOf(sorted);
  }

  /** The example policy of the field reports: 2 % of book or 50.00, every case on. */
  public static RecountPolicy standard() {
    Limits limits = new Limits(null, new BigDecimal("50.00"), new BigDecimal("2"));
    return new RecountPolicy(
        List.of(new ToleranceRule(null, null, limits, limits, ToleranceRule.Combine.ANY)),
        Cases.ALL);
  }

  /** Returns this policy telling rejected count rows as {@code wording} says. */
  public RecountPolicy withRejectedCounts(RejectedCounts wording) {
    return wording.equals(rejectedCounts) ? this : new RecountPolicy(rules, cases, wording);
  }

  public List<ToleranceRule> rules() {
    return rules;
  }

  public Cases cases() {
    return cases;
  }

  /** Returns the rule that applies to a line: the most specific match. */
  public ToleranceRule ruleFor(String zone, String skuClass) {
    for (ToleranceRule r : rules) {
      if (r.appliesTo(zone, skuClass)) {
        return r;
      }
    }
    throw new IllegalStateException("no default rule");
  }

  /**
   * Returns the rule whose limits apply to one side of a line's variance: the most specific
   * match that gives that side (a rule giving only {@code short} leaves {@code over} to the
   * next less specific rule, at last the default).
   */
  public ToleranceRule ruleFor(String zone, String skuClass, boolean shortSide) {
    for (ToleranceRule r : rules) {
      if (r.side(shortSide) != null && r.appliesTo(zone, skuClass)) {
        return r;
      }
    }
    throw new IllegalStateException("no default rule");
  }

  /**
   * Returns why the line must be recounted, or null when it need not be.
   *
   * @param value the variance value, or null when the SKU has no cost (or the line is missing)
   * @param unitErrorDetail what the probable unit error is, used when that flag is set
   */
  public String reason(Status status, long book, long variance, BigDecimal value, int flags,
      String zone, String skuClass, String unitErrorDetail) {
    List<String> reasons = new ArrayList<>(2);
    if (status == Status.MISSING) {
      if (Flag.COUNT_ROWS_REJECTED.in(flags) && cases.rejectedRows()) {
        reasons.add(rejectedCounts.all());
      } else if (cases.missing()) {
        reasons.add("not counted");
      }
      if (Flag.BOOK_ROWS_REJECTED.in(flags) && cases.rejectedRows()) {
        reasons.add(BOOK_ROWS_REJECTED);
      }
      if (Flag.POSSIBLE_KEY_MISMATCH.in(flags) && !reasons.isEmpty()) {
        reasons.add(KEY_MISMATCH);
      }
      return join(reasons);
    }
    // Unexpected with book rows rejected: the book has a line here whose quantity is unknown.
    boolean bookUnknown = status == Status.UNEXPECTED && Flag.BOOK_ROWS_REJECTED.in(flags);
    if (bookUnknown && (cases.unexpected() || cases.rejectedRows())) {
      reasons.add("counted where the book quantity is unknown: book rows of it were rejected "
          + "(see exceptions.csv)");
    } else if (status == Status.UNEXPECTED && cases.unexpected()) {
      reasons.add("counted where the book has no line");
      if (Flag.POSSIBLE_KEY_MISMATCH.in(flags)) {
        reasons.add(KEY_MISMATCH);
      }
    } else if ((status == Status.SHORT || status == Status.OVER)
        && Flag.POSSIBLE_KEY_MISMATCH.in(flags)) {
      // Whatever the limits: the variance may be only what was counted under the other key.
      reasons.add(PARTLY_ELSEWHERE);
    }
    if (Flag.COUNT_ROWS_REJECTED.in(flags) && cases.rejectedRows()) {
      reasons.add(rejectedCounts.some());
    }
    if (Flag.BOOK_ROWS_REJECTED.in(flags) && cases.rejectedRows() && !bookUnknown) {
      reasons.add(BOOK_ROWS_REJECTED);
    }
    if (Flag.PROBABLE_UNIT_ERROR.in(flags) && cases.unitError()) {
      reasons.add("probable unit error: " + unitErrorDetail);
    }
    if (Flag.NEGATIVE_BOOK.in(flags) && cases.negativeBook()) {
      reasons.add(book < 0 ? "negative book" : "a lot with a negative book");
    }
    if (Flag.COUNTED_ZERO.in(flags) && cases.countedZero()) {
      reasons.add(book > 0 && book + variance == 0 ? "counted zero against a book of " + book
          : "a lot counted zero against a positive book");
    }
    if (Flag.LOT_VARIANCE.in(flags) && cases.lotVariance()) {
      reasons.add("lots do not match");
    }
    // An unexpected line is tested against the limits too (as a book of 0) when its own switch
    // is off: switching a case off leaves the limits in force, as for the other cases.
    if (variance != 0 && (status != Status.UNEXPECTED || !cases.unexpected())) {
      String limit = limitReached(ruleFor(zone, skuClass, variance < 0), book, variance, value);
      if (limit != null) {
        reasons.add(limit);
      }
    }
    return join(reasons);
  }

  private static String limitReached(ToleranceRule rule, long book, long variance,
      BigDecimal value) {
    Limits limits = rule.side(variance < 0);
    if (limits.isEmpty()) {
      return null; // every limit left out: none to reach
    }
    long abs = Math.abs(variance);
    List<String> reached = new ArrayList<>(3);
    int tested = 0;
    if (limits.qty() != null) {
      tested++;
      if (abs >= limits.qty()) {
        reached.add("qty " + abs + " >= " + limits.qty());
      }
    }
    if (limits.value() != null) {
      tested++;
      if (value == null) {
        reached.add("value unknown");
      } else if (value.abs().compareTo(limits.value()) >= 0) {
        // As the reports show it: at least cents (a cost of 25 gives 250.00, not 250), and
        // no zeros past them (204.000 is 204.00).
        BigDecimal stripped = value.scale() > 2 ? value.abs().stripTrailingZeros() : value.abs();
        BigDecimal shown = stripped.setScale(Math.max(2, stripped.scale()));
        reached.add("value " + shown.toPlainString() + " >= " + limits.value());
      }
    }
    if (limits.pct() != null) {
      tested++;
      if (book <= 0) {
        reached.add("no positive book to take a percentage of");
      } else if (BigDecimal.valueOf(abs).multiply(HUNDRED)
          .compareTo(limits.pct().multiply(BigDecimal.valueOf(book))) >= 0) {
        reached.add("pct >= " + limits.pct().toPlainString());
      }
    }
    boolean hit = rule.combine() == ToleranceRule.Combine.ANY
        ? !reached.isEmpty() : reached.size() == tested;
    if (!hit) {
      return null;
    }
    return (variance < 0 ? "short " : "over ") + String.join(", ", reached)
        + (rule.specificity() == 0 ? "" : " (" + rule.scope() + ")");
  }

  private static String join(List<String> reasons) {
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }
}
