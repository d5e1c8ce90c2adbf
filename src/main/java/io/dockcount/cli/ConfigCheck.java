package io.dockcount.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.dockcount.alert.Alert;
import io.dockcount.alert.AlertSettings;
import io.dockcount.alert.Notifier;
import io.dockcount.app.MasterDataFiles;
import io.dockcount.app.ServiceSettings;
import io.dockcount.console.ConsoleSettings;
import io.dockcount.core.LocationScheme;
import io.dockcount.core.RecountPolicy;
import io.dockcount.csv.ColumnMap;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.station.StationSettings;
import io.dockcount.wms.WmsSettings;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Checks a site configuration file the way {@code run} reads it, without starting anything: the
 * HOCON syntax, the {@code reconcile} settings, the service settings, every station's scanner,
 * lights and counting settings, the alerts (with their secrets, read from this process's
 * environment or the named files, as {@code run} reads them), the WMS and the console blocks,
 * and, optionally, that the configured input files are there.
 *
 * <p>Each area is checked on its own, so one file with several mistakes gets one message per
 * area at fault rather than only the first; the service settings (store, cycle, timeouts)
 * say every setting at fault, each on its line with the file and line it is written at, and in
 * the other areas the first problem is the one reported, as {@code run} would. Keys the
 * defaults do not know are problems: a misspelt key is otherwise silently ignored and its
 * default used.
 *
 * @param problems what stops {@code run}, one line each, naming the setting
 * @param warnings what {@code run} accepts but is probably not meant
 * @param stations how many count stations the file configures
 */
record ConfigCheck(List<String> problems, List<String> warnings, int stations) {

  /** Blocks whose keys are the site's own names (columns, station ids), not settings. */
  private static final List<String> OPEN_BLOCKS = List.of("dockcount.reconcile.columns.",
      "dockcount.stations.", "dockcount.alerts.supervisors.", "dockcount.alerts.sms.accounts.",
      "dockcount.alerts.sms.account-for-zone.");

  ConfigCheck {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  boolean ok() {
    return problems.isEmpty();
  }

  /**
   * Parses a site's config file. Its includes resolve beside it however its path is written:
   * the library resolves them against the file's parent, which a bare name has not.
   */
  static Config parseSite(Path file) {
    Config site = ConfigFactory.parseFile(file.toAbsolutePath().toFile(),
        ConfigParseOptions.defaults().setAllowMissing(false));
    missingInclude(file);
    return site;
  }

  /** An {@code include "name"} or {@code include file("name")} line of a site file. */
  private static final java.util.regex.Pattern INCLUDE = java.util.regex.Pattern.compile(
      "^\\s*include\\s+(?:file\\(\\s*)?\"([^\"]+)\"");

  /**
   * Refuses a site file whose plain include names no file beside it: HOCON leaves such an
   * include out without a word, so every setting in the file meant would keep its default.
   * Only the site file's own lines are looked at, not those of the files it includes.
   */
  private static void missingInclude(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | UncheckedIOException e) {
      return; // parsed above, so readable; a race with an editor is not worth a second error
    }
    Path dir = file.toAbsolutePath().getParent();
    for (int i = 0; i < lines.size(); i++) {
      java.util.regex.Matcher m = INCLUDE.matcher(lines.get(i));
      // HOCON tries a name without an extension as .conf, .json and .properties.
      if (m.find() && java.util.stream.Stream.of("", ".conf", ".json", ".properties")
          .noneMatch(ext -> Files.isRegularFile(dir.resolve(m.group(1) + ext)))) {
        throw new ConfigException.Generic(file + ": " + (i + 1) + ": include \"" + m.group(1)
            + "\": no such file beside it (" + dir.resolve(m.group(1)) + "); a missing include "
            + "is left out without a word, so fix its name or remove the line");
      }
    }
  }

  /**
   * Names the site file in {@code line} as it was given, where the settings' reader named it by
   * its absolute path: one file said two ways in one list reads as two files.
   */
  static String asGiven(Path file, String line) {
    for (Path named : List.of(file.toAbsolutePath(), file.toAbsolutePath().normalize())) {
      String prefix = named + ": ";
      if (line.startsWith(prefix)) {
        return file + ": " + line.substring(prefix.length());
      }
    }
    return line;
  }

  /** Why {@code file}, not a regular file, cannot be read as a config file. */
  static String notAConfigFile(Path file) {
    return file + (Files.isDirectory(file) ? ": a directory, not a config file"
        : ": no such config file");
  }

  /**
   * Checks {@code file} over the built-in defaults.
   *
   * @param checkInputs whether the input files must exist and be readable by this user
   */
  static ConfigCheck of(Path file, boolean checkInputs) {
    Objects.requireNonNull(file, "file");
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new ConfigCheck(List.of(notAConfigFile(file)), warnings, 0);
    }
    Config defaults = ConfigFactory.load();
    Config site;
    Config config;
    try {
      site = parseSite(file);
      config = site.withFallback(defaults).resolve();
    } catch (ConfigException e) {
      return new ConfigCheck(List.of(message(file, e)), warnings, 0);
    }
    for (String root : unknownRoots(site, defaults)) {
      problems.add(unknownRoot(file, site, root));
    }
    unknownKeys(site, defaults, file, problems);

    LocationScheme scheme = LocationScheme.dashed();
    RecountPolicy policy = RecountPolicy.standard();
    ColumnMap columns = null;
    boolean decimalComma = false;
    try {
      ReconcileSettings reconcile = ReconcileSettings.from(config);
      scheme = reconcile.scheme;
      policy = reconcile.policy;
      columns = reconcile.columns;
      decimalComma = reconcile.decimalComma;
    } catch (InputException e) {
      problems.add(asGiven(file, e.getMessage()));
    }
    boolean commaDeclared = decimalComma; // for the lambdas below
    ServiceSettings service = null;
    try {
      service = ServiceSettings.from(config, scheme, policy);
    } catch (ServiceSettings.Invalid e) {
      // every one of them, one line each
      e.problems().forEach(p -> problems.add(asGiven(file, p)));
    }
    int stations = 0;
    try {
      List<ScannerSettings> scanners = ScannerSettings.allFromConfig(config);
      stations = scanners.size();
      for (ScannerSettings sc : scanners) {
        // Not a problem: a scanner may be unplugged while the config is checked.
        if (sc.device() instanceof io.dockcount.scan.DeviceSelector.ByPath p
            && !Files.exists(Path.of(p.path()))) {
          warnings.add("dockcount.stations." + sc.station() + ".device: " + p.path()
              + " does not exist now (scanner unplugged, or no udev link?)");
        }
        if (!STANDARD_BAUD_RATES.contains(sc.baudRate())) {
          warnings.add("dockcount.stations." + sc.station() + ".baud-rate: " + sc.baudRate()
              + " is not a standard serial speed (" + STANDARD_BAUD_RATES + "): a typo?");
        }
      }
    } catch (IllegalArgumentException | ConfigException e) {
      problems.add("dockcount.stations: " + e.getMessage());
    }
    if (problems.stream().noneMatch(p -> p.startsWith("dockcount.stations: "))) {
      // The lights' pins and the counting block (scanner problems are reported above).
      area(problems, "dockcount.counting", () -> StationSettings.from(config));
    }
    area(problems, "dockcount.alerts", () -> Notifier.senders(AlertSettings.from(config),
        System.getenv(), System.out));
    area(problems, "dockcount.wms", () -> {
      WmsSettings wms = WmsSettings.from(config);
      String typed = ServiceConfig.decimalCommaNotForSources(commaDeclared, wms);
      if (typed != null) {
        warnings.add(typed);
      }
      if (wms.fileDrop() != null && !Files.isDirectory(wms.fileDrop().inbox())) {
        warnings.add("dockcount.wms.file-drop: the inbox " + wms.fileDrop().inbox()
            + " does not exist now: nothing will be read until it does");
      }
      if (wms.jdbc() != null && !passwordInUrl("dockcount.wms.jdbc", wms.jdbc().login(),
          warnings)) {
        secret("dockcount.wms.jdbc", wms.jdbc().login().passwordEnv(),
            wms.jdbc().login().passwordFile(), "password", problems, warnings);
      }
      if (wms.http() != null) {
        secret("dockcount.wms.http", wms.http().tokenEnv(), wms.http().tokenFile(), "token",
            problems, warnings);
      }
      WmsSettings.Export export = wms.export();
      if (export.mode().equals("sql") && export.login() != null
          && (wms.jdbc() == null || export.login() != wms.jdbc().login())) {
        // On the source's URL (export.url blank) its password, if any, was said above.
        boolean ownUrl = wms.jdbc() == null
            || !export.login().url().equals(wms.jdbc().login().url());
        if (!(ownUrl && passwordInUrl("dockcount.wms.export", export.login(), warnings))) {
          secret("dockcount.wms.export", export.login().passwordEnv(),
              export.login().passwordFile(), "password", problems, warnings);
        }
      }
      if (export.mode().equals("csv") && export.outbox() != null) {
        writable("dockcount.wms.export.outbox", export.outbox(), false, problems);
      }
    });
    area(problems, "dockcount.console", () -> {
      ConsoleSettings console = ConsoleSettings.from(config, System.getenv());
      if (console.port() > 0 && console.port() < 1024) {
        // The unit runs the service as its own user without CAP_NET_BIND_SERVICE.
        warnings.add("dockcount.console.port: " + console.port() + " is below 1024, which the "
            + "service user may not bind under the shipped systemd unit: use 1024 or above "
            + "(8080), or give the unit AmbientCapabilities=CAP_NET_BIND_SERVICE");
      }
      boolean loopback = console.host().equals("127.0.0.1") || console.host().equals("::1")
          || console.host().equalsIgnoreCase("localhost");
      if (console.enabled() && !loopback && console.tls() == null) {
        // Logins and the API token would cross the network in clear text.
        warnings.add("dockcount.console.host: " + console.host() + " serves the console beyond "
            + "this machine over plain HTTP: passwords and the API token cross the network "
            + "readable; set dockcount.console.tls (a keystore), or keep it on 127.0.0.1");
      }
    });
    if (stations > 0 && config.hasPath("dockcount.inputs.barcodes")
        && config.getString("dockcount.inputs.barcodes").isBlank()) {
      // Without a barcode table every product label is an unknown barcode: red all day.
      warnings.add("dockcount.inputs.barcodes is not set: " + stations + " station(s) will "
          + "refuse every product scan as an unknown barcode" + (wmsHasSource(config)
              ? " until the WMS delivers a barcode table (a restart keeps the last it did)"
              : "; set it to the barcode table"));
    }
    secretFilesOthersRead(config, warnings);
    secretsGivenTwice(config, System.getenv(), warnings);
    if (checkInputs) {
      boolean bookFromWms = wmsHasSource(config);
      boolean readable = inputs(config, bookFromWms, problems, warnings);
      if (readable && service != null && columns != null) {
        rows(config, service, columns, commaDeclared, bookFromWms, stationZones(config),
            problems, warnings);
      }
      if (service != null) {
        // Where run writes, as it resolves the settings (a blank reports-dir is beside the
        // store, "off" none).
        writable("dockcount.store.path", service.store().dataFile(), true, problems);
        writable("dockcount.backup.dir", service.store().backupDir(), false, problems);
        if (service.reportsDir() != null) {
          writable("dockcount.cycle.reports-dir", service.reportsDir(), false, problems);
        }
      }
    }
    return new ConfigCheck(problems, warnings, stations);
  }

  /** The settings that name a file holding a secret: a token, a password, a webhook URL. */
  private static final java.util.regex.Pattern SECRET_FILE = java.util.regex.Pattern.compile(
      "(?:token|password|webhook-url)-file$");

  /**
   * Warns of a secret file every user of the machine may read: written with a plain
   * {@code echo > file} it is 0644, and the token or password is then anybody's.
   */
  private static void secretFilesOthersRead(Config config, List<String> warnings) {
    if (!config.hasPath("dockcount")
        || !java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
            .contains("posix")) {
      return; // no owner, group and others to tell apart
    }
    Map<String, ConfigValue> sorted = new java.util.TreeMap<>(); // one order, run to run
    config.getConfig("dockcount").entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      if (!SECRET_FILE.matcher(e.getKey()).find()
          || e.getValue().valueType() != ConfigValueType.STRING) {
        continue;
      }
      String file = String.valueOf(e.getValue().unwrapped()).strip();
      try {
        if (!file.isEmpty() && Files.getPosixFilePermissions(Path.of(file))
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
          warnings.add("dockcount." + e.getKey() + ": " + file + " is readable by every user "
              + "of this machine: chmod o-r it (0640, owner root, group dockcount, under "
              + "systemd)");
        }
      } catch (java.io.IOException | java.nio.file.InvalidPathException ignored) {
        // Not there: whether it can be read at all is checked where it is used.
      }
    }
  }

  /**
   * The variable read before each secret file whose {@code -env} sibling setting does not name
   * it: a Twilio account written without {@code auth-token-env}, and the console's two.
   */
  private static final Map<String, String> FIXED_SECRET_ENV = Map.of(
      "auth-token-file", "DOCKCOUNT_TWILIO_AUTH_TOKEN",
      "console.api-token-file", ConsoleSettings.TOKEN_ENV,
      "console.tls.password-file", ConsoleSettings.KEYSTORE_PASSWORD_ENV);

  /**
   * Warns of a secret given both in a file and in its variable: the variable wins without a
   * word, so a token renewed in the file alone (or in secrets.env alone, when the shell that
   * checks differs) is never the one sent, and the provider's refusal reads like a bad token.
   */
  private static void secretsGivenTwice(Config config, Map<String, String> env,
      List<String> warnings) {
    if (!config.hasPath("dockcount")) {
      return;
    }
    Config root = config.getConfig("dockcount");
    Map<String, ConfigValue> sorted = new java.util.TreeMap<>(); // one order, run to run
    root.entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      String key = e.getKey();
      if (!SECRET_FILE.matcher(key).find() || e.getValue().valueType() != ConfigValueType.STRING
          || String.valueOf(e.getValue().unwrapped()).isBlank()) {
        continue;
      }
      String sibling = key.substring(0, key.length() - "file".length()) + "env";
      String variable = root.hasPath(sibling) ? root.getString(sibling).strip()
          : FIXED_SECRET_ENV.entrySet().stream().filter(f -> key.endsWith(f.getKey()))
              .map(Map.Entry::getValue).findFirst().orElse("");
      String value = variable.isEmpty() ? null : env.get(variable);
      String file = String.valueOf(e.getValue().unwrapped()).strip();
      if (value != null && !value.isBlank() && !sameSecret(file, value)) {
        warnings.add("dockcount." + key + ": " + file + " is not read: " + variable + " is set "
            + "in this environment to another value and wins over the file; keep the secret "
            + "in one place (unset " + variable + ", or in secrets.env under systemd, or leave "
            + "the file out)");
      }
    }
  }

  /**
   * Whether {@code file} holds {@code value} (as the secret readers strip it): then the two
   * agree, as when a shell exports the token file's content for {@code dockcount status}. A
   * file this user cannot read is not known to agree.
   */
  private static boolean sameSecret(String file, String value) {
    try {
      return Files.readString(Path.of(file)).strip().equals(value.strip());
    } catch (java.io.IOException | java.nio.file.InvalidPathException
        | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Checks that this user can write a file (in its directory) or a directory, or create it: a
   * backup directory nobody can write leaves a site without backups, said only in the log once
   * an hour.
   */
  private static void writable(String key, Path path, boolean isFile, List<String> problems) {
    Path target = path.toAbsolutePath();
    Path dir = isFile ? target.getParent() : target;
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    String why = " by this user (permissions, or a read-only file system)";
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      problems.add(key + ": " + (dir.equals(existing) ? dir + " cannot be written"
          : dir + " cannot be created" + (existing == null ? ""
              : " (" + existing + " cannot be written)")) + why);
    } else if (isFile && Files.exists(target) && !Files.isWritable(target)) {
      problems.add(key + ": " + target + " cannot be written" + why);
    }
  }

  /**
   * Warns when a database login's URL holds a password (a {@code password=} parameter, a
   * {@code user:password@} login): it is then in the config file, readable by whoever reads
   * that, and in every copy of the URL. Says where it belongs instead, never the password.
   * Returns whether it warned.
   */
  private static boolean passwordInUrl(String block, WmsSettings.Login login,
      List<String> warnings) {
    List<String> found = io.dockcount.wms.JdbcUrls.passwordsIn(login.url());
    if (found.isEmpty()) {
      return false;
    }
    String env = login.passwordEnv();
    warnings.add(block + ".url: holds a password (" + String.join(", ", found) + "): take it "
        + "out of the URL and set it in " + (env == null || env.isEmpty() ? ""
            : "the variable " + env + " (secrets.env under systemd) or ") + "a file named by "
        + block + ".password-file (README, \"WMS integration\"); dockcount masks it as "
        + io.dockcount.wms.JdbcUrls.MASK + " in logs and status, but the config file still "
        + "holds it");
    return true;
  }

  /**
   * Checks a WMS secret as the sync will read it, on first use: a file named that cannot be
   * read is a problem (every pull would fail); neither variable nor file is a warning (a
   * database may trust the login, an API may be open).
   */
  private static void secret(String block, String env, Path file, String what,
      List<String> problems, List<String> warnings) {
    boolean fromEnv = env != null && !env.isEmpty() && System.getenv(env) != null
        && !System.getenv(env).isBlank();
    if (fromEnv) {
      return;
    }
    if (file != null && !Files.isReadable(file)) {
      problems.add(block + "." + what + "-file: " + file + (Files.exists(file)
          ? " cannot be read by this user" : ": no such file")
          + (env == null || env.isEmpty() ? "" : " (and " + env + " is not set)"));
    } else if (file == null) {
      warnings.add(block + ": no " + what + ": " + (env == null || env.isEmpty() ? ""
          : env + " is not set in this shell and ") + "no " + what + "-file is given (fine "
          + "only if the WMS needs none)");
    }
  }

  private static final java.util.Set<Integer> STANDARD_BAUD_RATES = new java.util.TreeSet<>(
      List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600));

  /**
   * Reads one area as {@code run} would and adds its problems (one per line of the message),
   * naming the setting (the area's validators name it; otherwise the area is put in front).
   */
  private static void area(List<String> problems, String block, Runnable read) {
    try {
      read.run();
    } catch (IllegalArgumentException | ConfigException e) {
      for (String m : String.valueOf(e.getMessage()).split("\n")) {
        String line = m.startsWith("dockcount.") ? m : block + ": " + m;
        if (!problems.contains(line)) {
          problems.add(line);
        }
      }
    }
  }

  private static final int MAX_ROWS_LISTED = 20;

  /**
   * Reads the input files as {@code run} does: a book row it cannot read stops {@code run}, so
   * it is a problem; another skipped row (a cost, factor or barcode) is a warning.
   */
  private static void rows(Config config, ServiceSettings service, ColumnMap columns,
      boolean decimalComma, boolean bookFromWms, Map<String, String> stationZones,
      List<String> problems, List<String> warnings) {
    try {
      MasterDataFiles.Loaded loaded = MasterDataFiles.load(service.inputs(), columns,
          bookFromWms, layouts(config), decimalComma);
      java.util.Set<String> unzoned = new java.util.LinkedHashSet<>();
      java.util.Set<String> zones = loaded.data().bookByZone(location -> {
        io.dockcount.core.LocationScheme.Parts p = service.locationScheme().parse(location);
        if (p == null) {
          unzoned.add(location);
        }
        return p == null ? "" : p.zone();
      }).keySet();
      if (!unzoned.isEmpty()) {
        warnings.add("dockcount.inputs.book: "
            + io.dockcount.core.LocationScheme.unzoned(unzoned));
      }
      smsRecipients(config, zones, warnings);
      String empty = RunCommand.emptyBook(service.inputs(), loaded, bookFromWms);
      if (empty != null) {
        warnings.add(empty);
      }
      if (!bookFromWms) {
        // A station of a zone the book lacks refuses every label it is given.
        stationZones.forEach((station, zone) -> {
          if (!zones.contains(zone)) {
            warnings.add("dockcount.stations." + station + ".zone: zone " + zone + " is not "
                + "on the book (its zones: " + zones + "): every location label there will be "
                + "refused");
          }
        });
      }
      // The book is read last: its rejected rows are the last of the list.
      List<String> rejections = loaded.rejections();
      int firstBookRow = rejections.size() - loaded.bookRowsRejected();
      for (int i = 0; i < rejections.size(); i++) {
        if (i == MAX_ROWS_LISTED) {
          (loaded.bookRowsRejected() > 0 ? problems : warnings).add("dockcount.inputs: ... and "
              + (rejections.size() - MAX_ROWS_LISTED) + " more rows skipped");
          break;
        }
        (i >= firstBookRow ? problems : warnings).add("dockcount.inputs: " + rejections.get(i));
      }
      List<String> notes = loaded.notes();
      for (int i = 0; i < notes.size(); i++) {
        if (i == MAX_ROWS_LISTED) {
          warnings.add("dockcount.inputs: ... and " + (notes.size() - MAX_ROWS_LISTED)
              + " more notes");
          break;
        }
        // Each note says what it is of: a row kept as written, a column, rows converted.
        warnings.add("dockcount.inputs: " + notes.get(i));
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.add("dockcount.inputs: " + e.getMessage());
    }
  }

  /**
   * The site's variable-measure layouts, which the barcode rows are checked against as
   * {@code run} checks them; none when they cannot be read (that is said as a problem of its
   * own, with the setting).
   */
  private static io.dockcount.core.barcode.VariableMeasure layouts(Config config) {
    try {
      return StationSettings.variableMeasure(config);
    } catch (IllegalArgumentException | ConfigException e) {
      return io.dockcount.core.barcode.VariableMeasure.NONE;
    }
  }

  /**
   * Where supervisors are listed at all, warns of zones on the book whose alerts SMS would send
   * to no one (no list of their own and no "*" list), and of a missing "*" list when the
   * service's own conditions go by SMS.
   */
  private static void smsRecipients(Config config, java.util.Set<String> zones,
      List<String> warnings) {
    AlertSettings alerts;
    try {
      alerts = AlertSettings.from(config);
    } catch (IllegalArgumentException | ConfigException e) {
      return; // said under dockcount.alerts
    }
    if (alerts.supervisors().isEmpty()) {
      return; // no SMS recipient at all: SMS is not in use, which is no partial mistake
    }
    java.util.function.Predicate<Alert.Kind> bySms = k -> alerts.channels()
        .getOrDefault(k, java.util.Set.of()).contains(AlertSettings.Channel.SMS);
    if (bySms.test(Alert.Kind.RECOUNT) || bySms.test(Alert.Kind.HIGH_VALUE)) {
      List<String> none = zones.stream().filter(z -> !z.isEmpty()
          && alerts.supervisorsOf(z).isEmpty()).sorted().toList();
      if (!none.isEmpty()) {
        warnings.add("dockcount.alerts.supervisors: zone(s) " + none + " have no SMS recipient "
            + "(no list of their own, and no \"*\" list): their variances go to no phone");
      }
    }
    if ((bySms.test(Alert.Kind.STORE_FAILED) || bySms.test(Alert.Kind.BACKUP_FAILED))
        && alerts.supervisorsOf("*").isEmpty()) {
      warnings.add("dockcount.alerts.supervisors: no \"*\" list: the service's own alerts (the "
          + "store full or failing, backups failing) go to no phone by SMS");
    }
  }

  /** Each configured station's zone by station, or none when the stations are not readable. */
  private static Map<String, String> stationZones(Config config) {
    Map<String, String> out = new java.util.TreeMap<>();
    try {
      for (ScannerSettings s : ScannerSettings.allFromConfig(config)) {
        out.put(s.station(), s.zone());
      }
    } catch (IllegalArgumentException | ConfigException e) {
      // said under dockcount.stations
    }
    return out;
  }

  /** Whether a WMS source is set, so that the book may come from it (a bad one: no). */
  private static boolean wmsHasSource(Config config) {
    try {
      return WmsSettings.from(config).hasSource();
    } catch (IllegalArgumentException | ConfigException e) {
      return false; // said under dockcount.wms
    }
  }

  /**
   * Checks the input files on their own, so a bad setting elsewhere does not hide them; returns
   * whether every file set can be read.
   */
  private static boolean inputs(Config config, boolean bookFromWms, List<String> problems,
      List<String> warnings) {
    int before = problems.size();
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : List.of("book", "items", "uom", "barcodes")) {
      String key = "dockcount.inputs." + name;
      try {
        files.put(name, config.getString(key).strip());
      } catch (ConfigException e) {
        problems.add(e.getMessage());
      }
    }
    if ("".equals(files.get("book")) && bookFromWms) {
      warnings.add("dockcount.inputs.book is not set: the zones start when the WMS delivers a "
          + "book; until then every location label is refused");
    } else if ("".equals(files.get("book"))) {
      problems.add("dockcount.inputs.book is not set: the service needs a book file, or a WMS "
          + "source (dockcount.wms) that delivers one");
    }
    files.forEach((name, file) -> {
      if (file.isEmpty()) {
        return;
      }
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) {
        problems.add("dockcount.inputs." + name + ": "
            + (Files.isDirectory(p) ? p + ": a directory, not a file"
                : MasterDataFiles.notThere(p)));
      } else if (!Files.isReadable(p)) {
        problems.add("dockcount.inputs." + name + ": " + p + ": not readable by this user");
      }
    });
    return problems.size() == before;
  }

  /**
   * A setting the defaults do not know is a problem, not a warning: a misspelt {@code port}
   * would leave the console on the default port, and {@code run} refuses to start with it.
   */
  private static void unknownKeys(Config site, Config defaults, Path file, List<String> problems) {
    for (String key : unknownKeys(site, defaults, "dockcount")) {
      // A secret written under a made-up key: say where secrets go, not only that it is unknown.
      boolean secret = SECRET_WORDS.matcher(key.substring(key.lastIndexOf('.') + 1)).find();
      problems.add(whereWritten(file, site, key) + key + " is not a known setting "
          + "(misspelt?); see application.conf and reference.conf for every key"
          + (secret ? "; tokens and passwords never go in the config file: set them in the "
              + "environment (secrets.env under systemd) or a file, as the *-env and *-file "
              + "settings name them" : ""));
    }
  }

  private static final java.util.regex.Pattern SECRET_WORDS = java.util.regex.Pattern.compile(
      "token|password|passwd|secret|webhook-url|api-key", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Returns {@code "FILE: N: "} for where the key is written: the site file as it was given,
   * or the file it includes that holds the key, since a line number is no help in the wrong
   * file.
   */
  static String whereWritten(Path file, Config site, String key) {
    try {
      com.typesafe.config.ConfigOrigin o = site.getValue(key).origin();
      String in = o.filename() == null
          || Path.of(o.filename()).normalize().equals(file.toAbsolutePath().normalize())
          ? file.toString() : o.filename();
      return in + ": " + (o.lineNumber() > 0 ? o.lineNumber() + ": " : "");
    } catch (com.typesafe.config.ConfigException | java.nio.file.InvalidPathException e) {
      return file + ": ";
    }
  }

  /**
   * Returns the top-level keys of a site file that the defaults do not have, sorted: a misspelt
   * root ({@code dokcount.cycle.interval}) leaves every setting under it unread, which the check
   * of unknown keys under {@code dockcount} cannot see.
   */
  static List<String> unknownRoots(Config site, Config defaults) {
    List<String> roots = new ArrayList<>(new TreeSet<>(site.root().keySet()));
    roots.removeIf(defaults.root()::containsKey);
    return roots;
  }

  /** The problem line for a top-level key {@link #unknownRoots} found. */
  static String unknownRoot(Path file, Config site, String root) {
    return whereWritten(file, site, root) + root + " is not a dockcount setting (misspelt?): "
        + "every key starts with dockcount. (e.g. dockcount.cycle.interval)";
  }

  /**
   * Returns the settings under {@code root} that the site file sets and the defaults do not
   * know (a misspelt key would otherwise be ignored without a word), sorted.
   */
  static List<String> unknownKeys(Config site, Config defaults, String root) {
    List<String> unknown = new ArrayList<>();
    if (!site.hasPath(root)) {
      return unknown;
    }
    TreeSet<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : site.getConfig(root).entrySet()) {
      keys.add(root + "." + e.getKey());
    }
    for (String key : keys) {
      if (OPEN_BLOCKS.stream().noneMatch(key::startsWith) && !defaults.hasPathOrNull(key)
          && !underList(defaults, key)) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  /** Whether {@code key} lies inside a list-valued default (e.g. recount rules). */
  private static boolean underList(Config defaults, String key) {
    String path = key;
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.')) {
      path = path.substring(0, dot);
      if (defaults.hasPath(path)) {
        return defaults.getValue(path).valueType() == ConfigValueType.LIST;
      }
    }
    return false;
  }

  /** A config error's message with the file named once. */
  static String message(Path file, ConfigException e) {
    String m = e.getMessage();
    // Typesafe Config starts its message with the file's name; keep one.
    return m.contains(file.getFileName().toString()) ? m : file + ": " + m;
  }
}
