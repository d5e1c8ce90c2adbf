package io.dockcount.console;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor console's settings, read once from {@code dockcount.console}. Every problem is
 * an {@link IllegalArgumentException} whose message starts with the setting's full name.
 *
 * @param users password hashes by user name (see {@link Passwords})
 * @param openView whether pages and read-only API calls are served without a login
 * @param apiToken the token scripts send as {@code Authorization: Bearer ...}, or null for none
 * @param stationQuiet a station with no scan for this long is shown as quiet
 */
public record ConsoleSettings(
    boolean enabled,
    String host,
    int port,
    boolean openView,
    Duration sessionIdle,
    Duration sessionMax,
    int maxFailedLogins,
    Duration failedLoginWindow,
    Map<String, String> users,
    String apiToken,
    List<String> reasonCodes,
    Duration stationQuiet,
    Duration askTimeout,
    Tls tls,
    Duration bindRetry) {

  /** HTTPS: the keystore file and its password; null settings mean plain HTTP. */
  public record Tls(Path keystore, String password) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", password=(hidden)]";
    }
  }

  /** The environment variable that holds the API token; it wins over the token file. */
  public static final String TOKEN_ENV = "DOCKCOUNT_API_TOKEN";
  /** The environment variable that holds the keystore password; it wins over its file. */
  public static final String KEYSTORE_PASSWORD_ENV = "DOCKCOUNT_CONSOLE_KEYSTORE_PASSWORD";

  public ConsoleSettings {
    users = Map.copyOf(users);
    reasonCodes = List.copyOf(reasonCodes);
  }

  /**
   * Reads and checks {@code dockcount.console}; the token comes from {@code env} first, then
   * from the configured file.
   */
  public static ConsoleSettings from(Config root, Map<String, String> env) {
    String at = "dockcount.console.";
    try {
      Config c = root.getConfig("dockcount.console");
      int port = c.getInt("port");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(at + "port must be between 0 and 65535, was " + port);
      }
      Map<String, String> users = new LinkedHashMap<>();
      for (Config u : c.getConfigList("users")) {
        String name = u.getString("name").strip();
        String hash = u.getString("hash").strip();
        if (name.isEmpty() || name.length() > 64) {
          throw new IllegalArgumentException(at + "users: a name must be 1 to 64 characters");
        }
        if (!Passwords.isHash(hash)) {
          throw new IllegalArgumentException(at + "users: the hash of " + name
              + " is not a dockcount password hash (make one with `dockcount hash-password`)");
        }
        if (users.put(name, hash) != null) {
          throw new IllegalArgumentException(at + "users: " + name + " is listed twice");
        }
      }
      List<String> reasons = c.getStringList("reason-codes");
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException(at + "reason-codes must not be empty");
      }
      int failures = c.getInt("login.max-failures");
      if (failures < 1) {
        throw new IllegalArgumentException(at + "login.max-failures must be at least 1");
      }
      return new ConsoleSettings(c.getBoolean("enabled"), c.getString("host"), port,
          c.getBoolean("open-view"), positive(c, "session.idle"), positive(c, "session.max"),
          failures, positive(c, "login.window"), users,
          token(env.get(TOKEN_ENV), c.getString("api-token-file")), reasons,
          positive(c, "station-quiet"), positive(c, "ask-timeout"), tls(c, env),
          positive(c, "bind-retry"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Returns a copy listening on another host and port (tests bind 127.0.0.1:0). */
  public ConsoleSettings withAddress(String otherHost, int otherPort) {
    return new ConsoleSettings(enabled, otherHost, otherPort, openView, sessionIdle, sessionMax,
        maxFailedLogins, failedLoginWindow, users, apiToken, reasonCodes, stationQuiet,
        askTimeout, tls, bindRetry);
  }

  @Override
  public String toString() {
    return "ConsoleSettings[" + host + ":" + port + ", openView=" + openView + ", users="
        + users.keySet() + ", apiToken=" + (apiToken == null ? "none" : "(hidden)") + ", tls="
        + tls + "]";
  }

  private static Tls tls(Config c, Map<String, String> env) {
    String keystore = c.getString("tls.keystore").strip();
    if (keystore.isEmpty()) {
      return null;
    }
    if (!Files.isReadable(Path.of(keystore))) {
      throw new IllegalArgumentException("dockcount.console.tls.keystore " + keystore
          + " cannot be read");
    }
    String password = env.get(KEYSTORE_PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      String file = c.getString("tls.password-file").strip();
      if (file.isEmpty()) {
        throw new IllegalArgumentException("dockcount.console.tls.keystore is set but its "
            + "password is not: set " + KEYSTORE_PASSWORD_ENV + " or tls.password-file");
      }
      try {
        password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("dockcount.console.tls.password-file " + file
            + " cannot be read: " + e.getMessage(), e);
      }
    }
    return new Tls(Path.of(keystore), password);
  }

  private static String token(String fromEnv, String file) {
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(fromEnv.strip(), TOKEN_ENV);
    }
    if (file.isBlank()) {
      return null;
    }
    try {
      return checked(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip(),
          "dockcount.console.api-token-file " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("dockcount.console.api-token-file " + file
          + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String checked(String token, String where) {
    if (token.length() < 16) {
      throw new IllegalArgumentException(where + ": the API token must be at least 16 "
          + "characters");
    }
    return token;
  }

  private static Duration positive(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("dockcount.console." + key
          + " must be longer than 0, was " + d);
    }
    return d;
  }
}
