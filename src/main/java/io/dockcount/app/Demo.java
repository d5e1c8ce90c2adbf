package io.dockcount.app;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.pattern.StatusReply;
import io.dockcount.core.CountRecord;
import io.dockcount.core.Status;
import io.dockcount.store.MasterData;
import io.dockcount.zone.LocationState;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Drives a running service with simulated stations, one per zone, through a whole count: first
 * count, reconciliation cycles, recounts, supervisor and inventory-control sign-off, a final
 * reconciliation and a summary. Scans go through the same router path a real station uses.
 *
 * <p>The stations are plain threads standing in for devices outside the actor system, so they
 * block on their own asks; nothing here runs on an actor's thread.
 */
public final class Demo {
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final Duration PHASE = Duration.ofSeconds(20);

  private final Service service;
  private final DemoData data;
  private final PrintStream out;
  private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger acked = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger refusedAtStation = new AtomicInteger();
  private final AtomicInteger refusedByService = new AtomicInteger();

  public Demo(Service service, DemoData data, PrintStream out) {
    this.service = service;
    this.data = data;
    this.out = out;
  }

  /** Runs the whole scenario; returns the zones' final runs. */
  public List<Zone.RunCompleted> run() throws InterruptedException {
    out.println("== first count: " + DemoData.ZONES.size() + " stations scanning");
    stations(false);
    waitUntil("first reconciliation of every closed location",
        () -> statesAll(s -> s != LocationState.CLOSED && s != LocationState.OPEN));
    Map<String, Long> runsBefore = runs();
    out.println("== recount of the locations the cycle asked for");
    stations(true);
    waitUntil("a full cycle after the recounts", () -> runsAfter(runsBefore, 2)
        && statesAll(s -> s != LocationState.RECOUNT_REQUESTED));
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
    out.printf("scans sent %d, acknowledged on disk %d (%d resends answered as duplicates), "
        + "refused at station %d, refused by the service %d%n", sent.get(), acked.get(),
        duplicates.get(), refusedAtStation.get(), refusedByService.get());
    List<Long> l = new ArrayList<>(latenciesNanos);
    Collections.sort(l);
    if (!l.isEmpty()) {
      out.printf("ack latency ms: p50 %.2f, p99 %.2f, max %.2f (sync %s)%n",
          l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6,
          l.get(l.size() - 1) / 1e6, service.store().settings().sync() ? "on" : "off");
    }
    Map<String, ActorRef<Zone.Command>> zones = zones();
    for (Zone.RunCompleted r : last) {
      Zone.ZoneStatus s = ask(zones.get(r.zone()), Zone.GetStatus::new);
      Map<LocationState, Integer> states = new java.util.EnumMap<>(LocationState.class);
      s.locations().values().forEach(v -> states.merge(v, 1, Integer::sum));
      out.printf("zone %s: %d runs; final run %d lines %s, net variance value %s; "
          + "locations %s; open tasks %d%n", r.zone(), s.runs(), r.lines(), statuses(r),
          r.netValue().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(), states,
          s.openTasks());
    }
    Map<String, Long> rows = service.store().counts();
    out.printf("alerts printed %d; store rows: %s%n", alerts, new java.util.TreeMap<>(rows));
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

  // ---- stations ---------------------------------------------------------------------------

  private void stations(boolean recount) {
    ExecutorService threads = Executors.newFixedThreadPool(DemoData.ZONES.size());
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      int i = 0;
      for (String zone : DemoData.ZONES) {
        String station = "DOCK-" + (++i);
        all.add(CompletableFuture.runAsync(() -> station(station, zone, recount), threads));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      threads.shutdown();
    }
  }

  private void station(String station, String zone, boolean recount) {
    long seq = recount ? 1000 : 0;
    Map<String, LocationState> states = recount ? status(zone).locations() : Map.of();
    if (!recount && station.equals("DOCK-1")) {
      // A torn or mistyped location label: no zone can take it.
      send(toRecord(station, "A--07", data.scripts().get(zone).get(0).first().get(0), ++seq));
    }
    for (DemoData.LocationScript script : data.scripts().get(zone)) {
      if (recount && states.get(script.location()) != LocationState.RECOUNT_REQUESTED) {
        continue;
      }
      for (DemoData.Scan scan : recount ? script.recount() : script.first()) {
        CountRecord r = toRecord(station, script.location(), scan, ++seq);
        if (r != null) {
          send(r);
          if (!recount && seq == 3) {
            send(r); // the scanner resends a record whose ack it missed
          }
        }
      }
      StatusReply<Zone.LocationChanged> closed = ask(service.router(), replyTo ->
          new ZoneRouter.Route(new Zone.CloseLocation(script.location(), station, replyTo)));
      if (closed.isError()) {
        out.println(station + ": close of " + script.location() + " refused: "
            + closed.getError().getMessage());
      }
    }
  }

  private CountRecord toRecord(String station, String location, DemoData.Scan scan, long seq) {
    MasterData master = data.master();
    long factor = master.factor(scan.sku(), scan.unit());
    if (factor == 0) {
      refusedAtStation.incrementAndGet();
      out.println(station + ": scan refused at the station: SKU " + scan.sku() + " has no "
          + scan.unit() + " factor (scan the case or the each label)");
      return null;
    }
    return new CountRecord(station, "counter-" + station, location, scan.sku(), scan.unit(),
        BigDecimal.valueOf(scan.qty()), scan.qty() * factor, "",
        "2" + scan.sku() + " x" + scan.qty() + " " + scan.unit(), seq);
  }

  private void send(CountRecord r) {
    sent.incrementAndGet();
    long t0 = System.nanoTime();
    StatusReply<Zone.CountRecorded> reply = ask(service.router(),
        replyTo -> new ZoneRouter.Route(new Zone.RecordCount(r, replyTo)));
    latenciesNanos.add(System.nanoTime() - t0);
    if (reply.isError()) {
      refusedByService.incrementAndGet();
      out.println(r.station() + ": scan refused by the service: "
          + reply.getError().getMessage());
    } else if (reply.getValue().duplicate()) {
      duplicates.incrementAndGet();
    } else {
      acked.incrementAndGet();
    }
  }

  // ---- sign-off ---------------------------------------------------------------------------

  private void signOff() {
    for (String zone : DemoData.ZONES) {
      for (Map.Entry<String, LocationState> e : status(zone).locations().entrySet()) {
        if (e.getValue() == LocationState.CLOSED) {
          location(ref -> new Zone.ResolveLocation(e.getKey(), "supervisor",
              "variance accepted after recount", ref));
        }
        location(ref -> new Zone.ConfirmLocation(e.getKey(), "inventory-control", ref));
      }
    }
  }

  private void location(Function<ActorRef<StatusReply<Zone.LocationChanged>>,
      Zone.LocationCommand> command) {
    StatusReply<Zone.LocationChanged> r = ask(service.router(),
        replyTo -> new ZoneRouter.Route(command.apply(replyTo)));
    if (r.isError()) {
      out.println("sign-off refused: " + r.getError().getMessage());
    }
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
    for (String zone : DemoData.ZONES) {
      if (!status(zone).locations().values().stream().allMatch(ok)) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Long> runs() {
    Map<String, Long> out = new java.util.HashMap<>();
    for (String zone : DemoData.ZONES) {
      out.put(zone, status(zone).runs());
    }
    return out;
  }

  private boolean runsAfter(Map<String, Long> before, int more) {
    Map<String, Long> now = runs();
    return before.keySet().stream().allMatch(z -> now.get(z) >= before.get(z) + more);
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
