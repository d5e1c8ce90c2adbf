package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockcount.store.ConsoleQueries;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every page and API call of the console against a real service: the akka-http server bound on
 * 127.0.0.1 (a free port) and called with the JDK's HTTP client, as a browser or script would.
 */
final class ConsoleApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static ConsoleFixture f;

  @BeforeAll
  static void start() {
    f = new ConsoleFixture(dir, "{}");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A logged-in browser: its session cookie and CSRF token. */
  record Login(String cookie, String csrf) {
    String[] headers() {
      return new String[] {"Cookie", cookie, ConsoleRoutes.CSRF_HEADER, csrf};
    }
  }

  static Login login(ConsoleFixture fx) throws Exception {
    HttpResponse<String> r = fx.post("/api/login", "{\"user\":\"" + ConsoleFixture.USER
        + "\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}");
    assertEquals(200, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Login(setCookie.substring(0, setCookie.indexOf(';')),
        JSON.readTree(r.body()).get("csrf").asText());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  // ---- pages ------------------------------------------------------------------------------

  @Test
  void pages_servedFromTheJar_withSecurityHeaders() {
    HttpResponse<String> index = f.get("/");
    HttpResponse<String> js = f.get("/static/console.js");
    HttpResponse<String> css = f.get("/static/console.css");
    HttpResponse<String> none = f.get("/static/nothing.js");

    assertEquals(200, index.statusCode());
    assertTrue(index.body().contains("<svg id=\"chart-zones\""), index.body());
    assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(index.headers().firstValue("Content-Security-Policy").orElse("")
        .contains("default-src 'self'"));
    assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElse(""));
    assertFalse(index.body().contains("http://") || index.body().contains("https://"),
        "the page loads nothing from elsewhere");
    assertEquals(200, js.statusCode());
    assertTrue(js.body().contains("/api/overview"));
    assertEquals(200, css.statusCode());
    assertEquals(404, none.statusCode());
  }

  // ---- access -----------------------------------------------------------------------------

  @Test
  void viewing_withoutLogin_refusedWhenOpenViewIsOff() throws Exception {
    for (String path : List.of("/api/overview", "/api/recounts", "/api/stations",
        "/api/actions", "/api/zones/A", "/api/reports/recon.csv")) {
      HttpResponse<String> r = f.get(path);

      assertEquals(401, r.statusCode(), path);
      assertEquals("log in to view", json(r).get("error").asText());
    }
    JsonNode session = json(f.get("/api/session"));
    assertTrue(session.get("user").isNull());
    assertFalse(session.get("openView").asBoolean());
  }

  @Test
  void login_setsStrictHttpOnlyCookie_andSessionShowsUserAndToken() throws Exception {
    HttpResponse<String> r = f.post("/api/login", "{\"user\":\"maria\",\"password\":\""
        + ConsoleFixture.PASSWORD + "\"}");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    JsonNode session = json(f.get("/api/session", "Cookie", cookie.substring(0,
        cookie.indexOf(';'))));

    assertEquals(200, r.statusCode());
    assertTrue(cookie.startsWith(ConsoleRoutes.COOKIE + "="), cookie);
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertEquals("maria", session.get("user").asText());
    assertEquals(json(r).get("csrf").asText(), session.get("csrf").asText());
  }

  @Test
  void login_wrongPassword_401_loggedWithoutThePassword_andRecorded() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ConsoleRoutes.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    HttpResponse<String> r;
    try {
      r = f.post("/api/login", "{\"user\":\"maria\",\"password\":\"hunter2-wrong\"}");
    } finally {
      logger.detachAppender(logs);
    }

    assertEquals(401, r.statusCode());
    assertEquals("unknown user or wrong password", json(r).get("error").asText());
    List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("failed login for user maria from 127.0.0.1"));
    assertFalse(warnings.get(0).contains("hunter2"));
    ConsoleQueries.Action last = new ConsoleQueries(f.service.store()).actions(1).get(0);
    assertEquals("LOGIN", last.action());
    assertEquals("REFUSED", last.outcome());
    assertEquals("maria", last.who());
  }

  @Test
  void login_success_recordedWithoutTheSessionsCsrfToken() throws Exception {
    Login l = login(f);

    ConsoleQueries.Action last = new ConsoleQueries(f.service.store()).actions(1).get(0);
    assertEquals("LOGIN", last.action());
    assertEquals("DONE", last.outcome());
    assertFalse(last.detail().contains(l.csrf()), last.detail());
  }

  @Test
  void rejectedScansReport_listsEveryRefusedScanWithItsReasonNewestFirst() throws Exception {
    Login l = login(f);
    f.service.store().append(List.of(
        new io.dockcount.store.JournalEntry.Rejected("DOCK-1", "ana", "ZZ", "1", "ZZ\r",
            "no zone for location ZZ"),
        new io.dockcount.store.JournalEntry.Rejected("DOCK-2", "bo", "A-01-02-A", "",
            "2000000000061\r", "bad check digit in GTIN 2000000000061 (expected 0)"),
        new io.dockcount.store.JournalEntry.Rejected("DOCK-2", "bo", "=cmd|x", "",
            "=HYPERLINK(\"http://x\")\r", "not a label")));

    HttpResponse<String> r = f.get("/api/reports/rejected_scans.csv", "Cookie", l.cookie());

    assertEquals(200, r.statusCode(), r.body());
    List<String> rows = r.body().lines().toList();
    assertEquals("seq,station,counter,location,sku,scan,reason,at", rows.get(0));
    assertTrue(rows.get(1).contains(",DOCK-2,bo,'=cmd|x,,\"'=HYPERLINK(\"\"http://x\"\")\","
        + "not a label,"), "a scanned formula is kept from running: " + rows.get(1));
    rows = rows.subList(1, rows.size());
    assertTrue(rows.get(1).contains(",DOCK-2,bo,A-01-02-A,,2000000000061,"
        + "bad check digit in GTIN 2000000000061 (expected 0),"), rows.get(1));
    assertTrue(rows.get(2).contains(",DOCK-1,ana,ZZ,1,ZZ,no zone for location ZZ,"),
        rows.get(2));
  }

  @Test
  void login_badInput_400() throws Exception {
    HttpResponse<String> notJson = f.post("/api/login", "user=maria");
    HttpResponse<String> noPassword = f.post("/api/login", "{\"user\":\"maria\"}");
    HttpResponse<String> notText = f.post("/api/login", "{\"user\":7,\"password\":\"x\"}");
    HttpResponse<String> longName = f.post("/api/login", "{\"user\":\"" + "a\\n".repeat(300)
        + "x\",\"password\":\"x\"}");

    assertEquals(400, notJson.statusCode());
    assertTrue(json(notJson).get("error").asText().startsWith("the body is not JSON"));
    assertEquals(400, noPassword.statusCode());
    assertEquals("user and password are required", json(noPassword).get("error").asText());
    assertEquals(400, notText.statusCode());
    assertEquals("field \"user\" must be text", json(notText).get("error").asText());
    assertEquals(401, longName.statusCode(), "a long name with line breaks is refused, not 500");
  }

  @Test
  void session_expiresAfterIdleTime() throws Exception {
    Login l = login(f);
    HttpResponse<String> fresh = f.get("/api/overview", "Cookie", l.cookie());

    f.clock.advance(f.settings.sessionIdle().plusSeconds(1));
    HttpResponse<String> stale;
    try {
      stale = f.get("/api/overview", "Cookie", l.cookie());
    } finally {
      f.clock.reset();
    }

    assertEquals(200, fresh.statusCode());
    assertEquals(401, stale.statusCode());
  }

  @Test
  void acting_needsSessionAndCsrfToken_orTheApiToken() throws Exception {
    Login l = login(f);
    String body = "{\"reason\":\"COUNT_ERROR\"}";

    HttpResponse<String> anonymous = f.post("/api/locations/B-01-01-A/accept", body);
    HttpResponse<String> noCsrf = f.post("/api/locations/B-01-01-A/accept", body,
        "Cookie", l.cookie());
    HttpResponse<String> wrongCsrf = f.post("/api/locations/B-01-01-A/accept", body,
        "Cookie", l.cookie(), ConsoleRoutes.CSRF_HEADER, "forged");
    HttpResponse<String> withCsrf = f.post("/api/locations/B-01-01-A/accept", body,
        l.headers());
    HttpResponse<String> wrongToken = f.post("/api/locations/B-01-01-A/accept", body,
        "Authorization", "Bearer not-the-token-at-all");
    HttpResponse<String> token = f.post("/api/locations/B-01-01-A/accept", body,
        "Authorization", "Bearer " + ConsoleFixture.TOKEN);

    assertEquals(401, anonymous.statusCode());
    assertEquals(403, noCsrf.statusCode());
    assertEquals("missing or wrong X-CSRF-Token header", json(noCsrf).get("error").asText());
    assertEquals(403, wrongCsrf.statusCode());
    // Past the access checks, the zone refuses: the location is open, nothing to accept.
    assertEquals(409, withCsrf.statusCode(), withCsrf.body());
    assertEquals("location B-01-01-A is open (being counted, or not counted yet; close it, or "
        + "its zone, first): it cannot be accepted now",
        json(withCsrf).get("error").asText());
    assertEquals(401, wrongToken.statusCode());
    assertEquals(409, token.statusCode());
  }

  @Test
  void crossSiteOrigin_refused_evenForLogin() throws Exception {
    String body = "{\"user\":\"maria\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}";

    HttpResponse<String> foreign = f.post("/api/login", body, "Origin", "http://evil.example");
    HttpResponse<String> own = f.post("/api/login", body, "Origin", f.base);

    assertEquals(403, foreign.statusCode());
    assertEquals("cross-site request refused", json(foreign).get("error").asText());
    assertEquals(200, own.statusCode(), own.body());
  }

  @Test
  void logout_endsTheSession() throws Exception {
    Login l = login(f);

    HttpResponse<String> out = f.post("/api/logout", "", l.headers());
    HttpResponse<String> after = f.get("/api/overview", "Cookie", l.cookie());

    assertEquals(200, out.statusCode());
    assertEquals(401, after.statusCode());
  }

  // ---- bad input --------------------------------------------------------------------------

  @Test
  void actions_badInput_clearErrors() throws Exception {
    String[] token = {"Authorization", "Bearer " + ConsoleFixture.TOKEN};

    HttpResponse<String> noReason = f.post("/api/locations/A-01-01-A/accept", "{}", token);
    HttpResponse<String> badReason = f.post("/api/locations/A-01-01-A/send-back",
        "{\"reason\":\"BECAUSE\"}", token);
    HttpResponse<String> badJson = f.post("/api/locations/A-01-01-A/accept", "{reason", token);
    HttpResponse<String> noZone = f.post("/api/zones/Q/close", "", token);
    HttpResponse<String> noZoneView = f.get("/api/zones/Q", token);
    HttpResponse<String> noTask = f.post("/api/tasks/999999/resend", "", token);
    HttpResponse<String> badTask = f.post("/api/tasks/abc/resend", "", token);
    HttpResponse<String> noReport = f.get("/api/reports/secrets.csv", token);
    HttpResponse<String> huge = f.post("/api/locations/A-01-01-A/accept",
        "{\"note\":\"" + "x".repeat(100_000) + "\"}", token);

    assertEquals(400, noReason.statusCode());
    assertTrue(json(noReason).get("error").asText().startsWith("a reason code is required"));
    assertEquals(400, badReason.statusCode());
    assertTrue(json(badReason).get("error").asText()
        .startsWith("unknown reason code \"BECAUSE\""));
    assertEquals(400, badJson.statusCode());
    assertEquals(404, noZone.statusCode());
    assertEquals("no zone Q", json(noZone).get("error").asText());
    assertEquals(404, noZoneView.statusCode());
    assertEquals(404, noTask.statusCode());
    assertEquals("no recount task 999999", json(noTask).get("error").asText());
    assertEquals(404, badTask.statusCode());
    assertEquals(404, noReport.statusCode());
    assertEquals(413, huge.statusCode(), huge.body());
  }

  // ---- the count, end to end through the API ----------------------------------------------

  @Test
  void count_closeZone_recountQueue_accept_reports() throws Exception {
    Login l = login(f);
    String[] cookie = {"Cookie", l.cookie()};
    f.count("A-01-01-A", "0100", 10);
    f.count("A-01-02-A", "0200", 1);
    JsonNode before = zone(json(f.get("/api/overview", cookie)), "A");

    HttpResponse<String> closed = f.post("/api/zones/A/close", "", l.headers());
    JsonNode after = zone(json(f.get("/api/overview", cookie)), "A");
    JsonNode zoneA = json(f.get("/api/zones/A", cookie));
    JsonNode recounts = json(f.get("/api/recounts", cookie));

    assertEquals(3, before.get("locations").asInt());
    assertEquals(0, before.get("counted").asInt());
    assertEquals(2, before.get("started").asInt());
    assertEquals(200, closed.statusCode(), closed.body());
    JsonNode c = json(closed);
    assertEquals(List.of("A-01-01-A", "A-01-02-A"), texts(c.get("closed")));
    assertEquals(1, c.get("missing").asInt());
    assertEquals(2, after.get("counted").asInt());
    assertEquals(2, after.get("recountsOpen").asInt(), "the variance and the line nobody counted");
    assertEquals("300.00", after.get("absValue").asText());
    JsonNode missing = null;
    for (JsonNode line : zoneA.get("lines")) {
      if (line.get("status").asText().equals("missing")) {
        missing = line;
      }
    }
    assertNotNull(missing, zoneA.toString());
    assertEquals("A-02-01-A", missing.get("location").asText());
    assertEquals("0300", missing.get("sku").asText());
    JsonNode task = recounts.get("tasks").get(0);
    assertEquals(2, recounts.get("tasks").size());
    JsonNode uncounted = recounts.get("tasks").get(1); // no value: last
    assertEquals("A-02-01-A", uncounted.get("location").asText());
    assertTrue(uncounted.get("reason").asText().startsWith("zone closed: "), uncounted.toString());
    assertTrue(uncounted.get("value").isNull(), uncounted.toString());
    assertEquals("missing", uncounted.get("lineStatus").asText(), "not counted: why no value");
    assertEquals("", uncounted.get("flags").asText(), "0300 has a cost: no missing_cost");
    assertEquals("A", task.get("zone").asText());
    assertEquals("01", task.get("aisle").asText());
    assertEquals("02", task.get("bay").asText());
    assertEquals("A", task.get("level").asText());
    assertEquals("0200", task.get("sku").asText());
    assertEquals(4, task.get("book").asInt());
    assertEquals(1, task.get("counted").asInt());
    assertEquals("-300.00", task.get("value").asText());
    assertTrue(task.get("canAccept").asBoolean());
    assertEquals("RECOUNT_REQUESTED", task.get("locationState").asText());
    assertTrue(task.get("canSendBack").asBoolean(), "a run's recount can be made the supervisor's");

    HttpResponse<String> resend = f.post("/api/tasks/" + task.get("id").asLong() + "/resend",
        "", l.headers());
    HttpResponse<String> accepted = f.post("/api/locations/A-01-02-A/accept",
        "{\"reason\":\"DAMAGED\",\"note\":\"3 broken, binned\"}", l.headers());
    HttpResponse<String> again = f.post("/api/locations/A-01-02-A/accept",
        "{\"reason\":\"DAMAGED\"}", l.headers());
    String adjustments = f.get("/api/reports/adjustments.csv", cookie).body();
    HttpResponse<String> recon = f.get("/api/reports/recon.csv", cookie);
    String tasks = f.get("/api/reports/recount_tasks.csv", cookie).body();
    List<ConsoleQueries.Action> actions = new ConsoleQueries(f.service.store()).actions(10);

    assertEquals(200, resend.statusCode(), resend.body());
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals("RESOLVED", json(accepted).get("state").asText());
    assertEquals(200, again.statusCode(), "accepted already: done, nothing journalled again");
    assertTrue(json(again).get("already").asBoolean(), again.body());
    assertEquals("zone,location,sku,book_qty,counted_qty,adjust_qty,unit_cost,adjust_value,"
        + "state,decided_by,note,decided_at,confirmed_by,confirmed_at",
        adjustments.lines().findFirst().orElseThrow());
    String adj = adjustments.lines().skip(1).findFirst().orElseThrow();
    assertTrue(adj.startsWith("A,A-01-02-A,0200,4,1,-3,100.00,-300.00,RESOLVED,maria,"
        + "\"accepted by maria: DAMAGED: 3 broken, binned\","), adj);
    assertEquals(2, adjustments.lines().count(), adjustments);
    assertEquals("text/csv; charset=UTF-8", recon.headers().firstValue("Content-Type")
        .orElse(""));
    assertTrue(recon.headers().firstValue("Content-Disposition").orElse("")
        .contains("recon.csv"));
    assertEquals("sku,location,zone,aisle,bay,level,book_qty,counted_qty,variance_qty,"
        + "variance_pct,unit_cost,variance_value,status,flags,recount",
        recon.body().lines().findFirst().orElseThrow(), "the columns of reconcile's recon.csv");
    assertTrue(recon.body().contains("0300,A-02-01-A,A,02,01,A,7,,,,"), recon.body());
    assertFalse(recon.body().contains("\r"), "LF line ends, as reconcile writes");
    assertEquals(recon.body(), f.get("/api/reports/recon.csv", cookie).body(),
        "same store, same bytes");
    assertTrue(tasks.lines().skip(1).anyMatch(t -> t.contains(",A-01-02-A,01,02,A,0200,0,")),
        tasks);
    assertEquals("ACCEPT", actions.get(1).action());
    assertEquals("DONE", actions.get(1).outcome());
    assertEquals("DAMAGED", actions.get(1).reason());
    assertEquals("maria", actions.get(1).who());
    assertEquals("SESSION", actions.get(1).via());
    assertEquals("ACCEPT", actions.get(0).action());
    assertEquals("DONE", actions.get(0).outcome(), "asked again: done already");
    assertTrue(actions.get(0).detail().contains("\"already\":true"), actions.get(0).detail());
    assertTrue(actions.stream().anyMatch(a -> a.action().equals("RESEND")
        && a.outcome().equals("DONE")));
    assertTrue(actions.stream().anyMatch(a -> a.action().equals("CLOSE_ZONE")
        && a.target().equals("A") && a.outcome().equals("DONE")));

    // The location nobody counted, settled by a supervisor, is past counting but not counted.
    HttpResponse<String> settled = f.post("/api/locations/A-02-01-A/accept",
        "{\"reason\":\"BOOK_ERROR\"}", l.headers());
    JsonNode progress = zone(json(f.get("/api/overview", cookie)), "A");
    assertEquals(200, settled.statusCode(), settled.body());
    assertEquals(2, progress.get("counted").asInt(), progress.toString());
  }

  @Test
  void recountQueue_taskOfASkuWithoutCost_flaggedMissingCostBesideItsLineStatus(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      g.count("B-01-01-A", "0100", 3);
      g.count("B-01-01-A", "0400", 2);

      HttpResponse<String> closed = g.post("/api/zones/B/close", "", l.headers());
      JsonNode tasks = json(g.get("/api/recounts", "Cookie", l.cookie())).get("tasks");

      assertEquals(200, closed.statusCode(), closed.body());
      assertEquals(1, tasks.size(), tasks.toString());
      JsonNode noCost = tasks.get(0);
      assertEquals("0400", noCost.get("sku").asText());
      assertTrue(noCost.get("value").isNull(), noCost.toString());
      assertEquals("unexpected", noCost.get("lineStatus").asText());
      assertEquals("missing_cost", noCost.get("flags").asText());
    }
  }

  @Test
  void zoneValues_noVarianceZero_noneValuedNull_partlyValuedWithTheLinesLeftOut(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("B-01-01-A", "0100", 3);
      JsonNode matched = json(g.post("/api/zones/B/close", "", l.headers()));
      JsonNode matchedRow = zone(json(g.get("/api/overview", cookie)), "B");
      g.count("B-01-02-A", "0400", 2); // off the book, and no cost
      JsonNode unpriced = json(g.post("/api/zones/B/close", "", l.headers()));
      g.count("A-01-01-A", "0100", 9); // 1 short of 10 at 5.00
      g.count("A-01-01-A", "0400", 1);
      JsonNode partly = json(g.post("/api/zones/A/close", "", l.headers()));
      JsonNode overview = json(g.get("/api/overview", cookie));

      assertValues(matched, "0.00", "0.00", 0);
      assertValues(matchedRow, "0.00", "0.00", 0);
      assertValues(unpriced, null, null, 1);
      assertValues(zone(overview, "B"), null, null, 1);
      assertTrue(zone(overview, "B").get("lastRun").isTextual(), "a run, of unknown value");
      assertValues(partly, "-5.00", "5.00", 1);
      assertValues(zone(overview, "A"), "-5.00", "5.00", 1);
      List<JsonNode> history = new java.util.ArrayList<>();
      overview.get("history").forEach(history::add);
      assertEquals(List.of("0.00", "null", "5.00"), history.stream()
          .map(h -> h.get("absValue").isNull() ? "null" : h.get("absValue").asText()).toList());
    }
  }

  private static void assertValues(JsonNode z, String net, String abs, int withoutValue) {
    assertEquals(net, z.get("netValue").isNull() ? null : z.get("netValue").asText(),
        z::toString);
    assertEquals(abs, z.get("absValue").isNull() ? null : z.get("absValue").asText(),
        z::toString);
    assertEquals(withoutValue, z.get("linesWithoutValue").asInt(), z::toString);
  }

  @Test
  void closeZoneTwice_locationsWaitingForRecountNotClosedAgainNorEscalated(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      closeZoneTwice(g);
    }
  }

  private static void closeZoneTwice(ConsoleFixture g) throws Exception {
    Login l = login(g);
    String[] cookie = {"Cookie", l.cookie()};
    g.count("A-01-01-A", "0100", 10);
    g.count("A-01-02-A", "0200", 1);
    HttpResponse<String> first = g.post("/api/zones/A/close", "", l.headers());
    JsonNode tasksAfterFirst = json(g.get("/api/recounts", cookie)).get("tasks");

    HttpResponse<String> second = g.post("/api/zones/A/close", "", l.headers());
    JsonNode tasksAfterSecond = json(g.get("/api/recounts", cookie)).get("tasks");

    assertEquals(200, first.statusCode(), first.body());
    assertEquals(200, second.statusCode(), second.body());
    assertEquals(List.of(), texts(json(second).get("closed")),
        "A-01-02-A waits for its recount: its first-round counts do not close it again");
    assertEquals(tasksAfterFirst.size(), tasksAfterSecond.size(), tasksAfterSecond.toString());
    for (JsonNode t : tasksAfterSecond) {
      assertFalse(t.get("reason").asText().startsWith("supervisor:"), t.toString());
    }
  }

  @Test
  void acceptLocation_itsTaskLeavesTheRecountQueueAtOnce(@TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers());
      assertTrue(json(g.get("/api/recounts", cookie)).get("tasks").toString()
          .contains("A-01-02-A"));

      HttpResponse<String> accepted = g.post("/api/locations/A-01-02-A/accept",
          "{\"reason\":\"DAMAGED\"}", l.headers());

      assertEquals(200, accepted.statusCode(), accepted.body());
      // No run in between (the cycle is an hour): the accept itself closes the task.
      long deadline = System.nanoTime() + 5_000_000_000L;
      String queue = json(g.get("/api/recounts", cookie)).get("tasks").toString();
      while (queue.contains("A-01-02-A") && System.nanoTime() < deadline) {
        Thread.sleep(50);
        queue = json(g.get("/api/recounts", cookie)).get("tasks").toString();
      }
      assertFalse(queue.contains("A-01-02-A"), queue);
    }
  }

  @Test
  void databaseRestoredFromBackupAtStart_shownOnTheOverviewAndAlerted(@TempDir Path own)
      throws Exception {
    String backup;
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      g.count("A-01-01-A", "0100", 10);
      backup = g.service.store().backup().getFileName().toString();
    }
    byte[] garbage = new byte[8192];
    java.util.Arrays.fill(garbage, (byte) 0x5a);
    java.nio.file.Files.write(own.resolve("dockcount.mv.db"), garbage);

    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      JsonNode store = json(g.get("/api/overview", "Cookie", l.cookie())).get("store");

      assertTrue(store.get("restoredFrom").asText().startsWith(backup + " (taken 20"),
          store.get("restoredFrom").asText());
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:"
              + own.resolve("dockcount").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT message FROM "
              + "notification_outbox WHERE kind = 'STORE_RESTORED'")) {
        assertTrue(rs.next(), "the supervisors are told");
        assertTrue(rs.getString(1).contains("restored from backup " + backup), rs.getString(1));
      }
    }
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      assertTrue(json(g.get("/api/overview", "Cookie", l.cookie())).get("store")
          .get("restoredFrom").isNull(), "said for the start that restored only");
    }
  }

  @Test
  void wmsLink_eachSourcesLastOutcomeOnTheOverview_aRefusedFileSaidAsAProblem(@TempDir Path own)
      throws Exception {
    Path inbox = java.nio.file.Files.createDirectories(own.resolve("inbox"));
    java.nio.file.Files.writeString(inbox.resolve("book-1.csv"),
        "sku,location,book_qty\n0100,B-01-01-A,1.5\n");
    java.nio.file.Files.createFile(inbox.resolve("book-1.csv.done"));
    com.typesafe.config.Config wmsConfig = com.typesafe.config.ConfigFactory.parseMap(
        java.util.Map.of("dockcount.wms.file-drop.inbox", inbox.toString(),
            "dockcount.wms.file-drop.poll-interval", "100ms"));
    try (ConsoleFixture g = new ConsoleFixture(own, "{}", wmsConfig)) {
      Login l = login(g);
      JsonNode wmsNode = overviewWhen(g, new String[] {"Cookie", l.cookie()},
          o -> o.get("wms") != null && !o.get("wms").isNull()
              && o.get("wms").get("sources").size() > 0).get("wms");

      JsonNode drop = wmsNode.get("sources").get(0);
      assertEquals("file drop", drop.get("source").asText());
      assertEquals("Rejected", drop.get("outcome").asText());
      assertFalse(drop.get("ok").asBoolean());
      assertTrue(drop.get("detail").asText().startsWith("refused, the book in force kept (1 "
          + "problem; first: book-1.csv: line 2: book_qty '1.5'"), drop.toString());
    }
    try (ConsoleFixture g = new ConsoleFixture(own.resolve("plain"), "{}")) {
      Login l = login(g);
      assertTrue(json(g.get("/api/overview", "Cookie", l.cookie())).get("wms").isNull(),
          "no WMS configured: none shown");
    }
  }

  @Test
  void zoneProgress_offBookLocationClosedEmpty_notCounted_offBookStockFound_counted(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.closeLocation("A-09-09-a"); // a mistyped label, opened and closed with nothing
      g.count("A-09-09-B", "0100", 2); // stock found where the book has none
      g.closeLocation("A-09-09-B");

      JsonNode a = zone(json(g.get("/api/overview", cookie)), "A");

      assertEquals(4, a.get("locations").asInt(), "the 3 on the book and the one with stock");
      assertEquals(1, a.get("counted").asInt());
      // Named as the zone page names them: the book's 3, nothing scanned yet, are not OPEN.
      assertEquals("{\"NOT_STARTED\":3,\"CLOSED\":1}", a.get("states").toString());
    }
  }

  @Test
  void zoneProgress_countsTheLocationsOfTheBookInForceNotOnlyTheStartUpOnes(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      assertEquals(1, zone(json(g.get("/api/overview", cookie)), "B").get("locations").asInt());

      // The WMS's book for zone B has two more locations than the start-up book.
      io.dockcount.store.MasterData wms = ConsoleFixture.MASTER.withBook(List.of(
          new io.dockcount.store.MasterData.BookLine("B-01-01-A", "0100", "", 3),
          new io.dockcount.store.MasterData.BookLine("B-01-02-A", "0200", "", 1),
          new io.dockcount.store.MasterData.BookLine("B-01-03-A", "0300", "", 5)));
      g.service.router().tell(new io.dockcount.zone.ZoneRouter.BookUpdated(999_998L, wms,
          java.util.Set.of("B")));
      int locations = zone(overviewWhen(g, cookie,
          o -> zone(o, "B").get("locations").asInt() == 3), "B").get("locations").asInt();

      assertEquals(3, locations);
      assertEquals(3, json(g.get("/api/zones/B", cookie)).get("locations").size());
    }
  }

  @Test
  void adjustments_keepTheFiguresTheSupervisorAccepted_whenTheBookChangesLater(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.closeLocation("B-01-01-A"); // found empty: book 3 of 0100 counts as 0
      g.post("/api/zones/B/close", "", l.headers());
      assertEquals(200, g.post("/api/locations/B-01-01-A/accept",
          "{\"reason\":\"DAMAGED\"}", l.headers()).statusCode());
      String before = g.get("/api/reports/adjustments.csv", cookie).body();

      // A new book says 2, not 3; the zone reconciles with it.
      io.dockcount.store.MasterData moved = ConsoleFixture.MASTER.withBook(List.of(
          new io.dockcount.store.MasterData.BookLine("B-01-01-A", "0100", "", 2)));
      g.service.router().tell(new io.dockcount.zone.ZoneRouter.BookUpdated(999_999L, moved,
          java.util.Set.of("B")));
      g.post("/api/zones/B/close", "", l.headers());
      String after = g.get("/api/reports/adjustments.csv", cookie).body();

      assertTrue(before.contains("B,B-01-01-A,0100,3,0,-3,5.00,-15.00,RESOLVED,maria,"),
          before);
      assertEquals(before, after, "what was accepted stays what is reported");

      // Inventory control confirms: the figures and the supervisor's reason stay, who
      // confirmed is added.
      assertEquals(200, g.post("/api/locations/B-01-01-A/confirm", "", l.headers())
          .statusCode());
      String confirmed = g.get("/api/reports/adjustments.csv", cookie).body();
      assertTrue(confirmed.contains("B,B-01-01-A,0100,3,0,-3,5.00,-15.00,CONFIRMED,maria,"
          + "accepted by maria: DAMAGED,"), confirmed);
      assertTrue(confirmed.lines().skip(1).allMatch(r -> r.contains(",maria,20")),
          "confirmed_by and its time: " + confirmed);
    }
  }

  /** The last row of B-01-01-A in a report (its latest task), or "" when it has none. */
  private static String rowOfB(String report) {
    return report.lines().filter(r -> r.contains(",B-01-01-A,")).reduce("", (a, b) -> b);
  }

  /** Brings a book of {@code eaches} of 0100 at B-01-01-A in force, stored as a WMS's is. */
  private static void bookOfB(ConsoleFixture g, long eaches) {
    io.dockcount.store.MasterData book = ConsoleFixture.MASTER.withBook(List.of(
        new io.dockcount.store.MasterData.BookLine("B-01-01-A", "0100", "", eaches)));
    long id = g.service.store().saveMasterData(book, "book " + eaches, "h-" + eaches);
    g.service.router().tell(new io.dockcount.zone.ZoneRouter.BookUpdated(id, book,
        java.util.Set.of("B")));
  }

  /**
   * Accepts B-01-01-A (back to decide on the book in force, -{@code short} against it), then
   * confirms it and reconciles: the adjustments report, the zone's line and the WMS export
   * must all show what was posted, {@code row} (book, counted, variance, cost and value).
   */
  private static void acceptedAgainAndConfirmed_allAgree(ConsoleFixture g, Login l,
      String row, long variance) throws Exception {
    String[] cookie = {"Cookie", l.cookie()};
    assertEquals(200, g.post("/api/locations/B-01-01-A/accept", "{\"reason\":\"BOOK_ERROR\"}",
        l.headers()).statusCode());
    String accepted = g.get("/api/reports/adjustments.csv", cookie).body();
    assertEquals(200, g.post("/api/locations/B-01-01-A/confirm", "", l.headers())
        .statusCode());
    g.post("/api/zones/B/close", "", l.headers()); // a run after the confirmation
    String confirmed = g.get("/api/reports/adjustments.csv", cookie).body();
    String line = rowOfB(g.get("/api/reports/recon.csv", cookie).body());
    List<io.dockcount.store.WmsLedger.Outgoing> exported =
        new io.dockcount.store.WmsLedger(g.service.store()).pendingAdjustments();

    assertTrue(rowOfB(accepted).startsWith("B,B-01-01-A,0100," + row + ",RESOLVED,maria,"
        + "accepted by maria: BOOK_ERROR,"), accepted);
    assertTrue(rowOfB(confirmed).startsWith("B,B-01-01-A,0100," + row + ",CONFIRMED,maria,"
        + "accepted by maria: BOOK_ERROR,"), confirmed);
    String[] f = row.split(",");
    assertTrue(line.startsWith("0100,B-01-01-A,B,01,01,A," + f[0] + "," + f[1] + "," + f[2]
        + ","), line);
    assertTrue(line.contains("," + f[3] + "," + f[4] + ",short,book_changed,\"accepted on "
        + "the book as it now stands, which changed under the count ("), line);
    assertEquals(1, exported.size(), exported::toString);
    assertEquals(Long.valueOf(variance), exported.get(0).variance(), exported::toString);
    assertEquals(f[4], exported.get(0).varianceValue().toPlainString(), exported::toString);
  }

  @Test
  void acceptedOnItsCount_bookChanges_acceptedAgainAndConfirmed_adjustmentsLineAndExportAgree(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("B-01-01-A", "0100", 1); // 1 of 3
      g.closeLocation("B-01-01-A");
      g.post("/api/zones/B/close", "", l.headers()); // 2 short: to recount (round 1, the last)
      assertEquals(200, g.post("/api/locations/B-01-01-A/accept",
          "{\"reason\":\"COUNT_ERROR\"}", l.headers()).statusCode());
      String first = g.get("/api/reports/adjustments.csv", cookie).body();
      bookOfB(g, 2);
      g.post("/api/zones/B/close", "", l.headers()); // back to decide: -1 against the book now
      String queue = g.get("/api/reports/recount_tasks.csv", cookie).body();

      assertTrue(rowOfB(first).startsWith("B,B-01-01-A,0100,3,1,-2,5.00,-10.00,RESOLVED,"),
          first);
      assertTrue(rowOfB(queue).contains("accept it again: the variance against the book as it "
          + "now stands, -1 EA, is posted"), queue);
      acceptedAgainAndConfirmed_allAgree(g, l, "2,1,-1,5.00,-5.00", -1);
    }
  }

  @Test
  void recountMatchedTheBookAsItWas_bookChangedBeforeItsClose_acceptedAndConfirmed_allAgree(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("B-01-01-A", "0100", 1); // 1 of 3
      g.closeLocation("B-01-01-A");
      g.post("/api/zones/B/close", "", l.headers()); // 2 short: to recount (round 1, the last)
      g.count("B-01-01-A", "0100", 3); // the recount finds the book as it is
      bookOfB(g, 5); // and the book changes before its counter closes it
      g.closeLocation("B-01-01-A");
      g.post("/api/zones/B/close", "", l.headers());
      String queue = g.get("/api/reports/recount_tasks.csv", cookie).body();

      assertTrue(rowOfB(queue).contains("the recount matched the book as it was when counted (3 "
          + "EA), but the book changed under it (5 EA now)"), queue);
      acceptedAgainAndConfirmed_allAgree(g, l, "5,3,-2,5.00,-10.00", -2);
    }
  }

  @Test
  void sendBack_putsTheLocationOnTheRecountQueueUntilItsRecountMatches(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers());
      g.post("/api/locations/A-01-02-A/accept", "{\"reason\":\"DAMAGED\"}", l.headers());
      waitForQueue(g, cookie, q -> !q.contains("A-01-02-A"));

      HttpResponse<String> back = g.post("/api/locations/A-01-02-A/send-back",
          "{\"reason\":\"COUNT_ERROR\"}", l.headers());

      assertEquals(200, back.statusCode(), back.body());
      String queued = waitForQueue(g, cookie, q -> q.contains("A-01-02-A"));
      assertTrue(queued.contains("sent back by a supervisor: "), queued);
      // The recount finds the 4 the book has: the task is done.
      g.count("A-01-02-A", "0200", 4);
      g.closeLocation("A-01-02-A");
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> !q.contains("A-01-02-A"));
    }
  }

  @Test
  void sendBackOfARecountTheRunAsked_recordedAsTheSupervisors_onlyItsRepeatIsAlready(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers()); // 3 short: the run asks recount 1
      String back = "{\"reason\":\"COUNT_ERROR\"}";
      long before = g.service.store().counts().get("location_event");

      HttpResponse<String> sent = g.post("/api/locations/A-01-02-A/send-back", back,
          l.headers());
      long after = g.service.store().counts().get("location_event");
      HttpResponse<String> again = g.post("/api/locations/A-01-02-A/send-back", back,
          l.headers());

      assertEquals(200, sent.statusCode(), sent.body());
      assertFalse(json(sent).get("already").asBoolean(), sent.body());
      assertEquals("RECOUNT_REQUESTED", json(sent).get("state").asText());
      assertEquals(1, json(sent).get("round").asInt(), "the recount the run asked, not another");
      assertTrue(json(sent).get("note").asText().startsWith("recorded: recount 1"),
          sent.body());
      assertEquals(before + 1, after, "journalled, under the supervisor's name");
      assertEquals(200, again.statusCode(), again.body());
      assertTrue(json(again).get("already").asBoolean(), again.body());
      assertEquals(after, g.service.store().counts().get("location_event"),
          "the repeat journals nothing");
      JsonNode task = json(g.get("/api/recounts", "Cookie", l.cookie())).get("tasks").get(0);
      assertEquals("RECOUNT_REQUESTED", task.get("locationState").asText(), task.toString());
      assertFalse(task.get("canSendBack").asBoolean(), "the supervisor's now: not offered again");
    }
  }

  @Test
  void locationMovesAskedAgain_doneOnceSayingSo_aConfirmedOneRefusedForGood(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers()); // 3 short: waits for its recount
      String accept = "{\"reason\":\"DAMAGED\"}";
      String back = "{\"reason\":\"COUNT_ERROR\"}";
      String at = "/api/locations/A-01-02-A/";

      List<HttpResponse<String>> moves = new ArrayList<>();
      List<Long> events = new ArrayList<>();
      for (String[] move : new String[][] {{"accept", accept}, {"accept", accept},
          {"send-back", back}, {"send-back", back}, {"accept", accept}, {"confirm", ""},
          {"confirm", ""}}) {
        moves.add(g.post(at + move[0], move[1], l.headers()));
        events.add(g.service.store().counts().get("location_event"));
      }
      HttpResponse<String> backOfConfirmed = g.post(at + "send-back", back, l.headers());
      HttpResponse<String> acceptOfConfirmed = g.post(at + "accept", accept, l.headers());
      HttpResponse<String> typo = g.post("/api/locations/A-09-09-Z/confirm", "", l.headers());

      for (int i = 0; i < moves.size(); i++) {
        assertEquals(200, moves.get(i).statusCode(), moves.get(i).body());
        boolean repeat = i == 1 || i == 3 || i == 6;
        assertEquals(repeat, json(moves.get(i)).get("already").asBoolean(),
            moves.get(i).body());
        if (i > 0) {
          assertEquals(events.get(i - 1) + (repeat ? 0 : 1), events.get(i),
              "journalled once per move made: " + i);
        }
      }
      assertEquals("RECOUNT_REQUESTED", json(moves.get(3)).get("state").asText());
      assertTrue(json(moves.get(3)).get("note").asText().startsWith("already waiting for "
          + "recount 2"), moves.get(3).body());
      assertEquals("CONFIRMED", json(moves.get(6)).get("state").asText());
      assertEquals("already confirmed: nothing done again",
          json(moves.get(6)).get("note").asText());
      // Confirmed is final: refused for good (422), not "try later" (409).
      assertEquals(422, backOfConfirmed.statusCode(), backOfConfirmed.body());
      assertEquals("location A-01-02-A is confirmed (final): it cannot be sent back for a "
          + "recount, now or later", json(backOfConfirmed).get("error").asText());
      assertEquals(422, acceptOfConfirmed.statusCode(), acceptOfConfirmed.body());
      assertEquals(404, typo.statusCode(), typo.body());
      assertEquals(events.get(events.size() - 1),
          g.service.store().counts().get("location_event"), "refusals journal nothing");
    }
  }

  @Test
  void sendBack_ofAVarianceThatStoodThroughItsRecount_newRecountTaskAndTheDecisionClosed(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("A-01-02-A"));
      g.count("A-01-02-A", "0200", 1); // the recount finds 1 again: the variance stands
      g.closeLocation("A-01-02-A");
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("variance stands after 1 recount"));

      HttpResponse<String> back = g.post("/api/locations/A-01-02-A/send-back",
          "{\"reason\":\"COUNT_ERROR\"}", l.headers());

      assertEquals(200, back.statusCode(), back.body());
      String queued = waitForQueue(g, cookie, q -> q.contains("sent back by a supervisor: "));
      assertFalse(queued.contains("variance stands"), "the decision the send-back made: "
          + queued);
      String db = g.service.store().settings().path().toAbsolutePath().toString();
      try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + db
          + ";DB_CLOSE_ON_EXIT=FALSE", "sa", ""); var st = c.createStatement();
          var rs = st.executeQuery("SELECT COUNT(*) FROM notification_outbox WHERE message "
              + "LIKE '%sent back by a supervisor%'")) {
        rs.next();
        assertEquals(1, rs.getLong(1), "the send-back's recount is announced at once");
      }
    }
  }

  @Test
  void closeZone_leavesARecountUnderWayAndACountAtAStationOpen_theirCountersCloseThem(
      @TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1); // 4 on book: recounted
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("A-01-02-A"));
      g.count("A-01-02-A", "0200", 1); // the recount's first scan, at DOCK-1
      g.count("A-01-01-A", "0100", 4); // a first count under way at DOCK-2 (10 on book)
      g.live.put("DOCK-1", new StationStatus.Live(true, null, "ana", "A-01-02-A"));
      g.live.put("DOCK-2", new StationStatus.Live(true, null, "bo", "A-01-01-A"));

      JsonNode c = json(g.post("/api/zones/A/close", "", l.headers()));

      assertEquals(List.of(), texts(c.get("closed")), c.toString());
      JsonNode still = c.get("stillCounting");
      assertEquals(2, still.size(), c.toString());
      assertEquals("A-01-01-A", still.get(0).get("location").asText());
      assertEquals("being counted (1 count) at DOCK-2: left open; its counter's close "
          + "(CTL:CLOSE) closes it", still.get(0).get("why").asText());
      assertEquals("A-01-02-A", still.get(1).get("location").asText());
      assertEquals("recount 1 under way (1 count) at DOCK-1: left open; its counter's "
          + "close (CTL:CLOSE) closes it", still.get(1).get("why").asText());
      String states = json(g.get("/api/zones/A", cookie)).get("locations").toString();
      // A-01-01-A: not counted when the zone first closed, being counted now: not closed.
      assertTrue(states.contains("\"location\":\"A-01-01-A\",\"aisle\":\"01\",\"bay\":\"01\","
          + "\"level\":\"A\",\"state\":\"NOT_COUNTED\""), states);
      assertTrue(states.contains("\"state\":\"RECOUNT_REQUESTED\""), states);

      // Their counters go on (refused before: the close cut them), then close them.
      g.count("A-01-02-A", "0200", 3);
      g.count("A-01-01-A", "0100", 6);
      g.closeLocation("A-01-02-A");
      g.closeLocation("A-01-01-A");
      g.live.clear();
      g.post("/api/zones/A/close", "", l.headers());
      String queue = waitForQueue(g, cookie, q -> !q.contains("A-01-02-A"));
      assertFalse(queue.contains("A-01-01-A"), "counted 10 of 10: " + queue);
      String lines = json(g.get("/api/zones/A", cookie)).get("lines").toString();
      assertFalse(lines.contains("counted_zero"), lines);
    }
  }

  @Test
  void zonePage_recountUnderWay_countsAreTheRecountsOwn_theEarlierRoundsApart(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1);
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("A-01-02-A")); // 2 of 4 pumps: recounted
      JsonNode waiting = location(json(g.get("/api/zones/A", cookie)), "A-01-02-A");
      int underWayBefore = zone(json(g.get("/api/overview", cookie)), "A")
          .get("recountsUnderWay").asInt();

      g.count("A-01-02-A", "0200", 4); // the recount's first scan
      JsonNode recounting = location(json(g.get("/api/zones/A", cookie)), "A-01-02-A");
      int underWay = zone(json(g.get("/api/overview", cookie)), "A").get("recountsUnderWay")
          .asInt();

      assertEquals(0, waiting.get("counts").asInt(), waiting.toString());
      assertEquals(2, waiting.get("earlierCounts").asInt(), waiting.toString());
      assertFalse(waiting.get("recountUnderWay").asBoolean(), "nobody has begun it: " + waiting);
      assertEquals(1, recounting.get("round").asInt(), recounting.toString());
      assertEquals(1, recounting.get("counts").asInt(), "the recount's own: " + recounting);
      assertEquals(2, recounting.get("earlierCounts").asInt(), recounting.toString());
      assertTrue(recounting.get("recountUnderWay").asBoolean(), recounting.toString());
      assertEquals(0, underWayBefore, "the overview's zone: none under way yet");
      assertEquals(1, underWay, "the overview's zone: its lines there are provisional");
    }
  }

  @Test
  void zonePage_namesTheBookSnapshotItsLatestRunWasReconciledAgainst_andWhen(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      JsonNode before = json(g.get("/api/zones/B", cookie));
      g.count("B-01-01-A", "0100", 3);
      g.post("/api/zones/B/close", "", l.headers());

      JsonNode after = json(g.get("/api/zones/B", cookie));

      assertTrue(before.get("lastRun").isNull(), before.toString());
      assertEquals("console test book", before.get("book").get("source").asText(),
          before.toString());
      assertFalse(after.get("lastRun").isNull(), after.toString());
      assertEquals(after.get("book").get("id").asLong(),
          after.get("lastRunSnapshot").get("id").asLong(), after.toString());
      assertEquals("console test book", after.get("lastRunSnapshot").get("source").asText());
    }
  }

  private static JsonNode location(JsonNode zonePage, String location) {
    for (JsonNode n : zonePage.get("locations")) {
      if (n.get("location").asText().equals(location)) {
        return n;
      }
    }
    throw new AssertionError("no " + location + " in " + zonePage);
  }

  @Test
  void closeZone_aRecountUnderWayNoStationHasOpen_leftOpenAndSaidSo(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 1);
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("A-01-02-A"));
      g.count("A-01-02-A", "0200", 1); // the recount begun, its counter logged out since
      g.count("A-01-01-A", "0100", 4); // a first count nobody has open: closed

      JsonNode c = json(g.post("/api/zones/A/close", "", l.headers()));

      assertEquals(List.of("A-01-01-A"), texts(c.get("closed")), c.toString());
      assertEquals("recount 1 under way (1 count), no station has it open now: left "
          + "open; its counter's close (CTL:CLOSE) closes it",
          c.get("stillCounting").get(0).get("why").asText(), c.toString());
      g.count("A-01-02-A", "0200", 3); // taken: the recount is still open
    }
  }

  @Test
  void recountLeavingOutASkuTheFirstCountMatched_notSaidToStand(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-02-A", "0200", 4); // matches the book
      g.count("A-01-02-A", "0300", 1); // not on book here: the location goes to recount
      g.post("/api/zones/A/close", "", l.headers());
      waitForQueue(g, cookie, q -> q.contains("0300"));
      g.count("A-01-02-A", "0300", 1); // the recount finds 0300 again and skips 0200
      g.closeLocation("A-01-02-A");
      g.post("/api/zones/A/close", "", l.headers());

      String queue = waitForQueue(g, cookie, q -> q.contains("recount found a difference"));
      assertTrue(queue.contains("the recount found a difference the count before did not"),
          queue);
      assertTrue(queue.contains("variance stands after 1 recount"), "0300 did stand: " + queue);
    }
  }

  private static String waitForQueue(ConsoleFixture g, String[] cookie,
      java.util.function.Predicate<String> until) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String queue = json(g.get("/api/recounts", cookie)).get("tasks").toString();
    while (!until.test(queue) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      queue = json(g.get("/api/recounts", cookie)).get("tasks").toString();
    }
    assertTrue(until.test(queue), queue);
    return queue;
  }

  @Test
  void zonePage_answerThePageHas_304WithoutBody_untilSomethingChanges() throws Exception {
    String[] token = {"Authorization", "Bearer " + ConsoleFixture.TOKEN};
    HttpResponse<String> first = f.get("/api/zones/B", token);
    String tag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = f.get("/api/zones/B", token[0], token[1], "If-None-Match", tag);
    for (int i = 0; i < 20 && again.statusCode() == 200; i++) { // a cycle ran in between
      tag = again.headers().firstValue("ETag").orElseThrow();
      again = f.get("/api/zones/B", token[0], token[1], "If-None-Match", tag);
    }

    f.count("B-01-01-A", "0100", 2);
    HttpResponse<String> changed = f.get("/api/zones/B", token[0], token[1], "If-None-Match", tag);
    for (int i = 0; i < 100 && changed.statusCode() == 304; i++) { // the count is on its way
      Thread.sleep(50);
      changed = f.get("/api/zones/B", token[0], token[1], "If-None-Match", tag);
    }
    // The overview carries the time of the answer ("now"), which alone changes no tag.
    HttpResponse<String> overview = f.get("/api/overview", token);
    HttpResponse<String> overviewAgain = f.get("/api/overview", token[0], token[1],
        "If-None-Match", overview.headers().firstValue("ETag").orElseThrow());
    for (int i = 0; i < 20 && overviewAgain.statusCode() == 200; i++) { // something did change
      overview = overviewAgain;
      overviewAgain = f.get("/api/overview", token[0], token[1], "If-None-Match",
          overview.headers().firstValue("ETag").orElseThrow());
    }

    assertEquals(200, first.statusCode());
    assertTrue(tag.matches("\"[0-9a-f]{32}\""), tag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(tag, again.headers().firstValue("ETag").orElseThrow());
    assertEquals(200, changed.statusCode());
    assertFalse(changed.headers().firstValue("ETag").orElseThrow().equals(tag));
    assertTrue(changed.body().contains("B-01-01-A"), changed.body());
    assertEquals(304, overviewAgain.statusCode());
    // An unknown zone's 404 carries no tag: there is nothing to keep.
    assertTrue(f.get("/api/zones/NOPE", token).headers().firstValue("ETag").isEmpty());
    // A browser asks for gzip, and gets it.
    HttpResponse<String> gzipped = f.get("/api/zones/B", token[0], token[1], "Accept-Encoding",
        "gzip");
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
  }

  @Test
  void stations_aScanTheStoreCouldNotTake_countsAsActivity_withWhoAndWhere() throws Exception {
    String[] token = {"Authorization", "Bearer " + ConsoleFixture.TOKEN};
    // DOCK-9 read a scan just now that nothing stored (a full disk): the journal has none.
    f.live.put("DOCK-9", new StationStatus.Live(true, java.time.Instant.now(), "E042",
        "A-01-02-B"));
    f.live.put("DOCK-8", new StationStatus.Live(false, null, "", ""));
    try {
      JsonNode stations = json(f.get("/api/stations", token));

      JsonNode nine = null;
      JsonNode eight = null;
      for (JsonNode s : stations) {
        nine = s.get("station").asText().equals("DOCK-9") ? s : nine;
        eight = s.get("station").asText().equals("DOCK-8") ? s : eight;
      }
      assertEquals(0, nine.get("scans").asInt());
      assertFalse(nine.get("quiet").asBoolean(), nine.toString());
      assertFalse(nine.get("lastScan").isNull());
      assertEquals("E042", nine.get("counter").asText());
      assertEquals("A-01-02-B", nine.get("location").asText());
      assertTrue(nine.get("connected").asBoolean());
      assertTrue(eight.get("lastScan").isNull());
      assertTrue(eight.get("quiet").asBoolean());
      assertFalse(eight.get("connected").asBoolean());
    } finally {
      f.live.clear();
    }
  }

  @Test
  void acceptANeverCountedLocation_saysNothingIsPosted(@TempDir Path own) throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      g.count("A-01-01-A", "0100", 3);
      String before = g.get("/api/zones/A", "Cookie", l.cookie()).body();
      g.post("/api/zones/A/close", "", l.headers()); // the others of zone A never counted
      JsonNode zone = json(g.get("/api/zones/A", "Cookie", l.cookie()));
      String never = null;
      for (JsonNode loc : zone.get("locations")) {
        never = loc.get("state").asText().equals("NOT_COUNTED") ? loc.get("location").asText()
            : never;
      }
      String counted = "A-01-01-A";

      JsonNode neverAccepted = json(g.post("/api/locations/" + never + "/accept",
          "{\"reason\":\"BOOK_ERROR\"}", l.headers()));
      JsonNode countedAccepted = json(g.post("/api/locations/" + counted + "/accept",
          "{\"reason\":\"DAMAGED\"}", l.headers()));

      assertEquals("never counted: nothing is posted to the WMS for it (not counted is not "
          + "counted zero); to post a loss, count it (found empty counts zero)",
          neverAccepted.get("note").asText(), neverAccepted.toString());
      assertTrue(countedAccepted.get("note").isNull(), countedAccepted.toString());
      // Before the close, a location nobody scanned at is not started, not "open".
      assertTrue(before.contains("\"location\":\"A-02-01-A\",\"aisle\":\"02\",\"bay\":\"01\","
          + "\"level\":\"A\",\"state\":\"NOT_STARTED\""), before);
    }
  }

  @Test
  void taskThatTookALaterCountsFigures_keepsItsEarlierOnesAndWhenItWasCreated(@TempDir Path own)
      throws Exception {
    try (ConsoleFixture g = new ConsoleFixture(own, "{}")) {
      Login l = login(g);
      String[] cookie = {"Cookie", l.cookie()};
      g.count("A-01-01-A", "0100", 10);
      g.post("/api/zones/A/close", "", l.headers()); // A-02-01-A: 7 on book, nobody counted
      String before = g.get("/api/reports/recount_tasks.csv", cookie).body();
      // Counted after all, 5 of 7: the task takes the count's figures.
      g.count("A-02-01-A", "0300", 5);
      g.closeLocation("A-02-01-A");
      g.post("/api/zones/A/close", "", l.headers());

      String after = g.get("/api/reports/recount_tasks.csv", cookie).body();
      String row = after.lines().filter(r -> r.contains(",A-02-01-A,")).findFirst()
          .orElseThrow();
      String created = before.lines().filter(r -> r.contains(",A-02-01-A,")).findFirst()
          .orElseThrow().split(",")[14];

      assertTrue(after.lines().findFirst().orElseThrow().endsWith(",created,earlier_figures"));
      assertTrue(row.contains(",-2,-2.00,"), row);
      assertEquals(created, row.split(",")[14], "created when the task was, not re-dated");
      assertTrue(row.matches(".*,\"?run [0-9]+: not counted: zone closed: .*"), row);
    }
  }

  @Test
  void ages_inTheirShownPrecision_soAnUnchangedPageKeepsItsTagForAMinute() {
    assertEquals(59, ConsoleBackend.shownAge(java.time.Duration.ofSeconds(59)));
    assertEquals(60, ConsoleBackend.shownAge(java.time.Duration.ofSeconds(60)));
    assertEquals(60, ConsoleBackend.shownAge(java.time.Duration.ofSeconds(119)));
    assertEquals(3_660, ConsoleBackend.shownAge(java.time.Duration.ofSeconds(3_719)));
  }

  @Test
  void stationsAndActions_listed() throws Exception {
    String[] token = {"Authorization", "Bearer " + ConsoleFixture.TOKEN};
    f.count("B-01-01-A", "0100", 2);

    JsonNode stations = json(f.get("/api/stations", token));
    JsonNode actions = json(f.get("/api/actions", token));
    JsonNode overview = json(f.get("/api/overview", token));

    JsonNode dock = stations.get(0);
    assertEquals("DOCK-1", dock.get("station").asText());
    assertTrue(dock.get("perMinute").asInt() >= 1);
    assertFalse(dock.get("quiet").asBoolean());
    assertTrue(dock.get("connected").isNull(), "unknown until the station wiring answers");
    assertTrue(actions.isArray());
    assertEquals("console test book", overview.get("snapshot").get("source").asText());
    assertEquals(4, overview.get("snapshot").get("lines").asInt());
    assertEquals(List.of("A", "B"), texts(overview.get("zones"), "zone"));
  }

  /**
   * Reads the overview until {@code ready} holds of it (the service catches up in the
   * background), for at most 10 s; returns the last one read.
   */
  private static JsonNode overviewWhen(ConsoleFixture g, String[] cookie,
      java.util.function.Predicate<JsonNode> ready) throws Exception {
    JsonNode o = json(g.get("/api/overview", cookie));
    for (int i = 0; i < 100 && !ready.test(o); i++) {
      Thread.sleep(100);
      o = json(g.get("/api/overview", cookie));
    }
    return o;
  }

  private static JsonNode zone(JsonNode overview, String name) {
    for (JsonNode z : overview.get("zones")) {
      if (z.get("zone").asText().equals(name)) {
        return z;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }
}
