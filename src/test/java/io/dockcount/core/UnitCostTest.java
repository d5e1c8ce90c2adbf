package io.dockcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UnitCostTest {
  @ParameterizedTest
  @CsvSource({"100,false,100", "100,true,100", "1.000,true,1000", "1.000.000,true,1000000",
      "12.345,true,12345", "1.000,false,-1", "01.000,true,-1", "001.000,true,-1",
      "0.100,true,-1", "1.00,true,-1", "1.0000,true,-1", "1.000.00,true,-1"})
  void count_priceUnitGroupedByDots_aCountOnlyWhereTheCostBesideItWouldBeReadSo(String per,
      boolean decimalComma, long expected) {
    long count = UnitCost.count(per, decimalComma);

    // Before: 01.000 and 001.000 were 1000 eaches, a number DecimalReader refuses.
    assertEquals(expected, count);
    if (expected >= 0 && decimalComma) {
      DecimalReader reader = new DecimalReader();
      reader.decimalComma(true);
      reader.read(per);
      assertEquals(expected, reader.wholeValue(), "read as the cost's reader reads it");
    }
  }

  @ParameterizedTest
  @CsvSource({"0", "00"})
  void perEach_priceUnitOfNoEaches_refusedForWhatItIsNotForTheUomTable(String per) {
    UnitCost.PerEach each = UnitCost.perEach(new BigDecimal("5.00"), per, "Price Unit", "5.00",
        "A", unit -> 12);

    assertNull(each.cost());
    assertEquals("unit cost is per " + per + " EA (Price Unit): a price unit counts the eaches "
        + "the cost is for, and 0 counts none (state the price unit, or leave it blank for per "
        + "each)", each.problem());
  }
}
