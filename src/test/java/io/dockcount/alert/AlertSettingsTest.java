package io.dockcount.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading and checking dockcount.alerts. */
final class AlertSettingsTest {

  @Test
  void defaults_areDryRunWithRadioOff_andTheDocumentedPins() {
    AlertSettings s = AlertTestConfig.settings("");

    assertTrue(s.dryRun());
    assertFalse(s.radio().enabled());
    assertEquals(17, s.radio().pttPin());
    assertEquals(27, s.radio().chimePin());
    assertEquals(List.of("pinctrl-rp1", "pinctrl-bcm2711"), s.radio().expectedChipLabels());
    assertEquals(Set.of(AlertSettings.Channel.RADIO, AlertSettings.Channel.SMS,
        AlertSettings.Channel.SLACK), s.channels().get(Alert.Kind.HIGH_VALUE));
    assertEquals("", s.sms().apiBaseUrl(), "production talks to the SDK's own host only");
  }

  @Test
  void supervisors_perZone_withAFallback() {
    AlertSettings s = AlertTestConfig.settings(
        "supervisors { A = [\"+15551230001\"], \"*\" = [\"+15551230009\"] }");

    assertEquals(List.of("+15551230001"), s.supervisorsOf("A"));
    assertEquals(List.of("+15551230009"), s.supervisorsOf("COLD ROOM"));
  }

  @Test
  void badPhoneNumber_isRefusedWithTheNumberMasked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("supervisors { A = [\"555-123-4567\"] }"));

    assertEquals("dockcount.alerts.supervisors.A: '55******4567' is not a phone number in "
        + "E.164 form (+15551234567)", e.getMessage());
  }

  @Test
  void unknownChannel_andAccountWithBothSenders_areRefused() {
    IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("channels.recount = [pager]"));
    IllegalArgumentException account = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("sms.accounts.default { account-sid = "
            + AlertTestConfig.SID + ", from = \"+15550001111\", "
            + "messaging-service-sid = MG00000000000000000000000000000009 }"));

    assertTrue(channel.getMessage().startsWith("dockcount.alerts.channels.recount: unknown "
        + "channel 'pager'"), channel.getMessage());
    assertTrue(account.getMessage().startsWith("dockcount.alerts.sms.accounts.default: set "
        + "exactly one of from and messaging-service-sid"), account.getMessage());
  }

  @Test
  void accountMistakes_secretInTheFile_misspeltKey_badSender_placeholderSid_refused() {
    String sid = "account-sid = " + AlertTestConfig.SID + ", ";
    java.util.function.Function<String, String> refusal = account -> assertThrows(
        IllegalArgumentException.class, () -> AlertTestConfig.settings(
            "sms.accounts.night { " + account + " }")).getMessage();

    assertEquals("dockcount.alerts.sms.accounts.night.auth-token: a secret never goes in the "
        + "config file: put it in the environment (auth-token-env, default "
        + "DOCKCOUNT_TWILIO_AUTH_TOKEN, e.g. in secrets.env) or a file (auth-token-file)",
        refusal.apply(sid + "from = \"+15550001111\", auth-token = abcdef0123456789"));
    assertEquals("dockcount.alerts.sms.accounts.night.fromm is not a known setting (misspelt?); "
        + "an account has [account-sid, auth-token-env, auth-token-file, from, "
        + "messaging-service-sid]", refusal.apply(sid + "fromm = \"+15550001111\""));
    assertEquals("dockcount.alerts.sms.accounts.night.api-base-url is a setting of the whole "
        + "sms block, for every account: write it as dockcount.alerts.sms.api-base-url, not "
        + "inside an account", refusal.apply(sid + "from = \"+15550001111\", "
            + "api-base-url = \"http://127.0.0.1:21771\""));
    assertEquals("dockcount.alerts.sms.accounts.night.read-timeout is a setting of the whole "
        + "sms block, for every account: write it as dockcount.alerts.sms.read-timeout, not "
        + "inside an account", refusal.apply(sid + "from = \"+15550001111\", read-timeout = 5s"));
    assertEquals("dockcount.alerts.sms.accounts.night.from: '5550001111' is not a phone number "
        + "in E.164 form (+15551234567)", refusal.apply(sid + "from = \"5550001111\""));
    assertEquals("dockcount.alerts.sms.accounts.night.account-sid: a Twilio account SID (AC "
        + "and 32 hex digits), was 'AC...'",
        refusal.apply("account-sid = \"AC...\", from = \"+15550001111\""));
    assertEquals("dockcount.alerts.sms.accounts.night.messaging-service-sid: a Twilio messaging "
        + "service SID (MG and 32 hex digits), was 'MG...'",
        refusal.apply(sid + "messaging-service-sid = \"MG...\""));
  }

  @Test
  void quietHours_spanningMidnight() {
    AlertSettings.QuietHours q = AlertTestConfig.settings(
        "quiet-hours { start = \"22:00\", end = \"06:00\", zone-id = UTC }").quietHours();

    assertTrue(q.contains(Instant.parse("2026-03-02T23:59:00Z")));
    assertTrue(q.contains(Instant.parse("2026-03-03T05:59:00Z")));
    assertFalse(q.contains(Instant.parse("2026-03-03T06:00:00Z")));
    assertFalse(q.contains(Instant.parse("2026-03-03T12:00:00Z")));
  }

  @Test
  void maxKey_mustExceedLeadAndTail() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertTestConfig.settings("radio { lead = 1s, tail = 1s, max-key = 2s }"));

    assertTrue(e.getMessage().startsWith("dockcount.alerts.radio.max-key"), e.getMessage());
  }

  @Test
  void mask_keepsTheCountryPrefixAndLastFourDigits() {
    assertEquals("+1******4567", AlertSettings.mask("+15551234567"));
    assertEquals("******", AlertSettings.mask("+1234"));
    assertEquals("Twilio 400 error 21610: Attempt to send to unsubscribed recipient +1******4321",
        AlertSettings.maskNumbers("Twilio 400 error 21610: Attempt to send to unsubscribed "
            + "recipient +15557654321"));
    assertEquals("The 'To' number 15*****4567 is not valid; nor +1******4567 (error 21211)",
        AlertSettings.maskNumbers("The 'To' number 15551234567 is not valid; nor "
            + "+1 555-123-4567 (error 21211)"));
  }
}
