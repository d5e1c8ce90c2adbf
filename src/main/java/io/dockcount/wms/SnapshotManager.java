package io.dockcount.wms;

import io.dockcount.core.LocationScheme;
import io.dockcount.csv.ColumnMap;
import io.dockcount.store.MasterData;
import io.dockcount.store.WmsLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether a delivery becomes the snapshot in force, and for which zones.
 *
 * <p>A delivery is checked whole ({@link SnapshotParser}); any problem rejects it and the data
 * in force stays. A good one is merged over the data in force: items, UOM and barcodes it holds
 * replace those in force; its book replaces the book of the zones it has lines in (the zones it
 * <em>covers</em>) and leaves other zones' lines alone. The merged data is stored as a new
 * snapshot; a delivery equal to the newest one of the same kinds is a duplicate and changes
 * nothing.
 *
 * <p>Blocking (it writes the store) and not thread-safe: one caller at a time, on the blocking
 * dispatcher.
 */
public final class SnapshotManager {
  /** What became of a delivery. */
  public sealed interface Outcome {
    String source();
  }

  /** Stored as {@code snapshotId}, now in force for {@code zones}; {@code master} is merged. */
  public record Applied(String source, long snapshotId, Set<String> zones, MasterData master)
      implements Outcome {}

  /** The newest delivery of these kinds, {@code snapshotId}, had the same content. */
  public record Duplicate(String source, long snapshotId) implements Outcome {}

  /**
   * Not taken; {@code problems} say where and why; {@code effect} says what that left as it
   * was, for a person (what the delivery would have replaced, "the barcode table in force kept",
   * or for refused movements what became of the book the same pull delivered).
   */
  public record Rejected(String source, List<String> problems, String effect)
      implements Outcome {
    /** A refused delivery of no known kind: nothing was taken in. */
    public Rejected(String source, List<String> problems) {
      this(source, problems, NOTHING_TAKEN);
    }

    /** The same refusal, saying {@code effect} of it. */
    public Rejected withEffect(String effect) {
      return new Rejected(source, problems, effect);
    }
  }

  /**
   * The source could not deliver, or what it delivered could not be taken in; {@code effect}
   * says what that left as it was.
   */
  public record Failed(String source, String reason, String effect) implements Outcome {
    /** Nothing was taken and the data in force is unchanged. */
    public Failed(String source, String reason) {
      this(source, reason, BOOK_KEPT);
    }
  }

  /** What a refused or failed delivery of the book leaves, in words. */
  public static final String BOOK_KEPT = "the book in force kept";

  /** What a refused delivery of no known kind leaves, in words. */
  public static final String NOTHING_TAKEN = "nothing taken in, the data in force kept";

  /**
   * Says what a refused or failed delivery of these kinds of data leaves as it was: "the barcode
   * table in force kept", "the item master and UOM table in force kept", "the book in force
   * kept; no movements taken in".
   */
  public static String kept(java.util.Collection<String> kinds) {
    List<String> names = new ArrayList<>();
    for (String kind : WmsSettings.KINDS) {
      if (kinds.contains(kind)) {
        names.add(switch (kind) {
          case "items" -> "item master";
          case "uom" -> "UOM table";
          case "barcodes" -> "barcode table";
          default -> kind;
        });
      }
    }
    String movements = kinds.contains(MovementLog.KIND) ? "no movements taken in" : null;
    if (names.isEmpty()) {
      return movements != null ? movements : NOTHING_TAKEN;
    }
    String last = names.remove(names.size() - 1);
    String data = "the " + (names.isEmpty() ? last : String.join(", ", names) + " and " + last)
        + " in force kept";
    return movements == null ? data : data + "; " + movements;
  }

  /** What a whole-book delivery's absence did to a zone's book. */
  public enum Absence {
    /** Kept as it was, growing older (absent-zones = keep). */
    KEPT,
    /** Emptied by this delivery (absent-zones = empty). */
    EMPTIED,
    /** Emptied earlier, and the WMS still has no lines for it. */
    EMPTY
  }

  /**
   * A zone a whole-book delivery had no line for: its book as it stood before ({@code book}:
   * snapshot, when taken in and last confirmed), what became of it, and since when the source's
   * whole book has had no lines for it (stored: a restart keeps it).
   */
  public record AbsentZone(ZoneSnapshot book, Absence absence, Instant since) {}

  /**
   * A delivery of the WMS's whole book (a database or API pull) had no lines for {@code zones},
   * which have, or had, a book here. Comes after the delivery's own outcome, at each such pull.
   */
  public record ZonesAbsent(String source, Map<String, AbsentZone> zones) implements Outcome {}

  /** A good delivery of movements: {@code stored} were new (repeats are skipped). */
  public record MovementsStored(String source, int stored) implements Outcome {}

  /**
   * Movements changed the book of {@code zones} (all on snapshot {@code snapshotId}); {@code
   * master} holds the moved book. {@code reported} are movements newly found not applicable,
   * by movement id, with why.
   */
  public record BookMoved(String source, long snapshotId, Set<String> zones, MasterData master,
      Map<String, String> reported) implements Outcome {}

  /**
   * A zone's book: the snapshot in force for it ({@code snapshotId}, which holds its book, maybe
   * carried over from an earlier one), when its book was taken in ({@code since}) and last
   * confirmed by the WMS, and the snapshot whose delivery brought that book ({@code bookFrom}:
   * the same, or an earlier one when a later snapshot only carried the book over).
   */
  public record ZoneSnapshot(long snapshotId, Instant since, Instant confirmed, long bookFrom) {
    /** A snapshot that brought the zone's book, confirmed when it was taken in. */
    public ZoneSnapshot(long snapshotId, Instant since) {
      this(snapshotId, since, since, snapshotId);
    }

    /** The same book, confirmed by the WMS at {@code at}. */
    ZoneSnapshot confirmedAt(Instant at) {
      return new ZoneSnapshot(snapshotId, since, at, bookFrom);
    }

    /**
     * Says where the zone's book comes from, for a person: "snapshot 2", or "snapshot 2, carried
     * into snapshot 3" when the snapshot in force only carried it over.
     */
    public String describe() {
      return "snapshot " + bookFrom
          + (bookFrom == snapshotId ? "" : ", carried into snapshot " + snapshotId);
    }
  }

  private final WmsLedger ledger;
  private final LocationScheme scheme;
  private final ColumnMap columns;
  private MasterData master;
  private final Map<String, ZoneSnapshot> byZone = new TreeMap<>();
  /** Whether the newest stored snapshot could not be read: it is not the data in force. */
  private boolean restoreFailed;
  /**
   * While {@code restoreFailed}: the zones and kinds (items, uom, barcodes) the unreadable
   * snapshot held that are on the start-up files' data instead. A delivery bringing one of them
   * again is no repeat, and only once each is brought again is the fallback over: a delivery of
   * other data alone must not end it.
   */
  private final Set<String> fallbackZones = new TreeSet<>();
  private final Set<String> fallbackKinds = new TreeSet<>();

  /**
   * @param master the data in force at start
   * @param snapshotId its stored snapshot
   * @param since when it was taken in
   */
  public SnapshotManager(WmsLedger ledger, LocationScheme scheme, ColumnMap columns,
      MasterData master, long snapshotId, Instant since) {
    this.ledger = ledger;
    this.scheme = scheme;
    this.columns = columns;
    this.master = master;
    for (String zone : zones(master.book())) {
      byZone.put(zone, new ZoneSnapshot(snapshotId, since));
    }
  }

  /** The source of what {@link #restoreLatest} gives: the stored snapshot, then its id. */
  public static final String RESTORED = "stored WMS snapshot ";

  /**
   * Once the WMS has delivered, its newest snapshot's book wins over the start-up files' book,
   * and the items, units and barcodes it delivered over the files': returns it as an {@link
   * Applied} for every zone it has (and makes it the data in force), or null when no WMS
   * delivery was ever stored.
   */
  public Applied restoreLatest() {
    restoreFailed = true; // until it is read whole
    fallbackZones.clear();
    fallbackKinds.clear();
    try {
      return readLatest();
    } catch (RuntimeException e) {
      fallbackKinds.addAll(List.of("items", "uom", "barcodes"));
      fallbackZones.addAll(deliveredZones());
      throw e;
    }
  }

  /** The zones a WMS delivery brought a book for, as stored; else every zone known here. */
  private Set<String> deliveredZones() {
    try {
      return ledger.bookDeliveries().keySet();
    } catch (RuntimeException e) {
      return byZone.keySet();
    }
  }

  private Applied readLatest() {
    WmsLedger.LatestImport latest = ledger.latestImport();
    if (latest == null) {
      restoreFailed = false;
      return null;
    }
    Set<String> zones = zones(latest.book());
    warnWhenStartUpBookDiffers(master.book(), latest.book(), zones, latest.snapshotId());
    // Items, units and barcodes too: each as the WMS last delivered it, else the files'.
    master = ledger.withDeliveredMaster(master.withBook(latest.book()));
    // Each zone's book is as old as the delivery that last replaced it, not as the newest
    // snapshot (which merges the others in): movements since then are not in it, and a
    // restart must apply them again. That delivery's snapshot brought the book: the newest one
    // may only carry it over (a zone kept while absent from the WMS's book).
    Map<String, WmsLedger.BookDelivery> delivered = ledger.bookDeliveries();
    for (String zone : zones) {
      ZoneSnapshot before = byZone.get(zone);
      WmsLedger.BookDelivery d = delivered.get(zone);
      Instant since = d != null ? d.wall() : before != null ? before.since() : latest.wall();
      // No WMS delivery ever brought this zone's book: the start-up files' did (as `since`
      // says), which the newest snapshot only carries over.
      byZone.put(zone, new ZoneSnapshot(latest.snapshotId(), since, since,
          d != null ? d.snapshotId() : before != null ? before.bookFrom()
          : latest.snapshotId()));
    }
    restoreFailed = false;
    return new Applied(RESTORED + latest.snapshotId(), latest.snapshotId(), zones, master);
  }

  /**
   * Gives each zone whose book an absence from the WMS's whole book emptied before the stop its
   * book as it stood then (the stored absence says): the restored book has no lines for it, so
   * it would else be on the start-up files' snapshot, or on none and no longer listed.
   */
  public void restoreEmptied() {
    Set<String> onBook = zones(master.book());
    Map<String, WmsLedger.AbsentZone> absent = ledger.absentZones();
    Map<String, WmsLedger.BookDelivery> delivered = absent.isEmpty() ? Map.of()
        : ledger.bookDeliveries();
    absent.forEach((zone, a) -> {
      if (a.absence().equals(Absence.KEPT.name()) || onBook.contains(zone)) {
        return;
      }
      // Emptied by the last pull before the stop: the book it stored then is the empty one;
      // emptied earlier: the stored row holds the empty book as each pull since confirmed it.
      WmsLedger.BookDelivery d = delivered.get(zone);
      byZone.put(zone, a.absence().equals(Absence.EMPTIED.name()) && d != null
          ? new ZoneSnapshot(d.snapshotId(), d.wall())
          : new ZoneSnapshot(a.snapshotId(), a.bookSince(), a.confirmed(), a.bookFrom()));
    });
  }

  /** Returns the zones absent from the WMS's whole book, as stored. */
  public Map<String, WmsLedger.AbsentZone> absentZones() {
    return ledger.absentZones();
  }

  /**
   * Says at WARN when the start-up book file's lines for the zones the WMS delivered differ
   * from the WMS's book that wins over them: a site that edits the start-up file and restarts
   * would otherwise see its edits ignored without a word.
   */
  private void warnWhenStartUpBookDiffers(List<MasterData.BookLine> startUp,
      List<MasterData.BookLine> wms, Set<String> wmsZones, long snapshot) {
    if (startUp.isEmpty()) {
      return; // no start-up book file: the WMS's is the only one
    }
    Set<MasterData.BookLine> delivered = new java.util.HashSet<>(wms);
    long differ = 0;
    long mine = 0;
    for (MasterData.BookLine b : startUp) {
      LocationScheme.Parts p = scheme.parse(b.location());
      if (p != null && wmsZones.contains(p.zone())) {
        mine++;
        differ += delivered.contains(b) ? 0 : 1;
      }
    }
    if (differ > 0 || mine != delivered.size()) {
      LOG.warn("the start-up book file differs from the WMS's latest book (snapshot {}) in "
          + "{} of its {} lines for zones {}: the WMS's book is in force there; new master "
          + "data goes where the WMS delivers, not into the start-up files", snapshot,
          Math.max(differ, Math.abs(mine - delivered.size())), mine, wmsZones);
    }
  }

  /**
   * Checks, merges and stores one delivery that may hold the book of some zones only (a dropped
   * file): a zone it has no lines for keeps its book, as documented, with nothing said.
   */
  public Outcome offer(List<RawTable> tables, String source, Instant now) {
    return offer(tables, source, now, null, new TreeMap<>());
  }

  /**
   * Checks, merges and stores one delivery of the WMS's whole book (a database query, an API's
   * every page): a zone with a book here that it has no lines for is news. Its book is kept or
   * emptied as {@code absent} says, and a {@link ZonesAbsent} follows the delivery's outcome,
   * at each such delivery (a duplicate too), naming those zones.
   */
  public List<Outcome> offerWhole(List<RawTable> tables, String source, Instant now,
      WmsSettings.AbsentZones absent) {
    Map<String, AbsentZone> missing = new TreeMap<>();
    Outcome o = offer(tables, source, now, absent, missing);
    if (o instanceof Applied || o instanceof Duplicate) {
      // The source's book is in: what it lacks now replaces what it lacked before.
      List<WmsLedger.AbsentZone> rows = new ArrayList<>();
      missing.forEach((zone, a) -> rows.add(new WmsLedger.AbsentZone(zone, source, now,
          a.absence().name(), a.book().snapshotId(), a.book().since(), a.book().confirmed(),
          a.book().bookFrom())));
      Map<String, Instant> since = ledger.replaceAbsent(source, rows, now);
      missing.replaceAll((zone, a) -> new AbsentZone(a.book(), a.absence(), since.get(zone)));
    }
    return missing.isEmpty() ? List.of(o)
        : List.of(o, new ZonesAbsent(source, java.util.Collections.unmodifiableMap(missing)));
  }

  private Outcome offer(List<RawTable> tables, String source, Instant now,
      WmsSettings.AbsentZones absent, Map<String, AbsentZone> missing) {
    SnapshotParser.Parsed parsed = SnapshotParser.parse(tables, source, columns, master);
    if (!parsed.ok()) {
      return new Rejected(source, parsed.problems(),
          kept(tables.stream().map(RawTable::kind).toList()));
    }
    WmsData d = parsed.data();
    List<String> unzoned = new ArrayList<>();
    Set<String> covered = d.book() == null ? new TreeSet<>()
        : new TreeSet<>(zones(d.book(), unzoned));
    Set<String> toEmpty = absent == null || d.book() == null || !unzoned.isEmpty() ? Set.of()
        : absentZones(covered, absent, now, missing);
    // The newest snapshot could not be restored: the WMS sending it again is what repairs it.
    List<String> kinds = List.of(d.kinds().split(","));
    boolean repairs = restoreFailed && (!java.util.Collections.disjoint(covered, fallbackZones)
        || !java.util.Collections.disjoint(kinds, fallbackKinds));
    Long earlier = repairs ? null : ledger.sameAsNewest(d.kinds(), d.contentHash());
    if (earlier != null && toEmpty.isEmpty()) {
      if (d.book() != null) {
        // The WMS says again that its book is this one: it is current, not stale. (Its age
        // for movements stays: nothing new was taken in.)
        for (String zone : zones(d.book())) {
          ZoneSnapshot z = byZone.get(zone);
          if (z != null) {
            byZone.put(zone, z.confirmedAt(now));
          }
        }
      }
      return new Duplicate(source, earlier);
    }
    if (!unzoned.isEmpty()) {
      return new Rejected(source, unzoned, kept(List.of(d.kinds().split(","))));
    }
    covered.addAll(toEmpty); // an emptied zone's book is this delivery's: no lines
    MasterData merged = merge(d, covered);
    if (d.items() != null) {
      warnLostCosts(merged, source);
    }
    if (d.barcodes() != null || d.uom() != null) {
      warnBarcodesWithoutFactor(merged, source);
    }
    // Costs and units belong to no zone: a delivery of them changes every zone's comparison.
    Set<String> affected = new TreeSet<>(covered);
    if (d.items() != null || d.uom() != null || d.barcodes() != null) {
      affected.addAll(zones(merged.book()));
    }
    // Every delivery stores the whole merged book as a new snapshot (the zones' F17 check
    // reads books by snapshot); it is one compressed block, so a 1M-line book takes seconds.
    // A delivery that empties zones stores other content than the same delivery did without
    // (after a restart with absent-zones changed from keep): its snapshot says so in its hash.
    String content = toEmpty.isEmpty() ? d.contentHash()
        : hash("emptied " + String.join(",", new TreeSet<>(toEmpty)) + " of " + d.contentHash());
    if (restoreFailed) {
      // Merged over the start-up files, not over the unreadable newest snapshot: other content
      // than that snapshot's even when the delivery is the same one again.
      content = hash("over an unreadable snapshot, " + content);
    }
    long id = ledger.saveImport(merged, source, d.contentHash(), content, d.kinds(),
        String.join(",", covered));
    master = merged;
    fallbackZones.removeAll(covered);
    fallbackKinds.removeAll(kinds);
    // LIMITATION: zones still on the start-up files' book when this is stored are taken as the
    // WMS's at the next start (this snapshot is readable), until the WMS delivers them again.
    restoreFailed = !fallbackZones.isEmpty() || !fallbackKinds.isEmpty();
    for (String zone : affected) {
      // Items or units alone leave a zone's book as old as it was: movements since it stay.
      ZoneSnapshot before = byZone.get(zone);
      boolean brought = covered.contains(zone) || before == null;
      byZone.put(zone, brought ? new ZoneSnapshot(id, now)
          : new ZoneSnapshot(id, before.since(), before.since(), before.bookFrom()));
    }
    return new Applied(source, id, Set.copyOf(affected), merged);
  }

  /** The content hash of a snapshot that is not a delivery alone, as {@code what} says. */
  private static String hash(String what) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(what.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * Finds the zones with a book here that a whole-book delivery has no lines for, into {@code
   * missing}; returns those to empty now ({@code absent} = empty). A zone emptied before has its
   * empty book confirmed: the WMS says again it has nothing there, so it does not go stale.
   */
  private Set<String> absentZones(Set<String> covered, WmsSettings.AbsentZones absent,
      Instant now, Map<String, AbsentZone> missing) {
    Set<String> onBook = zones(master.book());
    Set<String> toEmpty = new TreeSet<>();
    for (Map.Entry<String, ZoneSnapshot> e : new TreeMap<>(byZone).entrySet()) {
      String zone = e.getKey();
      ZoneSnapshot z = e.getValue();
      if (covered.contains(zone)) {
        continue;
      }
      if (!onBook.contains(zone)) {
        missing.put(zone, new AbsentZone(z, Absence.EMPTY, now));
        byZone.put(zone, z.confirmedAt(now));
      } else if (absent == WmsSettings.AbsentZones.EMPTY) {
        missing.put(zone, new AbsentZone(z, Absence.EMPTIED, now));
        toEmpty.add(zone);
      } else {
        missing.put(zone, new AbsentZone(z, Absence.KEPT, now));
      }
    }
    return toEmpty;
  }

  /**
   * An items delivery replaces the whole item master: a delivery of a few changed items takes
   * every other SKU's cost away. Said at WARN, with how many SKUs on the book lost theirs.
   */
  private void warnLostCosts(MasterData merged, String source) {
    Set<String> lost = new TreeSet<>();
    for (MasterData.BookLine b : merged.book()) {
      if (master.cost(b.sku()) != null && merged.cost(b.sku()) == null) {
        lost.add(b.sku());
      }
    }
    if (!lost.isEmpty()) {
      LOG.warn("wms: {}: {} SKU(s) on the book have no cost since this item master (it replaces"
          + " the whole item master, so send it whole); e.g. {}", source, lost.size(),
          String.join(", ", lost.stream().limit(10).toList()));
    }
  }

  /**
   * A barcode whose unit its SKU has no factor for is taken in, but every scan of it is refused
   * at the stations until a factor comes: said at WARN, as the start-up files' are.
   */
  private static void warnBarcodesWithoutFactor(MasterData merged, String source) {
    List<String> without = merged.barcodesWithoutFactor().stream()
        .map(b -> b.code() + " (" + b.unit() + " of " + b.sku() + ")").toList();
    if (!without.isEmpty()) {
      LOG.warn("wms: {}: {} barcode(s) count a unit the UOM table gives their SKU no factor "
          + "for, so their scans are refused until it gives one; e.g. {}", source,
          without.size(), String.join(", ", without.stream().limit(10).toList()));
    }
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SnapshotManager.class);

  /** Returns the master data in force. */
  public MasterData master() {
    return master;
  }

  /** Returns each zone's snapshot, by zone name. */
  public Map<String, ZoneSnapshot> zones() {
    return Map.copyOf(byZone);
  }

  /** Returns the zones whose snapshot is older than {@code maxAge}, with their age. */
  public static Map<String, Duration> stale(Map<String, ZoneSnapshot> zones, Instant now,
      Duration maxAge) {
    Map<String, Duration> out = new TreeMap<>();
    zones.forEach((zone, s) -> {
      Duration age = Duration.between(s.confirmed(), now);
      if (age.compareTo(maxAge) > 0) {
        out.put(zone, age);
      }
    });
    return out;
  }

  private MasterData merge(WmsData d, Set<String> covered) {
    List<MasterData.BookLine> book = master.book();
    if (d.book() != null) {
      // Line by line into packed storage: a 1M-line book is never a list of records.
      MasterData.Builder merged = MasterData.builder();
      for (MasterData.BookLine b : master.book()) {
        LocationScheme.Parts p = scheme.parse(b.location());
        if (p == null || !covered.contains(p.zone())) {
          merged.bookLine(b.location(), b.sku(), b.lot(), b.eaches());
        }
      }
      for (MasterData.BookLine b : d.book()) {
        merged.bookLine(b.location(), b.sku(), b.lot(), b.eaches());
      }
      book = merged.bookList();
    }
    // A delivered UOM table replaces the one in force with its disputes and conflicts: it has
    // none (a delivery giving PC another factor is refused); so does a delivered item master.
    return new MasterData(d.items() != null ? d.items() : master.items(),
        d.uom() != null ? d.uom() : master.uom(),
        d.barcodes() != null ? d.barcodes() : master.barcodes(), book)
        .withConflictsOf(master, d.items() != null, d.uom() != null);
  }

  private Set<String> zones(List<MasterData.BookLine> book) {
    return zones(book, null);
  }

  private Set<String> zones(List<MasterData.BookLine> book, List<String> unzoned) {
    Set<String> out = new TreeSet<>();
    for (MasterData.BookLine b : book) {
      LocationScheme.Parts p = scheme.parse(b.location());
      if (p != null) {
        out.add(p.zone());
      } else if (unzoned != null && unzoned.size() < SnapshotParser.MAX_PROBLEMS) {
        unzoned.add("book: location '" + b.location() + "' (sku " + b.sku()
            + ") fits no zone of the location scheme");
      }
    }
    return out;
  }
}
