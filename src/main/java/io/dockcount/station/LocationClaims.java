package io.dockcount.station;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stations have which location open (issue 3: a location is complete when no station has
 * it open). A station's close reaches the zone only when it was the last station there; until
 * then the others keep counting it. When the last station there leaves without closing it (its
 * counter logs out) after another station finished it, the location is closed in the name of
 * the counter who finished it: nobody else is left to close it.
 *
 * <p>Held in memory only: after a restart every station scans its location label again, which
 * claims it again.
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
  public record DropAll(String station, boolean leaving) implements Command {}

  private record Closed(String location, Throwable failure) implements Command {}

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

  /** A registry that closes, through {@code router}, the locations left as described above. */
  public static Behavior<Command> create(ActorRef<ZoneRouter.Command> router) {
    return Behaviors.setup(ctx -> new LocationClaims(ctx, router));
  }

  private LocationClaims(ActorContext<Command> ctx, ActorRef<ZoneRouter.Command> router) {
    super(ctx);
    this.router = router;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, this::onRelease)
        .onMessage(DropAll.class, this::onDropAll)
        .onMessage(Closed.class, this::onClosed)
        .build();
  }

  private Behavior<Command> onClaim(Claim m) {
    open.computeIfAbsent(m.location(), k -> new TreeSet<>()).add(m.station());
    return this;
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
        String location = e.getKey();
        getContext().askWithStatus(Zone.LocationChanged.class, router, CLOSE_TIMEOUT,
            replyTo -> new ZoneRouter.Route(new Zone.CloseLocation(location, by.counter(),
                replyTo, by.openedRound())),
            (changed, failure) -> new Closed(location, failure));
      }
    }
    return this;
  }

  private Behavior<Command> onClosed(Closed m) {
    if (m.failure() != null) {
      getContext().getLog().warn("{}: close after the last station left failed: {}",
          m.location(), m.failure().getMessage());
    }
    return this;
  }
}
