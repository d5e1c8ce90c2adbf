package io.dockcount.station;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stations have which location open (issue 3: a location is complete when no station has
 * it open). A station's close reaches the zone only when it was the last station there; until
 * then the others keep counting it.
 *
 * <p>Held in memory only: after a restart every station scans its location label again, which
 * claims it again.
 */
public final class LocationClaims extends AbstractBehavior<LocationClaims.Command> {
  /** Messages the registry accepts. */
  public sealed interface Command {}

  /** The station has opened the location (no reply). */
  public record Claim(String station, String location) implements Command {}

  /** The station is done with the location. Replies {@link Released}. */
  public record Release(String station, String location, ActorRef<Released> replyTo)
      implements Command {}

  /** The station no longer has any location open, without closing it (logout, stop). */
  public record DropAll(String station) implements Command {}

  /**
   * The answer to a release: {@code last} when no station has the location open any more, else
   * the stations that still have it.
   */
  public record Released(String location, boolean last, List<String> stillOpenAt) {}

  private final Map<String, Set<String>> open = new HashMap<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(LocationClaims::new);
  }

  private LocationClaims(ActorContext<Command> ctx) {
    super(ctx);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, this::onRelease)
        .onMessage(DropAll.class, this::onDropAll)
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
    }
    m.replyTo().tell(new Released(m.location(), at.isEmpty(), List.copyOf(at)));
    return this;
  }

  private Behavior<Command> onDropAll(DropAll m) {
    open.values().forEach(s -> s.remove(m.station()));
    open.values().removeIf(Set::isEmpty);
    return this;
  }
}
