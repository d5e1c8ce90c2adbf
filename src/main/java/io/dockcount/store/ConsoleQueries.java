package io.dockcount.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor console reads from the store, and its action log ({@code console_action},
 * migration V5). Every method does blocking JDBC: call it from the blocking dispatcher only.
 */
public final class ConsoleQueries {
  private final Store store;

  public ConsoleQueries(Store store) {
    this.store = store;
  }

  /** Returns the backup the database was restored from at this start, or null. */
  public String restoredFrom() {
    return store.restoredFrom();
  }

  /** Returns when and why the database file stopped taking writes in this run, or null. */
  public String writeFailure() {
    return store.writeFailure();
  }

  /** Returns the size of the database file in bytes. */
  public long storeBytes() {
    return store.fileSize();
  }

  /**
   * A saved reconciliation run's totals; {@code snapshotId} is the book snapshot the run
   * compared with, null when the zone's book had none; {@code netValue} and {@code absValue}
   * are null when none of the run's variance lines had a value (unknown, not 0).
   */
  public record RunTotals(String zone, long runId, String trigger, int lines, BigDecimal netValue,
      BigDecimal absValue, int linesWithoutValue, OffsetDateTime wall, Long snapshotId) {}

  /** One line of a run. */
  public record Line(String zone, String location, String sku, String status, Long book,
      Long counted, Long variance, BigDecimal unitCost, BigDecimal value, String flags,
      String reason) {}

  /**
   * A recount task with the figures of the line that asked for it; {@code lineStatus} and
   * {@code flags} are that line's ({@code missing}, {@code missing_cost|counted_zero}), null
   * when the line is not found.
   */
  public record Task(long id, String zone, String location, String sku, int round,
      String status, Long book, Long counted, Long variance, BigDecimal value, String reason,
      OffsetDateTime created, String lineStatus, String flags) {}

  /** A location's latest state as journaled. */
  public record LocationEvent(String zone, String location, String state, int round,
      String byWhom, String note, OffsetDateTime wall) {}

  /** The book snapshot in force (the latest one saved). */
  public record Snapshot(long id, String source, int lines, String contentHash,
      OffsetDateTime loaded) {}

  /** Scans a station has sent: in all, since {@code since}, and the latest one's time. */
  public record StationActivity(String station, long scans, long recent, OffsetDateTime last) {}

  /** A recorded console action. */
  public record Action(long id, String who, String via, String action, String target,
      String reason, String outcome, String detail, OffsetDateTime wall) {}

  /** Returns the latest run of every zone that has one, by zone. */
  public List<RunTotals> latestRuns() {
    return store.transaction("read the latest runs", c -> runs(c, "SELECT " + RUN_COLUMNS
        + " FROM recon_run r WHERE r.id = (SELECT MAX(id) FROM recon_run x WHERE x.zone = r.zone)"
        + " ORDER BY r.zone"));
  }

  /** Returns the last {@code limit} runs of all zones, oldest first. */
  public List<RunTotals> runHistory(int limit) {
    return store.transaction("read the run history", c -> {
      List<RunTotals> out = runs(c, "SELECT " + RUN_COLUMNS + " FROM recon_run r "
          + "ORDER BY r.id DESC LIMIT " + Math.max(1, limit));
      Collections.reverse(out);
      return out;
    });
  }

  private static final String RUN_COLUMNS = "r.zone, r.id, r.trigger_kind, r.line_count, "
      + "r.net_value, r.abs_value, r.lines_without_value, r.wall, r.snapshot_id";

  private static List<RunTotals> runs(Connection c, String sql) throws SQLException {
    List<RunTotals> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new RunTotals(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
            Store.decimal(rs, "net_value"), Store.decimal(rs, "abs_value"), rs.getInt(7),
            rs.getObject(8, OffsetDateTime.class), rs.getObject(9, Long.class)));
      }
    }
    return out;
  }

  /** Returns the lines of the latest run of {@code zone} (all zones when null), by location. */
  public List<Line> latestLines(String zone) {
    String sql = "SELECT zone, id FROM recon_run WHERE id IN (SELECT MAX(id) FROM recon_run "
        + "GROUP BY zone)" + (zone == null ? "" : " AND zone = ?") + " ORDER BY zone";
    return store.transaction("read the latest lines", c -> {
      List<String> zones = new ArrayList<>();
      List<Long> runs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (zone != null) {
          ps.setString(1, zone);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            zones.add(rs.getString(1));
            runs.add(rs.getLong(2));
          }
        }
      }
      List<Line> out = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        for (Store.StoredLine l : RunReader.lines(c, runs.get(i))) {
          out.add(new Line(zones.get(i), l.location(), l.sku(), l.status(), l.bookEaches(),
              l.countedEaches(), l.variance(), l.unitCost(), l.varianceValue(), l.flags(),
              l.reason()));
        }
      }
      if (runs.size() > 1) {
        out.sort(LINE_ORDER); // each run's lines come sorted; zones interleave by location
      }
      return out;
    });
  }

  private static final Comparator<Line> LINE_ORDER = Comparator.comparing(Line::location)
      .thenComparing(Line::sku).thenComparing(Line::zone);

  /**
   * Returns recount tasks, open ones only when {@code openOnly}, highest absolute value first
   * and those without a value last, then by id.
   */
  public List<Task> tasks(boolean openOnly) {
    String sql = "SELECT t.id, t.zone, t.location, t.sku, t.round, t.status, l.book_eaches, "
        + "l.counted_eaches, t.variance, t.variance_value, t.reason, r.wall, l.status, l.flags "
        + "FROM recount_task t "
        + "JOIN recon_run r ON r.id = COALESCE(t.first_run_id, t.run_id) "
        + "LEFT JOIN recon_line l ON l.run_id = t.run_id "
        + "AND l.location = t.location AND l.sku = t.sku"
        + (openOnly ? " WHERE t.status = 'OPEN'" : "")
        + " ORDER BY ABS(t.variance_value) DESC NULLS LAST, t.id";
    return store.transaction("read the recount tasks", c -> {
      List<Task> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(task(rs));
        }
      }
      return out;
    });
  }

  /** Returns recount task {@code id}, or null. */
  public Task task(long id) {
    String sql = "SELECT t.id, t.zone, t.location, t.sku, t.round, t.status, l.book_eaches, "
        + "l.counted_eaches, t.variance, t.variance_value, t.reason, r.wall, l.status, l.flags "
        + "FROM recount_task t "
        + "JOIN recon_run r ON r.id = COALESCE(t.first_run_id, t.run_id) "
        + "LEFT JOIN recon_line l ON l.run_id = t.run_id "
        + "AND l.location = t.location AND l.sku = t.sku WHERE t.id = ?";
    return store.transaction("read recount task " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? task(rs) : null;
        }
      }
    });
  }

  private static Task task(ResultSet rs) throws SQLException {
    return new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getInt(5), rs.getString(6), longOrNull(rs, 7), longOrNull(rs, 8), longOrNull(rs, 9),
        Store.decimal(rs, "variance_value"), rs.getString(11),
        rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14));
  }

  /**
   * Returns, by task id, the figures each task had before a later count replaced them, oldest
   * first, as one text ({@code "run 12: -2 EA -4.20: sent back by a supervisor"}, joined by
   * {@code "; "}); tasks never changed are left out.
   */
  public java.util.Map<Long, String> taskChanges() {
    return store.transaction("read the recount tasks' earlier figures", c -> {
      java.util.Map<Long, String> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT task_id, run_id, variance, "
          + "variance_value, reason FROM recount_task_change ORDER BY task_id, replaced_by_run");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Long variance = rs.getObject(3, Long.class);
          java.math.BigDecimal value = Store.decimal(rs, "variance_value");
          String text = "run " + rs.getLong(2) + ": "
              + (variance == null ? "not counted" : (variance > 0 ? "+" : "") + variance + " EA")
              + (value == null ? "" : " " + value.toPlainString()) + ": " + rs.getString(5);
          out.merge(rs.getLong(1), text, (a, b) -> a + "; " + b);
        }
      }
      return out;
    });
  }

  /** Returns every location's latest journaled state, by location. */
  public List<LocationEvent> locationStates() {
    String sql = "SELECT e.zone, e.location, e.state, e.round, e.by_whom, e.note, e.wall "
        + "FROM location_event e JOIN (SELECT location, MAX(seq) AS last FROM location_event "
        + "GROUP BY location) x ON e.seq = x.last ORDER BY e.location";
    return store.transaction("read the location states", c -> {
      List<LocationEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LocationEvent(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getInt(4), rs.getString(5), rs.getString(6),
              rs.getObject(7, OffsetDateTime.class)));
        }
      }
      return out;
    });
  }

  /**
   * A settled location's non-zero variance as it stood when it was settled: the decision (the
   * location's latest RESOLVED event, with who settled it and why), and the confirmation by
   * inventory control when it is confirmed (else null).
   */
  public record Decided(Line line, LocationEvent decision, LocationEvent confirmation) {}

  /**
   * Returns, for every location whose latest state is resolved or confirmed, the non-zero
   * variances of its zone's last run before that decision (what the supervisor accepted, as
   * the WMS export sends it), by zone, location and SKU. A later book change does not rewrite
   * them; lines sent to recount for a book change since the count post nothing.
   */
  public List<Decided> decidedVariances() {
    // In one pass over the journal's location events, then one indexed read of lines per
    // decided location: the one query this was joined grouped subqueries per row, and took
    // minutes at a few thousand settled locations (docs/STORE.md).
    return store.transaction("read the decided variances", c -> {
      Map<String, LocationEvent> latest = new java.util.TreeMap<>();
      Map<String, Long> latestSeq = new HashMap<>();
      Map<String, LocationEvent> decision = new HashMap<>();
      Map<String, Long> decisionSeq = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, zone, location, state, round, "
          + "by_whom, note, wall FROM location_event ORDER BY seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocationEvent e = new LocationEvent(rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
              rs.getObject(8, OffsetDateTime.class));
          latest.put(e.location(), e);
          latestSeq.put(e.location(), rs.getLong(1));
          if (e.state().equals("RESOLVED")) {
            decision.put(e.location(), e);
            decisionSeq.put(e.location(), rs.getLong(1));
          }
        }
      }
      Map<String, long[]> runsByZone = RunIds.byZone(c);
      List<Decided> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT sku, status, book_eaches, "
          + "counted_eaches, variance, unit_cost, variance_value, flags, reason FROM recon_line "
          + "WHERE run_id = ? AND location = ? AND " + RunIds.POSTED + " ORDER BY sku")) {
        for (LocationEvent e : latest.values()) {
          if (!e.state().equals("RESOLVED") && !e.state().equals("CONFIRMED")) {
            continue;
          }
          // Without a RESOLVED event (a store written by hand), the latest event decides.
          LocationEvent d = decision.getOrDefault(e.location(), e);
          long decidedAt = decisionSeq.getOrDefault(e.location(), latestSeq.get(e.location()));
          long run = RunIds.before(runsByZone.get(e.zone()), decidedAt);
          if (run < 0) {
            continue;
          }
          ps.setLong(1, run);
          ps.setString(2, e.location());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Line l = new Line(e.zone(), e.location(), rs.getString(1), rs.getString(2),
                  rs.getObject(3, Long.class), rs.getObject(4, Long.class),
                  rs.getObject(5, Long.class), Store.decimal(rs, "unit_cost"),
                  Store.decimal(rs, "variance_value"), rs.getString(8), rs.getString(9));
              out.add(new Decided(l, d,
                  e.state().equals("CONFIRMED") && d != e ? e : null));
            }
          }
        }
      }
      out.sort(Comparator.comparing((Decided x) -> x.line().zone())
          .thenComparing(x -> x.line().location()).thenComparing(x -> x.line().sku()));
      return out;
    });
  }

  /**
   * Returns the stored book snapshots of {@code ids} by id (an id not stored is left out), so
   * that each zone's book and last run can be named with where and when its snapshot came.
   */
  public Map<Long, Snapshot> snapshots(java.util.Collection<Long> ids) {
    List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().sorted()
        .toList();
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return store.transaction("read book snapshots", c -> {
      Map<Long, Snapshot> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, source, line_count, "
          + "content_hash, loaded_wall FROM book_snapshot WHERE id = ?")) {
        for (long id : wanted) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              out.put(id, new Snapshot(rs.getLong(1), rs.getString(2), rs.getInt(3),
                  rs.getString(4), rs.getObject(5, OffsetDateTime.class)));
            }
          }
        }
      }
      return out;
    });
  }

  /** Returns the book snapshot in force: the WMS's newest, else the latest stored; or null. */
  public Snapshot snapshot() {
    return store.transaction("read the book snapshot", c -> {
      // Once the WMS has delivered, its newest snapshot is in force, even when a restart has
      // stored the start-up files again after it (see SnapshotManager.restoreLatest).
      try (PreparedStatement ps = c.prepareStatement("SELECT id, source, line_count, "
          + "content_hash, loaded_wall FROM book_snapshot WHERE id = COALESCE("
          + "(SELECT MAX(snapshot_id) FROM wms_import), (SELECT MAX(id) FROM book_snapshot))");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Snapshot(rs.getLong(1), rs.getString(2), rs.getInt(3),
            rs.getString(4), rs.getObject(5, OffsetDateTime.class)) : null;
      }
    });
  }

  /**
   * Messages given up (retries spent, or refused by the provider) since {@code since}: how
   * many, and the latest, or null when none was.
   */
  public record GivenUp(long count, String kind, String zone, String channel, String recipient,
      String error, OffsetDateTime at) {}

  /** Returns the messages given up since {@code since} (see {@link GivenUp}), or null. */
  public GivenUp givenUp(OffsetDateTime since) {
    return store.transaction("read the messages given up", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, zone, channel, recipient, "
          + "last_error, done, COUNT(*) OVER () FROM alert_delivery WHERE status = 'FAILED' "
          + "AND done >= ? ORDER BY done DESC, id DESC LIMIT 1")) {
        ps.setObject(1, since);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new GivenUp(rs.getLong(7), rs.getString(1), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getObject(6, OffsetDateTime.class)) : null;
        }
      }
    });
  }

  /**
   * Variance SMS the rate limit held back that still wait for their zone's digest: how many,
   * and the latest (its kind, zone, location, recipient, note and when it was planned).
   */
  public record HeldBack(long count, String kind, String zone, String location,
      String recipient, String note, OffsetDateTime at) {}

  /** Returns the SMS the rate limit holds back (see {@link HeldBack}), or null when none. */
  public HeldBack heldBack() {
    return store.transaction("read the messages held back", c -> {
      // Only FOLDED rows: few, and found through the status index; one held back at once
      // (high value) is in its digest by the time anyone looks.
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, zone, location, recipient, "
          + "last_error, created, COUNT(*) OVER () FROM alert_delivery WHERE status = 'FOLDED' "
          + "AND last_error LIKE ? ORDER BY created DESC, id DESC LIMIT 1")) {
        ps.setString(1, AlertOutbox.HELD_BACK + "%");
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new HeldBack(rs.getLong(7), rs.getString(1), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getObject(6, OffsetDateTime.class)) : null;
        }
      }
    });
  }

  /** Each station's scans and latest scan, as read through {@link #stationsThrough}. */
  private final Map<String, StationActivity> stationTotals = new java.util.TreeMap<>();
  /** The journal number the totals were read through. */
  private long stationsThrough;
  /** A read of the totals: when it was made, and the journal number it read through. */
  private record StationRead(OffsetDateTime at, long through) {}

  /** The reads of the totals, oldest first. */
  private final java.util.ArrayDeque<StationRead> stationReads = new java.util.ArrayDeque<>();

  /**
   * Returns each station's scans (counts kept, not voids), those since {@code since}. The totals
   * are kept and only the records journaled since the last call are read, by journal number:
   * the console asks every 2 s, and grouping the whole journal each time grew with the week's
   * counts (a second of H2 for a million records). The recent ones are read from the journal
   * number a call read through at least 5 s before {@code since}: none later is older.
   */
  public synchronized List<StationActivity> stations(OffsetDateTime since) {
    long from = 0;
    for (StationRead read : stationReads) {
      if (read.at().isBefore(since.minusSeconds(5))) {
        from = read.through();
      }
    }
    long recentFrom = from;
    Map<String, Long> recent = new HashMap<>();
    store.transaction("read station activity", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT station, COUNT(*), MAX(wall), "
          + "MAX(seq) FROM count_record WHERE seq > ? AND kind = 'COUNT' GROUP BY station")) {
        ps.setLong(1, stationsThrough);
        long through = stationsThrough;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String station = rs.getString(1);
            OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
            StationActivity had = stationTotals.get(station);
            stationTotals.put(station, new StationActivity(station,
                (had == null ? 0 : had.scans()) + rs.getLong(2), 0,
                had == null || last.isAfter(had.last()) ? last : had.last()));
            through = Math.max(through, rs.getLong(4));
          }
        }
        stationsThrough = through;
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT station, COUNT(*) FROM "
          + "count_record WHERE seq > ? AND kind = 'COUNT' AND wall >= ? GROUP BY station")) {
        Sql.setAll(ps, recentFrom, since);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            recent.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      return null;
    });
    // After the read: every record it read through was journaled before this time.
    stationReads.addLast(new StationRead(OffsetDateTime.now(ZoneOffset.UTC), stationsThrough));
    while (stationReads.size() >= 2) {
      java.util.Iterator<StationRead> it = stationReads.iterator();
      it.next();
      if (!it.next().at().isBefore(since.minusSeconds(5))) {
        break;
      }
      stationReads.removeFirst(); // a later read is old enough for this window and the next
    }
    List<StationActivity> out = new ArrayList<>();
    for (StationActivity s : stationTotals.values()) {
      out.add(new StationActivity(s.station(), s.scans(), recent.getOrDefault(s.station(), 0L),
          s.last()));
    }
    return out;
  }

  /** Records an action; returns its id. */
  public long recordAction(String who, String via, String action, String target, String reason,
      String outcome, String detail) {
    OffsetDateTime wall = OffsetDateTime.now(ZoneOffset.UTC);
    String clock = store.clock();
    return store.transaction("record console action " + action, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_action (who, via, "
          + "action, target, reason, outcome, detail, wall, clock_synced) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"ID"})) {
        Sql.setAll(ps, clip(who, 64), via, action, clip(target, 200), clip(reason, 64), outcome,
            clip(detail, 2000), wall, clock);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          long id = keys.getLong(1);
          store.commitDurably(c);
          return id;
        }
      }
    });
  }

  /** Returns the latest {@code limit} actions, newest first. */
  public List<Action> actions(int limit) {
    return store.transaction("read console actions", c -> {
      List<Action> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, who, via, action, target, "
          + "reason, outcome, detail, wall FROM console_action ORDER BY id DESC LIMIT ?")) {
        ps.setInt(1, Math.max(1, limit));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Action(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getObject(9, OffsetDateTime.class)));
          }
        }
      }
      return out;
    });
  }

  /** A scan a station refused, with its reason, as the journal keeps it. */
  public record RejectedScan(long seq, String station, String counter, String location,
      String sku, String raw, String reason, OffsetDateTime wall) {}

  /** Returns the latest rejected scans, newest first. */
  public List<RejectedScan> rejectedScans(int limit) {
    return store.transaction("read rejected scans", c -> {
      List<RejectedScan> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, station, counter, location, "
          + "sku, raw, reason, wall FROM rejected_scan ORDER BY seq DESC LIMIT ?")) {
        ps.setInt(1, Math.max(1, limit));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new RejectedScan(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getObject(8, OffsetDateTime.class)));
          }
        }
      }
      return out;
    });
  }

  /** Returns the text cut to {@code max} characters (ending in "..." when cut), or null. */
  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
