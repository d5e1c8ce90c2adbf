package io.dockcount.alert;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PA/radio relays on GPIO: push-to-talk and, optionally, a chime. Each output is created
 * once with an initial and a shutdown state of <em>off</em>, so the relays start released and
 * Pi4J releases them when its context shuts down; for an active-low board "off" is a high pin.
 *
 * <p>Before any output is created the GPIO chip the provider opened is checked against the
 * expected labels: on a wrong chip the BCM numbers would switch other lines, so the relays are
 * not armed at all, and that is logged at ERROR and printed.
 *
 * <p>Thread-safe: the announcer and its max-key watchdog both release PTT.
 */
public final class Relays {
  private static final Logger log = LoggerFactory.getLogger(Relays.class);

  private final DigitalOutput ptt;
  private final DigitalOutput chime;

  private Relays(DigitalOutput ptt, DigitalOutput chime) {
    this.ptt = ptt;
    this.chime = chime;
  }

  /**
   * Creates the outputs, or returns null (relays not armed) when the chip is not an expected
   * one.
   *
   * @param chipLabel the label of the GPIO chip the provider opened, or null when unknown
   */
  public static Relays arm(Context pi4j, AlertSettings.Radio s, Supplier<String> chipLabel) {
    List<String> expected = s.expectedChipLabels();
    if (!expected.isEmpty()) {
      String label = chipLabel.get();
      if (label == null || !expected.contains(label)) {
        String msg = "radio: " + (label == null ? "no GPIO chip could be identified"
            : "GPIO chip is '" + label + "'") + ", expected one of " + expected
            + ": PA/radio relays NOT ARMED (dockcount.alerts.radio.expected-chip-labels)";
        log.error(msg);
        System.err.println("dockcount: " + msg);
        return null;
      }
      log.info("radio: GPIO chip '{}' as expected", label);
    }
    DigitalOutput ptt = output(pi4j, s, "ptt", s.pttPin());
    DigitalOutput chime = s.chimePin() < 0 ? null : output(pi4j, s, "chime", s.chimePin());
    log.info("radio: relays armed: PTT on BCM {}, chime {}, active-{}", s.pttPin(),
        s.chimePin() < 0 ? "none" : "on BCM " + s.chimePin(), s.activeLow() ? "low" : "high");
    return new Relays(ptt, chime);
  }

  private static DigitalOutput output(Context pi4j, AlertSettings.Radio s, String name,
      int bcm) {
    DigitalState on = s.activeLow() ? DigitalState.LOW : DigitalState.HIGH;
    DigitalState off = s.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    return pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
        .id("dockcount-radio-" + name)
        .name("dockcount radio " + name + " relay")
        .address(bcm)
        .onState(on)
        .initial(off)
        .shutdown(off)
        .provider(s.provider()));
  }

  /** The PTT output (tests watch it). */
  public DigitalOutput ptt() {
    return ptt;
  }

  /** The chime output, or null. */
  public DigitalOutput chime() {
    return chime;
  }

  public boolean hasChime() {
    return chime != null;
  }

  public synchronized void keyPtt() {
    ptt.on();
  }

  public synchronized void releasePtt() {
    ptt.off();
  }

  public synchronized boolean pttKeyed() {
    return ptt.isOn();
  }

  public synchronized void chime(boolean on) {
    if (chime != null) {
      if (on) {
        chime.on();
      } else {
        chime.off();
      }
    }
  }

  /** Releases every relay; never throws (used on error paths and at shutdown). */
  public synchronized void releaseAll() {
    try {
      ptt.off();
    } catch (RuntimeException e) {
      log.error("radio: PTT relay could not be released", e);
    }
    try {
      if (chime != null) {
        chime.off();
      }
    } catch (RuntimeException e) {
      log.error("radio: chime relay could not be released", e);
    }
  }

  /**
   * The label of the chip Pi4J's gpiod provider opened (it takes the first whose label contains
   * "pinctrl"), or null when it cannot be read.
   */
  public static String gpiodChipLabel() {
    // LIMITATION: Pi4J 2.8 does not expose the chip it opened; it is read by reflection and a
    // later Pi4J that renames the field gives null, which refuses to arm (safe side).
    try {
      Class<?> ctx = Class.forName("com.pi4j.library.gpiod.internal.GpioDContext");
      Object instance = ctx.getMethod("getInstance").invoke(null);
      java.lang.reflect.Field f = ctx.getDeclaredField("gpioChip");
      f.setAccessible(true);
      Object chip = f.get(instance);
      if (chip == null) {
        ctx.getMethod("initialize").invoke(instance);
        chip = f.get(instance);
      }
      return chip == null ? null : (String) chip.getClass().getMethod("getLabel").invoke(chip);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.warn("radio: cannot read the GPIO chip label: {}", e.toString());
      return null;
    }
  }
}
