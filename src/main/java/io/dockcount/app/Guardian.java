package io.dockcount.app;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.dockcount.alert.Alert;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.wms.WmsSync;
import io.dockcount.zone.UnitClaims;
import io.dockcount.zone.ZoneDeps;
import io.dockcount.zone.ZoneRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The root actor: owns the journal's group committer, the zone router, the backup and store
 * compaction timers, and closes the journal and H2 in Akka's coordinated shutdown, after the
 * actors are done with them; a backup being written is abandoned as the shutdown begins.
 *
 * <p>The store itself is opened before the actor system (a database that will not open stops
 * start-up) and handed in.
 */
public final class Guardian extends AbstractBehavior<Guardian.Command> {

  /** Messages the guardian accepts. */
  public sealed interface Command {}

  /** Asks for the zone router. Replies with its reference. */
  public record GetRouter(ActorRef<ActorRef<ZoneRouter.Command>> replyTo) implements Command {}

  /**
   * Asks for the WMS sync. Replies with it, or with an empty Optional when no WMS source or
   * export is configured.
   */
  public record GetWms(ActorRef<java.util.Optional<ActorRef<WmsSync.Command>>> replyTo)
      implements Command {}

  /** Asks for the journal's group committer (stations record rejected scans). Replies with it. */
  public record GetJournal(ActorRef<GroupCommitter> replyTo) implements Command {}

  private record StopZones(ActorRef<Done> replyTo) implements Command {}

  private record ZonesStopped(ActorRef<Done> replyTo) implements Command {}

  private enum BackupTick implements Command { INSTANCE }

  private enum CompactTick implements Command { INSTANCE }

  private enum RestartTick implements Command { INSTANCE }

  /**
   * The reason the service stops for a planned restart: {@code run} then exits with
   * {@link PlannedRestart#EXIT_CODE}, which the systemd unit starts again.
   */
  public enum PlannedRestartReason implements CoordinatedShutdown.Reason { INSTANCE }

  /** How often a planned restart is looked for: its idle time is seen to within this. */
  private static final Duration RESTART_CHECK_EVERY = Duration.ofMinutes(1);

  /**
   * How long a stop waits for the journal's queued records before H2 closes and compacts; the
   * close's shutdown phase ({@code before-actor-system-terminate} in application.conf) allows
   * this and the compaction, past which the system would end with the file half rewritten.
   */
  static final Duration JOURNAL_FLUSH_WAIT = Duration.ofSeconds(10);

  /** How often the store's dead chunks are rewritten (see {@link Store#compact}). */
  private static final Duration COMPACT_EVERY = Duration.ofSeconds(10);
  /** The first backup after a start comes after this, or the interval when shorter. */
  private static final Duration FIRST_BACKUP_AFTER = Duration.ofMinutes(1);

  private record BackupDone(Path file, Throwable failure) implements Command {}

  static final String BLOCKING = "dockcount-blocking-dispatcher";
  /**
   * Backups' own thread: a copy of a large file takes minutes on a Pi, which on the blocking
   * dispatcher would hold one of the few threads the journal, the zones' runs and the store's
   * close share.
   */
  static final String BACKUPS = "dockcount-backup-dispatcher";

  private final Store store;
  /** Where alerts from outside a run go (saved, then sent). */
  private final Consumer<Alert> raised;
  /** A backup failed and none has worked since: said once. */
  private boolean backupsFailing;
  private boolean storeFailureSaid;
  private final Executor blocking;
  private final Executor backups;
  /** When the backup being written started (nanos), or null when none is. */
  private Long backupStarted;
  /**
   * Ticks skipped while the backup being written is: warned at the 1st, 2nd, 4th ... only, as
   * a copy that takes an hour (or a stalled stick, forever) would otherwise warn at every tick.
   */
  private long skippedTicks;
  private final ActorRef<ZoneRouter.Command> router;
  private final ActorRef<WmsSync.Command> wms;
  private final GroupCommitter journal;
  private TimerScheduler<Command> timers;
  private final PlannedRestart restart;
  /** Monotonic times of the start, and of the last tick that saw the journal written. */
  private final long startedNanos = System.nanoTime();
  private long quietSinceNanos = startedNanos;
  private long journalWritesSeen;

  /**
   * @param snapshotId the stored book snapshot of the start-up files
   * @param alerts where the zones' alerts go (printed, and the notifier)
   * @param raised where alerts from outside a run go (a stale WMS book): saved, then sent
   * @param wms the book in force at the stop, restored before the start, which the zones start
   *     on and the WMS sync takes over; null when no WMS source or export is configured
   */
  public static Behavior<Command> create(ServiceSettings settings, Store store, MasterData master,
      Long snapshotId, Consumer<Alert> alerts, Consumer<Alert> raised,
      io.dockcount.wms.WmsStart wms) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      // The first backup soon after start: a service restarted more often than the interval
      // (a crash loop) would otherwise never have one to fall back on.
      Duration interval = settings.store().backupInterval();
      timers.startTimerWithFixedDelay(BackupTick.INSTANCE, BackupTick.INSTANCE,
          interval.compareTo(FIRST_BACKUP_AFTER) < 0 ? interval : FIRST_BACKUP_AFTER, interval);
      timers.startTimerWithFixedDelay(CompactTick.INSTANCE, COMPACT_EVERY);
      PlannedRestart restart = settings.plannedRestart();
      if (restart.enabled()) {
        Duration every = restart.idle().compareTo(RESTART_CHECK_EVERY) < 0
            ? restart.idle() : RESTART_CHECK_EVERY;
        timers.startTimerWithFixedDelay(RestartTick.INSTANCE, every);
      }
      Guardian g = new Guardian(ctx, settings, store, master, snapshotId, alerts, raised, wms);
      g.timers = timers;
      return g;
    }));
  }

  private Guardian(ActorContext<Command> ctx, ServiceSettings settings, Store store,
      MasterData master, Long snapshotId, Consumer<Alert> alerts, Consumer<Alert> raised,
      io.dockcount.wms.WmsStart wmsStart) {
    super(ctx);
    this.store = store;
    this.raised = raised;
    this.restart = settings.plannedRestart();
    this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING));
    this.backups = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(BACKUPS));
    ctx.spawn(DeadLetterLog.create(), "dead-letters");
    GroupCommitter journal = new GroupCommitter(store, blocking);
    this.journal = journal;
    this.router = ctx.spawn(ZoneRouter.create(new ZoneDeps(store, journal, blocking, master,
        snapshotId, settings.zoneSettings(), alerts, new UnitClaims(), raised),
        wmsStart == null ? java.util.List.of() : wmsStart.booksInForce()), "zones");
    this.wms = wmsStart == null ? null : ctx.spawn(WmsSync.started(wmsStart, router, blocking,
        (zone, age) -> raised.accept(Alert.staleSnapshot(zone, WmsSync.describe(age)))), "wms");
    // First of all: a backup being written is abandoned (and none starts), so that neither the
    // zones' stop nor the store's close and compaction wait for its copy of the whole file.
    CoordinatedShutdown.get(ctx.getSystem()).addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-backups", () -> {
          store.stopBackups("the service is stopping");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    // The zones stop before H2 closes, so no cycle or backup starts on a closed store.
    CoordinatedShutdown.get(ctx.getSystem()).addTask(CoordinatedShutdown.PhaseServiceStop(),
        "stop-zones", () -> AskPattern.<Command, Done>ask(ctx.getSelf(), StopZones::new,
            Duration.ofSeconds(4), ctx.getSystem().scheduler()));
    CoordinatedShutdown.get(ctx.getSystem()).addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-store",
        () -> CompletableFuture.supplyAsync(() -> {
          // Queued records are written first; H2 then waits for running statements.
          journal.close(JOURNAL_FLUSH_WAIT);
          store.close();
          return Done.getInstance();
        }, blocking));
    ctx.getLog().info("dockcount service started; store {}{}", store.settings().dataFile(),
        store.restoredFrom() == null ? "" : " RESTORED FROM BACKUP " + store.restoredFrom());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetRouter.class, m -> {
          m.replyTo().tell(router);
          return this;
        })
        .onMessage(GetWms.class, m -> {
          m.replyTo().tell(java.util.Optional.ofNullable(wms));
          return this;
        })
        .onMessage(GetJournal.class, m -> {
          m.replyTo().tell(journal);
          return this;
        })
        .onMessage(StopZones.class, m -> {
          timers.cancel(BackupTick.INSTANCE);
          timers.cancel(CompactTick.INSTANCE);
          getContext().watchWith(router, new ZonesStopped(m.replyTo()));
          getContext().stop(router);
          return this;
        })
        .onMessage(ZonesStopped.class, m -> {
          m.replyTo().tell(Done.getInstance());
          return this;
        })
        .onMessageEquals(BackupTick.INSTANCE, this::onBackupTick)
        .onMessageEquals(CompactTick.INSTANCE, () -> {
          String problem = store.writeFailure();
          if (problem != null && !storeFailureSaid) {
            // Said once, and once more when it clears (a full disk freed).
            storeFailureSaid = true;
            raised.accept(Alert.storeFailed(problem));
          } else if (problem == null && storeFailureSaid) {
            storeFailureSaid = false;
            raised.accept(Alert.storeRecovered());
          }
          CompletableFuture.runAsync(store::compact, blocking);
          return this;
        })
        .onMessage(BackupDone.class, this::onBackupDone)
        .onMessageEquals(RestartTick.INSTANCE, this::onRestartTick)
        .build();
  }

  /**
   * Stops the service for its planned restart once it is due: the same coordinated shutdown as
   * a SIGTERM (zones stopped, journal flushed, H2 closed and compacted), then exit 75.
   */
  private Behavior<Command> onRestartTick() {
    long now = System.nanoTime();
    long writes = store.journalWrites();
    if (writes != journalWritesSeen) {
      journalWritesSeen = writes;
      quietSinceNanos = now;
    }
    Duration uptime = Duration.ofNanos(now - startedNanos);
    Duration quiet = Duration.ofNanos(now - quietSinceNanos);
    if (restart.due(uptime, quiet, java.time.LocalTime.now())) {
      timers.cancel(RestartTick.INSTANCE);
      getContext().getLog().warn("planned restart: the service has run {} and no scan has come"
          + " in for {}; stopping so that its store file is compacted and systemd starts it "
          + "again (dockcount.store.restart-after)", human(uptime), human(quiet));
      CoordinatedShutdown.get(getContext().getSystem()).runAll(PlannedRestartReason.INSTANCE);
    }
    return this;
  }

  private static String human(Duration d) {
    long m = d.toMinutes();
    return m >= 60 * 24 ? m / (60 * 24) + " d " + m / 60 % 24 + " h"
        : m >= 60 ? m / 60 + " h " + m % 60 + " min" : m > 0 ? m + " min" : d.toSeconds() + " s";
  }

  private Behavior<Command> onBackupTick() {
    if (backupStarted != null) {
      // Queued behind it, ticks would each take a thread and then copy the file again at once.
      skippedTicks++;
      if (Long.bitCount(skippedTicks) != 1) {
        return this;
      }
      getContext().getLog().warn("backup skipped: the one started {} ago is still being "
          + "written (dockcount.backup.interval is shorter than a backup of this store takes)",
          human(Duration.ofNanos(System.nanoTime() - backupStarted)));
      return this;
    }
    backupStarted = System.nanoTime();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      // LIMITATION: the clock is probed at start and at each backup only, so records after
      // NTP syncs keep the older answer until the next backup (it errs towards "no"/"unknown").
      store.refreshClock();
      return store.backup();
    }, backups), BackupDone::new);
    return this;
  }

  private Behavior<Command> onBackupDone(BackupDone m) {
    if (skippedTicks > 0) {
      getContext().getLog().info("backup took {}; {} backup ticks were skipped while it was "
          + "written", human(Duration.ofNanos(System.nanoTime() - backupStarted)), skippedTicks);
    }
    skippedTicks = 0;
    backupStarted = null;
    Throwable cause = m.failure() instanceof java.util.concurrent.CompletionException c
        && c.getCause() != null ? c.getCause() : m.failure();
    if (cause instanceof io.dockcount.store.StoreException e && e.backupStopped()) {
      return this; // the service is stopping: no failure, and the store said what was kept
    }
    if (m.failure() != null) {
      // The next tick tries again; the previous verified backup is still there.
      getContext().getLog().error("backup failed", m.failure());
      if (!backupsFailing) {
        // A log line an hour reaches nobody: a stick gone or read-only would leave the site
        // without backups for weeks. Told once, until a backup works again.
        // A store that cannot be written is likely why (one disk for both): say it beside
        // H2's text of the failed copy, in the words of the store's own alert.
        String storeProblem = store.writeFailure();
        raised.accept(Alert.backupFailed(cause.getMessage() + (storeProblem == null ? ""
            : "; the store itself: " + storeProblem)));
        backupsFailing = true;
      }
    } else if (backupsFailing) {
      getContext().getLog().info("backups work again");
      backupsFailing = false;
    }
    return this;
  }
}
