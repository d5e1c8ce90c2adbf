package io.dockcount.scan;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.dockcount.core.barcode.Framer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One station's scanner: where it is, how the line is set up, how scans are framed, and how
 * the station waits and reconnects. Validated once when built; immutable after.
 *
 * @param station the station id, e.g. {@code DOCK-3}
 * @param zone the zone the station's counts belong to
 * @param device which serial device
 * @param baudRate line speed (ignored by USB CDC scanners, needed by RS-232 ones)
 * @param dataBits 5 to 8
 * @param parity none, odd, even, mark or space
 * @param stopBits 1 or 2
 * @param terminators the bytes that end a scan
 * @param maxFrameLength the longest scan in bytes
 * @param idleTimeout how long a partial scan may wait for its terminator before it is
 *     recorded as incomplete
 * @param pollInterval the read timeout: how often the reader wakes to check silence, device
 *     presence and shutdown
 * @param minBackoff the first wait before reopening a lost or missing device
 * @param maxBackoff the longest wait between reopen attempts
 */
public record ScannerSettings(String station, String zone, DeviceSelector device, int baudRate,
    int dataBits, Parity parity, int stopBits, Set<Framer.Terminator> terminators,
    int maxFrameLength, Duration idleTimeout, Duration pollInterval, Duration minBackoff,
    Duration maxBackoff) {

  /** Serial parity settings. */
  public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

  public ScannerSettings {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(parity, "parity");
    terminators = Set.copyOf(terminators);
    require(!station.isBlank(), "station id is empty");
    require(baudRate > 0, "baud rate must be positive: " + baudRate);
    require(dataBits >= 5 && dataBits <= 8, "data bits must be 5 to 8: " + dataBits);
    require(stopBits == 1 || stopBits == 2, "stop bits must be 1 or 2: " + stopBits);
    require(!terminators.isEmpty(), "at least one terminator is needed");
    require(maxFrameLength > 0, "max frame length must be positive: " + maxFrameLength);
    require(positive(pollInterval) && positive(idleTimeout) && positive(minBackoff),
        "durations must be positive");
    require(pollInterval.compareTo(idleTimeout) < 0, "poll interval " + pollInterval
        + " must be shorter than idle timeout " + idleTimeout);
    require(maxBackoff.compareTo(minBackoff) >= 0, "max backoff below min backoff");
  }

  /** A station reading a device path with the usual USB CDC scanner defaults. */
  public static ScannerSettings forPath(String station, String zone, String path) {
    return new ScannerSettings(station, zone, new DeviceSelector.ByPath(path), 9600, 8,
        Parity.NONE, 1, EnumSet.of(Framer.Terminator.CR, Framer.Terminator.LF), 512,
        Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(5));
  }

  /** The keys a station block may set besides those of {@code dockcount.scanner}. */
  private static final Set<String> STATION_KEYS = Set.of("zone", "device", "usb.vendor-id",
      "usb.product-id", "usb.serial", "gpio.good-pin", "gpio.bad-pin");

  /**
   * Reads a station block (see {@code reference.conf}, {@code dockcount.scanner}, for the keys
   * and defaults). Exactly one of {@code device} and {@code usb} must be set, and a key it does
   * not know is refused, with where it is written.
   *
   * @throws IllegalArgumentException naming the station and the setting that is wrong
   */
  public static ScannerSettings fromConfig(String station, Config stationConfig,
      Config defaults) {
    Config c = stationConfig.withFallback(defaults);
    try {
      for (Map.Entry<String, com.typesafe.config.ConfigValue> e : stationConfig.entrySet()) {
        String key = e.getKey();
        if (!defaults.hasPath(key) && !STATION_KEYS.contains(key)) {
          // A misspelt key would leave the default in force without a word.
          throw new IllegalArgumentException("'" + key + "' is not a station setting (misspelt?"
              + " a station takes zone, device or usb, gpio and the dockcount.scanner keys), at "
              + e.getValue().origin().description());
        }
      }
      if (!stationConfig.hasPath("zone")) {
        throw new IllegalArgumentException("no 'zone': every station names the zone it stands "
            + "in (zone = A)");
      }
      boolean byPath = c.hasPath("device");
      boolean byUsb = c.hasPath("usb");
      if (byPath == byUsb) {
        throw new IllegalArgumentException("set exactly one of 'device' and 'usb'");
      }
      DeviceSelector device = byPath ? new DeviceSelector.ByPath(c.getString("device"))
          : new DeviceSelector.ByUsbId(hex(c.getString("usb.vendor-id")),
              hex(c.getString("usb.product-id")), c.hasPath("usb.serial")
                  ? c.getString("usb.serial") : "");
      EnumSet<Framer.Terminator> terminators = EnumSet.noneOf(Framer.Terminator.class);
      for (String t : c.getStringList("terminators")) {
        terminators.add(Framer.Terminator.parse(t));
      }
      return new ScannerSettings(station, c.getString("zone"), device, c.getInt("baud-rate"),
          c.getInt("data-bits"), Parity.valueOf(c.getString("parity").toUpperCase(Locale.ROOT)),
          c.getInt("stop-bits"), terminators, c.getInt("max-frame-length"),
          c.getDuration("idle-timeout"), c.getDuration("poll-interval"),
          c.getDuration("backoff.min"), c.getDuration("backoff.max"));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException("station " + station + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every station under {@code dockcount.stations}, each over the defaults in
   * {@code dockcount.scanner}, in station-id order. Two stations naming the same device path or
   * USB ids are refused: a station must never read another station's scanner.
   *
   * @throws IllegalArgumentException naming the station and the setting that is wrong
   */
  public static List<ScannerSettings> allFromConfig(Config root) {
    Config defaults = root.getConfig("dockcount.scanner");
    Config stations = root.hasPath("dockcount.stations") ? root.getConfig("dockcount.stations")
        : ConfigFactory.empty();
    List<ScannerSettings> result = new ArrayList<>();
    Map<DeviceSelector, String> owners = new HashMap<>();
    Map<java.nio.file.Path, ScannerSettings> ports = new HashMap<>();
    for (String id : new TreeSet<>(stations.root().keySet())) {
      ScannerSettings s = fromConfig(id, stations.getConfig(ConfigUtil.quoteString(id)),
          defaults);
      String other = owners.putIfAbsent(s.device(), id);
      if (other != null) {
        throw new IllegalArgumentException("station " + id + ": device " + s.device()
            + " is already station " + other + "'s scanner");
      }
      java.nio.file.Path port = portNow(s.device());
      ScannerSettings same = port == null ? null : ports.putIfAbsent(port, s);
      if (same != null) {
        // Two names of one port (a udev /dev/scanner/ link and its /dev/serial/by-id/ one):
        // both stations would read it, each getting some of the other's scans.
        throw new IllegalArgumentException("station " + id + ": device " + s.device()
            + " is the port " + port + ", as station " + same.station() + "'s device "
            + same.device() + " is: already that station's scanner");
      }
      result.add(s);
    }
    return List.copyOf(result);
  }

  /**
   * The port a device path leads to now, links followed; null for USB ids or a path that is not
   * there now (a scanner unplugged while the settings are read).
   */
  private static java.nio.file.Path portNow(DeviceSelector device) {
    if (!(device instanceof DeviceSelector.ByPath p)) {
      return null;
    }
    try {
      return java.nio.file.Path.of(p.path()).toRealPath();
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  private static int hex(String s) {
    String digits = s.strip().toLowerCase(Locale.ROOT);
    return Integer.parseInt(digits.startsWith("0x") ? digits.substring(2) : digits, 16);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
