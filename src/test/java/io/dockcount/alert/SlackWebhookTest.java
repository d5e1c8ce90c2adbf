package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.AlertOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slack incoming-webhook client against a local server. */
final class SlackWebhookTest {
  private LocalHttp http;

  @BeforeEach
  void start() throws Exception {
    http = new LocalHttp();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private static AlertOutbox.Delivery message(String body) {
    return new AlertOutbox.Delivery(1, "slack", "slack", "HIGH_VALUE", "A", body, 0);
  }

  private SlackWebhook slack() {
    return new SlackWebhook(AlertTestConfig.local(http, "").slack(), AlertTestConfig.env(http));
  }

  @Test
  void send_postsJsonText() throws Exception {
    Sender.Result r = slack().send(message("ALERT zone A \"quoted\" (A-01-02-B)"));

    LocalHttp.Received req = http.take(Duration.ofSeconds(5));
    assertInstanceOf(Sender.Sent.class, r);
    assertEquals("/services/T000/B000/XXXX", req.path());
    assertTrue(req.headers().get("content-type").startsWith("application/json"));
    assertEquals("{\"text\":\"ALERT zone A \\\"quoted\\\" (A-01-02-B)\"}", req.body());
  }

  @Test
  void rateLimitAndServerError_retry_butABadWebhookIsPermanent() {
    http.answer(new LocalHttp.Answer(429, "rate_limited", null),
        new LocalHttp.Answer(500, "oops", null),
        new LocalHttp.Answer(404, "no_service", null));
    SlackWebhook slack = slack();

    Sender.Result limited = slack.send(message("a"));
    Sender.Result broken = slack.send(message("b"));
    Sender.Result gone = slack.send(message("c"));

    assertInstanceOf(Sender.Retry.class, limited);
    assertInstanceOf(Sender.Retry.class, broken);
    assertTrue(assertInstanceOf(Sender.Permanent.class, gone).reason().contains("no_service"));
  }

  @Test
  void anErrorPageQuotingTheWebhookUrl_itsSecretPathIsNotKept() {
    http.answer(new LocalHttp.Answer(403, "<html>403 Forbidden: POST " + http.baseUrl()
        + "/services/T000/B000/XXXX denied by proxy</html>", null));

    Sender.Result r = slack().send(message("a"));

    String why = assertInstanceOf(Sender.Permanent.class, r).reason();
    assertFalse(why.contains("T000/B000/XXXX"), why);
    assertTrue(why.startsWith("Slack 403: <html>403 Forbidden: POST "), why);
    assertTrue(why.contains("/*** denied by proxy"), why);
  }

  @Test
  void slowAnswer_timesOut() {
    CountDownLatch hold = new CountDownLatch(1);
    http.answer(new LocalHttp.Answer(200, "ok", hold));

    SlackWebhook slack = new SlackWebhook(
        AlertTestConfig.local(http, "slack.timeout = 400ms").slack(), AlertTestConfig.env(http));

    Sender.Result r = slack.send(message("slow"));

    hold.countDown();
    assertTrue(assertInstanceOf(Sender.Retry.class, r).reason().contains("no answer"));
  }

  @Test
  void webhookUrl_fromAFile_whenTheEnvironmentHasNone(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("slack-url");
    Files.writeString(secret, http.baseUrl() + "/services/FROM/FILE\n");
    AlertSettings s = AlertTestConfig.settings("slack.webhook-url-file = \"" + secret + "\"");

    new SlackWebhook(s.slack(), Map.of()).send(message("x"));

    assertEquals("/services/FROM/FILE", http.take(Duration.ofSeconds(5)).path());
  }

  @Test
  void nothingListening_retryNamesTheHostNotTheSecretPath() throws Exception {
    String base = http.baseUrl();
    http.close(); // the port this test server had is now closed

    Sender.Result r = new SlackWebhook(AlertTestConfig.settings("").slack(),
        Map.of("DOCKCOUNT_SLACK_WEBHOOK_URL", base + "/services/T000/B000/SECRET"))
        .send(message("x"));

    String why = assertInstanceOf(Sender.Retry.class, r).reason();
    assertTrue(why.startsWith("Slack: cannot connect to 127.0.0.1"), why);
    assertFalse(why.contains("SECRET"), why);
  }

  @Test
  void noWebhookUrl_isRefusedAtStart() {
    AlertSettings s = AlertTestConfig.settings("");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SlackWebhook(s.slack(), Map.of()));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.slack: no webhook URL"));
  }

  @Test
  void noWebhookUrl_namesTheDefaultVariableLookedAt() {
    AlertSettings s = AlertTestConfig.settings("");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SlackWebhook(s.slack(), Map.of()));

    assertEquals("dockcount.alerts.slack: no webhook URL: DOCKCOUNT_SLACK_WEBHOOK_URL "
        + "(webhook-url-env) is not set in this environment and no webhook-url-file is given",
        e.getMessage());
  }
}
