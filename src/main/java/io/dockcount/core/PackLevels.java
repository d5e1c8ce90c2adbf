package io.dockcount.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pack levels that hold one another, and what they tell of a SKU's factors: an outer pack of
 * fewer eaches than the pack it holds ({@code CS,4} beside {@code IP,6}) is a factor counted in
 * that pack and read as eaches, the column saying so left out of the export. One table, so that
 * reconcile and the count service refuse the same factors of the same UOM table.
 */
public final class PackLevels {
  /**
   * Outer first: a pallet holds cases, cartons, boxes and inners; a case or carton holds inners.
   */
  public static final List<List<String>> HOLDS = List.of(List.of("PL", "CS"),
      List.of("PL", "CT"), List.of("PL", "BX"), List.of("PL", "IP"), List.of("CS", "IP"),
      List.of("CT", "IP"));

  private PackLevels() {}

  /**
   * Returns why units of a SKU have no factor, by canonical unit, from its {@code factors}
   * (eaches per canonical unit): an outer pack of fewer eaches than one it holds, and the
   * SKU's pallet above it, which may count that pack too. Empty when its levels agree.
   */
  public static Map<String, String> refused(Map<String, Long> factors) {
    Map<String, String> why = new LinkedHashMap<>();
    for (List<String> pair : HOLDS) {
      String outer = pair.get(0);
      String inner = pair.get(1);
      Long fo = factors.get(outer);
      Long fi = factors.get(inner);
      if (fo == null || fi == null || fo >= fi) {
        continue;
      }
      why.putIfAbsent(outer, outer + " is " + fo + " EA, fewer than the " + fi + " EA of "
          + inner + ", which it holds: a factor per " + inner + " read as eaches? " + outer
          + " has none until the table states it in eaches");
      if (!outer.equals("PL") && factors.containsKey("PL")) {
        why.putIfAbsent("PL", "PL holds " + outer + ", whose factor is refused (" + fo
            + " EA, fewer than the " + fi + " EA of " + inner + "): PL may count " + outer
            + " too, so it has none until the table agrees");
      }
    }
    return why;
  }
}
