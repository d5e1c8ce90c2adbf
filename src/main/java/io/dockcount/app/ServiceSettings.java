package io.dockcount.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.store.StoreSettings;
import io.dockcount.zone.ZoneSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The service's settings, read and checked once at start-up from the {@code dockcount} root of a
 * Typesafe Config, then never changed.
 *
 * <p>Every problem is reported, all of them at once, as an {@link Invalid} with one line per
 * setting at fault, each naming the setting in full (after the file and line it is written
 * at), so an operator can find it in the file.
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
   * Reads and validates the settings. Every setting is read, so that a file with several
   * mistakes is told all of them at once, not one per start.
   *
   * @param root the whole configuration (with {@code dockcount} at its root)
   * @param scheme the location scheme, read by the {@code reconcile} settings
   * @param policy the recount policy, read by the {@code reconcile} settings
   * @throws Invalid listing every bad or missing setting, one per line, each naming the file
   *     and line it is written at (when it comes from a file) and the setting
   */
  public static ServiceSettings from(Config root, LocationScheme scheme, RecountPolicy policy) {
    Config c;
    try {
      c = root.getConfig("dockcount");
    } catch (ConfigException e) {
      throw new Invalid(List.of(e.getMessage()));
    }
    Reads r = new Reads(c);
    Path storePath = r.get("store.path", (k, key) -> path(k, key, true));
    Boolean sync = r.get("store.sync", Config::getBoolean);
    Duration window = r.get("store.group-commit-window", ServiceSettings::positiveOrZero);
    Integer maxBatch = r.get("store.max-batch", (k, key) -> range(k, key, 1, 10_000));
    Path backupDir = r.get("backup.dir", (k, key) -> path(k, key, true));
    Duration backupInterval = r.get("backup.interval", ServiceSettings::positive);
    Integer backupKeep = r.get("backup.keep", (k, key) -> range(k, key, 1, 1000));
    Long minFree = r.get("store.min-free-space", ServiceSettings::bytes);
    Integer keepRunLines = r.get("store.keep-run-lines",
        (k, key) -> range(k, key, StoreSettings.MIN_KEEP_RUN_LINES, 100_000));
    Integer keepWholeBooks = r.get("store.keep-whole-books",
        (k, key) -> range(k, key, StoreSettings.MIN_KEEP_WHOLE_BOOKS, 1_000_000));
    Path book = r.get("inputs.book", (k, key) -> path(k, key, false));
    Path items = r.get("inputs.items", (k, key) -> path(k, key, false));
    Path uom = r.get("inputs.uom", (k, key) -> path(k, key, false));
    Path barcodes = r.get("inputs.barcodes", (k, key) -> path(k, key, false));
    Duration interval = r.get("cycle.interval", ServiceSettings::positive);
    BigDecimal threshold = r.get("cycle.high-value-threshold", ServiceSettings::money);
    Integer maxRecounts = r.get("cycle.max-recounts", (k, key) -> range(k, key, 0, 10));
    Duration askTimeout = r.get("ask-timeout", ServiceSettings::positive);
    Path reports = r.get("cycle.reports-dir", (k, key) -> reportsDir(k,
        storePath == null ? Path.of("data", "dockcount") : storePath));
    Duration afterClose = r.get("cycle.after-close", ServiceSettings::notNegative);
    PlannedRestart restart = plannedRestart(r);
    if (!r.problems.isEmpty()) {
      throw new Invalid(r.problems);
    }
    StoreSettings store = new StoreSettings(storePath, sync, window, maxBatch, backupDir,
        backupInterval, backupKeep, minFree, keepRunLines, keepWholeBooks);
    return new ServiceSettings(store, new Inputs(book, items, uom, barcodes), interval,
        threshold, maxRecounts, askTimeout, scheme, policy, reports, afterClose, restart);
  }

  /**
   * The service settings at fault: one line per setting, in the order they are read. The
   * message is those lines joined, for {@code run}, which stops on it.
   */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** Reads one setting of {@code dockcount}, checking it; throws naming it when it is bad. */
  @FunctionalInterface
  private interface Read<T> {
    T read(Config c, String key);
  }

  /** Reads settings one by one, keeping each one's problem and going on to the next. */
  private static final class Reads {
    final Config c;
    final List<String> problems = new ArrayList<>();

    Reads(Config c) {
      this.c = c;
    }

    /** Returns the setting, or null when it is bad (its problem kept). */
    <T> T get(String key, Read<T> read) {
      try {
        return read.read(c, key);
      } catch (IllegalArgumentException e) {
        problems.add(where(key) + e.getMessage());
      } catch (ConfigException e) {
        // The library's message starts with where it is written, and names the key relative
        // to dockcount: said once, with the key in full.
        String why = e.getMessage();
        String at = e.origin() == null ? "" : e.origin().description() + ": ";
        problems.add(where(key) + "dockcount." + key + ": "
            + (why.startsWith(at) ? why.substring(at.length()) : why));
      }
      return null;
    }

    /** "file: line: " where the setting is written in a file, else "". */
    private String where(String key) {
      try {
        ConfigOrigin o = c.getValue(key).origin();
        return o.filename() == null ? "" : o.filename()
            + (o.lineNumber() > 0 ? ": " + o.lineNumber() : "") + ": ";
      } catch (ConfigException e) {
        return "";
      }
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
  private static PlannedRestart plannedRestart(Reads r) {
    Duration after = r.get("store.restart-after", (c, key) -> {
      Object raw = c.getValue(key).unwrapped();
      if ("off".equals(raw) || raw instanceof Number n && n.doubleValue() == 0) {
        return Duration.ZERO;
      }
      try {
        return notNegative(c, key);
      } catch (ConfigException.BadValue | ConfigException.WrongType e) {
        // "OFF", "never", "false": meant to turn it off, so say the word that does.
        throw bad(key, "must be a duration such as 6d or 12h, or off, was '" + raw + "'");
      }
    });
    if (after == null || after.isZero()) {
      return PlannedRestart.OFF;
    }
    java.time.LocalTime[] window = r.get("store.restart-hours",
        (c, key) -> PlannedRestart.window("dockcount." + key, c.getString(key)));
    Duration idle = r.get("store.restart-idle", ServiceSettings::positive);
    return window == null || idle == null ? PlannedRestart.OFF
        : new PlannedRestart(after, idle, window[0], window[1]);
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
   * {@code interval = 15} meant as minutes would reconcile every 15 ms. A bare {@code 0} is
   * zero in any unit (the documented {@code after-close = 0}), and checked as any zero is.
   */
  private static Duration duration(Config c, String key) {
    if (c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.NUMBER
        && c.getDouble(key) != 0) {
      throw bad(key, "needs a unit, such as 15m, 30s or 500ms; was " + c.getValue(key).render());
    }
    return c.getDuration(key);
  }

  private static long bytes(Config c, String key) {
    long v = c.getBytes(key);
    if (v < 0) {
      throw bad(key, "must not be negative, was " + c.getValue(key).render());
    }
    return v;
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
