package io.dockcount.core;

import java.util.Objects;

/**
 * Recount limits attached to a zone, a SKU class, both, or neither (the default).
 *
 * <p>The most specific rule that applies wins: zone and class, then class, then zone, then the
 * default.
 *
 * @param zone the zone this rule is for, or null for any zone
 * @param skuClass the SKU class this rule is for, or null for any class
 * @param shortSide limits for counts below book, or null (a scoped rule only) to take them from
 *     the next less specific rule that applies
 * @param overSide limits for counts above book, or null as for {@code shortSide}
 * @param combine whether one exceeded limit is enough ({@code ANY}) or all set limits must be
 *     exceeded ({@code ALL})
 */
public record ToleranceRule(
    String zone, String skuClass, Limits shortSide, Limits overSide, Combine combine) {

  /** How the limits of one side combine. */
  public enum Combine {
    ANY,
    ALL
  }

  public ToleranceRule {
    Objects.requireNonNull(combine, "combine");
    if (zone == null && skuClass == null && (shortSide == null || overSide == null)) {
      throw new IllegalArgumentException("the default rule needs limits for both sides");
    }
  }

  /** Returns the limits of one side, or null when this rule leaves that side to others. */
  public Limits side(boolean shortSide) {
    return shortSide ? this.shortSide : overSide;
  }

  /** Returns 3 for zone and class, 2 for class, 1 for zone, 0 for the default. */
  public int specificity() {
    return (zone != null ? 1 : 0) + (skuClass != null ? 2 : 0);
  }

  /** Returns true when this rule applies to a line in {@code lineZone} of {@code lineClass}. */
  public boolean appliesTo(String lineZone, String lineClass) {
    return (zone == null || zone.equals(lineZone))
        && (skuClass == null || skuClass.equals(lineClass));
  }

  /** Describes what the rule is attached to, for reasons and errors. */
  public String scope() {
    if (zone == null && skuClass == null) {
      return "default";
    }
    return (zone != null ? "zone " + zone : "") + (zone != null && skuClass != null ? ", " : "")
        + (skuClass != null ? "class " + skuClass : "");
  }
}
