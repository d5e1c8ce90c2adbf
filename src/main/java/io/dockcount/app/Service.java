package io.dockcount.app;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.pi4j.context.Context;
import com.typesafe.config.Config;
import io.dockcount.alert.Alert;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.wms.WmsStart;
import io.dockcount.wms.WmsSettings;
import io.dockcount.zone.ZoneRouter;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dockcount service: the store, the actor system and its zone router. Started by
 * {@code run} and {@code demo}; stopped by {@link #stop()} or the JVM's shutdown hook, both
 * through Akka's coordinated shutdown, which closes H2 last.
 */
public final class Service {
  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private final ActorSystem<Guardian.Command> system;
  private final Store store;
  private final ActorRef<ZoneRouter.Command> router;
  private final Alerting alerting;
  private final MasterData master;
  private final Long snapshot;

  private Service(ActorSystem<Guardian.Command> system, Store store,
      ActorRef<ZoneRouter.Command> router, Alerting alerting, MasterData master, Long snapshot) {
    this.system = system;
    this.store = store;
    this.router = router;
    this.alerting = alerting;
    this.master = master;
    this.snapshot = snapshot;
  }

  /**
   * Opens the store, records the master data as a book snapshot, restores the WMS's book in
   * force at the stop (when a WMS is configured), and starts the actors on it.
   *
   * @param config the whole configuration (Akka's settings included)
   * @param alerts where alert lines go; must not block
   */
  public static Service start(ServiceSettings settings, Config config, MasterData master,
      String source, String contentHash, Consumer<Alert> alerts) {
    return start(settings, config, master, source, contentHash, alerts, null);
  }

  /**
   * As above, with the process's one Pi4J context for the radio relays.
   *
   * @param gpio the context, or null when nothing uses GPIO; the caller shuts it down after
   *     the service has stopped
   */
  public static Service start(ServiceSettings settings, Config config, MasterData master,
      String source, String contentHash, Consumer<Alert> alerts, Context gpio) {
    // A bad dockcount.wms setting stops start-up here, naming the setting.
    WmsSettings.from(config);
    // Blocking here is start-up on the main thread, before any actor exists.
    Store store = Store.open(settings.store());
    if (store.restoredFrom() != null) {
      System.err.println("dockcount: DATABASE RESTORED FROM BACKUP " + store.restoredFrom()
          + ": counts recorded after that backup are lost; see the log");
    }
    long snapshot;
    try {
      snapshot = store.saveStartUpFiles(master, source, contentHash);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    // The book each zone had at the stop (the WMS's, moved), read before any zone starts: a
    // WMS that does not answer now must not put the zones back on the start-up files' book.
    // LIMITATION: read before the journal, not beside it: a 1M-line WMS book adds about 2 s.
    WmsStart wms;
    Alerting alerting;
    try {
      wms = WmsStart.restore(config, store, settings.locationScheme(), master, snapshot);
      alerting = Alerting.start(config, store, gpio);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    Consumer<Alert> both = a -> {
      alerts.accept(a);
      alerting.notifier().accept(a);
    };
    // Raised outside a run (a stale WMS book): printed like the zones' alerts, then saved.
    Consumer<Alert> raised = a -> {
      alerts.accept(a);
      alerting.notifier().raise(a);
    };
    if (store.restoredFrom() != null) {
      // Said to the supervisors, not only on stderr: the counts since that backup are gone.
      raised.accept(Alert.storeRestored(store.restoredFrom()));
    }
    if (wms != null && wms.unreadableBook() != null && !wms.unreadableBookAlertedBefore()) {
      // Inventory control must know: a count compared with the start-up book may be sent to
      // recount for a difference the WMS's book does not have.
      raised.accept(Alert.wmsBookUnreadable(wms.unreadableBook()));
    }
    ActorSystem<Guardian.Command> system = ActorSystem.create(
        Guardian.create(settings, store, master, snapshot, both, raised, wms), "dockcount",
        config);
    // Before the store closes (PhaseBeforeActorSystemTerminate): alerts still unsent stay in
    // the outbox for the next start.
    akka.actor.CoordinatedShutdown.get(system).addTask(
        akka.actor.CoordinatedShutdown.PhaseServiceStop(), "stop-alerts",
        () -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          alerting.close();
          return akka.Done.getInstance();
        }));
    ActorRef<ZoneRouter.Command> router = AskPattern.<Guardian.Command,
            ActorRef<ZoneRouter.Command>>ask(system, Guardian.GetRouter::new,
            Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join();
    MasterData inForce = wms == null ? master : wms.master();
    Long inForceId = wms == null ? Long.valueOf(snapshot) : wms.masterSnapshot();
    log.info("service: book snapshot {} ({} lines{}, clock synchronized: {})", inForceId,
        inForce.book().size(), inForce == master ? ", the start-up files"
            : ", as in force at the stop: WMS deliveries and movements", store.clock());
    return new Service(system, store, router, alerting, inForce, inForceId);
  }

  /**
   * Returns the master data the zones started on: the start-up files', or, once the WMS has
   * delivered, the WMS's book in force at the stop with what the WMS delivered of items, units
   * and barcodes. The router's watchers are told of every later change.
   */
  public MasterData master() {
    return master;
  }

  /** Returns the stored snapshot {@link #master} is of (the newest WMS snapshot restored). */
  public Long snapshot() {
    return snapshot;
  }

  public ActorSystem<Guardian.Command> system() {
    return system;
  }

  public ActorRef<ZoneRouter.Command> router() {
    return router;
  }

  public Store store() {
    return store;
  }

  /**
   * Raises an alert that no zone run saved (a station's scanner gone, a stale book): it is
   * saved to the outbox, then announced and sent like the zones' alerts.
   */
  public void raise(Alert alert) {
    alerting.notifier().raise(alert);
  }

  /**
   * Asks the WMS sync for the state of the WMS link; completes with null when no WMS source or
   * export is configured.
   */
  public java.util.concurrent.CompletionStage<io.dockcount.wms.WmsSync.WmsStatus> wmsStatus(
      Duration timeout) {
    return AskPattern.<Guardian.Command,
            java.util.Optional<ActorRef<io.dockcount.wms.WmsSync.Command>>>ask(system,
            Guardian.GetWms::new, timeout, system.scheduler())
        .thenCompose(wms -> wms.isEmpty()
            ? java.util.concurrent.CompletableFuture.completedFuture(null)
            : AskPattern.<io.dockcount.wms.WmsSync.Command, io.dockcount.wms.WmsSync.WmsStatus>ask(
                wms.get(), io.dockcount.wms.WmsSync.GetStatus::new, timeout,
                system.scheduler()));
  }

  /** Returns the journal's group committer (asked of the guardian; start-up and tests). */
  public io.dockcount.store.GroupCommitter journal() {
    return AskPattern.<Guardian.Command, io.dockcount.store.GroupCommitter>ask(system,
            Guardian.GetJournal::new, Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture().join();
  }

  /** Runs coordinated shutdown (store closed last) and waits for the system to end. */
  public void stop() {
    system.terminate();
    awaitTermination();
  }

  /** Waits until the actor system has terminated (by {@link #stop()} or a signal). */
  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
