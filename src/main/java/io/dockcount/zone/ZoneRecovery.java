package io.dockcount.zone;

import io.dockcount.store.Store;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One read of the whole journal at start, shared by the zones a router starts with: the table is
 * read once in its own order (several times faster on H2 than one read per zone through the
 * zone index), each row going to its zone's state.
 *
 * <p>Each zone takes its state once, on its first start. A zone that starts again (supervision)
 * reads its own journal instead, as it may have written records after this read. Thread-safe:
 * zones take their states from their own setup.
 */
final class ZoneRecovery {
  /** The states read, by zone (taken out one by one), and every zone the journal had. */
  private record Scanned(Map<String, ZoneState> states, Set<String> zones) {}

  private final ZoneDeps deps;
  private final CompletableFuture<Scanned> journal;
  private final Set<String> taken = new HashSet<>();

  private ZoneRecovery(ZoneDeps deps, CompletableFuture<Scanned> journal) {
    this.deps = deps;
    this.journal = journal;
  }

  /** Starts reading the journal on the blocking dispatcher. */
  // LIMITATION: every journal row is read again at each start (no checkpoint of the compact
  // state), so a restart grows with the journal: about 4 s per million count records here.
  static ZoneRecovery start(ZoneDeps deps) {
    return new ZoneRecovery(deps, CompletableFuture.supplyAsync(() -> {
      Map<String, ZoneState> states = new HashMap<>();
      Map<String, Store.JournalReader> readers = new HashMap<>();
      deps.store().readJournal(zone -> readers.computeIfAbsent(zone, z -> {
        ZoneState s = new ZoneState();
        states.put(z, s);
        return s.reader();
      }));
      // Every zone's pallets are claimed before any zone takes a count: one zone ready first
      // must not count a pallet that another, still starting, holds.
      states.forEach((zone, s) -> s.heldUnits().forEach((unit, location) ->
          deps.units().hold(unit, zone, location)));
      return new Scanned(states, Set.copyOf(states.keySet()));
    }, deps.blocking()));
  }

  /** The zones the journal has records of (counts, voids, location events), once read. */
  CompletableFuture<Set<String>> zones() {
    return journal.thenApply(Scanned::zones);
  }

  /**
   * Returns the zone's state from the shared read, completed with its tasks, runs and the books
   * of snapshots other than {@code currentSnapshot} on the blocking dispatcher; or null when the
   * zone must read its own journal (see class comment).
   */
  synchronized CompletableFuture<ZoneState> take(String zone, Long currentSnapshot) {
    if (!taken.add(zone)) {
      return null;
    }
    return journal.thenApplyAsync(scanned -> {
      ZoneState s;
      synchronized (scanned.states()) {
        s = scanned.states().remove(zone);
      }
      if (s == null) {
        // Not in the journal when it was read, and nothing has been written for it since: only
        // this zone writes its records, and it had not started.
        s = new ZoneState();
      }
      s.finish(deps.store(), zone, currentSnapshot);
      return s;
    }, deps.blocking());
  }
}
