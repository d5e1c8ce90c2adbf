package io.dockcount.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed logins: after {@code maxFailures} failures within {@code window} for the same
 * user name, or from the same address, further attempts for it are refused until the oldest of
 * those failures leaves the window. A successful login clears the user's failures (not the
 * address's). Thread-safe.
 */
final class LoginLimiter {
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  LoginLimiter(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** Returns how long until an attempt for the user from the address is allowed; 0 if now. */
  synchronized Duration wait(String user, String address) {
    Instant now = clock.instant();
    return longer(waitFor(userKey(user), now), waitFor(addressKey(address), now));
  }

  /** Records a failed attempt; returns the failures now counted for the user name. */
  synchronized int failed(String user, String address) {
    Instant now = clock.instant();
    // A name or address that failed once and is never tried again would stay for good: one
    // entry per mistyped or guessed name, for as long as the service runs.
    failures.values().removeIf(times -> {
      trim(times, now);
      return times.isEmpty();
    });
    failures.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>()).addLast(now);
    Deque<Instant> mine = failures.computeIfAbsent(userKey(user), k -> new ArrayDeque<>());
    mine.addLast(now);
    trim(mine, now);
    return mine.size();
  }

  /** Returns how many user names and addresses have failures still counted. */
  synchronized int tracked() {
    return failures.size();
  }

  /** Clears the user name's failures after a successful login. */
  synchronized void succeeded(String user) {
    failures.remove(userKey(user));
  }

  private Duration waitFor(String key, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Duration.ZERO;
    }
    trim(times, now);
    if (times.isEmpty()) {
      failures.remove(key);
      return Duration.ZERO;
    }
    if (times.size() < maxFailures) {
      return Duration.ZERO;
    }
    return Duration.between(now, times.peekFirst().plus(window));
  }

  private void trim(Deque<Instant> times, Instant now) {
    Instant from = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
      times.removeFirst();
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String user) {
    return "user:" + user.toLowerCase(java.util.Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "addr:" + address;
  }
}
