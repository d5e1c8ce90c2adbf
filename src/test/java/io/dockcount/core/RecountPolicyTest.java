package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.ToleranceRule.Combine;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecountPolicyTest {
  private static final RecountPolicy.Cases NO_CASES =
      new RecountPolicy.Cases(false, false, false, false, false, false, false);

  private static Limits limits(Long qty, String value, String pct) {
    return new Limits(qty, value == null ? null : new BigDecimal(value),
        pct == null ? null : new BigDecimal(pct));
  }

  private static RecountPolicy policy(ToleranceRule... rules) {
    return new RecountPolicy(List.of(rules), NO_CASES);
  }

  private static ToleranceRule rule(Limits shortSide, Limits overSide, Combine combine) {
    return new ToleranceRule(null, null, shortSide, overSide, combine);
  }

  /** Reason for a counted SKU + location line in no zone or class. */
  private static String reason(RecountPolicy p, long book, long counted, String value) {
    long variance = counted - book;
    Status s = variance == 0 ? Status.MATCHED : variance < 0 ? Status.SHORT : Status.OVER;
    return p.reason(s, book, variance, value == null ? null : new BigDecimal(value), 0, null,
        null, null);
  }

  @Test
  void reason_anyOneLimitReached_recount() {
    RecountPolicy p = policy(rule(limits(5L, "50.00", "2"), Limits.NONE, Combine.ANY));

    String qtyOnly = reason(p, 1000, 995, "-1.00");
    String valueOnly = reason(p, 1000, 999, "-50.00");
    String pctOnly = reason(p, 100, 98, "-0.02");
    String none = reason(p, 1000, 999, "-49.99");

    assertTrue(qtyOnly.startsWith("short qty 5 >= 5"), qtyOnly);
    assertTrue(valueOnly.startsWith("short value 50.00 >= 50.00"), valueOnly);
    assertTrue(pctOnly.startsWith("short pct >= 2"), pctOnly);
    assertNull(none);
  }

  @Test
  void reason_allNeedsEverySetLimit_recountOnlyWhenAllReached() {
    RecountPolicy p = policy(rule(limits(5L, "50.00", null), Limits.NONE, Combine.ALL));

    String qtyOnly = reason(p, 1000, 990, "-10.00");
    String both = reason(p, 1000, 990, "-50.00");

    assertNull(qtyOnly);
    assertEquals("short qty 10 >= 5, value 50.00 >= 50.00", both);
  }

  @Test
  void reason_shortAndOverLimitsDiffer_eachSideUsesItsOwn() {
    RecountPolicy p = policy(rule(limits(1L, null, null), limits(10L, null, null), Combine.ANY));

    String shortBy2 = reason(p, 100, 98, null);
    String overBy2 = reason(p, 100, 102, null);
    String overBy10 = reason(p, 100, 110, null);

    assertEquals("short qty 2 >= 1", shortBy2);
    assertNull(overBy2);
    assertEquals("over qty 10 >= 10", overBy10);
  }

  @Test
  void reason_sideWithEveryLimitLeftOut_noVarianceOnItRecounted() {
    RecountPolicy any = policy(rule(limits(100L, null, null), Limits.NONE, Combine.ANY));
    RecountPolicy all = policy(rule(limits(100L, null, null), Limits.NONE, Combine.ALL));

    // "Leave a limit out to not test it": with none tested, none is reached.
    assertNull(reason(any, 100, 10_000, "9900.00"));
    assertNull(reason(all, 100, 10_000, "9900.00"));
    assertEquals("short qty 100 >= 100", reason(any, 100, 0, "-100.00"));
  }

  @Test
  void reason_scopedRuleGivingOneSide_otherSideFromTheNextRuleThatApplies() {
    ToleranceRule byDefault = rule(limits(50L, null, null), limits(60L, null, null), Combine.ANY);
    ToleranceRule byZone = new ToleranceRule("Z", null, null, limits(6L, null, null),
        Combine.ANY);
    ToleranceRule byClass = new ToleranceRule(null, "D", limits(null, "100", null), null,
        Combine.ANY);
    RecountPolicy p = policy(byDefault, byZone, byClass);

    // Class D gives short only: its over is zone Z's, and out of zone Z the default's.
    assertEquals("over qty 6 >= 6 (zone Z)", p.reason(Status.OVER, 10, 6, new BigDecimal("6"),
        0, "Z", "D", null));
    assertNull(p.reason(Status.OVER, 10, 6, new BigDecimal("6"), 0, "Y", "D", null));
    assertEquals("short value 100.00 >= 100 (class D)", p.reason(Status.SHORT, 200, -100,
        new BigDecimal("-100.00"), 0, "Z", "D", null));
    assertNull(p.reason(Status.SHORT, 200, -51, new BigDecimal("-51.00"), 0, "Y", "D", null),
        "class D's short rule: 51.00 is under its 100");
  }

  @Test
  void reason_unknownCostAgainstValueLimit_countsAsReached() {
    RecountPolicy anyRule = policy(rule(limits(null, "50.00", null), Limits.NONE, Combine.ANY));
    RecountPolicy allRule = policy(rule(limits(100L, "50.00", null), Limits.NONE, Combine.ALL));

    String any = reason(anyRule, 20, 19, null);
    String allQtyNotReached = reason(allRule, 20, 19, null);

    assertEquals("short value unknown", any);
    assertNull(allQtyNotReached);
  }

  @Test
  void reason_matchedLine_noLimitTested() {
    RecountPolicy p = policy(rule(Limits.NONE, Limits.NONE, Combine.ANY));

    String matched = reason(p, 12, 12, "0.00");

    assertNull(matched);
  }

  @Test
  void ruleFor_specificity_zoneAndClassThenClassThenZoneThenDefault() {
    Limits l = limits(1L, null, null);
    ToleranceRule byDefault = new ToleranceRule(null, null, l, l, Combine.ANY);
    ToleranceRule byZone = new ToleranceRule("B", null, l, l, Combine.ANY);
    ToleranceRule byClass = new ToleranceRule(null, "A", l, l, Combine.ANY);
    ToleranceRule byBoth = new ToleranceRule("B", "A", l, l, Combine.ANY);
    RecountPolicy p = policy(byZone, byDefault, byBoth, byClass);

    assertEquals(byBoth, p.ruleFor("B", "A"));
    assertEquals(byClass, p.ruleFor("C", "A"));
    assertEquals(byZone, p.ruleFor("B", "C"));
    assertEquals(byZone, p.ruleFor("B", null));
    assertEquals(byDefault, p.ruleFor("C", null));
    assertEquals(byDefault, p.ruleFor(null, null));
  }

  @Test
  void reason_classRuleBeatsLooserDefault_namesTheRule() {
    RecountPolicy p = policy(
        rule(limits(100L, null, null), limits(100L, null, null), Combine.ANY),
        new ToleranceRule(null, "A", limits(1L, null, null), limits(1L, null, null),
            Combine.ANY));

    String classA = p.reason(Status.SHORT, 50, -1, null, 0, "Z", "A", null);
    String classB = p.reason(Status.SHORT, 50, -1, null, 0, "Z", "B", null);

    assertEquals("short qty 1 >= 1 (class A)", classA);
    assertNull(classB);
  }

  @Test
  void reason_negativeBookPct_cannotBeTakenSoLimitReached() {
    RecountPolicy p = policy(rule(Limits.NONE, limits(null, null, "2"), Combine.ANY));

    String over = reason(p, -30, 0, "45.00");

    assertEquals("over no positive book to take a percentage of", over);
  }

  @Test
  void reason_unexpectedSwitchOff_limitsStillTestedAsAgainstBookZero() {
    RecountPolicy off = policy(rule(limits(100L, null, null), limits(100L, null, null),
        Combine.ANY));

    String small = off.reason(Status.UNEXPECTED, 0, 2, null, 0, null, null, null);
    String large = off.reason(Status.UNEXPECTED, 0, 500, null, 0, null, null, null);

    assertNull(small);
    assertEquals("over qty 500 >= 100", large);
  }

  @Test
  void reason_caseSwitches_eachOnlyWhenOn() {
    RecountPolicy off = policy(rule(limits(1000L, null, null), limits(1000L, null, null),
        Combine.ANY));
    RecountPolicy on = new RecountPolicy(off.rules(), RecountPolicy.Cases.ALL);
    int zero = Flag.COUNTED_ZERO.bit();
    int negative = Flag.NEGATIVE_BOOK.bit();
    int unit = Flag.PROBABLE_UNIT_ERROR.bit();
    int lots = Flag.LOT_VARIANCE.bit();

    String missingOff = off.reason(Status.MISSING, 5, 0, null, 0, null, null, null);
    String missingOn = on.reason(Status.MISSING, 5, 0, null, 0, null, null, null);
    String unexpectedOff = off.reason(Status.UNEXPECTED, 0, 2, null, 0, null, null, null);
    String unexpectedOn = on.reason(Status.UNEXPECTED, 0, 2, null, 0, null, null, null);
    String zeroOn = on.reason(Status.SHORT, 5, -5, null, zero, null, null, null);
    String negativeOn = on.reason(Status.OVER, -3, 3, null, negative, null, null, null);
    String unitOn = on.reason(Status.SHORT, 12, -11, null, unit, null, null, "1 EA vs 1 CS");
    String lotsOn = on.reason(Status.MATCHED, 5, 0, null, lots, null, null, null);
    String flaggedOff = off.reason(Status.SHORT, 5, -5, null, zero | negative | unit | lots,
        null, null, "x");

    assertNull(missingOff);
    assertEquals("not counted", missingOn);
    assertNull(unexpectedOff);
    assertEquals("counted where the book has no line", unexpectedOn);
    assertEquals("counted zero against a book of 5", zeroOn);
    assertEquals("negative book", negativeOn);
    assertEquals("probable unit error: 1 EA vs 1 CS", unitOn);
    assertEquals("lots do not match", lotsOn);
    assertNull(flaggedOff);
  }

  @Test
  void new_twoRulesSameScope_refused() {
    ToleranceRule a = new ToleranceRule("B", null, Limits.NONE, Limits.NONE, Combine.ANY);

    assertThrows(IllegalArgumentException.class,
        () -> policy(rule(Limits.NONE, Limits.NONE, Combine.ANY), a, a));
  }

  @Test
  void new_noDefaultRule_refused() {
    ToleranceRule zoned = new ToleranceRule("B", null, Limits.NONE, Limits.NONE, Combine.ANY);

    assertThrows(IllegalArgumentException.class, () -> policy(zoned));
  }

  @Test
  void limits_negative_refused() {
    assertThrows(IllegalArgumentException.class, () -> limits(-1L, null, null));
    assertThrows(IllegalArgumentException.class, () -> limits(null, "-0.01", null));
  }

  @Test
  void reason_valueOfWholeCost_shownWithCentsLikeTheReports() {
    RecountPolicy p = policy(rule(limits(null, "50.00", null), Limits.NONE, Combine.ANY));

    String wholeCost = reason(p, 10, 0, "-250");
    String fourDecimals = reason(p, 1000, 0, "-84.5000");

    assertEquals("short value 250.00 >= 50.00", wholeCost);
    assertEquals("short value 84.50 >= 50.00", fourDecimals);
  }
}
