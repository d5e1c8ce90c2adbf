package io.dockcount.zone;

import io.dockcount.core.Reconciliation;
import io.dockcount.core.Symbols;
import io.dockcount.store.MasterData;
import io.dockcount.store.RunRecord;
import io.dockcount.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A zone's counts and location states in memory, rebuilt from the journal. Owned by one zone
 * actor; not thread-safe.
 *
 * <p>A recount replaces the earlier count of the location: for each SKU and location the
 * counted quantity is the sum of the live (not voided) records of the highest count round that
 * has any, except that once a counter has closed the location in a later round, a SKU that round
 * did not count counts 0 (the recount found none), as a first count's close counts the book SKUs
 * nobody scanned as 0.
 *
 * <p>Held compactly, for a million counts in a small heap: locations, SKUs and stations are
 * ids of per-zone dictionaries; the counted eaches are kept as a sum and a live-record count per
 * (location, SKU, round), a "cell", so a void subtracts; each record keeps only what a void, a
 * double-scan check or a "counted by" message needs, in primitive arrays indexed by record
 * (34 bytes a record, 28 a cell, and the index tables' free slots: about 90 bytes a count for
 * the 1M-book-line workload, dictionaries included). Journal numbers of one zone only grow, so a
 * record is found by its number with a binary search.
 */
final class ZoneState {
  /** A location's state and the count round it is in (0 first count, 1.. recounts). */
  record Loc(LocationState state, int round) {}

  /** A SKU at a location. */
  record Pair(String location, String sku) {}

  /** A live count as a void or a double-count refusal names it. */
  record Counted(long seq, String location, String station, int round) {}

  /** Receives SKUs at locations, by dictionary id. */
  @FunctionalInterface
  interface PairSink {
    void accept(int location, int sku);
  }

  /**
   * Receives counted eaches per SKU and location, by dictionary id, with the unit they were
   * keyed in: an id of {@link #unitIds()}, or {@link Reconciliation#UNIT_UNKNOWN}, or
   * {@code UNIT_MIXED} (several units).
   */
  @FunctionalInterface
  interface KeyedSink {
    void accept(int location, int sku, long eaches, short unit);
  }

  /** A cell with no live record yet: its unit is that of the first. */
  private static final short NO_UNIT = -3;

  private static final Loc FRESH = new Loc(LocationState.OPEN, 0);
  private static final LocationState[] STATES = LocationState.values();

  private final Symbols locationIds = new Symbols();
  private final Symbols skuIds = new Symbols();
  private final Symbols stationIds = new Symbols();
  private final Symbols unitIds = new Symbols();

  // Per location id: 0 when no event was journaled for it, else the state's ordinal + 1.
  private byte[] locState = new byte[64];
  private int[] locRound = new int[64];
  /** Per location, 1 + the round a counter last closed it in; 0 when never closed. */
  private int[] locClosedRound = new int[64];
  /**
   * Per location id: waiting for a recount a supervisor asked (a send-back), not one a run
   * asked; kept from the journal's {@code by_whom}, so a restart tells the two apart too.
   */
  private final java.util.BitSet sentBackBySupervisor = new java.util.BitSet();

  // Per cell (location, SKU, round): location and SKU ids, round, live eaches and live records,
  // and the next cell of the same SKU and location (another round), or -1. The first cell of a
  // SKU and location is found through pairSlots.
  private int cells;
  private int[] cellLoc = new int[64];
  private int[] cellSku = new int[64];
  private int[] cellRound = new int[64];
  private long[] cellEaches = new long[64];
  private int[] cellLive = new int[64];
  private int[] cellNext = new int[64];
  /** Per cell, the unit its records were keyed in (see {@link KeyedSink}). */
  private short[] cellUnit = new short[64];
  /** Open addressing over first cells by (location, SKU): cell + 1, 0 empty. */
  private int[] pairSlots = new int[128];
  private int pairs;

  // Per count record, in journal order: its number, its cell (~cell once voided), its eaches,
  // station id and station number, and snapshot (index into snapshots + 1; 0 for none).
  private int records;
  private int liveRecords;
  private long[] recSeq = new long[64];
  private int[] recCell = new int[64];
  private long[] recEaches = new long[64];
  private int[] recStation = new int[64];
  private long[] recStationSeq = new long[64];
  private char[] recSnapshot = new char[64];
  /** Open addressing over records by (station, station number): index + 1, 0 empty. */
  private int[] byStation = new int[128];

  private long[] snapshots = new long[4];
  private int snapshotCount;

  /** Pallets and serialized units: identity to the journal numbers of its counts; few. */
  private final Map<String, java.util.Set<Long>> units = new HashMap<>();
  private final Map<Long, String> unitOf = new HashMap<>();
  /** Scans held for a supervisor: location id, SKU id and count round, per scan; few. */
  private final List<int[]> held = new ArrayList<>();
  private final Map<RunRecord.TaskKey, String> tasks = new HashMap<>();
  /** Open tasks opened for lines never counted when their zone closed. */
  private final java.util.Set<RunRecord.TaskKey> awaitingCount = new java.util.HashSet<>();
  /**
   * Per snapshot, its book as it stood in force (WMS movements applied): at the pairs movements
   * moved (saved with each move, so read back at a restart), and, once a newer snapshot
   * replaced it in this run, at the pairs counted under it.
   */
  private final Map<Long, Map<Pair, Long>> movedBooks = new HashMap<>();
  /** Each task's variance as saved (null: none), so that a line moved since is seen. */
  private final Map<RunRecord.TaskKey, Long> taskVariance = new HashMap<>();
  /**
   * The books of the snapshots counts were taken under, and of the snapshot in force, as the
   * store has them (without WMS movements), at the locations counted: two snapshots are
   * compared on that one footing, so a delivery of only barcodes (a new snapshot, the same
   * book) is no book change, whatever movements the book in force has.
   */
  private final Map<Long, Map<Pair, Long>> books = new HashMap<>();
  /** Per snapshot in {@link #books}, the locations its stored book was read at. */
  private final Map<Long, Set<String>> bookCovers = new HashMap<>();
  private long lastSeq;
  private long lastRunSeq;
  /** The journal number of the latest close by a counter or supervisor (0: none). */
  private long lastCloseSeq;
  /** Runs of the zone stored before this state was rebuilt (a restart keeps counting on). */
  private long runsBefore;
  /** What the locations settled when this state was rebuilt were settled on (Settlement). */
  private Map<String, String> settledBefore = Map.of();

  /** Rebuilds the state from a zone's stored history (journal rows, tasks, books). */
  static ZoneState replay(Store.ZoneHistory history) {
    ZoneState s = new ZoneState();
    for (Store.Stored e : history.journal()) {
      if (e instanceof Store.StoredCount c) {
        s.applyCount(c.seq(), c.record().station(), c.record().sequence(),
            c.record().location(), c.record().sku(), c.record().eaches(), c.round(),
            c.snapshotId(), c.record().unitIdentity(), c.record().unit());
      } else if (e instanceof Store.StoredVoid v) {
        s.applyVoid(v.seq(), v.voidOf());
      } else if (e instanceof Store.StoredEvent ev) {
        s.applyEvent(ev.seq(), ev.location(), LocationState.valueOf(ev.state()), ev.round(),
            ev.byWhom());
      } else if (e instanceof Store.StoredHeld h) {
        s.applyHeld(h.seq(), h.location(), h.sku(), h.round());
      }
    }
    s.restore(history, null);
    s.trim();
    return s;
  }

  /** Reads one zone's journal straight into a new state, then its tasks, runs and books. */
  static ZoneState recover(Store store, String zone, Long currentSnapshot) {
    ZoneState s = new ZoneState();
    store.readJournal(zone, s.reader());
    s.finish(store, zone, currentSnapshot);
    return s;
  }

  /** Returns a reader that applies journal rows to this state. */
  Store.JournalReader reader() {
    return new Store.JournalReader() {
      @Override
      public void count(long seq, String station, long stationSeq, String location, String sku,
          long eaches, int round, Long snapshotId, String unitIdentity, String unit) {
        applyCount(seq, station, stationSeq, location, sku, eaches, round, snapshotId,
            unitIdentity, unit);
      }

      @Override
      public void voided(long seq, long voidOf) {
        applyVoid(seq, voidOf);
      }

      @Override
      public void event(long seq, String location, String state, int round, String byWhom) {
        applyEvent(seq, location, LocationState.valueOf(state), round, byWhom);
      }

      @Override
      public void held(long seq, String location, String sku, int round) {
        applyHeld(seq, location, sku, round);
      }
    };
  }

  /**
   * Completes a state whose journal has been read: its recount tasks, last run, and the books
   * of earlier snapshots its counts were taken under; then drops spare room.
   */
  void finish(Store store, String zone, Long currentSnapshot) {
    Set<Long> earlier = new TreeSet<>();
    for (int i = 0; i < snapshotCount; i++) {
      if (currentSnapshot == null || snapshots[i] != currentSnapshot) {
        earlier.add(snapshots[i]);
      }
    }
    Set<Long> read = new TreeSet<>(earlier);
    if (!earlier.isEmpty() && currentSnapshot != null) {
      read.add(currentSnapshot); // to compare the earlier ones with, on the same footing
    }
    restore(store.zoneRest(zone, read, currentSnapshot), currentSnapshot);
    trim();
  }

  private void restore(Store.ZoneHistory history, Long inForce) {
    for (Store.StoredTask t : history.tasks()) {
      RunRecord.TaskKey key = new RunRecord.TaskKey(t.location(), t.sku(), t.round());
      tasks.put(key, t.status());
      if (t.awaitsCount() && t.status().equals("OPEN")) {
        awaitingCount.add(key);
      }
      taskVariance.put(key, t.variance());
    }
    lastRunSeq = history.lastRunSeq();
    runsBefore = history.runs();
    Map<String, String> settled = new HashMap<>();
    history.settled().forEach((location, text) -> {
      if (location(location).state() == LocationState.RESOLVED) {
        settled.put(location, text);
      }
    });
    settledBefore = settled;
    rememberBooks(history.books(), inForce);
    history.movedBooks().forEach((snapshotId, figures) -> {
      Map<Pair, Long> moved = movedBooks.computeIfAbsent(snapshotId, k -> new HashMap<>());
      figures.forEach((k, v) -> moved.put(new Pair(k.location(), k.sku()), v));
    });
  }

  /** Hands over, once, what the locations settled at the rebuild were settled on. */
  Map<String, String> takeSettledBefore() {
    Map<String, String> out = settledBefore;
    settledBefore = Map.of();
    return out;
  }

  /**
   * Returns the snapshots whose stored book is not known yet where it is needed, with {@code
   * next} coming into force: a snapshot counts were taken under, never read or read before some
   * of the locations counted under it were counted (then an earlier snapshot, needed only where
   * counts were taken under it, so one no longer counted under is read once); and {@code next}
   * itself unless known at every location with counts under any snapshot. A snapshot known from
   * its counts alone is not known enough to come into force: a zone rebuilt on the start-up
   * files' book reads the WMS snapshot it had in force as an earlier one, at the locations
   * counted under it, and the sync brings that snapshot back a moment later.
   */
  Set<Long> snapshotsToRead(long next) {
    Map<Long, Set<String>> under = locationsCountedUnder();
    Set<Long> out = new TreeSet<>();
    for (int i = 0; i < snapshotCount; i++) {
      long s = snapshots[i];
      if (s != next && !covers(s, under.getOrDefault(s, Set.of()))) {
        out.add(s);
      }
    }
    Set<String> counted = new java.util.HashSet<>();
    under.values().forEach(counted::addAll);
    if (!covers(next, counted)) {
      out.add(next);
    }
    return out;
  }

  /** Whether the stored book of {@code snapshotId} has been read at every one of {@code at}. */
  private boolean covers(long snapshotId, Set<String> at) {
    Set<String> read = bookCovers.get(snapshotId);
    return books.containsKey(snapshotId) && read != null && read.containsAll(at);
  }

  /**
   * Keeps stored books of snapshots (read at the start, or when one comes into force), then
   * keeps every snapshot's other than {@code inForce} (null: none) only at the locations
   * counted under it: a count is compared with the book of its own snapshot and the one in
   * force, so an earlier book anywhere else is never read, and keeping each delivery's book at
   * every counted location grew with deliveries times locations over a week.
   */
  void rememberBooks(Store.StoredBooks stored, Long inForce) {
    stored.lines().forEach((snapshotId, lines) -> {
      Map<Pair, Long> book = new HashMap<>();
      lines.forEach((k, v) -> book.put(new Pair(k.location(), k.sku()), v));
      books.put(snapshotId, book);
      bookCovers.put(snapshotId, stored.at().getOrDefault(snapshotId, Set.of()));
    });
    Map<Long, Set<String>> under = locationsCountedUnder();
    for (Map.Entry<Long, Map<Pair, Long>> e : books.entrySet()) {
      if (e.getKey().equals(inForce)) {
        continue;
      }
      Set<String> where = under.getOrDefault(e.getKey(), Set.of());
      e.getValue().keySet().removeIf(p -> !where.contains(p.location()));
      Set<String> at = new java.util.HashSet<>(bookCovers.getOrDefault(e.getKey(), Set.of()));
      at.retainAll(where);
      bookCovers.put(e.getKey(), at);
    }
  }

  /** Per snapshot, the locations with counts (live or voided) taken under it. */
  private Map<Long, Set<String>> locationsCountedUnder() {
    Map<Long, Set<String>> out = new HashMap<>();
    for (int i = 0; i < records; i++) {
      int cell = recCell[i] >= 0 ? recCell[i] : ~recCell[i];
      if (recSnapshot[i] != 0) {
        out.computeIfAbsent(snapshots[recSnapshot[i] - 1], k -> new java.util.HashSet<>())
            .add(locationIds.get(cellLoc[cell]));
      }
    }
    return out;
  }

  // ---- dictionaries ------------------------------------------------------------------------

  /** The zone's location dictionary; ids are stable, and it only grows. */
  Symbols locationIds() {
    return locationIds;
  }

  /** The zone's SKU dictionary; ids are stable, and it only grows. */
  Symbols skuIds() {
    return skuIds;
  }

  /** The units counts were keyed in, as {@link KeyedSink} numbers them. */
  Symbols unitIds() {
    return unitIds;
  }

  // ---- locations ---------------------------------------------------------------------------

  Loc location(String code) {
    int id = locationIds.find(code);
    return id < 0 ? FRESH : location(id);
  }

  /** Whether anything was ever journaled at the location (a count or a move). */
  boolean seen(String code) {
    return locationIds.find(code) >= 0;
  }

  /**
   * Returns true when the location waits for a recount a supervisor asked (sent back), which
   * only a recount, or a supervisor's decision, settles: never a run.
   */
  boolean sentBackBySupervisor(String location) {
    int id = locationIds.find(location);
    return id >= 0 && sentBackBySupervisor.get(id);
  }

  /**
   * Returns the locations a supervisor sent back whose send-back no run has weighed yet: a task
   * of a round before the one asked is still open (the run that weighs a send-back closes
   * those). After a restart, the run the send-back started may have been lost with the stop.
   */
  Set<String> sendBacksNotWeighed() {
    Set<String> out = new TreeSet<>();
    tasks.forEach((k, status) -> {
      if (status.equals("OPEN") && sentBackBySupervisor(k.location())
          && k.round() < location(k.location()).round()) {
        out.add(k.location());
      }
    });
    return out;
  }

  /** The state of location {@code id} of {@link #locationIds()}. */
  Loc location(int id) {
    if (id >= locState.length || locState[id] == 0) {
      return FRESH;
    }
    return new Loc(STATES[locState[id] - 1], locRound[id]);
  }

  /**
   * Returns true when location {@code id} is open (journaled or never heard of) or was never
   * counted when its zone closed: either way a book line there with no count is missing, not
   * counted zero.
   */
  boolean isOpen(int id) {
    if (id >= locState.length || locState[id] == 0) {
      return true;
    }
    LocationState s = STATES[locState[id] - 1];
    return s == LocationState.OPEN || s == LocationState.NOT_COUNTED;
  }

  /** Returns true when a counter has closed the location in some round. */
  boolean wasClosed(String code) {
    int id = locationIds.find(code);
    return id >= 0 && wasClosed(id);
  }

  /** Returns true when a counter has closed the location (dictionary id) in some round. */
  boolean wasClosed(int id) {
    return id < locClosedRound.length && locClosedRound[id] > 0;
  }

  /**
   * Returns the count round a counter last closed the location in, or -1 when none did: below
   * its round when it was settled (or sent back to decide) with the recount asked of it not done.
   */
  int closedInRound(String code) {
    int id = locationIds.find(code);
    return id < 0 || id >= locClosedRound.length ? -1 : locClosedRound[id] - 1;
  }

  /**
   * Returns the number of locations the journal knows: with a journaled state, a count record
   * (live or voided) or a held scan. One pass over the cells: for the start-up line.
   */
  int locationsKnown() {
    java.util.BitSet ids = new java.util.BitSet();
    for (int id = 0; id < locState.length; id++) {
      if (locState[id] != 0) {
        ids.set(id);
      }
    }
    for (int c = 0; c < cells; c++) {
      ids.set(cellLoc[c]);
    }
    held.forEach(h -> ids.set(h[0]));
    return ids.cardinality();
  }

  /** Returns a copy of every location with a journaled state, in code order. */
  Map<String, Loc> locations() {
    Map<String, Loc> out = new TreeMap<>();
    for (int id = 0; id < Math.min(locState.length, locationIds.size()); id++) {
      if (locState[id] != 0) {
        out.put(locationIds.get(id), location(id));
      }
    }
    return out;
  }

  /** A location event of a run ({@link #RECONCILIATION}). */
  void applyEvent(long seq, String location, LocationState state, int round) {
    applyEvent(seq, location, state, round, RECONCILIATION);
  }

  /** Who a run's location events are journalled by. */
  static final String RECONCILIATION = "reconciliation";

  /** A location event journalled by {@code byWhom}: a supervisor, a counter, or a run. */
  void applyEvent(long seq, String location, LocationState state, int round, String byWhom) {
    int id = locationIds.intern(location);
    sentBackBySupervisor.set(id, state == LocationState.RECOUNT_REQUESTED
        && !RECONCILIATION.equals(byWhom));
    if (id >= locState.length) {
      int n = Math.max(id + 1, locState.length * 3 / 2);
      locState = Arrays.copyOf(locState, n);
      locRound = Arrays.copyOf(locRound, n);
      locClosedRound = Arrays.copyOf(locClosedRound, n);
    }
    // A settled location closed again in its own round is the reconciliation's "to decide
    // again" (its book changed after it was settled), not a counter's close: no count was
    // taken, so the round its counts were closed in stays. Taken for a close, a location a
    // supervisor accepted while it waited for its recount read as a recount that found
    // nothing (counted 0).
    boolean toDecideAgain = state == LocationState.CLOSED && locState[id] != 0
        && STATES[locState[id] - 1] == LocationState.RESOLVED && locRound[id] == round;
    locState[id] = (byte) (state.ordinal() + 1);
    locRound[id] = round;
    if (state == LocationState.CLOSED && !toDecideAgain) {
      locClosedRound[id] = round + 1;
      lastCloseSeq = Math.max(lastCloseSeq, seq);
    }
    seen(seq);
  }

  // ---- counts ------------------------------------------------------------------------------

  /** Returns the journal number of an earlier record with the same station and sequence. */
  Long duplicateOf(String station, long sequence) {
    int st = stationIds.find(station);
    if (st < 0) {
      return null;
    }
    int i = byStation[stationSlot(st, sequence)] - 1;
    return i < 0 ? null : recSeq[i];
  }

  /** @param unit the unit the count was keyed in, or null or empty when not known */
  void applyCount(long seq, String station, long stationSeq, String location, String sku,
      long eaches, int round, Long snapshotId, String unitIdentity, String unit) {
    int cell = cell(locationIds.intern(location), skuIds.intern(sku), round);
    int u = unit == null || unit.isEmpty() ? -1 : unitIds.intern(unit);
    short keyed = u < 0 || u > Short.MAX_VALUE ? Reconciliation.UNIT_UNKNOWN : (short) u;
    cellUnit[cell] = cellUnit[cell] == NO_UNIT ? keyed
        : Reconciliation.joinUnits(cellUnit[cell], keyed);
    if (records == recSeq.length) {
      resizeRecords(records * 3 / 2);
    }
    int i = records;
    if (i > 0 && seq < recSeq[i - 1]) {
      // The committer completes appends in journal order, so this is not expected; keep the
      // numbers sorted anyway, at the cost of moving the later records.
      i = -Arrays.binarySearch(recSeq, 0, records, seq) - 1;
      shiftRecords(i);
    }
    recSeq[i] = seq;
    recCell[i] = cell;
    recEaches[i] = eaches;
    recStation[i] = stationIds.intern(station);
    recStationSeq[i] = stationSeq;
    recSnapshot[i] = snapshotId == null ? 0 : snapshotIndex(snapshotId);
    records++;
    liveRecords++;
    cellEaches[cell] += eaches;
    cellLive[cell]++;
    if (i < records - 1 || records * 2 > byStation.length) {
      rehashStations();
    } else {
      byStation[stationSlot(recStation[i], stationSeq)] = i + 1;
    }
    if (unitIdentity != null) {
      units.computeIfAbsent(unitIdentity, k -> new java.util.TreeSet<>()).add(seq);
      unitOf.put(seq, unitIdentity);
    }
    seen(seq);
  }

  /**
   * Returns the live count that holds this pallet or serialized unit, at any location of the
   * zone, or null. A count holds it while the zone's figures take it: from its location's
   * round, or from an earlier one while the recount there has neither counted its SKU nor
   * closed (the figures show the earlier count until then). Once the recount has, the unit is
   * counted anew (there, or where it was moved to), never in two places at once. Rounds are per
   * location, so they are never compared across locations.
   */
  Counted unitCounted(String identity) {
    if (identity == null) {
      return null;
    }
    for (long seq : units.getOrDefault(identity, java.util.Set.of())) {
      int i = indexOf(seq);
      if (i >= 0 && recCell[i] >= 0 && inFigures(recCell[i])) {
        return live(seq);
      }
    }
    return null;
  }

  /** Whether the figures take this cell: its SKU's latest there, not set aside by a close. */
  private boolean inFigures(int cell) {
    int loc = cellLoc[cell];
    int closedIn = loc < locClosedRound.length ? locClosedRound[loc] - 1 : -1;
    return closedIn <= cellRound[cell]
        && latestCell(pairSlots[pairSlot(loc, cellSku[cell])] - 1) == cell;
  }

  /** Returns each pallet or serialized unit a live count holds, with that count's location. */
  Map<String, String> heldUnits() {
    Map<String, String> out = new HashMap<>();
    for (String unit : units.keySet()) {
      Counted c = unitCounted(unit);
      if (c != null) {
        out.put(unit, c.location());
      }
    }
    return out;
  }

  /** Returns the live count numbered {@code seq}, or null (never counted here, or voided). */
  Counted live(long seq) {
    int i = indexOf(seq);
    if (i < 0 || recCell[i] < 0) {
      return null;
    }
    return new Counted(seq, locationIds.get(cellLoc[recCell[i]]),
        stationIds.get(recStation[i]), cellRound[recCell[i]]);
  }

  void applyVoid(long seq, long voidOf) {
    int i = indexOf(voidOf);
    if (i >= 0 && recCell[i] >= 0) {
      int cell = recCell[i];
      cellEaches[cell] -= recEaches[i];
      cellLive[cell]--;
      recCell[i] = ~cell;
      liveRecords--;
      String unit = unitOf.remove(voidOf);
      if (unit != null) {
        units.getOrDefault(unit, new java.util.TreeSet<>()).remove(voidOf);
      }
    }
    seen(seq);
  }

  int liveRecords() {
    return liveRecords;
  }

  /** Returns the number of live count records per location. */
  Map<String, Integer> liveCountsByLocation() {
    Map<String, Integer> out = new HashMap<>();
    liveCounts(out, null);
    return out;
  }

  /** Returns how many scans were held for a supervisor at the location in {@code round}. */
  int heldAt(String location, int round) {
    int id = locationIds.find(location);
    int n = 0;
    for (int[] h : held) {
      if (h[0] == id && h[2] == round) {
        n++;
      }
    }
    return n;
  }

  /** Returns the live count records of the location in count round {@code round}. */
  int liveCountsAt(String location, int round) {
    int id = locationIds.find(location);
    int n = 0;
    for (int c = 0; id >= 0 && c < cells; c++) {
      if (cellLoc[c] == id && cellRound[c] == round) {
        n += cellLive[c];
      }
    }
    return n;
  }

  /**
   * Returns, for each location that takes counts and has live count records in its current
   * round (a count or recount under way), how many: one pass over the cells, a String only for
   * those locations.
   */
  Map<String, Integer> beingCounted() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (int c = 0; c < cells; c++) {
      if (cellLive[c] > 0) {
        Loc l = location(cellLoc[c]);
        if (cellRound[c] == l.round() && l.state().takesCounts()) {
          out.merge(locationIds.get(cellLoc[c]), cellLive[c], Integer::sum);
        }
      }
    }
    return out;
  }

  /**
   * Adds up the live count records per location into {@code all} and, when given, those of the
   * location's current round into {@code currentRound}: one pass over the cells for both.
   */
  void liveCounts(Map<String, Integer> all, Map<String, Integer> currentRound) {
    for (int c = 0; c < cells; c++) {
      if (cellLive[c] > 0) {
        String loc = locationIds.get(cellLoc[c]);
        all.merge(loc, cellLive[c], Integer::sum);
        if (currentRound != null && cellRound[c] == location(cellLoc[c]).round()) {
          currentRound.merge(loc, cellLive[c], Integer::sum);
        }
      }
    }
  }

  /**
   * Gives the eaches counted per SKU and location, latest round only (see class comment), for
   * every pair with a live count; in no particular order.
   */
  void forEachCounted(KeyedSink sink) {
    for (int slot = 0; slot < pairSlots.length; slot++) {
      int latest = pairSlots[slot] == 0 ? -1 : latestCell(pairSlots[slot] - 1);
      if (latest >= 0) {
        boolean foundNone = recountedWithout(latest) >= 0;
        sink.accept(cellLoc[latest], cellSku[latest], foundNone ? 0 : cellEaches[latest],
            foundNone ? Reconciliation.UNIT_UNKNOWN : cellUnit[latest]);
      }
    }
  }

  /**
   * Returns the round whose close found none of the SKU of a pair's latest cell, or -1 when
   * that cell's figure stands. A location closed in a later round than this SKU's count was
   * recounted without it: the recount found none (a recount counts the whole location, as the
   * first count did), not the earlier round's figure again. Unless the recount held its scans
   * of it: then it found some, in a unit or lot not known, and the earlier figure stands
   * (flagged), as a recount whose every row was rejected replaces nothing in reconcile.
   */
  private int recountedWithout(int latest) {
    int loc = cellLoc[latest];
    int closedIn = loc < locClosedRound.length ? locClosedRound[loc] - 1 : -1;
    return closedIn > cellRound[latest] && !heldSince(loc, cellSku[latest], closedIn)
        ? closedIn : -1;
  }

  /** Returns true when a scan of the SKU at the location was held in {@code round} or later. */
  private boolean heldSince(int location, int sku, int round) {
    for (int[] h : held) {
      if (h[0] == location && h[1] == sku && h[2] >= round) {
        return true;
      }
    }
    return false;
  }

  /** Notes a scan of {@code sku} held for a supervisor at the location, in round {@code round}. */
  void applyHeld(long seq, String location, String sku, int round) {
    held.add(new int[] {locationIds.intern(location), skuIds.intern(sku), round});
    seen(seq);
  }

  /**
   * Gives each SKU and location (dictionary ids) with a scan held in a round the
   * figures still take: the round its location was last closed in, or a later one. Once a later
   * round's close has counted the location anew, a scan held before it no longer stands for
   * stock the figures leave out. A pair may be given more than once.
   */
  void forEachHeld(PairSink sink) {
    for (int[] h : held) {
      int loc = h[0];
      int closedIn = loc < locClosedRound.length ? locClosedRound[loc] - 1 : -1;
      if (closedIn <= h[2]) {
        sink.accept(loc, h[1]);
      }
    }
  }

  /** Returns true when the SKU at the location (dictionary ids) has a live count. */
  boolean isCounted(int location, int sku) {
    int first = pairSlots[pairSlot(location, sku)] - 1;
    return first >= 0 && latestCell(first) >= 0;
  }

  /**
   * Returns every (location id, round) with a live count, as {@code location << 32 | round},
   * sorted; see {@link #hasCountIn}.
   */
  long[] countedRounds() {
    long[] out = new long[cells];
    int n = 0;
    for (int c = 0; c < cells; c++) {
      if (cellLive[c] > 0) {
        out[n++] = ((long) cellLoc[c] << 32) | cellRound[c];
      }
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  /**
   * Returns the eaches of the SKU counted at the location in count round {@code round} (0 when
   * that round counted the location but not the SKU), or null when nothing was counted there
   * in that round; {@code rounds} from {@link #countedRounds()}.
   */
  Long countedInRound(long[] rounds, String location, String sku, int round) {
    if (!hasCountIn(rounds, location, round)) {
      return null;
    }
    int loc = locationIds.find(location);
    int s = skuIds.find(sku);
    int first = s < 0 ? -1 : pairSlots[pairSlot(loc, s)] - 1;
    for (int c = first; c >= 0; c = cellNext[c]) {
      if (cellRound[c] == round && cellLive[c] > 0) {
        return cellEaches[c];
      }
    }
    return 0L;
  }

  /**
   * Returns true when the SKU has a live count at the location in count round {@code round} (a
   * count of 0 included): its figure there is that round's, not an earlier round's.
   */
  boolean skuCountedIn(String location, String sku, int round) {
    int loc = locationIds.find(location);
    int s = skuIds.find(sku);
    int first = loc < 0 || s < 0 ? -1 : pairSlots[pairSlot(loc, s)] - 1;
    for (int c = first; c >= 0; c = cellNext[c]) {
      if (cellRound[c] == round && cellLive[c] > 0) {
        return true;
      }
    }
    return false;
  }

  /** Returns true when {@code rounds} (from {@link #countedRounds()}) has the location's round. */
  boolean hasCountIn(long[] rounds, String location, int round) {
    int id = locationIds.find(location);
    return id >= 0 && Arrays.binarySearch(rounds, ((long) id << 32) | round) >= 0;
  }

  /**
   * Returns true when some count (live or voided) was taken under a book snapshot other than
   * {@code current}; when none was, no line can have had its book change during its count.
   */
  boolean countedUnderOtherThan(long current) {
    for (int s = 0; s < snapshotCount; s++) {
      if (snapshots[s] != current) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the snapshots the latest-round counts of each SKU and location were taken under.
   * A SKU a later recount left out (counted 0 by omission, see {@link #forEachCounted}) takes
   * the snapshots of that recount's live counts at the location: its 0 is that recount's
   * figure, so it is compared with the book the recount was taken under, not with the one its
   * earlier round was (taken for the latter, a miss after a book change read as another book
   * change, with no variance). A recount that left every SKU out has no snapshot to give, and
   * its SKUs none: unknown, so no book change is claimed from it.
   */
  Map<Pair, Set<Long>> countedUnder() {
    boolean[] latest = new boolean[cells];
    List<int[]> leftOut = new ArrayList<>(); // latest cell and the round that left it out
    for (int slot = 0; slot < pairSlots.length; slot++) {
      int c = pairSlots[slot] == 0 ? -1 : latestCell(pairSlots[slot] - 1);
      int without = c < 0 ? -1 : recountedWithout(c);
      if (without >= 0) {
        leftOut.add(new int[] {c, without});
      } else if (c >= 0) {
        latest[c] = true;
      }
    }
    // The recounts that left a SKU out, as location << 32 | round, sorted, and their snapshots:
    // looked up without boxing, for every record is read.
    long[] recounts = leftOut.stream().mapToLong(l -> roundKey(cellLoc[l[0]], l[1]))
        .sorted().distinct().toArray();
    List<Set<Long>> recountUnder = new ArrayList<>();
    for (int i = 0; i < recounts.length; i++) {
      recountUnder.add(new TreeSet<>());
    }
    Map<Pair, Set<Long>> out = new HashMap<>();
    for (int i = 0; i < records; i++) {
      int cell = recCell[i];
      if (cell < 0 || recSnapshot[i] == 0) {
        continue;
      }
      if (latest[cell]) {
        out.computeIfAbsent(new Pair(locationIds.get(cellLoc[cell]), skuIds.get(cellSku[cell])),
            k -> new TreeSet<>()).add(snapshots[recSnapshot[i] - 1]);
      }
      int r = recounts.length == 0 ? -1
          : Arrays.binarySearch(recounts, roundKey(cellLoc[cell], cellRound[cell]));
      if (r >= 0) {
        recountUnder.get(r).add(snapshots[recSnapshot[i] - 1]);
      }
    }
    for (int[] l : leftOut) {
      Set<Long> under = recountUnder.get(
          Arrays.binarySearch(recounts, roundKey(cellLoc[l[0]], l[1])));
      if (!under.isEmpty()) {
        out.put(new Pair(locationIds.get(cellLoc[l[0]]), skuIds.get(cellSku[l[0]])),
            new TreeSet<>(under));
      }
    }
    return out;
  }

  private static long roundKey(int location, int round) {
    return ((long) location << 32) | round;
  }

  /**
   * Returns the eaches on book for the SKU and location in an earlier snapshot that counts were
   * taken under; 0 when that snapshot had no line for it.
   */
  long bookAt(long snapshotId, Pair pair) {
    return books.getOrDefault(snapshotId, Map.of()).getOrDefault(pair, 0L);
  }

  /**
   * Keeps, for pairs counted under {@code snapshotId}, the book as it stood in force (WMS
   * movements applied) when a newer snapshot replaced it: what those counts were compared with,
   * and so what a newer book is checked against, rather than the snapshot's stored book alone
   * (a newer book that includes a movement applied before the count is no book change).
   * Returns the pairs it kept that were not known yet, for the zone to save: a restart has no
   * earlier book in force to keep them from.
   */
  Map<Pair, Long> rememberMovedBook(long snapshotId, List<MasterData.BookLine> inForce) {
    Map<Pair, Long> counted = new HashMap<>();
    countedUnder().forEach((pair, snapshots) -> {
      if (snapshots.contains(snapshotId)) {
        counted.put(pair, 0L); // counted, and not on the book in force: 0 then
      }
    });
    if (counted.isEmpty()) {
      return Map.of();
    }
    for (MasterData.BookLine b : inForce) {
      Pair pair = new Pair(b.location(), b.sku());
      counted.computeIfPresent(pair, (p, sum) -> sum + b.eaches());
    }
    // What a movement moved is known already (noted with the move, or read back at a restart)
    // and wins: the book in force may be one the movements have not reached yet (they could
    // not be read at the start), and a newer snapshot may come first.
    Map<Pair, Long> moved = movedBooks.computeIfAbsent(snapshotId, k -> new HashMap<>());
    Map<Pair, Long> added = new HashMap<>();
    counted.forEach((pair, eaches) -> {
      if (moved.putIfAbsent(pair, eaches) == null) {
        added.put(pair, eaches);
      }
    });
    return added;
  }

  /**
   * Notes the book in force under {@code snapshotId} at the pairs WMS movements have just moved
   * ({@code figures}, as {@link Zone} saves them): what counts under it are compared with.
   */
  void bookMoved(long snapshotId, Map<Pair, Long> figures) {
    if (!figures.isEmpty()) {
      movedBooks.computeIfAbsent(snapshotId, k -> new HashMap<>()).putAll(figures);
    }
  }

  /**
   * Returns the pairs whose eaches (lots added up) differ between two books of one snapshot,
   * with their eaches in {@code after} (0 when gone). A WMS movement rebuilds the book from the
   * snapshot's own, so the lines usually keep their order: then only the lines that changed are
   * summed; otherwise both books are.
   */
  static Map<Pair, Long> movedPairs(List<MasterData.BookLine> before,
      List<MasterData.BookLine> after) {
    Set<Pair> changed = new java.util.HashSet<>();
    Set<String> at = new java.util.HashSet<>(); // the locations of the changed lines
    boolean aligned = before.size() == after.size();
    for (int i = 0; aligned && i < after.size(); i++) {
      MasterData.BookLine b = before.get(i);
      MasterData.BookLine a = after.get(i);
      aligned = a.location().equals(b.location()) && a.sku().equals(b.sku())
          && a.lot().equals(b.lot());
      if (aligned && a.eaches() != b.eaches()) {
        changed.add(new Pair(a.location(), a.sku()));
        at.add(a.location());
      }
    }
    if (aligned && changed.isEmpty()) {
      return Map.of();
    }
    Map<Pair, Long> was = new HashMap<>();
    Map<Pair, Long> now = new HashMap<>();
    for (MasterData.BookLine b : before) {
      if (!aligned || at.contains(b.location())) {
        Pair p = new Pair(b.location(), b.sku());
        if (!aligned || changed.contains(p)) {
          was.merge(p, b.eaches(), Long::sum);
        }
      }
    }
    for (MasterData.BookLine a : after) {
      if (!aligned || at.contains(a.location())) {
        Pair p = new Pair(a.location(), a.sku());
        if (!aligned || changed.contains(p)) {
          now.merge(p, a.eaches(), Long::sum);
        }
      }
    }
    Map<Pair, Long> out = new HashMap<>();
    now.forEach((p, eaches) -> {
      if (!eaches.equals(was.get(p))) {
        out.put(p, eaches);
      }
    });
    was.keySet().forEach(p -> {
      if (!now.containsKey(p)) {
        out.put(p, 0L);
      }
    });
    return out;
  }

  /**
   * Whether the book of {@code snapshotId} is known at {@code location}: read while the zone
   * had counts there. A location first counted after the read is not in it, and its book there
   * is unknown, not 0.
   */
  boolean knowsBookAt(long snapshotId, String location) {
    Set<String> at = bookCovers.get(snapshotId);
    return books.containsKey(snapshotId) && at != null && at.contains(location);
  }

  /**
   * Returns the eaches on book for the pair in earlier snapshot {@code snapshotId} as the
   * counts under it were compared with, for comparing with {@code inForce}, the book in force
   * (snapshot {@code current}, WMS movements applied): the book as it stood in force under it
   * (moved by a movement, {@link #bookMoved}, also before a restart; or when a newer snapshot
   * replaced it in this run, {@link #rememberMovedBook}), or else the earlier snapshot's stored
   * book shifted by the movements the book in force has over the current snapshot's stored
   * one. Both must be known there ({@link #knowsBookAt}).
   */
  long bookThen(long snapshotId, Pair pair, long inForce, long current) {
    Long moved = movedBooks.getOrDefault(snapshotId, Map.of()).get(pair);
    return moved != null ? moved : bookAt(snapshotId, pair) + inForce - bookAt(current, pair);
  }

  // ---- tasks and runs ----------------------------------------------------------------------

  void addTask(RunRecord.NewTask task) {
    tasks.put(task.key(), "OPEN");
    if (RunRecord.awaitsCount(task.reason())) {
      awaitingCount.add(task.key());
    }
    taskVariance.put(task.key(), task.variance());
  }

  /**
   * The task now carries the figures of a count (no longer one for a line never counted), or
   * those of its line as it stands after the book moved or changed under its count; open (a
   * decision taken is opened again when the book changed after it).
   */
  void taskUpdated(RunRecord.NewTask task) {
    tasks.put(task.key(), "OPEN");
    awaitingCount.remove(task.key());
    taskVariance.put(task.key(), task.variance());
  }

  /** Returns the variance a task was last saved with (null: none, or no such task). */
  Long taskVariance(RunRecord.TaskKey key) {
    return taskVariance.get(key);
  }

  void taskDone(RunRecord.TaskKey key) {
    tasks.put(key, "DONE");
    awaitingCount.remove(key);
  }

  /**
   * Returns true for an open task opened without figures (its zone closed with the line never
   * counted, or a supervisor sent the location back), which a count's figures will replace.
   */
  boolean awaitsCount(RunRecord.TaskKey key) {
    return awaitingCount.contains(key);
  }

  Map<RunRecord.TaskKey, String> tasks() {
    return tasks;
  }

  long openTasks() {
    return tasks.values().stream().filter("OPEN"::equals).count();
  }

  long lastSeq() {
    return lastSeq;
  }

  long lastRunSeq() {
    return lastRunSeq;
  }

  long runsBefore() {
    return runsBefore;
  }

  /**
   * Returns true when a location was closed after the last run saw the journal: its lines and
   * tasks wait for a run (one a stop or crash kept from being saved). A run's own "to decide
   * again" close is not one, so a restart after it starts no run of its own.
   */
  boolean closedSinceLastRun() {
    return lastCloseSeq > lastRunSeq;
  }

  void ranThrough(long seq) {
    lastRunSeq = Math.max(lastRunSeq, seq);
  }

  // ---- internals ---------------------------------------------------------------------------

  private void seen(long seq) {
    lastSeq = Math.max(lastSeq, seq);
  }

  /** Returns the cell of the highest round with a live record, from a pair's first cell; or -1. */
  private int latestCell(int first) {
    int best = -1;
    for (int c = first; c >= 0; c = cellNext[c]) {
      if (cellLive[c] > 0 && (best < 0 || cellRound[c] > cellRound[best])) {
        best = c;
      }
    }
    return best;
  }

  /** Returns the cell of the SKU at the location in the round, adding it when new. */
  private int cell(int location, int sku, int round) {
    int slot = pairSlot(location, sku);
    int first = pairSlots[slot] - 1;
    for (int c = first; c >= 0; c = cellNext[c]) {
      if (cellRound[c] == round) {
        return c;
      }
    }
    int c = cells++;
    if (c == cellLoc.length) {
      resizeCells(c * 3 / 2);
    }
    cellLoc[c] = location;
    cellSku[c] = sku;
    cellRound[c] = round;
    cellUnit[c] = NO_UNIT;
    if (first >= 0) {
      // Another round of a known SKU and location: second in its chain.
      cellNext[c] = cellNext[first];
      cellNext[first] = c;
      return c;
    }
    cellNext[c] = -1;
    pairSlots[slot] = c + 1;
    if (++pairs * 2 > pairSlots.length) {
      int[] old = pairSlots;
      pairSlots = new int[old.length * 2];
      for (int head : old) {
        if (head != 0) {
          pairSlots[pairSlot(cellLoc[head - 1], cellSku[head - 1])] = head;
        }
      }
    }
    return c;
  }

  /** The slot that holds, or would hold, the first cell of the SKU at the location. */
  private int pairSlot(int location, int sku) {
    int mask = pairSlots.length - 1;
    int slot = mix(((long) location << 32) | sku) & mask;
    while (true) {
      int c = pairSlots[slot] - 1;
      if (c < 0 || (cellLoc[c] == location && cellSku[c] == sku)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int indexOf(long seq) {
    int i = Arrays.binarySearch(recSeq, 0, records, seq);
    return i >= 0 ? i : -1;
  }

  private void shiftRecords(int from) {
    int n = records - from;
    System.arraycopy(recSeq, from, recSeq, from + 1, n);
    System.arraycopy(recCell, from, recCell, from + 1, n);
    System.arraycopy(recEaches, from, recEaches, from + 1, n);
    System.arraycopy(recStation, from, recStation, from + 1, n);
    System.arraycopy(recStationSeq, from, recStationSeq, from + 1, n);
    System.arraycopy(recSnapshot, from, recSnapshot, from + 1, n);
  }

  private char snapshotIndex(long snapshotId) {
    for (int s = 0; s < snapshotCount; s++) {
      if (snapshots[s] == snapshotId) {
        return (char) (s + 1);
      }
    }
    if (snapshotCount == Character.MAX_VALUE - 1) {
      throw new IllegalStateException("more than " + snapshotCount + " book snapshots counted");
    }
    if (snapshotCount == snapshots.length) {
      snapshots = Arrays.copyOf(snapshots, snapshotCount * 2);
    }
    snapshots[snapshotCount++] = snapshotId;
    return (char) snapshotCount;
  }

  /** Drops the arrays' spare room (after a replay); the next count grows them again. */
  void trim() {
    resizeRecords(Math.max(records, 16));
    resizeCells(Math.max(cells, 16));
  }

  /** Gives every per-record array the length {@code n}, keeping the records held. */
  private void resizeRecords(int n) {
    recSeq = Arrays.copyOf(recSeq, n);
    recCell = Arrays.copyOf(recCell, n);
    recEaches = Arrays.copyOf(recEaches, n);
    recStation = Arrays.copyOf(recStation, n);
    recStationSeq = Arrays.copyOf(recStationSeq, n);
    recSnapshot = Arrays.copyOf(recSnapshot, n);
  }

  /** Gives every per-cell array the length {@code n}, keeping the cells held. */
  private void resizeCells(int n) {
    cellLoc = Arrays.copyOf(cellLoc, n);
    cellSku = Arrays.copyOf(cellSku, n);
    cellRound = Arrays.copyOf(cellRound, n);
    cellEaches = Arrays.copyOf(cellEaches, n);
    cellLive = Arrays.copyOf(cellLive, n);
    cellNext = Arrays.copyOf(cellNext, n);
    cellUnit = Arrays.copyOf(cellUnit, n);
  }

  /** The slot that holds, or would hold, the record of the station and station number. */
  private int stationSlot(int station, long stationSeq) {
    int mask = byStation.length - 1;
    int slot = mix(stationSeq * 31 + station) & mask;
    while (true) {
      int i = byStation[slot] - 1;
      if (i < 0 || (recStation[i] == station && recStationSeq[i] == stationSeq)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Spreads every bit of the key over the low bits a table index takes (MurmurHash3's final
   * mix): station numbers and dictionary ids are sequential, which a plain multiply leaves in
   * long runs of neighbouring slots.
   */
  private static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** Rebuilds the station index over every record (grown when over half full). */
  private void rehashStations() {
    int slots = byStation.length;
    while (records * 2 > slots) {
      slots *= 2;
    }
    byStation = new int[slots];
    for (int i = 0; i < records; i++) {
      byStation[stationSlot(recStation[i], recStationSeq[i])] = i + 1;
    }
  }
}
