package io.dockcount.station;

import com.pi4j.context.Context;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Service;
import io.dockcount.app.ServiceSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.scan.JSerialCommSource;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.store.MasterData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The real service (H2 store, zones, stations reading pseudo-terminals through jSerialComm) on
 * a small book, with every scan outcome and alert collected for the test to wait on.
 */
final class WiredService implements AutoCloseable {
  /** 00913 costs 2.50 with a case of 12; 0777 costs 40.00. */
  static final MasterData MASTER = new MasterData(
      Map.of("00913", new MasterData.Item("00913", "widget", new BigDecimal("2.50"), null),
          "0777", new MasterData.Item("0777", "drill", new BigDecimal("40.00"), null)),
      Map.of("00913", Map.of("CS", 12L)),
      Map.of("05412345000013", new MasterData.Barcode("05412345000013", "00913", "EA"),
          "15412345000010", new MasterData.Barcode("15412345000010", "00913", "CS"),
          "00000000007771", new MasterData.Barcode("00000000007771", "0777", "EA")),
      List.of(new MasterData.BookLine("A-01-02-B", "00913", "", 30),
          new MasterData.BookLine("A-01-03-A", "0777", "", 10),
          new MasterData.BookLine("B-07-12-C", "00913", "", 24)));

  final Service service;
  final Context pi4j;
  final Stations stations;
  final LinkedBlockingQueue<StationOutcome> outcomes = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<String> alerts = new LinkedBlockingQueue<>();

  WiredService(Path dir, List<ScannerSettings> scanners, Map<String, StationSettings.Pins> pins,
      String silence) {
    this(dir, scanners, pins, silence, ConfigFactory.empty());
  }

  /**
   * As run wires it: one Pi4J context handed to the service and the stations, and the
   * stations' health problems raised through the service's notifier.
   *
   * @param more settings over the test's (e.g. alert channels to a local server)
   */
  WiredService(Path dir, List<ScannerSettings> scanners, Map<String, StationSettings.Pins> pins,
      String silence, Config more) {
    this(dir, scanners, pins, silence, more, MASTER);
  }

  /** As above, on other master data (e.g. as a stored WMS delivery gives it back). */
  WiredService(Path dir, List<ScannerSettings> scanners, Map<String, StationSettings.Pins> pins,
      String silence, Config more, MasterData master) {
    Config config = more.withFallback(ConfigFactory.parseMap(Map.of(
        "dockcount.store.path", dir.resolve("dockcount").toString(),
        "dockcount.backup.dir", dir.resolve("backup").toString(),
        "dockcount.counting.silence-alert", silence,
        "dockcount.counting.feedback-pulse", "1h",
        "akka.loglevel", "WARNING"))).withFallback(ConfigFactory.load()).resolve();
    ServiceSettings settings = ServiceSettings.from(config, LocationScheme.dashed(),
        RecountPolicy.standard());
    StationSettings stationSettings = StationSettings.from(config).withScanners(scanners, pins);
    pi4j = Stations.pi4j("mock");
    service = Service.start(settings, config, master, "test book", "h1",
        a -> alerts.add(a.line()), pi4j);
    stations = Stations.start(new Stations.Wiring(service.system(), service.router(),
            service.journal(), service.store(), master, LocationScheme.dashed(),
            settings.askTimeout(), alerts::add, outcomes::add, new StationTrouble() {
              @Override
              public void raise(String zone, String station, String line) {
                service.raise(io.dockcount.alert.Alert.stationDisconnected(zone, station, line));
              }

              @Override
              public void leftOpen(String zone, String location, int round, String line) {
                service.raise(io.dockcount.alert.Alert.locationLeftOpen(zone, location, round,
                    line));
              }

              @Override
              public void leftOpenEnded(String zone, String location, int round, String line) {
                service.raise(io.dockcount.alert.Alert.locationOpenAgain(zone, location, round,
                    line));
              }

              @Override
              public java.util.Set<String> leftOpenReported() {
                return new io.dockcount.store.AlertOutbox(service.store()).leftOpenReported();
              }
            }),
        stationSettings, JSerialCommSource::new, pi4j);
    // As run does: what a test sends before a port is open would be refused as stale. (Tests
    // of absent devices have nothing to wait for.)
    boolean present = scanners.stream().allMatch(s -> s.device()
        instanceof io.dockcount.scan.DeviceSelector.ByPath p && Files.exists(Path.of(p.path())));
    try {
      if (present && !stations.awaitConnected(Duration.ofSeconds(10)).isEmpty()) {
        throw new IllegalStateException("scanners not open: " + stations.awaitConnected(
            Duration.ZERO));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Takes outcomes until one matches, failing after the deadline. */
  StationOutcome await(Predicate<StationOutcome> wanted, List<StationOutcome> seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      StationOutcome o = outcomes.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (o != null) {
        seen.add(o);
        if (wanted.test(o)) {
          return o;
        }
      }
    }
    throw new AssertionError("no such outcome within 15 s; seen " + seen);
  }

  /** Takes alerts until one matches, failing after the deadline. */
  String awaitAlert(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      String a = alerts.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (a != null && wanted.test(a)) {
        return a;
      }
    }
    throw new AssertionError("no such alert within 15 s");
  }

  @Override
  public void close() {
    service.stop();
    pi4j.shutdown();
  }
}
