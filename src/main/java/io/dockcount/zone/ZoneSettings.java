package io.dockcount.zone;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What every zone actor is configured with.
 *
 * @param cycleInterval time between a zone's scheduled reconciliations
 * @param highValueThreshold absolute variance value at a closed location that reconciles at once
 * @param maxRecounts recounts asked automatically before a variance goes to a supervisor
 */
public record ZoneSettings(
    Duration cycleInterval,
    BigDecimal highValueThreshold,
    int maxRecounts,
    LocationScheme scheme,
    RecountPolicy policy) {

  public ZoneSettings {
    Objects.requireNonNull(cycleInterval, "cycleInterval");
    Objects.requireNonNull(highValueThreshold, "highValueThreshold");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(policy, "policy");
  }
}
