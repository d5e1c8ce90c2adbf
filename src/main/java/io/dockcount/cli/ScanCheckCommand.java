package io.dockcount.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.core.station.StationRules;
import io.dockcount.scan.FrameReport;
import io.dockcount.scan.JSerialCommSource;
import io.dockcount.scan.ScanCheck;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.station.StationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Opens one scanner port and prints one JSON object per frame as it arrives (see
 * {@link FrameReport} for the fields). Ends on hang-up, Ctrl-C/SIGTERM, or after
 * {@code --frames}. Exit codes: 0 when it ended normally, 1 when the port cannot be opened, 2
 * for bad options or files.
 */
@Command(name = "scan-check", mixinStandardHelpOptions = true,
    description = "Read one scanner port and print each frame as a JSON line.")
final class ScanCheckCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PATH",
      description = "The device, best its stable path (/dev/serial/by-id/...); with --station "
          + "left out: the station's own device or usb ids.")
  String port;

  @Option(names = "--barcodes", paramLabel = "FILE",
      description = "barcodes.csv (barcode,sku,uom): adds sku, uom and qty to items.")
  Path barcodes;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
      description = "Stop after N frames (default: run until the port closes or Ctrl-C).")
  long frames;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Site configuration (HOCON); with --station its station block is used.")
  Path config;

  @Option(names = "--station", paramLabel = "ID",
      description = "Take the device, line settings and terminators from this station's "
          + "block (with --config).")
  String station;

  @Option(names = "--baud", paramLabel = "N", description = "Baud rate.")
  Integer baud;

  @Option(names = "--data-bits", paramLabel = "N", description = "Data bits (5-8).")
  Integer dataBits;

  @Option(names = "--parity", paramLabel = "P", description = "none, odd, even, mark, space.")
  String parity;

  @Option(names = "--stop-bits", paramLabel = "N", description = "Stop bits (1 or 2).")
  Integer stopBits;

  @Option(names = "--terminators", paramLabel = "T", split = ",",
      description = "Bytes that end a scan: CR, LF, TAB, ETX (comma-separated).")
  List<String> terminators;

  @Option(names = "--max-frame-length", paramLabel = "N", description = "Longest scan, bytes.")
  Integer maxFrameLength;

  @Option(names = "--idle-timeout", paramLabel = "DURATION",
      description = "A partial scan older than this is incomplete (e.g. 2s, 500ms).")
  String idleTimeout;

  @Option(names = "--location-pattern", paramLabel = "REGEX",
      description = "Location codes: 'dashed' or a regex with named groups (default: the "
          + "--config file's dockcount.reconcile.location-pattern, else dashed).")
  String locationPattern;

  @Override
  public Integer call() throws Exception {
    ScannerSettings settings = settings();
    VariableMeasure layouts = variableMeasure();
    FrameReport report = new FrameReport(BarcodeDecoder.withSupportedAis(Year.now().getValue())
        .withVariableMeasure(layouts), barcodes == null ? null : table(barcodes, layouts),
        rules());
    ScanCheck check = new ScanCheck(settings, new JSerialCommSource(settings), report,
        System.out);
    Thread stopper = new Thread(() -> {
      check.stop();
      try {
        check.awaitEnd(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "scan-check-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      ScanCheck.End end = check.run(frames);
      System.err.println("dockcount: scan-check " + settings.device() + ": " + check.frames()
          + (check.frames() == 1 ? " frame, " : " frames, ") + switch (end) {
            case FRAMES_DONE -> "stopped after --frames " + frames;
            case PORT_CLOSED -> "the port closed (scanner unplugged?)";
            case STOPPED -> "stopped";
          });
      return 0;
    } catch (IOException e) {
      System.err.println("dockcount: " + e.getMessage());
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already: it is what ended the loop.
      }
    }
  }

  private ScannerSettings settings() {
    Config root = siteConfig();
    Map<String, Object> overrides = new HashMap<>();
    if (port == null && station == null) {
      throw new InputException("give the scanner's port (--port PATH), or a configured "
          + "station (--config FILE --station ID)");
    }
    if (port != null) {
      overrides.put("device", port);
    }
    overrides.put("zone", "scan-check");
    putIf(overrides, "baud-rate", baud);
    putIf(overrides, "data-bits", dataBits);
    putIf(overrides, "parity", parity);
    putIf(overrides, "stop-bits", stopBits);
    putIf(overrides, "terminators", terminators);
    putIf(overrides, "max-frame-length", maxFrameLength);
    putIf(overrides, "idle-timeout", idleTimeout);
    Config stationBlock = ConfigFactory.empty();
    if (station != null) {
      String path = "dockcount.stations.\"" + station + "\"";
      if (!root.hasPath(path)) {
        throw new InputException("no station '" + station + "' under dockcount.stations"
            + (config == null ? " (give --config)" : " in " + config));
      }
      stationBlock = root.getConfig(path);
      if (port != null) {
        // The port given wins over the block's device or usb ids (exactly one is read).
        stationBlock = stationBlock.withoutPath("device").withoutPath("usb");
      }
    }
    try {
      return ScannerSettings.fromConfig(station == null ? "scan-check" : station,
          ConfigFactory.parseMap(overrides).withFallback(stationBlock),
          root.getConfig("dockcount.scanner"));
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /** The site's variable-measure layouts (with --config), read as the stations read them. */
  private VariableMeasure variableMeasure() {
    try {
      return StationSettings.variableMeasure(siteConfig());
    } catch (IllegalArgumentException e) {
      throw new InputException((config == null ? "config" : config.toString()) + ": "
          + e.getMessage(), e);
    }
  }

  private Config siteConfig() {
    try {
      if (config == null) {
        return ConfigFactory.load().resolve();
      }
      if (!Files.isRegularFile(config)) {
        throw new InputException(ConfigCheck.notAConfigFile(config));
      }
      return ConfigCheck.parseSite(config).withFallback(ConfigFactory.load()).resolve();
    } catch (ConfigException e) {
      throw new InputException(config == null ? "config: " + e.getMessage()
          : ConfigCheck.message(config, e), e);
    }
  }

  /**
   * The labels as the stations read them: with --config and no --location-pattern, the site's
   * dockcount.reconcile.location-pattern, so a label a station would refuse is not shown good.
   */
  private StationRules rules() {
    StationRules d = StationRules.defaults();
    String pattern = locationPattern;
    String from = "--location-pattern";
    if (pattern == null && config != null) {
      pattern = siteConfig().getString("dockcount.reconcile.location-pattern");
      from = config + ": dockcount.reconcile.location-pattern";
    }
    if (pattern == null || pattern.equals("dashed")) {
      return d;
    }
    LocationScheme scheme;
    try {
      scheme = LocationScheme.of(pattern);
    } catch (IllegalArgumentException e) {
      throw new InputException(from + ": " + e.getMessage(), e);
    }
    return new StationRules(d.badgePrefix(), d.locationPrefix(), scheme, d.quantityPrefix(),
        d.digitPrefix(), d.controlPrefix(), d.maxQuantity());
  }

  /**
   * Reads --barcodes as a station reads it, a row the layouts read in a weight or measure
   * refused (its scans are then rejected saying why).
   */
  private static BarcodeTable table(Path file, VariableMeasure layouts) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + (Files.isDirectory(file) ? ": a directory, not a file"
          : ": no such file") + " (--barcodes)");
    }
    BarcodeTable.Loaded loaded;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      text = text.startsWith("\uFEFF") ? text.substring(1) : text;
      // Without its header another file (a book) would be read as barcodes, each row a code.
      String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
      if (!first.strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT)
          .startsWith("barcode")) {
        throw new InputException(file + ": line 1 is not the header barcode,sku,uom (it reads '"
            + first.strip() + "'): is it the barcode table? (--barcodes)");
      }
      loaded = BarcodeTable.read(new java.io.StringReader(text), layouts);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(file + ": cannot read barcode table: " + e.getMessage(), e);
    }
    for (BarcodeTable.LoadError err : loaded.errors()) {
      System.err.println("dockcount: " + file + " line " + err.line() + ": " + err.message()
          + " (row skipped)");
    }
    return loaded.table();
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value instanceof List<?> l ? ConfigValueFactory.fromIterable(l) : value);
    }
  }
}
