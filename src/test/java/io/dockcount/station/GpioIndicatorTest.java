package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dockcount.core.station.Feedback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The station lights on Pi4J's mock platform. */
final class GpioIndicatorTest {
  private Context pi4j;

  @BeforeEach
  void mockPlatform() {
    pi4j = Stations.pi4j("mock");
  }

  @AfterEach
  void shutDown() {
    pi4j.shutdown();
  }

  private DigitalState state(String id) {
    return pi4j.registry().get(id, DigitalOutput.class).state();
  }

  @Test
  void lights_startOff_showOneOutcomeAtATime_endOff() {
    GpioIndicator lights = new GpioIndicator(pi4j, "DOCK-1", 17, 27);
    DigitalState initial = state("station-DOCK-1-good");

    lights.show(Feedback.GOOD);
    DigitalState goodAfterGood = state("station-DOCK-1-good");
    lights.show(Feedback.BAD);
    DigitalState goodAfterBad = state("station-DOCK-1-good");
    DigitalState badAfterBad = state("station-DOCK-1-bad");
    lights.close();

    assertEquals(DigitalState.LOW, initial);
    assertEquals(DigitalState.HIGH, goodAfterGood);
    assertEquals(DigitalState.LOW, goodAfterBad);
    assertEquals(DigitalState.HIGH, badAfterBad);
    assertEquals(DigitalState.LOW, state("station-DOCK-1-bad"));
  }

  @Test
  void onlyABadLight_goodOutcomeTurnsItOff() {
    GpioIndicator lights = new GpioIndicator(pi4j, "DOCK-2", null, 22);
    lights.show(Feedback.BAD);

    lights.show(Feedback.GOOD);

    assertEquals(DigitalState.LOW, state("station-DOCK-2-bad"));
  }

  @Test
  void pinAlreadyClaimed_isAConfigurationError() {
    new GpioIndicator(pi4j, "DOCK-1", 17, null);

    assertThrows(IllegalArgumentException.class,
        () -> new GpioIndicator(pi4j, "DOCK-3", 17, null));
  }
}
