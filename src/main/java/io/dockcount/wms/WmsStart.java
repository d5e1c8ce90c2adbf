package io.dockcount.wms;

import io.dockcount.core.LocationScheme;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.WmsLedger;
import io.dockcount.zone.ZoneRouter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WMS side of a service's start, read before any zone starts: the newest WMS snapshot the
 * store holds restored over the start-up files (as {@link SnapshotManager#restoreLatest} says),
 * and the WMS movements since applied, which is the book each zone had when the service
 * stopped. The zones start on it and the {@link WmsSync} takes the manager and movement log
 * over as they are, so its first pull finds nothing new in the store: a WMS source that does
 * not answer at the start changes no zone's lines.
 *
 * <p>Blocking (it reads the store): call once, on the starting thread, before the actors.
 */
public final class WmsStart {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WmsStart.class);

  private final WmsSettings settings;
  private final SnapshotManager manager;
  private final MovementLog movements;
  private final Exporter exporter;
  private final Map<String, Instant> alertedBefore;
  private final Map<String, WmsSync.Absent> absent;
  private final String lost;
  private final boolean lostSaidBefore;
  private final List<ZoneRouter.BookUpdated> books;
  private final MasterData master;
  private final Long masterSnapshot;
  private final boolean restoreAtFirstPull;
  /** What the restore did, for the sync to log and list; taken once. */
  private final AtomicReference<List<SnapshotManager.Outcome>> outcomes;

  private WmsStart(WmsSettings settings, SnapshotManager manager, MovementLog movements,
      Exporter exporter, Map<String, Instant> alertedBefore, MasterData startUp,
      Long startUpSnapshot, List<SnapshotManager.Outcome> restored, boolean restoreAtFirstPull,
      Map<String, WmsSync.Absent> absent, String lost, boolean lostSaidBefore) {
    this.absent = absent;
    this.lost = lost;
    this.lostSaidBefore = lostSaidBefore;
    this.settings = settings;
    this.manager = manager;
    this.movements = movements;
    this.exporter = exporter;
    this.alertedBefore = Map.copyOf(alertedBefore);
    this.restoreAtFirstPull = restoreAtFirstPull;
    this.outcomes = new AtomicReference<>(List.copyOf(restored));
    List<ZoneRouter.BookUpdated> out = new ArrayList<>();
    MasterData inForce = startUp;
    Long id = startUpSnapshot;
    for (SnapshotManager.Outcome o : restored) {
      if (o instanceof SnapshotManager.Applied a) {
        out.add(new ZoneRouter.BookUpdated(a.snapshotId(), a.master(), a.zones()));
        inForce = a.master();
        id = a.snapshotId();
      } else if (o instanceof SnapshotManager.BookMoved b && !b.zones().isEmpty()) {
        out.add(new ZoneRouter.BookUpdated(b.snapshotId(), b.master(), b.zones(), true));
        inForce = b.master();
      }
    }
    this.books = List.copyOf(out);
    this.master = inForce;
    this.masterSnapshot = id;
  }

  /**
   * Restores the book in force at the stop for the {@code dockcount.wms} settings, or returns
   * null when no WMS source and no export is configured (the start-up files are then the book).
   * A store that cannot be read leaves what was restored before the failure (logged at ERROR);
   * the sync's first pull tries again what it could not restore.
   *
   * @param master the start-up files' data, stored as {@code snapshotId}
   * @throws IllegalArgumentException naming a bad setting
   */
  public static WmsStart restore(com.typesafe.config.Config root, Store store,
      LocationScheme scheme, MasterData master, Long snapshotId) {
    WmsSettings settings = WmsSettings.from(root);
    if (!settings.hasSource() && settings.export().mode().equals("off")) {
      return null;
    }
    ColumnMap columns = new ColumnMap();
    // The reconcile command's column mapping serves the WMS too, as for the start-up files.
    root.getConfig("dockcount.reconcile.columns").entrySet().forEach(e ->
        columns.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    WmsLedger ledger = new WmsLedger(store);
    // The start-up files' book is as old as when it was first stored: a restart with the same
    // files keeps that snapshot, and must not make it look fresh to the stale-snapshot check.
    Instant stored = snapshotId == null ? null : store.snapshotLoadedAt(snapshotId);
    SnapshotManager manager = new SnapshotManager(ledger, scheme, columns, master,
        snapshotId == null ? 0 : snapshotId, stored == null ? Instant.now() : stored);
    MovementLog movements = new MovementLog(ledger, scheme, columns);
    Map<String, Instant> alerted = new io.dockcount.store.AlertOutbox(store)
        .lastRaised(io.dockcount.alert.Alert.Kind.STALE_SNAPSHOT.name());
    List<SnapshotManager.Outcome> restored = new ArrayList<>();
    boolean read = false; // the stored snapshot restored, or none stored
    String lost = null;
    boolean lostSaidBefore = false;
    try {
      SnapshotManager.Applied latest = manager.restoreLatest();
      if (latest != null) {
        restored.add(latest);
      }
      read = true;
      restoreEmptied(manager);
      restored.addAll(movements.adjust(manager, restored));
    } catch (RuntimeException e) {
      // The old way, then: what is in force at the start may not be what was at the stop.
      if (read) {
        LOG.error("wms: the WMS movements could not be read at the start: the zones start on "
            + "the stored WMS snapshot without them, until the WMS sync's first pull", e);
      } else {
        // LIMITATION: the start-up files' book, not the newest readable WMS snapshot before it.
        lost = unreadable(ledger, snapshotId, e);
        LOG.error("wms: {}", lost, e);
        lostSaidBefore = saidBefore(store, ledger);
        restored.add(new SnapshotManager.Failed(SnapshotManager.RESTORED + "(not read)",
            reason(e), "the zones start on the start-up files' book"));
      }
    }
    Map<String, WmsSync.Absent> absent = Map.of();
    try {
      absent = WmsSync.absent(manager.absentZones());
    } catch (RuntimeException e) {
      LOG.error("wms: the zones absent from the WMS's book could not be read at the start: "
          + "listed again from the first pull", e);
    }
    return new WmsStart(settings, manager, movements, new Exporter(ledger, settings.export()),
        alerted, master, snapshotId, restored, !read, absent, lost, lostSaidBefore);
  }

  /**
   * Whether inventory control was alerted of this unreadable book at an earlier start: an alert
   * raised after the newest snapshot was stored was of the same book, still not delivered again.
   */
  private static boolean saidBefore(Store store, WmsLedger ledger) {
    try {
      Instant told = new io.dockcount.store.AlertOutbox(store)
          .lastRaised(io.dockcount.alert.Alert.Kind.WMS_BOOK_UNREADABLE.name()).get("*");
      Instant newest = ledger.newestImportWall();
      return told != null && newest != null && told.isAfter(newest);
    } catch (RuntimeException e) {
      return false; // said again rather than not at all
    }
  }

  /** Gives the zones emptied for their absence before the stop their empty book again. */
  private static void restoreEmptied(SnapshotManager manager) {
    try {
      manager.restoreEmptied();
    } catch (RuntimeException e) {
      LOG.error("wms: the zones the WMS's book emptied could not be restored at the start: "
          + "they are listed again from the first pull", e);
    }
  }

  /**
   * Says, for a person, that the stored WMS book could not be read and which book the zones it
   * covered compare their counts with instead, until the WMS delivers theirs again.
   */
  private static String unreadable(WmsLedger ledger, Long startUp, RuntimeException e) {
    String zones;
    try {
      zones = "zones " + String.join(", ", new java.util.TreeSet<>(
          ledger.bookDeliveries().keySet()));
    } catch (RuntimeException again) {
      zones = "every zone the WMS delivered";
    }
    return "the stored WMS book could not be read at the start (" + reason(e) + "): " + zones
        + " compare counts with the start-up files' book" + (startUp == null ? ""
            : " (snapshot " + startUp + ")") + ", not the WMS's, until the WMS delivers "
        + "their book again; a recount sent meanwhile may come from the wrong book";
  }

  /** The innermost cause's words: the store wraps what went wrong in the read. */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
  }

  /**
   * The books in force at the stop, in the order they are applied over the start-up files': the
   * stored WMS snapshot, then the movements since (empty when the WMS never delivered and
   * nothing moved).
   */
  public List<ZoneRouter.BookUpdated> booksInForce() {
    return books;
  }

  /** The master data in force once {@link #booksInForce} is applied (the stations' barcodes). */
  public MasterData master() {
    return master;
  }

  /** The snapshot that master data's items, units and barcodes are of, or null. */
  public Long masterSnapshot() {
    return masterSnapshot;
  }

  WmsSettings settings() {
    return settings;
  }

  SnapshotManager manager() {
    return manager;
  }

  MovementLog movements() {
    return movements;
  }

  Exporter exporter() {
    return exporter;
  }

  /**
   * Says, for a person, that the stored WMS book could not be read at the start and what the
   * zones compare counts with instead; null when it was read (or none is stored).
   */
  public String unreadableBook() {
    return lost;
  }

  /**
   * Whether inventory control was alerted of this same unreadable book at an earlier start (the
   * WMS has not delivered since): the condition has not cleared, so it is not alerted again.
   */
  public boolean unreadableBookAlertedBefore() {
    return lostSaidBefore;
  }

  /** The zones absent from the WMS's whole book at the stop, as stored. */
  Map<String, WmsSync.Absent> absent() {
    return absent;
  }

  Map<String, Instant> alertedBefore() {
    return alertedBefore;
  }

  /** Whether the restore failed before it read the stored snapshot. */
  boolean restoreAtFirstPull() {
    return restoreAtFirstPull;
  }

  /** Returns what the restore did, the first time; then nothing (a sync restarted after it). */
  List<SnapshotManager.Outcome> takeOutcomes() {
    return outcomes.getAndSet(List.of());
  }
}
