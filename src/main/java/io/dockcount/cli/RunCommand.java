package io.dockcount.cli;

import com.pi4j.context.Context;
import com.typesafe.config.ConfigFactory;
import io.dockcount.alert.Alert;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.Service;
import io.dockcount.console.ConsoleServer;
import io.dockcount.console.ConsoleSettings;
import io.dockcount.console.RecountAlerts;
import io.dockcount.console.StationStatus;
import io.dockcount.store.AlertOutbox;
import io.dockcount.store.MasterData;
import io.dockcount.scan.JSerialCommSource;
import io.dockcount.station.StationOutcome;
import io.dockcount.station.StationSettings;
import io.dockcount.station.StationTrouble;
import io.dockcount.station.Stations;
import io.dockcount.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the counting service and runs until stopped (SIGTERM or Ctrl-C run Akka's coordinated
 * shutdown, which closes H2 last). Exit codes: after a clean stop the signal's, as the JVM
 * gives it (143 for SIGTERM, 130 for Ctrl-C; the systemd unit counts 143 as success), 1 when
 * the store will not open, 2 for bad configuration or input files.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start the counting service: stations, zones, H2 store, reconciliation "
        + "cycle.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
  /** How long start-up waits for the scanners' ports to open before saying it runs. */
  private static final Duration SCANNERS_OPEN = Duration.ofSeconds(5);

  @Option(names = "--config", paramLabel = "FILE",
      description = "Site configuration (HOCON) over the built-in defaults.")
  Path config;

  @Override
  public Integer call() {
    ServiceConfig c = ServiceConfig.load(config, ConfigFactory.empty());
    ConsoleSettings console;
    try {
      console = ConsoleSettings.from(c.config, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new InputException("config: " + e.getMessage(), e);
    }
    io.dockcount.wms.WmsSettings wmsSettings = io.dockcount.wms.WmsSettings.from(c.config);
    boolean wmsSource = wmsSettings.hasSource();
    io.dockcount.core.barcode.VariableMeasure layouts;
    try {
      // Read before the barcodes, which are checked against them (a row in KG is refused).
      layouts = StationSettings.variableMeasure(c.config);
    } catch (IllegalArgumentException e) {
      throw new InputException("config: " + e.getMessage(), e);
    }
    MasterDataFiles.Loaded loaded;
    try {
      loaded = MasterDataFiles.load(c.settings.inputs(), c.reconcile.columns, wmsSource,
          layouts, c.reconcile.decimalComma);
    } catch (IllegalArgumentException e) {
      // Started bare, as a first try often is: the missing book is the site file's to give.
      throw new InputException(e.getMessage() + (config == null ? "; no --config was given: "
          + "run --config FILE (the site's settings, /etc/dockcount/dockcount.conf on the Pi)"
          : ""), e);
    }
    if (loaded.bookRowsRejected() > 0) {
      // A line left off the book would read as counted where the book has none, and its
      // count would be posted as found stock: the book must be whole, as a WMS delivery must.
      loaded.rejections().forEach(r -> System.err.println("dockcount: " + r));
      throw new InputException(c.settings.inputs().book() + ": " + loaded.bookRowsRejected()
          + " book row(s) could not be read (listed above): a line left off the book would "
          + "read as stock found where the book has none; correct the file and start again");
    }
    String typed = ServiceConfig.decimalCommaNotForSources(c.reconcile.decimalComma,
        wmsSettings);
    if (typed != null) {
      System.err.println("dockcount: warning: " + typed);
      log.warn("{}", typed);
    }
    String empty = emptyBook(c.settings.inputs(), loaded, wmsSource);
    if (empty != null) {
      System.err.println("dockcount: warning: " + empty);
      log.warn("{}", empty);
    }
    if (!loaded.rejections().isEmpty()) {
      System.err.println("dockcount: " + loaded.rejections().size()
          + " input rows skipped; the first: " + loaded.rejections().get(0));
      loaded.rejections().forEach(r -> log.warn("input row skipped: {}", r));
    }
    if (!loaded.notes().isEmpty()) {
      // Not all of rows: a column read as units, rows converted from cases are noted too.
      System.err.println("dockcount: " + loaded.notes().size() + " note"
          + (loaded.notes().size() == 1 ? "" : "s") + " on the input files; the first: "
          + loaded.notes().get(0));
      loaded.notes().forEach(n -> log.warn("input files: {}", n));
    }
    StationSettings stationSettings;
    Context pi4j;
    try {
      stationSettings = StationSettings.from(c.config);
      // One Pi4J context per process: the station lights and the radio relays share it, and
      // it is shut down last, after the service released them.
      boolean gpio = stationSettings.needsGpio()
          || c.config.getBoolean("dockcount.alerts.radio.enabled");
      pi4j = gpio ? Stations.pi4j(stationSettings.gpio()) : null;
    } catch (RuntimeException e) {
      throw new InputException("config: " + e.getMessage(), e);
    }
    Service service;
    try {
      service = Service.start(c.settings, c.config, loaded.data(), loaded.source(),
          loaded.contentHash(), a -> System.out.println(a.line()), pi4j);
    } catch (StoreException e) {
      System.err.println("dockcount: " + e.getMessage());
      shutdown(pi4j);
      // 2: systemd does not start it again (RestartPreventExitStatus) when no start of this
      // version can open the store; other store trouble (held by another process) may pass.
      return e.needsOtherVersion() ? 2 : 1;
    } catch (IllegalArgumentException e) {
      throw new InputException("config: " + e.getMessage(), e); // an alerts setting or secret
    }
    Stations stations;
    try {
      stations = startStations(service, c, loaded, stationSettings, pi4j);
    } catch (IllegalArgumentException e) {
      service.stop();
      shutdown(pi4j);
      throw new InputException("config: " + e.getMessage(), e);
    }
    try {
      // Scanners are read from the moment their port opens: say "running" then, not before.
      Set<String> closed = stations.awaitConnected(SCANNERS_OPEN);
      if (!closed.isEmpty()) {
        System.out.println("dockcount: scanners not open yet (read once they are): "
            + String.join(", ", closed));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Once the WMS has delivered, the zones start on its book as it stood at the stop, not on
    // the start-up file's: the count of the file's lines alone would read as the book.
    int fileLines = loaded.data().book().size();
    String book = service.master() == loaded.data() ? "start-up book " + fileLines + " lines"
        : "book " + service.master().book().size() + " lines as in force at the stop (snapshot "
            + service.snapshot() + "; the start-up book file has " + fileLines + ")";
    System.out.println("dockcount: running; store " + c.settings.store().dataFile()
        + ", " + book + ", "
        + stations.size() + (stations.size() == 1 ? " station" : " stations")
        + ", reconciling every " + human(c.settings.cycleInterval())
        + "; stop with Ctrl-C or SIGTERM");
    if (console.enabled()) {
      startConsole(service, stations, service.master(), c, console);
    }
    System.out.flush();
    service.awaitTermination();
    shutdown(pi4j);
    boolean planned = akka.actor.CoordinatedShutdown.get(service.system()).getShutdownReason()
        .filter(r -> r == io.dockcount.app.Guardian.PlannedRestartReason.INSTANCE).isPresent();
    if (planned) {
      System.out.println("dockcount: stopped for its planned restart (store.restart-after): "
          + "exit " + io.dockcount.app.PlannedRestart.EXIT_CODE + ", which the systemd unit "
          + "starts again");
      System.out.flush();
      return io.dockcount.app.PlannedRestart.EXIT_CODE;
    }
    return 0;
  }

  private static void startConsole(Service service, Stations stations, MasterData master,
      ServiceConfig c, ConsoleSettings settings) {
    StationStatus status = () -> stations.status(STATUS_TIMEOUT).thenApply(all -> {
      java.util.Map<String, StationStatus.Live> out = new java.util.TreeMap<>();
      all.forEach((name, st) -> out.put(name, new StationStatus.Live(st.online(),
          st.lastFrame(), st.counter(), st.location())));
      return out;
    });
    ConsoleServer.Wiring wiring = new ConsoleServer.Wiring(service.system(), service.router(),
        service.store(), master, c.settings.locationScheme(),
        RecountAlerts.raising(service::raise, c.settings.locationScheme()), status,
        () -> service.wmsStatus(STATUS_TIMEOUT));
    bindConsole(service, wiring, settings, 1);
  }

  /**
   * Returns what to say of a start-up book file with no rows (a header only), or null: with no
   * WMS to deliver one, no zone starts and every location label is refused, which reconcile
   * refuses outright for such a book.
   */
  static String emptyBook(io.dockcount.app.ServiceSettings.Inputs in,
      MasterDataFiles.Loaded loaded, boolean wmsSource) {
    if (in.book() == null || wmsSource || loaded.data().book().size() > 0) {
      return null;
    }
    return "dockcount.inputs.book: " + in.book() + " has no rows (a header only?): no zone "
        + "can count, every location label will be refused";
  }

  /**
   * The line saying where the console is. It says when nobody can log in (no user, no token),
   * since the page then refuses everyone and {@code status} every call, with nothing else said.
   */
  static String consoleAt(java.net.InetSocketAddress at, ConsoleSettings settings,
      int attempt) {
    return "dockcount: console at " + (settings.tls() == null ? "http" : "https") + "://"
        + at.getHostString() + ":" + at.getPort() + "/"
        + (attempt == 1 ? "" : " (attempt " + attempt + ")")
        + (settings.users().isEmpty() && settings.apiToken() == null
            ? "; nobody can log in: no console.users (dockcount hash-password) and no API "
                + "token (console.api-token-file or DOCKCOUNT_API_TOKEN)" : "");
  }

  /**
   * Starts the console; when its address cannot be bound (the port still held by a stopping
   * service, or by another program) the count goes on, since taking scans matters more than
   * watching them, and the console is tried again every {@code console.bind-retry} until it
   * binds. Supervisors need it to settle recounts, so it is not given up.
   */
  private static void bindConsole(Service service, ConsoleServer.Wiring wiring,
      ConsoleSettings settings, int attempt) {
    Duration retry = settings.bindRetry();
    ConsoleServer.start(wiring, settings, Clock.systemUTC()).whenComplete((server, failure) -> {
      if (failure == null) {
        System.out.println(consoleAt(server.address(), settings, attempt));
        System.out.flush();
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (attempt == 1) {
        log.error("console not started on {}:{}; trying again every {}", settings.host(),
            settings.port(), human(retry), cause);
        System.err.println("dockcount: console not started on " + settings.host() + ":"
            + settings.port() + ": " + cause.getMessage() + "; counting goes on, and the "
            + "console is tried again every " + human(retry));
        System.err.flush();
      } else {
        log.warn("console still not started on {}:{} (attempt {}): {}", settings.host(),
            settings.port(), attempt, cause.getMessage());
      }
      try {
        service.system().scheduler().scheduleOnce(retry,
            () -> bindConsole(service, wiring, settings, attempt + 1),
            service.system().executionContext());
      } catch (IllegalStateException stopping) {
        // the service is stopping: no console is needed any more
      }
    });
  }

  /** Sets the lights to their shutdown state (off) and releases the GPIO, if any was used. */
  private static void shutdown(Context pi4j) {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }

  private static Stations startStations(Service service, ServiceConfig c,
      MasterDataFiles.Loaded loaded, StationSettings settings, Context pi4j) {
    Consumer<StationOutcome> outcomes = settings.printFeedback() ? o -> {
      System.out.println(o.line());
      System.out.flush();
    } : o -> { };
    Stations.Wiring wiring = new Stations.Wiring(service.system(), service.router(),
        service.journal(), service.store(), service.master(), c.settings.locationScheme(),
        c.settings.askTimeout(), System.out::println, outcomes, new StationTrouble() {
          @Override
          public void raise(String zone, String station, String line) {
            service.raise(Alert.stationDisconnected(zone, station, line));
          }

          @Override
          public void cleared(String zone, String station, String line) {
            service.raise(Alert.stationBack(zone, station, line));
          }

          @Override
          public void leftOpen(String zone, String location, int round, String line) {
            service.raise(Alert.locationLeftOpen(zone, location, round, line));
          }

          @Override
          public void leftOpenEnded(String zone, String location, int round, String line) {
            service.raise(Alert.locationOpenAgain(zone, location, round, line));
          }

          @Override
          public java.util.Set<String> leftOpenReported() {
            return new AlertOutbox(service.store()).leftOpenReported();
          }

          @Override
          public boolean offlineWhenStopped(String station) {
            return new AlertOutbox(service.store()).offlineLast(station);
          }
        });
    Stations stations = Stations.start(wiring, settings, JSerialCommSource::new, pi4j);
    if (!stations.barcodeProblems().isEmpty()) {
      System.err.println("dockcount: " + stations.barcodeProblems().size()
          + " barcode rows skipped; the first: " + stations.barcodeProblems().get(0));
    }
    return stations;
  }

  /** A duration as a person writes it in the config: 15m, 1h, 30s, 250ms. */
  static String human(java.time.Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
