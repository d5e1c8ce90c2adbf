package io.dockcount.station;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.core.station.EachesTable;
import io.dockcount.core.station.Lookups;
import io.dockcount.core.station.LotBook;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SerialPortSource;
import io.dockcount.scan.StationActor;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.zone.ZoneRouter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the count stations of a running service: one {@link StationLink} and its
 * {@link StationActor} per configured station, each with a {@link StationSession} over the
 * service's barcode table, UOM factors and book lots. On the service's coordinated shutdown the
 * stations stop reading first and finish the scans already read, before the journal and H2 close.
 */
public final class Stations {
  private static final Logger log = LoggerFactory.getLogger(Stations.class);
  private static final Duration DRAIN = Duration.ofSeconds(4);

  /**
   * What the stations share from the service.
   *
   * @param alerts receives every health line (printed by {@code run})
   * @param trouble receives the health problems (scanner offline, station silent or stopped)
   *     as structured alerts; must not block
   */
  public record Wiring(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router,
      GroupCommitter journal, Store store, MasterData master, LocationScheme scheme,
      Duration askTimeout, Consumer<String> alerts, Consumer<StationOutcome> outcomes,
      StationTrouble trouble) {

    /** Wiring whose health problems are only printed. */
    public Wiring(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router,
        GroupCommitter journal, Store store, MasterData master, LocationScheme scheme,
        Duration askTimeout, Consumer<String> alerts, Consumer<StationOutcome> outcomes) {
      this(system, router, journal, store, master, scheme, askTimeout, alerts, outcomes,
          StationTrouble.NONE);
    }
  }

  private final List<ActorRef<StationLink.Command>> links;
  private final List<String> names;
  private final List<String> barcodeProblems;
  private final Scheduler scheduler;

  private Stations(List<ActorRef<StationLink.Command>> links, List<String> names,
      List<String> barcodeProblems, Scheduler scheduler) {
    this.links = List.copyOf(links);
    this.names = List.copyOf(names);
    this.barcodeProblems = List.copyOf(barcodeProblems);
    this.scheduler = scheduler;
  }

  /**
   * Starts every station; blocks briefly on the store (each station's last number), which is
   * start-up work on the caller's thread.
   *
   * @param ports opens a station's scanner (jSerialComm in production)
   * @param pi4j the application's Pi4J context, or null when no station has lights
   * @throws IllegalArgumentException when a station's pins cannot be claimed
   */
  public static Stations start(Wiring w, StationSettings settings,
      Function<ScannerSettings, SerialPortSource> ports, Context pi4j) {
    List<String> problems = new ArrayList<>();
    VariableMeasure layouts = settings.variableMeasure();
    AtomicReference<Lookups> lookups = new AtomicReference<>(lookups(w.master(), layouts,
        problems));
    // A WMS delivery of barcodes or units reaches the stations too: the tables are built anew
    // on a watcher of the router's, one delivery after the other, and swapped in whole.
    ZoneRouter.watchMaster(w.system(), w.router(), "station-master-data", w.master(), m -> {
      List<String> skipped = new ArrayList<>();
      lookups.set(lookups(m.master(), layouts, skipped));
      skipped.forEach(p -> log.warn("barcode table: row skipped: {}", p));
      log.info("stations: barcodes and units of snapshot {} in force ({} barcodes)",
          m.snapshotId(), m.master().barcodes().size());
    });
    BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(LocalDate.now().getYear())
        .withVariableMeasure(layouts);
    StationRules rules = StationRules.defaults();
    rules = new StationRules(rules.badgePrefix(), rules.locationPrefix(), w.scheme(),
        rules.quantityPrefix(), rules.digitPrefix(), rules.controlPrefix(), rules.maxQuantity());
    List<ActorRef<StationLink.Command>> links = new ArrayList<>();
    List<String> names = new ArrayList<>();
    ActorRef<LocationClaims.Command> claims = w.system().systemActorOf(
        LocationClaims.create(w.router(), settings.leftOpen().isZero() ? null
            : new LocationClaims.LeftOpenWatch(settings.leftOpen(), w.alerts(), w.trouble())),
        "station-locations", Props.empty());
    for (ScannerSettings s : settings.scanners()) {
      StationSession session = new StationSession(s.station(), s.zone(), rules, decoder,
          lookups::get);
      Indicator indicator = indicator(pi4j, s.station(), settings.pins().get(s.station()));
      StationLink.Deps deps = new StationLink.Deps(w.router(), claims, w.journal(), indicator,
          w.alerts(), w.trouble(), w.outcomes(), w.askTimeout(), settings.pulse(),
          settings.silence(), w.store().lastStationSequence(s.station()),
          w.trouble().offlineWhenStopped(s.station()));
      SerialPortSource source = ports.apply(s);
      links.add(w.system().systemActorOf(StationLink.create(s.station(), s.zone(),
              out -> StationActor.withScanner(s, source, session, out), deps),
          "station-" + URLEncoder.encode(s.station(), StandardCharsets.UTF_8), Props.empty()));
      names.add(s.station());
      log.info("{}: station in zone {} on {}", s.station(), s.zone(), source.describe());
    }
    CoordinatedShutdown.get(w.system()).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "drain-stations", () -> drainAll(links, w.system().scheduler()));
    problems.forEach(p -> log.warn("barcode table: row skipped: {}", p));
    return new Stations(links, names, problems, w.system().scheduler());
  }

  /**
   * Asks every station whether its scanner is connected now. A station that does not answer
   * within {@code timeout} (stopping, or busy) is left out: unknown, not offline.
   */
  public CompletionStage<Map<String, Boolean>> connected(Duration timeout) {
    return status(timeout).thenApply(all -> {
      Map<String, Boolean> out = new java.util.TreeMap<>();
      all.forEach((name, st) -> out.put(name, st.online()));
      return Map.copyOf(out);
    });
  }

  /** Returns each station's state now, by name; a station that does not answer is left out. */
  public CompletionStage<Map<String, StationActor.Status>> status(Duration timeout) {
    List<CompletableFuture<StationActor.Status>> asks = new ArrayList<>();
    for (ActorRef<StationLink.Command> link : links) {
      asks.add(AskPattern.<StationLink.Command, StationActor.Status>ask(link,
          StationLink.GetScannerStatus::new, timeout, scheduler).toCompletableFuture()
          .exceptionally(e -> null));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, StationActor.Status> out = new java.util.TreeMap<>();
      for (int i = 0; i < asks.size(); i++) {
        StationActor.Status st = asks.get(i).join();
        if (st != null) {
          out.put(names.get(i), st);
        }
      }
      return out;
    });
  }

  /**
   * Waits until every station's scanner is open, or {@code max} has passed; returns the
   * stations whose scanner is not open then. A scanner opened later is still read (and reported
   * online): this only lets the start-up line, and scripts, begin once the ports are open, since
   * what a scanner sent before its port opened is refused (see ScannerSource).
   */
  public java.util.Set<String> awaitConnected(Duration max) throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    while (true) {
      Map<String, Boolean> now;
      try {
        now = connected(Duration.ofSeconds(1)).toCompletableFuture().get();
      } catch (java.util.concurrent.ExecutionException e) {
        now = Map.of();
      }
      java.util.Set<String> closed = new java.util.TreeSet<>(names);
      now.forEach((station, online) -> {
        if (online) {
          closed.remove(station);
        }
      });
      if (closed.isEmpty() || System.nanoTime() >= until) {
        return closed;
      }
      Thread.sleep(20);
    }
  }

  /** Stops every station reading and waits (bounded) until each has answered what it read. */
  private static CompletionStage<Done> drainAll(List<ActorRef<StationLink.Command>> links,
      Scheduler scheduler) {
    CompletableFuture<?>[] all = links.stream()
        .map(l -> AskPattern.<StationLink.Command, Done>ask(l, StationLink.Drain::new, DRAIN,
            scheduler).toCompletableFuture().exceptionally(e -> Done.getInstance()))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all).thenApply(v -> Done.getInstance());
  }

  /** Returns the barcode rows the stations could not use (bad check digit, conflict). */
  public List<String> barcodeProblems() {
    return barcodeProblems;
  }

  /** Returns how many stations run. */
  public int size() {
    return links.size();
  }

  /**
   * Creates the application's one Pi4J context: {@code mock} is Pi4J's in-memory platform
   * (demo, tests); {@code auto} finds the providers on the class path. Pi4J 2.8 skips plugins
   * marked as mocks in {@code auto} when it runs on a Raspberry Pi (its context builder enables
   * mock detection only off a Pi), so {@code pi4j-plugin-mock} on the class path does not
   * replace gpiod there.
   */
  public static Context pi4j(String mode) {
    Context context = mode.equals("mock")
        ? Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetect().build()
        // gpiod (and linuxfs as Pi4J's fallback) are runtime dependencies of the build.
        : Pi4J.newAutoContext();
    String provider = outputProvider(context);
    boolean onPi = isRaspberryPi();
    if (mode.equals("auto") && onPi
        && provider.toLowerCase(java.util.Locale.ROOT).contains("mock")) {
      // The lights would stay dark while the counters wait for them.
      GPIO_LOG.warn("GPIO: digital outputs go to {} on a Raspberry Pi: the station lights and "
          + "relays will not switch (check the gpiod plugin and /dev/gpiochip*)", provider);
    } else {
      GPIO_LOG.info("GPIO ({}): digital outputs through {}", mode, provider);
    }
    return context;
  }

  private static final org.slf4j.Logger GPIO_LOG = org.slf4j.LoggerFactory.getLogger("gpio");

  /** Returns the name of the provider digital outputs are made by, or "none". */
  private static String outputProvider(Context context) {
    try {
      com.pi4j.provider.Provider p = context.provider(com.pi4j.io.IOType.DIGITAL_OUTPUT);
      return p.name() + " (" + p.id() + ")";
    } catch (RuntimeException e) {
      return "none";
    }
  }

  private static boolean isRaspberryPi() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/device-tree/model"))
          .contains("Raspberry Pi");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static Indicator indicator(Context pi4j, String station, StationSettings.Pins pins) {
    if (pins == null || (pins.good() == null && pins.bad() == null)) {
      return Indicator.None.INSTANCE;
    }
    if (pi4j == null) {
      throw new IllegalArgumentException("station " + station + " has GPIO pins but no Pi4J "
          + "context was created");
    }
    return new GpioIndicator(pi4j, station, pins.good(), pins.bad());
  }

  /**
   * Returns the tables a station counts with, from the master data in force: what a barcode
   * stands for and the eaches of its unit. Each code the tables cannot hold is said to {@code
   * problems}; a barcode the site's variable-measure layouts read is kept out when its unit is
   * a weight or measure (a WMS delivery may bring one after start): its scans are held saying
   * why, never counted as 1 KG.
   */
  public static Lookups lookups(MasterData master, VariableMeasure layouts,
      List<String> problems) {
    return new Lookups(barcodeTable(master, layouts, problems), EachesTable.of(master.uom()),
        lotBook(master));
  }

  private static BarcodeTable barcodeTable(MasterData master, VariableMeasure layouts,
      List<String> problems) {
    BarcodeTable.Builder b = BarcodeTable.builder(layouts);
    // The view iterates in code order, one record at a time: no sorted copy of every barcode.
    for (MasterData.Barcode code : master.barcodes().values()) {
      String problem = b.add(code.code(), code.sku(), code.unit(), code.written());
      if (problem != null) {
        problems.add(code.code() + ": " + problem);
      }
    }
    master.barcodesWithTwoMeanings().forEach((code, meanings) -> {
      List<BarcodeTable.Entry> entries = meanings.stream()
          .map(m -> new BarcodeTable.Entry(m.code(), m.sku(), m.unit())).toList();
      b.twoMeanings(code, entries);
      problems.add(code + ": stands for " + BarcodeTable.meanings(entries) + ": with two "
          + "meanings it is unknown (its scans are refused) until the master data gives one");
    });
    // Said at start by the file's rejection; here only so that a scan says it too.
    master.refusedBarcodes().forEach(r -> b.refused(r.code(), r.sku(), r.unit(), r.reason()));
    return b.build();
  }

  private static LotBook lotBook(MasterData master) {
    Map<String, Set<String>> lots = new HashMap<>();
    // With the lines there without a lot, as "": a scan with no lot may be of that stock.
    for (MasterData.BookLine l : master.bookLinesWhereLotsAre()) {
      lots.computeIfAbsent(l.location() + '\n' + l.sku(), k -> new HashSet<>()).add(l.lot());
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    lots.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    Map<String, Set<String>> byKey = Map.copyOf(frozen);
    return (location, sku) -> byKey.get(location + '\n' + sku);
  }
}
