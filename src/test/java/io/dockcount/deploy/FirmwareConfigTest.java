package io.dockcount.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pin map, the boot configuration and the example config name the same pins, and every relay
 * is off from power-on: the alerts feature and a person wiring the dock both read these files.
 */
final class FirmwareConfigTest {
  private static final Path DIR = Path.of("firmware-config");
  private static final Pattern GPIO_LINE = Pattern.compile("^(#?)gpio=([0-9,]+)=(op,d[lh])$",
      Pattern.MULTILINE);
  private static final Pattern MAP_ROW = Pattern.compile("^\\| (\\d+) \\| (\\d+) \\| ([^|]+)\\|",
      Pattern.MULTILINE);

  /** BCM pin to its row's description, from GPIO-PINS.md. */
  private static Map<Integer, String> pinMap() throws IOException {
    Map<Integer, String> map = new TreeMap<>();
    Matcher m = MAP_ROW.matcher(Files.readString(DIR.resolve("GPIO-PINS.md")));
    while (m.find()) {
      map.put(Integer.parseInt(m.group(1)), m.group(3).strip());
    }
    return map;
  }

  /** The gpio= lines of config.txt: commented-out flag, pins, function. */
  private static List<String[]> gpioLines() throws IOException {
    List<String[]> lines = new ArrayList<>();
    Matcher m = GPIO_LINE.matcher(Files.readString(DIR.resolve("config.txt")));
    while (m.find()) {
      lines.add(new String[] {m.group(1), m.group(2), m.group(3)});
    }
    return lines;
  }

  private static TreeSet<Integer> pins(String list) {
    TreeSet<Integer> pins = new TreeSet<>();
    for (String p : list.split(",")) {
      pins.add(Integer.parseInt(p));
    }
    return pins;
  }

  @Test
  void bootConfig_definesExactlyThePinsOfTheMap() throws IOException {
    TreeSet<Integer> active = new TreeSet<>();
    for (String[] line : gpioLines()) {
      if (line[0].isEmpty()) {
        active.addAll(pins(line[1]));
      }
    }

    assertEquals(new TreeSet<>(pinMap().keySet()), active);
  }

  @Test
  void relays_haveAnActiveHighAndAnActiveLowLineOnPinsPulledDownAtPowerOn() throws IOException {
    TreeSet<Integer> relays = new TreeSet<>();
    pinMap().forEach((pin, what) -> {
      if (what.contains("relay")) {
        relays.add(pin);
      }
    });
    List<String> relayLines = new ArrayList<>();
    for (String[] line : gpioLines()) {
      if (pins(line[1]).equals(relays)) {
        relayLines.add(line[0] + line[2]);
      }
    }

    assertEquals(List.of("op,dl", "#op,dh"), relayLines, "active-high in force, active-low "
        + "commented out, same pins");
    assertTrue(relays.stream().allMatch(p -> p >= 9 && p <= 27),
        "relay pins must default to pull-down at power-on (BCM 9-27): " + relays);
    assertEquals(3, relays.size());
  }

  @Test
  void exampleConfig_namesEveryPinOfTheMap() throws IOException {
    String conf = Files.readString(Path.of("systemd", "dockcount.conf"));

    for (int pin : pinMap().keySet()) {
      assertTrue(Pattern.compile("\\b" + pin + "\\b").matcher(conf).find(),
          "dockcount.conf does not name BCM " + pin);
    }
  }

  @Test
  void watchdog_isEnabledAndFedWithinTheHardwareLimit() throws IOException {
    String boot = Files.readString(DIR.resolve("config.txt"));
    String systemd = Files.readString(DIR.resolve("dockcount-watchdog.conf"));

    Matcher m = Pattern.compile("^RuntimeWatchdogSec=(\\d+)s$", Pattern.MULTILINE)
        .matcher(systemd);
    assertTrue(boot.lines().anyMatch("dtparam=watchdog=on"::equals));
    assertTrue(m.find(), systemd);
    Duration d = Duration.ofSeconds(Long.parseLong(m.group(1)));
    assertTrue(!d.isZero() && d.compareTo(Duration.ofSeconds(15)) <= 0, "Broadcom limit: " + d);
  }
}
