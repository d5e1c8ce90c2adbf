package io.dockcount.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.ServiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service's whole configuration: a site file (optional) over {@code application.conf} and
 * every {@code reference.conf}, read once and turned into {@link ServiceSettings}, with the
 * location scheme and recount policy read by the {@code reconcile} settings.
 */
final class ServiceConfig {
  /**
   * Says, of a site that declares decimal commas and pulls a WMS database or API, that those
   * sources' numbers are read as typed, not with the declared comma; null otherwise. The
   * declaration covers files (reconcile's, the start-up files, the file drop); a text column
   * with {@code 2,50} in a query's result would still refuse the delivery, and a user who set
   * the declaration may expect it to apply there too.
   */
  static String decimalCommaNotForSources(boolean decimalComma,
      io.dockcount.wms.WmsSettings wms) {
    if (!decimalComma || wms.jdbc() == null && wms.http() == null) {
      return null;
    }
    String sources = wms.jdbc() != null && wms.http() != null
        ? "dockcount.wms.jdbc and dockcount.wms.http" : wms.jdbc() != null
        ? "dockcount.wms.jdbc" : "dockcount.wms.http";
    return io.dockcount.wms.WmsSettings.DECIMAL_COMMA + " = true is followed by the start-up "
        + "files and the WMS file drop, not by " + sources + ": their numbers are read as "
        + "typed, and a text value with a decimal comma (2,50) there refuses its delivery";
  }

  final Config config;
  final ReconcileSettings reconcile;
  final ServiceSettings settings;

  private ServiceConfig(Config config, ReconcileSettings reconcile, ServiceSettings settings) {
    this.config = config;
    this.reconcile = reconcile;
    this.settings = settings;
  }

  /** Loads and validates; a problem is an {@link InputException} naming the setting. */
  static ServiceConfig load(Path file, Config overrides) {
    Config config;
    try {
      Config base = overrides.withFallback(ConfigFactory.load());
      if (file != null) {
        if (!Files.isRegularFile(file)) {
          throw new InputException(ConfigCheck.notAConfigFile(file));
        }
        Config site = ConfigCheck.parseSite(file);
        // A misspelt key would leave its default in force without a word (a console on the
        // default port, reports in the default directory): refused, as reconcile refuses it.
        java.util.List<String> roots = ConfigCheck.unknownRoots(site, base);
        if (!roots.isEmpty()) {
          throw new InputException(ConfigCheck.unknownRoot(file, site, roots.get(0)));
        }
        java.util.List<String> unknown = ConfigCheck.unknownKeys(site, base, "dockcount");
        if (!unknown.isEmpty()) {
          throw new InputException(ConfigCheck.whereWritten(file, site, unknown.get(0))
              + String.join(", ", unknown)
              + (unknown.size() == 1 ? " is not a known setting" : " are not known settings")
              + " (misspelt?); see application.conf and reference.conf for every key");
        }
        config = overrides.withFallback(site).withFallback(base).resolve();
      } else {
        config = base.resolve();
      }
    } catch (ConfigException e) {
      throw new InputException(file == null ? "config: " + e.getMessage()
          : ConfigCheck.message(file, e), e);
    }
    ReconcileSettings reconcile = ReconcileSettings.from(config);
    try {
      io.dockcount.wms.WmsSettings.from(config); // checked here so `run` exits 2 naming it
      return new ServiceConfig(config, reconcile,
          ServiceSettings.from(config, reconcile.scheme, reconcile.policy));
    } catch (ServiceSettings.Invalid e) {
      throw new InputException("config: " + String.join("\nconfig: ", e.problems()), e);
    } catch (IllegalArgumentException e) {
      throw new InputException("config: " + e.getMessage(), e);
    }
  }
}
