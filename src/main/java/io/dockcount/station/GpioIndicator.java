package io.dockcount.station;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dockcount.core.station.Feedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Good and bad lights (or buzzers) of one station on two GPIO digital outputs through Pi4J,
 * either pin optional. Both start off and are set off at shutdown. The Pi4J {@link Context} is
 * the application's one context; this class never shuts it down.
 */
public final class GpioIndicator implements Indicator {
  private static final Logger log = LoggerFactory.getLogger(GpioIndicator.class);

  private final String station;
  private final DigitalOutput good;
  private final DigitalOutput bad;

  /**
   * Claims the pins (BCM numbering).
   *
   * @param goodPin the good light's pin, or null for none
   * @param badPin the bad light's pin, or null for none
   * @throws IllegalArgumentException when a pin cannot be claimed (in use, no GPIO provider)
   */
  public GpioIndicator(Context pi4j, String station, Integer goodPin, Integer badPin) {
    this.station = station;
    this.good = output(pi4j, station, "good", goodPin);
    this.bad = output(pi4j, station, "bad", badPin);
  }

  private static DigitalOutput output(Context pi4j, String station, String role, Integer pin) {
    if (pin == null) {
      return null;
    }
    try {
      return pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
          .id("station-" + station.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + role)
          .name(station + " " + role + " light")
          .address(pin)
          .initial(DigitalState.LOW)
          .shutdown(DigitalState.LOW));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("station " + station + ": cannot use GPIO " + pin
          + " for the " + role + " light: " + e.getMessage(), e);
    }
  }

  @Override
  public void show(Feedback feedback) {
    set(feedback == Feedback.GOOD ? good : bad, DigitalState.HIGH);
    set(feedback == Feedback.GOOD ? bad : good, DigitalState.LOW);
  }

  @Override
  public void off() {
    set(good, DigitalState.LOW);
    set(bad, DigitalState.LOW);
  }

  @Override
  public void close() {
    off();
  }

  private void set(DigitalOutput out, DigitalState state) {
    if (out == null) {
      return;
    }
    try {
      out.state(state);
    } catch (RuntimeException e) {
      log.warn("{}: GPIO write to {} failed; the scan itself is not affected", station,
          out.id(), e);
    }
  }
}
