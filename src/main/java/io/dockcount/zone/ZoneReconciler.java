package io.dockcount.zone;

import io.dockcount.alert.Alert;
import io.dockcount.core.Flag;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.KeyText;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.Money;
import io.dockcount.core.ReconLine;
import io.dockcount.core.ReconResult;
import io.dockcount.core.Reconciliation;
import io.dockcount.core.RecountPolicy;
import io.dockcount.core.Status;
import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
import io.dockcount.store.RunRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans one zone reconciliation from its state: runs the core {@link Reconciliation} over the
 * zone's book and counts, then decides the recount tasks, location moves and alerts. Pure: no
 * actor, no I/O.
 *
 * <p>Closing a location states that everything there was counted, so a SKU on book at a
 * location that is no longer open but has no count record is compared as counted zero. At a
 * location still open it stays <em>missing</em>. Only closed locations get recount tasks; a
 * task is keyed by location, SKU and count round, so a variance that stays unresolved is
 * never tasked twice.
 */
final class ZoneReconciler {
  /** What a run will save; its alerts go to the notifier once it is saved. */
  record Plan(RunRecord run) {
    List<Alert> alerts() {
      return run.alerts();
    }

    List<String> alertLines() {
      return run.alerts().stream().map(Alert::line).toList();
    }
  }

  private final String zone;
  private final MasterData master;
  private final List<MasterData.BookLine> book;
  private final ZoneSettings settings;
  private final RecountPolicy policy;
  private BookIds bookIds;

  ZoneReconciler(String zone, MasterData master, List<MasterData.BookLine> zoneBook,
      ZoneSettings settings) {
    this.zone = zone;
    this.master = master;
    this.book = MasterData.frozen(zoneBook);
    this.settings = settings;
    // The only count rows a zone rejects are the scans its stations held.
    this.policy = settings.policy().withRejectedCounts(RecountPolicy.RejectedCounts.HELD_SCANS);
  }

  /**
   * Reconciles the zone's book against its current counts. The run gets dictionaries of its own,
   * filled from the state's key bytes, so its result may be read on any thread while the zone
   * goes on counting.
   */
  ReconResult reconcile(ZoneState state) {
    return reconcile(state, ALL);
  }

  /**
   * Reconciles the zone's lines at one location, for the checks made on the zone's thread when
   * a location closes or is settled, where a whole zone of 50,000 locations would hold its
   * scans for half a second at every close. The lines at {@code location} are those
   * {@link #reconcile} gives: a line's figures, status and value depend on its own SKU and
   * location alone, but its "keyed another way" hint on the lines at the same bin written
   * otherwise ({@code A-1-1-A} for {@code A-01-01-A}), so those bins are reconciled with it and
   * their lines are in the result too.
   */
  ReconResult reconcileAt(ZoneState state, String location) {
    bookIds(state); // interns the book's locations, so a booked one is found
    int id = state.locationIds().find(location);
    return reconcile(state, id < 0 ? new int[0] : sameBin(state, id));
  }

  /** For {@link #reconcile(ZoneState, int[])}: every location. */
  private static final int[] ALL = null;

  /** The hash of each state location's {@link KeyText#spelling}, by id; spelled on demand. */
  private ZoneState spelled;
  private int[] spellingHash = new int[0];
  private int spelledCount;

  /** Returns the ids of the state's locations that are location {@code id}'s bin, it first. */
  private int[] sameBin(ZoneState state, int id) {
    Symbols all = state.locationIds();
    if (spelled != state) {
      spelled = state;
      spelledCount = 0;
    }
    if (spelledCount < all.size()) {
      spellingHash = java.util.Arrays.copyOf(spellingHash, all.size());
      for (int i = spelledCount; i < all.size(); i++) {
        spellingHash[i] = KeyText.spelling(all.get(i)).hashCode();
      }
      spelledCount = all.size();
    }
    String bin = KeyText.spelling(all.get(id));
    int[] out = {id};
    for (int i = 0; i < spelledCount; i++) {
      if (i != id && spellingHash[i] == spellingHash[id]
          && KeyText.spelling(all.get(i)).equals(bin)) {
        out = java.util.Arrays.copyOf(out, out.length + 1);
        out[out.length - 1] = i;
      }
    }
    return out;
  }

  private ReconResult reconcile(ZoneState state, int[] only) {
    BookIds ids = bookIds(state);
    Ids skus = new Ids(state.skuIds());
    Ids locations = new Ids(state.locationIds());
    // LIMITATION: compared per SKU and location only; lots stay in the journal for audit.
    Reconciliation rec = new Reconciliation(skus.run, locations.run, null);
    int[] lines = only == ALL ? null : linesAt(ids, only);
    rec.reserve(lines == null ? ids.sku.length : lines.length,
        lines == null ? ids.sku.length : lines.length);
    // The book is the snapshot in force, with WMS movements up to each location's count
    // applied by the WMS sync (io.dockcount.wms) when it is configured.
    int n = lines == null ? ids.sku.length : lines.length;
    for (int k = 0; k < n; k++) {
      int i = lines == null ? k : lines[k];
      rec.addBook(skus.of(ids.sku[i]), locations.of(ids.location[i]), 0, ids.eaches[i]);
    }
    // The units counts were keyed in, as ids of the run's UOM table, so a probable unit error
    // reads the number keyed, not the eaches in every unit.
    UomTable uom = new UomTable();
    Symbols keyedIn = state.unitIds();
    short[] unitOf = new short[keyedIn.size()];
    for (int u = 0; u < unitOf.length; u++) {
      int id = uom.unitId(keyedIn.get(u));
      unitOf[u] = id <= Short.MAX_VALUE ? (short) id : Reconciliation.UNIT_UNKNOWN;
    }
    state.forEachCounted((location, sku, eaches, unit) -> {
      if (only == ALL || contains(only, location)) {
        rec.addCount(skus.of(sku), locations.of(location), 0, eaches,
            unit >= 0 ? unitOf[unit] : unit);
      }
    });
    // A scan the station held for a supervisor (a lot the book does not have there, a unit
    // with no factor) was stock the counted quantity leaves out: its line is flagged, and it
    // is recounted, as a line with rejected count rows is, never closed as matched.
    HeldPairs held = new HeldPairs();
    state.forEachHeld((location, sku) -> {
      if (only == ALL || contains(only, location)) {
        rec.addRejected(skus.of(sku), locations.of(location), false);
        held.add(location, sku);
      }
    });
    held.sort();
    // A book SKU nobody scanned at a location a counter closed counts 0; at one nobody ever
    // closed (settled or sent back uncounted) it stays not counted: not counted is not 0. Nor
    // is one whose every scan there was held: that stock is there, in a unit or lot not known,
    // so its line stays missing with its scans held, as reconcile's whose rows were rejected.
    for (int k = 0; k < n; k++) {
      int i = lines == null ? k : lines[k];
      if (ids.firstOfPair[i] && !state.isOpen(ids.location[i])
          && state.wasClosed(ids.location[i])
          && !state.isCounted(ids.location[i], ids.sku[i])
          && !held.contains(ids.location[i], ids.sku[i])) {
        rec.addCount(skus.of(ids.sku[i]), locations.of(ids.location[i]), 0, 0);
      }
    }
    return rec.reconcile(items(skus.run), factors(uom, skus.run), settings.scheme(), policy);
  }

  /** The (location, SKU) state ids with scans held in the figures; few, so a sorted array. */
  private static final class HeldPairs {
    private long[] pairs = new long[0];
    private int size;

    void add(int location, int sku) {
      if (size == pairs.length) {
        pairs = java.util.Arrays.copyOf(pairs, Math.max(4, size * 2));
      }
      pairs[size++] = key(location, sku);
    }

    void sort() {
      java.util.Arrays.sort(pairs, 0, size);
    }

    boolean contains(int location, int sku) {
      return size > 0 && java.util.Arrays.binarySearch(pairs, 0, size, key(location, sku)) >= 0;
    }

    private static long key(int location, int sku) {
      return (long) location << 32 | (sku & 0xffffffffL);
    }
  }

  /** A run's dictionary, filled on demand from a state dictionary's keys (no String made). */
  private static final class Ids {
    final Symbols run = new Symbols();
    private final Symbols state;
    private final int[] runId;

    Ids(Symbols state) {
      this.state = state;
      this.runId = new int[state.size()];
      java.util.Arrays.fill(runId, -1);
    }

    int of(int stateId) {
      int id = runId[stateId];
      if (id < 0) {
        id = run.intern(state.arena(), state.offset(stateId), state.length(stateId));
        runId[stateId] = id;
      }
      return id;
    }
  }

  /** The book's lines as ids of a zone state's dictionaries. */
  private record BookIds(ZoneState state, int[] location, int[] sku, long[] eaches,
      boolean[] firstOfPair) {}

  /** The book's line numbers grouped by location id, for {@link #linesAt}; built on demand. */
  private BookIds indexed;
  private int[] lineStart;
  private int[] lineOrder;

  private static boolean contains(int[] ids, int id) {
    for (int i : ids) {
      if (i == id) {
        return true;
      }
    }
    return false;
  }

  /** Returns the numbers of the book's lines at the locations (state dictionary ids). */
  private int[] linesAt(BookIds ids, int[] locations) {
    int[] out = new int[0];
    for (int l : locations) {
      int[] at = linesAt(ids, l);
      int n = out.length;
      out = java.util.Arrays.copyOf(out, n + at.length);
      System.arraycopy(at, 0, out, n, at.length);
    }
    return out;
  }

  /** Returns the numbers of the book's lines at the location (a state dictionary id). */
  private int[] linesAt(BookIds ids, int location) {
    if (indexed != ids) {
      int locations = 0;
      for (int l : ids.location) {
        locations = Math.max(locations, l + 1);
      }
      int[] start = new int[locations + 1];
      for (int l : ids.location) {
        start[l + 1]++;
      }
      for (int l = 0; l < locations; l++) {
        start[l + 1] += start[l];
      }
      int[] order = new int[ids.location.length];
      int[] next = java.util.Arrays.copyOf(start, locations);
      for (int i = 0; i < ids.location.length; i++) {
        order[next[ids.location[i]]++] = i; // in book order within a location
      }
      lineStart = start;
      lineOrder = order;
      indexed = ids;
    }
    if (location < 0 || location >= lineStart.length - 1) {
      return new int[0];
    }
    return java.util.Arrays.copyOfRange(lineOrder, lineStart[location], lineStart[location + 1]);
  }

  /** Returns the book as ids of the state's dictionaries (interned once per book and state). */
  private BookIds bookIds(ZoneState state) {
    if (bookIds != null && bookIds.state() == state) {
      return bookIds;
    }
    int n = book.size();
    BookIds ids = new BookIds(state, new int[n], new int[n], new long[n], new boolean[n]);
    LongIntTable seen = new LongIntTable(n);
    for (int i = 0; i < n; i++) {
      MasterData.BookLine b = book.get(i);
      ids.location[i] = state.locationIds().intern(b.location());
      ids.sku[i] = state.skuIds().intern(b.sku());
      ids.eaches[i] = b.eaches();
      long pair = ((long) ids.location[i] << 32) | ids.sku[i];
      ids.firstOfPair[i] = seen.get(pair) < 0;
      seen.put(pair, i);
    }
    bookIds = ids;
    return ids;
  }

  /** Returns true when a line at the location has an absolute value at the threshold or above. */
  boolean highValue(ReconResult result, String location) {
    for (ReconLine l : result.lines()) {
      if (l.location().equals(location) && l.varianceValue() != null
          && l.varianceValue().abs().compareTo(settings.highValueThreshold()) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * An open task whose line has moved since the task was saved (a WMS movement of its book, or
   * a new book that changed under its count) takes the line as it stands, once: the recount
   * queue, ranked by value, showed the figures before; those stay in the task's history.
   */
  private static void linesMovedUnderTasks(List<ReconLine> lines, ZoneState state,
      Map<String, List<RunRecord.TaskKey>> openTasks, List<RunRecord.NewTask> updated) {
    if (openTasks.isEmpty()) {
      return;
    }
    for (ReconLine l : lines) {
      if (l.reason() == null) {
        continue; // matched now: the recount (or the next close) settles its task
      }
      for (RunRecord.TaskKey t : openTasks.getOrDefault(l.location(), List.of())) {
        if (t.sku().equals(l.sku()) && !state.awaitsCount(t)
            && !Objects.equals(state.taskVariance(t), l.varianceQty())) {
          updated.add(new RunRecord.NewTask(t, l.varianceQty(), l.varianceValue(),
              l.reason()));
        }
      }
    }
  }

  /**
   * Adds the closed locations the run has no line at (found empty where the book lists nothing,
   * or its lines gone with a newer book) to {@code closed}, with no line: they have no variance
   * and are resolved like any such location. Only lines brought a closed location into the
   * plan, so these stayed CLOSED for good, and could not be confirmed.
   */
  private static void closedWithoutLines(ZoneState state, Map<String, List<ReconLine>> closed) {
    Symbols ids = state.locationIds();
    for (int id = 0; id < ids.size(); id++) {
      if (state.location(id).state() == LocationState.CLOSED) {
        closed.putIfAbsent(ids.get(id), List.of());
      }
    }
  }

  /**
   * An open task whose SKU the run has no line for at its location (a newer book no longer
   * lists it there, and nothing of it was counted there) has nothing left to recount: book and
   * count agree at none. Left open, it kept its old value at risk in the recount queue, where no
   * count or close could ever settle it. Taken out of {@code openTasks}, so nothing after marks
   * it again. Returns the locations left with no open task by it.
   *
   * <p>Not a task of the round its location is taking counts in (sent back by a supervisor, or
   * its zone closed uncounted): that count may still find the SKU there, and a variance it
   * finds is tasked under the same key, which a done task would hide from the queue; its close
   * settles the task, as one that awaits a count.
   */
  private static Set<String> tasksWithoutALine(List<ReconLine> lines, ZoneState state,
      Map<String, List<RunRecord.TaskKey>> openTasks, List<RunRecord.TaskKey> done) {
    if (openTasks.isEmpty()) {
      return Set.of();
    }
    Map<String, Set<String>> skusAt = new HashMap<>();
    for (ReconLine l : lines) {
      if (openTasks.containsKey(l.location())) {
        skusAt.computeIfAbsent(l.location(), k -> new HashSet<>()).add(l.sku());
      }
    }
    Set<String> emptied = new HashSet<>();
    for (Map.Entry<String, List<RunRecord.TaskKey>> e : openTasks.entrySet()) {
      Set<String> skus = skusAt.getOrDefault(e.getKey(), Set.of());
      ZoneState.Loc at = state.location(e.getKey());
      boolean counting = at.state().takesCounts();
      if (e.getValue().removeIf(t -> !skus.contains(t.sku())
          && !(counting && t.round() == at.round()) && done.add(t))
          && e.getValue().isEmpty()) {
        emptied.add(e.getKey());
      }
    }
    return emptied;
  }

  /**
   * A location waiting for its recount whose last open task {@link #tasksWithoutALine} marked
   * done has nothing left to recount: it is settled as a recount that found no variance
   * settles it (RESOLVED, with what it was settled on), unless a line there is still off or
   * its recount has begun (scans, or scans held, in its round), which its counter closes, or a
   * supervisor sent it back (that recount is asked for, tasks or none, also across a restart
   * that lost the run weighing it: a run never undoes a supervisor's decision). Left
   * waiting, it showed a recount nobody could do, and the next run took it for a supervisor's
   * send-back and tasked every line there again.
   */
  private void settleNothingLeftToRecount(Set<String> emptied, List<ReconLine> lines,
      ZoneState state, Long snapshotId, List<RunRecord.NewTask> tasks,
      List<JournalEntry.LocationEvent> events) {
    if (emptied.isEmpty()) {
      return;
    }
    Map<String, List<ReconLine>> at = new HashMap<>();
    for (ReconLine l : lines) {
      if (emptied.contains(l.location())) {
        at.computeIfAbsent(l.location(), k -> new ArrayList<>()).add(l);
      }
    }
    Set<String> tasked = new HashSet<>();
    tasks.forEach(t -> tasked.add(t.key().location()));
    long[] rounds = state.countedRounds();
    Map<String, Map<String, Long>> booksThere = Settlement.booksAt(book, emptied);
    for (String location : new java.util.TreeSet<>(emptied)) {
      ZoneState.Loc loc = state.location(location);
      List<ReconLine> here = at.getOrDefault(location, List.of());
      if (loc.state() != LocationState.RECOUNT_REQUESTED || tasked.contains(location)
          || state.sentBackBySupervisor(location)
          || here.stream().anyMatch(l -> l.reason() != null)
          || state.hasCountIn(rounds, location, loc.round())
          || state.heldAt(location, loc.round()) > 0) {
        continue;
      }
      Settlement settled = Settlement.of(snapshotId, figuresAt(here, location),
          booksThere.getOrDefault(location, Map.of()));
      events.add(new JournalEntry.LocationEvent(zone, location, LocationState.RESOLVED.name(),
          loc.round(), "reconciliation", "nothing left to recount: the book no longer lists "
              + "what was to be recounted", settled.text()));
    }
  }

  /** Returns each SKU's book and counted eaches at {@code location}, as "book/counted". */
  static Map<String, String> figuresAt(ReconResult result, String location) {
    return figuresAt(result.lines(), location);
  }

  static Map<String, String> figuresAt(List<ReconLine> lines, String location) {
    Map<String, String> out = new TreeMap<>();
    for (ReconLine l : lines) {
      if (l.location().equals(location)) {
        out.put(l.sku(), l.bookQty() + "/" + l.countedQty());
      }
    }
    return out;
  }

  /** Plans the run: lines, tasks, location moves and alerts. */
  Plan plan(ZoneState state, String trigger, Long snapshotId) {
    return plan(state, trigger, snapshotId, false, Set.of(), Set.of(), Set.of());
  }

  /**
   * Plans the run; with {@code closingZone} (a supervisor closed the zone) every open location
   * that has a missing line and no count in its round, one nobody counted, becomes NOT_COUNTED
   * and its missing lines get recount tasks. {@code sentBack}: locations a supervisor has just
   * sent back, whose open tasks of earlier rounds (a variance that stood, left to the
   * supervisor) the send-back supersedes. {@code settledOnThisBook}: the settled locations
   * settled under snapshot
   * {@code snapshotId}, on the book as it now stands, which a book change before that does not
   * send back to a supervisor. {@code movedSinceSettled}: settled locations whose book a WMS
   * movement dated before their count has moved since: their figures no longer hold.
   */
  Plan plan(ZoneState state, String trigger, Long snapshotId, boolean closingZone,
      Set<String> sentBack, Set<String> settledOnThisBook, Set<String> movedSinceSettled) {
    ReconResult result = reconcile(state);
    List<ReconLine> compared = result.lines();
    List<ReconLine> lines = markMovedSinceSettled(markStillCounting(markBookChanges(compared,
        state, snapshotId, settledOnThisBook), state), state, movedSinceSettled);
    Map<String, List<ReconLine>> closed = new LinkedHashMap<>();
    Map<String, List<ReconLine>> uncounted = new LinkedHashMap<>();
    for (ReconLine l : lines) {
      LocationState at = state.location(l.location()).state();
      if (at == LocationState.CLOSED) {
        closed.computeIfAbsent(l.location(), k -> new ArrayList<>()).add(l);
      } else if (l.status() == Status.MISSING && l.reason() != null
          && (at == LocationState.NOT_COUNTED || closingZone && at == LocationState.OPEN
              && (l.flags() & Flag.STILL_COUNTING.bit()) == 0)) {
        // An open location still being counted (a station has it open: the zone close left it
        // so) is not one nobody counted: its SKUs not scanned yet wait for its counter's close.
        uncounted.computeIfAbsent(l.location(), k -> new ArrayList<>()).add(l);
      }
    }
    closedWithoutLines(state, closed);
    List<RunRecord.NewTask> tasks = new ArrayList<>();
    List<RunRecord.NewTask> updated = new ArrayList<>();
    List<RunRecord.TaskKey> done = new ArrayList<>();
    List<JournalEntry.LocationEvent> events = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    taskSentBack(lines, state, sentBack, tasks, done, alerts);
    // Done by the send-back: left out below, so no later step marks the same task done again.
    Set<RunRecord.TaskKey> doneBySendBack = done.isEmpty() ? Set.of() : new HashSet<>(done);
    for (Map.Entry<String, List<ReconLine>> e : uncounted.entrySet()) {
      String location = e.getKey();
      ZoneState.Loc at = state.location(location);
      for (ReconLine l : e.getValue()) {
        RunRecord.TaskKey key = new RunRecord.TaskKey(location, l.sku(), at.round());
        if (!state.tasks().containsKey(key)) {
          String reason = RunRecord.ZONE_CLOSED + l.reason();
          tasks.add(new RunRecord.NewTask(key, null, null, reason));
          alerts.add(alert(l, reason, at.round()));
        }
      }
      if (at.state() == LocationState.OPEN) {
        events.add(new JournalEntry.LocationEvent(zone, location,
            LocationState.NOT_COUNTED.name(), at.round(), "reconciliation",
            "never counted when the zone closed"));
      }
    }
    // Open tasks by location, so each closed location looks only at its own (a zone of 50 000
    // locations with thousands of tasks would otherwise compare every pair).
    Map<String, List<RunRecord.TaskKey>> openTasks = new HashMap<>();
    for (Map.Entry<RunRecord.TaskKey, String> t : state.tasks().entrySet()) {
      if (!t.getValue().equals("OPEN") || doneBySendBack.contains(t.getKey())) {
        continue;
      }
      LocationState at = state.location(t.getKey().location()).state();
      if (at == LocationState.RESOLVED || at == LocationState.CONFIRMED) {
        done.add(t.getKey()); // resolved by a supervisor or by a clean recount
      } else {
        openTasks.computeIfAbsent(t.getKey().location(), k -> new ArrayList<>())
            .add(t.getKey());
      }
    }
    linesMovedUnderTasks(lines, state, openTasks, updated);
    Set<String> nothingLeft = tasksWithoutALine(lines, state, openTasks, done);
    long[] countedRounds = closed.isEmpty() ? new long[0] : state.countedRounds();
    Map<String, Map<String, Long>> booksThere = null; // of the closed locations, once needed
    for (Map.Entry<String, List<ReconLine>> e : closed.entrySet()) {
      String location = e.getKey();
      int round = state.location(location).round();
      for (RunRecord.TaskKey t : openTasks.getOrDefault(location, List.of())) {
        if (t.round() < round) {
          done.add(t);
        }
      }
      List<ReconLine> variances = e.getValue().stream().filter(l -> l.reason() != null).toList();
      if (variances.isEmpty()) {
        if (booksThere == null) {
          booksThere = Settlement.booksAt(book, closed.keySet());
        }
        Settlement settled = Settlement.of(snapshotId, figuresAt(e.getValue(), location),
            booksThere.getOrDefault(location, Map.of()));
        events.add(new JournalEntry.LocationEvent(zone, location, LocationState.RESOLVED.name(),
            round, "reconciliation", "no variance to recount", settled.text()));
        for (RunRecord.TaskKey t : openTasks.getOrDefault(location, List.of())) {
          if (t.round() == round) {
            done.add(t); // a task this round opened (zone closed, sent back): it matches now
          }
        }
        continue;
      }
      boolean recount = round < settings.maxRecounts();
      Set<String> varianceSkus = new HashSet<>();
      for (ReconLine l : variances) {
        varianceSkus.add(l.sku());
        RunRecord.TaskKey key = new RunRecord.TaskKey(location, l.sku(), round);
        boolean countedAfterClose = state.awaitsCount(key) && l.countedQty() != null;
        if (state.tasks().containsKey(key) && !countedAfterClose) {
          continue;
        }
        // "Stands" only when the round before had a variance there too (its task, or its count
        // off the book when a supervisor sent it back before any run tasked it): a line the
        // count before matched and the recount found off is a new difference, not a confirmed
        // one, and a supervisor must not read it as confirmed.
        Long before = recount ? null
            : state.countedInRound(countedRounds, location, l.sku(), round - 1);
        boolean stood = state.tasks().containsKey(
            new RunRecord.TaskKey(location, l.sku(), round - 1))
            || before != null && before != (l.bookQty() == null ? 0 : l.bookQty());
        String reason = recount || l.has(Flag.BOOK_CHANGED) ? l.reason()
            : !state.hasCountIn(countedRounds, location, round)
                // Found empty by its counter, or closed with its zone uncounted: both read so.
                ? RunRecord.DECIDE + "the recount closed with nothing scanned (found empty, or "
                    + "closed with its zone): " + l.reason()
            : stood ? RunRecord.DECIDE + "variance stands after " + round + " recount(s): "
                + l.reason()
            : RunRecord.DECIDE + "the recount found a difference the count before did not "
                + "(recount limit reached): " + l.reason();
        RunRecord.NewTask task = new RunRecord.NewTask(key, l.varianceQty(), l.varianceValue(),
            reason);
        // A line tasked when its zone closed uncounted, counted since: the task takes the
        // count's figures and reason, and alerts like any new variance.
        (countedAfterClose ? updated : tasks).add(task);
        alerts.add(alert(l, reason, round));
      }
      for (RunRecord.TaskKey t : openTasks.getOrDefault(location, List.of())) {
        if (t.round() == round && state.awaitsCount(t) && !varianceSkus.contains(t.sku())) {
          done.add(t); // counted since the zone closed, and it matches
        }
      }
      if (recount) {
        events.add(new JournalEntry.LocationEvent(zone, location,
            LocationState.RECOUNT_REQUESTED.name(), round + 1, "reconciliation",
            variances.size() + " line(s) to recount"));
      }
    }
    requestRecountOfBookChanges(lines, state, settledOnThisBook, movedSinceSettled, tasks,
        updated, events, alerts);
    settleNothingLeftToRecount(nothingLeft, lines, state, snapshotId, tasks, events);
    ReconResult.Summary sum = result.summary();
    // A line whose book changed during its count posts no variance (F17): not in the totals.
    // One left to a supervisor at the recount limit keeps its variance against the book as it
    // now stands (accepting it posts that), and stays in them.
    BigDecimal net = sum.netValue();
    BigDecimal abs = sum.absValue();
    // Lines whose variance the totals leave out: no cost, and (F17) the book changed.
    int withoutValue = sum.varianceLinesWithoutValue();
    int withValue = sum.varianceLinesWithValue();
    for (int i = 0; i < lines.size(); i++) {
      BigDecimal value = compared.get(i).varianceValue(); // line for line, as compared
      if (lines.get(i).has(Flag.BOOK_CHANGED) && lines.get(i).varianceQty() == null) {
        if (value != null) {
          net = net.subtract(value);
          abs = abs.subtract(value.abs());
        }
        if (compared.get(i).varianceQty() != null && compared.get(i).varianceQty() != 0
            && value != null) {
          withoutValue++;
          withValue--;
        }
      }
    }
    // As reconcile's summary says it: variances none of which has a value are worth an unknown
    // amount, which 0.00 would show as nothing at stake.
    if (ReconResult.Summary.noneValued(withValue, withoutValue)) {
      net = null;
      abs = null;
    }
    RunRecord run = new RunRecord(zone, trigger, state.lastSeq(), snapshotId, lines, net, abs,
        withoutValue, tasks, done, events, largestFirst(alerts), updated);
    return new Plan(run);
  }

  /**
   * Orders each location's alerts of a round largest variance first (by absolute value, unknown
   * values last; otherwise as found), and has the first say how many more the location has.
   * One message per location and round goes out at once (AlertPolicy) and the rest wait for
   * the digest, so the one sent at once must be the one that matters most: in location and
   * SKU order it was the alphabetically first SKU, and a larger variance there waited.
   */
  static List<Alert> largestFirst(List<Alert> alerts) {
    Map<String, List<Alert>> byLocation = new LinkedHashMap<>();
    for (Alert a : alerts) {
      byLocation.computeIfAbsent(a.location() + '\n' + a.round(), k -> new ArrayList<>())
          .add(a);
    }
    List<Alert> out = new ArrayList<>(alerts.size());
    for (List<Alert> here : byLocation.values()) {
      here.sort(Comparator.comparing((Alert a) -> a.value() == null ? null : a.value().abs(),
          Comparator.nullsLast(Comparator.reverseOrder())));
      here.set(0, here.get(0).withMoreAtLocation(here.size() - 1));
      out.addAll(here);
    }
    return out;
  }

  /**
   * A location waiting for a recount with no open task was sent back by a supervisor (a recount
   * the run asks for comes with its tasks): its lines get tasks in the new round, and alerts, so
   * the recount is on the queue and somebody is told. The recount's figures replace them.
   */
  private void taskSentBack(List<ReconLine> lines, ZoneState state, Set<String> sentBack,
      List<RunRecord.NewTask> tasks, List<RunRecord.TaskKey> done, List<Alert> alerts) {
    Set<String> withOpenTask = new HashSet<>();
    state.tasks().forEach((k, status) -> {
      if (!status.equals("OPEN")) {
        return;
      }
      if (sentBack.contains(k.location()) && k.round() < state.location(k.location()).round()) {
        done.add(k); // the supervisor's decision was to count again: this task is behind it
      } else {
        withOpenTask.add(k.location());
      }
    });
    Map<String, List<ReconLine>> waiting = new LinkedHashMap<>();
    for (ReconLine l : lines) {
      if (state.location(l.location()).state() == LocationState.RECOUNT_REQUESTED
          && !withOpenTask.contains(l.location())) {
        waiting.computeIfAbsent(l.location(), k -> new ArrayList<>()).add(l);
      }
    }
    for (Map.Entry<String, List<ReconLine>> e : waiting.entrySet()) {
      int round = state.location(e.getKey()).round();
      List<ReconLine> with = e.getValue().stream().filter(l -> l.reason() != null).toList();
      for (ReconLine l : with.isEmpty() ? e.getValue() : with) {
        RunRecord.TaskKey key = new RunRecord.TaskKey(e.getKey(), l.sku(), round);
        if (!state.tasks().containsKey(key)) {
          String reason = RunRecord.SENT_BACK + (l.reason() == null ? "recount the location"
              : l.reason());
          tasks.add(new RunRecord.NewTask(key, l.varianceQty(), l.varianceValue(), reason));
          alerts.add(alert(l, reason, round));
        }
      }
    }
  }

  /**
   * Flags the lines of locations still being counted (taking counts, with counts in their
   * current round: a count, or a recount, under way), the book SKUs not scanned there yet
   * included: a location half counted would otherwise show as a large short to a supervisor
   * reading the zone's report. A location waiting for a recount nobody has started holds the
   * figures its closed count left (a WMS movement may move its book under them): it is not
   * being counted. A zone close closes, before its run, the locations no station has open; one
   * still open with counts in its round at the run was left open for its counter: still counting.
   */
  private static List<ReconLine> markStillCounting(List<ReconLine> lines, ZoneState state) {
    Set<String> counting = new HashSet<>();
    Set<String> looked = new HashSet<>();
    long[] rounds = null; // of the counted cells, once a location needs them
    for (ReconLine l : lines) {
      ZoneState.Loc at = state.location(l.location());
      if (l.countedQty() == null || !at.state().takesCounts() || !looked.add(l.location())) {
        continue;
      }
      if (rounds == null) {
        rounds = state.countedRounds();
      }
      if (state.hasCountIn(rounds, l.location(), at.round())) {
        counting.add(l.location());
      }
    }
    List<ReconLine> out = new ArrayList<>(lines.size());
    for (ReconLine l : lines) {
      if (!counting.contains(l.location())) {
        out.add(l);
        continue;
      }
      int round = state.location(l.location()).round();
      // In a recount, a SKU it has not scanned yet still shows the earlier round's figure:
      // said, so that it is not read as the recount's, beside the SKUs the recount counted.
      boolean earlier = round > 0 && l.countedQty() != null
          && !state.skuCountedIn(l.location(), l.sku(), round);
      int flags = l.flags() | Flag.STILL_COUNTING.bit()
          | (earlier ? Flag.NOT_RECOUNTED_YET.bit() : 0);
      out.add(new ReconLine(l.sku(), l.location(), l.lot(), l.parts(), l.bookQty(),
          l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(), l.status(), flags,
          l.reason()));
    }
    return out;
  }

  /**
   * Marks the off lines of settled locations whose book a movement dated before their count has
   * moved since ({@code moved}): their reason says so, and they are sent back as a book change's
   * are ({@link #requestRecountOfBookChanges}). A line within the limits is left as it is.
   */
  private static List<ReconLine> markMovedSinceSettled(List<ReconLine> lines, ZoneState state,
      Set<String> moved) {
    if (moved.isEmpty()) {
      return lines;
    }
    List<ReconLine> out = new ArrayList<>(lines.size());
    for (ReconLine l : lines) {
      boolean off = l.reason() != null && !l.has(Flag.BOOK_CHANGED)
          && moved.contains(l.location())
          && state.location(l.location()).state() == LocationState.RESOLVED;
      out.add(!off ? l : new ReconLine(l.sku(), l.location(), l.lot(), l.parts(), l.bookQty(),
          l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(), l.status(),
          l.flags(), RunRecord.MOVED_SINCE_SETTLED + l.reason()));
    }
    return out;
  }

  /**
   * A line whose book changed after its location was settled (resolved or confirmed) goes back
   * to recount: its variance is not posted, so it must not stand as settled. At most up to the
   * recount limit, so a line that keeps changing cannot loop; there, a supervisor decides again,
   * unless the location was settled under the book now in force ({@code settledOnThisBook}).
   */
  private void requestRecountOfBookChanges(List<ReconLine> lines, ZoneState state,
      Set<String> settledOnThisBook, Set<String> movedSinceSettled,
      List<RunRecord.NewTask> tasks, List<RunRecord.NewTask> updated,
      List<JournalEntry.LocationEvent> events, List<Alert> alerts) {
    Set<String> requested = new HashSet<>();
    for (ReconLine l : lines) {
      ZoneState.Loc at = state.location(l.location());
      // A confirmed location is final: inventory control signed it off and its adjustment is
      // posted; the WMS moving stock there later is business, not a count to redo (and it
      // can no longer be sent back).
      if (at.state() != LocationState.RESOLVED) {
        continue;
      }
      // A movement dated before the count corrects the book it was settled on (same snapshot):
      // a line it leaves off by more than the limits is recounted as a new book's would be.
      boolean moved = l.reason() != null
          && l.reason().startsWith(RunRecord.MOVED_SINCE_SETTLED);
      if (!Flag.BOOK_CHANGED.in(l.flags()) && !moved) {
        continue;
      }
      RunRecord.TaskKey key = new RunRecord.TaskKey(l.location(), l.sku(), at.round());
      if (at.round() >= settings.maxRecounts()) {
        // At the recount limit it is not sent back by itself (a line whose book keeps changing
        // would loop): a supervisor decides. Once: the location is closed for it (below), and
        // once accepted again it was settled on this book (the alert alone came back in every
        // cycle's log and digest). A location accepted from a decision of this round has that
        // task already (done): it is opened again with the line as it now stands.
        if (moved || !settledOnThisBook.contains(l.location())) {
          // The line's reason says what accepting it again posts (see markBookChanges); a
          // moved one's says its variance against the moved book, which accepting posts.
          RunRecord.NewTask task = new RunRecord.NewTask(key, l.varianceQty(),
              l.varianceValue(), l.reason());
          (state.tasks().containsKey(key) ? updated : tasks).add(task);
          alerts.add(alert(l, l.reason(), at.round()));
          if (requested.add(l.location())) {
            // Settled no more: its task stays open (a settled location's tasks close at the
            // next run), and it is not confirmed on figures that no longer hold. Its counts
            // stand as they were (see ZoneState.applyEvent).
            events.add(new JournalEntry.LocationEvent(zone, l.location(),
                LocationState.CLOSED.name(), at.round(), "reconciliation",
                "book changed after the location was settled: to decide again"));
          }
        }
        continue;
      }
      if (!state.tasks().containsKey(key)) {
        tasks.add(new RunRecord.NewTask(key, null, null, l.reason()));
        alerts.add(alert(l, l.reason(), at.round()));
      }
      if (requested.add(l.location())) {
        events.add(new JournalEntry.LocationEvent(zone, l.location(),
            LocationState.RECOUNT_REQUESTED.name(), at.round() + 1, "reconciliation",
            "book changed after the location was settled"));
      }
    }
  }

  /**
   * Field report F17: a count taken under an earlier book snapshot whose quantity for the line
   * differs from the current one is not compared with either; with no WMS movements to replay,
   * the line is sent to recount with the reason "book changed since count". At the recount
   * limit, where no recount is left, a line counted to the book as it now stands is left as
   * compared (nothing to decide), and any other goes to a supervisor with its variance against
   * the book as it now stands, which accepting it posts ({@link #toDecide}). Once accepted on
   * that book ({@code settledOnThisBook}), settled or confirmed, the line keeps that variance,
   * which is what its confirmation posts, and says it was accepted so.
   */
  private List<ReconLine> markBookChanges(List<ReconLine> lines, ZoneState state,
      Long current, Set<String> settledOnThisBook) {
    if (current == null || !state.countedUnderOtherThan(current)) {
      return lines;
    }
    Map<ZoneState.Pair, Long> now = new HashMap<>();
    book.forEach(b -> now.merge(new ZoneState.Pair(b.location(), b.sku()), b.eaches(),
        Long::sum));
    Map<ZoneState.Pair, Set<Long>> under = state.countedUnder();
    List<ReconLine> out = new ArrayList<>(lines.size());
    for (ReconLine l : lines) {
      ZoneState.Pair pair = new ZoneState.Pair(l.location(), l.sku());
      long onBook = now.getOrDefault(pair, 0L);
      Long then = null;
      for (long s : under.getOrDefault(pair, Set.of())) {
        if (s == current || !state.knowsBookAt(s, l.location())
            || !state.knowsBookAt(current, l.location())) {
          continue; // unknown is not zero: no book change is claimed from it
        }
        long atCount = state.bookThen(s, pair, onBook, current);
        if (atCount != onBook) {
          then = atCount;
        }
      }
      if (then == null) {
        out.add(l);
        continue;
      }
      ZoneState.Loc at = state.location(l.location());
      boolean atLimit = at.round() >= settings.maxRecounts();
      boolean toDecide = atLimit
          && (at.state() == LocationState.CLOSED || at.state() == LocationState.RESOLVED);
      boolean settled = at.state() == LocationState.RESOLVED
          || at.state() == LocationState.CONFIRMED;
      if (atLimit && settled && settledOnThisBook.contains(l.location())
          && Long.valueOf(0).equals(l.varianceQty())) {
        out.add(l); // settled on the book as it now stands, and matching it: nothing posted
      } else if (atLimit && settled && settledOnThisBook.contains(l.location())) {
        // Accepted on the book as it now stands (and maybe confirmed since): what was posted,
        // or is to be, is the variance against it, which the line keeps.
        out.add(new ReconLine(l.sku(), l.location(), l.lot(), l.parts(), l.bookQty(),
            l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(), l.status(),
            l.flags() | Flag.BOOK_CHANGED.bit(), "accepted on the book as it now stands, "
                + "which changed under the count (" + then + " EA when counted, " + onBook
                + " EA now)"));
      } else if (toDecide && at.state() == LocationState.CLOSED && l.varianceQty() != null
          && l.varianceQty() == 0) {
        // Counted, at the recount limit, what the book now says: no recount is left to ask
        // for, and accepting it would post nothing, so nothing is left to decide.
        out.add(l);
      } else if (toDecide) {
        // No recount is left: a supervisor decides, and what is accepted is posted, so the
        // line keeps its variance against the book as it now stands, and the reason says so.
        out.add(new ReconLine(l.sku(), l.location(), l.lot(), l.parts(), l.bookQty(),
            l.countedQty(), l.varianceQty(), l.unitCost(), l.varianceValue(), l.status(),
            l.flags() | Flag.BOOK_CHANGED.bit(),
            toDecide(l, at, state.closedInRound(l.location()), then, onBook)));
      } else {
        // No variance and no value: the difference is the WMS's own book change, not a count
        // error, so neither the task, the alert, the WMS nor the report carries one. A
        // confirmed location is final (see requestRecountOfBookChanges): its adjustment was
        // posted on the book it was settled on (often the very change seen here), and it is
        // not recounted.
        String after = at.state() == LocationState.CONFIRMED
            ? "confirmed before it changed, its adjustment stands as posted; no recount"
            : "recount, no variance posted";
        out.add(new ReconLine(l.sku(), l.location(), l.lot(), l.parts(),
            l.bookQty(), l.countedQty(), null, l.unitCost(), null,
            l.status(), l.flags() | Flag.BOOK_CHANGED.bit(), RunRecord.BOOK_CHANGED + " ("
                + then + " EA when counted, " + onBook + " EA now): " + after));
      }
    }
    return out;
  }

  /**
   * The decision left to a supervisor for a line whose book changed under its count at the
   * recount limit: what happened (the book changed after the location was settled, or under
   * its count or recount, which may have matched the book as it was), and what accepting it
   * posts: the variance against the book as it now stands. {@code closedIn}: the round its
   * counter last closed it in; below its round, the recount asked of it was never done (it
   * was accepted on its count, and is back to decide), so the wording names neither a recount
   * nor the limit it reached.
   */
  private static String toDecide(ReconLine l, ZoneState.Loc at, int closedIn, long then,
      long onBook) {
    String count = closedIn > 0 ? "recount" : "count";
    boolean recountNotDone = closedIn >= 0 && closedIn < at.round();
    boolean settledBefore = at.state() == LocationState.RESOLVED || recountNotDone;
    String figures = then + " EA when counted, " + onBook + " EA now; counted "
        + l.countedQty() + " EA";
    String happened = recountNotDone
        ? "the book changed after the location was settled on its " + count + ", with the "
            + "recount asked of it not done (" + figures + ")"
        : settledBefore
        ? "the book changed after the location was settled, at the recount limit (" + figures
            + ")"
        : Objects.equals(l.countedQty(), then)
        ? "the " + count + " matched the book as it was when counted (" + then + " EA), but "
            + "the book changed under it (" + onBook + " EA now), at the recount limit"
        : "the book changed under the " + count + " (" + figures + "), at the recount limit";
    String accept = settledBefore ? "accept it again" : "accept it";
    String posted = l.varianceQty() == null ? "nothing is posted (no count)"
        : l.varianceQty() == 0 ? "nothing is posted (the count matches the book as it now "
            + "stands)"
        : "the variance against the book as it now stands, " + signed(l.varianceQty())
            + " EA, is posted";
    return RunRecord.DECIDE + happened + ": send it back to count it again, or " + accept
        + ": " + posted;
  }

  private Alert.Kind kind(ReconLine l) {
    return l.varianceValue() != null
        && l.varianceValue().abs().compareTo(settings.highValueThreshold()) >= 0
        ? Alert.Kind.HIGH_VALUE : Alert.Kind.RECOUNT;
  }

  /** The structured alert for a line to recount, with the printed line. */
  Alert alert(ReconLine l, String reason, int round) {
    LocationScheme.Parts p = l.parts();
    return new Alert(kind(l), zone, p == null ? "" : p.aisle(), p == null ? "" : p.bay(),
        p == null ? "" : p.level(), l.location(), l.sku(), l.varianceQty(), l.varianceValue(),
        round, alertLine(l, reason));
  }

  /** One line naming zone, aisle, bay, level, SKU and variance. */
  String alertLine(ReconLine l, String reason) {
    LocationScheme.Parts p = l.parts();
    String figures;
    if (l.has(Flag.BOOK_CHANGED)) {
      figures = "counted " + l.countedQty() + " EA, book " + l.bookQty() + " EA now";
    } else if (l.varianceQty() == null) {
      // Not counted: no variance and no value, whatever the item costs.
      figures = "book " + (l.bookQty() == null ? "?" : l.bookQty()) + " EA, not counted";
    } else {
      String value = l.varianceValue() == null ? "unknown (no cost)"
          : Money.exact(l.varianceValue());
      figures = signed(l.varianceQty()) + " EA value " + value;
    }
    return "ALERT zone " + zone + " aisle " + part(p == null ? "" : p.aisle())
        + " bay " + part(p == null ? "" : p.bay()) + " level " + part(p == null ? "" : p.level())
        + " (" + l.location() + ") sku " + l.sku() + " " + l.status().label() + " "
        + figures + ": " + reason;
  }

  private static String part(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private static String signed(Long v) {
    return v == null ? "?" : v > 0 ? "+" + v : Long.toString(v);
  }

  private ItemMaster items(Symbols skus) {
    ItemMaster items = new ItemMaster();
    for (int id = 0; id < skus.size(); id++) {
      String sku = skus.get(id);
      if (master.hasConflict(sku)) {
        items.markConflict(id); // its lines say the master data disagrees, as reconcile's do
      }
      MasterData.Item item = master.items().get(sku);
      if (item == null) {
        continue;
      }
      BigDecimal cost = item.unitCost();
      if (cost != null) {
        items.setCost(id, cost.unscaledValue().longValueExact(), cost.scale());
      }
      if (item.skuClass() != null) {
        items.setClass(id, item.skuClass());
      }
    }
    return items;
  }

  /** Fills {@code uom} with the master data's factors for the SKUs of {@code skus}. */
  private UomTable factors(UomTable uom, Symbols skus) {
    for (int id = 0; id < skus.size(); id++) {
      Map<String, Long> units = master.uom().get(skus.get(id));
      if (units == null) {
        continue;
      }
      for (Map.Entry<String, Long> u : new TreeMap<>(units).entrySet()) {
        uom.put(id, uom.unitId(u.getKey()), u.getValue());
      }
    }
    return uom;
  }
}
