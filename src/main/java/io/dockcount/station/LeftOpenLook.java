package io.dockcount.station;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import io.dockcount.core.CountRound;
import io.dockcount.zone.Zone;
import io.dockcount.zone.ZoneRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What {@link LocationClaims} needs to find locations left open: every zone's locations, and
 * the line that reports one. Works from its arguments only (stages complete on other threads).
 */
final class LeftOpenLook {
  private static final Duration ASK = Duration.ofSeconds(30);

  private LeftOpenLook() {}

  /**
   * Asks every zone which of its locations are being counted (counts in their current round);
   * completes with each zone's answer, by zone.
   */
  static CompletionStage<Map<String, Zone.BeingCounted>> zones(
      ActorRef<ZoneRouter.Command> router, ActorSystem<?> system) {
    return AskPattern.<ZoneRouter.Command, ZoneRouter.Zones>ask(router, ZoneRouter.GetZones::new,
            ASK, system.scheduler())
        .thenCompose(zones -> {
          List<CompletableFuture<Zone.BeingCounted>> each = new ArrayList<>();
          for (ActorRef<Zone.Command> zone : zones.zones().values()) {
            each.add(AskPattern.<Zone.Command, Zone.BeingCounted>ask(zone,
                Zone.GetBeingCounted::new, ASK, system.scheduler()).toCompletableFuture());
          }
          return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
              .thenApply(done -> {
                Map<String, Zone.BeingCounted> out = new TreeMap<>();
                for (CompletableFuture<Zone.BeingCounted> d : each) {
                  Zone.BeingCounted counted = d.join();
                  out.put(counted.zone(), counted);
                }
                return out;
              });
        });
  }

  /**
   * The report of a location left open in {@code round}: found so at start ({@code after}
   * null; whether a stop left it so, or a counter's logout before it, is not known), or for
   * {@code after}.
   */
  static String line(String zone, String location, int counts, int round, Duration after) {
    String what = "zone " + zone + ": location " + location + " has " + counts
        + (counts == 1 ? " count" : " counts")
        + " (" + CountRound.label(round) + ") and ";
    return what + (after == null
        ? "no station has had it open since the service started"
        : "no station has had it open for " + human(after))
        + "; it stays open (not reconciled as closed) until a counter scans its label and "
        + "closes it (CTL:CLOSE)" + (round == 0 ? ", or a supervisor closes its zone"
            : ": a zone close leaves a recount under way open");
  }

  /** A duration as a person writes it in the config: 2h, 15m, 30s, 250ms. */
  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 3_600_000 == 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m"
        : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
