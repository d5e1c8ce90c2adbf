package io.dockcount.cli;

import com.typesafe.config.ConfigFactory;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.Service;
import io.dockcount.console.ConsoleServer;
import io.dockcount.console.ConsoleSettings;
import io.dockcount.console.RecountAlerts;
import io.dockcount.console.StationStatus;
import io.dockcount.store.MasterData;
import io.dockcount.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the counting service and runs until stopped (SIGTERM or Ctrl-C run Akka's coordinated
 * shutdown, which closes H2 last). Exit codes: 0 after a clean stop, 1 when the store will not
 * open, 2 for bad configuration or input files.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start the counting service: zones, H2 store, reconciliation cycle.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

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
    MasterDataFiles.Loaded loaded;
    try {
      loaded = MasterDataFiles.load(c.settings.inputs(), c.reconcile.columns);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    if (!loaded.rejections().isEmpty()) {
      System.err.println("dockcount: " + loaded.rejections().size()
          + " input rows skipped; the first: " + loaded.rejections().get(0));
      loaded.rejections().forEach(r -> log.warn("input row skipped: {}", r));
    }
    // LIMITATION: stations (scanner branch) are not wired in yet: run serves the zones, cycle
    // and store, and takes counts only through ZoneRouter.Route once a station layer sends them.
    Service service;
    try {
      service = Service.start(c.settings, c.config, loaded.data(), loaded.source(),
          loaded.contentHash(), a -> System.out.println(a.line()));
    } catch (StoreException e) {
      System.err.println("dockcount: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      throw new InputException("config: " + e.getMessage(), e); // an alerts setting or secret
    }
    System.out.println("dockcount: running; store " + c.settings.store().dataFile()
        + ", book " + loaded.data().book().size() + " lines, reconciling every "
        + c.settings.cycleInterval() + "; stop with Ctrl-C or SIGTERM");
    if (console.enabled()) {
      startConsole(service, loaded.data(), c, console);
    }
    service.awaitTermination();
    return 0;
  }

  private static void startConsole(Service service, MasterData master, ServiceConfig c,
      ConsoleSettings settings) {
    // LIMITATION: re-sent recount alerts are only logged, and stations show no connected state,
    // until the alerts outbox and the station wiring (other branches) plug in here.
    ConsoleServer.Wiring wiring = new ConsoleServer.Wiring(service.system(), service.router(),
        service.store(), master, c.settings.locationScheme(), RecountAlerts.logging(),
        StationStatus.unknown());
    try {
      ConsoleServer server = ConsoleServer.start(wiring, settings, Clock.systemUTC())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      System.out.println("dockcount: console at http://" + server.address().getHostString()
          + ":" + server.address().getPort() + "/");
    } catch (ExecutionException | TimeoutException e) {
      // The count goes on without the console: taking scans matters more than watching them.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.error("console not started on {}:{}", settings.host(), settings.port(), cause);
      System.err.println("dockcount: console not started on " + settings.host() + ":"
          + settings.port() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
