package io.dockcount.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.core.CountRecord;
import io.dockcount.core.ItemMaster;
import io.dockcount.core.ReconLine;
import io.dockcount.core.ReconResult;
import io.dockcount.core.Reconciliation;
import io.dockcount.core.Symbols;
import io.dockcount.core.UomTable;
import io.dockcount.store.GroupCommitter;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact zone state against a plain model of the journal, and its three ways of being
 * rebuilt (the shared read of the whole journal, one zone's own read, and a replay of the full
 * stored records) against the state the zone kept while writing.
 */
final class ZoneStateTest {
  private static final String[] SKUS = {"00913", "0777", "ZZ999", "0042"};
  private static final String[] STATES = {"CLOSED", "OPEN", "RECOUNT_REQUESTED", "RESOLVED"};

  /** A count as the model keeps it. */
  private record Rec(long seq, String zone, String location, String sku, long eaches, int round,
      String station, long stationSeq, Long snapshot, String unit) {}

  @Test
  void rebuiltState_afterRandomJournal_equalsLiveStateAndModel(@TempDir Path dir)
      throws Exception {
    ExecutorService blocking = Executors.newFixedThreadPool(2);
    Store store = Store.open(StoreSettings.under(dir));
    GroupCommitter journal = new GroupCommitter(store, blocking);
    try {
      Map<String, ZoneState> live = Map.of("A", new ZoneState(), "B", new ZoneState());
      Map<Long, Rec> model = new TreeMap<>();
      Map<Long, Rec> voided = new HashMap<>();
      Map<String, Integer> closedIn = new HashMap<>();
      writeRandomJournal(store, new Random(42), live, model, voided, closedIn);

      for (String zone : live.keySet()) {
        String want = fingerprint(live.get(zone), model, zone);
        assertEquals(counted(model, voided, closedIn, zone), countedOf(live.get(zone)),
            "model, zone " + zone);
        assertEquals(want, fingerprint(ZoneState.recover(store, zone, 1L), model, zone),
            "own read, zone " + zone);
        assertEquals(want, fingerprint(ZoneState.replay(store.loadZone(zone, 1L)), model, zone),
            "replay, zone " + zone);
      }
      ZoneDeps deps = new ZoneDeps(store, journal, blocking, ZoneFixture.MASTER, 1L,
          ZoneFixture.settings(Duration.ofHours(1), "100", 1), a -> { });
      ZoneRecovery recovery = ZoneRecovery.start(deps);
      for (String zone : live.keySet()) {
        ZoneState shared = recovery.take(zone, 1L).get(30, TimeUnit.SECONDS);
        assertEquals(fingerprint(live.get(zone), model, zone),
            fingerprint(shared, model, zone), "shared read, zone " + zone);
        assertNull(recovery.take(zone, 1L), "a second start reads its own journal");
      }
      assertEquals(0, recovery.take("C", 1L).get(30, TimeUnit.SECONDS).liveRecords());
    } finally {
      journal.close();
      store.close();
      blocking.shutdown();
      blocking.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void reconcile_afterRandomJournal_equalsCoreOverModelCounts(@TempDir Path dir) {
    try (Store store = Store.open(StoreSettings.under(dir))) {
      Map<String, ZoneState> live = Map.of("A", new ZoneState(), "B", new ZoneState());
      Map<Long, Rec> model = new TreeMap<>();
      Map<Long, Rec> voided = new HashMap<>();
      Map<String, Integer> closedIn = new HashMap<>();
      writeRandomJournal(store, new Random(7), live, model, voided, closedIn);
      // A book with lines at counted and never-counted SKUs and locations, one pair twice.
      List<MasterData.BookLine> book = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        book.add(new MasterData.BookLine("A-01-0" + i + "-A", SKUS[i % SKUS.length], "", 5 * i));
        book.add(new MasterData.BookLine("A-01-0" + i + "-A", "0999", "", i));
      }
      book.add(new MasterData.BookLine("A-01-02-A", "0777", "L1", 4));
      ZoneSettings settings = ZoneFixture.settings(Duration.ofHours(1), "100", 1);
      ZoneState state = live.get("A");

      ReconResult got = new ZoneReconciler("A", ZoneFixture.MASTER, book, settings)
          .reconcile(state);

      assertEquals(coreOverModel(book, counted(model, voided, closedIn, "A"), state, settings)
          .lines(), got.lines());
      // The journal gave the comparison something to show: counts off book, short and zero.
      assertTrue(got.lines().size() > book.size(), "lines " + got.lines().size());
      assertTrue(got.lines().stream().map(ReconLine::status).distinct().count() >= 3,
          "statuses " + got.lines().stream().map(ReconLine::status).distinct().toList());
    }
  }

  @Test
  void bookDeliveries_countedUnderEach_earlierBooksKeptOnlyWhereCountedAndReadOnce() {
    // A week of WMS deliveries, each counted under at a location of its own: the store hands
    // over what is asked for at every counted location, as it did before it was narrowed.
    ZoneState state = new ZoneState();
    List<String> counted = new ArrayList<>();
    long seq = 0;
    for (long snapshot = 1; snapshot <= 60; snapshot++) {
      String location = String.format("A-%02d-01-A", snapshot);
      counted.add(location);
      seq++;
      state.applyCount(seq, "DOCK-1", seq, location, "00913", 5, 0, snapshot, null, "EA");
      long next = snapshot + 1;

      java.util.Set<Long> toRead = state.snapshotsToRead(next);
      assertTrue(toRead.contains(next), "the snapshot coming into force, never read");
      state.rememberBooks(storedAt(toRead, counted), next);

      assertTrue(toRead.size() <= 2, "delivery " + next + " read " + toRead);
    }

    for (long snapshot = 1; snapshot <= 60; snapshot++) {
      String own = String.format("A-%02d-01-A", snapshot);
      String other = String.format("A-%02d-01-A", snapshot == 1 ? 2 : 1);
      assertTrue(state.knowsBookAt(snapshot, own), "snapshot " + snapshot + " at " + own);
      assertEquals(snapshot, state.bookAt(snapshot, new ZoneState.Pair(own, "00913")));
      assertTrue(!state.knowsBookAt(snapshot, other), "snapshot " + snapshot + " at " + other);
    }
    assertTrue(state.knowsBookAt(61, "A-30-01-A"), "the book in force, at every counted one");
    assertEquals(java.util.Set.of(62L), state.snapshotsToRead(62),
        "the new one only: nothing left to read again");
    // One known only where counted under it (as after a restart on the start-up files' book)
    // is read again, at every counted location, when it comes into force.
    assertEquals(java.util.Set.of(30L), state.snapshotsToRead(30));
  }

  /** Each snapshot's book: SKU 00913 at every one of {@code locations}, its id in eaches. */
  private static Store.StoredBooks storedAt(java.util.Set<Long> snapshots,
      List<String> locations) {
    Map<Long, Map<Store.LocationSku, Long>> lines = new HashMap<>();
    Map<Long, java.util.Set<String>> at = new HashMap<>();
    for (long s : snapshots) {
      Map<Store.LocationSku, Long> book = new HashMap<>();
      locations.forEach(l -> book.put(new Store.LocationSku(l, "00913"), s));
      lines.put(s, book);
      at.put(s, new java.util.HashSet<>(locations));
    }
    return new Store.StoredBooks(lines, at);
  }

  /** The reconciliation as the zone computed it with String-keyed maps of its records. */
  private static ReconResult coreOverModel(List<MasterData.BookLine> book,
      Map<String, Long> counted, ZoneState state, ZoneSettings settings) {
    Symbols skus = new Symbols();
    Symbols locations = new Symbols();
    Reconciliation rec = new Reconciliation(skus, locations, null);
    java.util.Set<String> bookPairs = new java.util.LinkedHashSet<>();
    for (MasterData.BookLine b : book) {
      rec.addBook(skus.intern(b.sku()), locations.intern(b.location()), 0, b.eaches());
      bookPairs.add(b.location() + " " + b.sku());
    }
    counted.forEach((pair, eaches) -> rec.addCount(skus.intern(pair.split(" ")[1]),
        locations.intern(pair.split(" ")[0]), 0, eaches));
    for (String pair : bookPairs) {
      String location = pair.split(" ")[0];
      if (!counted.containsKey(pair)
          && state.location(location).state() != LocationState.OPEN) {
        rec.addCount(skus.intern(pair.split(" ")[1]), locations.intern(location), 0, 0);
      }
    }
    ItemMaster items = new ItemMaster();
    UomTable uom = new UomTable();
    for (int id = 0; id < skus.size(); id++) {
      MasterData.Item item = ZoneFixture.MASTER.items().get(skus.get(id));
      if (item != null && item.unitCost() != null) {
        items.setCost(id, item.unitCost().unscaledValue().longValueExact(),
            item.unitCost().scale());
      }
      Map<String, Long> units = ZoneFixture.MASTER.uom().get(skus.get(id));
      for (Map.Entry<String, Long> u : new TreeMap<>(units == null ? Map.<String, Long>of()
          : units).entrySet()) {
        uom.put(id, uom.unitId(u.getKey()), u.getValue());
      }
    }
    return rec.reconcile(items, uom, settings.scheme(), settings.policy());
  }

  /** Counts, voids and location events in random batches, applied as a zone applies them. */
  private static void writeRandomJournal(Store store, Random rnd, Map<String, ZoneState> live,
      Map<Long, Rec> model, Map<Long, Rec> voided, Map<String, Integer> closedIn) {
    Map<String, Integer> rounds = new HashMap<>();
    Map<String, Long> stationSeqs = new HashMap<>();
    for (int batch = 0; batch < 150; batch++) {
      List<JournalEntry> entries = new ArrayList<>();
      List<Object> facts = new ArrayList<>();
      for (int k = 0, n = 1 + rnd.nextInt(12); k < n; k++) {
        String zone = rnd.nextBoolean() ? "A" : "B";
        String location = zone + "-01-0" + (1 + rnd.nextInt(6)) + "-A";
        int what = rnd.nextInt(10);
        List<Rec> voidable = model.values().stream().filter(r -> r.zone().equals(zone)
            && !voided.containsKey(r.seq()) && !facts.contains(r)).toList();
        if (what < 7 || voidable.isEmpty()) {
          String station = "DOCK-" + rnd.nextInt(3);
          long stationSeq = stationSeqs.merge(station, 1L, Long::sum);
          String sscc = rnd.nextInt(8) == 0 ? "0031234560000000" + rnd.nextInt(20) : "";
          Long snapshot = rnd.nextInt(4) == 0 ? Long.valueOf(2) : rnd.nextInt(5) == 0 ? null : 1L;
          long eaches = rnd.nextInt(20);
          int round = rounds.getOrDefault(location, 0);
          String sku = SKUS[rnd.nextInt(SKUS.length)];
          CountRecord r = new CountRecord(station, "ana", location, sku, "EA",
              BigDecimal.valueOf(eaches), eaches, "", sku, stationSeq, "", "", sscc);
          entries.add(new JournalEntry.Count(zone, r, round, snapshot));
          facts.add(new Rec(0, zone, location, sku, eaches, round, station, stationSeq,
              snapshot, r.unitIdentity()));
        } else if (what < 8) {
          Rec victim = voidable.get(rnd.nextInt(voidable.size()));
          entries.add(new JournalEntry.Void(zone, victim.seq(), "DOCK-0", "ana", "double"));
          facts.add(victim);
        } else {
          String state = STATES[rnd.nextInt(STATES.length)];
          // A run's recount, a supervisor's send-back, or a supervisor making the recount a
          // run asked the supervisor's own: the same state and round, by the supervisor.
          boolean own = state.equals("RECOUNT_REQUESTED") && rnd.nextInt(4) == 0;
          int round = rounds.getOrDefault(location, 0)
              + (state.equals("RECOUNT_REQUESTED") && !own ? 1 : 0);
          rounds.put(location, round);
          String by = state.equals("RECOUNT_REQUESTED") && rnd.nextBoolean()
              ? ZoneState.RECONCILIATION : "sup";
          entries.add(new JournalEntry.LocationEvent(zone, location, state, round,
              own ? "sup" : by, ""));
          facts.add(state);
        }
      }
      long[] seqs = store.append(entries);
      for (int i = 0; i < seqs.length; i++) {
        apply(entries.get(i), facts.get(i), seqs[i], live, model, voided, closedIn);
      }
    }
  }

  private static void apply(JournalEntry entry, Object fact, long seq,
      Map<String, ZoneState> live, Map<Long, Rec> model, Map<Long, Rec> voided,
      Map<String, Integer> closedIn) {
    if (entry instanceof JournalEntry.Count c) {
      Rec r = (Rec) fact;
      CountRecord cr = c.record();
      live.get(c.zone()).applyCount(seq, cr.station(), cr.sequence(), cr.location(), cr.sku(),
          cr.eaches(), c.round(), c.snapshotId(), cr.unitIdentity(), cr.unit());
      model.put(seq, new Rec(seq, r.zone(), r.location(), r.sku(), r.eaches(), r.round(),
          r.station(), r.stationSeq(), r.snapshot(), r.unit()));
    } else if (entry instanceof JournalEntry.Void v) {
      live.get(v.zone()).applyVoid(seq, v.voidOf());
      voided.put(v.voidOf(), model.get(v.voidOf()));
    } else if (entry instanceof JournalEntry.LocationEvent ev) {
      live.get(ev.zone()).applyEvent(seq, ev.location(), LocationState.valueOf(ev.state()),
          ev.round(), ev.byWhom());
      if (ev.state().equals("CLOSED")) {
        closedIn.put(ev.location(), ev.round());
      }
    }
  }

  /**
   * Eaches per location and SKU, latest round with a live record, from the model; 0 when the
   * location was closed in a later round (recounted without that SKU).
   */
  private static Map<String, Long> counted(Map<Long, Rec> model, Map<Long, Rec> voided,
      Map<String, Integer> closedIn, String zone) {
    Map<String, Integer> latest = new HashMap<>();
    for (Rec r : model.values()) {
      if (r.zone().equals(zone) && !voided.containsKey(r.seq())) {
        latest.merge(r.location() + " " + r.sku(), r.round(), Math::max);
      }
    }
    Map<String, Long> out = new TreeMap<>();
    for (Rec r : model.values()) {
      String key = r.location() + " " + r.sku();
      if (r.zone().equals(zone) && !voided.containsKey(r.seq()) && latest.get(key) == r.round()) {
        boolean recountedWithout = closedIn.getOrDefault(r.location(), -1) > r.round();
        out.merge(key, recountedWithout ? 0 : r.eaches(), Long::sum);
      }
    }
    return out;
  }

  private static Map<String, Long> countedOf(ZoneState s) {
    Map<String, Long> out = new TreeMap<>();
    s.forEachCounted((loc, sku, eaches, unit) -> out.put(
        s.locationIds().get(loc) + " " + s.skuIds().get(sku), eaches));
    return out;
  }

  /** Everything a zone asks its state, as text, for every record of the model. */
  private static String fingerprint(ZoneState s, Map<Long, Rec> model, String zone) {
    StringBuilder b = new StringBuilder();
    b.append("counted ").append(countedOf(s)).append('\n');
    b.append("locations ").append(s.locations()).append('\n');
    b.append("sent back by a supervisor ").append(new java.util.TreeSet<>(s.locations()
        .keySet()).stream().filter(s::sentBackBySupervisor).toList()).append('\n');
    b.append("live by location ").append(new TreeMap<>(s.liveCountsByLocation())).append('\n');
    b.append("live ").append(s.liveRecords()).append(" last ").append(s.lastSeq()).append('\n');
    Map<String, Object> under = new TreeMap<>();
    s.countedUnder().forEach((p, snapshots) -> under.put(p.location() + " " + p.sku(), snapshots));
    b.append("under ").append(under).append('\n');
    b.append("other snapshot ").append(s.countedUnderOtherThan(1L)).append('\n');
    for (Rec r : model.values()) {
      if (!r.zone().equals(zone)) {
        continue;
      }
      b.append(r.seq()).append(' ').append(s.live(r.seq())).append(' ')
          .append(s.duplicateOf(r.station(), r.stationSeq())).append(' ')
          .append(s.unitCounted(r.unit())).append('\n');
    }
    return b.toString();
  }
  @Test
  void countedUnder_skuARecountLeftOut_takesTheRecountsSnapshot_unlessHeldOrNotClosed() {
    ZoneState s = new ZoneState();
    long[] seq = {0};
    // Each location: 00913 and 0777 counted under snapshot 1, then sent to recount.
    for (String at : List.of("L-LEFT", "L-HELD", "L-EMPTY", "L-OPEN")) {
      countAt(s, seq, at, "00913", 0, 1L);
      countAt(s, seq, at, "0777", 0, 1L);
      s.applyEvent(++seq[0], at, LocationState.CLOSED, 0, "ana");
      s.applyEvent(++seq[0], at, LocationState.RECOUNT_REQUESTED, 1);
    }

    // The recounts, under snapshot 2: 0777 left out; scanned but held; nothing found; not done.
    countAt(s, seq, "L-LEFT", "00913", 1, 2L);
    s.applyEvent(++seq[0], "L-LEFT", LocationState.CLOSED, 1, "ana");
    countAt(s, seq, "L-HELD", "00913", 1, 2L);
    s.applyHeld(++seq[0], "L-HELD", "0777", 1);
    s.applyEvent(++seq[0], "L-HELD", LocationState.CLOSED, 1, "ana");
    s.applyEvent(++seq[0], "L-EMPTY", LocationState.CLOSED, 1, "ana");
    countAt(s, seq, "L-OPEN", "00913", 1, 2L);

    Map<String, Object> under = new TreeMap<>();
    s.countedUnder().forEach((p, snapshots) -> under.put(p.location() + " " + p.sku(), snapshots));
    assertEquals("{L-HELD 00913=[2], L-HELD 0777=[1], L-LEFT 00913=[2], L-LEFT 0777=[2], "
        + "L-OPEN 00913=[2], L-OPEN 0777=[1]}", under.toString(),
        "a SKU a closed recount left out was counted 0 by that recount, under its book; one "
        + "it held keeps its figure and snapshot; an empty recount gives no snapshot (unknown)");
  }

  private static void countAt(ZoneState s, long[] seq, String location, String sku, int round,
      long snapshot) {
    seq[0]++;
    s.applyCount(seq[0], "DOCK-1", seq[0], location, sku, 4, round, snapshot, null, "EA");
  }

  @Test
  void movedPairs_givesThePairsAMovementMoved_lotsAddedUp_whateverTheLineOrder() {
    MasterData.BookLine a1 = new MasterData.BookLine("A-01-01-A", "00913", "L1", 10);
    MasterData.BookLine a2 = new MasterData.BookLine("A-01-01-A", "00913", "L2", 5);
    MasterData.BookLine b = new MasterData.BookLine("A-01-02-A", "0777", "", 7);
    MasterData.BookLine c = new MasterData.BookLine("A-01-03-A", "0042", "", 3);

    Map<ZoneState.Pair, Long> picked = ZoneState.movedPairs(List.of(a1, a2, b, c),
        List.of(a1, new MasterData.BookLine("A-01-01-A", "00913", "L2", 2), b, c));
    Map<ZoneState.Pair, Long> reordered = ZoneState.movedPairs(List.of(a1, a2, b, c),
        List.of(c, new MasterData.BookLine("A-01-04-A", "0042", "", 1), a2, a1));
    Map<ZoneState.Pair, Long> same = ZoneState.movedPairs(List.of(a1, a2, b), List.of(a1, a2, b));

    assertEquals(Map.of(new ZoneState.Pair("A-01-01-A", "00913"), 12L), picked,
        "both lots of the pair, as they now stand");
    assertEquals(Map.of(new ZoneState.Pair("A-01-02-A", "0777"), 0L,
        new ZoneState.Pair("A-01-04-A", "0042"), 1L), reordered, "gone is 0, new is its eaches");
    assertEquals(Map.of(), same);
  }
}
