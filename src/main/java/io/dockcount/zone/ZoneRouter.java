package io.dockcount.zone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dockcount.core.CountRecord;
import io.dockcount.core.KeyText;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.LocationSpellings;
import io.dockcount.store.JournalEntry;
import io.dockcount.store.MasterData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sends each location command to the zone the location belongs to, read from the location code
 * with the configured {@link LocationScheme}; spawns one {@link Zone} per zone of the book in
 * force at start (staggered across one cycle interval, in zone-name order), and one per zone the
 * journal has counts in (a zone a later book dropped).
 *
 * <p>A command whose location fits no zone, or a zone that neither the book nor the journal
 * knows, is refused; a count refused that way is kept as a rejected scan. A location label that
 * is not on its zone's book but is a booked location keyed another way ({@link
 * LocationSpellings}) is refused too, naming the booked one. Zones that fail are restarted with
 * backoff and rebuild from the journal.
 */
public final class ZoneRouter extends AbstractBehavior<ZoneRouter.Command> {

  /** Messages the router accepts. */
  public sealed interface Command {}

  /** Routes a command to its location's zone; the zone replies to the command's replyTo. */
  public record Route(Zone.LocationCommand command) implements Command {}

  /**
   * Asks whether a location can be counted (its zone is running), so a station can answer a
   * location label at once. Replies {@link LocationChecked}.
   */
  public record CheckLocation(String location, ActorRef<LocationChecked> replyTo)
      implements Command {}

  /**
   * Why the location cannot be counted, or null when it can; and its current count round, or
   * null when not known.
   */
  public record LocationChecked(String location, String refusal, Integer round, String note) {
    public LocationChecked(String location, String refusal) {
      this(location, refusal, null, null);
    }
  }

  /** Asks for the zones. Replies {@link Zones}. */
  public record GetZones(ActorRef<Zones> replyTo) implements Command {}

  /**
   * A newer book snapshot (WMS integration) is in force for {@code zones}: each of them gets its
   * lines of {@code master}'s book; a zone not running yet is started. Zones not listed keep
   * the book they have. No reply.
   *
   * @param moved WMS movements moved the book of {@code zones}, which stay on snapshot {@code
   *     snapshotId}: that may be older than the snapshot the master data's items, units and
   *     barcodes are of (a zone no later delivery covered), so the master data in force keeps
   *     the snapshot id it had
   */
  public record BookUpdated(long snapshotId, MasterData master, java.util.Set<String> zones,
      boolean moved) implements Command {
    public BookUpdated {
      zones = java.util.Set.copyOf(zones);
    }

    /** A snapshot delivered (not moved): the master data in force is of it. */
    public BookUpdated(long snapshotId, MasterData master, java.util.Set<String> zones) {
      this(snapshotId, master, zones, false);
    }
  }

  /**
   * Asks to be told the master data in force now and each time a book snapshot replaces it
   * (the stations look barcodes and units up in it). Replies {@link MasterInForce}, now and at
   * each change.
   */
  public record WatchMaster(ActorRef<MasterInForce> watcher) implements Command {}

  /** The master data in force, from book snapshot {@code snapshotId} (null: none stored). */
  public record MasterInForce(Long snapshotId, MasterData master) {}

  private static final java.util.concurrent.atomic.AtomicInteger WATCHERS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Hands each master data that comes in force after {@code atStart} to {@code onChange}, one
   * after the other, on an actor of its own ({@code name} and a number) that {@code router}
   * tells; the one in force when it registers is skipped when it is {@code atStart}.
   */
  public static void watchMaster(akka.actor.typed.ActorSystem<?> system,
      ActorRef<Command> router, String name, MasterData atStart,
      java.util.function.Consumer<MasterInForce> onChange) {
    Behavior<MasterInForce> watcher = Behaviors.setup(ctx -> {
      MasterData[] last = {atStart};
      return Behaviors.receiveMessage(m -> {
        if (m.master() != last[0]) {
          last[0] = m.master();
          onChange.accept(m);
        }
        return Behaviors.same();
      });
    });
    router.tell(new WatchMaster(system.systemActorOf(watcher,
        name + "-" + WATCHERS.incrementAndGet(), akka.actor.typed.Props.empty())));
  }

  /** The zones by name, in name order. */
  public record Zones(Map<String, ActorRef<Zone.Command>> zones) {}

  private record JournalZones(Set<String> zones, Throwable failure) implements Command {}

  private ZoneDeps deps;
  private final List<ActorRef<MasterInForce>> masterWatchers = new java.util.ArrayList<>();
  // Read by a zone's setup when it (re)starts; replaced, never changed: immutable values only.
  private volatile Map<String, Zone.ZoneBook> current = Map.of();
  private final Map<String, ActorRef<Zone.Command>> zones = new TreeMap<>();
  /**
   * Each zone's booked locations by spelling, built at the first label after its book came in
   * force (WMS movements replace a book often; most of those books never see a bad label).
   */
  private final Map<String, LocationSpellings> spellings = new java.util.HashMap<>();
  /** The journal, read once for every zone's first start. */
  private final ZoneRecovery recovery;

  public static Behavior<Command> create(ZoneDeps deps) {
    return create(deps, List.of());
  }

  /**
   * Creates the router with its zones on {@code deps}' book with {@code inForce} applied over it
   * in order: the books the zones had when the service stopped (the WMS's stored snapshot and the
   * movements since, read before the start). Each zone starts on its book in force at once, so
   * nothing it shows before the WMS sync's first pull differs from before the stop.
   */
  public static Behavior<Command> create(ZoneDeps deps, List<BookUpdated> inForce) {
    return Behaviors.setup(ctx -> new ZoneRouter(ctx, deps, List.copyOf(inForce)));
  }

  private ZoneRouter(ActorContext<Command> ctx, ZoneDeps deps, List<BookUpdated> inForce) {
    super(ctx);
    this.deps = deps;
    this.recovery = ZoneRecovery.start(deps);
    Map<String, Zone.ZoneBook> books = new TreeMap<>();
    splitBook(deps).forEach((z, lines) -> books.put(z,
        new Zone.ZoneBook(deps.snapshotId(), deps.master(), lines)));
    Map<String, List<MasterData.BookLine>> movedFrom = takeBooks(inForce, books);
    this.current = Collections.unmodifiableMap(books);
    int n = books.size();
    int i = 0;
    Duration interval = deps.settings().cycleInterval();
    for (String zone : books.keySet()) {
      // Zone i of n first reconciles (i + 1) / n of an interval from now.
      List<MasterData.BookLine> from = movedFrom.get(zone);
      spawn(zone, interval.multipliedBy(++i).dividedBy(n),
          from == null ? null : new Zone.MovedAtStart(books.get(zone), from));
    }
    ctx.getLog().info("zone router: {} zones from a book of {} lines{}", n,
        this.deps.master().book().size(), this.deps.snapshotId() == null ? ""
            : " (snapshot " + this.deps.snapshotId() + ")");
    // Zones counted in but not on this book (a location the book never had, a zone a newer
    // book dropped) are rebuilt too, so nothing acknowledged is left out of a reconciliation.
    // The zones' shared journal read finds them, so the journal is not read for them again.
    ctx.pipeToSelf(recovery.zones(),
        (zs, e) -> new JournalZones(e == null ? zs : Set.of(), e));
  }

  /**
   * Applies {@code inForce} to {@code books} in order, before any zone runs; returns, per zone
   * whose book ends up moved within its snapshot, the book it was moved from, so that the zone
   * notes the moves as it notes a move told while it runs.
   */
  private Map<String, List<MasterData.BookLine>> takeBooks(List<BookUpdated> inForce,
      Map<String, Zone.ZoneBook> books) {
    Map<String, List<MasterData.BookLine>> movedFrom = new java.util.HashMap<>();
    for (BookUpdated u : inForce) {
      for (String zone : u.zones()) {
        Zone.ZoneBook was = books.get(zone);
        if (was != null && Long.valueOf(u.snapshotId()).equals(was.snapshotId())) {
          movedFrom.putIfAbsent(zone, was.lines());
        } else {
          movedFrom.remove(zone);
        }
      }
      takeBook(u, books);
    }
    return movedFrom;
  }

  private Behavior<Command> onJournalZones(JournalZones m) {
    if (m.failure() != null) {
      getContext().getLog().error("zone router: could not read the journal's zones",
          m.failure());
      return this;
    }
    for (String zone : m.zones()) {
      if (!zones.containsKey(zone)) {
        getContext().getLog().info("zone router: zone {} has counts but no book line", zone);
        spawn(zone, deps.settings().cycleInterval(), null);
      }
    }
    return this;
  }

  private Map<String, List<MasterData.BookLine>> splitBook(ZoneDeps deps) {
    LocationScheme scheme = deps.settings().scheme();
    java.util.Set<String> unzoned = new java.util.LinkedHashSet<>();
    // Packed per zone: a list of records would keep a record and its strings per book line.
    Map<String, List<MasterData.BookLine>> out = deps.master().bookByZone(location -> {
      LocationScheme.Parts parts = scheme.parse(location);
      if (parts == null) {
        unzoned.add(location);
      }
      return parts == null ? null : parts.zone();
    });
    if (!unzoned.isEmpty()) {
      getContext().getLog().warn("zone router: {}", LocationScheme.unzoned(unzoned));
    }
    return out;
  }

  private ActorRef<Zone.Command> spawn(String zone, Duration initialDelay,
      Zone.MovedAtStart moved) {
    Zone.ZoneBook empty = new Zone.ZoneBook(deps.snapshotId(), deps.master(), List.of());
    Behavior<Zone.Command> behavior = Behaviors.supervise(Zone.create(zone, deps,
            () -> current.getOrDefault(zone, empty), initialDelay, recovery, moved))
        .onFailure(SupervisorStrategy.restartWithBackoff(
            Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    ActorRef<Zone.Command> ref = getContext().spawn(behavior,
        "zone-" + URLEncoder.encode(zone, StandardCharsets.UTF_8));
    zones.put(zone, ref);
    return ref;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Route.class, this::onRoute)
        .onMessage(CheckLocation.class, this::onCheckLocation)
        .onMessage(GetZones.class, this::onGetZones)
        .onMessage(JournalZones.class, this::onJournalZones)
        .onMessage(BookUpdated.class, this::onBookUpdated)
        .onMessage(WatchMaster.class, m -> {
          masterWatchers.add(m.watcher());
          m.watcher().tell(new MasterInForce(deps.snapshotId(), deps.master()));
          return this;
        })
        .build();
  }

  private Behavior<Command> onRoute(Route m) {
    Zone.LocationCommand cmd = m.command();
    LocationScheme.Parts parts = deps.settings().scheme().parse(cmd.location());
    ActorRef<Zone.Command> zone = parts == null ? null : zones.get(parts.zone());
    if (zone == null) {
      refuse(cmd, refusal(cmd.location(), parts));
      return this;
    }
    zone.tell(cmd);
    return this;
  }

  private Behavior<Command> onCheckLocation(CheckLocation m) {
    LocationScheme.Parts parts = deps.settings().scheme().parse(m.location());
    ActorRef<Zone.Command> zone = parts == null ? null : zones.get(parts.zone());
    String booked = zone == null ? null : spellings(parts.zone()).bookedAs(m.location());
    if (zone == null) {
      m.replyTo().tell(new LocationChecked(m.location(), refusal(m.location(), parts)));
    } else if (booked != null) {
      // Counted as scanned, its stock would be unexpected here and missing at the booked one,
      // found only at the reconciliation. Only the label is checked: a station counts only at
      // a location whose label it was answered good for, and a location counted so before
      // this check can still be closed (by a supervisor) and reconciled.
      String why = notOnBook(m.location(), booked);
      getContext().getLog().warn("zone router: {}", why);
      m.replyTo().tell(new LocationChecked(m.location(), why));
    } else {
      zone.tell(new Zone.CheckCountable(m.location(), m.replyTo())); // its state and round
    }
    return this;
  }

  /**
   * Returns why a location whose zone is not running cannot be counted. Every zone of the book
   * and of the journal runs, so one that does not is a mis-scanned or hand-keyed label far more
   * often than a real zone: counting it would open a zone of its own (and a report file named
   * after whatever was scanned), every count in it unexpected.
   */
  private String refusal(String location, LocationScheme.Parts parts) {
    if (parts == null) {
      return "location " + location + " fits no zone";
    }
    String known = spellingOfRunningZone(parts.zone());
    String booked = known == null ? null : spellings(known).bookedAs(location);
    return booked != null ? notOnBook(location, booked)
        : known != null
        ? "location " + location + " is in zone " + parts.zone() + ", not " + known
            + ": codes are read exactly (a mis-scanned or hand-keyed label?)"
        : "location " + location + " is in zone " + parts.zone() + ", which the book does not "
            + "have (a mis-scanned label? a zone must be on the book to count)";
  }

  /** Why a label that is another spelling of booked location {@code booked} is refused. */
  private static String notOnBook(String location, String booked) {
    return "location " + location + " is not on the book, " + booked + " is: codes are read "
        + "exactly (a mis-scanned or hand-keyed label?)";
  }

  /** Returns the zone's booked locations by spelling, indexed once per book in force. */
  private LocationSpellings spellings(String zone) {
    return spellings.computeIfAbsent(zone, z -> {
      Zone.ZoneBook b = current.get(z);
      return b == null ? LocationSpellings.NONE
          : new LocationSpellings(MasterData.locationsOf(b.lines()));
    });
  }

  /** Refuses a command; a refused count is kept as a rejected scan with the reason. */
  private void refuse(Zone.LocationCommand cmd, String why) {
    if (cmd instanceof Zone.RecordCount rc) {
      CountRecord r = rc.record();
      deps.journal().append(new JournalEntry.Rejected(r.station(), r.counter(), r.location(),
          r.sku(), r.raw(), why));
    } else if (cmd instanceof Zone.HoldScan h) {
      // Kept with the station's own reason: no zone takes note of it.
      deps.journal().append(new JournalEntry.Rejected(h.station(), h.counter(), h.location(),
          h.sku(), h.raw(), h.reason()));
    }
    getContext().getLog().warn("zone router: {}", why);
    Zone.refuseUnknown(cmd, why);
  }

  /**
   * Returns the running zone whose name is another {@link KeyText#spelling} of {@code zone}
   * (letter case, leading zeros, spaces), or null. A few zones: no index needed.
   */
  private String spellingOfRunningZone(String zone) {
    String spelled = KeyText.spelling(zone);
    for (String z : zones.keySet()) {
      if (KeyText.spelling(z).equals(spelled)) {
        return z;
      }
    }
    return null;
  }

  private Behavior<Command> onBookUpdated(BookUpdated m) {
    Map<String, Zone.ZoneBook> books = new TreeMap<>(current);
    takeBook(m, books);
    current = Collections.unmodifiableMap(books);
    for (String zone : new java.util.TreeSet<>(m.zones())) {
      ActorRef<Zone.Command> ref = zones.get(zone);
      if (ref == null) {
        spawn(zone, deps.settings().cycleInterval(), null);
      } else {
        ref.tell(new Zone.BookUpdated(current.get(zone)));
      }
    }
    MasterInForce inForce = new MasterInForce(deps.snapshotId(), deps.master());
    masterWatchers.forEach(w -> w.tell(inForce));
    getContext().getLog().info("zone router: book snapshot {} in force for zones {}{}",
        m.snapshotId(), new java.util.TreeSet<>(m.zones()), m.moved() ? " (moved)" : "");
    return this;
  }

  /**
   * Makes {@code m}'s master data the one in force, and its book that of its zones in {@code
   * books}. A move keeps the snapshot id of the master data in force: its items, units and
   * barcodes are still those, while a zone moved may be on an older snapshot.
   */
  private void takeBook(BookUpdated m, Map<String, Zone.ZoneBook> books) {
    deps = new ZoneDeps(deps.store(), deps.journal(), deps.blocking(), m.master(),
        m.moved() ? deps.snapshotId() : Long.valueOf(m.snapshotId()), deps.settings(),
        deps.alerts(), deps.units(), deps.raised());
    Map<String, List<MasterData.BookLine>> bookByZone = splitBook(deps);
    for (String zone : m.zones()) {
      books.put(zone, new Zone.ZoneBook(m.snapshotId(), m.master(),
          bookByZone.getOrDefault(zone, List.of())));
      spellings.remove(zone); // indexed again at its next label
    }
  }

  private Behavior<Command> onGetZones(GetZones m) {
    m.replyTo().tell(new Zones(Collections.unmodifiableMap(new TreeMap<>(zones))));
    return this;
  }
}
