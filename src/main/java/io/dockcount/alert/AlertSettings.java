package io.dockcount.alert;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code dockcount.alerts} settings, read and checked once at start-up and then frozen.
 * Every problem is an {@link IllegalArgumentException} whose message starts with the full name
 * of the setting. Secrets (the Twilio auth token, the Slack webhook URL) are read from the
 * environment or a file by {@link #secret}; they never appear in a message or a log line.
 */
public record AlertSettings(
    boolean dryRun,
    Map<Alert.Kind, Set<Channel>> channels,
    Map<String, List<String>> supervisors,
    int smsLimit,
    Duration smsWindow,
    QuietHours quietHours,
    int digestTop,
    int digestMaxChars,
    Duration digestMaxWait,
    int maxAttempts,
    Duration minBackoff,
    Duration maxBackoff,
    Duration pollInterval,
    Sms sms,
    Slack slack,
    Radio radio) {

  /** Where an alert can go. */
  public enum Channel { RADIO, SMS, SLACK }

  /** No SMS between {@code start} and {@code end} (local time in {@code zoneId}); null: none. */
  public record QuietHours(LocalTime start, LocalTime end, ZoneId zoneId) {
    /** Returns true when {@code t} falls in the quiet hours (which may span midnight). */
    public boolean contains(java.time.Instant t) {
      if (start == null) {
        return false;
      }
      LocalTime local = t.atZone(zoneId).toLocalTime();
      return start.isBefore(end)
          ? !local.isBefore(start) && local.isBefore(end)
          : !local.isBefore(start) || local.isBefore(end);
    }
  }

  /** One Twilio account. */
  public record Account(String name, String accountSid, String tokenEnv, Path tokenFile,
      String from, String messagingServiceSid) {}

  /**
   * SMS through Twilio. The timeouts, validity period and {@code apiBaseUrl} apply to every
   * account; {@code apiBaseUrl} is blank in production (the SDK's own host), and a test
   * points it at a local server.
   */
  public record Sms(Map<String, Account> accounts, Map<String, String> accountForZone,
      Duration validityPeriod, Duration connectTimeout, Duration readTimeout,
      String apiBaseUrl) {}

  /** Slack incoming webhook. */
  public record Slack(String urlEnv, Path urlFile, String name, Duration timeout) {}

  /** The PA/radio relays and what is said on them. */
  public record Radio(boolean enabled, int pttPin, int chimePin, boolean activeLow,
      String provider, List<String> expectedChipLabels, Duration lead, Duration tail,
      Duration maxKey, Duration minGap, int repeat, int queue, String text, Speech speech,
      List<Duration> pulse) {}

  /** Speech: a WAV written by {@code speakCommand}, then played by {@code playCommand}. */
  public record Speech(boolean enabled, String voice, int wordsPerMinute, String device,
      Duration timeout, List<String> speakCommand, List<String> playCommand) {}

  private static final String P = "dockcount.alerts.";
  private static final Config ACCOUNT_DEFAULTS = com.typesafe.config.ConfigFactory.parseString(
      "account-sid = \"\", from = \"\", messaging-service-sid = \"\", "
          + "auth-token-env = DOCKCOUNT_TWILIO_AUTH_TOKEN, auth-token-file = \"\"");

  /** Reads {@code dockcount.alerts} from the whole configuration. */
  public static AlertSettings from(Config root) {
    try {
      Config c = root.getConfig("dockcount.alerts");
      return new AlertSettings(
          c.getBoolean("dry-run"),
          channels(c.getConfig("channels")),
          supervisors(c.getConfig("supervisors")),
          positive(c.getInt("sms-limit.count"), "sms-limit.count"),
          positive(c.getDuration("sms-limit.window"), "sms-limit.window"),
          quietHours(c.getConfig("quiet-hours")),
          positive(c.getInt("digest.top"), "digest.top"),
          positive(c.getInt("digest.max-chars"), "digest.max-chars"),
          positive(c.getDuration("digest.max-wait"), "digest.max-wait"),
          positive(c.getInt("retry.max-attempts"), "retry.max-attempts"),
          positive(c.getDuration("retry.min-backoff"), "retry.min-backoff"),
          positive(c.getDuration("retry.max-backoff"), "retry.max-backoff"),
          positive(c.getDuration("poll-interval"), "poll-interval"),
          sms(c.getConfig("sms")),
          slack(c.getConfig("slack")),
          radio(c.getConfig("radio")));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The supervisors' phone numbers for a zone ({@code "*"} serves zones not listed). */
  public List<String> supervisorsOf(String zone) {
    List<String> l = supervisors.get(zone);
    return l != null ? l : supervisors.getOrDefault("*", List.of());
  }

  /**
   * Says where a missing secret was looked for, by the variable's own name: the reader of a
   * start-up refusal has the environment or secrets.env in front of them, not reference.conf.
   *
   * @param envKey the setting naming the variable ({@code auth-token-env})
   * @param fileKey the setting naming the file ({@code auth-token-file})
   */
  public static String notFound(String env, Path file, String envKey, String fileKey) {
    String fromEnv = env == null || env.isBlank() ? envKey + " is blank"
        : env + " (" + envKey + ") is not set in this environment";
    String fromFile = file == null ? "no " + fileKey + " is given"
        : fileKey + " " + file + " is empty";
    return fromEnv + " and " + fromFile;
  }

  /** Reads a secret from the named environment variable, else from the file; null if neither. */
  public static String secret(String env, Path file, Map<String, String> environment) {
    String v = env == null || env.isBlank() ? null : environment.get(env);
    if (v != null && !v.isBlank()) {
      return v.strip();
    }
    if (file != null) {
      try {
        return Files.readString(file).strip();
      } catch (java.io.IOException e) {
        // The path is not a secret; the content is never shown.
        throw new IllegalArgumentException("secret file " + file + " cannot be read: "
            + e.getClass().getSimpleName(), e);
      }
    }
    return null;
  }

  /** 8 to 15 digits, maybe after a +, maybe with spaces, dots, dashes or brackets between. */
  private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile(
      "(?<![\\w+])\\+?\\d(?:[ ().-]{0,2}\\d){7,14}(?!\\w)");

  /**
   * Masks every phone number in a text for logs, written as E.164 (+15557654321) or not
   * (15557654321, +1 555-765-4321): a provider's error message may repeat the number it
   * refused.
   */
  public static String maskNumbers(String text) {
    if (text == null) {
      return null;
    }
    return PHONE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        mask(m.group().replaceAll("[ ().-]", ""))));
  }

  /** A phone number for logs: the country prefix and the last four digits only. */
  public static String mask(String phone) {
    if (phone == null || phone.length() <= 6) {
      return "******";
    }
    return phone.substring(0, 2) + "*".repeat(phone.length() - 6)
        + phone.substring(phone.length() - 4);
  }

  private static Map<Alert.Kind, Set<Channel>> channels(Config c) {
    Map<Alert.Kind, Set<Channel>> out = new EnumMap<>(Alert.Kind.class);
    for (Alert.Kind k : Alert.Kind.values()) {
      String key = k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      java.util.EnumSet<Channel> set = java.util.EnumSet.noneOf(Channel.class);
      for (String s : c.getStringList(key)) {
        try {
          set.add(Channel.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(P + "channels." + key + ": unknown channel '" + s
              + "' (radio, sms, slack)", e);
        }
      }
      out.put(k, Set.copyOf(set));
    }
    return Map.copyOf(out);
  }

  private static Map<String, List<String>> supervisors(Config c) {
    Map<String, List<String>> out = new TreeMap<>();
    for (var e : c.root().entrySet()) {
      String zone = e.getKey();
      if (e.getValue().valueType() != ConfigValueType.LIST) {
        throw new IllegalArgumentException(P + "supervisors." + zone
            + ": a list of phone numbers in E.164 form (+15551234567)");
      }
      List<String> phones = new ArrayList<>();
      for (Object o : (List<?>) e.getValue().unwrapped()) {
        String phone = String.valueOf(o).strip();
        if (!phone.matches("\\+[1-9][0-9]{6,14}")) {
          throw new IllegalArgumentException(P + "supervisors." + zone + ": '" + mask(phone)
              + "' is not a phone number in E.164 form (+15551234567)");
        }
        phones.add(phone);
      }
      out.put(zone, List.copyOf(phones));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static QuietHours quietHours(Config c) {
    String start = c.getString("start").strip();
    String end = c.getString("end").strip();
    if (start.isEmpty() && end.isEmpty()) {
      return new QuietHours(null, null, ZoneId.of("UTC"));
    }
    try {
      return new QuietHours(LocalTime.parse(start), LocalTime.parse(end),
          ZoneId.of(c.getString("zone-id")));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(P + "quiet-hours: start and end are times like 22:00 "
          + "and zone-id a time zone like Europe/Berlin (" + e.getMessage() + ")", e);
    }
  }

  private static Sms sms(Config c) {
    Map<String, Account> accounts = new LinkedHashMap<>();
    Config a = c.getConfig("accounts");
    for (String name : new TreeMap<>(a.root()).keySet()) {
      for (String key : a.getConfig(name).root().keySet()) {
        if (key.equals("auth-token") || key.equals("token") || key.equals("password")) {
          // Read from nowhere, so the service would send with no token, and the secret would
          // sit in a world-readable file.
          throw new IllegalArgumentException(P + "sms.accounts." + name + "." + key + ": a "
              + "secret never goes in the config file: put it in the environment "
              + "(auth-token-env, default DOCKCOUNT_TWILIO_AUTH_TOKEN, e.g. in secrets.env) or "
              + "a file (auth-token-file)");
        }
        if (!ACCOUNT_DEFAULTS.hasPath(key) && c.hasPath(key) && !key.startsWith("account")) {
          // Copied into an account from the example above it: it applies to them all.
          throw new IllegalArgumentException(P + "sms.accounts." + name + "." + key + " is a "
              + "setting of the whole sms block, for every account: write it as " + P + "sms."
              + key + ", not inside an account");
        }
        if (!ACCOUNT_DEFAULTS.hasPath(key)) {
          throw new IllegalArgumentException(P + "sms.accounts." + name + "." + key
              + " is not a known setting (misspelt?); an account has "
              + new TreeMap<>(ACCOUNT_DEFAULTS.root()).keySet());
        }
      }
      Config ac = a.getConfig(name).withFallback(ACCOUNT_DEFAULTS);
      String sid = ac.getString("account-sid").strip();
      if (!sid.matches("AC[0-9a-fA-F]{32}")) {
        throw new IllegalArgumentException(P + "sms.accounts." + name
            + ".account-sid: a Twilio account SID (AC and 32 hex digits), was '" + sid + "'");
      }
      String from = ac.getString("from").strip();
      if (!from.isEmpty() && !from.matches("\\+[1-9][0-9]{6,14}")) {
        throw new IllegalArgumentException(P + "sms.accounts." + name + ".from: '" + from
            + "' is not a phone number in E.164 form (+15551234567)");
      }
      String mss = ac.getString("messaging-service-sid").strip();
      if (!mss.isEmpty() && !mss.matches("MG[0-9a-fA-F]{32}")) {
        throw new IllegalArgumentException(P + "sms.accounts." + name
            + ".messaging-service-sid: a Twilio messaging service SID (MG and 32 hex digits), "
            + "was '" + mss + "'");
      }
      if (from.isEmpty() == mss.isEmpty()) {
        throw new IllegalArgumentException(P + "sms.accounts." + name
            + ": set exactly one of from and messaging-service-sid");
      }
      String file = ac.getString("auth-token-file").strip();
      accounts.put(name, new Account(name, ac.getString("account-sid").strip(),
          ac.getString("auth-token-env").strip(), file.isEmpty() ? null : Path.of(file),
          from, mss));
    }
    Map<String, String> forZone = new TreeMap<>();
    c.getConfig("account-for-zone").root().unwrapped()
        .forEach((zone, acc) -> forZone.put(zone, String.valueOf(acc)));
    forZone.forEach((zone, acc) -> {
      if (!accounts.containsKey(acc)) {
        throw new IllegalArgumentException(P + "sms.account-for-zone." + zone
            + ": no account named '" + acc + "' under " + P + "sms.accounts");
      }
    });
    Duration validity = c.getDuration("validity-period");
    if (validity.getSeconds() < 1 || validity.getSeconds() > 36_000) {
      throw new IllegalArgumentException(P + "sms.validity-period: between 1s and 10h "
          + "(Twilio's limits), not " + validity);
    }
    return new Sms(Map.copyOf(accounts), Map.copyOf(forZone), validity,
        positive(c.getDuration("connect-timeout"), "sms.connect-timeout"),
        positive(c.getDuration("read-timeout"), "sms.read-timeout"),
        c.getString("api-base-url").strip());
  }

  private static Slack slack(Config c) {
    String file = c.getString("webhook-url-file").strip();
    return new Slack(c.getString("webhook-url-env").strip(),
        file.isEmpty() ? null : Path.of(file), c.getString("name"),
        positive(c.getDuration("timeout"), "slack.timeout"));
  }

  private static Radio radio(Config c) {
    String text = c.getString("text");
    // Money and item descriptions are never said on an open radio channel.
    for (String banned : List.of("{value}", "{description}", "{cost}")) {
      if (text.contains(banned)) {
        throw new IllegalArgumentException(P + "radio.text: " + banned + " may not be spoken on "
            + "an open radio channel; use {zone} {aisle} {bay} {level} {location} {sku}");
      }
    }
    Config s = c.getConfig("speech");
    Speech speech = new Speech(s.getBoolean("enabled"), s.getString("voice"),
        positive(s.getInt("words-per-minute"), "radio.speech.words-per-minute"),
        s.getString("device"), positive(s.getDuration("timeout"), "radio.speech.timeout"),
        List.copyOf(s.getStringList("speak-command")),
        List.copyOf(s.getStringList("play-command")));
    Duration maxKey = positive(c.getDuration("max-key"), "radio.max-key");
    Duration lead = c.getDuration("lead");
    Duration tail = c.getDuration("tail");
    if (lead.plus(tail).compareTo(maxKey) >= 0) {
      throw new IllegalArgumentException(P + "radio.max-key (" + maxKey + ") must exceed lead "
          + "+ tail (" + lead.plus(tail) + ")");
    }
    int ptt = c.getInt("ptt-pin");
    int chime = c.getInt("chime-pin");
    if (ptt < 0 || ptt > 27 || chime > 27 || chime == ptt) {
      throw new IllegalArgumentException(P + "radio: ptt-pin (" + ptt + ") and chime-pin ("
          + chime + ") are distinct BCM numbers 0..27; chime-pin -1 means no chime relay");
    }
    return new Radio(c.getBoolean("enabled"), ptt, chime, c.getBoolean("active-low"),
        c.getString("provider"), List.copyOf(c.getStringList("expected-chip-labels")), lead,
        tail, maxKey, c.getDuration("min-gap"), positive(c.getInt("repeat"), "radio.repeat"),
        positive(c.getInt("queue"), "radio.queue"), text, speech,
        List.copyOf(c.getDurationList("pulse")));
  }

  private static int positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(P + name + ": must be above 0, not " + v);
    }
    return v;
  }

  private static Duration positive(Duration v, String name) {
    if (v.isNegative() || v.isZero()) {
      throw new IllegalArgumentException(P + name + ": must be above 0, not " + v);
    }
    return v;
  }

  public AlertSettings {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(sms, "sms");
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(radio, "radio");
  }
}
