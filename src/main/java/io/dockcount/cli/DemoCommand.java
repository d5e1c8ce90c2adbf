package io.dockcount.cli;

import com.pi4j.context.Context;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Demo;
import io.dockcount.app.DemoData;
import io.dockcount.app.Service;
import io.dockcount.station.StationSettings;
import io.dockcount.station.Stations;
import io.dockcount.zone.Zone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the whole service on generated data with simulated stations and no hardware: three zones,
 * reconciliation every few seconds, recounts, sign-off, then a summary; exits by itself.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the service on generated data with simulated stations, then exit.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the demo database goes (default: a new temporary directory).")
  Path dir;

  @Option(names = "--cycle", paramLabel = "DURATION", defaultValue = "2s",
      description = "Reconciliation interval per zone (default: ${DEFAULT-VALUE}).")
  String cycle;

  @Option(names = "--scanners", paramLabel = "HOW", defaultValue = "auto",
      description = "How the simulated scanners reach the stations: pty (socat "
          + "pseudo-terminals), in-process, or auto (pty when socat is installed; default).")
  String scanners;

  @Override
  public Integer call() throws Exception {
    if (!List.of("auto", "pty", "in-process").contains(scanners)) {
      throw new InputException("--scanners must be auto, pty or in-process, was " + scanners);
    }
    if (dir != null && Files.exists(dir.resolve("dockcount.mv.db"))) {
      // A second demo would replay its scans into the first one's finished count.
      throw new InputException("--dir " + dir + " already holds a demo database: give a new "
          + "or empty directory");
    }
    Path where = dir != null ? dir : Files.createTempDirectory("dockcount-demo-");
    // The demo prints its own story; the log would repeat it, so only errors reach the console.
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.ERROR);
    // Pi4J's mock platform reports, at ERROR, that this machine is no Raspberry Pi.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.pi4j.boardinfo"))
        .setLevel(ch.qos.logback.classic.Level.OFF);
    try {
      return run(where);
    } finally {
      root.setLevel(level);
    }
  }

  private int run(Path where) throws Exception {
    ServiceConfig c = ServiceConfig.load(null, ConfigFactory.parseMap(Map.of(
        "dockcount.store.path", where.resolve("dockcount").toString(),
        "dockcount.backup.dir", where.resolve("backup").toString(),
        "dockcount.backup.interval", "5s",
        "dockcount.cycle.interval", cycle,
        "dockcount.cycle.high-value-threshold", "300.00",
        "akka.loglevel", "WARNING")));
    DemoData data = DemoData.generate(42);
    AtomicInteger alerts = new AtomicInteger();
    // SMS is dry-run here: every alert the service would send is printed instead.
    Consumer<String> alert = line -> {
      alerts.incrementAndGet();
      System.out.println(line);
    };
    System.out.println("dockcount demo: database in " + where + ", reconciling every " + cycle);
    // The one Pi4J context of the process (mock here), shared by lights and relays.
    Context pi4j = Stations.pi4j("mock");
    Service service;
    try {
      service = Service.start(c.settings, c.config, data.master(), "generated demo book",
          "demo-seed-42", a -> {
            alerts.incrementAndGet();
            System.out.println(a.line());
          }, pi4j);
    } catch (RuntimeException e) {
      pi4j.shutdown();
      throw e;
    }
    Demo demo = null;
    try {
      demo = new Demo(service, data, where, pi4j, StationSettings.from(c.config), alert,
          scanners, System.out);
      System.out.println("scanners: " + demo.transport() + "; station lights on Pi4J's mock "
          + "GPIO");
      List<Zone.RunCompleted> last = demo.run();
      demo.printSummary(last, alerts.get());
      for (Path report : demo.reports(last, c.settings.reportsDir())) {
        System.out.println("report: " + report);
      }
      Path backup = service.store().backup();
      System.out.println("database: " + service.store().settings().dataFile());
      System.out.println("backup written and verified: " + backup);
    } finally {
      service.stop();
      if (demo != null) {
        demo.close();
      }
      pi4j.shutdown();
    }
    System.out.println("dockcount demo: stopped cleanly");
    return 0;
  }
}
