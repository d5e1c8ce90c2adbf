package io.dockcount.zone;

import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every zone actor is configured with.
 *
 * @param cycleInterval time between a zone's scheduled reconciliations
 * @param highValueThreshold absolute variance value at a closed location that reconciles at once
 * @param maxRecounts recounts asked automatically before a variance goes to a supervisor
 * @param reportsDir where the zone replaces its report after each saved run, or null for none
 * @param afterClose how long after a location closes the zone reconciles, so its lines and
 *     tasks show within that rather than at the next cycle (closes meanwhile share the run);
 *     zero: only at the cycle
 */
public record ZoneSettings(
    Duration cycleInterval,
    BigDecimal highValueThreshold,
    int maxRecounts,
    LocationScheme scheme,
    RecountPolicy policy,
    Path reportsDir,
    Duration afterClose) {

  public ZoneSettings {
    Objects.requireNonNull(cycleInterval, "cycleInterval");
    Objects.requireNonNull(highValueThreshold, "highValueThreshold");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(afterClose, "afterClose");
  }

  /** Settings that reconcile at the cycle only (not after closes). */
  public ZoneSettings(Duration cycleInterval, BigDecimal highValueThreshold, int maxRecounts,
      LocationScheme scheme, RecountPolicy policy, Path reportsDir) {
    this(cycleInterval, highValueThreshold, maxRecounts, scheme, policy, reportsDir,
        Duration.ZERO);
  }

  /** Settings that write no report files. */
  public ZoneSettings(Duration cycleInterval, BigDecimal highValueThreshold, int maxRecounts,
      LocationScheme scheme, RecountPolicy policy) {
    this(cycleInterval, highValueThreshold, maxRecounts, scheme, policy, null, Duration.ZERO);
  }
}
