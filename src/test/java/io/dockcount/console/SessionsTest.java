package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class SessionsTest {
  private final ConsoleFixture.ManualClock clock = new ConsoleFixture.ManualClock();
  private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30),
      Duration.ofHours(2));

  @Test
  void activeSession_stillEndsAtItsMaximumAge() {
    Sessions.Session s = sessions.start("maria");
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofMinutes(16));
      assertNotNull(sessions.find(s.id()), "in use every 16 minutes: alive at step " + i);
    }

    clock.advance(Duration.ofMinutes(9));

    assertNull(sessions.find(s.id()), "2 h after login");
  }

  @Test
  void idleSession_ends_andUnknownIdsFindNothing() {
    Sessions.Session s = sessions.start("maria");

    clock.advance(Duration.ofMinutes(30));

    assertNull(sessions.find(s.id()));
    assertNull(sessions.find("made-up"));
    assertNull(sessions.find(null));
  }

  @Test
  void eachSession_ownRandomIdAndCsrfToken() {
    Sessions.Session a = sessions.start("maria");
    Sessions.Session b = sessions.start("maria");

    assertNotEquals(a.id(), b.id());
    assertNotEquals(a.csrf(), a.id());
    assertEquals(43, a.id().length(), "32 random bytes, base64url");
    assertTrue(Sessions.csrfMatches(a, a.csrf()));
    assertFalse(Sessions.csrfMatches(a, b.csrf()));
    assertFalse(Sessions.csrfMatches(a, null));
  }

  @Test
  void logout_endsOnlyThatSession() {
    Sessions.Session a = sessions.start("maria");
    Sessions.Session b = sessions.start("maria");

    sessions.end(a.id());

    assertNull(sessions.find(a.id()));
    assertNotNull(sessions.find(b.id()));
  }

  @Test
  void failedLogins_ofNamesNeverTriedAgain_areForgottenAfterTheWindow() {
    LoginLimiter limiter = new LoginLimiter(clock, 5, Duration.ofMinutes(5));

    for (int i = 0; i < 1000; i++) {
      // A week of mistyped names, one every 10 minutes, each tried once from its own address.
      limiter.failed("maria" + i, "10.0.0." + (i % 250));
      clock.advance(Duration.ofMinutes(10));
    }

    assertEquals(2, limiter.tracked(), "only the last failure's name and address: "
        + limiter.tracked());
    limiter.failed("ana", "10.0.0.1");
    limiter.failed("ana", "10.0.0.1");
    assertEquals(2, limiter.tracked(), "within the window, ana's and the address's");
    assertEquals(Duration.ZERO, limiter.wait("ana", "10.0.0.1"), "2 of 5 allowed failures");
  }
}
