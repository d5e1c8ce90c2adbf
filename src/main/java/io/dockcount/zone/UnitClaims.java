package io.dockcount.zone;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which zone holds each pallet (SSCC) or serialized unit counted so far, shared by the zones of
 * one service: a pallet counts once in the whole warehouse, not once per zone. A zone claims a
 * unit when it takes a count of it and gives it back when no count of its own holds it any more
 * (voided, or its location recounted); within a zone, {@link ZoneState#unitCounted} decides.
 *
 * <p>Thread-safe: zones call it from their own threads. Few units: a lock is enough.
 */
public final class UnitClaims {
  /** A zone's hold on a unit, and where it was counted (for the refusal's words). */
  public record Claim(String zone, String location) {}

  private final Map<String, Claim> claims = new HashMap<>();

  /**
   * Claims {@code unit} for {@code zone}, counted at {@code location}; returns the other zone's
   * claim that stands in the way, or null when the claim is this zone's now.
   */
  public synchronized Claim claim(String unit, String zone, String location) {
    Claim had = claims.get(unit);
    if (had != null && !had.zone().equals(zone)) {
      return had;
    }
    claims.put(unit, new Claim(zone, location));
    return null;
  }

  /** Records a hold read back from the journal at start (the latest zone to say so keeps it). */
  public synchronized void hold(String unit, String zone, String location) {
    claims.put(unit, new Claim(zone, location));
  }

  /** Gives back every unit {@code zone} claims for which {@code stillHeld} is false. */
  public synchronized void releaseUnless(String zone, Predicate<String> stillHeld) {
    claims.entrySet().removeIf(e -> e.getValue().zone().equals(zone)
        && !stillHeld.test(e.getKey()));
  }

  /** Returns the claim on {@code unit}, or null. */
  public synchronized Claim of(String unit) {
    return claims.get(unit);
  }
}
