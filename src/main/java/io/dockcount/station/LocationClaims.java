package io.dockcount.station;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.pattern.StatusReply;
import io.dockcount.core.CountRound;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Which stations have which location open (issue 3: a location is complete when no station has
 * it open). A station's close reaches the zone only when it was the last station there; until
 * then the others keep counting it. When the last station there leaves without closing it (its
 * counter logs out) after another station finished it, the location is closed in the name of
 * the counter who finished it: nobody else is left to close it.
 *
 * <p>Held in memory only: after a restart every station scans its location label again, which
 * claims it again.
 *
 * <p>Left open: with a {@link LeftOpenWatch}, it looks at the zones' locations every so often.
 * A location being counted (counts in its current round, in a state that takes counts) that no
 * station has open is closed by nobody: a stop or restart left it so (every station starts with
 * nothing open), or a station stopped. It is never closed here (the counter may not be done):
 * it is reported, once, to the log, the health lines and the supervisors (a location-left-open
 * alert), at the first look after start for those found so then, else once it has been so for
 * the watch's time. A station that opens it again, or a close, ends it. A report stands across
 * restarts: one found left open at start in the round a report raised before it still stands
 * for (no station opened it since: {@link StationTrouble#leftOpenReported}) is not raised
 * again; a station opening a reported location records the report's end.
 */
public final class LocationClaims extends AbstractBehavior<LocationClaims.Command> {
  /** Messages the registry accepts. */
  public sealed interface Command {}

  /** The station has opened the location (no reply). */
  public record Claim(String station, String location) implements Command {}

  /**
   * The station is done with the location: {@code counter} closed it, having opened it in
   * {@code openedRound} (null: not known). Replies {@link Released}.
   */
  public record Release(String station, String location, String counter, Integer openedRound,
      ActorRef<Released> replyTo) implements Command {}

  /**
   * The station no longer has any location open, without closing it: at a logout
   * ({@code leaving}) a location that another station finished is closed when this one was
   * the last there; at a stop nothing is closed (the counter is not done, the service is).
   */
  public record DropAll(String station, boolean leaving, Duration answerWithin,
      ActorRef<Dropped> replyTo) implements Command {
    /** A drop nobody waits on (a stop). */
    public DropAll(String station, boolean leaving) {
      this(station, leaving, CLOSE_TIMEOUT, null);
    }
  }

  /**
   * The answer to a {@link DropAll} once the closes it made are answered: each location it
   * closed for the counter who finished it, so the logout's light can say so.
   */
  public record Dropped(List<ClosedFor> closed) {}

  /**
   * A location closed in the name of {@code counter}, who finished it at {@code station};
   * {@code failure} is why the zone did not close it, or null when it did; not {@code
   * answered}: the zone had not answered the close when the drop was answered (it may yet).
   */
  public record ClosedFor(String location, String counter, String station, String failure,
      boolean answered) {}

  private record Closed(String location, Throwable failure) implements Command {}

  /** Time to look at the zones' locations for ones left open. */
  private enum CheckLeftOpen implements Command { INSTANCE }

  /**
   * What the zones answered, by zone; on the first look after start also the reports that
   * still stand from before it ({@code reportedBefore}, null: not read, or could not be).
   */
  private record ZonesLooked(Map<String, Zone.BeingCounted> zones, Set<String> reportedBefore,
      Throwable failure) implements Command {}

  /**
   * How locations left open are reported.
   *
   * @param after how long a location may be left open before it is reported (positive)
   * @param lines receives the line printed for each (the health lines); must not block
   * @param trouble raises the supervisors' alert; must not block
   */
  public record LeftOpenWatch(java.time.Duration after, java.util.function.Consumer<String> lines,
      StationTrouble trouble) {
    public LeftOpenWatch {
      if (after.isNegative() || after.isZero()) {
        throw new IllegalArgumentException("left-open time must be positive, was " + after);
      }
    }

    /** How often the zones are looked at: a tenth of the time, between 1 s and 1 minute. */
    java.time.Duration every() {
      java.time.Duration e = after.dividedBy(10);
      return e.compareTo(java.time.Duration.ofMinutes(1)) > 0 ? java.time.Duration.ofMinutes(1)
          : e.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : e;
    }
  }

  /**
   * A location seen left open: its zone and round, since when (nanos), and whether it was
   * reported.
   */
  private record Unclaimed(String zone, int round, long since, boolean reported) {}

  private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(30);

  /** Who finished a location that other stations still had open. */
  private record Finished(String station, String counter, Integer openedRound) {}

  /**
   * The answer to a release: {@code last} when no station has the location open any more, else
   * the stations that still have it.
   */
  public record Released(String location, boolean last, List<String> stillOpenAt) {}

  private final Map<String, Set<String>> open = new HashMap<>();
  private final Map<String, Finished> finished = new HashMap<>();
  private final ActorRef<ZoneRouter.Command> router;
  private final LeftOpenWatch watch;
  /** Locations being counted that no station has open, by location. */
  private final Map<String, Unclaimed> unclaimed = new HashMap<>();
  /** No look at the zones has been answered yet since start. */
  private boolean firstLook = true;
  private boolean looking;

  /** A registry that closes, through {@code router}, the locations left as described above. */
  public static Behavior<Command> create(ActorRef<ZoneRouter.Command> router) {
    return create(router, null);
  }

  /**
   * As above, reporting locations left open through {@code watch} (null: not looked for).
   */
  public static Behavior<Command> create(ActorRef<ZoneRouter.Command> router,
      LeftOpenWatch watch) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
      if (watch != null) {
        ctx.getSelf().tell(CheckLeftOpen.INSTANCE); // those a stop or restart left, at once
        timers.startTimerWithFixedDelay(CheckLeftOpen.INSTANCE, watch.every());
      }
      return new LocationClaims(ctx, router, watch);
    }));
  }

  private LocationClaims(ActorContext<Command> ctx, ActorRef<ZoneRouter.Command> router,
      LeftOpenWatch watch) {
    super(ctx);
    this.router = router;
    this.watch = watch;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, this::onRelease)
        .onMessage(DropAll.class, this::onDropAll)
        .onMessage(Closed.class, this::onClosed)
        .onMessageEquals(CheckLeftOpen.INSTANCE, this::onCheckLeftOpen)
        .onMessage(ZonesLooked.class, this::onZonesLooked)
        .build();
  }

  private Behavior<Command> onClaim(Claim m) {
    open.computeIfAbsent(m.location(), k -> new TreeSet<>()).add(m.station());
    Unclaimed u = unclaimed.remove(m.location());
    if (u != null && u.reported()) {
      String line = openAgain(u.zone(), m.location(), Set.of(m.station()));
      getContext().getLog().info("{}", line);
      watch.trouble().leftOpenEnded(u.zone(), m.location(), u.round(), line);
    }
    return this;
  }

  private Behavior<Command> onCheckLeftOpen() {
    if (looking) {
      return this; // the zones have not answered the last look yet
    }
    looking = true;
    var system = getContext().getSystem();
    CompletionStage<Set<String>> before = !firstLook ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(watch.trouble()::leftOpenReported,
                system.dispatchers().lookup(DispatcherSelector.blocking()))
            .exceptionally(e -> null);
    getContext().pipeToSelf(LeftOpenLook.zones(router, system).thenCombine(before,
            (zones, reported) -> new ZonesLooked(zones, reported, null)),
        (looked, e) -> e == null ? looked : new ZonesLooked(null, null, e));
    return this;
  }

  private Behavior<Command> onZonesLooked(ZonesLooked m) {
    looking = false;
    if (m.failure() != null) {
      getContext().getLog().warn("locations left open: the zones did not answer: {}",
          m.failure().toString());
      return this;
    }
    if (firstLook && m.reportedBefore() == null) {
      getContext().getLog().warn("locations left open: the reports raised before this start "
          + "could not be read; those still left open are reported again");
    }
    Set<String> reportedBefore = m.reportedBefore() == null ? Set.of() : m.reportedBefore();
    long now = System.nanoTime();
    java.util.Set<String> still = new java.util.HashSet<>();
    for (Zone.BeingCounted z : new java.util.TreeMap<>(m.zones()).values()) {
      for (var l : new java.util.TreeMap<>(z.locations()).entrySet()) {
        String location = l.getKey();
        int round = z.rounds().getOrDefault(location, 0);
        boolean stood = firstLook && reportedBefore.contains(location + '\n' + round);
        if (open.containsKey(location)) {
          if (stood) { // opened again before the first look: that report is over
            watch.trouble().leftOpenEnded(z.zone(), location, round,
                openAgain(z.zone(), location, open.get(location)));
          }
          continue;
        }
        still.add(location);
        look(z.zone(), location, l.getValue(), round, stood, now);
      }
    }
    unclaimed.keySet().retainAll(still); // closed or opened again since
    firstLook = false;
    return this;
  }

  /**
   * Notes a location being counted that no station has open, and reports it when due;
   * {@code stood}: a report raised before this start still stands for it (not raised again).
   */
  private void look(String zone, String location, int counts, int round, boolean stood,
      long now) {
    Unclaimed u = unclaimed.get(location);
    if (u == null || u.round() != round) {
      u = new Unclaimed(zone, round, firstLook ? Long.MIN_VALUE : now, stood);
      unclaimed.put(location, u);
      if (stood) { // printed, not raised: the supervisors have the report
        String line = "zone " + zone + ": location " + location + " is still left open ("
            + CountRound.label(round) + "), as reported before this start: not raised again";
        getContext().getLog().info("{}", line);
        watch.lines().accept(line);
      }
    }
    boolean due = u.since() == Long.MIN_VALUE || now - u.since() >= watch.after().toNanos();
    if (!u.reported() && due) {
      report(zone, location, counts, round, u.since() == Long.MIN_VALUE);
      unclaimed.put(location, new Unclaimed(zone, round, u.since(), true));
    }
  }

  private static String openAgain(String zone, String location, Set<String> stations) {
    return "zone " + zone + ": location " + location + ", reported left open, is open at "
        + String.join(", ", stations) + " again";
  }

  // LIMITATION: the console lists no location left open, nor its age: the log, the health
  // lines and the location-left-open alert say each once.
  private void report(String zone, String location, int counts, int round, boolean atStart) {
    String line = LeftOpenLook.line(zone, location, counts, round,
        atStart ? null : watch.after());
    getContext().getLog().warn("{}", line);
    watch.lines().accept(line);
    watch.trouble().leftOpen(zone, location, round, line);
  }

  private Behavior<Command> onRelease(Release m) {
    Set<String> at = open.getOrDefault(m.location(), new TreeSet<>());
    at.remove(m.station());
    if (at.isEmpty()) {
      open.remove(m.location());
      finished.remove(m.location());
    } else {
      finished.put(m.location(), new Finished(m.station(), m.counter(), m.openedRound()));
    }
    m.replyTo().tell(new Released(m.location(), at.isEmpty(), List.copyOf(at)));
    return this;
  }

  private Behavior<Command> onDropAll(DropAll m) {
    List<CompletableFuture<ClosedFor>> closing = new java.util.ArrayList<>();
    List<ClosedFor> unanswered = new java.util.ArrayList<>();
    for (var it = open.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().remove(m.station()) || !e.getValue().isEmpty()) {
        continue;
      }
      it.remove();
      Finished by = finished.remove(e.getKey());
      if (by != null && m.leaving()) {
        getContext().getLog().info("{}: {} left it open without closing it after {} finished "
            + "it there: closing it for {}", e.getKey(), m.station(), by.station(), by.counter());
        closing.add(closeFor(e.getKey(), by));
        unanswered.add(new ClosedFor(e.getKey(), by.counter(), by.station(), null, false));
      }
    }
    if (m.replyTo() != null) {
      // Answered within the bound the logout gave, naming each close still unanswered then:
      // the light names the location whose close is in doubt, not the one the station was at.
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .completeOnTimeout(null, m.answerWithin().toMillis(), TimeUnit.MILLISECONDS)
          .thenRun(() -> {
            List<ClosedFor> said = new java.util.ArrayList<>();
            for (int i = 0; i < closing.size(); i++) {
              said.add(closing.get(i).getNow(unanswered.get(i)));
            }
            m.replyTo().tell(new Dropped(List.copyOf(said)));
          });
    }
    return this;
  }

  /** Closes {@code location} in the name of who finished it; completes once answered. */
  private CompletableFuture<ClosedFor> closeFor(String location, Finished by) {
    ActorRef<Command> self = getContext().getSelf();
    return AskPattern.<ZoneRouter.Command, StatusReply<Zone.LocationChanged>>ask(router,
            replyTo -> new ZoneRouter.Route(new Zone.CloseLocation(location, by.counter(),
                replyTo, by.openedRound())),
            CLOSE_TIMEOUT, getContext().getSystem().scheduler())
        .handle((reply, failure) -> {
          Throwable why = failure != null ? failure : reply.isError() ? reply.getError() : null;
          self.tell(new Closed(location, why));
          return new ClosedFor(location, by.counter(), by.station(),
              why == null ? null : String.valueOf(why.getMessage()), true);
        })
        .toCompletableFuture();
  }

  private Behavior<Command> onClosed(Closed m) {
    if (m.failure() != null) {
      getContext().getLog().warn("{}: close after the last station left failed: {}",
          m.location(), m.failure().getMessage());
    }
    return this;
  }
}
