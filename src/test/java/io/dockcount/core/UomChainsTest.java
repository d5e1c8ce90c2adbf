package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A pack hierarchy listed level by level resolves to eaches whatever the order of its rows; a
 * row whose unit has no sure factor in eaches is rejected with its reason, never read as eaches.
 */
final class UomChainsTest {
  /**
   * A UOM table keyed by text, as the count service keeps one: a unit given two factors has
   * none, and a row's origin is its line.
   */
  private static final class Table implements UomChains.Factors<Integer> {
    final Map<String, Long> factors = new HashMap<>();
    final Set<String> withdrawn = new HashSet<>();
    final List<String> heard = new ArrayList<>();

    /** Puts a row in eaches as a loader does while reading; returns false on a conflict. */
    boolean direct(String sku, String unit, long eaches) {
      return put(sku, unit, eaches) == null;
    }

    long factor(String sku, String unit) {
      return unit.equals(UnitCode.EACH) ? 1 : factors.getOrDefault(sku + '/' + unit, 0L);
    }

    private String put(String sku, String unit, long eaches) {
      String key = sku + '/' + unit;
      if (withdrawn.contains(key)) {
        return unit + " already has two factors";
      }
      Long had = factors.putIfAbsent(key, eaches);
      if (had != null && had != eaches) {
        factors.remove(key);
        withdrawn.add(key);
        return unit + " already has " + had + " EA";
      }
      return null;
    }

    @Override
    public long via(UomChains.Link<Integer> row) {
      return factor(row.sku(), row.via());
    }

    @Override
    public long own(UomChains.Link<Integer> row) {
      return factor(row.sku(), row.unit());
    }

    @Override
    public String put(UomChains.Link<Integer> row, long eaches) {
      return put(row.sku(), row.unit(), eaches);
    }

    @Override
    public void withdraw(UomChains.Link<Integer> row) {
      factors.remove(row.sku() + '/' + row.unit());
      withdrawn.add(row.sku() + '/' + row.unit());
    }

    @Override
    public void rejected(UomChains.Rejection<Integer> r) {
      heard.add("line " + r.row().origin() + " " + r.problem());
    }
  }

  /** The rejections as "line N PROBLEM: reason", in the order made. */
  private static List<String> said(List<UomChains.Rejection<Integer>> rejections) {
    return rejections.stream()
        .map(r -> "line " + r.row().origin() + " " + r.problem() + ": " + r.reason()).toList();
  }

  @Test
  void resolve_threeLevelsPalletRowFirst_eachUnitInEaches() {
    // PL,40,CS / CS,4,IP / IP,6,EA: the pallet row waits for the case, the case for the inner.
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    chains.add("A", "PL", 40, "CS", 2);
    chains.add("A", "CS", 4, "IP", 3);
    t.direct("A", "IP", 6);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(List.of(), said(rejected));
    assertEquals(6, t.factor("A", "IP"));
    assertEquals(24, t.factor("A", "CS"));
    assertEquals(960, t.factor("A", "PL"));
  }

  @Test
  void resolve_sameChainInAnyRowOrder_sameFactors() {
    List<String[]> rows = List.of(new String[] {"PL", "40", "CS"},
        new String[] {"CS", "12", "EA"}, new String[] {"BX", "2", "PL"});
    for (int first = 0; first < rows.size(); first++) {
      Table t = new Table();
      UomChains<Integer> chains = new UomChains<>();
      for (int i = 0; i < rows.size(); i++) {
        String[] r = rows.get((first + i) % rows.size());
        if (r[2].equals("EA")) {
          t.direct("A", r[0], Long.parseLong(r[1]));
        } else {
          chains.add("A", r[0], Long.parseLong(r[1]), r[2], i + 2);
        }
      }

      assertEquals(List.of(), said(chains.resolve(t)), "rows from " + first);
      assertEquals(480, t.factor("A", "PL"), "rows from " + first);
      assertEquals(960, t.factor("A", "BX"), "rows from " + first);
    }
  }

  @Test
  void resolve_cycle_bothUnitsRejectedWithTheReason_noFactor() {
    // A pallet of 40 cases, a case of 10 pallets: each unit is known only through the other.
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    chains.add("A", "PL", 40, "CS", 2);
    chains.add("A", "CS", 10, "PL", 3);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(List.of("line 2 NOT_IN_EACHES: PL is given as 40 CS, and the table gives CS of "
        + "this SKU no factor in eaches: PL has none until it does",
        "line 3 NOT_IN_EACHES: CS is given as 10 PL, and the table gives PL of this SKU no "
        + "factor in eaches: CS has none until it does"), said(rejected));
    assertEquals(0, t.factor("A", "PL"));
    assertEquals(0, t.factor("A", "CS"));
    assertEquals(List.of("line 2 NOT_IN_EACHES", "line 3 NOT_IN_EACHES"), t.heard);
  }

  @Test
  void resolve_unitOnlyThroughItselfAcrossThreeRows_rejected() {
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    chains.add("A", "PL", 40, "CS", 2);
    chains.add("A", "CS", 4, "IP", 3);
    chains.add("A", "IP", 2, "PL", 4);
    t.direct("B", "CS", 12);
    chains.add("B", "PL", 40, "CS", 6);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(3, rejected.size(), said(rejected)::toString);
    assertTrue(rejected.stream().allMatch(r -> r.problem() == UomChains.Problem.NOT_IN_EACHES
        && r.row().sku().equals("A")), said(rejected)::toString);
    assertEquals(480, t.factor("B", "PL"), "another SKU's chain is read");
  }

  @Test
  void resolve_unitGivenTwoFactorsOnTheWay_itAndTheLevelAboveHaveNone() {
    // The case is 24 eaches, or 4 inners of 5 (20): the pallet of 40 cases is neither.
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    t.direct("A", "CS", 24);
    chains.add("A", "PL", 40, "CS", 3);
    chains.add("A", "CS", 4, "IP", 4);
    t.direct("A", "IP", 5);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(List.of("line 4 TWO_FACTORS: CS already has 24 EA",
        "line 3 NOT_IN_EACHES: PL is given as 40 CS, and the table gives CS of this SKU no "
        + "factor in eaches: PL has none until it does"), said(rejected));
    assertEquals(0, t.factor("A", "CS"));
    assertEquals(0, t.factor("A", "PL"), "960 or 800 EA is a guess");
    assertEquals(5, t.factor("A", "IP"));
  }

  @Test
  void resolve_factorPastTenToTheTwelveEaches_rejected() {
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    t.direct("A", "CS", 1_000_000);
    chains.add("A", "PL", 2_000_000, "CS", 3);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(List.of("line 3 TOO_MANY: 2000000 CS of 1000000 EA is more than 10^12 eaches: "
        + "a code in the quantity field?"), said(rejected));
    assertEquals(0, t.factor("A", "PL"));
  }

  @Test
  void resolve_factorInASpellingOfEachTheTableGivesAnotherFactor_rejected() {
    // CS,12,PC beside PC,10: 12 or 120 eaches. The loader put CS as 12 EA while reading.
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    t.direct("A", "CS", 12);
    chains.addEachBased("A", "CS", 12, "pc", 2);
    chains.dispute("A", "PCS", 10);
    chains.add("A", "PL", 40, "CS", 4);
    t.direct("B", "CS", 6);
    chains.addEachBased("B", "CS", 6, "PC", 5);

    List<UomChains.Rejection<Integer>> rejected = chains.resolve(t);

    assertEquals(List.of("line 2 DISPUTED_EACH: CS is given as 12 PC, but the table gives PCS 10 "
        + "EA, while PC is read as each: CS has none until the table agrees",
        "line 4 NOT_IN_EACHES: PL is given as 40 CS, and the table gives CS of this SKU no "
        + "factor in eaches: PL has none until it does"), said(rejected));
    assertEquals(0, t.factor("A", "CS"));
    assertEquals(0, t.factor("A", "PL"));
    assertEquals(6, t.factor("B", "CS"), "B's PC is undisputed");
  }

  @Test
  void recheck_packWithdrawnAfterResolving_theUnitReadThroughItLosesItsFactor() {
    // As a caller refusing CS,4 beside IP,6 after the chains resolved: BX,2,CS was 8 EA.
    Table t = new Table();
    UomChains<Integer> chains = new UomChains<>();
    t.direct("A", "CS", 4);
    chains.add("A", "BX", 2, "CS", 4);
    assertEquals(List.of(), said(chains.resolve(t)));
    assertEquals(8, t.factor("A", "BX"));

    t.factors.remove("A/CS");
    List<UomChains.Rejection<Integer>> rejected = chains.recheck(t);

    assertEquals(1, rejected.size());
    assertEquals(UomChains.Problem.NOT_IN_EACHES, rejected.get(0).problem());
    assertEquals(0, t.factor("A", "BX"));
  }
}
