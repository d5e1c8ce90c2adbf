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
import io.dockcount.core.station.EachesTable;
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

  /** What the stations share from the service. */
  public record Wiring(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router,
      GroupCommitter journal, Store store, MasterData master, LocationScheme scheme,
      Duration askTimeout, Consumer<String> alerts, Consumer<StationOutcome> outcomes) {}

  private final List<ActorRef<StationLink.Command>> links;
  private final List<String> barcodeProblems;

  private Stations(List<ActorRef<StationLink.Command>> links, List<String> barcodeProblems) {
    this.links = List.copyOf(links);
    this.barcodeProblems = List.copyOf(barcodeProblems);
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
    BarcodeTable table = barcodeTable(w.master(), problems);
    EachesTable eaches = EachesTable.of(w.master().uom());
    LotBook lots = lotBook(w.master());
    BarcodeDecoder decoder = BarcodeDecoder.withSupportedAis(LocalDate.now().getYear());
    StationRules rules = StationRules.defaults();
    rules = new StationRules(rules.badgePrefix(), rules.locationPrefix(), w.scheme(),
        rules.quantityPrefix(), rules.digitPrefix(), rules.controlPrefix(), rules.maxQuantity());
    List<ActorRef<StationLink.Command>> links = new ArrayList<>();
    ActorRef<LocationClaims.Command> claims = w.system().systemActorOf(LocationClaims.create(),
        "station-locations", Props.empty());
    for (ScannerSettings s : settings.scanners()) {
      // LIMITATION: the session refuses a pallet SSCC it counted before even in a recount
      // round (issue 3 rule); the zone would take it, so recount pallets at another station.
      StationSession session = new StationSession(s.station(), s.zone(), rules, decoder, table,
          eaches, lots);
      Indicator indicator = indicator(pi4j, s.station(), settings.pins().get(s.station()));
      StationLink.Deps deps = new StationLink.Deps(w.router(), claims, w.journal(), indicator,
          w.alerts(), w.outcomes(), w.askTimeout(), settings.pulse(), settings.silence(),
          w.store().lastStationSequence(s.station()));
      SerialPortSource source = ports.apply(s);
      links.add(w.system().systemActorOf(StationLink.create(s.station(), s.zone(),
              out -> StationActor.withScanner(s, source, session, out), deps),
          "station-" + URLEncoder.encode(s.station(), StandardCharsets.UTF_8), Props.empty()));
      log.info("{}: station in zone {} on {}", s.station(), s.zone(), source.describe());
    }
    CoordinatedShutdown.get(w.system()).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "drain-stations", () -> drainAll(links, w.system().scheduler()));
    problems.forEach(p -> log.warn("barcode table: row skipped: {}", p));
    return new Stations(links, problems);
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
   * (demo, tests); {@code auto} finds the providers on the class path.
   */
  public static Context pi4j(String mode) {
    if (mode.equals("mock")) {
      return Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetect().build();
    }
    // LIMITATION: the build ships no real GPIO plugin; a Pi needs pi4j-plugin-gpiod (or
    // linuxfs) added to the class path, or `auto` finds no digital output provider.
    return Pi4J.newAutoContext();
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

  private static BarcodeTable barcodeTable(MasterData master, List<String> problems) {
    BarcodeTable.Builder b = BarcodeTable.builder();
    master.barcodes().values().stream()
        .sorted(java.util.Comparator.comparing(MasterData.Barcode::code))
        .forEach(code -> {
          String problem = b.add(code.code(), code.sku(), code.unit());
          if (problem != null) {
            problems.add(code.code() + ": " + problem);
          }
        });
    return b.build();
  }

  private static LotBook lotBook(MasterData master) {
    Map<String, Set<String>> lots = new HashMap<>();
    for (MasterData.BookLine l : master.book()) {
      if (!l.lot().isEmpty()) {
        lots.computeIfAbsent(l.location() + '\n' + l.sku(), k -> new HashSet<>()).add(l.lot());
      }
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    lots.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    Map<String, Set<String>> byKey = Map.copyOf(frozen);
    return (location, sku) -> byKey.get(location + '\n' + sku);
  }
}
