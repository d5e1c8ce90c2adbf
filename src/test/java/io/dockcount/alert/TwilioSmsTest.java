package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.AlertOutbox;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK against a local stand-in for the Messages endpoint. */
final class TwilioSmsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private LocalHttp http;

  @BeforeEach
  void start() throws Exception {
    http = new LocalHttp();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private static AlertOutbox.Delivery sms(String body) {
    return new AlertOutbox.Delivery(1, "sms", AlertTestConfig.PHONE, "HIGH_VALUE", "A", body, 0);
  }

  private TwilioSms client(String more) {
    AlertSettings s = AlertTestConfig.local(http, more);
    return new TwilioSms(s.sms(), AlertTestConfig.env(http));
  }

  @Test
  void send_postsFormFieldsWithBasicAuth_toTheLocalServer() throws Exception {
    TwilioSms twilio = client("");

    Sender.Result r = twilio.send(sms("dockcount HIGH VALUE: zone A"));

    LocalHttp.Received req = http.take(WAIT);
    assertEquals("POST", req.method());
    assertEquals("/2010-04-01/Accounts/" + AlertTestConfig.SID + "/Messages.json", req.path());
    assertEquals(AlertTestConfig.PHONE, req.form().get("To"));
    assertEquals("+15550001111", req.form().get("From"));
    assertEquals("dockcount HIGH VALUE: zone A", req.form().get("Body"));
    assertEquals("600", req.form().get("ValidityPeriod"));
    String basic = Base64.getEncoder().encodeToString(
        (AlertTestConfig.SID + ":" + AlertTestConfig.TOKEN).getBytes(StandardCharsets.UTF_8));
    assertEquals("Basic " + basic, req.headers().get("authorization"));
    Sender.Sent sent = assertInstanceOf(Sender.Sent.class, r);
    assertTrue(sent.providerId().startsWith("SM"), sent.providerId());
  }

  @Test
  void send_withMessagingService_sendsItsSidInsteadOfFrom() throws Exception {
    TwilioSms twilio = client("sms.accounts.default { from = \"\", "
        + "messaging-service-sid = MG00000000000000000000000000000009 }\n"
        + "sms.validity-period = 90s");

    twilio.send(sms("hello"));

    LocalHttp.Received req = http.take(WAIT);
    assertEquals("MG00000000000000000000000000000009", req.form().get("MessagingServiceSid"));
    assertFalse(req.form().containsKey("From"));
    assertEquals("90", req.form().get("ValidityPeriod"));
  }

  @Test
  void rateLimitAndServerError_areRetried() throws Exception {
    TwilioSms twilio = client("");
    http.answer(LocalHttp.twilioError(429, 20429, "Too Many Requests"),
        LocalHttp.twilioError(500, 20500, "Internal Server Error"));

    Sender.Result limited = twilio.send(sms("a"));
    Sender.Result broken = twilio.send(sms("b"));

    assertTrue(assertInstanceOf(Sender.Retry.class, limited).reason().contains("429"));
    assertTrue(assertInstanceOf(Sender.Retry.class, broken).reason().contains("500"));
    assertEquals(2, http.all().size(), "one request each: the SDK's own retries are off");
  }

  @Test
  void serverErrorWhoseBodyGivesNoStatus_isRetried() throws Exception {
    // A 500 whose JSON has no "status": the SDK reads 0 from the body.
    http.answer(new LocalHttp.Answer(500, "{\"code\": 20500, \"message\": \"Internal\"}",
        null));

    Sender.Result r = client("").send(sms("c"));

    assertTrue(assertInstanceOf(Sender.Retry.class, r).reason().startsWith("Twilio 500 "),
        r.toString());
  }

  @Test
  void optedOutAndInvalidNumbers_arePermanent() throws Exception {
    TwilioSms twilio = client("");
    http.answer(LocalHttp.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"),
        LocalHttp.twilioError(400, 21211, "The 'To' number is not a valid phone number"));

    Sender.Result optedOut = twilio.send(sms("a"));
    Sender.Result invalid = twilio.send(sms("b"));

    assertTrue(assertInstanceOf(Sender.Permanent.class, optedOut).reason().contains("21610"));
    assertTrue(assertInstanceOf(Sender.Permanent.class, invalid).reason().contains("21211"));
  }

  @Test
  void slowAnswer_timesOutAndIsRetried() throws Exception {
    TwilioSms twilio = client("sms.read-timeout = 400ms");
    CountDownLatch hold = new CountDownLatch(1);
    http.answer(new LocalHttp.Answer(201, "{\"sid\": \"SMlate\"}", hold));
    long t0 = System.nanoTime();

    Sender.Result r = twilio.send(sms("slow"));

    long ms = (System.nanoTime() - t0) / 1_000_000;
    hold.countDown();
    assertInstanceOf(Sender.Retry.class, r);
    assertTrue(ms >= 350 && ms < 3000, "gave up after " + ms + " ms (read timeout 400ms)");
  }

  @Test
  void refusedConnection_isRetried() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    AlertSettings settings = AlertTestConfig.settings("sms.api-base-url = "
        + "\"http://127.0.0.1:" + closedPort + "\"\n"
        + "sms.accounts.default { account-sid = " + AlertTestConfig.SID
        + ", auth-token-env = TWILIO_TOKEN, from = \"+15550001111\" }");
    TwilioSms twilio = new TwilioSms(settings.sms(), Map.of("TWILIO_TOKEN", "t"));

    Sender.Result r = twilio.send(sms("nobody listens"));

    assertInstanceOf(Sender.Retry.class, r);
  }

  @Test
  void missingToken_isRefusedAtStartWithoutShowingSecrets() {
    AlertSettings s = AlertTestConfig.local(http, "");

    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new TwilioSms(s.sms(), Map.of()));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.sms.accounts.default: no auth token"),
        e.getMessage());
  }

  @Test
  void missingToken_namesTheVariableAndTheFileSettingLookedAt() {
    AlertSettings s = AlertTestConfig.local(http, "");

    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new TwilioSms(s.sms(), Map.of()));

    assertTrue(e.getMessage().endsWith(": no auth token: TWILIO_TOKEN (auth-token-env) is not "
        + "set in this environment and no auth-token-file is given"), e.getMessage());
  }
}
