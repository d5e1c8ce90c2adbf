package io.dockcount.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in supervisors, in memory: a session ends after {@code idle} without a request or
 * {@code max} after login, whichever comes first, and at logout. Each session has its own CSRF
 * token, which every state-changing request must carry. Thread-safe.
 *
 * <p>A restart of the service logs everyone out, which is the safe side.
 */
final class Sessions {
  /** A live session. */
  record Session(String id, String user, String csrf, Instant created, Instant seen) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration max;

  Sessions(Clock clock, Duration idle, Duration max) {
    this.clock = clock;
    this.idle = idle;
    this.max = max;
  }

  /** Starts a session for {@code user}. */
  Session start(String user) {
    Instant now = clock.instant();
    purge(now);
    Session s = new Session(randomToken(), user, randomToken(), now, now);
    byId.put(s.id(), s);
    return s;
  }

  /** Returns the live session with this id, refreshing its idle time, or null. */
  Session find(String id) {
    if (id == null) {
      return null;
    }
    Instant now = clock.instant();
    Session s = byId.get(id);
    if (s == null) {
      return null;
    }
    if (expired(s, now)) {
      byId.remove(id);
      return null;
    }
    Session seen = new Session(s.id(), s.user(), s.csrf(), s.created(), now);
    byId.replace(id, s, seen);
    return seen;
  }

  /** Ends the session. */
  void end(String id) {
    byId.remove(id);
  }

  /** Returns true when {@code token} is the session's CSRF token (constant-time). */
  static boolean csrfMatches(Session s, String token) {
    return token != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the longest a session cookie needs to live. */
  Duration max() {
    return max;
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.seen().plus(idle)) || !now.isBefore(s.created().plus(max));
  }

  private void purge(Instant now) {
    byId.values().removeIf(s -> expired(s, now));
  }

  private static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
