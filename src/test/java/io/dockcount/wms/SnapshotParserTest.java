package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.csv.ColumnMap;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A WMS delivery's UOM table and item master are read in eaches, as the start-up files are: a
 * factor or cost stated in another unit refuses the delivery, never read as eaches.
 */
final class SnapshotParserTest {
  private static RawTable table(String kind, String header, String... rows) {
    return new RawTable(kind, kind + ".csv", List.of(header.split(",")),
        Arrays.stream(rows).map(r -> new RawTable.Row("line 2", List.of(r.split(",", -1)), null))
            .toList());
  }

  @Test
  void parse_uomFactorCountingAnotherUnit_deliveryRefusedNeverReadAsEaches() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,PL,40,CS")), "jdbc", new ColumnMap());

    assertFalse(p.ok());
    assertEquals(List.of("uom.csv: line 2: qty_per_uom counts CS (base_uom), not eaches: the "
        + "service reads a UOM table's factors in eaches only (state PL in eaches)"), p.problems());
  }

  @Test
  void parse_uomFactorsInEachesOrBlank_read() {
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom,base_uom", "A,CS,24,EA", "A,IP,6,")), "jdbc", new ColumnMap());

    assertEquals(List.of(), p.problems());
  }

  @Test
  void parse_itemCostPerAnotherUnit_perEachThroughTheUomTableOrTheDeliveryRefused() {
    SnapshotParser.Parsed ok = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "A,24.00,CS", "B,2.00,EA")), "jdbc", new ColumnMap(),
        Map.of("A", Map.of("CS", 12L)));
    SnapshotParser.Parsed delivered = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CS,6"), table("items", "sku,unit_cost,cost_uom",
        "A,24.00,CS")), "jdbc", new ColumnMap(), Map.of("A", Map.of("CS", 12L)));
    SnapshotParser.Parsed refused = SnapshotParser.parse(List.of(table("items",
        "sku,unit_cost,cost_uom", "A,24.00,PL", "B,10.00,CS")), "jdbc", new ColumnMap(),
        Map.of("B", Map.of("CS", 7L)));

    assertEquals(List.of(), ok.problems());
    assertEquals(new BigDecimal("2.00"), ok.data().items().get("A").unitCost());
    assertEquals(new BigDecimal("2.00"), ok.data().items().get("B").unitCost());
    assertEquals(new BigDecimal("4.00"), delivered.data().items().get("A").unitCost(),
        "the delivery's own UOM table: 6 a case");
    assertEquals(List.of("items.csv: line 2: unit_cost is per PL (cost_uom), which has no factor "
        + "for sku A in the UOM table", "items.csv: line 2: unit_cost is per CS (cost_uom) of 7 "
        + "EA: 10.00 / 7 is no exact cost per each (state the cost per each)"),
        refused.problems());
  }

  @Test
  void parse_outerPackOfFewerEachesThanItsInner_deliveryRefused() {
    // CS,4 beside IP,6: the case's factor counts inners, read as eaches; reconcile has none.
    SnapshotParser.Parsed p = SnapshotParser.parse(List.of(table("uom",
        "sku,uom,qty_per_uom", "A,CS,4", "A,IP,6", "B,CS,24", "B,IP,6")), "jdbc",
        new ColumnMap());

    assertFalse(p.ok());
    assertEquals(1, p.problems().size(), p.problems()::toString);
    assertTrue(p.problems().get(0).contains("sku A: CS is 4 EA, fewer than the 6 EA of IP"),
        p.problems()::toString);
  }
}
