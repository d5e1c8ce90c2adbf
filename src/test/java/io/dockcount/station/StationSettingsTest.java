package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.core.barcode.VariableMeasure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class StationSettingsTest {
  private static Config site(String text) {
    return ConfigFactory.parseString(text).withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void stationsWithPins_readInIdOrder_withTheCountingDefaults() {
    StationSettings s = StationSettings.from(site("""
        dockcount.stations {
          DOCK-2 { zone = B, device = "/dev/serial/by-id/usb-scanner-2", gpio { bad-pin = 27 } }
          DOCK-1 { zone = A, device = "/dev/serial/by-id/usb-scanner-1",
                   gpio { good-pin = 17, bad-pin = 18 } }
        }
        """));

    assertEquals("DOCK-1", s.scanners().get(0).station());
    assertEquals(new StationSettings.Pins(17, 18), s.pins().get("DOCK-1"));
    assertEquals(new StationSettings.Pins(null, 27), s.pins().get("DOCK-2"));
    assertEquals(Duration.ofMillis(300), s.pulse());
    assertEquals(Duration.ofMinutes(10), s.silence());
    assertTrue(s.needsGpio());
  }

  @Test
  void pinUsedByTwoStations_isRefused_namingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("""
            dockcount.stations {
              DOCK-1 { zone = A, device = "/dev/ttyS1", gpio { good-pin = 17 } }
              DOCK-2 { zone = A, device = "/dev/ttyS2", gpio { good-pin = 17 } }
            }
            """)));

    assertEquals("dockcount.stations.\"DOCK-2\".gpio.good-pin: pin 17 is already DOCK-1's "
        + "good-pin; each light needs a pin of its own", e.getMessage());
  }

  @Test
  void variableMeasure_noneByDefault_layoutsReadWhenSet() {
    StationSettings none = StationSettings.from(site(""));
    StationSettings set = StationSettings.from(site("""
        dockcount.counting.variable-measure = [
          { prefix = "21", item-digits = 5, value = weight-kg, decimals = 3 }
          { prefix = "02", item-digits = 5, price-check-digit = true, value = price, decimals = 2 }
        ]
        """));

    assertTrue(none.variableMeasure().layouts().isEmpty());
    assertEquals(java.util.Set.of(
        new VariableMeasure.Layout("21", 5, false, VariableMeasure.Value.WEIGHT_KG, 3),
        new VariableMeasure.Layout("02", 5, true, VariableMeasure.Value.PRICE, 2)),
        java.util.Set.copyOf(set.variableMeasure().layouts()));
  }

  @Test
  void variableMeasure_badLayout_refusedNamingTheSetting() {
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("""
            dockcount.counting.variable-measure = [
              { prefix = "21", item-digits = 5, value = weight, decimals = 3 } ]
            """)));
    IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("""
            dockcount.counting.variable-measure = [
              { prefix = "21", item-digits = 5, value = price, decimals = 2 }
              { prefix = 2, item-digits = 5, value = price, decimals = 2 } ]
            """)));

    assertEquals("dockcount.counting.variable-measure[0]: value must be weight-kg or price, was"
        + " weight", value.getMessage());
    assertEquals("dockcount.counting.variable-measure[1]: prefix must be 20-29 (EAN-13) or 02"
        + " (UPC-A number system 2), was 2", prefix.getMessage());
  }

  @Test
  void variableMeasure_priceCheckDigitOverAValueGs1DefinesNoneFor_refusedNamingTheLayout() {
    IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("""
            dockcount.counting.variable-measure = [
              { prefix = "21", item-digits = 5, value = weight-kg, decimals = 3 }
              { prefix = "24", item-digits = 6, price-check-digit = true, value = price,
                decimals = 2 } ]
            """)));
    IllegalArgumentException six = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("""
            dockcount.counting.variable-measure = [
              { prefix = "02", item-digits = 3, price-check-digit = true, value = weight-kg,
                decimals = 3 } ]
            """)));
    StationSettings five = StationSettings.from(site("""
        dockcount.counting.variable-measure = [
          { prefix = "23", item-digits = 4, price-check-digit = true, value = weight-kg,
            decimals = 3 } ]
        """));

    assertEquals("dockcount.counting.variable-measure[1]: prefix 24: a price check digit over 3"
        + " value digits (item-digits 6) is not defined: GS1 defines one over a 4- or 5-digit"
        + " price or weight only (item-digits 5 or 4)", three.getMessage());
    assertTrue(six.getMessage().startsWith("dockcount.counting.variable-measure[0]: prefix 02: a"
        + " price check digit over 6 value digits (item-digits 3) is not defined"),
        six::getMessage);
    assertEquals(java.util.List.of(new VariableMeasure.Layout("23", 4, true,
        VariableMeasure.Value.WEIGHT_KG, 3)), five.variableMeasure().layouts());
  }

  @Test
  void unknownGpioProvider_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StationSettings.from(site("dockcount.counting.gpio = pigpio")));

    assertEquals("dockcount.counting.gpio must be auto or mock, was pigpio", e.getMessage());
  }
}
