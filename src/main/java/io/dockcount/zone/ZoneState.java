package io.dockcount.zone;

import io.dockcount.core.CountRecord;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A zone's counts and location states in memory, rebuilt from the journal. Owned by one zone
 * actor; not thread-safe.
 *
 * <p>A recount replaces the earlier count of the same SKU at the location: for each SKU and
 * location the counted quantity is the sum of the live (not voided) records of the highest count
 * round that has any.
 */
final class ZoneState {
  /** A location's state and the count round it is in (0 first count, 1.. recounts). */
  record Loc(LocationState state, int round) {}

  /** A SKU at a location. */
  record Pair(String location, String sku) {}

  private static final Loc FRESH = new Loc(LocationState.OPEN, 0);

  private final Map<String, Loc> locations = new TreeMap<>();
  // LIMITATION: every live count is kept as objects (about 400 bytes each), so 1.6M counts need
  // about 650 MB of heap; a compact per-(location, SKU, round) form is needed for 512 MB.
  private final Map<Long, Store.StoredCount> live = new HashMap<>();
  private final Map<String, Long> byStation = new HashMap<>();
  private final Map<String, Map<Integer, Long>> units = new HashMap<>();
  private final Map<RunRecord.TaskKey, String> tasks = new HashMap<>();
  private final Map<Long, Map<Pair, Long>> books = new HashMap<>();
  private final Set<Long> snapshotsCounted = new HashSet<>();
  private long lastSeq;
  private long lastRunSeq;

  /** Rebuilds the state from a zone's stored history. */
  static ZoneState replay(Store.ZoneHistory history) {
    ZoneState s = new ZoneState();
    for (Store.Stored e : history.journal()) {
      if (e instanceof Store.StoredCount c) {
        s.applyCount(c.seq(), c.record(), c.round(), c.snapshotId());
      } else if (e instanceof Store.StoredVoid v) {
        s.applyVoid(v.seq(), v.voidOf());
      } else if (e instanceof Store.StoredEvent ev) {
        s.applyEvent(ev.seq(), ev.location(), LocationState.valueOf(ev.state()), ev.round());
      }
    }
    for (Store.StoredTask t : history.tasks()) {
      s.tasks.put(new RunRecord.TaskKey(t.location(), t.sku(), t.round()), t.status());
    }
    s.lastRunSeq = history.lastRunSeq();
    history.books().forEach((snapshot, lines) -> {
      Map<Pair, Long> book = new HashMap<>();
      lines.forEach((k, v) -> book.put(new Pair(k.location(), k.sku()), v));
      s.books.put(snapshot, book);
    });
    return s;
  }

  /** Keeps the book of an earlier snapshot, unless the journal already gave it. */
  void rememberBook(long snapshotId, List<io.dockcount.store.MasterData.BookLine> lines) {
    if (!books.containsKey(snapshotId)) {
      Map<Pair, Long> book = new HashMap<>();
      lines.forEach(b -> book.merge(new Pair(b.location(), b.sku()), b.eaches(), Long::sum));
      books.put(snapshotId, book);
    }
  }

  Loc location(String code) {
    return locations.getOrDefault(code, FRESH);
  }

  Map<String, Loc> locations() {
    return locations;
  }

  /** Returns the journal number of an earlier record with the same station and sequence. */
  Long duplicateOf(CountRecord r) {
    return byStation.get(stationKey(r.station(), r.sequence()));
  }

  void applyCount(long seq, CountRecord r, int round, Long snapshotId) {
    if (snapshotId != null) {
      snapshotsCounted.add(snapshotId);
    }
    live.put(seq, new Store.StoredCount(seq, r, round, snapshotId));
    byStation.put(stationKey(r.station(), r.sequence()), seq);
    if (r.unitIdentity() != null) {
      units.computeIfAbsent(r.unitIdentity(), k -> new HashMap<>()).put(round, seq);
    }
    seen(seq);
  }

  /**
   * Returns the live count that already counted this pallet or serialized unit in count round
   * {@code round}, at any location of the zone, or null.
   */
  Store.StoredCount unitCounted(String identity, int round) {
    Long seq = identity == null ? null : units.getOrDefault(identity, Map.of()).get(round);
    return seq == null ? null : live.get(seq);
  }

  /** Returns the live count numbered {@code seq}, or null (never counted here, or voided). */
  Store.StoredCount live(long seq) {
    return live.get(seq);
  }

  void applyVoid(long seq, long voidOf) {
    Store.StoredCount voided = live.remove(voidOf);
    if (voided != null && voided.record().unitIdentity() != null) {
      units.getOrDefault(voided.record().unitIdentity(), new HashMap<>())
          .remove(voided.round(), voidOf);
    }
    seen(seq);
  }

  void applyEvent(long seq, String location, LocationState state, int round) {
    locations.put(location, new Loc(state, round));
    seen(seq);
  }

  void addTask(RunRecord.TaskKey key) {
    tasks.put(key, "OPEN");
  }

  void taskDone(RunRecord.TaskKey key) {
    tasks.put(key, "DONE");
  }

  Map<RunRecord.TaskKey, String> tasks() {
    return tasks;
  }

  long openTasks() {
    return tasks.values().stream().filter("OPEN"::equals).count();
  }

  /** Returns the number of live count records per location. */
  Map<String, Integer> liveCountsByLocation() {
    Map<String, Integer> out = new HashMap<>();
    live.values().forEach(c -> out.merge(c.record().location(), 1, Integer::sum));
    return out;
  }

  int liveRecords() {
    return live.size();
  }

  long lastSeq() {
    return lastSeq;
  }

  long lastRunSeq() {
    return lastRunSeq;
  }

  void ranThrough(long seq) {
    lastRunSeq = Math.max(lastRunSeq, seq);
  }

  /** Returns eaches counted per SKU and location, latest round only (see class comment). */
  Map<Pair, Long> counted() {
    Map<Pair, Long> out = new TreeMap<>(
        java.util.Comparator.comparing(Pair::location).thenComparing(Pair::sku));
    latestRound().forEach(c -> out.merge(pair(c.record()), c.record().eaches(), Long::sum));
    return out;
  }

  /**
   * Returns true when some count (live or voided) was taken under a book snapshot other than
   * {@code current}; when none was, no line can have had its book change during its count.
   */
  boolean countedUnderOtherThan(long current) {
    return snapshotsCounted.stream().anyMatch(s -> s != current);
  }

  /** Returns "location\nround" for every location and count round that has a live count. */
  Set<String> countedRounds() {
    Set<String> out = new java.util.HashSet<>();
    for (Store.StoredCount c : live.values()) {
      out.add(c.record().location() + '\n' + c.round());
    }
    return out;
  }

  /** Returns the book snapshots the latest-round counts of each SKU and location were taken under. */
  Map<Pair, Set<Long>> countedUnder() {
    Map<Pair, Set<Long>> out = new HashMap<>();
    for (Store.StoredCount c : latestRound()) {
      if (c.snapshotId() != null) {
        out.computeIfAbsent(pair(c.record()), k -> new TreeSet<>()).add(c.snapshotId());
      }
    }
    return out;
  }

  /**
   * Returns the eaches on book for the SKU and location in an earlier snapshot that counts were
   * taken under; 0 when that snapshot had no line for it.
   */
  long bookAt(long snapshotId, Pair pair) {
    return books.getOrDefault(snapshotId, Map.of()).getOrDefault(pair, 0L);
  }

  private List<Store.StoredCount> latestRound() {
    Map<Pair, Integer> rounds = new HashMap<>();
    for (Store.StoredCount c : live.values()) {
      rounds.merge(pair(c.record()), c.round(), Math::max);
    }
    List<Store.StoredCount> out = new ArrayList<>();
    for (Store.StoredCount c : live.values()) {
      if (rounds.get(pair(c.record())) == c.round()) {
        out.add(c);
      }
    }
    return out;
  }

  private void seen(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  private static Pair pair(CountRecord r) {
    return new Pair(r.location(), r.sku());
  }

  private static String stationKey(String station, long sequence) {
    return station + '\n' + sequence;
  }
}
