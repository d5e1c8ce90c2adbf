package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockcount.alert.Alert;
import io.dockcount.alert.AlertPolicy;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one message sent at once for a location names its largest variance (field report h7). */
final class AlertOrderTest {
  private static Alert alert(String location, String sku, String value, int round) {
    BigDecimal v = value == null ? null : new BigDecimal(value);
    return new Alert(v != null && v.abs().compareTo(new BigDecimal("500")) >= 0
        ? Alert.Kind.HIGH_VALUE : Alert.Kind.RECOUNT, "C", "01", "04", "B", location, sku, -1L,
        v, round, "ALERT " + location + " sku " + sku);
  }

  @Test
  void largestFirst_eachLocationsLargestVarianceLeads_andSaysHowManyMore() {
    List<Alert> inSkuOrder = List.of(
        alert("C-01-04-B", "00032", "-957.60", 0),
        alert("C-01-04-B", "00040", null, 0),
        alert("C-01-04-B", "SKU-9", "-5988.00", 0),
        alert("C-01-05-A", "00001", "12.00", 0),
        alert("C-01-04-B", "00050", "30.00", 1)); // another round: its own message

    List<Alert> ordered = ZoneReconciler.largestFirst(inSkuOrder);

    assertEquals(List.of("C-01-04-B SKU-9", "C-01-04-B 00032", "C-01-04-B 00040",
        "C-01-05-A 00001", "C-01-04-B 00050"),
        ordered.stream().map(a -> a.location() + " " + a.sku()).toList());
    assertEquals("ALERT C-01-04-B sku SKU-9 (+2 more at this location)", ordered.get(0).line());
    assertEquals(2, ordered.get(0).moreAtLocation());
    assertEquals(0, ordered.get(1).moreAtLocation());
    assertEquals("ALERT C-01-05-A sku 00001", ordered.get(3).line());
    assertEquals("dockcount HIGH VALUE: zone C aisle 01 bay 04 level B (C-01-04-B) sku SKU-9 "
        + "-1 EA value -5988.00, first count (+2 more here)", AlertPolicy.sms(ordered.get(0)));
  }
}
