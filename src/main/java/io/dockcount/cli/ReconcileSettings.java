package io.dockcount.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.dockcount.core.Limits;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.core.ToleranceRule;
import io.dockcount.csv.ColumnMap;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code dockcount.reconcile} settings, read once from the defaults and an optional site
 * file, validated, and turned into the core's column map, location scheme and recount policy.
 * Every problem names the setting it is in.
 */
final class ReconcileSettings {
  private static final String ROOT = "dockcount.reconcile";

  final ColumnMap columns;
  final LocationScheme scheme;
  final RecountPolicy policy;
  /** The unit of every count, for a counts file without a unit column; or null. */
  final String countsUnit;
  /** Whether the files' numbers are written with a decimal comma, as the user declared. */
  final boolean decimalComma;

  private ReconcileSettings(ColumnMap columns, LocationScheme scheme, RecountPolicy policy,
      String countsUnit, boolean decimalComma) {
    this.columns = columns;
    this.scheme = scheme;
    this.policy = policy;
    this.countsUnit = countsUnit;
    this.decimalComma = decimalComma;
  }

  /** Loads the defaults, overlaid with {@code file} when given. */
  static Config load(Path file) {
    Config defaults = ConfigFactory.defaultReference();
    if (file == null) {
      return defaults;
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(ConfigCheck.notAConfigFile(file));
    }
    try {
      Config site = ConfigCheck.parseSite(file);
      for (String top : site.root().keySet()) {
        if (!top.equals("dockcount") && !top.equals("akka")) {
          throw new InputException(file + ": " + top + " is not a dockcount setting: every key "
              + "starts with dockcount. (e.g. dockcount.reconcile.recount...)");
        }
      }
      // Every dockcount key, not only reconcile's: "dockcount.reconcil..." is meant for it too.
      // Known means known to the service too: the site's dockcount.conf, where the WMS's
      // columns are mapped for run, is a config reconcile may be given as it is.
      List<String> unknown = ConfigCheck.unknownKeys(site,
          ConfigFactory.defaultApplication().withFallback(defaults), "dockcount");
      if (!unknown.isEmpty()) {
        // A misspelt limit or column would silently leave the default in force.
        throw new InputException(ConfigCheck.whereWritten(file, site, unknown.get(0))
            + String.join(", ", unknown)
            + (unknown.size() == 1 ? " is not a known setting" : " are not known settings")
            + " (misspelt?); see reference.conf for every key");
      }
      // A side of the default rule that the site writes replaces the reference's side: a limit
      // the site leaves out is not tested, rather than merged in from the reference.
      for (String side : List.of("short", "over")) {
        String path = ROOT + ".recount.default." + side;
        if (site.hasPathOrNull(path)) {
          defaults = defaults.withoutPath(path);
        }
      }
      return site.withFallback(defaults).resolve();
    } catch (ConfigException e) {
      throw new InputException(ConfigCheck.message(file, e), e);
    }
  }

  /** Reads and validates the settings. */
  static ReconcileSettings from(Config root) {
    try {
      Config c = root.getConfig(ROOT);
      return new ReconcileSettings(columns(c.getConfig("columns")), scheme(c),
          policy(c.getConfig("recount")), countsUnit(c),
          c.hasPath("decimal-comma") && c.getBoolean("decimal-comma"));
    } catch (ConfigException e) {
      throw new InputException("config: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException("config " + ROOT + ": " + e.getMessage(), e);
    }
  }

  private static ColumnMap columns(Config c) {
    ColumnMap map = new ColumnMap();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      map.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return map;
  }

  private static String countsUnit(Config c) {
    if (!c.hasPath("counts-unit")) {
      return null;
    }
    String unit = c.getString("counts-unit").strip();
    if (unit.isEmpty()) {
      throw new IllegalArgumentException("counts-unit is blank: give a unit such as EA, or "
          + "leave it out to read the counts file's own unit column");
    }
    return unit;
  }

  private static LocationScheme scheme(Config c) {
    String pattern = c.getString("location-pattern");
    return "dashed".equals(pattern) ? LocationScheme.dashed() : LocationScheme.of(pattern);
  }

  private static RecountPolicy policy(Config c) {
    List<ToleranceRule> rules = new ArrayList<>();
    rules.add(rule(c.getConfig("default"), false, "recount.default"));
    int i = 0;
    for (Config r : c.getConfigList("rules")) {
      rules.add(rule(r, true, "recount.rules[" + i++ + "]"));
    }
    RecountPolicy.Cases cases = new RecountPolicy.Cases(c.getBoolean("missing"),
        c.getBoolean("unexpected"), c.getBoolean("counted-zero"), c.getBoolean("negative-book"),
        c.getBoolean("unit-error"), c.getBoolean("lot-variance"), c.getBoolean("rejected-rows"));
    return new RecountPolicy(rules, cases);
  }

  private static ToleranceRule rule(Config r, boolean scoped, String where) {
    for (String key : r.root().keySet()) {
      if (!List.of("zone", "class", "combine", "short", "over").contains(key)) {
        // A misspelt "class" would otherwise widen the rule to the whole zone.
        throw new IllegalArgumentException(where + "." + key + " is not a rule setting "
            + "(zone, class, combine, short, over)");
      }
    }
    String zone = r.hasPath("zone") ? r.getString("zone") : null;
    String skuClass = r.hasPath("class") ? r.getString("class") : null;
    if (scoped && zone == null && skuClass == null) {
      throw new IllegalArgumentException(where + " needs a zone or a class");
    }
    if (!scoped && (zone != null || skuClass != null)) {
      throw new IllegalArgumentException(where + " must not name a zone or class");
    }
    String combine = r.hasPath("combine") ? r.getString("combine") : "any";
    ToleranceRule.Combine how;
    try {
      how = ToleranceRule.Combine.valueOf(combine.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".combine must be any or all: " + combine);
    }
    return new ToleranceRule(zone, skuClass, limits(r, "short", scoped, where),
        limits(r, "over", scoped, where), how);
  }

  /** A side a scoped rule leaves out is null: the next less specific rule's applies. */
  private static Limits limits(Config r, String side, boolean scoped, String where) {
    if (!r.hasPath(side)) {
      return scoped ? null : Limits.NONE;
    }
    Config l = r.getConfig(side);
    for (String key : l.root().keySet()) {
      if (!List.of("qty", "value", "pct").contains(key)) {
        throw new IllegalArgumentException(where + "." + side + "." + key
            + " is not a limit (qty, value, pct)");
      }
    }
    try {
      return new Limits(eaches(l, "qty"), decimal(l, "value"), decimal(l, "pct"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "." + side + ": " + e.getMessage());
    }
  }

  /** A limit in eaches: a whole number, never cut down (2.7 would recount a variance of 2). */
  private static Long eaches(Config l, String key) {
    BigDecimal d = decimal(l, key);
    if (d == null) {
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(key + " is a number of eaches and must be whole: "
          + d.toPlainString());
    }
  }

  private static BigDecimal decimal(Config l, String key) {
    if (!l.hasPath(key)) {
      return null;
    }
    // Read as the text written, so 50.10 stays exactly 50.10: unwrapped() gives a double or a
    // long (50.00 becomes 50, 12345678901234567.89 is rounded), getString the original text.
    String text = l.getString(key);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: " + text);
    }
  }
}
