package io.dockcount.zone;

import io.dockcount.alert.Alert;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the router and its zones work with: the store, its journal, the thread pool blocking
 * calls run on, the master data and book snapshot, the settings, and where alerts go.
 *
 * @param blocking the blocking dispatcher; JDBC runs there and nowhere else
 * @param snapshotId the stored book snapshot the zones compare against, or null
 * @param alerts receives each alert once its run is saved (the notifier, and the printed
 *     line); must not block
 * @param units which zone holds each pallet and serialized unit; one for all the zones
 * @param raised receives an alert no run saved (a zone whose runs cannot be saved), to save
 *     and send; must not block
 */
public record ZoneDeps(
    Store store,
    GroupCommitter journal,
    Executor blocking,
    MasterData master,
    Long snapshotId,
    ZoneSettings settings,
    Consumer<Alert> alerts,
    UnitClaims units,
    Consumer<Alert> raised) {

  /**
   * Deps with a claims register of their own (one router's zones share it), whose alerts from
   * outside a run go to {@code alerts} too.
   */
  public ZoneDeps(Store store, GroupCommitter journal, Executor blocking, MasterData master,
      Long snapshotId, ZoneSettings settings, Consumer<Alert> alerts) {
    this(store, journal, blocking, master, snapshotId, settings, alerts, new UnitClaims(),
        alerts);
  }

  public ZoneDeps {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(blocking, "blocking");
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(raised, "raised");
  }
}
