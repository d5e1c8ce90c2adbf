package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console configured open for viewing on the LAN, with a tight failed-login limit. */
final class ConsoleAccessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static ConsoleFixture f;

  @BeforeAll
  static void start() {
    f = new ConsoleFixture(dir, "{ open-view = true, login { max-failures = 3, window = 5m } }");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void openView_readsWithoutLogin_butActingStillNeedsOne() throws Exception {
    HttpResponse<String> overview = f.get("/api/overview");
    HttpResponse<String> zone = f.get("/api/zones/B");
    HttpResponse<String> csv = f.get("/api/reports/recount_tasks.csv");
    HttpResponse<String> close = f.post("/api/zones/B/close", "");
    HttpResponse<String> resend = f.post("/api/tasks/1/resend", "");

    assertEquals(200, overview.statusCode());
    assertTrue(JSON.readTree(f.get("/api/session").body()).get("openView").asBoolean());
    assertEquals(200, zone.statusCode());
    assertEquals(200, csv.statusCode());
    assertEquals(401, close.statusCode());
    assertEquals("log in to act", JSON.readTree(close.body()).get("error").asText());
    assertEquals(401, resend.statusCode());
  }

  @Test
  void failedLogins_rateLimitedPerUserAndAddress_untilTheWindowPasses() throws Exception {
    String wrong = "{\"user\":\"maria\",\"password\":\"guess\"}";
    String right = "{\"user\":\"maria\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}";
    String stranger = "{\"user\":\"nobody\",\"password\":\"guess\"}";
    for (int i = 0; i < 3; i++) {
      assertEquals(401, f.post("/api/login", wrong).statusCode());
    }

    HttpResponse<String> blocked = f.post("/api/login", right);
    HttpResponse<String> sameAddress = f.post("/api/login", stranger);
    f.clock.advance(f.settings.failedLoginWindow().plusSeconds(1));
    HttpResponse<String> later;
    try {
      later = f.post("/api/login", right);
    } finally {
      f.clock.reset();
    }

    assertEquals(429, blocked.statusCode());
    assertTrue(JSON.readTree(blocked.body()).get("error").asText()
        .startsWith("too many failed logins; try again in "));
    long retry = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry > 0 && retry <= 301, "Retry-After " + retry);
    assertEquals(429, sameAddress.statusCode(), "the address is limited too");
    assertEquals(200, later.statusCode(), later.body());
  }
}
