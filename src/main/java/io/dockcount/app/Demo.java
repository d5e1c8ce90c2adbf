package io.dockcount.app;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import com.pi4j.context.Context;
import io.dockcount.core.Status;
import io.dockcount.core.station.Feedback;
import io.dockcount.csv.ZoneReport;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.station.StationOutcome;
import io.dockcount.station.StationSettings;
import io.dockcount.station.Stations;
import io.dockcount.zone.LocationState;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Drives a running service with simulated count stations, one per zone, through a whole count:
 * first count, reconciliation cycles, recounts, supervisor and inventory-control sign-off, a
 * final reconciliation and a summary.
 *
 * <p>Each station is the real one ({@link Stations}: framing, decoding, session, zone link,
 * lights on Pi4J's mock platform); only its scanner is simulated ({@link DemoScanners}): the
 * demo writes the bytes a programmed scanner sends ({@link DemoScripts}), cut into uneven reads,
 * and waits for every frame's outcome. Supervisor actions go to the zones directly, as a
 * supervisor's screen would.
 */
public final class Demo implements AutoCloseable {
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final Duration PHASE = Duration.ofSeconds(20);
  private static final int[] READ_SIZES = {7, 31, 3, 64, 17};
  private static final String[] TERMINATORS = {"\r", "\r\n", "\n"};

  private final Service service;
  private final DemoData data;
  private final PrintStream out;
  private final boolean socat;
  private final Map<String, DemoScanners.Scanner> scanners = new TreeMap<>();
  private final Map<String, Integer> sent = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<StationOutcome> outcomes = new ConcurrentLinkedQueue<>();

  /**
   * Starts a station per zone (DOCK-1 for A, ...) on the running service.
   *
   * @param dir where the pseudo-terminal links go
   * @param pi4j the mock-platform context the stations' lights use
   * @param transport {@code pty}, {@code in-process} or {@code auto} (pty when socat is found)
   */
  public Demo(Service service, DemoData data, Path dir, Context pi4j, StationSettings settings,
      java.util.function.Consumer<String> alerts, String transport, PrintStream out)
      throws IOException {
    this.service = service;
    this.data = data;
    this.out = out;
    this.socat = transport.equals("pty")
        || (transport.equals("auto") && DemoScanners.socatAvailable());
    List<ScannerSettings> stations = new ArrayList<>();
    Map<String, StationSettings.Pins> pins = new TreeMap<>();
    int i = 0;
    for (String zone : DemoData.ZONES) {
      String station = "DOCK-" + (++i);
      DemoScanners.Scanner s = DemoScanners.open(station, zone, dir, socat);
      scanners.put(station, s);
      stations.add(s.settings());
      pins.put(station, new StationSettings.Pins(16 + 2 * i, 17 + 2 * i));
    }
    Stations started = Stations.start(new Stations.Wiring(service.system(), service.router(),
            service.journal(),
            service.store(), data.master(), io.dockcount.core.LocationScheme.dashed(), ASK,
            alerts, this::onOutcome, (zone, station, line) -> service.raise(
                io.dockcount.alert.Alert.stationDisconnected(zone, station, line))),
        settings.withScanners(stations, pins),
        st -> scanners.get(st.station()).port(), pi4j);
    try {
      // Scans sent before a port is open are refused, as they would be at a real station.
      Set<String> closed = started.awaitConnected(Duration.ofSeconds(10));
      if (!closed.isEmpty()) {
        throw new IOException("the demo's scanners did not open: " + closed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the demo's scanners opened", e);
    }
  }

  /** Returns how the scanners are simulated, for the opening line. */
  public String transport() {
    return socat ? "socat pseudo-terminals read through jSerialComm" : "in-process byte sources "
        + "(install socat to use pseudo-terminals)";
  }

  private void onOutcome(StationOutcome o) {
    outcomes.add(o);
  }

  /** Runs the whole scenario; returns the zones' final runs. */
  public List<Zone.RunCompleted> run() throws InterruptedException, IOException {
    out.println("== first count: " + DemoData.ZONES.size() + " stations scanning");
    stations(false);
    waitUntil("first reconciliation of every closed location",
        () -> statesAll(s -> s != LocationState.CLOSED && s != LocationState.OPEN));
    out.println("== recount of the locations the cycle asked for");
    stations(true);
    // Every recount's close is acknowledged, so in its zone: wait for a run that saw it, not
    // for a count of runs (one in flight at the close is saved without it, and a recount that
    // matched would then be taken for a variance left to the supervisor).
    waitUntil("a reconciliation of every recount", () -> zonesAll(s -> !s.closedSinceLastRun()
        && s.locations().values().stream().noneMatch(v -> v == LocationState.RECOUNT_REQUESTED)));
    out.println("== supervisor resolves what the recount confirmed; inventory control confirms");
    signOff();
    List<Zone.RunCompleted> last = new ArrayList<>();
    for (ActorRef<Zone.Command> zone : zones().values()) {
      last.add(ask(zone, Zone.Reconcile::new));
    }
    return last;
  }

  /** Prints the summary of a finished run. */
  public void printSummary(List<Zone.RunCompleted> last, int alerts) {
    out.println();
    out.println("== dockcount demo summary");
    List<StationOutcome> all = new ArrayList<>(outcomes);
    long good = all.stream().filter(o -> o.feedback() == Feedback.GOOD).count();
    long counts = all.stream().filter(o -> o.kind().equals("COUNT")
        && o.feedback() == Feedback.GOOD).count();
    // A void acknowledged on disk is a record too (it points at the count it voids).
    long voids = all.stream().filter(o -> o.kind().equals("VOID") && o.journalSeq() >= 0
        && o.feedback() == Feedback.GOOD).count();
    out.printf("scanner frames sent %d; good %d (counts acknowledged on disk %d, voids %d); "
        + "bad %d (refused at the station %d, refused by a zone %d)%n",
        sent.values().stream().mapToInt(Integer::intValue).sum(), good, counts, voids,
        all.size() - good, all.stream().filter(o -> o.kind().equals("REJECTED")).count(),
        all.stream().filter(o -> o.feedback() == Feedback.BAD && !o.kind().equals("REJECTED"))
            .count());
    Map<String, ActorRef<Zone.Command>> zones = zones();
    for (Zone.RunCompleted r : last) {
      Zone.ZoneStatus s = ask(zones.get(r.zone()), Zone.GetStatus::new);
      Map<LocationState, Integer> states = new java.util.EnumMap<>(LocationState.class);
      s.locations().values().forEach(v -> states.merge(v, 1, Integer::sum));
      out.printf("zone %s: final run %d lines %s, net variance value %s; locations %s; "
          + "open tasks %d%n", r.zone(), r.lines(), statuses(r),
          io.dockcount.core.Money.total(r.netValue(), r.linesWithoutValue()), states,
          s.openTasks());
    }
    Map<String, Long> rows = service.store().counts();
    rows.remove("recon_run");
    rows.remove("recon_line");
    out.printf("alerts printed %d; store rows: %s%n", alerts, new TreeMap<>(rows));
  }

  private static String statuses(Zone.RunCompleted r) {
    StringBuilder sb = new StringBuilder("(");
    for (Status st : Status.values()) {
      int n = r.byStatus().getOrDefault(st, 0);
      if (n > 0) {
        sb.append(sb.length() > 1 ? ", " : "").append(n).append(' ').append(st.label());
      }
    }
    return sb.append(')').toString();
  }

  /**
   * Returns each zone's report of its final run: {@code zone-<zone>.csv} in
   * {@code reportsDir}, which the zone replaced when it saved that run.
   */
  public List<Path> reports(List<Zone.RunCompleted> last, Path reportsDir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Zone.RunCompleted r : last) {
      Path file = ZoneReport.file(reportsDir, r.zone());
      if (!java.nio.file.Files.isRegularFile(file)) {
        throw new IOException("zone " + r.zone() + " saved run " + r.runId()
            + " but wrote no report " + file);
      }
      files.add(file);
    }
    return files;
  }

  // ---- stations ---------------------------------------------------------------------------

  private void stations(boolean recount) throws InterruptedException, IOException {
    Map<String, Integer> before = new TreeMap<>();
    int i = 0;
    for (String zone : DemoData.ZONES) {
      String station = "DOCK-" + (++i);
      before.put(station, sent.getOrDefault(station, 0));
      List<String> frames = recount ? DemoScripts.recount(i, toRecount(zone))
          : DemoScripts.first(i, data.scripts().get(zone));
      send(station, frames, TERMINATORS[(i - 1) % TERMINATORS.length]);
    }
    waitUntil("an answer to every scan", () -> sent.entrySet().stream().allMatch(e ->
        outcomes.stream().filter(o -> o.station().equals(e.getKey())).count() >= e.getValue()));
    for (Map.Entry<String, Integer> b : before.entrySet()) {
      List<StationOutcome> phase = outcomes.stream().filter(o -> o.station().equals(b.getKey())
          && o.sequence() > b.getValue()).toList();
      out.printf("%s: %d frames, %d good lights (%d counts on disk), %d bad lights%n",
          b.getKey(), phase.size(), phase.stream().filter(o -> o.feedback() == Feedback.GOOD)
              .count(), phase.stream().filter(o -> o.feedback() == Feedback.GOOD
              && o.kind().equals("COUNT")).count(), phase.stream()
              .filter(o -> o.feedback() == Feedback.BAD).count());
    }
    outcomes.stream()
        .filter(o -> o.feedback() == Feedback.BAD && o.sequence() > before.get(o.station()))
        .sorted(java.util.Comparator.comparing(StationOutcome::station)
            .thenComparingLong(StationOutcome::sequence))
        .forEach(o -> out.println(o.station() + " scan " + o.sequence() + ", bad light: "
            + o.detail()));
  }

  private List<DemoData.LocationScript> toRecount(String zone) {
    Map<String, LocationState> states = status(zone).locations();
    return data.scripts().get(zone).stream()
        .filter(s -> states.get(s.location()) == LocationState.RECOUNT_REQUESTED).toList();
  }

  /** Writes the frames as one byte stream cut into uneven reads, as a USB scanner delivers. */
  private void send(String station, List<String> frames, String terminator) throws IOException {
    int before = sent.getOrDefault(station, 0);
    StringBuilder stream = new StringBuilder();
    for (int k = 0; k < frames.size(); k++) {
      stream.append(frames.get(k)).append(terminator);
    }
    sent.put(station, before + frames.size());
    byte[] bytes = stream.toString().getBytes(StandardCharsets.ISO_8859_1);
    DemoScanners.Scanner scanner = scanners.get(station);
    for (int at = 0, r = 0; at < bytes.length; r++) {
      int n = Math.min(READ_SIZES[r % READ_SIZES.length], bytes.length - at);
      scanner.send(java.util.Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }
  }

  @Override
  public void close() {
    scanners.values().forEach(DemoScanners.Scanner::close);
  }

  // ---- sign-off ---------------------------------------------------------------------------

  private void signOff() {
    for (String zone : DemoData.ZONES) {
      List<String> resolved = new ArrayList<>();
      int confirmed = 0;
      for (Map.Entry<String, LocationState> e
          : new TreeMap<>(status(zone).locations()).entrySet()) {
        if (e.getValue() == LocationState.CLOSED
            && location(ref -> new Zone.ResolveLocation(e.getKey(), "supervisor",
                "variance accepted after recount", ref))) {
          resolved.add(e.getKey());
        }
        if (location(ref -> new Zone.ConfirmLocation(e.getKey(), "inventory-control", ref))) {
          confirmed++;
        }
      }
      // What the step did, not only its heading: which variances a supervisor let stand.
      out.printf("zone %s: supervisor accepted the variance after recount at %s; "
          + "inventory control confirmed %d locations%n", zone,
          resolved.isEmpty() ? "no location" : String.join(", ", resolved), confirmed);
    }
  }

  /** Asks a location's zone; returns whether it was done (a refusal is printed). */
  private boolean location(Function<ActorRef<StatusReply<Zone.LocationChanged>>,
      Zone.LocationCommand> command) {
    StatusReply<Zone.LocationChanged> r = ask(service.router(),
        replyTo -> new ZoneRouter.Route(command.apply(replyTo)));
    if (r.isError()) {
      out.println("sign-off refused: " + r.getError().getMessage());
      return false;
    }
    return true;
  }

  // ---- waiting and asking -----------------------------------------------------------------

  private Map<String, ActorRef<Zone.Command>> zones() {
    ZoneRouter.Zones z = ask(service.router(), ZoneRouter.GetZones::new);
    return z.zones();
  }

  private Zone.ZoneStatus status(String zone) {
    return ask(zones().get(zone), Zone.GetStatus::new);
  }

  private boolean statesAll(java.util.function.Predicate<LocationState> ok) {
    return zonesAll(s -> s.locations().values().stream().allMatch(ok));
  }

  private boolean zonesAll(java.util.function.Predicate<Zone.ZoneStatus> ok) {
    for (String zone : DemoData.ZONES) {
      if (!ok.test(status(zone))) {
        return false;
      }
    }
    return true;
  }

  private void waitUntil(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + PHASE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("demo: no " + what + " within " + PHASE);
      }
      // The demo driver stands in for people waiting for the next cycle; it owns this thread.
      Thread.sleep(100);
    }
  }

  private <T, R> R ask(ActorRef<T> target, Function<ActorRef<R>, T> message) {
    CompletionStage<R> reply = AskPattern.ask(target, message::apply, ASK,
        service.system().scheduler());
    return reply.toCompletableFuture().join();
  }
}
