package io.dockcount.wms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code dockcount.wms} settings, read and checked once at start-up. Every problem is an
 * {@link IllegalArgumentException} whose message starts with the setting's full name. Secrets
 * are not read here, only where to find them ({@link Login#password()} reads them on use).
 *
 * @param schedule how often the JDBC and HTTP sources are pulled
 * @param maxSnapshotAge a zone's book older than this is reported stale
 * @param fileDrop the inbox, or null when off
 * @param jdbc the database source, or null when off
 * @param http the JSON API source, or null when off
 * @param export where recount tasks and adjustments go
 * @param absentZones what becomes of a zone's book when a database or API pull, which delivers
 *     the WMS's whole book, has no lines for the zone
 */
public record WmsSettings(Duration schedule, Duration maxSnapshotAge, FileDrop fileDrop,
    Jdbc jdbc, Http http, Export export, AbsentZones absentZones) {

  /**
   * What becomes of a zone's book when the WMS's whole book (a database or API pull) has no
   * lines for it: said at WARN at each such pull either way.
   */
  public enum AbsentZones {
    /** The zone keeps the book it has, which grows stale (the default: never emptied unasked). */
    KEEP,
    /** The zone's book is emptied: every count there is then an unexpected line. */
    EMPTY
  }

  /** Settings that keep an absent zone's book ({@link AbsentZones#KEEP}). */
  public WmsSettings(Duration schedule, Duration maxSnapshotAge, FileDrop fileDrop, Jdbc jdbc,
      Http http, Export export) {
    this(schedule, maxSnapshotAge, fileDrop, jdbc, http, export, AbsentZones.KEEP);
  }

  /** The kinds of data a snapshot is made of, in the order they are read. */
  public static final java.util.List<String> KINDS = java.util.List.of("items", "uom",
      "barcodes", "book");

  /** What a source may deliver: the snapshot kinds and WMS movements. */
  public static final java.util.List<String> SOURCE_KINDS = java.util.List.of("items", "uom",
      "barcodes", "book", "movements");

  /**
   * A watched inbox, how often it is looked at, how many taken files it keeps in {@code
   * processed/} (0: every one), and whether its files' numbers are written with a decimal
   * comma ({@link #DECIMAL_COMMA}).
   */
  public record FileDrop(Path inbox, Duration pollInterval, int keepProcessed,
      boolean decimalComma) {
    /** An inbox keeping the default number of taken files. */
    public FileDrop(Path inbox, Duration pollInterval) {
      this(inbox, pollInterval, io.dockcount.wms.FileDrop.KEEP_PROCESSED);
    }

    /** An inbox whose files' numbers are written with a decimal point. */
    public FileDrop(Path inbox, Duration pollInterval, int keepProcessed) {
      this(inbox, pollInterval, keepProcessed, false);
    }
  }

  /**
   * The setting that declares the site's files written with a decimal comma: reconcile's
   * files, the service's start-up files and its file drop alike, so one export reads the same
   * everywhere. A database's or an API's numbers are typed, and not read by it.
   */
  public static final String DECIMAL_COMMA = "dockcount.reconcile.decimal-comma";

  /**
   * A database login. The password comes from the environment variable, else from the file.
   */
  public record Login(String url, String user, String passwordEnv, Path passwordFile) {
    /** Reads the password now; null when neither the variable nor the file gives one. */
    public String password() {
      return Secrets.read(passwordEnv, passwordFile);
    }

    /** Shows the login with a password written into its URL masked. */
    @Override
    public String toString() {
      return "Login[url=" + JdbcUrls.mask(url) + ", user=" + user + ", passwordEnv="
          + passwordEnv + ", passwordFile=" + passwordFile + "]";
    }
  }

  /** A database source: its login, the query per kind (only kinds with a query) and timeout. */
  public record Jdbc(Login login, Map<String, String> queries, Duration timeout) {}

  /** A JSON API source. */
  public record Http(URI url, String tokenEnv, Path tokenFile, Map<String, String> paths,
      String pageParam, String pageSizeParam, int pageSize, String itemsField,
      String totalField, Duration timeout) {}

  /** Where tasks and adjustments go: mode off, csv (outbox) or sql (login and templates). */
  public record Export(String mode, Path outbox, Duration interval, Login login, String taskSql,
      String adjustmentSql) {}

  public WmsSettings {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
    Objects.requireNonNull(export, "export");
    Objects.requireNonNull(absentZones, "absentZones");
  }

  /** Returns true when any source is configured. */
  public boolean hasSource() {
    return fileDrop != null || jdbc != null || http != null;
  }

  /**
   * Reads {@code dockcount.wms} of the whole configuration.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public static WmsSettings from(Config root) {
    try {
      Config c = root.getConfig("dockcount.wms");
      Jdbc jdbc = jdbc(c);
      boolean decimalComma = root.hasPath(DECIMAL_COMMA) && root.getBoolean(DECIMAL_COMMA);
      return new WmsSettings(positive(c, "schedule"), positive(c, "max-snapshot-age"),
          fileDrop(c, decimalComma), jdbc, http(c), export(c, jdbc), absentZones(c));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static AbsentZones absentZones(Config c) {
    String v = c.getString("absent-zones").strip().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "keep" -> AbsentZones.KEEP;
      case "empty" -> AbsentZones.EMPTY;
      default -> throw bad("absent-zones", "must be keep or empty, was \"" + v + "\"");
    };
  }

  private static FileDrop fileDrop(Config c, boolean decimalComma) {
    String inbox = c.getString("file-drop.inbox").strip();
    int keep = c.getInt("file-drop.keep-processed");
    if (keep < 0) {
      throw bad("file-drop.keep-processed", "must be 0 (keep every file) or more, was " + keep);
    }
    return inbox.isEmpty() ? null
        : new FileDrop(Path.of(inbox), positive(c, "file-drop.poll-interval"), keep,
            decimalComma);
  }

  private static Jdbc jdbc(Config c) {
    Login login = login(c, "jdbc");
    if (login == null) {
      return null;
    }
    Map<String, String> queries = perKind(c, "jdbc.queries");
    if (queries.isEmpty()) {
      throw bad("jdbc.queries", "needs at least one query when jdbc.url is set");
    }
    return new Jdbc(login, queries, positive(c, "jdbc.timeout"));
  }

  private static Http http(Config c) {
    String url = c.getString("http.url").strip();
    if (url.isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw bad("http.url", "is not a URL: " + url);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw bad("http.url", "must start with http:// or https://, was " + url);
    }
    if (uri.getUserInfo() != null) {
      throw bad("http.url", "must not hold a login: the token goes in http.token-env or "
          + "http.token-file");
    }
    Map<String, String> paths = perKind(c, "http.paths");
    if (paths.isEmpty()) {
      throw bad("http.paths", "needs at least one path when http.url is set");
    }
    int pageSize = c.getInt("http.page-size");
    if (pageSize < 1 || pageSize > 100_000) {
      throw bad("http.page-size", "must be between 1 and 100000, was " + pageSize);
    }
    return new Http(uri, c.getString("http.token-env").strip(), path(c, "http.token-file"),
        paths, c.getString("http.page-param"), c.getString("http.page-size-param"), pageSize,
        c.getString("http.items-field"), c.getString("http.total-field").strip(),
        positive(c, "http.timeout"));
  }

  private static Export export(Config c, Jdbc source) {
    String mode = c.getString("export.mode").strip().toLowerCase(java.util.Locale.ROOT);
    Duration interval = positive(c, "export.interval");
    switch (mode) {
      case "off":
        return new Export(mode, null, interval, null, null, null);
      case "csv":
        Path outbox = path(c, "export.outbox");
        if (outbox == null) {
          throw bad("export.outbox", "must be set when export.mode = csv");
        }
        return new Export(mode, outbox, interval, null, null, null);
      case "sql":
        Login login = login(c, "export");
        if (login == null && source == null) {
          throw bad("export.url", "must be set (or jdbc.url) when export.mode = sql");
        }
        if (login == null) {
          login = onSourceUrl(c, source.login());
        }
        String task = c.getString("export.task-sql").strip();
        if (task.isEmpty()) {
          throw bad("export.task-sql", "must be set when export.mode = sql");
        }
        String adj = c.getString("export.adjustment-sql").strip();
        return new Export(mode, null, interval, login, task, adj.isEmpty() ? null : adj);
      default:
        throw bad("export.mode", "must be off, csv or sql, was \"" + mode + "\"");
    }
  }

  private static Login login(Config c, String block) {
    String url = c.getString(block + ".url").strip();
    if (url.isEmpty()) {
      return null;
    }
    if (!url.startsWith("jdbc:")) {
      throw bad(block + ".url", "must be a JDBC URL (jdbc:...)");
    }
    String user = user(c, block);
    return new Login(url, user, c.getString(block + ".password-env").strip(),
        path(c, block + ".password-file"));
  }

  /** The block's user, from its setting or its variable; null when neither gives one. */
  private static String user(Config c, String block) {
    String user = c.getString(block + ".user").strip();
    String userEnv = c.getString(block + ".user-env").strip();
    if (user.isEmpty() && !userEnv.isEmpty() && System.getenv(userEnv) != null) {
      user = System.getenv(userEnv).strip();
    }
    return user.isEmpty() ? null : user;
  }

  /**
   * The export's login on the source's database (export.url blank): its own user and password
   * when it gives them, as a read-only source login cannot write the WMS's task table; else
   * the source's login.
   */
  private static Login onSourceUrl(Config c, Login source) {
    String user = user(c, "export");
    String passwordEnv = c.getString("export.password-env").strip();
    Path passwordFile = path(c, "export.password-file");
    boolean ownPassword = passwordFile != null
        || !passwordEnv.isEmpty() && System.getenv(passwordEnv) != null;
    if (user == null && !ownPassword) {
      return source;
    }
    return new Login(source.url(), user != null ? user : source.user(),
        ownPassword ? passwordEnv : source.passwordEnv(),
        ownPassword ? passwordFile : source.passwordFile());
  }

  private static Map<String, String> perKind(Config c, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kind : SOURCE_KINDS) {
      String v = c.hasPath(key + "." + kind) ? c.getString(key + "." + kind).strip() : "";
      if (!v.isEmpty()) {
        out.put(kind, v);
      }
    }
    for (String k : c.getConfig(key).root().keySet()) {
      if (!SOURCE_KINDS.contains(k)) {
        throw bad(key + "." + k, "is not a kind of data; use " + SOURCE_KINDS);
      }
    }
    return Map.copyOf(out);
  }

  private static Path path(Config c, String key) {
    String s = c.getString(key).strip();
    return s.isEmpty() ? null : Path.of(s);
  }

  private static Duration positive(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw bad(key, "must be longer than 0, was " + d);
    }
    return d;
  }

  private static IllegalArgumentException bad(String key, String what) {
    return new IllegalArgumentException("dockcount.wms." + key + " " + what);
  }
}
