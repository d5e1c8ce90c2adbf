package io.dockcount.station;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.scan.ScannerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the service runs its count stations: each station's scanner (issue 3's
 * {@code dockcount.stations} blocks over {@code dockcount.scanner}), its optional good/bad GPIO
 * pins ({@code gpio { good-pin, bad-pin }} in the station block), and the
 * {@code dockcount.counting} block. Validated once at start; immutable.
 *
 * @param pulse how long a good or bad light stays on after a scan
 * @param printFeedback print each scan's outcome as a {@code FEEDBACK ...} line on stdout
 * @param silence how long a station with a counter logged in may send nothing before it is
 *     reported
 * @param gpio {@code auto} (Pi4J's providers found on the class path) or {@code mock}
 * @param leftOpen how long a location being counted (counts in its round) may stay open with no
 *     station counting it before it is reported; 0 for never. One left open by a stop or restart
 *     is reported at start whatever this is, unless it is 0
 * @param variableMeasure the site's variable-measure EAN-13/UPC-A layouts
 *     ({@code variable-measure}; none by default)
 */
public record StationSettings(List<ScannerSettings> scanners, Map<String, Pins> pins,
    Duration pulse, boolean printFeedback, Duration silence, String gpio, Duration leftOpen,
    VariableMeasure variableMeasure) {

  /** A station's good and bad light pins (BCM numbers); either may be null. */
  public record Pins(Integer good, Integer bad) {}

  public StationSettings {
    scanners = List.copyOf(scanners);
    pins = Map.copyOf(pins);
    Objects.requireNonNull(pulse, "pulse");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(leftOpen, "leftOpen");
    Objects.requireNonNull(variableMeasure, "variableMeasure");
    if (leftOpen.isNegative()) {
      throw new IllegalArgumentException("dockcount.counting.left-open-alert must not be "
          + "negative, was " + leftOpen);
    }
    if (!gpio.equals("auto") && !gpio.equals("mock")) {
      throw new IllegalArgumentException("dockcount.counting.gpio must be auto or mock, was "
          + gpio);
    }
  }

  /**
   * Reads and checks the settings; a pin used twice is refused.
   *
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  public static StationSettings from(Config root) {
    List<ScannerSettings> scanners = ScannerSettings.allFromConfig(root);
    try {
      Config c = root.getConfig("dockcount.counting");
      Map<String, Pins> pins = new HashMap<>();
      Map<Integer, String> used = new HashMap<>(); // pin to the station and role holding it
      for (ScannerSettings s : scanners) {
        String key = "dockcount.stations." + ConfigUtil.quoteString(s.station()) + ".gpio";
        if (!root.hasPath(key)) {
          continue;
        }
        Config g = root.getConfig(key);
        Integer good = g.hasPath("good-pin") ? g.getInt("good-pin") : null;
        Integer bad = g.hasPath("bad-pin") ? g.getInt("bad-pin") : null;
        String[] roles = {"good-pin", "bad-pin"};
        Integer[] both = {good, bad};
        for (int i = 0; i < 2; i++) {
          Integer pin = both[i];
          if (pin == null) {
            continue;
          }
          if (pin < 0 || pin > 53) {
            throw new IllegalArgumentException(key + "." + roles[i] + ": pin " + pin
                + " is out of range 0-53 (BCM numbers)");
          }
          String holder = used.putIfAbsent(pin, s.station() + "'s " + roles[i]);
          if (holder != null) {
            throw new IllegalArgumentException(key + "." + roles[i] + ": pin " + pin
                + " is already " + holder + "; each light needs a pin of its own");
          }
        }
        pins.put(s.station(), new Pins(good, bad));
      }
      Duration pulse = c.getDuration("feedback-pulse");
      Duration silence = c.getDuration("silence-alert");
      if (pulse.isNegative() || pulse.isZero() || silence.isNegative() || silence.isZero()) {
        throw new IllegalArgumentException("dockcount.counting.feedback-pulse and silence-alert "
            + "must be longer than 0");
      }
      return new StationSettings(scanners, pins, pulse, c.getBoolean("print-feedback"), silence,
          c.getString("gpio"), c.getDuration("left-open-alert"), variableMeasure(root));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Reads {@code dockcount.counting.variable-measure}, the layouts a site opts into; they are
   * the site's own (GS1 leaves them to each company or country), so nothing is assumed.
   *
   * @throws IllegalArgumentException naming the layout and setting that is wrong
   */
  public static VariableMeasure variableMeasure(Config root) {
    String key = "dockcount.counting.variable-measure";
    List<VariableMeasure.Layout> layouts = new ArrayList<>();
    List<? extends Config> blocks;
    try {
      blocks = root.getConfigList(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    for (int i = 0; i < blocks.size(); i++) {
      Config b = blocks.get(i);
      String where = key + "[" + i + "]";
      try {
        String value = b.getString("value");
        if (!value.equals("weight-kg") && !value.equals("price")) {
          throw new IllegalArgumentException("value must be weight-kg or price, was " + value);
        }
        layouts.add(new VariableMeasure.Layout(b.getString("prefix"), b.getInt("item-digits"),
            b.hasPath("price-check-digit") && b.getBoolean("price-check-digit"),
            value.equals("price") ? VariableMeasure.Value.PRICE
                : VariableMeasure.Value.WEIGHT_KG, b.getInt("decimals")));
      } catch (ConfigException | IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    try {
      return new VariableMeasure(layouts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /** Returns true when some station has a light to drive. */
  public boolean needsGpio() {
    return pins.values().stream().anyMatch(p -> p.good() != null || p.bad() != null);
  }

  /** Returns a copy with other stations (the demo makes its own). */
  public StationSettings withScanners(List<ScannerSettings> others, Map<String, Pins> otherPins) {
    return new StationSettings(others, otherPins, pulse, printFeedback, silence, gpio, leftOpen,
        variableMeasure);
  }
}
