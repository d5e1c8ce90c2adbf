package io.dockcount.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.StoreSettings;
import io.dockcount.zone.ZoneSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The service's settings, read and checked once at start-up from the {@code dockcount} root of a
 * Typesafe Config, then never changed.
 *
 * <p>Every problem is reported as an {@link IllegalArgumentException} whose message starts with
 * the full name of the setting, so an operator can find it in the file.
 *
 * @param inputs the CSV files the service loads; a null path is not configured
 * @param cycleInterval how often each zone reconciles
 * @param highValueThreshold absolute variance value at which a closed location reconciles at once
 * @param maxRecounts recounts asked of one location before a supervisor must resolve it
 * @param reportsDir where each zone writes its latest run as a CSV report, or null for none
 * @param plannedRestart when the service stops by itself to be started again (its store file
 *     compacted), or {@link PlannedRestart#OFF}
 */
public record ServiceSettings(
    StoreSettings store,
    Inputs inputs,
    Duration cycleInterval,
    BigDecimal highValueThreshold,
    int maxRecounts,
    Duration askTimeout,
    LocationScheme locationScheme,
    RecountPolicy recountPolicy,
    Path reportsDir,
    Duration afterClose,
    PlannedRestart plannedRestart) {

  /** The master-data files; null where not configured. */
  public record Inputs(Path book, Path items, Path uom, Path barcodes) {}

  public ServiceSettings {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(locationScheme, "locationScheme");
    Objects.requireNonNull(recountPolicy, "recountPolicy");
    Objects.requireNonNull(plannedRestart, "plannedRestart");
  }

  /**
   * Reads and validates the settings.
   *
   * @param root the whole configuration (with {@code dockcount} at its root)
   * @param scheme the location scheme, read by the {@code reconcile} settings
   * @param policy the recount policy, read by the {@code reconcile} settings
   * @throws IllegalArgumentException naming the first bad or missing setting
   */
  public static ServiceSettings from(Config root, LocationScheme scheme, RecountPolicy policy) {
    try {
      Config c = root.getConfig("dockcount");
      StoreSettings store = new StoreSettings(
          path(c, "store.path", true),
          c.getBoolean("store.sync"),
          positiveOrZero(c, "store.group-commit-window"),
          range(c, "store.max-batch", 1, 10_000),
          path(c, "backup.dir", true),
          positive(c, "backup.interval"),
          range(c, "backup.keep", 1, 1000),
          c.getBytes("store.min-free-space"),
          range(c, "store.keep-run-lines", StoreSettings.MIN_KEEP_RUN_LINES, 100_000));
      Inputs inputs = new Inputs(path(c, "inputs.book", false), path(c, "inputs.items", false),
          path(c, "inputs.uom", false), path(c, "inputs.barcodes", false));
      return new ServiceSettings(store, inputs, positive(c, "cycle.interval"),
          money(c, "cycle.high-value-threshold"), range(c, "cycle.max-recounts", 0, 10),
          positive(c, "ask-timeout"), scheme, policy, reportsDir(c, store.path()),
          notNegative(c, "cycle.after-close"), plannedRestart(c));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Returns the part of the settings every zone needs. */
  public ZoneSettings zoneSettings() {
    return new ZoneSettings(cycleInterval, highValueThreshold, maxRecounts, locationScheme,
        recountPolicy, reportsDir, afterClose);
  }

  private static Path path(Config c, String key, boolean required) {
    String s = c.getString(key).strip();
    if (s.isEmpty()) {
      if (required) {
        throw bad(key, "must not be blank");
      }
      return null;
    }
    return Path.of(s);
  }

  /** {@code store.restart-after} off or 0: off; else the idle time and window it restarts in. */
  private static PlannedRestart plannedRestart(Config c) {
    Object raw = c.getValue("store.restart-after").unwrapped();
    if ("off".equals(raw) || raw instanceof Number n && n.doubleValue() == 0) {
      return PlannedRestart.OFF;
    }
    Duration after;
    try {
      after = notNegative(c, "store.restart-after");
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      // "OFF", "never", "false": meant to turn it off, so say the word that does.
      throw bad("store.restart-after", "must be a duration such as 6d or 12h, or off, was '"
          + raw + "'");
    }
    if (after.isZero()) {
      return PlannedRestart.OFF;
    }
    java.time.LocalTime[] window =
        PlannedRestart.window("dockcount.store.restart-hours", c.getString("store.restart-hours"));
    return new PlannedRestart(after, positive(c, "store.restart-idle"), window[0], window[1]);
  }

  /** Blank: "reports" beside the store's file; "off": no reports. */
  private static Path reportsDir(Config c, Path storePath) {
    String s = c.getString("cycle.reports-dir").strip();
    if (s.equals("off")) {
      return null;
    }
    if (s.isEmpty()) {
      Path parent = storePath.getParent();
      return parent == null ? Path.of("reports") : parent.resolve("reports");
    }
    return Path.of(s);
  }

  private static Duration positive(Config c, String key) {
    Duration d = duration(c, key);
    if (d.isNegative() || d.isZero()) {
      throw bad(key, "must be longer than 0, was " + d);
    }
    return d;
  }

  private static Duration notNegative(Config c, String key) {
    Duration d = duration(c, key);
    if (d.isNegative()) {
      throw bad(key, "must not be negative, was " + d);
    }
    return d;
  }

  private static Duration positiveOrZero(Config c, String key) {
    Duration d = duration(c, key);
    if (d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0) {
      throw bad(key, "must be between 0 and 1s, was " + d);
    }
    return d;
  }

  /**
   * Reads a duration that names its unit: HOCON takes a bare number as milliseconds, so
   * {@code interval = 15} meant as minutes would reconcile every 15 ms.
   */
  private static Duration duration(Config c, String key) {
    if (c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.NUMBER) {
      throw bad(key, "needs a unit, such as 15m, 30s or 500ms; was " + c.getValue(key).render());
    }
    return c.getDuration(key);
  }

  private static int range(Config c, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) {
      throw bad(key, "must be between " + min + " and " + max + ", was " + v);
    }
    return v;
  }

  private static BigDecimal money(Config c, String key) {
    String raw = c.getString(key).strip();
    try {
      BigDecimal v = new BigDecimal(raw);
      if (v.signum() < 0) {
        throw bad(key, "must not be negative, was " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(key, "must be a plain decimal such as 500.00, was \"" + raw + "\"");
    }
  }

  private static IllegalArgumentException bad(String key, String what) {
    return new IllegalArgumentException("dockcount." + key + " " + what);
  }
}
