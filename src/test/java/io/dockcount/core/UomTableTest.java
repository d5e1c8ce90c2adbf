package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class UomTableTest {
  @Test
  void factors_ofSeveralUnitsAtOnce_asFactorGivesEachOne() {
    UomTable t = new UomTable();
    int cs = t.unitId("CS");
    int ip = t.unitId("IP");
    int pl = t.unitId("PL");
    t.put(0, cs, 12);
    t.put(0, ip, 6);
    t.put(1, pl, 480);
    t.put(1, cs, 24);
    t.put(1, cs, 20); // two factors: CS of SKU 1 is withdrawn
    t.withdraw(1, cs);
    int[] units = {pl, cs, ip, t.eachUnit()};
    long[] out = new long[units.length];

    t.factors(0, units, out);
    assertArrayEquals(new long[] {0, 12, 6, 1}, out);
    t.factors(1, units, out);
    assertArrayEquals(new long[] {480, 0, 0, 1}, out);
    t.factors(7, units, out); // a SKU with no units: each only
    assertArrayEquals(new long[] {0, 0, 0, 1}, out);
    for (int sku = 0; sku < 2; sku++) {
      t.factors(sku, units, out);
      for (int i = 0; i < units.length; i++) {
        assertEquals(t.factor(sku, units[i]), out[i], "sku " + sku + " unit " + i);
      }
    }
  }
}
