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
 * actors are done with them.
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

  /** How often the store's dead chunks are rewritten (see {@link Store#compact}). */
  private static final Duration COMPACT_EVERY = Duration.ofSeconds(10);
  /** The first backup after a start comes after this, or the interval when shorter. */
  private static final Duration FIRST_BACKUP_AFTER = Duration.ofMinutes(1);

  private record BackupDone(Path file, Throwable failure) implements Command {}

  static final String BLOCKING = "dockcount-blocking-dispatcher";

  private final Store store;
  /** Where alerts from outside a run go (saved, then sent). */
  private final Consumer<Alert> raised;
  /** A backup failed and none has worked since: said once. */
  private boolean backupsFailing;
  private boolean storeFailureSaid;
  private final Executor blocking;
  private final ActorRef<ZoneRouter.Command> router;
  private final ActorRef<WmsSync.Command> wms;
  private final GroupCommitter journal;
  private TimerScheduler<Command> timers;

  /**
   * @param snapshotId the stored book snapshot the zones compare against
   * @param alerts where the zones' alerts go (printed, and the notifier)
   * @param raised where alerts from outside a run go (a stale WMS book): saved, then sent
   */
  public static Behavior<Command> create(ServiceSettings settings, Store store, MasterData master,
      Long snapshotId, Consumer<Alert> alerts, Consumer<Alert> raised) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      // The first backup soon after start: a service restarted more often than the interval
      // (a crash loop) would otherwise never have one to fall back on.
      Duration interval = settings.store().backupInterval();
      timers.startTimerWithFixedDelay(BackupTick.INSTANCE, BackupTick.INSTANCE,
          interval.compareTo(FIRST_BACKUP_AFTER) < 0 ? interval : FIRST_BACKUP_AFTER, interval);
      timers.startTimerWithFixedDelay(CompactTick.INSTANCE, COMPACT_EVERY);
      Guardian g = new Guardian(ctx, settings, store, master, snapshotId, alerts, raised);
      g.timers = timers;
      return g;
    }));
  }

  private Guardian(ActorContext<Command> ctx, ServiceSettings settings, Store store,
      MasterData master, Long snapshotId, Consumer<Alert> alerts, Consumer<Alert> raised) {
    super(ctx);
    this.store = store;
    this.raised = raised;
    this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING));
    ctx.spawn(DeadLetterLog.create(), "dead-letters");
    GroupCommitter journal = new GroupCommitter(store, blocking);
    this.journal = journal;
    this.router = ctx.spawn(ZoneRouter.create(new ZoneDeps(store, journal, blocking, master,
        snapshotId, settings.zoneSettings(), alerts, new UnitClaims(), raised)), "zones");
    Behavior<WmsSync.Command> wms = WmsSync.fromConfig(ctx.getSystem().settings().config(),
        store, settings.locationScheme(), master, snapshotId, router, blocking,
        (zone, age) -> raised.accept(Alert.staleSnapshot(zone, WmsSync.describe(age))));
    this.wms = wms == null ? null : ctx.spawn(wms, "wms");
    // The zones stop before H2 closes, so no cycle or backup starts on a closed store.
    CoordinatedShutdown.get(ctx.getSystem()).addTask(CoordinatedShutdown.PhaseServiceStop(),
        "stop-zones", () -> AskPattern.<Command, Done>ask(ctx.getSelf(), StopZones::new,
            Duration.ofSeconds(4), ctx.getSystem().scheduler()));
    CoordinatedShutdown.get(ctx.getSystem()).addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-store",
        () -> CompletableFuture.supplyAsync(() -> {
          // Queued records are written first; H2 then waits for running statements.
          journal.close(Duration.ofSeconds(10));
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
        .build();
  }

  private Behavior<Command> onBackupTick() {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      // LIMITATION: the clock is probed at start and at each backup only, so records after
      // NTP syncs keep the older answer until the next backup (it errs towards "no"/"unknown").
      store.refreshClock();
      return store.backup();
    }, blocking), BackupDone::new);
    return this;
  }

  private Behavior<Command> onBackupDone(BackupDone m) {
    if (m.failure() != null) {
      // The next tick tries again; the previous verified backup is still there.
      getContext().getLog().error("backup failed", m.failure());
      if (!backupsFailing) {
        // A log line an hour reaches nobody: a stick gone or read-only would leave the site
        // without backups for weeks. Told once, until a backup works again.
        Throwable cause = m.failure() instanceof java.util.concurrent.CompletionException c
            && c.getCause() != null ? c.getCause() : m.failure();
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
