package io.dockcount.wms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks a password written into a JDBC URL, so that no log line, error message,
 * status or console line shows it: a {@code password=} (or {@code pwd=}, {@code
 * sslpassword=}...) parameter after {@code ?}, {@code &} or {@code ;}, a {@code
 * //user:password@host} login, and Oracle's {@code jdbc:oracle:thin:user/password@host}. The
 * password belongs in the variable or file the login names (README, "WMS integration").
 */
public final class JdbcUrls {
  /** What a masked password reads as. */
  public static final String MASK = "***";

  /** A parameter whose name ends in password, passwd or pwd, up to the next & or ;. */
  private static final Pattern PARAM = Pattern.compile(
      "(?i)([?&;]\\s*[a-z0-9_.-]*(?:password|passwd|pwd)\\s*=)(\\{[^}]*}|[^&;\\s]*)");
  /** jdbc:...//user:password@host. */
  private static final Pattern USER_INFO = Pattern.compile(
      "(?i)(jdbc:[a-z0-9:+._-]*//[^/@?;:\\s]*):([^@/?;\\s]*)@");
  /** jdbc:oracle:thin:user/password@host. */
  private static final Pattern ORACLE = Pattern.compile(
      "(?i)(jdbc:oracle:[a-z0-9]+:[^/@:\\s]+)/([^@\\s]*)@");

  private JdbcUrls() {}

  /**
   * Says where a JDBC URL holds a password, for a person ({@code "a password= parameter"},
   * {@code "a user:password@ login"}), without the password itself; empty when it holds none.
   */
  public static List<String> passwordsIn(String url) {
    List<String> out = new ArrayList<>();
    Matcher p = PARAM.matcher(url);
    while (p.find()) {
      if (!p.group(2).isEmpty()) {
        String name = p.group(1).substring(1).strip();
        out.add("a " + name + " parameter");
      }
    }
    if (USER_INFO.matcher(url).find()) {
      out.add("a user:password@ login");
    }
    if (ORACLE.matcher(url).find()) {
      out.add("a user/password@ login");
    }
    return out;
  }

  /**
   * Returns {@code text} with every password {@code url} holds masked, wherever it appears (a
   * driver may quote a URL's part, such as a host it could not resolve, {@code
   * user:password@host}), and every JDBC URL form's password masked as {@link #mask} does.
   */
  public static String scrub(String text, String url) {
    String out = mask(text);
    for (String secret : secretsIn(url)) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** Returns whether {@code text} would read otherwise once scrubbed of {@code url}'s password. */
  public static boolean holdsSecret(String text, String url) {
    return text != null && !text.equals(scrub(text, url));
  }

  /** The passwords written into a JDBC URL, as written. */
  private static List<String> secretsIn(String url) {
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(PARAM, USER_INFO, ORACLE)) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        if (!m.group(2).isEmpty()) {
          out.add(m.group(2));
        }
      }
    }
    return out;
  }

  /**
   * Returns {@code text} (a URL, or a message that may quote one) with every password a JDBC
   * URL form can hold replaced by {@link #MASK}.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = PARAM.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
        m.group(2).isEmpty() ? m.group() : m.group(1) + MASK));
    out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
        m.group(1) + ":" + MASK + "@"));
    return ORACLE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
        m.group(1) + "/" + MASK + "@"));
  }
}
