package io.dockcount.zone;

import io.dockcount.store.GroupCommitter;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the router and its zones work with: the store, its journal, the thread pool blocking
 * calls run on, the master data and book snapshot, the settings, and where alert lines go.
 *
 * @param blocking the blocking dispatcher; JDBC runs there and nowhere else
 * @param snapshotId the stored book snapshot the zones compare against, or null
 * @param alerts receives each alert line once it is saved (printed and logged until the
 *     alerts issue brings a notifier); must not block
 */
public record ZoneDeps(
    Store store,
    GroupCommitter journal,
    Executor blocking,
    MasterData master,
    Long snapshotId,
    ZoneSettings settings,
    Consumer<String> alerts) {

  public ZoneDeps {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(blocking, "blocking");
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(alerts, "alerts");
  }
}
