package io.dockcount.wms;

import io.dockcount.core.DecimalReader;
import io.dockcount.core.LocationScheme;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.WmsLedger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes in WMS movements (kind {@code movements}: {@code movement_id, sku, location, qty,
 * moved_at [, lot, kind]}; qty signed eaches, moved_at ISO-8601 with an offset), and keeps the
 * zones' book moved ({@link MovementBook}): after each pull it recomputes the moved book and
 * returns a {@link SnapshotManager.BookMoved} for the zones whose book changed since it was last
 * sent. A movement delivery is checked whole like a snapshot. Blocking; one caller at a time.
 */
// LIMITATION: a snapshot's time is when dockcount took it in, not the WMS's as-of time, and
// movement times are the WMS's clock: the two clocks are assumed to agree within minutes.
public final class MovementLog {
  static final String KIND = "movements";

  private final WmsLedger ledger;
  private final LocationScheme scheme;
  private final ColumnMap columns;
  private final Map<String, List<MasterData.BookLine>> sent = new HashMap<>();
  /** The movements logged as not applicable, this run or before it (the store keeps them). */
  private final Set<String> reported = new HashSet<>();
  private boolean reportedRead;
  /** Movements stored since the last {@link #adjust}: each is checked against its zone's book. */
  private final List<WmsLedger.Movement> justStored = new ArrayList<>();

  public MovementLog(WmsLedger ledger, LocationScheme scheme, ColumnMap columns) {
    this.ledger = ledger;
    this.scheme = scheme;
    this.columns = columns;
  }

  /** Checks and stores one movement table. */
  public SnapshotManager.Outcome offer(RawTable t, String source) {
    List<String> problems = new ArrayList<>();
    List<WmsLedger.Movement> out = new ArrayList<>();
    if (t.rows().isEmpty()) {
      return new SnapshotManager.MovementsStored(source, 0); // nothing moved: no header needed
    }
    int[] col;
    try {
      col = columns.resolve(KIND, t.origin(), t.header(),
          List.of("movement_id", "sku", "location", "qty", "moved_at"), List.of("lot", "kind"));
    } catch (ColumnMap.MissingColumnException e) {
      return new SnapshotManager.Rejected(source, List.of(e.getMessage()));
    }
    DecimalReader number = new DecimalReader();
    number.decimalComma(t.decimalComma(),
        io.dockcount.csv.DecimalStyle.SERVICE_DECLARATION);
    number.groupingAmbiguous(t.dotMayGroup());
    Map<String, WmsLedger.Movement> seen = new HashMap<>();
    List<String> names = List.of("movement_id", "sku", "location", "qty", "moved_at", "lot",
        "kind");
    for (RawTable.Row row : t.rows()) {
      String at = t.origin() + ": " + row.where() + SnapshotParser.key(t, row, col, names)
          + ": ";
      if (row.problem() != null) {
        problems.add(at + "unreadable row: " + row.problem());
        continue;
      }
      String[] v = SnapshotParser.fields(t, row, col, names, names.subList(0, 5), at,
          problems::add);
      if (v == null) {
        continue;
      }
      if (!number.read(v[3])) {
        problems.add(at + "qty '" + v[3] + "' is not a plain number: " + number.error());
        continue;
      }
      long qty = number.wholeValue();
      if (qty == Long.MIN_VALUE) {
        problems.add(at + "qty '" + v[3] + "' is not a whole number of eaches");
        continue;
      }
      Instant when = time(v[4]);
      if (when == null) {
        problems.add(at + "moved_at '" + v[4] + "' is not an ISO-8601 time with an offset "
            + "(2026-12-04T10:20:00Z)");
        continue;
      }
      WmsLedger.Movement m = new WmsLedger.Movement(v[0], v[2], v[1], v[5] == null ? "" : v[5],
          qty, when, v[6] == null ? "MOVE" : v[6]);
      WmsLedger.Movement was = seen.put(m.id(), m);
      if (was != null && !was.equals(m)) {
        problems.add(at + "movement_id " + m.id() + " is listed twice with other content");
      } else if (was == null) {
        out.add(m);
      }
    }
    if (!problems.isEmpty()) {
      return new SnapshotManager.Rejected(source, problems);
    }
    WmsLedger.SavedMovements saved = ledger.saveNewMovements(out, source);
    if (!saved.conflicts().isEmpty()) {
      return new SnapshotManager.Rejected(source, saved.conflicts());
    }
    justStored.addAll(saved.fresh());
    return new SnapshotManager.MovementsStored(source, saved.fresh().size());
  }

  /**
   * Reads an ISO-8601 time with an offset, or a database's text of a timestamp with time zone
   * ({@code 2026-12-05 03:03:15.016566+00}, as PostgreSQL gives a {@code timestamptz}); null
   * when it is neither.
   */
  static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // 2026-12-05 03:03:15.016566+00 -> 2026-12-05T03:03:15.016566+00:00
      java.util.regex.Matcher m = SQL_TIME.matcher(text);
      if (!m.matches()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + m.group(3)
            + (m.group(4) == null ? ":00" : m.group(4))).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static final java.util.regex.Pattern SQL_TIME = java.util.regex.Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([+-]\\d{2})(:\\d{2})?");

  /**
   * Recomputes the moved book against the data in force and returns what changed, one outcome
   * per snapshot. {@code fresh} are this pull's outcomes: zones a new snapshot reached have
   * their raw book now.
   */
  public List<SnapshotManager.Outcome> adjust(SnapshotManager manager,
      List<SnapshotManager.Outcome> fresh) {
    if (!reportedRead) {
      readReported();
      reportedRead = true;
    }
    MasterData master = manager.master();
    Map<String, List<MasterData.BookLine>> raw = byZone(master.book());
    for (SnapshotManager.Outcome o : fresh) {
      if (o instanceof SnapshotManager.Applied a) {
        a.zones().forEach(z -> sent.put(z, raw.getOrDefault(z, List.of())));
      }
    }
    Map<String, SnapshotManager.ZoneSnapshot> zones = manager.zones();
    Instant oldest = zones.values().stream().map(SnapshotManager.ZoneSnapshot::since)
        .min(Instant::compareTo).orElse(Instant.EPOCH);
    List<WmsLedger.Movement> movements = ledger.movementsAfter(oldest);
    Map<String, Instant> since = new HashMap<>();
    zones.forEach((z, s) -> since.put(z, s.since()));
    MovementBook.Result moved = MovementBook.apply(master.book(), since, scheme, movements,
        movements.isEmpty() ? Map.of() : ledger.countTimes());
    Map<String, String> news = new TreeMap<>();
    moved.reported().forEach((id, why) -> {
      if (reported.add(id)) {
        news.put(id, why);
      }
    });
    // A movement dated before its zone's book was taken in is taken as already in that book;
    // said once, since a book file older than its load time would miss it.
    for (WmsLedger.Movement m : justStored) {
      LocationScheme.Parts p = scheme.parse(m.location());
      SnapshotManager.ZoneSnapshot z = p == null ? null : zones.get(p.zone());
      if (z != null && m.movedAt().isBefore(z.since()) && reported.add(m.id())) {
        news.put(m.id(), MovementBook.describe(m) + ": before zone " + p.zone() + "'s book was "
            + "taken in (" + z.since() + "), so taken as already in that book; if the book was "
            + "exported before this movement, send a newer book");
      }
    }
    justStored.clear();
    if (!news.isEmpty()) {
      ledger.markReported(news.keySet(), Instant.now());
    }
    Map<String, List<MasterData.BookLine>> now = byZone(moved.book());
    Map<Long, Set<String>> changed = new TreeMap<>();
    Set<String> all = new TreeSet<>(now.keySet());
    all.addAll(sent.keySet());
    for (String z : all) {
      List<MasterData.BookLine> before = sent.getOrDefault(z, raw.getOrDefault(z, List.of()));
      List<MasterData.BookLine> after = now.getOrDefault(z, List.of());
      if (!before.equals(after) && zones.containsKey(z)) {
        if (!MovementBook.summed(before).equals(after)) {
          changed.computeIfAbsent(zones.get(z).snapshotId(), k -> new TreeSet<>()).add(z);
        }
        sent.put(z, after); // either way: compared directly from now on
      }
    }
    List<SnapshotManager.Outcome> out = new ArrayList<>();
    MasterData movedMaster = master.withBook(moved.book());
    changed.forEach((id, zs) -> out.add(new SnapshotManager.BookMoved("movements", id, zs,
        movedMaster, out.isEmpty() ? news : Map.of())));
    if (out.isEmpty() && !news.isEmpty()) {
      out.add(new SnapshotManager.BookMoved("movements", -1, Set.of(), movedMaster, news));
    }
    return out;
  }

  /**
   * Takes in the movements logged as not applicable before this start: each was logged once,
   * with why, and a restart finds them all again. Said in one line instead.
   */
  private void readReported() {
    Map<String, Instant> before = ledger.reportedMovements();
    if (!before.isEmpty()) {
      reported.addAll(before.keySet());
      LOG.warn("wms: {} movement{} known not applicable (first logged at {}, each with why); "
          + "not logged again", before.size(), before.size() == 1 ? "" : "s",
          before.values().stream().min(Instant::compareTo).orElseThrow());
    }
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MovementLog.class);

  /** Splits a book by zone, each zone's lines packed (they are kept until the next pull). */
  private Map<String, List<MasterData.BookLine>> byZone(List<MasterData.BookLine> book) {
    return MasterData.splitByZone(book, location -> {
      LocationScheme.Parts p = scheme.parse(location);
      return p == null ? null : p.zone();
    });
  }
}
