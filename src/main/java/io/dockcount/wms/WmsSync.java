package io.dockcount.wms;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dockcount.zone.ZoneRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Keeps the zones' book current from the WMS and sends recount tasks and adjustments back.
 *
 * <p>Owns the {@link SnapshotManager}. Polls the file drop every poll interval, pulls the
 * database and API sources on the schedule, and all of them on {@link PullNow}; exports on its
 * own interval and on {@link ExportNow}. The blocking work runs on the blocking dispatcher, one
 * pull at a time (a pull asked for during one runs after it), and comes back as a message; a
 * snapshot taken in is then sent to the router as {@link ZoneRouter.BookUpdated}. A source that
 * fails is logged at WARN and tried again at the next tick: the book in force stays.
 *
 * <p>A zone whose snapshot is older than the configured age is listed in {@link WmsStatus} and
 * logged at WARN at each scheduled pull. A zone that a database or API pull (the WMS's whole
 * book) has no lines for is logged at WARN at each such pull, with its book's age, and listed
 * in {@link WmsStatus}; its book is kept or emptied as {@code dockcount.wms.absent-zones} says.
 * State is lost on restart except what is in the store.
 */
public final class WmsSync extends AbstractBehavior<WmsSync.Command> {

  /** Messages the WMS sync accepts. */
  public sealed interface Command {}

  /** Pulls every source now. Replies {@link PullReport} once the pull is done. */
  public record PullNow(ActorRef<PullReport> replyTo) implements Command {}

  /** What a pull did, per delivery. */
  public record PullReport(List<SnapshotManager.Outcome> outcomes) {}

  /** Exports pending tasks and adjustments now. Replies {@link ExportReport}. */
  public record ExportNow(ActorRef<ExportReport> replyTo) implements Command {}

  /** What an export sent, or why it failed (null when it did not). */
  public record ExportReport(Exporter.Sent sent, String failure) {}

  /** Asks for the snapshots in force. Replies {@link WmsStatus}. */
  public record GetStatus(ActorRef<WmsStatus> replyTo) implements Command {}

  /**
   * Each zone's snapshot, the zones whose snapshot is older than the configured age (a
   * warning), and the last outcome of each source.
   */
  public record WmsStatus(Map<String, SnapshotManager.ZoneSnapshot> zones,
      Map<String, Duration> stale, Map<String, SnapshotManager.Outcome> lastBySource,
      Map<String, Instant> lastAtBySource, ExportState export, Map<String, Absent> absent) {}

  /**
   * A zone the WMS's whole book from {@code source} has had no lines for since {@code since}:
   * {@code book} is its book here as it stood before (kept, or emptied as {@code absence} says).
   */
  public record Absent(String source, Instant since, SnapshotManager.ZoneSnapshot book,
      SnapshotManager.Absence absence) {}

  /**
   * The last export pass: when, and what went wrong (null when it worked), with the groups the
   * WMS refused; null before the first pass.
   */
  public record ExportState(Instant at, String failure, List<String> refused) {}

  /** Hears of a zone whose book snapshot went stale. Must not block. */
  @FunctionalInterface
  public interface StaleAlerts {
    void stale(String zone, Duration age);
  }

  private enum DropTick implements Command { INSTANCE }

  private enum PullTick implements Command { INSTANCE }

  private enum ExportTick implements Command { INSTANCE }

  private record Pulled(Result result, Throwable failure) implements Command {}

  /**
   * A pull's outcomes, a copy of the zones' snapshots after it (the manager's own), and the
   * zones absent from the WMS's whole book as stored after it (null: not read).
   */
  private record Result(List<SnapshotManager.Outcome> outcomes,
      Map<String, SnapshotManager.ZoneSnapshot> zones, Map<String, Absent> absent) {}

  private record Exported(Exporter.Sent sent, Throwable failure) implements Command {}

  private final WmsSettings settings;
  private final SnapshotManager manager;
  private final MovementLog movements;
  private final FileDrop drop;
  private final List<WmsSource> sources;
  private final Exporter exporter;
  private final ActorRef<ZoneRouter.Command> router;
  private final Executor blocking;
  private final Clock clock;
  private final StaleAlerts staleAlerts;
  /**
   * Per zone, when it was last alerted stale: read from the outbox at the service's start and
   * kept through a restart of this actor alone (supervision), which would else alert again.
   */
  private final Map<String, Instant> alerted;
  private final Map<String, SnapshotManager.Outcome> last = new java.util.TreeMap<>();
  private final Map<String, Instant> lastAt = new java.util.TreeMap<>();
  /**
   * The zones absent from the WMS's whole book, as the store holds them after the last pull
   * (or at the service's start): kept through a restart of this actor alone.
   */
  private final java.util.concurrent.atomic.AtomicReference<Map<String, Absent>> absent;
  private ExportState lastExport;
  private List<ActorRef<PullReport>> pullWaiters = new ArrayList<>();
  private List<ActorRef<PullReport>> nextPullWaiters = new ArrayList<>();
  private List<ActorRef<ExportReport>> exportWaiters = new ArrayList<>();
  private boolean pulling;
  private Boolean nextPull; // null: none; false: file drop only; true: every source
  private boolean exporting;
  private boolean restored;
  private Map<String, SnapshotManager.ZoneSnapshot> zones;

  /**
   * Returns the WMS sync (supervised: restarted with backoff) taking over what {@code start}
   * restored before the zones started: it does not restore again, and says what was restored
   * in the log and in {@link WmsStatus} as its first pull would have.
   */
  public static Behavior<Command> started(WmsStart start, ActorRef<ZoneRouter.Command> router,
      Executor blocking, StaleAlerts stale) {
    return Behaviors.supervise(create(start.settings(), start.manager(), start.movements(),
            start.exporter(), router, blocking, Clock.systemUTC(), stale, start.alertedBefore(),
            start))
        .onFailure(akka.actor.typed.SupervisorStrategy.restartWithBackoff(
            Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2));
  }

  /**
   * Creates the sync; it restores the newest stored WMS snapshot and pulls every source at
   * once, then on its timers.
   *
   * @param blocking the blocking dispatcher (JDBC, files, HTTP run there)
   */
  public static Behavior<Command> create(WmsSettings settings, SnapshotManager manager,
      MovementLog movements, Exporter exporter, ActorRef<ZoneRouter.Command> router,
      Executor blocking, Clock clock) {
    return create(settings, manager, movements, exporter, router, blocking, clock,
        (zone, age) -> { });
  }

  /**
   * As above; {@code stale} hears of each zone whose book snapshot went stale, once until a
   * fresh snapshot arrives for it (checked at each scheduled pull and after each pull).
   */
  public static Behavior<Command> create(WmsSettings settings, SnapshotManager manager,
      MovementLog movements, Exporter exporter, ActorRef<ZoneRouter.Command> router,
      Executor blocking, Clock clock, StaleAlerts stale) {
    return create(settings, manager, movements, exporter, router, blocking, clock, stale,
        Map.of());
  }

  /**
   * As above; {@code alertedBefore}: per zone, when its snapshot was last alerted stale before
   * this start. A zone still stale in that same period is not alerted again after a restart.
   */
  public static Behavior<Command> create(WmsSettings settings, SnapshotManager manager,
      MovementLog movements, Exporter exporter, ActorRef<ZoneRouter.Command> router,
      Executor blocking, Clock clock, StaleAlerts stale, Map<String, Instant> alertedBefore) {
    return create(settings, manager, movements, exporter, router, blocking, clock, stale,
        alertedBefore, null);
  }

  private static Behavior<Command> create(WmsSettings settings, SnapshotManager manager,
      MovementLog movements, Exporter exporter, ActorRef<ZoneRouter.Command> router,
      Executor blocking, Clock clock, StaleAlerts stale, Map<String, Instant> alertedBefore,
      WmsStart start) {
    // Outside the setup: a restart by the supervisor runs the setup again, on the same map.
    Map<String, Instant> alerted = new java.util.concurrent.ConcurrentHashMap<>(alertedBefore);
    var absent = new java.util.concurrent.atomic.AtomicReference<Map<String, Absent>>(
        start == null ? Map.of() : start.absent());
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (settings.fileDrop() != null) {
        timers.startTimerWithFixedDelay(DropTick.INSTANCE, settings.fileDrop().pollInterval());
      }
      timers.startTimerWithFixedDelay(PullTick.INSTANCE, settings.schedule());
      if (!settings.export().mode().equals("off")) {
        timers.startTimerWithFixedDelay(ExportTick.INSTANCE, settings.export().interval());
      }
      WmsSync sync = new WmsSync(ctx, settings, manager, movements, exporter, router, blocking,
          clock, stale, alerted, absent);
      if (start != null) {
        // The manager holds the restore (or, restarted by supervision, what came since): the
        // router had the books before the zones started.
        sync.restored = !start.restoreAtFirstPull();
        sync.took(start.takeOutcomes(), false);
      }
      return sync.startPull(true);
    }));
  }

  private WmsSync(ActorContext<Command> ctx, WmsSettings settings, SnapshotManager manager,
      MovementLog movements, Exporter exporter, ActorRef<ZoneRouter.Command> router,
      Executor blocking, Clock clock, StaleAlerts stale, Map<String, Instant> alerted,
      java.util.concurrent.atomic.AtomicReference<Map<String, Absent>> absent) {
    super(ctx);
    this.absent = absent;
    this.staleAlerts = stale;
    this.alerted = alerted;
    this.settings = settings;
    this.manager = manager;
    this.movements = movements;
    this.exporter = exporter;
    this.router = router;
    this.blocking = blocking;
    this.clock = clock;
    this.drop = settings.fileDrop() == null ? null
        : new FileDrop(settings.fileDrop().inbox(), settings.fileDrop().keepProcessed(),
            settings.fileDrop().decimalComma());
    List<WmsSource> s = new ArrayList<>();
    if (settings.jdbc() != null) {
      s.add(new JdbcSource(settings.jdbc()));
    }
    if (settings.http() != null) {
      s.add(new HttpSource(settings.http()));
    }
    this.sources = List.copyOf(s);
    // Read before any pull runs; afterwards the manager is touched on the blocking side only.
    this.zones = manager.zones();
    ctx.getLog().info("wms: sources {}{}, export {}", sources.stream().map(WmsSource::name)
        .toList(), drop == null ? "" : " and file drop " + drop.inbox(),
        settings.export().mode());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(DropTick.INSTANCE, () -> startPull(false))
        .onMessageEquals(PullTick.INSTANCE, this::onPullTick)
        .onMessage(PullNow.class, this::onPullNow)
        .onMessage(Pulled.class, this::onPulled)
        .onMessageEquals(ExportTick.INSTANCE, () -> startExport(null))
        .onMessage(ExportNow.class, m -> startExport(m.replyTo()))
        .onMessage(Exported.class, this::onExported)
        .onMessage(GetStatus.class, this::onGetStatus)
        .build();
  }

  // ---- pulls ------------------------------------------------------------------------------

  private Behavior<Command> onPullTick() {
    Map<String, Duration> stale = checkStale();
    if (!stale.isEmpty()) {
      java.util.StringJoiner ages = new java.util.StringJoiner(", ");
      new java.util.TreeMap<>(stale).forEach((zone, age) -> ages.add(zone + " " + describe(age)));
      getContext().getLog().warn("wms: book snapshot older than {} in zones {}",
          describe(settings.maxSnapshotAge()), ages);
    }
    return startPull(true);
  }

  /** Alerts each zone that went stale since the last check, once per stale period. */
  private Map<String, Duration> checkStale() {
    Map<String, Duration> stale = SnapshotManager.stale(zones, clock.instant(),
        settings.maxSnapshotAge());
    Instant now = clock.instant();
    new java.util.TreeMap<>(stale).forEach((zone, age) -> {
      // Told after its book was last confirmed: the same stale period, already said.
      Instant told = alerted.get(zone);
      if (told == null || !told.isAfter(zones.get(zone).confirmed())) {
        alerted.put(zone, now);
        staleAlerts.stale(zone, age);
      }
    });
    return stale;
  }

  /** A snapshot age for people: "26h 5m" or "12m 3s". */
  public static String describe(Duration age) {
    long h = age.toHours();
    return h > 0 ? h + "h " + age.toMinutesPart() + "m"
        : age.toMinutes() + "m " + age.toSecondsPart() + "s";
  }

  private Behavior<Command> onPullNow(PullNow m) {
    // A request during a pull is answered by the next pull, which sees everything after it.
    (pulling ? nextPullWaiters : pullWaiters).add(m.replyTo());
    return startPull(true);
  }

  private Behavior<Command> startPull(boolean everySource) {
    if (pulling) {
      nextPull = everySource || Boolean.TRUE.equals(nextPull);
      return this;
    }
    pulling = true;
    boolean restore = !restored;
    restored = true;
    getContext().pipeToSelf(CompletableFuture.supplyAsync(
            () -> pull(everySource, restore), blocking), Pulled::new);
    return this;
  }

  /** Runs on the blocking dispatcher: touches the manager, the files and the sources only. */
  private Result pull(boolean everySource, boolean restore) {
    List<SnapshotManager.Outcome> out = new ArrayList<>();
    try {
      if (restore) {
        restore(out);
      }
      if (drop != null) {
        out.addAll(drop.takeAll(this::intake));
      }
      if (everySource) {
        for (WmsSource s : sources) {
          pull(s, out);
        }
      }
      out.addAll(movements.adjust(manager, out));
    } catch (RuntimeException e) {
      // What was taken in before the failure is stored and in force: its outcomes still go to
      // the zones, so none keeps a book the manager has already replaced.
      if (storeClosed(e)) {
        // The service is stopping: no delivery failed; what was not taken in waits for the
        // next start (a dropped file stays in the inbox).
        LOG.info("wms: pull cut by the stop ({}); what it did not take in is taken at the "
            + "next start", e.getMessage());
        return new Result(out, manager.zones(), null);
      }
      LOG.error("wms: pull stopped part-way", e);
      List<String> taken = out.stream().filter(o -> o instanceof SnapshotManager.Applied)
          .map(o -> "snapshot " + ((SnapshotManager.Applied) o).snapshotId()).toList();
      out.add(new SnapshotManager.Failed("wms", "pull stopped part-way: "
          + JdbcUrls.mask(String.valueOf(e)),
          (taken.isEmpty() ? SnapshotManager.BOOK_KEPT : "what it took in before is in force ("
              + String.join(", ", taken) + ")") + "; movements not yet applied to the book"));
    }
    return new Result(out, manager.zones(), storedAbsent());
  }

  /** Reads the zones absent from the WMS's whole book as stored; null when it cannot. */
  private Map<String, Absent> storedAbsent() {
    try {
      return absent(manager.absentZones());
    } catch (RuntimeException e) {
      LOG.warn("wms: the zones absent from the WMS's book could not be read; the status keeps "
          + "what it listed: {}", e.getMessage());
      return null;
    }
  }

  /** The stored absent zones as the status lists them. */
  static Map<String, Absent> absent(Map<String, io.dockcount.store.WmsLedger.AbsentZone> rows) {
    Map<String, Absent> out = new java.util.TreeMap<>();
    rows.forEach((zone, a) -> out.put(zone, new Absent(a.source(), a.since(),
        new SnapshotManager.ZoneSnapshot(a.snapshotId(), a.bookSince(), a.confirmed(),
            a.bookFrom()), SnapshotManager.Absence.valueOf(a.absence()))));
    return java.util.Collections.unmodifiableMap(out);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WmsSync.class);

  /**
   * Restores the stored snapshot the start could not; one that still cannot be read does not
   * hold up the pull's deliveries (they are what ends it), and is said.
   */
  private void restore(List<SnapshotManager.Outcome> out) {
    try {
      SnapshotManager.Applied restored = manager.restoreLatest();
      if (restored != null) {
        out.add(restored);
      }
      manager.restoreEmptied();
    } catch (RuntimeException e) {
      if (storeClosed(e)) {
        throw e;
      }
      LOG.error("wms: the stored WMS snapshot still cannot be read", e);
      out.add(new SnapshotManager.Failed(SnapshotManager.RESTORED + "(not read)",
          String.valueOf(e.getMessage()), "the zones stay on the start-up files' book until "
          + "the WMS delivers theirs"));
    }
  }

  /** Whether {@code e} comes of the store being closed under the work (the service stopping). */
  private static boolean storeClosed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.dockcount.store.StoreException s && s.storeClosed()) {
        return true;
      }
    }
    return false;
  }

  /** Pulls one source into {@code out}: its snapshot's outcomes, then its movements'. */
  private void pull(WmsSource s, List<SnapshotManager.Outcome> out) {
    List<RawTable> tables;
    try {
      tables = s.pull();
    } catch (SourceException e) {
      out.add(new SnapshotManager.Failed(s.name(), e.getMessage(),
          SnapshotManager.kept(s.kinds())));
      return;
    } catch (RuntimeException e) {
      // Such as a password file that cannot be read: this source only, the others go on.
      out.add(new SnapshotManager.Failed(s.name(), JdbcUrls.mask(String.valueOf(
          e.getMessage())), SnapshotManager.kept(s.kinds())));
      return;
    }
    List<RawTable> moved = tables.stream()
        .filter(t -> t.kind().equals(MovementLog.KIND)).toList();
    List<RawTable> snapshot = tables.stream()
        .filter(t -> !t.kind().equals(MovementLog.KIND)).toList();
    SnapshotManager.Outcome book = null;
    if (!snapshot.isEmpty()) {
      // A database or API pull is the WMS's whole book: a zone it lacks is news.
      List<SnapshotManager.Outcome> taken = manager.offerWhole(snapshot, s.name(),
          clock.instant(), settings.absentZones());
      out.addAll(taken);
      book = taken.get(0);
    }
    for (RawTable t : moved) {
      SnapshotManager.Outcome o = movements.offer(t, s.name() + " " + t.origin());
      out.add(o instanceof SnapshotManager.Rejected r ? r.withEffect(movementsRefused(book)) : o);
    }
  }

  /** What a refused movement delivery left, with what became of the same pull's book. */
  static String movementsRefused(SnapshotManager.Outcome book) {
    String none = "none of its movements stored or applied; ";
    if (book instanceof SnapshotManager.Applied a) {
      return none + "the same pull's book was taken in (snapshot " + a.snapshotId()
          + " for zones " + String.join(", ", new java.util.TreeSet<>(a.zones())) + ")";
    } else if (book instanceof SnapshotManager.Duplicate d) {
      return none + "the same pull's book was unchanged (as snapshot " + d.snapshotId() + ")";
    } else if (book != null) {
      return none + "the same pull's book was refused too: " + SnapshotManager.BOOK_KEPT;
    }
    return none + "the book is not moved by them";
  }

  private SnapshotManager.Outcome intake(List<RawTable> tables, String source) {
    if (tables.size() == 1 && tables.get(0).kind().equals(MovementLog.KIND)) {
      SnapshotManager.Outcome o = movements.offer(tables.get(0), source);
      return o instanceof SnapshotManager.Rejected r ? r.withEffect(movementsRefused(null)) : o;
    }
    return manager.offer(tables, source, clock.instant());
  }

  private Behavior<Command> onPulled(Pulled m) {
    List<SnapshotManager.Outcome> outcomes = List.of();
    if (m.result() != null) {
      outcomes = m.result().outcomes();
      zones = m.result().zones();
      if (m.result().absent() != null) {
        absent.set(m.result().absent());
      }
    }
    if (m.failure() != null) {
      // Only an Error gets here (pull contains the exceptions): what the pull stored before
      // it may be in the store without having reached the zones.
      getContext().getLog().error("wms: pull failed; deliveries it stored before the failure "
          + "(if any) reach the zones at the next delivery or restart", m.failure());
      outcomes = List.of(new SnapshotManager.Failed("wms", String.valueOf(m.failure()),
          "deliveries stored before the failure may not have reached the zones"));
    }
    took(outcomes, true);
    checkStale(); // before the answer: who asked for the pull sees its alerts raised
    PullReport reply = new PullReport(List.copyOf(outcomes));
    pullWaiters.forEach(r -> r.tell(reply));
    pullWaiters = nextPullWaiters;
    nextPullWaiters = new ArrayList<>();
    pulling = false;
    Boolean next = nextPull;
    nextPull = null;
    return next == null ? this : startPull(next);
  }

  /**
   * Logs what deliveries did and keeps each source's last outcome; tells the router of the
   * books they brought unless it has them ({@code toRouter} false: the restore at start).
   */
  private void took(List<SnapshotManager.Outcome> outcomes, boolean toRouter) {
    for (SnapshotManager.Outcome o : outcomes) {
      report(o, toRouter);
      if (o instanceof SnapshotManager.ZonesAbsent) {
        continue; // the store holds them, read after the pull
      }
      if (o instanceof SnapshotManager.Applied
          && !o.source().startsWith(SnapshotManager.RESTORED)) {
        // The snapshot restored at start is no longer the one in force: a newer one is, and
        // the line it left said otherwise for as long as the service ran.
        last.keySet().removeIf(k -> k.startsWith(SnapshotManager.RESTORED));
        lastAt.keySet().removeIf(k -> k.startsWith(SnapshotManager.RESTORED));
      }
      String source = o.source().startsWith("file ") ? "file drop" : o.source();
      last.put(source, o);
      lastAt.put(source, clock.instant());
    }
  }

  /** Returns whether an outcome went as it should (a refused or failed delivery did not). */
  public static boolean ok(SnapshotManager.Outcome o) {
    return !(o instanceof SnapshotManager.Rejected || o instanceof SnapshotManager.Failed);
  }

  /** Says what an outcome was, in a line, for a person (the log, the console, status). */
  public static String summary(SnapshotManager.Outcome o) {
    if (o instanceof SnapshotManager.Applied a) {
      return "snapshot " + a.snapshotId() + " in force for zones "
          + String.join(", ", new java.util.TreeSet<>(a.zones()));
    } else if (o instanceof SnapshotManager.Duplicate d) {
      return "same content as snapshot " + d.snapshotId() + ": nothing changed";
    } else if (o instanceof SnapshotManager.Rejected r) {
      return "refused, " + r.effect() + " (" + r.problems().size() + " problem"
          + (r.problems().size() == 1 ? "" : "s")
          + (r.problems().isEmpty() ? "" : "; first: " + r.problems().get(0)) + ")";
    } else if (o instanceof SnapshotManager.Failed f) {
      return "could not deliver, " + f.effect() + ": " + f.reason();
    } else if (o instanceof SnapshotManager.ZonesAbsent z) {
      return "no lines for zones " + String.join(", ", z.zones().keySet());
    } else if (o instanceof SnapshotManager.MovementsStored m) {
      return m.stored() + " new movement" + (m.stored() == 1 ? "" : "s");
    } else if (o instanceof SnapshotManager.BookMoved b) {
      return b.zones().isEmpty() ? "movements moved no book"
          : "movements moved the book of zones " + String.join(", ",
              new java.util.TreeSet<>(b.zones()));
    }
    return o.getClass().getSimpleName();
  }

  private void report(SnapshotManager.Outcome o, boolean toRouter) {
    var log = getContext().getLog();
    if (o instanceof SnapshotManager.Applied a) {
      log.info("wms: {}: {}", a.source(), summary(a));
      if (toRouter) {
        router.tell(new ZoneRouter.BookUpdated(a.snapshotId(), a.master(), a.zones()));
      }
    } else if (o instanceof SnapshotManager.Duplicate
        || o instanceof SnapshotManager.MovementsStored) {
      log.info("wms: {}: {}", o.source(), summary(o));
    } else if (o instanceof SnapshotManager.Rejected r) {
      log.warn("wms: {}: refused ({} problem{}): {}", r.source(), r.problems().size(),
          r.problems().size() == 1 ? "" : "s", r.effect());
      // Each one: a database or API delivery has no report file as a dropped file has.
      r.problems().forEach(p -> log.warn("wms: {}: {}", r.source(), p));
    } else if (o instanceof SnapshotManager.BookMoved b) {
      b.reported().forEach((id, why) -> log.warn("wms: {}", why));
      if (!b.zones().isEmpty()) {
        log.info("wms: movements moved the book of zones {} (snapshot {})", b.zones(),
            b.snapshotId());
        if (toRouter) {
          router.tell(new ZoneRouter.BookUpdated(b.snapshotId(), b.master(), b.zones(), true));
        }
      }
    } else if (o instanceof SnapshotManager.Failed f) {
      log.warn("wms: {}: {}", f.source(), summary(f));
    } else if (o instanceof SnapshotManager.ZonesAbsent z) {
      z.zones().forEach((zone, a) -> {
        if (a.absence() != SnapshotManager.Absence.EMPTY) {
          log.warn("wms: {}: {}", z.source(), absentLine(zone, a.book(), a.absence(),
              clock.instant()));
        }
      });
    }
  }

  /**
   * Says, for the console and {@code status}, what a zone's absence from the WMS's whole book
   * is and since when: {@code "zone C: no lines in the WMS's book (jdbc ...) since 2026-...: its
   * book is kept (snapshot 2, carried into snapshot 3, last delivered 2h 5m ago)"}.
   */
  public static String statusLine(String zone, Absent a, Instant now) {
    String head = "zone " + zone + ": no lines in the WMS's book (" + a.source() + ") since "
        + a.since() + ": its book ";
    String was = "(" + a.book().describe() + ", last delivered "
        + describe(Duration.between(a.book().confirmed(), now)) + " ago)";
    return head + switch (a.absence()) {
      case KEPT -> "is kept " + was;
      case EMPTIED -> "was emptied " + was;
      case EMPTY -> "is empty (dockcount.wms.absent-zones = empty)";
    };
  }

  /** Says, for a person, what a zone's absence from the WMS's whole book did to its book. */
  public static String absentLine(String zone, SnapshotManager.ZoneSnapshot book,
      SnapshotManager.Absence absence, Instant now) {
    String was = book.describe() + ", last delivered "
        + describe(Duration.between(book.confirmed(), now)) + " ago";
    return switch (absence) {
      case KEPT -> "the WMS's book has no lines for zone " + zone + ": its book is kept as it "
          + "was (" + was + ") and goes stale; if the WMS emptied the zone, set "
          + "dockcount.wms.absent-zones = empty, else check the book query";
      case EMPTIED -> "the WMS's book has no lines for zone " + zone + ": its book (" + was
          + ") is emptied (dockcount.wms.absent-zones = empty), so its counts are unexpected";
      case EMPTY -> "the WMS's book still has no lines for zone " + zone + ": its book is empty"
          + " since " + book.since();
    };
  }

  // ---- export -----------------------------------------------------------------------------

  private Behavior<Command> startExport(ActorRef<ExportReport> replyTo) {
    if (replyTo != null) {
      exportWaiters.add(replyTo);
    }
    if (exporting) {
      return this;
    }
    exporting = true;
    List<ActorRef<ExportReport>> waiters = exportWaiters;
    exportWaiters = new ArrayList<>();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        return exporter.exportPending();
      } catch (SourceException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking), (sent, e) -> {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause()
          != null ? e.getCause() : e;
      waiters.forEach(r -> r.tell(new ExportReport(sent,
          cause == null ? null : cause.getMessage())));
      return new Exported(sent, cause);
    });
    return this;
  }

  private Behavior<Command> onExported(Exported m) {
    exporting = false;
    lastExport = new ExportState(clock.instant(),
        m.failure() == null ? null : m.failure().getMessage(),
        m.sent() == null ? List.of() : m.sent().refused());
    if (m.failure() != null && storeClosed(m.failure())) {
      getContext().getLog().info("wms: export cut by the stop ({}); what it did not send is "
          + "sent after the next start", m.failure().getMessage());
    } else if (m.failure() != null) {
      getContext().getLog().warn("wms: export failed; tried again next time: {}",
          m.failure().getMessage());
    } else {
      if (m.sent().groups() > 0) {
        getContext().getLog().info("wms: exported {} recount tasks and {} adjustments",
            m.sent().tasks(), m.sent().adjustments());
      }
      // Said each pass until the WMS takes them: the others went on meanwhile.
      m.sent().refused().forEach(r -> getContext().getLog().warn("wms: export: the WMS refused "
          + "{}; the other items were sent, this one is tried again next time", r));
      // Its insert changed no row: after a restore from a backup, a key (location, SKU, round)
      // is given again, maybe with other figures, which the WMS's row does not have.
      m.sent().kept().forEach(k -> getContext().getLog().warn("wms: export: the WMS already "
          + "had {} and kept its row: if its figures differ from dockcount's (tasks.csv, "
          + "adjustments.csv), correct them in the WMS", k));
    }
    return exportWaiters.isEmpty() ? this : startExport(null);
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    Instant now = clock.instant();
    m.replyTo().tell(new WmsStatus(zones,
        Map.copyOf(SnapshotManager.stale(zones, now, settings.maxSnapshotAge())),
        Map.copyOf(last), Map.copyOf(lastAt), lastExport, absent.get()));
    return this;
  }
}
