package io.dockcount.console;

import static io.dockcount.console.Json.money;
import static io.dockcount.console.Json.obj;
import static io.dockcount.console.Json.time;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.japi.function.Function;
import akka.pattern.StatusReply;
import io.dockcount.core.LocationScheme;
import io.dockcount.store.ConsoleQueries;
import io.dockcount.store.MasterData;
import io.dockcount.wms.SnapshotManager;
import io.dockcount.zone.LocationState;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the console shows and does, over the zone actors and the store: each view is a JSON-ready
 * map, each action a {@link Result} with the HTTP status it deserves. Actions are recorded in
 * the store with who and when, refused ones included.
 *
 * <p>Store reads run on the blocking dispatcher; zone questions are asks with the configured
 * timeout. Nothing here blocks the caller's thread.
 */
final class ConsoleBackend {
  /** An action's outcome: the HTTP status and the body to answer with. */
  record Result(int status, Map<String, Object> body) {}

  /** Who acts: a user name and how they came in ({@code SESSION} or {@code TOKEN}). */
  record Actor(String who, String via) {}

  private final ActorSystem<?> system;
  private final ActorRef<ZoneRouter.Command> router;
  private final ConsoleQueries queries;
  private final Executor blocking;
  private final LocationScheme scheme;
  /** Replaced whole when a newer book snapshot is in force (the WMS sync). */
  private volatile Map<String, Map<String, Integer>> bookByZone;
  private final RecountAlerts alerts;
  private final StationStatus stationStatus;
  private final WmsLink wms;
  private final ConsoleSettings settings;
  private final Clock clock;

  ConsoleBackend(ActorSystem<?> system, ActorRef<ZoneRouter.Command> router,
      ConsoleQueries queries, Executor blocking, MasterData master, LocationScheme scheme,
      RecountAlerts alerts, StationStatus stationStatus, WmsLink wms, ConsoleSettings settings,
      Clock clock) {
    this.system = system;
    this.router = router;
    this.queries = queries;
    this.blocking = blocking;
    this.scheme = scheme;
    this.bookByZone = bookLinesByZone(master, scheme);
    // Locations on the book per zone follow the snapshot in force: a WMS book with locations
    // the start-up book lacks counts them in a zone's progress.
    ZoneRouter.watchMaster(system, router, "console-book", master,
        m -> bookByZone = bookLinesByZone(m.master(), scheme));
    this.alerts = alerts;
    this.stationStatus = stationStatus;
    this.wms = wms;
    this.settings = settings;
    this.clock = clock;
  }

  /** Book lines per location, per zone, both in name order. */
  private static Map<String, Map<String, Integer>> bookLinesByZone(MasterData master,
      LocationScheme scheme) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (MasterData.BookLine b : master.book()) {
      LocationScheme.Parts p = scheme.parse(b.location());
      if (p != null) {
        out.computeIfAbsent(p.zone(), z -> new TreeMap<>()).merge(b.location(), 1, Integer::sum);
      }
    }
    return out;
  }

  // ---- views ------------------------------------------------------------------------------

  /** Zones with progress, variance history, the book snapshot and the stations. */
  CompletionStage<Map<String, Object>> overview() {
    CompletionStage<Map<String, Zone.ZoneDetail>> details = details();
    CompletionStage<List<ConsoleQueries.RunTotals>> runs = read(queries::latestRuns);
    CompletionStage<List<ConsoleQueries.RunTotals>> history = read(() -> queries.runHistory(500));
    CompletionStage<ConsoleQueries.Snapshot> snapshot = read(queries::snapshot);
    CompletionStage<List<Object>> stations = stations();
    return details.thenCombine(runs, Map::entry).thenCombine(wmsZones(), (dr, wz) ->
            read(() -> queries.snapshots(zoneSnapshots(dr.getKey(), dr.getValue(), wz)))
                .thenApply(snaps -> zoneRows(dr.getKey(), dr.getValue(), snaps, wz)))
        .thenCompose(rows -> rows)
        .thenCombine(history, (zones, h) -> obj("zones", zones, "history", h.stream()
            .map(x -> obj("zone", x.zone(), "run", x.runId(), "absValue", money(x.absValue()),
                "at", time(x.wall()))).toList()))
        .thenCombine(snapshot, (m, s) -> {
          m.put("snapshot", snapshot(s));
          return m;
        })
        .thenCombine(wmsStatus(), (m, w) -> {
          m.put("wms", w);
          return m;
        })
        .thenCombine(stations, (m, s) -> {
          m.put("stations", s);
          m.put("now", time(now()));
          // A restore from backup at start lost the counts after it: shown until a restart.
          m.put("store", obj("restoredFrom", queries.restoredFrom(),
              "writeFailure", queries.writeFailure(), "bytes", queries.storeBytes()));
          return m;
        })
        .thenCombine(read(() -> queries.givenUp(now().minus(GIVEN_UP_SHOWN))), (m, g) -> {
          // A message given up reached nobody: said until a day has passed, with whom it was
          // for (masked) and why, so that a supervisor re-sends what matters.
          m.put("givenUp", g == null ? null : obj("count", g.count(), "kind", g.kind(),
              "zone", g.zone(), "channel", g.channel(),
              "recipient", io.dockcount.alert.AlertSettings.maskNumbers(g.recipient()),
              "error", io.dockcount.alert.AlertSettings.maskNumbers(g.error() == null ? ""
                  : g.error()), "at", time(g.at())));
          return m;
        })
        .thenCombine(read(queries::heldBack), (m, h) -> {
          // A variance the SMS limit held back was not texted on its own: said while it waits
          // for its zone's digest.
          m.put("heldBack", h == null ? null : obj("count", h.count(), "kind", h.kind(),
              "zone", h.zone(), "location", h.location(),
              "recipient", io.dockcount.alert.AlertSettings.maskNumbers(h.recipient()),
              "note", h.note(), "at", time(h.at())));
          return m;
        });
  }

  /** How long the overview says a message was given up. */
  static final Duration GIVEN_UP_SHOWN = Duration.ofHours(24);

  /** The snapshots the zones' books and latest runs come from, to name them in the rows. */
  private static Set<Long> zoneSnapshots(Map<String, Zone.ZoneDetail> details,
      List<ConsoleQueries.RunTotals> runs, Map<String, SnapshotManager.ZoneSnapshot> wms) {
    Set<Long> ids = new TreeSet<>();
    wms.values().forEach(z -> ids.add(z.bookFrom()));
    details.values().forEach(d -> {
      if (d.bookSnapshot() != null) {
        ids.add(d.bookSnapshot());
      }
    });
    runs.forEach(r -> {
      if (r.snapshotId() != null) {
        ids.add(r.snapshotId());
      }
    });
    return ids;
  }

  /**
   * A zone's book snapshot as a row shows it: a delivery may bring some zones only, so the
   * snapshot in force overall says nothing of when this zone's book came, nor of what its last
   * run compared with.
   */
  private Map<String, Object> zoneSnapshot(Long id, Map<Long, ConsoleQueries.Snapshot> snaps) {
    if (id == null) {
      return null;
    }
    ConsoleQueries.Snapshot s = snaps.get(id);
    return s == null ? obj("id", id, "source", null, "loaded", null)
        : obj("id", id, "source", s.source(), "loaded", time(s.loaded()));
  }

  /**
   * Each zone's book as the WMS sync knows it: the snapshot whose delivery brought it, which a
   * later snapshot may only carry over (a delivery of other zones); none without a WMS.
   */
  private CompletionStage<Map<String, SnapshotManager.ZoneSnapshot>> wmsZones() {
    return wms.status().thenApply(st -> st == null
            ? Map.<String, SnapshotManager.ZoneSnapshot>of() : st.zones())
        .exceptionally(t -> Map.of());
  }

  private List<Object> zoneRows(Map<String, Zone.ZoneDetail> details,
      List<ConsoleQueries.RunTotals> runs, Map<Long, ConsoleQueries.Snapshot> snaps,
      Map<String, SnapshotManager.ZoneSnapshot> wmsZones) {
    Map<String, ConsoleQueries.RunTotals> lastRun = new TreeMap<>();
    runs.forEach(r -> lastRun.put(r.zone(), r));
    List<Object> out = new ArrayList<>();
    for (Zone.ZoneDetail d : details.values()) {
      Map<String, Integer> onBook = bookByZone.getOrDefault(d.zone(), Map.of());
      Set<String> locations = new TreeSet<>(onBook.keySet());
      // Off the book, a location counts where stock was found; one a mistyped label opened
      // and closed with nothing is no part of the inventory.
      d.locations().forEach((loc, ld) -> {
        if (ld.liveCounts() > 0 || !ld.everCounted() && ld.state() != LocationState.CLOSED) {
          locations.add(loc);
        }
      });
      // Keyed as the zone page names a location's state: one nothing was scanned at yet is
      // NOT_STARTED there, never OPEN, which reads as being counted now.
      Map<String, Integer> states = new java.util.LinkedHashMap<>();
      states.put(NOT_STARTED, 0);
      for (LocationState s : LocationState.values()) {
        states.put(s.name(), 0);
      }
      int started = 0;
      int recounting = 0;
      int counted = 0;
      for (String loc : locations) {
        Zone.LocationDetail ld = d.locations().get(loc);
        states.merge(ld == null ? NOT_STARTED : ld.state().name(), 1, Integer::sum);
        if (ld != null && ld.state() == LocationState.OPEN && ld.liveCounts() > 0) {
          started++;
        }
        // A recount being scanned: its lines in the run are provisional too (still_counting).
        if (ld != null && ld.state() == LocationState.RECOUNT_REQUESTED
            && ld.roundCounts() > 0) {
          recounting++;
        }
        // Counted: past counting, and by a count; one settled without any count was not.
        if (ld != null && ld.state() != LocationState.OPEN
            && ld.state() != LocationState.NOT_COUNTED && ld.everCounted()) {
          counted++;
        }
      }
      states.values().removeIf(n -> n == 0);
      ConsoleQueries.RunTotals r = lastRun.get(d.zone());
      Map<String, Object> row = obj("zone", d.zone(), "locations", locations.size(),
          "counted", counted,
          "started", started, "recountsUnderWay", recounting, "states", states,
          "recountsOpen", d.openTasks(),
          // null with a run: its variances have no value (unknown), as summary.json says it.
          "runs", d.runs(), "absValue", r == null ? null : money(r.absValue()),
          "netValue", r == null ? null : money(r.netValue()),
          "linesWithoutValue", r == null ? 0 : r.linesWithoutValue());
      row.putAll(zoneBooks(d, r, snaps, wmsZones.get(d.zone())));
      out.add(row);
    }
    return out;
  }

  /**
   * When the zone's latest run was, the snapshot it was reconciled against, and the snapshot
   * the zone compares with now (its next run's).
   */
  private Map<String, Object> zoneBooks(Zone.ZoneDetail d, ConsoleQueries.RunTotals r,
      Map<Long, ConsoleQueries.Snapshot> snaps, SnapshotManager.ZoneSnapshot wms) {
    // A snapshot merges every zone's book: its source names the delivery that made it, which
    // may have brought other zones only. bookFrom names the one that brought this zone's.
    boolean carried = wms != null && d.bookSnapshot() != null
        && wms.bookFrom() != d.bookSnapshot();
    return obj("lastRun", r == null ? null : time(r.wall()),
        "lastRunSnapshot", r == null ? null : zoneSnapshot(r.snapshotId(), snaps),
        "book", zoneSnapshot(d.bookSnapshot(), snaps),
        "bookFrom", carried ? zoneSnapshot(wms.bookFrom(), snaps) : null);
  }

  /**
   * The WMS link: what each source last did and when, the zones whose book is stale, the last
   * export; null when no WMS is configured or the sync does not answer in time.
   */
  private CompletionStage<Map<String, Object>> wmsStatus() {
    return wms.status().<Map<String, Object>>thenApply(st -> {
      if (st == null) {
        return null;
      }
      List<Object> sources = new ArrayList<>();
      st.lastBySource().forEach((source, o) -> sources.add(obj("source", source,
          "outcome", o.getClass().getSimpleName(), "ok", io.dockcount.wms.WmsSync.ok(o),
          "detail", io.dockcount.wms.WmsSync.summary(o),
          "at", st.lastAtBySource().containsKey(source)
              ? time(st.lastAtBySource().get(source).atOffset(java.time.ZoneOffset.UTC)) : null)));
      Map<String, Object> stale = new TreeMap<>();
      st.stale().forEach((zone, age) -> stale.put(zone, age.toSeconds()));
      // A zone the WMS's whole book lacks: kept (a problem: it goes stale) or emptied.
      List<Object> absent = new ArrayList<>();
      st.absent().forEach((zone, x) -> absent.add(obj("zone", zone, "source", x.source(),
          "since", time(x.since().atOffset(java.time.ZoneOffset.UTC)),
          "kept", x.absence() == io.dockcount.wms.SnapshotManager.Absence.KEPT,
          "detail", io.dockcount.wms.WmsSync.statusLine(zone, x, now().toInstant()))));
      var e = st.export();
      return obj("sources", sources, "stale", stale, "absent", absent,
          "export", e == null ? null
          : obj("at", time(e.at().atOffset(java.time.ZoneOffset.UTC)), "failure", e.failure(),
              "refused", e.refused()));
    }).exceptionally(t -> null);
  }

  private Map<String, Object> snapshot(ConsoleQueries.Snapshot s) {
    if (s == null) {
      return null;
    }
    return obj("id", s.id(), "source", s.source(), "lines", s.lines(),
        "loaded", time(s.loaded()), "ageSeconds", shownAge(Duration.between(s.loaded(), now())));
  }

  /** Stations: scans in all and in the last minute, last scan, quiet or not, connected. */
  CompletionStage<List<Object>> stations() {
    OffsetDateTime now = now();
    return read(() -> queries.stations(now.minusMinutes(1)))
        .thenCombine(stationStatus.now(), (rows, live) -> {
          Set<String> names = new TreeSet<>(live.keySet());
          rows.forEach(r -> names.add(r.station()));
          Map<String, ConsoleQueries.StationActivity> byName = new TreeMap<>();
          rows.forEach(r -> byName.put(r.station(), r));
          List<Object> out = new ArrayList<>();
          for (String name : names) {
            ConsoleQueries.StationActivity a = byName.get(name);
            StationStatus.Live l = live.get(name);
            // The station's own last scan counts too: one the store could not take (full
            // disk) or a refused frame is activity, though the journal has nothing of it.
            OffsetDateTime last = a == null ? null : a.last();
            if (l != null && l.lastScan() != null) {
              OffsetDateTime read = l.lastScan().atOffset(ZoneOffset.UTC);
              last = last == null || read.isAfter(last) ? read : last;
            }
            boolean quiet = last == null || last.plus(settings.stationQuiet()).isBefore(now);
            out.add(obj("station", name, "connected", l == null ? null : l.connected(),
                "counter", l == null ? null : l.counter(),
                "location", l == null ? null : l.location(),
                "scans", a == null ? 0 : a.scans(), "perMinute", a == null ? 0 : a.recent(),
                "lastScan", last == null ? null : time(last), "quiet", quiet));
          }
          return out;
        });
  }

  /** Open recount tasks, highest value at risk first. */
  CompletionStage<Map<String, Object>> recounts() {
    OffsetDateTime now = now();
    CompletionStage<List<ConsoleQueries.Task>> tasks = read(() -> queries.tasks(true));
    return tasks.thenCombine(states(), (list, states) -> {
      List<Object> rows = new ArrayList<>();
      for (ConsoleQueries.Task t : list) {
        rows.add(taskRow(t, states.get(t.location()), now));
      }
      return obj("tasks", rows, "reasonCodes", settings.reasonCodes(), "now", time(now));
    });
  }

  private Map<String, Object> taskRow(ConsoleQueries.Task t, ConsoleQueries.LocationEvent last,
      OffsetDateTime now) {
    LocationState state = last == null ? null : LocationState.valueOf(last.state());
    // Sent back by a supervisor already: a second send-back would only answer "already".
    boolean runsRecount = state == LocationState.RECOUNT_REQUESTED
        && "reconciliation".equals(last.byWhom());
    LocationScheme.Parts p = scheme.parse(t.location());
    return obj("id", t.id(), "zone", t.zone(), "aisle", p == null ? "" : p.aisle(),
        "bay", p == null ? "" : p.bay(), "level", p == null ? "" : p.level(),
        "location", t.location(), "sku", t.sku(), "round", t.round(), "book", t.book(),
        "counted", t.counted(), "variance", t.variance(), "value", money(t.value()),
        "lineStatus", t.lineStatus(), "flags", t.flags() == null ? "" : t.flags(),
        "reason", t.reason(), "created", time(t.created()),
        "ageSeconds", shownAge(Duration.between(t.created(), now)),
        "locationState", state == null ? null : state.name(),
        "canAccept", state == LocationState.CLOSED || state == LocationState.RECOUNT_REQUESTED
            || state == LocationState.NOT_COUNTED,
        // Waiting for a recount the run asked: sending it back makes it the supervisor's, which
        // no newer book then settles.
        "canSendBack", state == LocationState.CLOSED || state == LocationState.RESOLVED
            || runsRecount);
  }

  /** One zone: its locations with state and counts, and the lines of its latest run. */
  CompletionStage<Result> zone(String name) {
    return zones().thenCompose(zones -> {
      ActorRef<Zone.Command> ref = zones.get(name);
      if (ref == null) {
        return CompletableFuture.completedFuture(notFound("no zone " + name));
      }
      CompletionStage<Zone.ZoneDetail> detail = ask(ref, Zone.GetDetail::new);
      CompletionStage<List<ConsoleQueries.Line>> lines = read(() -> queries.latestLines(name));
      // The run the lines are from and the books it and the zone are on, as the overview says.
      CompletionStage<Map<String, Object>> books = detail.thenCombine(wmsZones(), (d, wz) ->
          read(() -> {
            List<ConsoleQueries.RunTotals> runs = queries.latestRuns().stream()
                .filter(r -> r.zone().equals(name)).toList();
            return zoneBooks(d, runs.isEmpty() ? null : runs.get(0),
                queries.snapshots(zoneSnapshots(Map.of(name, d), runs, wz)), wz.get(name));
          })).thenCompose(b -> b);
      return detail.thenCombine(lines, this::zoneBody).thenCombine(books, (body, b) -> {
        body.putAll(b);
        return new Result(200, body);
      });
    });
  }

  /**
   * An age in seconds to the precision the page shows it: seconds under a minute, whole minutes
   * above. The answer then stays the same, and its ETag with it (a 304), for a minute at a time
   * while nothing else changes, where seconds changed it at every poll.
   */
  static long shownAge(Duration age) {
    long seconds = age.toSeconds();
    return seconds < 60 ? seconds : seconds / 60 * 60;
  }

  /** The state shown for a location of the book nobody has scanned at yet. */
  static final String NOT_STARTED = "NOT_STARTED";

  private Map<String, Object> zoneBody(Zone.ZoneDetail d, List<ConsoleQueries.Line> lines) {
    Map<String, Integer> book = bookByZone.getOrDefault(d.zone(), Map.of());
    Set<String> locations = new TreeSet<>(book.keySet());
    locations.addAll(d.locations().keySet());
    List<Object> rows = new ArrayList<>();
    for (String loc : locations) {
      Zone.LocationDetail ld = d.locations().get(loc);
      LocationScheme.Parts p = scheme.parse(loc);
      rows.add(obj("location", loc, "aisle", p == null ? "" : p.aisle(),
          "bay", p == null ? "" : p.bay(), "level", p == null ? "" : p.level(),
          // Nothing scanned there yet: not "OPEN", which reads as being counted now.
          "state", ld == null ? NOT_STARTED : ld.state().name(),
          // The counts of its current round: a recount's own, the set-aside count's apart.
          "round", ld == null ? 0 : ld.round(), "counts", ld == null ? 0 : ld.roundCounts(),
          "earlierCounts", ld == null ? 0 : ld.liveCounts() - ld.roundCounts(),
          "recountUnderWay", ld != null && ld.state() == LocationState.RECOUNT_REQUESTED
              && ld.roundCounts() > 0,
          "bookLines", book.getOrDefault(loc, 0)));
    }
    List<Object> lineRows = new ArrayList<>();
    for (ConsoleQueries.Line l : lines) {
      lineRows.add(obj("location", l.location(), "sku", l.sku(), "status", l.status(),
          "book", l.book(), "counted", l.counted(), "variance", l.variance(),
          "unitCost", money(l.unitCost()), "value", money(l.value()), "flags", l.flags(),
          "reason", l.reason()));
    }
    return obj("zone", d.zone(), "recountsOpen", d.openTasks(), "runs", d.runs(),
        "locations", rows, "lines", lineRows);
  }

  /** The latest recorded actions, newest first. */
  CompletionStage<List<Object>> actions() {
    return read(() -> queries.actions(50)).thenApply(list -> list.stream()
        .map(a -> (Object) obj("id", a.id(), "who", a.who(), "via", a.via(),
            "action", a.action(), "target", a.target(), "reason", a.reason(),
            "outcome", a.outcome(), "detail", a.detail(), "at", time(a.wall())))
        .toList());
  }

  /** Every location's latest journaled state. */
  /** Each location's last journalled move: its state, and who made it. */
  private CompletionStage<Map<String, ConsoleQueries.LocationEvent>> states() {
    return read(queries::locationStates).thenApply(list -> {
      Map<String, ConsoleQueries.LocationEvent> out = new TreeMap<>();
      list.forEach(e -> out.put(e.location(), e));
      return out;
    });
  }

  // ---- actions ----------------------------------------------------------------------------

  /**
   * Closes a zone: every location being counted that nobody is counting now (counts in its
   * round, no station has it open: a counter logged out, or the service restarted) is closed
   * by the supervisor, then the zone reconciles at once. Book lines at locations nobody counted
   * come out of that run as missing, and get recount tasks (the locations become NOT_COUNTED).
   * A location a station has open now, and a recount under way (scans in its round), stay open
   * for their counters to close: cut off, the SKUs not scanned yet would count 0 (a recount's
   * then stand as the supervisor's decision). The answer lists them as {@code stillCounting}.
   */
  CompletionStage<Result> closeZone(String name, Actor actor) {
    // LIMITATION: a zone has no closed state of its own: a later scan at a location off the
    // book is still taken (and shows as unexpected), as scans at NOT_COUNTED locations must be.
    return zones().thenCompose(zones -> {
      ActorRef<Zone.Command> ref = zones.get(name);
      if (ref == null) {
        return record(actor, "CLOSE_ZONE", name, null, notFound("no zone " + name));
      }
      // Stations that do not answer in time are taken to have nothing open.
      CompletionStage<Map<String, StationStatus.Live>> live = stationStatus.now()
          .exceptionally(e -> Map.of());
      return ask(ref, Zone.GetDetail::new)
          .thenCombine(live, ZoneClose::of)
          .thenCompose(plan -> closeLocations(plan.toClose(), actor).thenCompose(closed ->
              ask(ref, (ActorRef<Zone.RunCompleted> r) -> new Zone.CloseZone(actor.who(), r))
                  .thenCompose(run -> read(() -> queries.latestLines(name)).thenApply(lines -> {
                    long missing = lines.stream().filter(l -> l.status().equals("missing"))
                        .count();
                    return new Result(200, obj("zone", name, "closed", closed.get(true),
                        "refused", closed.get(false), "stillCounting", plan.stillCounting(),
                        "run", run.runId(), "lines", run.lines(), "missing", missing,
                        "netValue", money(run.netValue()), "absValue", money(run.absValue()),
                        "linesWithoutValue", run.linesWithoutValue()));
                  }))))
          .thenCompose(result -> record(actor, "CLOSE_ZONE", name, null, result));
    });
  }

  /**
   * Closes {@code locations} as the supervisor; returns closed (true) and refused.
   */
  private CompletionStage<Map<Boolean, List<String>>> closeLocations(List<String> locations,
      Actor actor) {
    // LIMITATION: a station that opens a location between the look at the stations and its
    // close (milliseconds) has it closed under it: its next scan is refused, saying so.
    List<CompletableFuture<Map.Entry<String, Boolean>>> all = new ArrayList<>();
    for (String loc : locations) {
      CompletionStage<StatusReply<Zone.LocationChanged>> r = ask(router, replyTo ->
          new ZoneRouter.Route(new Zone.CloseLocation(loc, actor.who(), replyTo)));
      all.add(r.thenApply(x -> Map.entry(loc, x.isSuccess())).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<Boolean, List<String>> out = new TreeMap<>();
      out.put(true, new ArrayList<>());
      out.put(false, new ArrayList<>());
      all.forEach(f -> out.get(f.join().getValue()).add(f.join().getKey()));
      return out;
    });
  }

  /** Accepts the location's variance (the location becomes resolved) with a reason code. */
  CompletionStage<Result> accept(String location, String reason, String note, Actor actor) {
    String bad = checkReason(reason, note);
    if (bad != null) {
      return record(actor, "ACCEPT", location, reason, badRequest(bad));
    }
    String text = "accepted by " + actor.who() + ": " + reason
        + (note == null || note.isBlank() ? "" : ": " + note.strip());
    return locationAction(actor, "ACCEPT", location, reason, replyTo ->
        new ZoneRouter.Route(new Zone.ResolveLocation(location, actor.who(), text, replyTo)));
  }

  /**
   * Inventory control confirms a settled (resolved) location: its variances become the
   * adjustments the WMS export sends.
   */
  CompletionStage<Result> confirm(String location, Actor actor) {
    return locationAction(actor, "CONFIRM", location, null, replyTo ->
        new ZoneRouter.Route(new Zone.ConfirmLocation(location, actor.who(), replyTo)));
  }

  /** Sends the location back for another count, with a reason code. */
  CompletionStage<Result> sendBack(String location, String reason, String note, Actor actor) {
    String bad = checkReason(reason, note);
    if (bad != null) {
      return record(actor, "SEND_BACK", location, reason, badRequest(bad));
    }
    // LIMITATION: the zone journals its fixed note for a recount; the reason code is kept in
    // console_action only.
    return locationAction(actor, "SEND_BACK", location, reason, replyTo ->
        new ZoneRouter.Route(new Zone.RequestRecount(location, actor.who(), replyTo)));
  }

  private CompletionStage<Result> locationAction(Actor actor, String action, String location,
      String reason, Function<ActorRef<StatusReply<Zone.LocationChanged>>,
          ZoneRouter.Command> command) {
    return ask(router, command).thenCompose(reply -> record(actor, action, location, reason,
        reply.isSuccess()
            ? new Result(200, obj("location", location, "state",
                reply.getValue().state().name(), "round", reply.getValue().round(),
                "note", reply.getValue().note(), "already", reply.getValue().already()))
            : refusal(reply.getError())));
  }

  /**
   * The answer to a refused location move, by whether asking again can succeed: an unknown
   * location (404) and a confirmed one, which is final (422), never will; any other refusal is
   * as things stand (409), which a script may try again.
   */
  static Result refusal(Throwable error) {
    return error instanceof Zone.UnknownLocation ? notFound(error.getMessage())
        : error instanceof Zone.LocationFinal ? new Result(422, obj("error", error.getMessage()))
        : conflict(error.getMessage());
  }

  /** Sends the alert of an open recount task again. */
  CompletionStage<Result> resend(long taskId, Actor actor) {
    String target = Long.toString(taskId);
    return read(() -> queries.task(taskId)).thenCompose(task -> {
      if (task == null) {
        return record(actor, "RESEND", target, null, notFound("no recount task " + taskId));
      }
      if (!task.status().equals("OPEN")) {
        return record(actor, "RESEND", target, null,
            conflict("recount task " + taskId + " is " + task.status().toLowerCase()
                + ": nothing to recount"));
      }
      return alerts.resend(task, actor.who()).thenCompose(v -> record(actor, "RESEND", target,
          null, new Result(200, obj("task", taskId, "resent", true, "location",
              task.location(), "sku", task.sku()))));
    });
  }

  /** Records the action (refused when the status is not 2xx) and passes the result on. */
  CompletionStage<Result> record(Actor actor, String action, String target, String reason,
      Result result) {
    boolean done = result.status() / 100 == 2;
    String detail = done ? Json.bytesAsText(result.body())
        : String.valueOf(result.body().get("error"));
    return read(() -> queries.recordAction(actor.who(), actor.via(), action, target,
        reason, done ? "DONE" : "REFUSED", detail)).thenApply(id -> result);
  }

  private String checkReason(String reason, String note) {
    if (reason == null || reason.isBlank()) {
      return "a reason code is required, one of " + settings.reasonCodes();
    }
    if (!settings.reasonCodes().contains(reason)) {
      return "unknown reason code \"" + reason + "\"; use one of " + settings.reasonCodes();
    }
    if (note != null && note.length() > 200) {
      return "the note is " + note.length() + " characters; at most 200";
    }
    return null;
  }

  static Result notFound(String why) {
    return new Result(404, obj("error", why));
  }

  static Result badRequest(String why) {
    return new Result(400, obj("error", why));
  }

  static Result conflict(String why) {
    return new Result(409, obj("error", why));
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /** The zones and each one's detail, by name. */
  private CompletionStage<Map<String, Zone.ZoneDetail>> details() {
    return zones().thenCompose(zones -> {
      List<CompletableFuture<Zone.ZoneDetail>> all = new ArrayList<>();
      zones.values().forEach(z -> all.add(ask(z, Zone.GetDetail::new).toCompletableFuture()));
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
        Map<String, Zone.ZoneDetail> out = new TreeMap<>();
        all.forEach(f -> out.put(f.join().zone(), f.join()));
        return out;
      });
    });
  }

  private CompletionStage<Map<String, ActorRef<Zone.Command>>> zones() {
    return ask(router, ZoneRouter.GetZones::new).thenApply(ZoneRouter.Zones::zones);
  }

  private <T, R> CompletionStage<R> ask(ActorRef<T> target, Function<ActorRef<R>, T> message) {
    return AskPattern.ask(target, message, settings.askTimeout(), system.scheduler());
  }

  private <T> CompletionStage<T> read(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, blocking);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** The store reads behind the CSV downloads. */
  ConsoleQueries queries() {
    return queries;
  }

  Executor blocking() {
    return blocking;
  }

  /** The single thread password checks run on. */
  Executor passwordChecks() {
    return system.dispatchers().lookup(
        akka.actor.typed.DispatcherSelector.fromConfig("dockcount.console.login-dispatcher"));
  }

  LocationScheme scheme() {
    return scheme;
  }
}
