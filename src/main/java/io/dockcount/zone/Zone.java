package io.dockcount.zone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.pattern.StatusReply;
import io.dockcount.alert.Alert;
import io.dockcount.core.CountRecord;
import io.dockcount.core.CountRound;
import io.dockcount.core.Status;
import io.dockcount.csv.ZoneReport;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One zone of the warehouse: its counts per location and SKU, each location's state, and its
 * reconciliation cycle.
 *
 * <p>On start the zone reads its journal from the store and stashes every command until its
 * state is rebuilt. A count is acknowledged only once the group commit has made it durable; the
 * in-memory state follows the journal, never runs ahead of it. The same station and sequence
 * sent again is answered with the first record's number and not stored twice.
 *
 * <p>The zone reconciles on a timer (first after {@code initialDelay}, so zones are staggered),
 * on {@link Reconcile}, and at once when a closing location shows a variance at or above the
 * high-value threshold or a recount closes. Only one run is in flight at a time; commands that
 * move a location are stashed while it is, so a run never plans from a state that changes under
 * it.
 */
public final class Zone extends AbstractBehavior<Zone.Command> {
  // The report is written off the actor, where the context's log must not be used.
  private static final org.slf4j.Logger REPORTS_LOG =
      org.slf4j.LoggerFactory.getLogger(Zone.class);

  /** Messages a zone accepts. */
  public sealed interface Command {}

  /** A command about one location; the router sends it to the location's zone. */
  public sealed interface LocationCommand extends Command {
    String location();
  }

  /** Records a count. Replies {@link CountRecorded} once durable, or an error if refused. */
  public record RecordCount(CountRecord record, ActorRef<StatusReply<CountRecorded>> replyTo,
      Integer openedRound) implements LocationCommand {
    /** A count checked against the location's state only. */
    public RecordCount(CountRecord record, ActorRef<StatusReply<CountRecorded>> replyTo) {
      this(record, replyTo, null);
    }

    @Override
    public String location() {
      return record.location();
    }
  }

  /**
   * Asks whether a location takes counts now, and in which round, so a station can answer its
   * label at once. Replies {@link ZoneRouter.LocationChecked}.
   */
  public record CheckCountable(String location, ActorRef<ZoneRouter.LocationChecked> replyTo)
      implements Command {}

  /**
   * A scan a station held for a supervisor (a lot the book does not have there, a unit with no
   * factor): kept as a rejected scan, and, at a location taking counts, noted in the zone's
   * figures, whose line for the SKU is then flagged and recounted. Replies the journal number
   * once on disk.
   */
  public record HoldScan(String station, String counter, String location, String sku,
      String raw, String reason, ActorRef<StatusReply<Long>> replyTo)
      implements LocationCommand {}

  /** The count is on disk as journal record {@code seq}; {@code duplicate} if sent before. */
  public record CountRecorded(String zone, long seq, String station, long sequence,
      boolean duplicate) {}

  /** Takes back count {@code seq} (a double scan). Replies {@link CountVoided}. */
  public record VoidCount(String location, long seq, String station, String counter,
      String reason, ActorRef<StatusReply<CountVoided>> replyTo) implements LocationCommand {}

  /** The void is on disk as journal record {@code seq}. */
  public record CountVoided(long seq, long voidOf) {}

  /** The counter has finished the location. Replies {@link LocationChanged}. */
  public record CloseLocation(String location, String counter,
      ActorRef<StatusReply<LocationChanged>> replyTo, Integer openedRound)
      implements LocationCommand {
    /** A close by someone who did not open the location at a station (a supervisor). */
    public CloseLocation(String location, String counter,
        ActorRef<StatusReply<LocationChanged>> replyTo) {
      this(location, counter, replyTo, null);
    }
  }

  /** A supervisor accepts the location's remaining variance. Replies {@link LocationChanged}. */
  public record ResolveLocation(String location, String supervisor, String note,
      ActorRef<StatusReply<LocationChanged>> replyTo) implements LocationCommand {}

  /**
   * A supervisor asks for another count of the location. One already waiting for a recount a
   * run asked becomes the supervisor's (journalled in the same round), so no run settles it.
   * Replies {@link LocationChanged}.
   */
  public record RequestRecount(String location, String supervisor,
      ActorRef<StatusReply<LocationChanged>> replyTo) implements LocationCommand {}

  /** Inventory control signs the resolved location off. Replies {@link LocationChanged}. */
  public record ConfirmLocation(String location, String who,
      ActorRef<StatusReply<LocationChanged>> replyTo) implements LocationCommand {}

  /**
   * The location's new state, durable; for a close, the live count records of its round
   * ({@code liveCounts}) and the scans held there for a supervisor in it ({@code held}); -1 for
   * the other moves. {@code already}: the location was already where the move leads (a
   * confirm, accept or send-back asked again after it took effect), so nothing was journalled;
   * the note says so.
   */
  public record LocationChanged(String location, LocationState state, int round,
      int liveCounts, int held, String note, boolean already) {
    public LocationChanged(String location, LocationState state, int round, int liveCounts,
        int held, String note) {
      this(location, state, round, liveCounts, held, note, false);
    }
  }

  /**
   * A location move refused because no location by that code is known to the zone (not on its
   * book, nothing counted there): asking again will not find it. The other refusals are plain
   * {@link StatusReply#error(String)} messages, which may pass later.
   */
  public static final class UnknownLocation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownLocation(String message) {
      super(message);
    }
  }

  /**
   * A location move refused because the location is confirmed, which is final: no later state
   * allows it, so asking again can never succeed.
   */
  public static final class LocationFinal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocationFinal(String message) {
      super(message);
    }
  }

  /** Reconciles now. Replies {@link RunCompleted} after the run is saved. */
  public record Reconcile(ActorRef<RunCompleted> replyTo) implements Command {}

  /**
   * A supervisor closes the zone: the zone reconciles at once, and every location nobody
   * counted becomes NOT_COUNTED, its book lines missing with recount tasks. Close the counted
   * locations nobody is counting now first ({@link CloseLocation}); one still open with counts
   * in its round (a station has it open, or a recount under way) is left to its counter, its
   * lines still counting. Replies {@link RunCompleted} for that run.
   */
  public record CloseZone(String supervisor, ActorRef<RunCompleted> replyTo) implements Command {}

  /**
   * A saved run. {@code alerts} are the lines it raised. {@code netValue} and {@code absValue}
   * are null when its variance lines all lack a value
   * ({@link io.dockcount.store.RunRecord#netValue}).
   */
  public record RunCompleted(String zone, long runId, String trigger, int lines,
      Map<Status, Integer> byStatus, BigDecimal netValue, BigDecimal absValue,
      int linesWithoutValue, int tasksCreated, List<String> alerts) {}

  /**
   * A newer book snapshot covers this zone (WMS integration): later counts are recorded under
   * it and later runs compare against it. No reply.
   */
  public record BookUpdated(ZoneBook book) implements Command {}

  /** The book a zone compares against: its snapshot, the master data, the zone's lines. */
  public record ZoneBook(Long snapshotId, MasterData master, List<MasterData.BookLine> lines) {
    public ZoneBook {
      lines = MasterData.frozen(lines);
    }
  }

  /**
   * A zone's first book, {@code book}, is its snapshot's book as WMS movements moved it from
   * {@code from} (restored at the service's start): the zone notes those moves as it notes a
   * {@link BookUpdated} of the same snapshot.
   */
  record MovedAtStart(ZoneBook book, List<MasterData.BookLine> from) {}

  /** Asks for the zone's state. Replies {@link ZoneStatus}. */
  public record GetStatus(ActorRef<ZoneStatus> replyTo) implements Command {}

  /**
   * A copy of the zone's state. {@code closedSinceLastRun}: a location closed after the last
   * saved run saw the journal, so a {@link LocationState#CLOSED} location may be waiting for
   * its run rather than for a supervisor's decision; a count of runs cannot tell, since a run
   * in flight at the close is saved after it without it.
   */
  public record ZoneStatus(String zone, Map<String, LocationState> locations,
      int liveRecords, long openTasks, long lastSeq, long runs, boolean closedSinceLastRun) {}

  /**
   * Asks which locations are being counted: those taking counts with count records in their
   * current round, and how many. Cheap on a large zone, unlike {@link GetDetail}: for a check
   * that runs every minute. Replies {@link BeingCounted}.
   */
  public record GetBeingCounted(ActorRef<BeingCounted> replyTo) implements Command {}

  /**
   * The locations of {@code zone} being counted, each with its current round's count records
   * ({@code locations}) and that round ({@code rounds}: 0 a first count, above it a recount).
   */
  public record BeingCounted(String zone, Map<String, Integer> locations,
      Map<String, Integer> rounds) {}

  /** Asks for every location's state and live counts (the console). Replies {@link ZoneDetail}. */
  public record GetDetail(ActorRef<ZoneDetail> replyTo) implements Command {}

  /**
   * A location's state and round, its live count records in all, and those of its current
   * round (a location sent to recount has none until the recount starts); {@code everCounted}
   * when a counter closed it in some round or it has counts (a location settled without any
   * count was never counted).
   */
  public record LocationDetail(LocationState state, int round, int liveCounts, int roundCounts,
      boolean everCounted) {
    public LocationDetail(LocationState state, int round, int liveCounts) {
      this(state, round, liveCounts, liveCounts, liveCounts > 0);
    }
  }

  /**
   * Every location the zone has heard of (a state or a count), by location code, and the book
   * snapshot the zone compares with now ({@code bookSnapshot}, null when its book has none).
   */
  public record ZoneDetail(String zone, Map<String, LocationDetail> locations, long openTasks,
      long runs, Long bookSnapshot) {}

  private enum Tick implements Command { INSTANCE }

  /** The wait after a close is over: the zone reconciles (ZoneSettings.afterClose). */
  private enum AfterClose implements Command { INSTANCE }

  private record Loaded(ZoneState state) implements Command {}

  private record LoadFailed(Throwable cause) implements Command {}

  private record Appended(JournalEntry entry, Command request, long seq) implements Command {}

  private record AppendFailed(Command request, Throwable cause) implements Command {}

  private record RunSaved(ZoneReconciler.Plan plan, Store.RunSaved saved) implements Command {}

  private record RunFailed(Throwable cause) implements Command {}

  private record TasksClosed(String location, List<io.dockcount.store.RunRecord.TaskKey> keys,
      Throwable failure) implements Command {}

  private record StoredBookRead(long snapshotId, Store.StoredBooks books)
      implements Command {}

  static final String SCHEDULED = "SCHEDULED";
  static final String HIGH_VALUE = "HIGH_VALUE";
  static final String REQUESTED = "REQUESTED";
  static final String RECOUNT_CLOSED = "RECOUNT_CLOSED";
  static final String AFTER_CLOSE = "AFTER_CLOSE";

  private final String zone;
  private final ZoneDeps deps;
  private final TimerScheduler<Command> timers;
  private final ZoneState state;
  private ZoneReconciler reconciler;
  private ZoneBook book;
  private final StashBuffer<Command> stash;
  private final Map<String, List<ActorRef<StatusReply<CountRecorded>>>> waiting = new HashMap<>();
  /** Pallets and serialized units (identity and round) whose count is being written. */
  private final java.util.Set<String> unitsInFlight = new java.util.HashSet<>();
  /** When the run in flight started (System.nanoTime), for the log. */
  private long runStartedNanos;
  /** What each settled location was settled on (see onConfirmLocation). */
  private final Map<String, Settlement> decided = new java.util.HashMap<>();
  /** The snapshot whose stored book is being read, or null; runs wait for it. */
  private Long storedBookPending;
  /**
   * Writes marking settled locations' tasks done, not yet landed; runs wait for them, since a
   * run may open such a task again (the book changed after the decision) and a write landing
   * after it would close it again, for good.
   */
  private int tasksClosing;
  private String runDeferred;
  /** The moved books being saved, in order ({@link #saveMovedBook}); runs are saved after. */
  private CompletableFuture<Void> bookWrites = CompletableFuture.completedFuture(null);
  /** Settled locations whose book a WMS movement has changed since (see onConfirmLocation). */
  private final Set<String> movedSinceSettled = new java.util.HashSet<>();
  /**
   * Locations settled by a version that did not keep what they were settled on (before
   * schema V11): a WMS movement of their book since this start is all that can be told.
   */
  private final Set<String> settledUnknown = new java.util.HashSet<>();

  private List<ActorRef<RunCompleted>> runWaiters = new ArrayList<>();
  /** The book snapshot of the last saved run (null before the first one since start). */
  private Long lastRunSnapshot;
  /** A book update came since the last run started (the next cycle must not be skipped). */
  private boolean bookMovedSinceRun;
  private List<ActorRef<RunCompleted>> nextWaiters = new ArrayList<>();
  private String runInFlight;
  private String runNext;
  /** A supervisor closed the zone; the next run marks the locations nobody counted. */
  private boolean closeZonePending;
  /** Whether the last run saved since the start was a scheduled one (or none was saved). */
  private boolean lastRunScheduled = true;
  /** A failed run was told to the supervisors; cleared, and told, when a run is saved. */
  private boolean runsFailingSaid;
  /** Locations a supervisor sent back since the last run was planned (see ZoneReconciler). */
  private final Set<String> sentBack = new HashSet<>();
  private long runs;

  /**
   * Creates a zone that rebuilds itself from the store before taking commands.
   *
   * @param zoneBook the book lines of this zone
   * @param initialDelay time to the first scheduled reconciliation
   */
  public static Behavior<Command> create(String zone, ZoneDeps deps,
      List<MasterData.BookLine> zoneBook, Duration initialDelay) {
    ZoneBook fixed = new ZoneBook(deps.snapshotId(), deps.master(), zoneBook);
    return create(zone, deps, () -> fixed, initialDelay);
  }

  /**
   * Creates a zone that takes its book from {@code book} each time it starts, so a zone
   * restarted by supervision gets the book in force, not the one it was first spawned with.
   *
   * @param book returns an immutable value; called on the zone's thread at every (re)start
   */
  public static Behavior<Command> create(String zone, ZoneDeps deps,
      java.util.function.Supplier<ZoneBook> book, Duration initialDelay) {
    return create(zone, deps, book, initialDelay, null);
  }

  /** As above; on its first start the zone takes its state from {@code recovery} if given. */
  static Behavior<Command> create(String zone, ZoneDeps deps,
      java.util.function.Supplier<ZoneBook> book, Duration initialDelay, ZoneRecovery recovery) {
    return create(zone, deps, book, initialDelay, recovery, null);
  }

  /** As above; on its first start the zone notes {@code moved} (may be null) if on that book. */
  static Behavior<Command> create(String zone, ZoneDeps deps,
      java.util.function.Supplier<ZoneBook> book, Duration initialDelay, ZoneRecovery recovery,
      MovedAtStart moved) {
    java.util.concurrent.atomic.AtomicReference<MovedAtStart> once =
        new java.util.concurrent.atomic.AtomicReference<>(moved);
    return Behaviors.withStash(100_000, stash -> Behaviors.setup(ctx -> {
      // Rebuilt against the snapshot of the book it starts on, not the one it was spawned
      // with: restarted by supervision after a newer snapshot came in force, the state would
      // hold that snapshot's book only where counts were taken under it, and the lines counted
      // under an earlier one elsewhere would lose their book change.
      ZoneBook start = book.get();
      // The moves are noted once, at the first start; on another book (a newer one came before
      // the zone started) they are that book's past, as for a zone restarted by supervision.
      MovedAtStart first = once.getAndSet(null);
      List<MasterData.BookLine> movedFrom = first != null && first.book() == start
          ? first.from() : null;
      CompletableFuture<ZoneState> shared = recovery == null ? null
          : recovery.take(zone, start.snapshotId());
      ctx.pipeToSelf(shared != null ? shared : CompletableFuture.supplyAsync(
              () -> ZoneState.recover(deps.store(), zone, start.snapshotId()),
              deps.blocking()),
          (s, e) -> e == null ? new Loaded(s) : new LoadFailed(e));
      return Behaviors.withTimers(timers -> loading(ctx, timers, stash, zone, deps, start,
          movedFrom, initialDelay));
    }));
  }

  private static Behavior<Command> loading(ActorContext<Command> ctx,
      TimerScheduler<Command> timers, StashBuffer<Command> stash, String zone, ZoneDeps deps,
      ZoneBook zoneBook, List<MasterData.BookLine> movedFrom, Duration initialDelay) {
    return Behaviors.receive(Command.class)
        .onMessage(Loaded.class, m -> {
          ctx.getLog().info("zone {}: rebuilt from journal: {} counts, {} locations, {} open "
              + "tasks", zone, m.state().liveRecords(), m.state().locationsKnown(),
              m.state().openTasks());
          timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, initialDelay,
              deps.settings().cycleInterval());
          Duration after = deps.settings().afterClose();
          if (m.state().closedSinceLastRun() && !after.isZero()) {
            // The run a close started (or waited for) was lost with the stop or crash: its
            // lines and tasks are due within the after-close wait, not at the staggered cycle.
            ctx.getLog().info("zone {}: a location closed after the last run: reconciling in "
                + "{} ms", zone, after.toMillis());
            timers.startSingleTimer(AfterClose.INSTANCE, AfterClose.INSTANCE, after);
          }
          m.state().heldUnits().forEach((unit, location) ->
              deps.units().hold(unit, zone, location));
          Zone active = new Zone(ctx, zone, deps, m.state(), zoneBook, stash, timers);
          if (movedFrom != null) {
            active.bookMoved(movedFrom);
          }
          return stash.unstashAll(active);
        })
        .onMessage(LoadFailed.class, m -> {
          // Supervision restarts the zone with backoff; its stash is lost, so callers time out.
          throw new IllegalStateException("zone " + zone + " cannot read its journal",
              m.cause());
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  private Zone(ActorContext<Command> ctx, String zone, ZoneDeps deps, ZoneState state,
      ZoneBook book, StashBuffer<Command> stash, TimerScheduler<Command> timers) {
    super(ctx);
    this.timers = timers;
    this.zone = zone;
    this.deps = deps;
    this.state = state;
    this.book = book;
    this.runs = state.runsBefore();
    this.reconciler = new ZoneReconciler(zone, book.master(), book.lines(), deps.settings());
    this.stash = stash;
    // Settled before a restart: checked on what they were settled on, as if settled now.
    state.takeSettledBefore().forEach((location, text) -> {
      try {
        decided.put(location, new Settlement(text));
      } catch (IllegalArgumentException e) {
        ctx.getLog().warn("zone {}: location {}: what it was settled on cannot be read back "
            + "({}): its confirmation is not checked against WMS movements", zone, location,
            e.getMessage());
      }
    });
    // Sent back before a stop that lost the run the send-back started: the next run weighs it.
    sentBack.addAll(state.sendBacksNotWeighed());
    state.locations().forEach((location, loc) -> {
      if (loc.state() == LocationState.RESOLVED && !decided.containsKey(location)) {
        settledUnknown.add(location);
      }
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RecordCount.class, this::onRecordCount)
        .onMessage(VoidCount.class, this::onVoidCount)
        .onMessage(HoldScan.class, this::onHoldScan)
        .onMessage(CloseLocation.class, m -> whenNoRun(m, this::onCloseLocation))
        .onMessage(ResolveLocation.class, m -> whenNoRun(m, this::onResolveLocation))
        .onMessage(RequestRecount.class, m -> whenNoRun(m, this::onRequestRecount))
        .onMessage(ConfirmLocation.class, m -> whenNoRun(m, this::onConfirmLocation))
        .onMessage(Appended.class, this::onAppended)
        .onMessage(AppendFailed.class, this::onAppendFailed)
        .onMessageEquals(Tick.INSTANCE, () -> startRun(SCHEDULED))
        .onMessageEquals(AfterClose.INSTANCE, () -> startRun(AFTER_CLOSE))
        .onMessage(Reconcile.class, this::onReconcile)
        .onMessage(CloseZone.class, this::onCloseZone)
        .onMessage(RunSaved.class, this::onRunSaved)
        .onMessage(RunFailed.class, this::onRunFailed)
        .onMessage(TasksClosed.class, this::onTasksClosed)
        .onMessage(CheckCountable.class, this::onCheckCountable)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(BookUpdated.class, this::onBookUpdated)
        .onMessage(StoredBookRead.class, this::onStoredBookRead)
        .onMessage(GetDetail.class, this::onGetDetail)
        .onMessage(GetBeingCounted.class, m -> {
          Map<String, Integer> counted = state.beingCounted();
          Map<String, Integer> rounds = new java.util.TreeMap<>();
          counted.keySet().forEach(l -> rounds.put(l, state.location(l).round()));
          m.replyTo().tell(new BeingCounted(zone, counted, rounds));
          return this;
        })
        .build();
  }

  // ---- counts -----------------------------------------------------------------------------

  private Behavior<Command> onRecordCount(RecordCount m) {
    CountRecord r = m.record();
    Long earlier = state.duplicateOf(r.station(), r.sequence());
    if (earlier != null) {
      m.replyTo().tell(StatusReply.success(
          new CountRecorded(zone, earlier, r.station(), r.sequence(), true)));
      return this;
    }
    String key = r.station() + '\n' + r.sequence();
    List<ActorRef<StatusReply<CountRecorded>>> inFlight = waiting.get(key);
    if (inFlight != null) {
      inFlight.add(m.replyTo());
      return this;
    }
    ZoneState.Loc loc = state.location(r.location());
    String moved = movedOn(r.location(), m.openedRound(), loc);
    String refusal = !loc.state().takesCounts() ? notCounting(r.location(), loc)
        : moved != null ? moved
        : r.eaches() < 0 ? "negative quantity " + r.eaches() + " EA"
        : alreadyCounted(r);
    if (refusal != null) {
      deps.journal().append(new JournalEntry.Rejected(r.station(), r.counter(), r.location(),
          r.sku(), r.raw(), refusal));
      getContext().getLog().debug("zone {}: refused {} from {}: {}", zone, r.sku(), r.station(),
          refusal);
      m.replyTo().tell(StatusReply.error(refusal));
      return this;
    }
    waiting.put(key, new ArrayList<>(List.of(m.replyTo())));
    if (r.unitIdentity() != null) {
      unitsInFlight.add(r.unitIdentity());
    }
    append(new JournalEntry.Count(zone, r, loc.round(), book.snapshotId()), m);
    return this;
  }

  /**
   * Issue 4 item 5: a pallet (SSCC) or serialized unit (GTIN + serial) counts once, at any
   * station of any zone, until the location it was counted at is recounted; returns the
   * refusal, or null when the unit is now claimed for this zone ({@link UnitClaims}). Plain
   * units all count.
   */
  private String alreadyCounted(CountRecord r) {
    String unit = r.unitIdentity();
    if (unit == null) {
      return null;
    }
    if (unitsInFlight.contains(unit)) {
      return unit + " already counted (being stored)";
    }
    ZoneState.Counted first = state.unitCounted(unit);
    ZoneState.Loc there = first == null ? null : state.location(first.location());
    if (first != null && first.location().equals(r.location()) && first.round() < there.round()) {
      first = null; // the recount of its location counts it anew, in place of the earlier count
    }
    if (first != null) {
      return unit + " already counted at " + first.location() + " by " + first.station()
          + " (journal record " + first.seq() + ")" + (first.location().equals(r.location())
              ? " in this count round: it counts once here"
              : first.round() < there.round()
              ? "; " + first.location() + " is to be recounted: once its recount is closed "
                  + "without it, it counts here"
              : "; if it was moved, ask a supervisor to recount " + first.location());
    }
    UnitClaims.Claim elsewhere = deps.units().claim(unit, zone, r.location()); // ours if null
    return elsewhere == null ? null
        : unit + " already counted in zone " + elsewhere.zone() + " at "
            + elsewhere.location() + "; if it was moved, ask a supervisor to recount "
            + elsewhere.location() + " (one under way: it counts here once that recount "
            + "closes without it)";
  }

  /** Gives back the pallets and serialized units no live count of this zone holds any more. */
  private void releaseUnits() {
    deps.units().releaseUnless(zone, unit -> unitsInFlight.contains(unit)
        || state.unitCounted(unit) != null);
  }

  private Behavior<Command> onHoldScan(HoldScan m) {
    ZoneState.Loc loc = state.location(m.location());
    // At a location not taking counts the scan would have been refused anyway: kept only.
    Integer round = loc.state().takesCounts() ? loc.round() : null;
    append(new JournalEntry.Rejected(m.station(), m.counter(), m.location(), m.sku(), m.raw(),
        m.reason(), round == null ? null : zone, round), m);
    return this;
  }

  private Behavior<Command> onVoidCount(VoidCount m) {
    ZoneState.Counted c = state.live(m.seq());
    if (c == null || !c.location().equals(m.location())) {
      m.replyTo().tell(StatusReply.error("no live count " + m.seq() + " at " + m.location()));
      return this;
    }
    ZoneState.Loc loc = state.location(m.location());
    if (!loc.state().takesCounts() || c.round() != loc.round()) {
      // A closed location's counts are what its reconciliation stands on: taking one back
      // would empty it behind the supervisor's back. Reopen it by a recount instead.
      // A count of an earlier round was closed and reconciled (maybe tasked and alerted) before
      // the recount began: it stands as the record of that round.
      m.replyTo().tell(StatusReply.error(c.round() != loc.round()
          ? "count " + m.seq() + " at " + m.location() + " belongs to its "
              + CountRound.label(c.round()) + ", already closed: it cannot be voided"
          : "location " + m.location() + " is "
              + loc.state().name().toLowerCase(java.util.Locale.ROOT)
              + ": its counts cannot be voided (ask a supervisor for a recount)"));
      return this;
    }
    append(new JournalEntry.Void(zone, m.seq(), m.station(), m.counter(), m.reason()), m);
    return this;
  }

  // ---- location moves ---------------------------------------------------------------------

  private Behavior<Command> whenNoRun(LocationCommand m,
      java.util.function.Function<LocationCommand, Behavior<Command>> handler) {
    if (runInFlight != null) {
      stash.stash(m);
      return this;
    }
    return handler.apply(m);
  }

  private Behavior<Command> onCloseLocation(LocationCommand cmd) {
    CloseLocation m = (CloseLocation) cmd;
    ZoneState.Loc loc = state.location(m.location());
    String moved = movedOn(m.location(), m.openedRound(), loc);
    if (moved != null) {
      m.replyTo().tell(StatusReply.error(moved + "; not closed"));
      return this;
    }
    return move(m, m.replyTo(), loc, loc.state().takesCounts(), LocationState.CLOSED,
        loc.round(), m.counter(), "closed by counter");
  }

  /**
   * Returns why a station's scan at a location it opened in {@code openedRound} no longer
   * belongs there, or null: a supervisor closed it meanwhile (closing the zone, say) and it went
   * to recount, and the counter, who was never told, would count the old round into the new.
   */
  private static String movedOn(String location, Integer openedRound, ZoneState.Loc loc) {
    if (openedRound == null || openedRound == loc.round()) {
      return null;
    }
    return "location " + location + " was closed and sent to "
        + CountRound.label(loc.round()) + " since this station opened it: scan its label again "
        + "and count every SKU there "
        + "again (a recount counts the whole location)";
  }

  private Behavior<Command> onCheckCountable(CheckCountable m) {
    ZoneState.Loc loc = state.location(m.location());
    if (!loc.state().takesCounts()) {
      m.replyTo().tell(new ZoneRouter.LocationChecked(m.location(), notCounting(m.location(),
          loc) + " (a supervisor can ask for a recount)", loc.round(), null));
      return this;
    }
    // What the counter must know before scanning: a recount counts everything again (the
    // first count is set aside), and counts already stored here (before a restart, or by
    // another station) are not to be scanned again.
    int here = state.liveCountsAt(m.location(), loc.round());
    String note = loc.state() == LocationState.RECOUNT_REQUESTED && here == 0
        ? CountRound.label(loc.round()).toUpperCase(java.util.Locale.ROOT)
            + ": count every SKU here again; the earlier count is set aside"
        : here > 0 ? here + (here == 1 ? " count" : " counts") + " already stored here"
            + (loc.round() > 0 ? " in " + CountRound.label(loc.round()) : "")
            + ": go on, do not scan them again"
        : null;
    m.replyTo().tell(new ZoneRouter.LocationChecked(m.location(), null, loc.round(), note));
    return this;
  }

  private static String notCounting(String location, ZoneState.Loc loc) {
    return "location " + location + " is " + loc.state().name().toLowerCase() + ": not counting";
  }

  private Behavior<Command> onResolveLocation(LocationCommand cmd) {
    ResolveLocation m = (ResolveLocation) cmd;
    ZoneState.Loc loc = state.location(m.location());
    if (loc.state() == LocationState.RESOLVED) {
      return already(m.replyTo(), m.location(), loc, "already settled: the decision that "
          + "settled it stands, nothing done again");
    }
    if (loc.state() == LocationState.RECOUNT_REQUESTED
        && state.hasCountIn(state.countedRounds(), m.location(), loc.round())) {
      // Deciding now would set aside the recount's scans, which the counter saw go green.
      m.replyTo().tell(StatusReply.error("location " + m.location() + " is being recounted "
          + "(" + CountRound.label(loc.round()) + " has scans): decide once its counter closes "
          + "it"));
      return this;
    }
    boolean allowed = loc.state() == LocationState.CLOSED
        || loc.state() == LocationState.RECOUNT_REQUESTED
        || loc.state() == LocationState.NOT_COUNTED;
    Settlement settled = null;
    if (allowed) {
      settled = Settlement.of(book.snapshotId(),
          ZoneReconciler.figuresAt(reconciler.reconcileAt(state, m.location()), m.location()),
          Settlement.booksAt(book.lines(), Set.of(m.location()))
              .getOrDefault(m.location(), Map.of()));
      decided.put(m.location(), settled);
      settledUnknown.remove(m.location());
      movedSinceSettled.remove(m.location());
    }
    return move(m, m.replyTo(), loc, allowed, LocationState.RESOLVED, loc.round(),
        m.supervisor(), m.note(), settled == null ? null : settled.text());
  }

  private Behavior<Command> onRequestRecount(LocationCommand cmd) {
    RequestRecount m = (RequestRecount) cmd;
    ZoneState.Loc loc = state.location(m.location());
    if (loc.state() == LocationState.RECOUNT_REQUESTED
        && state.sentBackBySupervisor(m.location())) {
      // What a send-back asks for holds: it can be sent back again once that recount closes.
      return already(m.replyTo(), m.location(), loc, "already waiting for "
          + CountRound.label(loc.round()) + ": nothing done again (it can be sent back again "
          + "once that recount is closed)");
    }
    if (loc.state() == LocationState.RECOUNT_REQUESTED) {
      // The run asked this recount; a run may settle it when a newer book leaves nothing to
      // recount. The supervisor's own request is what makes it stand, so it is journalled (in
      // the same round) under the supervisor's name, which a replay reads back.
      return move(m, m.replyTo(), loc, true, LocationState.RECOUNT_REQUESTED, loc.round(),
          m.supervisor(), "recount asked by supervisor (the run had asked it already)");
    }
    boolean allowed = loc.state() == LocationState.CLOSED || loc.state() == LocationState.RESOLVED;
    return move(m, m.replyTo(), loc, allowed, LocationState.RECOUNT_REQUESTED, loc.round() + 1,
        m.supervisor(), "recount asked by supervisor");
  }

  private Behavior<Command> onConfirmLocation(LocationCommand cmd) {
    ConfirmLocation m = (ConfirmLocation) cmd;
    ZoneState.Loc loc = state.location(m.location());
    if (loc.state() == LocationState.CONFIRMED) {
      // A script's retry of a confirm that took effect: done, and posted once only.
      return already(m.replyTo(), m.location(), loc, "already confirmed: nothing done again");
    }
    Settlement was = decided.get(m.location());
    if (loc.state() == LocationState.RESOLVED && movedSinceSettled.contains(m.location())) {
      // The confirmation would post the settled variance on a book the WMS has corrected
      // since, by a movement dated before the count: the WMS would end up off by it.
      String moved = was == null ? "a WMS movement; it was settled by an earlier version, "
          + "which did not keep the figures" : firstDifference(was.figures(),
              ZoneReconciler.figuresAt(reconciler.reconcileAt(state, m.location()), m.location()));
      m.replyTo().tell(StatusReply.error("location " + m.location() + ": the book moved "
          + "since it was settled (" + (moved == null ? "a WMS movement" : moved)
          + "), so the settled figures no longer hold; send it back for a recount rather "
          + "than post them"));
      return this;
    }
    String newer = loc.state() == LocationState.RESOLVED && was != null
        && !Objects.equals(book.snapshotId(), lastRunSnapshot)
        ? bookChangeSince(was, m.location()) : null;
    if (newer != null) {
      // A newer book arrived after the settlement and no run has weighed it yet (that run
      // sends the location back to decide, when it must be): posting now could post the
      // variance against the book the newer one replaced.
      m.replyTo().tell(StatusReply.error("location " + m.location() + ": a newer WMS book "
          + "changed it since it was settled (" + newer + ") and the zone has not reconciled "
          + "on it yet; confirm it after the zone's next reconciliation, which sends it back "
          + "to decide if the settled variance no longer holds (nothing was posted)"));
      return this;
    }
    return move(m, m.replyTo(), loc, loc.state() == LocationState.RESOLVED,
        LocationState.CONFIRMED, loc.round(), m.who(), "confirmed");
  }

  /**
   * The settled locations whose book is the one in force: settled under this snapshot, or
   * under an earlier one that had the same book there. A delivery that moved stock elsewhere
   * leaves a decision taken here standing; judged by snapshot alone, it reopened every
   * decision at the recount limit in the zone (RecountRandomTest seed 11).
   */
  private Set<String> settledOnThisBook() {
    Set<String> out = new HashSet<>();
    if (book.snapshotId() == null) {
      return out;
    }
    Set<String> earlier = new HashSet<>();
    decided.forEach((location, settled) -> {
      (book.snapshotId().equals(settled.snapshotId()) ? out : earlier).add(location);
    });
    Map<String, Map<String, Long>> now = Settlement.booksAt(book.lines(), earlier);
    for (String location : earlier) {
      Settlement settled = decided.get(location);
      if (settled.snapshotId() != null
          && settled.book().equals(now.getOrDefault(location, Map.of()))) {
        out.add(location);
      }
    }
    return out;
  }

  /**
   * Names the first SKU whose book at {@code location} differs from the one it was settled on,
   * or null when the book there is the same (a newer snapshot that left it alone).
   */
  private String bookChangeSince(Settlement was, String location) {
    return firstDifference(was.book(), Settlement.booksAt(book.lines(), Set.of(location))
        .getOrDefault(location, Map.of()), "book ", " EA");
  }

  /** A location state as a supervisor reads it. */
  private static String inWords(LocationState s) {
    return switch (s) {
      case OPEN -> "open (being counted, or not counted yet; close it, or its zone, first)";
      case CLOSED -> "closed, waiting for its reconciliation";
      case RECOUNT_REQUESTED -> "waiting for its recount";
      case RESOLVED -> "settled";
      case CONFIRMED -> "confirmed (final)";
      case NOT_COUNTED -> "not counted (its zone closed without it; count it first)";
    };
  }

  /** What a move does, as a supervisor says it. */
  private static String asDone(LocationState to) {
    return switch (to) {
      case RESOLVED -> "accepted";
      case CONFIRMED -> "confirmed";
      case RECOUNT_REQUESTED -> "sent back for a recount";
      case CLOSED -> "closed";
      default -> to.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Names the first SKU whose book/counted figures differ, or null when none does. */
  private static String firstDifference(Map<String, String> was, Map<String, String> now) {
    return firstDifference(was, now, "book/counted ", "");
  }

  /**
   * Names the first SKU whose figure differs between {@code was} and {@code now} (each said
   * as {@code what} figure {@code unit}), or null when none does.
   */
  private static String firstDifference(Map<String, ?> was, Map<String, ?> now, String what,
      String unit) {
    java.util.Set<String> skus = new java.util.TreeSet<>(was.keySet());
    skus.addAll(now.keySet());
    for (String sku : skus) {
      Object a = was.get(sku);
      Object b = now.get(sku);
      if (!Objects.equals(a, b)) {
        return "sku " + sku + ": " + what + (a == null ? "none" : a + unit) + " then, "
            + (b == null ? "none" : b + unit) + " now";
      }
    }
    return null;
  }

  private Behavior<Command> move(LocationCommand m, ActorRef<StatusReply<LocationChanged>> replyTo,
      ZoneState.Loc from, boolean allowed, LocationState to, int round, String who, String note) {
    return move(m, replyTo, from, allowed, to, round, who, note, null);
  }

  /** As above; {@code settled}: what a location being settled is settled on. */
  private Behavior<Command> move(LocationCommand m, ActorRef<StatusReply<LocationChanged>> replyTo,
      ZoneState.Loc from, boolean allowed, LocationState to, int round, String who, String note,
      String settled) {
    if (!allowed && !state.seen(m.location())
        && book.lines().stream().noneMatch(b -> b.location().equals(m.location()))) {
      replyTo.tell(StatusReply.error(new UnknownLocation("no location " + m.location()
          + " in zone " + zone + ": not on its book, and nothing was counted there (a typo?)")));
      return this;
    }
    if (!allowed && from.state() == LocationState.CONFIRMED) {
      replyTo.tell(StatusReply.error(new LocationFinal("location " + m.location() + " is "
          + inWords(from.state()) + ": it cannot be " + asDone(to) + ", now or later")));
      return this;
    }
    if (!allowed) {
      replyTo.tell(StatusReply.error(
          to == LocationState.CONFIRMED && from.state() == LocationState.CLOSED
          ? "location " + m.location() + " is closed and not yet resolved: a supervisor accepts "
              + "its variance (or sends it back) first, then it can be confirmed"
          : "location " + m.location() + " is " + inWords(from.state()) + ": it cannot be "
              + asDone(to) + " now"));
      return this;
    }
    append(new JournalEntry.LocationEvent(zone, m.location(), to.name(), round, who, note,
        settled), m);
    return this;
  }

  /** Answers a move the location has made already: success, nothing journalled. */
  private Behavior<Command> already(ActorRef<StatusReply<LocationChanged>> replyTo,
      String location, ZoneState.Loc loc, String note) {
    replyTo.tell(StatusReply.success(new LocationChanged(location, loc.state(), loc.round(), -1,
        -1, note, true)));
    return this;
  }

  // ---- journal results --------------------------------------------------------------------

  private void append(JournalEntry entry, Command request) {
    getContext().pipeToSelf(deps.journal().append(entry),
        (seq, e) -> e == null ? new Appended(entry, request, seq) : new AppendFailed(request, e));
  }

  private Behavior<Command> onAppended(Appended m) {
    if (m.entry() instanceof JournalEntry.Count c) {
      CountRecord r = c.record();
      state.applyCount(m.seq(), r.station(), r.sequence(), r.location(), r.sku(), r.eaches(),
          c.round(), c.snapshotId(), r.unitIdentity(), r.unit());
      unitsInFlight.remove(r.unitIdentity());
      if (c.round() > 0) {
        releaseUnits(); // a recount's count of a SKU sets aside the earlier round's pallets
      }
      for (var replyTo : waiting.remove(r.station() + '\n' + r.sequence())) {
        replyTo.tell(StatusReply.success(
            new CountRecorded(zone, m.seq(), r.station(), r.sequence(), false)));
      }
    } else if (m.entry() instanceof JournalEntry.Rejected held) {
      if (held.heldRound() != null) {
        state.applyHeld(m.seq(), held.location(), held.sku(), held.heldRound());
      }
      ((HoldScan) m.request()).replyTo().tell(StatusReply.success(m.seq()));
    } else if (m.entry() instanceof JournalEntry.Void v) {
      state.applyVoid(m.seq(), v.voidOf());
      releaseUnits();
      ((VoidCount) m.request()).replyTo().tell(
          StatusReply.success(new CountVoided(m.seq(), v.voidOf())));
    } else if (m.entry() instanceof JournalEntry.LocationEvent ev) {
      LocationState to = LocationState.valueOf(ev.state());
      LocationState from = state.location(ev.location()).state();
      state.applyEvent(m.seq(), ev.location(), to, ev.round(), ev.byWhom());
      releaseUnits(); // a recount's start frees the pallets its earlier round held
      getContext().getLog().info("zone {}: location {} is {} (round {})", zone, ev.location(),
          to, ev.round());
      replyTo(m.request()).tell(
          StatusReply.success(new LocationChanged(ev.location(), to, ev.round(),
              // A pass over the zone's cells: only a close's answer needs it.
              m.request() instanceof CloseLocation
                  ? state.liveCountsAt(ev.location(), ev.round()) : -1,
              m.request() instanceof CloseLocation
                  ? state.heldAt(ev.location(), ev.round()) : -1,
              // Accepting a location nobody counted leaves its book as it is: say so.
              m.request() instanceof ResolveLocation && from == LocationState.NOT_COUNTED
                  ? "never counted: nothing is posted to the WMS for it (not counted is not "
                      + "counted zero); to post a loss, count it (found empty counts zero)"
                  : m.request() instanceof RequestRecount && from == to
                  ? "recorded: " + CountRound.label(ev.round()) + ", which the run had asked "
                      + "already, is now the supervisor's too: no newer book settles it "
                      + "without that recount"
                  : null)));
      if (to == LocationState.RESOLVED || to == LocationState.CONFIRMED) {
        closeTasksOf(ev.location());
      }
      if (to == LocationState.RECOUNT_REQUESTED && !"reconciliation".equals(ev.byWhom())) {
        sentBack.add(ev.location());
        return startRun(REQUESTED); // a supervisor's send-back: its tasks and alerts now
      }
      // The location's lines only: a whole zone reconciled here would hold its scans.
      if (to == LocationState.CLOSED
          && reconciler.highValue(reconciler.reconcileAt(state, ev.location()), ev.location())) {
        return startRun(HIGH_VALUE);
      }
      if (to == LocationState.CLOSED && ev.round() > 0) {
        // A recount closed: the supervisor waits on its answer (tasks settled, or to decide),
        // so the queue shows it now, not a cycle later.
        return startRun(RECOUNT_CLOSED);
      }
      Duration after = deps.settings().afterClose();
      if (to == LocationState.CLOSED && !after.isZero()
          && !timers.isTimerActive(AfterClose.INSTANCE)) {
        // Its lines and recount tasks shown within a minute, not up to a cycle later; the
        // closes until then share one run.
        timers.startSingleTimer(AfterClose.INSTANCE, AfterClose.INSTANCE, after);
      }
    }
    return this;
  }

  /**
   * Marks the open tasks of a location a supervisor settled done now, not at the next run
   * (which would, up to a cycle later); a failure leaves them to that run.
   */
  private void closeTasksOf(String location) {
    List<io.dockcount.store.RunRecord.TaskKey> open = new ArrayList<>();
    state.tasks().forEach((k, status) -> {
      if (status.equals("OPEN") && k.location().equals(location)) {
        open.add(k);
      }
    });
    if (open.isEmpty()) {
      return;
    }
    tasksClosing++;
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      deps.store().closeTasks(open);
      return open;
    }, deps.blocking()), (keys, e) -> new TasksClosed(location, open, e));
  }

  private Behavior<Command> onTasksClosed(TasksClosed m) {
    tasksClosing--;
    if (m.failure() != null) {
      getContext().getLog().warn("zone {}: tasks of {} left for the next run to close: {}",
          zone, m.location(), m.failure().toString());
    } else {
      m.keys().forEach(state::taskDone);
    }
    return startDeferred();
  }

  /** Starts the run deferred while a stored book was read or tasks closed, once neither is. */
  private Behavior<Command> startDeferred() {
    if (storedBookPending != null || tasksClosing > 0 || runDeferred == null) {
      return this;
    }
    String deferred = runDeferred;
    runDeferred = null;
    return startRun(deferred);
  }

  private Behavior<Command> onAppendFailed(AppendFailed m) {
    getContext().getLog().error("zone {}: journal write failed; request not acknowledged", zone,
        m.cause());
    String why = "not stored: " + m.cause().getMessage();
    if (m.request() instanceof RecordCount rc) {
      CountRecord r = rc.record();
      unitsInFlight.remove(r.unitIdentity());
      releaseUnits();
      for (var replyTo : waiting.remove(r.station() + '\n' + r.sequence())) {
        replyTo.tell(StatusReply.error(why));
      }
    } else {
      refuse((LocationCommand) m.request(), why);
    }
    return this;
  }

  /** Answers a location command with an error. */
  static void refuse(LocationCommand request, String why) {
    if (request instanceof RecordCount r) {
      r.replyTo().tell(StatusReply.error(why));
    } else if (request instanceof VoidCount v) {
      v.replyTo().tell(StatusReply.error(why));
    } else if (request instanceof HoldScan h) {
      h.replyTo().tell(StatusReply.error(why));
    } else {
      replyTo(request).tell(StatusReply.error(why));
    }
  }

  /**
   * Answers a location command whose location no zone has (it fits none, or its zone is on
   * neither the book nor the journal): a move is refused as an {@link UnknownLocation}, which
   * asking again will not find, as a location unknown to its zone is.
   */
  static void refuseUnknown(LocationCommand request, String why) {
    if (request instanceof CloseLocation || request instanceof ResolveLocation
        || request instanceof RequestRecount || request instanceof ConfirmLocation) {
      replyTo(request).tell(StatusReply.error(new UnknownLocation(why)));
    } else {
      refuse(request, why);
    }
  }

  private static ActorRef<StatusReply<LocationChanged>> replyTo(Command request) {
    if (request instanceof CloseLocation c) {
      return c.replyTo();
    } else if (request instanceof ResolveLocation r) {
      return r.replyTo();
    } else if (request instanceof RequestRecount r) {
      return r.replyTo();
    }
    return ((ConfirmLocation) request).replyTo();
  }

  // ---- reconciliation ---------------------------------------------------------------------

  private Behavior<Command> onReconcile(Reconcile m) {
    // A request during a run is answered by the next run, which sees everything before it.
    (runInFlight == null ? runWaiters : nextWaiters).add(m.replyTo());
    return startRun(REQUESTED);
  }

  private Behavior<Command> onCloseZone(CloseZone m) {
    getContext().getLog().info("zone {}: closed by {}", zone, m.supervisor());
    closeZonePending = true;
    return onReconcile(new Reconcile(m.replyTo()));
  }

  private Behavior<Command> startRun(String trigger) {
    if (storedBookPending != null || tasksClosing > 0) {
      // The snapshot just in force is being read: a run now would compare counts of earlier
      // snapshots with nothing, and miss a book that changed during a count. Or a settled
      // location's tasks are being closed (see tasksClosing). Soon after.
      runDeferred = runDeferred == null || trigger.equals(HIGH_VALUE) ? trigger : runDeferred;
      return this;
    }
    // The first cycle after a start always runs: what the runs before it saved was planned by
    // the version that saved it, which may have left what this one settles (a location
    // CLOSED for good, found empty where the book lists nothing).
    if (trigger.equals(SCHEDULED) && runs > state.runsBefore() && runInFlight == null
        && runWaiters.isEmpty()
        && nextWaiters.isEmpty() && state.lastSeq() == state.lastRunSeq()
        && Objects.equals(book.snapshotId(), lastRunSnapshot) && !bookMovedSinceRun
        && lastRunScheduled) {
      // Nothing new since the last saved run: the same book and counts give the same result,
      // and saving every line again each cycle would grow the store by the zone's whole
      // reconciliation every 15 minutes for as long as the count lasts. After a run of another
      // trigger (a recount closed, a high value) one cycle is saved still: the digest of what
      // that run folded goes out with the zone's next scheduled run, not after max-wait.
      getContext().getLog().info("zone {}: nothing new since run through {}; cycle skipped",
          zone, state.lastRunSeq());
      return this;
    }
    if (runInFlight != null) {
      runNext = runNext == null || trigger.equals(HIGH_VALUE) ? trigger : runNext;
      return this;
    }
    runInFlight = trigger;
    runStartedNanos = System.nanoTime();
    timers.cancel(AfterClose.INSTANCE); // this run takes in every close so far
    bookMovedSinceRun = false;
    Set<String> settledOnThisBook = settledOnThisBook();
    ZoneReconciler.Plan plan = reconciler.plan(state, trigger, book.snapshotId(),
        closeZonePending, Set.copyOf(sentBack), settledOnThisBook, Set.copyOf(movedSinceSettled));
    closeZonePending = false;
    sentBack.clear();
    // After the moved books saved so far: a run saved has what its check was made against.
    getContext().pipeToSelf(bookWrites.handle((v, e) -> null).thenApplyAsync(v -> {
      Store.RunSaved saved = deps.store().saveRun(plan.run());
      writeReport(plan.run());
      return saved;
    }, deps.blocking()),
        (saved, e) -> e == null ? new RunSaved(plan, saved) : new RunFailed(e));
    return this;
  }

  /**
   * Replaces the zone's report file with a saved run's lines, on the blocking thread that saved
   * it (one run is in flight at a time, so reports are written in run order). A report that
   * cannot be written is logged; the run itself is saved and stands.
   */
  private void writeReport(io.dockcount.store.RunRecord run) {
    java.nio.file.Path dir = deps.settings().reportsDir();
    if (dir == null) {
      return;
    }
    try {
      ZoneReport.write(dir, zone, run.lines());
    } catch (java.io.IOException | RuntimeException e) {
      REPORTS_LOG.warn("zone {}: run saved, but its report in {} could not be written: {}",
          zone, dir, e.toString());
    }
  }

  private Behavior<Command> onRunSaved(RunSaved m) {
    var run = m.plan().run();
    for (int i = 0; i < run.events().size(); i++) {
      JournalEntry.LocationEvent ev = run.events().get(i);
      state.applyEvent(m.saved().eventSeqs()[i], ev.location(),
          LocationState.valueOf(ev.state()), ev.round(), ev.byWhom());
      if (ev.settled() != null) {
        // Settled by a clean count: what a confirmation is checked against, as an accept is.
        decided.put(ev.location(), new Settlement(ev.settled()));
        settledUnknown.remove(ev.location());
        movedSinceSettled.remove(ev.location());
      } else if (!LocationState.valueOf(ev.state()).equals(LocationState.RESOLVED)) {
        movedSinceSettled.remove(ev.location()); // sent back: settled no more
      }
    }
    if (!run.events().isEmpty()) {
      releaseUnits();
    }
    run.newTasks().forEach(state::addTask);
    run.updatedTasks().forEach(state::taskUpdated);
    run.doneTasks().forEach(state::taskDone);
    state.ranThrough(run.throughSeq());
    lastRunSnapshot = run.snapshotId();
    lastRunScheduled = SCHEDULED.equals(runInFlight);
    runs++;
    if (runsFailingSaid) {
      runsFailingSaid = false;
      deps.raised().accept(Alert.runSavedAgain(zone));
    }
    for (Alert alert : m.plan().alerts()) {
      getContext().getLog().warn(alert.line());
      deps.alerts().accept(alert);
    }
    Map<Status, Integer> byStatus = new java.util.EnumMap<>(Status.class);
    run.lines().forEach(l -> byStatus.merge(l.status(), 1, Integer::sum));
    getContext().getLog().info("zone {}: run {} ({}) saved: {} lines, {} new tasks, in {} ms "
        + "(planned on the zone's thread, saved on the blocking one)", zone, m.saved().runId(),
        runInFlight, run.lines().size(), run.newTasks().size(),
        (System.nanoTime() - runStartedNanos) / 1_000_000);
    RunCompleted done = new RunCompleted(zone, m.saved().runId(), runInFlight,
        run.lines().size(), Map.copyOf(byStatus), run.netValue(), run.absValue(),
        run.linesWithoutValue(), run.newTasks().size(),
        m.plan().alertLines());
    return finishRun(done);
  }

  private Behavior<Command> onRunFailed(RunFailed m) {
    // The next tick tries again; counts are safe in the journal meanwhile.
    getContext().getLog().error("zone {}: reconciliation could not be saved", zone, m.cause());
    // A log line reaches nobody, and without runs no recount task is made: told once. A store
    // that takes no writes at all is told by its own alert, which says more.
    if (!runsFailingSaid && deps.store().writeFailure() == null) {
      runsFailingSaid = true;
      Throwable cause = m.cause() instanceof java.util.concurrent.CompletionException c
          && c.getCause() != null ? c.getCause() : m.cause();
      String why = String.valueOf(cause.getMessage());
      deps.raised().accept(Alert.runFailed(zone,
          why.length() <= 200 ? why : why.substring(0, 197) + "..."));
    }
    return finishRun(null);
  }

  private Behavior<Command> finishRun(RunCompleted done) {
    if (done != null) {
      runWaiters.forEach(r -> r.tell(done));
      runWaiters = nextWaiters;
    } else {
      runWaiters.addAll(nextWaiters);
    }
    nextWaiters = new ArrayList<>();
    runInFlight = null;
    String next = runNext;
    runNext = null;
    stash.unstashAll(this);
    return next == null ? this : startRun(next);
  }

  private Behavior<Command> onBookUpdated(BookUpdated m) {
    Long next = m.book().snapshotId();
    if (next != null && !next.equals(book.snapshotId())) {
      // Counts under earlier snapshots are checked against this one on the stored books'
      // footing (field report F17): the stored books of this one and of those the counts were
      // taken under are read, off the actor's thread; runs wait for them.
      Set<Long> toRead = state.snapshotsToRead(next);
      if (!toRead.isEmpty()) {
        storedBookPending = next;
        getContext().pipeToSelf(CompletableFuture.supplyAsync(
                () -> deps.store().zoneBooks(zone, toRead, next), deps.blocking()),
            (books, e) -> new StoredBookRead(next, e == null ? books : Store.StoredBooks.NONE));
      }
    }
    List<MasterData.BookLine> before = book.lines();
    boolean moved = next != null && next.equals(book.snapshotId());
    if (!moved && next != null && book.snapshotId() != null) {
      // Saved as a movement's are: after a restart the fallback (the stored book shifted by
      // the movements in force now) would count a movement made after the count in it.
      saveMovedBook(book.snapshotId(), state.rememberMovedBook(book.snapshotId(), book.lines()));
    }
    book = m.book();
    if (moved) {
      bookMoved(before);
    }
    reconciler = new ZoneReconciler(zone, book.master(), book.lines(), deps.settings());
    // The next cycle runs: WMS movements move the book under the same snapshot id, which the
    // "nothing new since the last run" check alone would not see.
    bookMovedSinceRun = true;
    getContext().getLog().info("zone {}: book snapshot {} in force ({} lines)", zone,
        book.snapshotId(), book.lines().size());
    return this;
  }

  /**
   * The book in force is its snapshot's as moved from {@code before} (the same snapshot): the
   * settled locations the moves changed are marked, and the book at the pairs moved is saved.
   */
  private void bookMoved(List<MasterData.BookLine> before) {
    noteMovedSinceSettled(before, book.lines());
    saveMovedBook(book.snapshotId(), ZoneState.movedPairs(before, book.lines()));
  }

  /**
   * Notes and saves the book in force at the pairs a WMS movement moved under the snapshot, so
   * that a newer snapshot is checked against what counts under this one were compared with,
   * also after a restart (before which the WMS sync may bring the newer book first). Saved in
   * order, before the next run is saved; a save that fails is logged, and only that check after
   * a restart falls back to the snapshot's stored book.
   */
  private void saveMovedBook(long snapshotId, Map<ZoneState.Pair, Long> moved) {
    if (moved.isEmpty()) {
      return;
    }
    state.bookMoved(snapshotId, moved);
    Map<Store.LocationSku, Long> rows = new HashMap<>();
    moved.forEach((p, eaches) -> rows.put(new Store.LocationSku(p.location(), p.sku()), eaches));
    Store store = deps.store();
    bookWrites = bookWrites.handle((v, e) -> null).thenRunAsync(() -> {
      try {
        store.saveMovedBook(zone, snapshotId, rows);
      } catch (RuntimeException e) {
        REPORTS_LOG.warn("zone {}: the book moved under snapshot {} ({} line(s)) could not be "
            + "saved: after a restart, a newer book is checked against the snapshot's own: {}",
            zone, snapshotId, rows.size(), e.toString());
      }
    }, deps.blocking());
  }

  private Behavior<Command> onStoredBookRead(StoredBookRead m) {
    state.rememberBooks(m.books(), m.snapshotId());
    if (!Objects.equals(storedBookPending, m.snapshotId())) {
      return this; // a newer snapshot is being read
    }
    storedBookPending = null;
    return startDeferred();
  }

  /**
   * Marks settled locations whose book a WMS movement changed (the same snapshot, moved): a
   * movement dated before their count corrects the book they were settled on, so their
   * confirmation is refused (onConfirmLocation). A new snapshot is the book after the count,
   * which a decision rightly does not follow.
   */
  private void noteMovedSinceSettled(List<MasterData.BookLine> before,
      List<MasterData.BookLine> after) {
    if (decided.isEmpty() && settledUnknown.isEmpty()) {
      return;
    }
    Set<String> all = new java.util.HashSet<>(decided.keySet());
    all.addAll(settledUnknown);
    Map<String, Map<String, Long>> was = Settlement.booksAt(before, all);
    Map<String, Map<String, Long>> now = Settlement.booksAt(after, all);
    for (String location : settledUnknown) {
      if (!was.getOrDefault(location, Map.of()).equals(now.getOrDefault(location, Map.of()))) {
        movedSinceSettled.add(location);
      }
    }
    decided.forEach((location, settled) -> {
      // Settled under this snapshot: compared with the book it was settled on, since the
      // book before may be the snapshot's stored one (a zone's first start, MovedAtStart).
      Map<String, Long> then = Objects.equals(settled.snapshotId(), book.snapshotId())
          ? settled.book() : was.getOrDefault(location, Map.of());
      if (!then.equals(now.getOrDefault(location, Map.of()))) {
        movedSinceSettled.add(location);
      }
    });
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    Map<String, LocationState> locs = new java.util.TreeMap<>();
    state.locations().forEach((k, v) -> locs.put(k, v.state()));
    m.replyTo().tell(new ZoneStatus(zone, Map.copyOf(locs), state.liveRecords(),
        state.openTasks(), state.lastSeq(), runs, state.closedSinceLastRun()));
    return this;
  }

  private Behavior<Command> onGetDetail(GetDetail m) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> thisRound = new HashMap<>();
    state.liveCounts(counts, thisRound);
    Set<String> known = new java.util.TreeSet<>(counts.keySet());
    known.addAll(state.locations().keySet());
    Map<String, LocationDetail> out = new java.util.LinkedHashMap<>();
    for (String loc : known) {
      ZoneState.Loc l = state.location(loc);
      int live = counts.getOrDefault(loc, 0);
      out.put(loc, new LocationDetail(l.state(), l.round(), live,
          thisRound.getOrDefault(loc, 0), live > 0 || state.wasClosed(loc)));
    }
    m.replyTo().tell(new ZoneDetail(zone, java.util.Collections.unmodifiableMap(out),
        state.openTasks(), runs, book.snapshotId()));
    return this;
  }
}
